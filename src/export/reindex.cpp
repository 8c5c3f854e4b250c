// SPDX-License-Identifier: MIT
// Rebuilding the index from the Markdown archive alone (SPEC §4).
#include <archiver/export/reindex.hpp>

#include <archiver/archive/record.hpp>
#include <archiver/core/url.hpp>
#include <archiver/export/export.hpp>
#include <archiver/normalize/normalize.hpp>
#include <archiver/text/date.hpp>

#include <algorithm>
#include <map>
#include <memory>

namespace archiver::exporter {
namespace {

namespace fs = std::filesystem;

std::optional<std::int64_t> time_value(const document::Document* doc,
                                       const document::Map* map,
                                       std::string_view key) {
    const document::Value* v = nullptr;
    if (doc != nullptr) {
        v = doc->find(key);
    } else {
        for (const auto& [k, value] : *map) {
            if (k == key) {
                v = &value;
            }
        }
    }
    if (v == nullptr) {
        return std::nullopt;
    }
    if (const auto* i = std::get_if<std::int64_t>(&v->v)) {
        return *i;
    }
    if (const auto* s = std::get_if<std::string>(&v->v)) {
        if (auto dt = text::parse_date(*s, TimeZone())) {
            return dt->epoch;
        }
    }
    return std::nullopt;
}

bool ignored_name(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.empty() || name.front() == '.' || name.find(".tmp") != std::string::npos;
}

// Why a kept duplicate was judged one, recomputed from the two files (the first rule of
// SPEC §4 that holds).
std::string duplicate_reason(const store::ArticleRecord& copy, const store::ArticleRecord& orig) {
    if (copy.source == orig.source && copy.guid == orig.guid) {
        return "guid";
    }
    if (url::canonicalize(copy.source_url) == url::canonicalize(orig.source_url)) {
        return "url";
    }
    if (!copy.content_hash.empty() && copy.content_hash == orig.content_hash) {
        return "hash";
    }
    return "near:" + std::to_string(normalize::hamming(copy.simhash, orig.simhash));
}

} // namespace

std::vector<store::Revision> revisions_from_document(const document::Document& doc) {
    std::vector<store::Revision> out;
    const auto* v = doc.find("revisions");
    if (v == nullptr) {
        return out;
    }
    if (const auto* maps = std::get_if<std::vector<document::Map>>(&v->v)) {
        for (const auto& map : *maps) {
            store::Revision rev;
            for (const char* key : {"at", "time", "date"}) {
                if (auto t = time_value(nullptr, &map, key)) {
                    rev.at = *t;
                    break;
                }
            }
            for (const auto& [k, value] : map) {
                if (k == "previous_hash" || k == "hash" || k == "content_hash") {
                    if (const auto* s = std::get_if<std::string>(&value.v)) {
                        rev.previous_hash = *s;
                    }
                }
            }
            out.push_back(std::move(rev));
        }
    }
    return out;
}

ReindexReport reindex(store::Store& store, const ReindexOptions& options) {
    ReindexReport report;
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_directory(options.archive_root, ec)) {
        for (auto it = fs::recursive_directory_iterator(options.archive_root, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ignored_name(it->path())) {
                if (it->is_directory()) {
                    it.disable_recursion_pending();
                }
                continue;
            }
            if (it->is_regular_file() && it->path().extension() == ".md") {
                files.push_back(fs::relative(it->path(), options.archive_root).generic_string());
            }
        }
    }
    std::sort(files.begin(), files.end());

    // One pass inserts every file (bodies are not kept in memory); what the duplicates'
    // reasons need is kept per id, and the reasons are filled in afterwards, when every
    // original is known.
    std::map<std::int64_t, store::ArticleRecord> light; // without text
    store::Store::Transaction txn(store);
    store.clear_articles();
    for (const auto& path : files) {
        auto doc = read_document(options.archive_root, path);
        if (!doc) {
            report.skipped.push_back(doc.error());
            continue;
        }
        const std::string source = doc->get_string("source");
        const TimeZone zone = options.zone_of ? options.zone_of(source) : TimeZone();
        auto record = archive::record_from_document(*doc, path, zone);
        if (!record) {
            report.skipped.push_back(record.error());
            continue;
        }
        if (const auto seen = light.find(record->id); seen != light.end()) {
            report.skipped.push_back(Error{Stage::parse, path + ": id " +
                                                             std::to_string(record->id) +
                                                             " is already used by " +
                                                             seen->second.path});
            continue;
        }
        auto inserted = store.insert_article_with_id(*record);
        if (!inserted) {
            report.skipped.push_back(
                Error{Stage::store, path + ": " + inserted.error().message});
            continue;
        }
        for (const auto& rev : revisions_from_document(*doc)) {
            store.add_revision(record->id, rev);
            ++report.revisions;
        }
        ++report.articles;
        record->text.clear();
        record->summary.clear();
        light.emplace(record->id, std::move(*record));
    }
    for (const auto& [id, record] : light) {
        if (!record.duplicate_of) {
            continue;
        }
        auto full = store.get_article(id);
        const auto original = light.find(*record.duplicate_of);
        if (original == light.end()) {
            full->duplicate_of.reset(); // its original is gone: it stands alone now
            full->duplicate_reason.clear();
        } else {
            if (full->duplicate_reason.empty()) { // older files: recompute the reason
                full->duplicate_reason = duplicate_reason(record, original->second);
            }
            ++report.duplicates;
        }
        if (auto updated = store.update_article(*full, full->content_hash, full->fetched);
            !updated) {
            report.skipped.push_back(Error{Stage::store, full->path + ": " +
                                                             updated.error().message});
        }
        if (full->duplicate_of) {
            store::DuplicateRecord d{full->source, full->guid, full->source_url, full->title,
                                     *full->duplicate_of, full->duplicate_reason, id,
                                     full->fetched};
            store.record_duplicate(d);
        }
    }
    txn.commit();
    return report;
}

} // namespace archiver::exporter
