// SPDX-License-Identifier: MIT
// The end-of-run table a terminal shows: failures first with since when, one screen.
#include "cli/run_output.hpp"

#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace archiver;

namespace {

// What print_run_table writes to stderr, split in lines.
std::vector<std::string> table_lines(const archive::RunReport& report, int rows) {
    std::ostringstream captured;
    auto* old = std::cerr.rdbuf(captured.rdbuf());
    cli::print_run_table(report, rows);
    std::cerr.rdbuf(old);
    std::vector<std::string> lines;
    std::istringstream in(captured.str());
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

archive::SourceReport source(const std::string& name, int added) {
    archive::SourceReport s;
    s.name = name;
    s.added = added;
    return s;
}

} // namespace

TEST_CASE("the run table puts failures first and fits on one screen", "[cli]") {
    archive::RunReport report;
    for (int i = 0; i < 40; ++i) {
        report.sources.push_back(source("site" + std::to_string(i), i % 5 == 0 ? 0 : i));
    }
    auto failed = source("gone", 0);
    failed.ok = false;
    failed.stage = "fetch";
    failed.reason = "http://example.org/feed.xml: HTTP 404 Not Found";
    failed.consecutive_failures = 3;
    failed.failing_since = 1738900800; // 2025-02-07T04:00:00Z
    report.sources.push_back(failed);
    auto skipped = source("later", 0);
    skipped.skipped = true;
    report.sources.push_back(skipped);

    const auto lines = table_lines(report, 24);
    CAPTURE(lines);
    REQUIRE(lines.size() <= 23); // one line is left for the prompt
    CHECK(lines[0].rfind("source", 0) == 0);
    CHECK(lines[1].rfind("gone", 0) == 0);
    CHECK(lines[1].find("FAIL (fetch) http://example.org/feed.xml: HTTP 404 Not Found") !=
          std::string::npos);
    CHECK(lines[1].find("[3 failures since 2025-02-07T04:00:00Z]") != std::string::npos);
    CHECK(lines[2].rfind("site39", 0) == 0); // then the sources that brought the most
    // 32 sources brought something; those without a row are summed on one line.
    int shown = 0;
    for (const auto& l : lines) {
        shown += l.rfind("site", 0) == 0 ? 1 : 0;
    }
    int summed_new = 0;
    for (int i = 1; i < 40; ++i) {
        summed_new += i % 5 == 0 ? 0 : i;
    }
    int shown_new = 0;
    for (const auto& l : lines) {
        if (l.rfind("site", 0) == 0) {
            shown_new += std::stoi(l.substr(l.find_first_of("0123456789", 4 + 2)));
        }
    }
    const std::string more = "(" + std::to_string(32 - shown) + " more sources: " +
                             std::to_string(summed_new - shown_new) + " new, 0 updated, 0 dup, 0 failed)";
    CHECK(std::find(lines.begin(), lines.end(), more) != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "(8 more sources: ok, nothing new)") != lines.end());
    CHECK(lines.back().rfind("total: " + std::to_string(summed_new) + " new", 0) == 0);
}

TEST_CASE("the run table shows every source when the screen is tall enough", "[cli]") {
    archive::RunReport report;
    report.sources = {source("alpha", 3), source("beta", 0), source("gamma", 7)};
    const auto lines = table_lines(report, 50);
    CAPTURE(lines);
    REQUIRE(lines.size() == 5);
    CHECK(lines[1].rfind("gamma", 0) == 0);
    CHECK(lines[2].rfind("alpha", 0) == 0);
    CHECK(lines[3] == "(1 more sources: ok, nothing new)");
}
