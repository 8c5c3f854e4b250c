// SPDX-License-Identifier: MIT
// `archiver search QUERY`: full-text search, Chinese and English alike, best first.
#include "app.hpp"
#include "query_common.hpp"

#include <archiver/archive/record.hpp>

#include <nlohmann/json.hpp>

#include <iostream>

namespace archiver::cli {
namespace {

struct SearchOptions {
    FilterOptions filter;
    std::vector<std::string> words;
    int limit = 20;
};

SearchOptions& options() {
    static SearchOptions opts;
    return opts;
}

void setup_search(CLI::App& app) {
    auto& o = options();
    app.add_option("query", o.words,
                   "Words that must all occur (\"quoted phrase\" kept together)")
        ->required();
    add_filter_options(app, o.filter);
    app.add_option("-n,--limit", o.limit, "At most this many results (0: all)");
}

int run_search(const GlobalOptions& global) {
    return guarded_command([&] {
        const auto& o = options();
        auto query = to_query(o.filter);
        for (const auto& w : o.words) {
            query.text += (query.text.empty() ? "" : " ") +
                          (w.find(' ') != std::string::npos ? "\"" + w + "\"" : w);
        }
        query.limit = o.limit;
        auto rc = open_for_reading(global);
        if (!rc.store) {
            return exit_code::k_ok;
        }
        for (const auto& hit : rc.store->search(query)) {
            const auto& r = hit.article;
            if (o.filter.format == "json") {
                auto doc = archive::read_document(rc.ctx.paths.archive_dir / r.path);
                if (!doc) {
                    log::warn(doc.error().message);
                    continue;
                }
                auto item = nlohmann::ordered_json::parse(archive::item_json(*doc, r.path));
                item["rank"] = hit.rank;
                item["snippet"] = hit.snippet;
                std::cout << item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                          << '\n';
            } else if (o.filter.format == "tsv") {
                std::cout << r.id << '\t' << hit.rank << '\t'
                          << (r.date ? format_rfc3339(*r.date) : "") << '\t'
                          << tsv_field(r.source) << '\t' << tsv_field(r.title) << '\t'
                          << tsv_field(hit.snippet) << '\n';
            } else {
                std::cout << pad(std::to_string(r.id), 7) << pad(short_date(r.date), 17)
                          << pad(r.source, 14) << r.title << "\n       "
                          << tsv_field(hit.snippet) << '\n';
            }
        }
        return exit_code::k_ok;
    });
}

const bool k_registered = register_command(Command{
    "search", "Full-text search of the archive, ranked, with snippets", 62, setup_search,
    run_search});

} // namespace
} // namespace archiver::cli
