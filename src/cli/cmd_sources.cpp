// SPDX-License-Identifier: MIT
// `archiver sources list|show|check|add` (SPEC §2): the configured sources and their state.
#include "context.hpp"
#include "sources_cmd.hpp"

#include <algorithm>
#include <archiver/core/error.hpp>
#include <archiver/core/time.hpp>
#include <archiver/core/url.hpp>
#include <archiver/store/store.hpp>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <variant>

namespace archiver::cli {
namespace {

struct SourcesOptions {
    CLI::App* list = nullptr;
    CLI::App* show = nullptr;
    CLI::App* check = nullptr;
    CLI::App* add = nullptr;
    std::string show_name;
    sources::CheckOptions check_options;
    sources::AddOptions add_options;
};

SourcesOptions& options() {
    static SourcesOptions opts;
    return opts;
}

std::string when(std::int64_t epoch) {
    if (epoch <= 0) {
        return "-";
    }
    return format_pattern(in_zone(DateTime{epoch, 0}, TimeZone()), "%Y-%m-%d %H:%M:%SZ");
}

struct Row {
    std::string name, type, last_fetch, last_error, items, next_due;
};

// Operational state and article counts from the index; empty when there is no index yet.
struct StoreView {
    std::map<std::string, store::SourceState> states;
    std::map<std::string, std::int64_t> articles;
};

StoreView read_store(const archive::RunContext& ctx, const std::vector<Source>& list) {
    StoreView view;
    if (!std::filesystem::exists(ctx.paths.database)) {
        return view;
    }
    store::Store db = store::Store::open(ctx.paths.database, store::OpenMode::read_only);
    for (const auto& s : db.stats().sources) {
        view.articles[s.source] = s.articles;
    }
    for (const Source& source : list) {
        if (auto state = db.source_state(source.name)) {
            view.states[source.name] = *state;
        }
    }
    return view;
}

std::string next_due(const Source& source, const store::SourceState* state) {
    if (!source.enabled) {
        return "disabled";
    }
    if (state == nullptr || state->last_attempt == 0) {
        return "now";
    }
    const std::int64_t due =
        std::max(state->last_attempt + source.interval_seconds, state->backoff_until);
    return due <= std::time(nullptr) ? "now" : when(due);
}

void print_config_errors(const archive::RunContext& ctx) {
    for (const Error& e : ctx.config_errors) {
        std::cerr << "archiver: " << e.message << "\n";
    }
}

int run_list(const archive::RunContext& ctx) {
    const StoreView view = read_store(ctx, ctx.sources);
    std::vector<Row> rows{{"NAME", "TYPE", "LAST FETCH", "LAST ERROR", "ITEMS", "NEXT DUE"}};
    for (const Source& source : ctx.sources) {
        auto it = view.states.find(source.name);
        const store::SourceState* state = it == view.states.end() ? nullptr : &it->second;
        auto count = view.articles.find(source.name);
        rows.push_back({source.name,
                        sources::type_name(source.type),
                        state ? when(state->last_attempt) : "-",
                        state && !state->last_error.empty() ? state->last_error : "-",
                        std::to_string(count == view.articles.end() ? 0 : count->second),
                        next_due(source, state)});
    }
    std::array<std::size_t, 5> width{};
    for (const Row& r : rows) {
        const std::array<const std::string*, 5> cells{
            &r.name, &r.type, &r.last_fetch, &r.last_error, &r.items};
        for (std::size_t i = 0; i < cells.size(); ++i) {
            width[i] = std::max(width[i], std::min<std::size_t>(cells[i]->size(), 40));
        }
    }
    for (const Row& r : rows) {
        const std::array<const std::string*, 5> cells{
            &r.name, &r.type, &r.last_fetch, &r.last_error, &r.items};
        for (std::size_t i = 0; i < cells.size(); ++i) {
            std::string cell = *cells[i];
            if (cell.size() > 40) {
                cell = cell.substr(0, 37) + "...";
            }
            std::cout << cell << std::string(width[i] - std::min(width[i], cell.size()) + 2, ' ');
        }
        std::cout << r.next_due << "\n";
    }
    print_config_errors(ctx);
    return ctx.config_errors.empty() ? exit_code::k_ok : exit_code::k_partial;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        out += (out.empty() ? "" : ", ") + s;
    }
    return out;
}

void show_field(const char* key, const std::string& value) {
    if (!value.empty()) {
        std::cout << "  " << key << ": " << value << "\n";
    }
}

int run_show(const archive::RunContext& ctx, const std::string& name) {
    auto it = std::find_if(
        ctx.sources.begin(), ctx.sources.end(), [&](const Source& s) { return s.name == name; });
    if (it == ctx.sources.end()) {
        print_config_errors(ctx);
        std::cerr << "archiver: no source named \"" << name << "\" in "
                  << ctx.paths.feeds_dir.string() << "\n";
        return exit_code::k_usage;
    }
    const Source& s = *it;
    std::cout << s.name << " (" << s.file << ")\n";
    show_field("title", s.title);
    show_field("url", s.url);
    show_field("type", sources::type_name(s.type));
    show_field("lang", s.lang);
    show_field("timezone", s.timezone.empty() ? "UTC" : s.timezone);
    show_field("categories", join(s.categories));
    show_field("tags", join(s.tags));
    show_field("interval", std::to_string(s.interval_seconds) + "s");
    show_field("full_text",
               s.full_text == FullText::always  ? "true"
               : s.full_text == FullText::never ? "false"
                                                : "auto");
    show_field("max_items", s.max_items == 0 ? "" : std::to_string(s.max_items));
    show_field("encoding", s.encoding);
    show_field("enabled", s.enabled ? "true" : "false");
    show_field("images", s.images == ImageMode::local ? "local" : "remote");
    show_field("dedupe", s.dedupe == DedupePolicy::keep ? "keep" : "skip");
    for (const auto& [k, v] : s.headers) {
        show_field(("header " + k).c_str(), v);
    }
    const auto& e = s.extract;
    if (!e.title.empty() || !e.date.empty() || !e.author.empty() || !e.body.empty()) {
        std::cout << "  [extract]\n";
        show_field("  title", e.title);
        show_field("  date", e.date);
        show_field("  author", e.author);
        show_field("  body", e.body);
        show_field("  remove", join(e.remove));
        show_field("  date_format", join(e.date_formats));
    }
    if (s.type == SourceType::html || !s.list.item.empty() || !s.list.link.empty() ||
        s.list.max_pages != 1) {
        std::cout << "  [list]\n";
        show_field("  item", s.list.item);
        show_field("  link", s.list.link);
        show_field("  title", s.list.title);
        show_field("  date", s.list.date);
        show_field("  next", s.list.next);
        show_field("  max_pages", std::to_string(s.list.max_pages));
    }
    if (s.type == SourceType::json) {
        const auto& j = s.json;
        std::cout << "  [json]\n";
        for (const auto& [k, v] : {std::pair{"items", j.items},
                                   {"id", j.id},
                                   {"title", j.title},
                                   {"link", j.link},
                                   {"link_template", j.link_template},
                                   {"date", j.date},
                                   {"summary", j.summary},
                                   {"author", j.author}}) {
            show_field((std::string("  ") + k).c_str(), v);
        }
    }
    if (!s.front_matter.empty()) {
        std::cout << "  [front_matter]\n";
        for (const auto& [k, v] : s.front_matter) {
            std::string text;
            if (const auto* str = std::get_if<std::string>(&v)) {
                text = "\"" + *str + "\"";
            } else if (const auto* b = std::get_if<bool>(&v)) {
                text = *b ? "true" : "false";
            } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
                text = std::to_string(*i);
            } else {
                text = "[" + join(std::get<std::vector<std::string>>(v)) + "]";
            }
            std::cout << "    " << k << ": " << text << "\n";
        }
    }
    const StoreView view = read_store(ctx, {s});
    auto st = view.states.find(s.name);
    const store::SourceState* state = st == view.states.end() ? nullptr : &st->second;
    std::cout << "  state:\n";
    show_field("  last fetch", state ? when(state->last_attempt) : "-");
    show_field("  last success", state ? when(state->last_success) : "-");
    show_field("  last error", state && !state->last_error.empty() ? state->last_error : "-");
    show_field("  failures in a row", state ? std::to_string(state->consecutive_failures) : "0");
    show_field("  redirected to", state ? state->redirected_url : "");
    auto count = view.articles.find(s.name);
    show_field("  items", std::to_string(count == view.articles.end() ? 0 : count->second));
    show_field("  next due", next_due(s, state));
    return exit_code::k_ok;
}

void setup_sources(CLI::App& app) {
    SourcesOptions& o = options();
    app.require_subcommand(1, 1);
    o.list = app.add_subcommand("list", "Configured sources with their state");
    o.show = app.add_subcommand("show", "One source's settings and state");
    o.show->add_option("name", o.show_name, "Source name")->required();
    o.check =
        app.add_subcommand("check",
                           "Run one source without storing: what would be archived, and which rule "
                           "matched each field");
    o.check->add_option("name", o.check_options.name, "Source name")->required();
    o.check->add_option("--from",
                        o.check_options.from,
                        "Read the feed or list from this FILE or URL instead of the source's URL");
    o.check->add_option("--article",
                        o.check_options.article,
                        "Use this FILE as the first item's page instead of fetching it");
    o.check->add_option("--items", o.check_options.items, "How many items to extract")
        ->check(CLI::Range(0, 100));
    o.check->add_option("--now",
                        o.check_options.now,
                        "Pin the current time for relative dates (RFC 3339 or epoch seconds)");
    o.add = app.add_subcommand("add", "Discover a site's feed and write feeds.d/NAME.toml");
    o.add->add_option("url", o.add_options.url, "A page or feed URL")->required();
    o.add->add_option("--name", o.add_options.name, "Source name (default: from the host)");
    o.add->add_flag("--force", o.add_options.force, "Overwrite an existing feeds.d file");
}

int run_sources(const GlobalOptions& global) {
    SourcesOptions& o = options();
    archive::RunContext ctx;
    try {
        ctx = load_context(global);
    } catch (const UsageError& e) {
        std::cerr << "archiver: " << e.what() << "\n";
        return exit_code::k_usage;
    }
    if (o.list->parsed()) {
        return run_list(ctx);
    }
    if (o.show->parsed()) {
        return run_show(ctx, o.show_name);
    }
    if (o.check->parsed()) {
        return sources::run_check(ctx, o.check_options);
    }
    return sources::run_add(ctx, o.add_options);
}

const bool k_registered = register_command(Command{
    "sources", "List, show, check and add sources (feeds.d/)", 60, setup_sources, run_sources});

} // namespace
} // namespace archiver::cli
