// SPDX-License-Identifier: MIT
// `parse-feed` output: the JSON object of SPEC §2 and sfeed(5)'s TSV lines.
#include <archiver/feed/parse.hpp>

#include <nlohmann/json.hpp>

namespace archiver::feed {
namespace {

using nlohmann::ordered_json;

ordered_json opt(const std::optional<std::string>& v) {
    return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json opt(const std::optional<DateTime>& v) {
    return v ? ordered_json(format_utc(*v)) : ordered_json(nullptr);
}

// sfeed(5): fields are TAB-separated; in them '\\', '\n' and '\t' are written as "\\\\",
// "\\n" and "\\t". Single-line fields have their line breaks folded to spaces first.
std::string tsv_field(std::string_view v, bool multiline) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (!multiline && (c == '\n' || c == '\r' || c == '\t')) {
            out += ' ';
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

} // namespace

std::string to_json(const FeedDoc& doc) {
    ordered_json out;
    out["version"] = doc.version;
    out["encoding"] = doc.encoding;
    out["bozo"] = doc.bozo;
    out["bozo_reason"] = doc.bozo_reason;
    const FeedInfo& f = doc.feed;
    out["feed"] = ordered_json{{"title", opt(f.title)},
                               {"link", opt(f.link)},
                               {"description", opt(f.description)},
                               {"language", opt(f.language)},
                               {"updated", opt(f.updated)},
                               {"generator", opt(f.generator)},
                               {"author", opt(f.author)},
                               {"image", opt(f.image)}};
    ordered_json entries = ordered_json::array();
    for (const Entry& e : doc.entries) {
        ordered_json enclosures = ordered_json::array();
        for (const Enclosure& enc : e.enclosures) {
            enclosures.push_back(ordered_json{
                {"url", enc.url},
                {"type", opt(enc.type)},
                {"length", enc.length ? ordered_json(*enc.length) : ordered_json(nullptr)}});
        }
        entries.push_back(ordered_json{{"id", opt(e.id)},
                                       {"title", opt(e.title)},
                                       {"link", opt(e.link)},
                                       {"published", opt(e.published)},
                                       {"updated", opt(e.updated)},
                                       {"author", opt(e.author)},
                                       {"summary", opt(e.summary)},
                                       {"content", opt(e.content)},
                                       {"categories", e.categories},
                                       {"enclosures", std::move(enclosures)}});
    }
    out["entries"] = std::move(entries);
    return out.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string to_tsv(const FeedDoc& doc) {
    std::string out;
    std::size_t estimate = 0;
    for (const Entry& e : doc.entries) {
        estimate += 256 + (e.content ? e.content->size() : e.summary.value_or("").size());
    }
    out.reserve(estimate);
    for (const Entry& e : doc.entries) {
        const auto date = e.published ? e.published : e.updated;
        out += date ? std::to_string(date->epoch) : std::string();
        out += '\t';
        out += tsv_field(e.title.value_or(""), false);
        out += '\t';
        out += tsv_field(e.link.value_or(""), false);
        out += '\t';
        out += tsv_field(e.content ? *e.content : e.summary.value_or(""), true);
        out += '\t';
        out += (e.content || e.summary) ? "html" : "";
        out += '\t';
        out += tsv_field(e.id.value_or(""), false);
        out += '\t';
        out += tsv_field(e.author.value_or(""), false);
        out += '\t';
        out += e.enclosures.empty() ? std::string() : tsv_field(e.enclosures.front().url, false);
        out += '\t';
        std::string cats;
        for (const auto& c : e.categories) {
            if (!cats.empty()) {
                cats += '|';
            }
            cats += c;
        }
        out += tsv_field(cats, false);
        out += '\n';
    }
    return out;
}

} // namespace archiver::feed
