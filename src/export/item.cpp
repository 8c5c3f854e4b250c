// SPDX-License-Identifier: MIT
// Reading archived files and the item schema shared by every JSON output.
#include <archiver/export/export.hpp>

#include "item_fields.hpp"

#include <archiver/core/time.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

namespace archiver::exporter {
namespace {

using Json = nlohmann::ordered_json;

Json to_json(const document::Value& value) {
    return std::visit(
        [](const auto& v) -> Json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                return nullptr;
            } else if constexpr (std::is_same_v<T, std::vector<document::Map>>) {
                Json list = Json::array();
                for (const auto& map : v) {
                    Json obj = Json::object();
                    for (const auto& [k, inner] : map) {
                        obj[k] = to_json(inner);
                    }
                    list.push_back(std::move(obj));
                }
                return list;
            } else {
                return Json(v);
            }
        },
        value.v);
}

Json string_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

} // namespace

bool is_safe_relative_path(const std::string& relative_path) {
    if (relative_path.empty() || relative_path.front() == '/' ||
        relative_path.find('\\') != std::string::npos ||
        relative_path.find('\0') != std::string::npos) {
        return false;
    }
    for (const auto& part : std::filesystem::path(relative_path)) {
        if (part == ".." || part == ".") {
            return false;
        }
    }
    return true;
}

Result<document::Document> read_document(const std::filesystem::path& archive_root,
                                         const std::string& relative_path) {
    if (!is_safe_relative_path(relative_path)) {
        return unexpected(Error{Stage::write, "refusing path outside the archive: " +
                                                  relative_path});
    }
    std::ifstream in(archive_root / relative_path, std::ios::binary);
    if (!in) {
        return unexpected(Error{Stage::write, "cannot read " + relative_path});
    }
    const std::string text((std::istreambuf_iterator<char>(in)),
                           std::istreambuf_iterator<char>());
    auto doc = document::parse(text);
    if (!doc) {
        return unexpected(Error{Stage::parse, relative_path + ": " + doc.error().message});
    }
    return doc;
}

std::vector<std::string> string_list(const document::Document* doc, std::string_view key) {
    if (doc == nullptr) {
        return {};
    }
    const auto* value = doc->find(key);
    if (value == nullptr) {
        return {};
    }
    if (const auto* list = std::get_if<std::vector<std::string>>(&value->v)) {
        return *list;
    }
    if (const auto* one = std::get_if<std::string>(&value->v)) {
        return one->empty() ? std::vector<std::string>{} : std::vector<std::string>{*one};
    }
    return {};
}

std::string item_json(const store::ArticleRecord& r,
                      const document::Document* doc,
                      const std::vector<store::Revision>& revisions) {
    Json item = Json::object();
    // The schema's fixed keys first, in the front matter's order, so every item has them.
    for (const auto* key : k_item_keys) {
        item[key] = nullptr;
    }
    if (doc != nullptr) {
        for (const auto& [key, value] : doc->front_matter) {
            item[key] = to_json(value);
        }
    }
    item["id"] = r.id;
    item["title"] = r.title;
    item["date"] = r.date ? Json(format_rfc3339(*r.date)) : Json(nullptr);
    if (doc == nullptr) {
        item["summary"] = string_or_null(r.summary);
        item["lang"] = r.lang.empty() ? Json(nullptr) : Json::array({r.lang});
    }
    item["source"] = r.source;
    item["source_url"] = string_or_null(r.source_url);
    item["guid"] = string_or_null(r.guid);
    item["author"] = string_or_null(r.author);
    item["fetched"] = r.fetched > 0 ? Json(format_utc(DateTime{r.fetched, 0})) : Json(nullptr);
    item["content_hash"] = string_or_null(r.content_hash);
    item["duplicate_of"] = r.duplicate_of ? Json(*r.duplicate_of) : Json(nullptr);
    if (!revisions.empty()) {
        Json list = Json::array();
        for (const auto& rev : revisions) {
            list.push_back({{"at", format_utc(DateTime{rev.at, 0})},
                            {"previous_hash", rev.previous_hash}});
        }
        item["revisions"] = std::move(list);
    } else if (item["revisions"].is_null()) {
        item["revisions"] = Json::array();
    }
    item["path"] = r.path;
    item["markdown"] = doc != nullptr ? Json(doc->body) : Json(nullptr);
    return item.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace archiver::exporter
