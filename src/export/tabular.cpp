// SPDX-License-Identifier: MIT
// JSON lines and CSV exports.
#include <archiver/export/export.hpp>

#include "item_fields.hpp"

#include <archiver/archive/record.hpp>
#include <archiver/core/time.hpp>

namespace archiver::exporter {
namespace {

// RFC 4180: quoted when the field holds a comma, quote, CR or LF; quotes doubled.
std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(value);
    }
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) {
            out += "; ";
        }
        out += s;
    }
    return out;
}

} // namespace

Result<ExportSummary> export_jsonl(const store::Store& store,
                                   const ExportOptions& options,
                                   std::ostream& out) {
    ExportSummary summary;
    try {
        store.for_each(options.filter, [&](const store::ArticleRecord& r) {
            auto doc = read_document(options.archive_root, r.path);
            if (!doc) {
                ++summary.unreadable; // the file is the source of truth: nothing to print
                return;
            }
            out << archive::item_json(*doc, r.path) << '\n';
            ++summary.articles;
        });
    } catch (const std::exception& e) {
        return unexpected(Error{Stage::write, e.what()});
    }
    if (!out) {
        return unexpected(Error{Stage::write, "cannot write the export"});
    }
    return summary;
}

Result<ExportSummary> export_csv(const store::Store& store,
                                 const ExportOptions& options,
                                 std::ostream& out) {
    ExportSummary summary;
    out << "id,date,source,title,author,source_url,guid,lang,categories,tags,summary,fetched,"
           "content_hash,duplicate_of,path\r\n";
    try {
        store.for_each(options.filter, [&](const store::ArticleRecord& r) {
            auto doc = read_document(options.archive_root, r.path);
            if (!doc) {
                ++summary.unreadable;
            }
            const document::Document* d = doc ? &*doc : nullptr;
            const std::vector<std::string> fields{
                std::to_string(r.id),
                r.date ? format_rfc3339(*r.date) : "",
                r.source,
                r.title,
                r.author,
                r.source_url,
                r.guid,
                r.lang.empty() ? joined(string_list(d, "lang")) : r.lang,
                joined(string_list(d, "categories")),
                joined(string_list(d, "tags")),
                r.summary.empty() && d != nullptr ? d->get_string("summary") : r.summary,
                r.fetched > 0 ? format_utc(DateTime{r.fetched, 0}) : "",
                r.content_hash,
                r.duplicate_of ? std::to_string(*r.duplicate_of) : "",
                r.path};
            for (std::size_t i = 0; i < fields.size(); ++i) {
                out << (i == 0 ? "" : ",") << csv_field(fields[i]);
            }
            out << "\r\n";
            ++summary.articles;
        });
    } catch (const std::exception& e) {
        return unexpected(Error{Stage::write, e.what()});
    }
    if (!out) {
        return unexpected(Error{Stage::write, "cannot write the export"});
    }
    return summary;
}

} // namespace archiver::exporter
