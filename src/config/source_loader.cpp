// SPDX-License-Identifier: MIT
// feeds.d/*.toml and archiver.toml. Every error names the file, the line and the key, and
// unknown keys are errors (a typo must not silently change what is archived).
#include <archiver/config/config.hpp>
#include <archiver/core/time.hpp>
#include <archiver/core/url.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace archiver::config {
namespace {

struct ConfigError {
    std::string message;
};

class Reader {
public:
    Reader(const toml::table& table, std::string file, std::string prefix = {})
        : m_table(table), m_file(std::move(file)), m_prefix(std::move(prefix)) {}

    [[noreturn]] void fail(const toml::node* node, std::string_view key, std::string_view what) const {
        std::ostringstream os;
        os << m_file;
        if (node != nullptr && node->source().begin.line > 0) {
            os << ":" << node->source().begin.line;
        }
        os << ": key '" << m_prefix << key << "': " << what;
        throw ConfigError{os.str()};
    }

    const toml::node* get(std::string_view key) const { return m_table.get(key); }

    void string(std::string_view key, std::string& out) const {
        if (const auto* n = get(key)) {
            if (auto v = n->value<std::string>()) {
                out = *v;
            } else {
                fail(n, key, "expected a string");
            }
        }
    }
    void boolean(std::string_view key, bool& out) const {
        if (const auto* n = get(key)) {
            if (auto v = n->value<bool>(); v && n->is_boolean()) {
                out = *v;
            } else {
                fail(n, key, "expected true or false");
            }
        }
    }
    template <typename Int> void integer(std::string_view key, Int& out, std::int64_t lo, std::int64_t hi) const {
        if (const auto* n = get(key)) {
            auto v = n->value<std::int64_t>();
            if (!v || !n->is_integer()) {
                fail(n, key, "expected an integer");
            }
            if (*v < lo || *v > hi) {
                fail(n, key, "out of range (" + std::to_string(lo) + ".." + std::to_string(hi) + ")");
            }
            out = static_cast<Int>(*v);
        }
    }
    void string_list(std::string_view key, std::vector<std::string>& out) const {
        const auto* n = get(key);
        if (n == nullptr) {
            return;
        }
        if (auto s = n->value<std::string>(); s && n->is_string()) {
            out = {*s};
            return;
        }
        const auto* arr = n->as_array();
        if (arr == nullptr) {
            fail(n, key, "expected a list of strings");
        }
        out.clear();
        for (const auto& item : *arr) {
            auto v = item.value<std::string>();
            if (!v || !item.is_string()) {
                fail(&item, key, "expected a list of strings");
            }
            out.push_back(*v);
        }
    }
    void duration(std::string_view key, std::int64_t& seconds) const {
        if (const auto* n = get(key)) {
            if (n->is_integer()) {
                seconds = *n->value<std::int64_t>();
                return;
            }
            auto v = n->value<std::string>();
            auto d = v ? parse_duration(*v) : std::nullopt;
            if (!d) {
                fail(n, key, "expected a duration such as \"30m\", \"6h\" or \"1d\"");
            }
            seconds = *d;
        }
    }
    template <typename E>
    void enumeration(std::string_view key, E& out, std::initializer_list<std::pair<std::string_view, E>> values) const {
        const auto* n = get(key);
        if (n == nullptr) {
            return;
        }
        std::string text;
        if (auto b = n->value<bool>(); b && n->is_boolean()) {
            text = *b ? "true" : "false";
        } else if (auto s = n->value<std::string>()) {
            text = *s;
        }
        std::string allowed;
        for (const auto& [name, value] : values) {
            if (name == text) {
                out = value;
                return;
            }
            allowed += allowed.empty() ? "" : ", ";
            allowed += name;
        }
        fail(n, key, "expected one of: " + allowed);
    }
    void only(std::initializer_list<std::string_view> known) const { only_range(known); }
    template <typename Range> void only_range(const Range& known) const {
        for (const auto& [k, v] : m_table) {
            if (std::find(known.begin(), known.end(), k.str()) == known.end()) {
                fail(&v, k.str(), "unknown key");
            }
        }
    }
    const toml::table* table(std::string_view key) const {
        const auto* n = get(key);
        if (n == nullptr) {
            return nullptr;
        }
        if (!n->is_table()) {
            fail(n, key, "expected a table");
        }
        return n->as_table();
    }
    Reader sub(const toml::table& t, std::string_view key) const {
        return Reader(t, m_file, m_prefix + std::string(key) + ".");
    }
    const std::string& file() const { return m_file; }

private:
    const toml::table& m_table;
    std::string m_file;
    std::string m_prefix;
};

FrontMatterValue front_matter_value(const Reader& r, const toml::node& n, std::string_view key) {
    if (n.is_string()) {
        return *n.value<std::string>();
    }
    if (n.is_boolean()) {
        return *n.value<bool>();
    }
    if (n.is_integer()) {
        return *n.value<std::int64_t>();
    }
    if (const auto* arr = n.as_array()) {
        std::vector<std::string> items;
        for (const auto& item : *arr) {
            if (!item.is_string()) {
                r.fail(&item, key, "lists must hold strings");
            }
            items.push_back(*item.value<std::string>());
        }
        return items;
    }
    r.fail(&n, key, "expected a string, boolean, integer or list of strings");
}

// Reads the keys every source file and `[defaults]` share.
void read_source_keys(const Reader& r, Source& s) {
    r.string("title", s.title);
    r.string("url", s.url);
    r.enumeration("type", s.type,
                  {{"auto", SourceType::automatic},
                   {"feed", SourceType::feed},
                   {"html", SourceType::html},
                   {"json", SourceType::json}});
    r.string("lang", s.lang);
    r.string("timezone", s.timezone);
    if (const auto* n = r.get("timezone"); n != nullptr && !TimeZone::from_name(s.timezone)) {
        r.fail(n, "timezone", "unknown time zone \"" + s.timezone + "\"");
    }
    r.string_list("categories", s.categories);
    r.string_list("tags", s.tags);
    r.duration("interval", s.interval_seconds);
    r.enumeration("full_text", s.full_text,
                  {{"auto", FullText::automatic},
                   {"true", FullText::always},
                   {"false", FullText::never}});
    r.integer("max_items", s.max_items, 0, 1'000'000);
    r.string("encoding", s.encoding);
    r.string("cookies", s.cookies);
    r.string("user_agent", s.user_agent);
    r.enumeration("images", s.images, {{"remote", ImageMode::remote}, {"local", ImageMode::local}});
    r.enumeration("dedupe", s.dedupe, {{"skip", DedupePolicy::skip}, {"keep", DedupePolicy::keep}});
    r.boolean("enabled", s.enabled);
    if (const auto* t = r.table("headers")) {
        s.headers.clear();
        for (const auto& [k, v] : *t) {
            auto value = v.value<std::string>();
            if (!value || !v.is_string()) {
                r.fail(&v, "headers." + std::string(k.str()), "expected a string");
            }
            s.headers.emplace_back(std::string(k.str()), *value);
        }
    }
    if (const auto* t = r.table("extract")) {
        Reader e = r.sub(*t, "extract");
        e.only({"title", "date", "author", "body", "remove", "date_format"});
        e.string("title", s.extract.title);
        e.string("date", s.extract.date);
        e.string("author", s.extract.author);
        e.string("body", s.extract.body);
        e.string_list("remove", s.extract.remove);
        e.string_list("date_format", s.extract.date_formats);
    }
    if (const auto* t = r.table("list")) {
        Reader l = r.sub(*t, "list");
        l.only({"item", "link", "title", "date", "next", "max_pages"});
        l.string("item", s.list.item);
        l.string("link", s.list.link);
        l.string("title", s.list.title);
        l.string("date", s.list.date);
        l.string("next", s.list.next);
        l.integer("max_pages", s.list.max_pages, 1, 1000);
    }
    if (const auto* t = r.table("json")) {
        Reader j = r.sub(*t, "json");
        j.only({"items", "id", "title", "link", "link_template", "date", "summary", "author"});
        j.string("items", s.json.items);
        j.string("id", s.json.id);
        j.string("title", s.json.title);
        j.string("link", s.json.link);
        j.string("link_template", s.json.link_template);
        j.string("date", s.json.date);
        j.string("summary", s.json.summary);
        j.string("author", s.json.author);
    }
    if (const auto* t = r.table("front_matter")) {
        // toml++ tables are unordered; keep the file's order by source position.
        std::vector<std::pair<const toml::node*, std::string>> keys;
        for (const auto& [k, v] : *t) {
            keys.emplace_back(&v, std::string(k.str()));
        }
        std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
            const auto& sa = a.first->source().begin;
            const auto& sb = b.first->source().begin;
            return sa.line != sb.line ? sa.line < sb.line : sa.column < sb.column;
        });
        for (const auto& [node, key] : keys) {
            auto value = front_matter_value(r, *node, "front_matter." + key);
            auto it = std::find_if(s.front_matter.begin(), s.front_matter.end(),
                                   [&](const auto& p) { return p.first == key; });
            if (it != s.front_matter.end()) {
                it->second = std::move(value);
            } else {
                s.front_matter.emplace_back(key, std::move(value));
            }
        }
    }
}

// A source name becomes a folder of the archive: only [A-Za-z0-9._-], no leading dot.
bool is_safe_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '.' || name.front() == '-') {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

constexpr std::array<std::string_view, 22> k_source_keys = {
    "name", "title", "url", "type", "lang", "timezone", "categories", "tags", "interval",
    "full_text", "max_items", "encoding", "headers", "cookies", "user_agent", "extract",
    "list", "json", "front_matter", "images", "dedupe", "enabled"};

toml::table parse_toml(std::string_view text, const std::string& file) {
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        std::ostringstream os;
        os << file << ":" << e.source().begin.line << ": " << e.description();
        throw ConfigError{os.str()};
    }
}

std::string read_whole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ConfigError{path.string() + ": cannot read"};
    }
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

Result<Source> parse_source(std::string_view text,
                            const std::string& file,
                            const std::string& stem,
                            const Source& defaults) {
    try {
        const toml::table table = parse_toml(text, file);
        Reader r(table, file);
        r.only_range(k_source_keys);
        Source s = defaults;
        s.file = file;
        s.name = stem;
        r.string("name", s.name);
        read_source_keys(r, s);
        if (!is_safe_name(s.name)) {
            r.fail(r.get("name"), "name",
                   "\"" + s.name + "\" is not a safe source name (letters, digits, '.', '_', '-')");
        }
        if (s.url.empty()) {
            throw ConfigError{file + ": key 'url': missing (the feed, list page or JSON endpoint)"};
        }
        if (!url::is_http(s.url)) {
            r.fail(r.get("url"), "url", "only http and https URLs can be fetched");
        }
        if (s.title.empty()) {
            s.title = s.name;
        }
        if (s.type == SourceType::html && s.list.link.empty() && s.list.item.empty()) {
            throw ConfigError{file + ": key 'list': type = \"html\" needs [list] item or link selectors"};
        }
        if (s.type == SourceType::json && s.json.items.empty()) {
            throw ConfigError{file + ": key 'json.items': type = \"json\" needs the items path"};
        }
        return s;
    } catch (const ConfigError& e) {
        return unexpected(Error{Stage::config, e.message});
    }
}

Result<GlobalConfig> load_global(Paths& paths) {
    GlobalConfig g;
    std::error_code ec;
    if (!std::filesystem::exists(paths.config_file, ec)) {
        return g;
    }
    try {
        const std::string file = paths.config_file.string();
        const toml::table table = parse_toml(read_whole(paths.config_file), file);
        Reader r(table, file);
        r.only({"user_agent", "jobs", "per_host", "per_host_delay", "connect_timeout",
                "timeout", "max_body_size", "max_redirects", "retries", "date_format",
                "archive_dir", "database", "defaults"});
        r.string("user_agent", g.user_agent);
        r.integer("jobs", g.jobs, 1, 256);
        r.integer("per_host", g.per_host, 1, 64);
        std::int64_t seconds = -1;
        r.duration("per_host_delay", seconds);
        if (seconds >= 0) {
            g.per_host_delay_ms = seconds * 1000;
        }
        seconds = -1;
        r.duration("connect_timeout", seconds);
        if (seconds > 0) {
            g.connect_timeout_ms = seconds * 1000;
        }
        seconds = -1;
        r.duration("timeout", seconds);
        if (seconds > 0) {
            g.timeout_ms = seconds * 1000;
        }
        r.integer("max_body_size", g.max_body_bytes, 1024, std::int64_t{1} << 34);
        r.integer("max_redirects", g.max_redirects, 0, 50);
        r.integer("retries", g.retries, 0, 10);
        r.string("date_format", g.date_format);
        std::string archive_dir, database;
        r.string("archive_dir", archive_dir);
        r.string("database", database);
        const auto base = paths.config_file.parent_path();
        if (!archive_dir.empty()) {
            paths.archive_dir = base / archive_dir;
        }
        if (!database.empty()) {
            paths.database = base / database;
            paths.lock_file = paths.database.parent_path() / "archiver.lock";
        }
        if (const auto* t = r.table("defaults")) {
            Reader d = r.sub(*t, "defaults");
            d.only({"lang", "timezone", "categories", "tags", "interval", "full_text",
                    "max_items", "encoding", "headers", "cookies", "user_agent", "extract",
                    "front_matter", "images", "dedupe", "enabled"});
            read_source_keys(d, g.defaults);
        }
        return g;
    } catch (const ConfigError& e) {
        return unexpected(Error{Stage::config, e.message});
    }
}

LoadedSources load_sources(const std::filesystem::path& feeds_dir, const GlobalConfig& global) {
    LoadedSources out;
    std::error_code ec;
    if (!std::filesystem::is_directory(feeds_dir, ec)) {
        return out;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(feeds_dir, ec)) {
        if (entry.path().extension() == ".toml" && entry.is_regular_file(ec)) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::set<std::string> names;
    for (const auto& path : files) {
        Result<Source> s = [&]() -> Result<Source> {
            try {
                return parse_source(read_whole(path), path.string(), path.stem().string(),
                                    global.defaults);
            } catch (const ConfigError& e) {
                return unexpected(Error{Stage::config, e.message});
            }
        }();
        if (!s) {
            out.errors.push_back(s.error());
            continue;
        }
        if (!names.insert(s->name).second) {
            out.errors.push_back(
                Error{Stage::config, path.string() + ": key 'name': \"" + s->name +
                                         "\" is already used by another source file"});
            continue;
        }
        out.sources.push_back(std::move(*s));
    }
    return out;
}

} // namespace archiver::config
