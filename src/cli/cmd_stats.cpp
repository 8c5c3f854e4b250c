// SPDX-License-Identifier: MIT
// `archiver stats`: articles, duplicates (kept and skipped) and revisions per source.
#include "app.hpp"
#include "query_common.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace archiver::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string& format() {
    static std::string value = "table";
    return value;
}

void setup_stats(CLI::App& app) {
    app.add_option("--format", format(), "Output format")
        ->check(CLI::IsMember({"table", "tsv", "json"}));
}

std::string day(const std::optional<std::int64_t>& epoch) {
    return epoch ? format_pattern(DateTime{*epoch, 0}, "%Y-%m-%d") : std::string("-");
}

Json to_json(const store::SourceStats& s) {
    auto opt = [](const std::optional<std::int64_t>& v) {
        return v ? Json(format_utc(DateTime{*v, 0})) : Json(nullptr);
    };
    return Json{{"source", s.source.empty() ? Json(nullptr) : Json(s.source)},
                {"articles", s.articles},
                {"duplicates_kept", s.duplicates_kept},
                {"duplicates_skipped", s.duplicates_skipped},
                {"revisions", s.revisions},
                {"first_date", opt(s.first_date)},
                {"last_date", opt(s.last_date)},
                {"last_fetched", s.last_fetched ? Json(format_utc(DateTime{s.last_fetched, 0}))
                                                : Json(nullptr)}};
}

int run_stats(const GlobalOptions& global) {
    return guarded_command([&] {
        auto rc = open_for_reading(global);
        store::Stats stats;
        if (rc.store) {
            stats = rc.store->stats();
        }
        std::error_code ec;
        const auto db_size = std::filesystem::file_size(rc.ctx.paths.database, ec);
        const auto wal_size =
            std::filesystem::file_size(rc.ctx.paths.database.string() + "-wal", ec);
        const std::int64_t bytes = static_cast<std::int64_t>((ec ? 0 : wal_size)) +
                                   static_cast<std::int64_t>(rc.store ? db_size : 0);
        if (format() == "json") {
            Json sources = Json::array();
            for (const auto& s : stats.sources) {
                sources.push_back(to_json(s));
            }
            Json out{{"archive", rc.ctx.paths.archive_dir.string()},
                     {"database", rc.ctx.paths.database.string()},
                     {"database_bytes", bytes},
                     {"schema_version", stats.schema_version},
                     {"total", to_json(stats.total)},
                     {"sources", sources}};
            std::cout << out.dump() << '\n';
            return exit_code::k_ok;
        }
        const bool tsv = format() == "tsv";
        auto row = [&](const std::string& name, const store::SourceStats& s) {
            if (tsv) {
                std::cout << tsv_field(name) << '\t' << s.articles << '\t' << s.duplicates_kept
                          << '\t' << s.duplicates_skipped << '\t' << s.revisions << '\t'
                          << day(s.first_date) << '\t' << day(s.last_date) << '\n';
                return;
            }
            std::cout << pad(name, 18) << pad(std::to_string(s.articles), 10)
                      << pad(std::to_string(s.duplicates_kept), 10)
                      << pad(std::to_string(s.duplicates_skipped), 10)
                      << pad(std::to_string(s.revisions), 11) << pad(day(s.first_date), 12)
                      << day(s.last_date) << '\n';
        };
        if (tsv) {
            std::cout << "source\tarticles\tduplicates_kept\tduplicates_skipped\trevisions\t"
                         "first_date\tlast_date\n";
        } else {
            std::cout << "archive   " << rc.ctx.paths.archive_dir.string() << "\nindex     "
                      << rc.ctx.paths.database.string() << " (" << (bytes + 1023) / 1024
                      << " KiB, schema " << stats.schema_version << ")\n\n"
                      << pad("SOURCE", 18) << pad("ARTICLES", 10) << pad("DUP-KEPT", 10)
                      << pad("DUP-SKIP", 10) << pad("REVISIONS", 11) << pad("FIRST", 12)
                      << "LAST\n";
        }
        for (const auto& s : stats.sources) {
            row(s.source, s);
        }
        row(tsv ? "*" : "total", stats.total);
        return exit_code::k_ok;
    });
}

const bool k_registered = register_command(Command{
    "stats", "Articles, duplicates and revisions per source", 63, setup_stats, run_stats});

} // namespace
} // namespace archiver::cli
