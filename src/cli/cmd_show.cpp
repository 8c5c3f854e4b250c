// SPDX-License-Identifier: MIT
// `archiver show ID|URL`: one article with its index record, and every dedupe decision
// about it explained (why it is a duplicate, which copies were judged duplicates of it).
#include "app.hpp"
#include "query_common.hpp"

#include <archiver/archive/record.hpp>

#include <nlohmann/json.hpp>

#include <iostream>

namespace archiver::cli {
namespace {

using Json = nlohmann::ordered_json;

struct ShowOptions {
    std::string target;
    std::string format = "table";
};

ShowOptions& options() {
    static ShowOptions opts;
    return opts;
}

void setup_show(CLI::App& app) {
    auto& o = options();
    app.add_option("target", o.target, "Article id, or a URL it was archived or skipped under")
        ->required();
    app.add_option("--format", o.format, "Output format")
        ->check(CLI::IsMember({"table", "tsv", "json"}));
}

std::string when(std::int64_t epoch) { return format_utc(DateTime{epoch, 0}); }

Json decision_json(const store::DuplicateRecord& d) {
    return Json{{"source", d.source},
                {"guid", d.guid},
                {"url", d.url},
                {"title", d.title},
                {"original_id", d.original_id},
                {"reason", d.reason},
                {"explanation", store::explain_reason(d.reason)},
                {"kept_as", d.article_id ? Json(*d.article_id) : Json(nullptr)},
                {"at", when(d.at)}};
}

// What the index knows about `r`'s duplicates, as lines of "key: value".
std::vector<std::pair<std::string, std::string>> dedupe_lines(const store::Store& s,
                                                              const store::ArticleRecord& r,
                                                              Json& json) {
    std::vector<std::pair<std::string, std::string>> lines;
    if (r.duplicate_of) {
        const auto original = s.get_article(*r.duplicate_of);
        std::string text = "of #" + std::to_string(*r.duplicate_of);
        if (original) {
            text += " \"" + original->title + "\" (" + original->source + ")";
        }
        text += ": " + store::explain_reason(r.duplicate_reason);
        lines.emplace_back("duplicate", text);
        json["duplicate_of"] = *r.duplicate_of;
        json["reason"] = r.duplicate_reason;
        json["explanation"] = store::explain_reason(r.duplicate_reason);
    }
    Json copies = Json::array();
    for (const auto& d : s.duplicates_of(r.id)) {
        std::string text = d.article_id ? "#" + std::to_string(*d.article_id) + " kept"
                                        : "skipped";
        text += " from " + d.source + " (" + (d.url.empty() ? d.guid : d.url) + ") on " +
                when(d.at) + ": " + store::explain_reason(d.reason);
        lines.emplace_back("copy", text);
        copies.push_back(decision_json(d));
    }
    json["copies"] = std::move(copies);
    Json revs = Json::array();
    for (const auto& rev : s.revisions(r.id)) {
        lines.emplace_back("revision", when(rev.at) + " (previous " + rev.previous_hash + ")");
        revs.push_back({{"at", when(rev.at)}, {"previous_hash", rev.previous_hash}});
    }
    json["revisions"] = std::move(revs);
    return lines;
}

void print_lines(const std::vector<std::pair<std::string, std::string>>& lines, bool tsv) {
    for (const auto& [key, value] : lines) {
        if (tsv) {
            std::cout << key << '\t' << tsv_field(value) << '\n';
        } else {
            std::cout << pad(key + ":", 14) << value << '\n';
        }
    }
}

int show_skipped(const std::vector<store::DuplicateRecord>& decisions,
                 const store::Store& s,
                 const ShowOptions& o) {
    if (o.format == "json") {
        Json out = Json::array();
        for (const auto& d : decisions) {
            out.push_back(decision_json(d));
        }
        std::cout << Json{{"archived", false}, {"decisions", out}}.dump() << '\n';
        return exit_code::k_ok;
    }
    for (const auto& d : decisions) {
        const auto original = s.get_article(d.original_id);
        std::vector<std::pair<std::string, std::string>> lines{
            {"not archived", d.url.empty() ? d.guid : d.url},
            {"source", d.source},
            {"title", d.title},
            {"judged", when(d.at)},
            {"duplicate", "of #" + std::to_string(d.original_id) +
                              (original ? " \"" + original->title + "\" (" + original->source +
                                              ")"
                                        : std::string()) +
                              ": " + store::explain_reason(d.reason)}};
        print_lines(lines, o.format == "tsv");
    }
    return exit_code::k_ok;
}

int run_show(const GlobalOptions& global) {
    return guarded_command([&] {
        const auto& o = options();
        auto rc = open_for_reading(global);
        std::optional<store::ArticleRecord> r;
        if (rc.store) {
            if (o.target.find_first_not_of("0123456789") == std::string::npos &&
                !o.target.empty()) {
                r = rc.store->get_article(std::stoll(o.target));
            } else {
                r = rc.store->find_by_url(o.target);
                if (!r) {
                    const auto decisions = rc.store->duplicate_decisions_for_url(o.target);
                    if (!decisions.empty()) {
                        return show_skipped(decisions, *rc.store, o);
                    }
                }
            }
        }
        if (!r) {
            std::cerr << "archiver: no archived article " << o.target << "\n";
            return exit_code::k_partial;
        }
        Json dedupe = Json::object();
        const auto extra = dedupe_lines(*rc.store, *r, dedupe);
        const auto file = rc.ctx.paths.archive_dir / r->path;
        auto doc = archive::read_document(file);
        if (o.format == "json") {
            Json item = doc ? Json::parse(archive::item_json(*doc, r->path)) : Json::object();
            item["dedupe"] = std::move(dedupe);
            std::cout << item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                      << '\n';
            return doc ? exit_code::k_ok : exit_code::k_partial;
        }
        std::vector<std::pair<std::string, std::string>> lines{
            {"id", std::to_string(r->id)},
            {"title", r->title},
            {"source", r->source},
            {"date", r->date ? format_rfc3339(*r->date) : "-"},
            {"url", r->source_url},
            {"guid", r->guid},
            {"author", r->author.empty() ? "-" : r->author},
            {"fetched", when(r->fetched)},
            {"content hash", r->content_hash},
            {"file", file.string()}};
        lines.insert(lines.end(), extra.begin(), extra.end());
        if (!doc) {
            lines.emplace_back("warning", doc.error().message);
        }
        print_lines(lines, o.format == "tsv");
        if (o.format == "table" && !r->summary.empty()) {
            std::cout << "\n" << r->summary << "\n";
        }
        return doc ? exit_code::k_ok : exit_code::k_partial;
    });
}

const bool k_registered = register_command(Command{
    "show", "Show one article and explain its dedupe decisions", 61, setup_show, run_show});

} // namespace
} // namespace archiver::cli
