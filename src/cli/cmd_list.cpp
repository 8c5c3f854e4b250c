// SPDX-License-Identifier: MIT
// `archiver list`: the archived articles, newest first (SPEC §2).
#include "app.hpp"
#include "query_common.hpp"

#include <archiver/archive/record.hpp>

#include <iostream>

namespace archiver::cli {
namespace {

struct ListOptions {
    FilterOptions filter;
    std::string text;
    int limit = 0;
    bool oldest_first = false;
};

ListOptions& options() {
    static ListOptions opts;
    return opts;
}

void setup_list(CLI::App& app) {
    auto& o = options();
    add_filter_options(app, o.filter);
    app.add_option("--text", o.text, "Only articles whose title or body has these words");
    app.add_option("-n,--limit", o.limit, "At most this many articles");
    app.add_flag("--oldest-first", o.oldest_first, "Oldest first");
}

int run_list(const GlobalOptions& global) {
    return guarded_command([&] {
        const auto& o = options();
        auto query = to_query(o.filter);
        query.text = o.text;
        query.limit = o.limit;
        query.order = o.oldest_first ? store::ListQuery::Order::date_ascending
                                     : store::ListQuery::Order::date_descending;
        auto rc = open_for_reading(global);
        if (!rc.store) {
            return exit_code::k_ok;
        }
        int unreadable = 0;
        rc.store->for_each(query, [&](const store::ArticleRecord& r) {
            if (o.filter.format == "json") {
                auto doc = archive::read_document(rc.ctx.paths.archive_dir / r.path);
                if (!doc) {
                    ++unreadable;
                    log::warn(doc.error().message);
                    return;
                }
                std::cout << archive::item_json(*doc, r.path) << '\n';
            } else if (o.filter.format == "tsv") {
                std::cout << r.id << '\t' << (r.date ? format_rfc3339(*r.date) : "") << '\t'
                          << tsv_field(r.source) << '\t' << tsv_field(r.title) << '\t'
                          << tsv_field(r.source_url) << '\t' << tsv_field(r.path) << '\n';
            } else {
                std::cout << pad(std::to_string(r.id), 7) << pad(short_date(r.date), 17)
                          << pad(r.source, 14) << r.title
                          << (r.duplicate_of ? "  (duplicate of " +
                                                   std::to_string(*r.duplicate_of) + ")"
                                             : std::string())
                          << '\n';
            }
        });
        return unreadable > 0 ? exit_code::k_partial : exit_code::k_ok;
    });
}

const bool k_registered = register_command(Command{
    "list", "List archived articles (--source, --since, --until, --text)", 60, setup_list,
    run_list});

} // namespace
} // namespace archiver::cli
