// SPDX-License-Identifier: MIT
#include <archiver/archive/record.hpp>
#include <archiver/core/url.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>
#include <archiver/text/date.hpp>

#include <cmark-gfm.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>

namespace archiver::archive {
namespace {

std::int64_t to_int(const document::Value* v) {
    if (v == nullptr) {
        return 0;
    }
    if (const auto* i = std::get_if<std::int64_t>(&v->v)) {
        return *i;
    }
    if (const auto* s = std::get_if<std::string>(&v->v)) {
        return std::strtoll(s->c_str(), nullptr, 10);
    }
    return 0;
}

// The body without the last line linking the source (SPEC §1).
std::string_view strip_source_line(std::string_view body) {
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) {
        body.remove_suffix(1);
    }
    const auto nl = body.rfind('\n');
    const std::string_view last = body.substr(nl == std::string_view::npos ? 0 : nl + 1);
    if (!last.empty() && last.front() == '[' && last.back() == ')' &&
        last.find("](") != std::string_view::npos) {
        body = body.substr(0, nl == std::string_view::npos ? 0 : nl);
    }
    return body;
}

} // namespace

std::string markdown_to_text(std::string_view markdown) {
    std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(
        cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT),
        cmark_node_free);
    if (!doc) {
        return std::string(markdown);
    }
    std::unique_ptr<char, void (*)(void*)> out(
        cmark_render_plaintext(doc.get(), CMARK_OPT_DEFAULT, 0), std::free);
    std::string text = out ? out.get() : "";
    // One block a line: drop the blank lines between blocks.
    std::string squeezed;
    squeezed.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && !squeezed.empty() && squeezed.back() == '\n') {
            continue;
        }
        squeezed += text[i];
    }
    return squeezed;
}

Result<store::ArticleRecord> record_from_document(const document::Document& doc,
                                                  const std::string& relative_path,
                                                  const TimeZone& zone) {
    store::ArticleRecord r;
    r.id = to_int(doc.find("id"));
    if (r.id <= 0) {
        return unexpected(Error{Stage::store, relative_path + ": no `id` in the front matter"});
    }
    r.path = relative_path;
    r.source = doc.get_string("source");
    if (r.source.empty()) {
        r.source = relative_path.substr(0, relative_path.find('/'));
    }
    r.guid = doc.get_string("guid");
    r.source_url = doc.get_string("source_url");
    r.canonical_url = url::canonicalize(r.source_url);
    r.title = doc.get_string("title");
    r.author = doc.get_string("author");
    if (const auto* lang = doc.find("lang")) {
        if (const auto* list = std::get_if<std::vector<std::string>>(&lang->v); list && !list->empty()) {
            r.lang = list->front();
        } else if (const auto* s = std::get_if<std::string>(&lang->v)) {
            r.lang = *s;
        }
    }
    if (auto d = text::parse_date(doc.get_string("date"), zone)) {
        r.date = *d;
    }
    if (auto f = text::parse_date(doc.get_string("fetched"), zone)) {
        r.fetched = f->epoch;
    }
    if (const auto* dup = doc.find("duplicate_of"); dup != nullptr && to_int(dup) > 0) {
        r.duplicate_of = to_int(dup);
        r.duplicate_reason = doc.get_string("duplicate_reason");
    }
    r.text = markdown_to_text(strip_source_line(doc.body));
    r.content_hash = doc.get_string("content_hash");
    if (r.content_hash.empty()) {
        r.content_hash = normalize::content_hash(r.text);
    }
    r.simhash = normalize::simhash(r.text);
    r.summary = doc.get_string("summary");
    return r;
}

namespace {

nlohmann::json to_json(const document::Value& value) {
    return std::visit(
        [](const auto& v) -> nlohmann::json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                return nullptr;
            } else if constexpr (std::is_same_v<T, std::vector<document::Map>>) {
                nlohmann::json arr = nlohmann::json::array();
                for (const auto& map : v) {
                    nlohmann::json obj = nlohmann::json::object();
                    for (const auto& [k, x] : map) {
                        obj[k] = to_json(x);
                    }
                    arr.push_back(std::move(obj));
                }
                return arr;
            } else {
                return v;
            }
        },
        value.v);
}

} // namespace

std::string item_json(const document::Document& doc, const std::string& relative_path) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const char* key : {"id", "title", "date", "author", "source", "source_url", "guid",
                            "summary", "fetched", "content_hash", "duplicate_of"}) {
        out[key] = nullptr;
    }
    for (const auto& [key, value] : doc.front_matter) {
        out[key] = to_json(value);
    }
    out["path"] = relative_path;
    out["markdown"] = std::string(strip_source_line(doc.body)) + "\n";
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<document::Document> read_document(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return unexpected(Error{Stage::store, file.string() + ": cannot read"});
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto doc = document::parse(text);
    if (!doc) {
        return unexpected(Error{Stage::store, file.string() + ": " + doc.error().message});
    }
    return doc;
}

} // namespace archiver::archive
