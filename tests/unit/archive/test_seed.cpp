// SPDX-License-Identifier: MIT
// The seed (SPEC §1, issue 2 item 5): the hand-made iyiou page run through extract and
// compose must give tests/data/e2e/seed.md — a real archived article — line for line, but
// for the differences SPEC §1 asks for, each listed here:
//   1. the machine fields (source, source_url, guid, author, fetched, content_hash) follow
//      the seed's front matter;
//   2. a bold or italic run whose closing delimiter sits after CJK punctuation and before a
//      letter (`**李开复：**过去`) does not parse as emphasis in CommonMark; the writer moves
//      the punctuation at a run's edges outside the delimiters (`**李开复**：过去`). It does
//      so for every run, also where the seed's form happened to parse (`**…？**` at the end
//      of a line), as SPEC §1 suggests. Such a line must hold the same text and the same
//      markup characters, and cmark-gfm must read all of its `*` as emphasis.
//   3. a no-break space (U+00A0, `&nbsp;` in the page) is written as a plain space and
//      collapses with a space beside it: the extractor normalizes whitespace (SPEC §1: no
//      stray whitespace). Three seed lines have one (`By\u00A0Xu Zheqi`,
//      `engineers,\u00A0 and`, `Q:\u00A0"New quality`).
// Nothing else may differ.
#include <archiver/archive/compose.hpp>
#include <archiver/config/config.hpp>
#include <archiver/document/document.hpp>
#include <archiver/extract/extract.hpp>

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

using namespace archiver;

namespace {

constexpr const char* k_url = "https://www.iyiou.com/news/202502071089688";
constexpr std::int64_t k_fetched = 1738902000; // 2025-02-07T12:20:00+08:00

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        out.push_back(line);
    }
    return out;
}

std::string without(const std::string& s, char c) {
    std::string out;
    for (char x : s) {
        if (x != c) {
            out += x;
        }
    }
    return out;
}

// cmark-gfm's HTML for `markdown`.
std::string cmark_html(const testing::TempDir& dir, const std::string& markdown) {
    const auto in = dir.path() / "in.md";
    const auto out = dir.path() / "out.html";
    testing::write_file(in, markdown);
    const std::string command = "cmark-gfm '" + in.string() + "' > '" + out.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    return testing::read_file(out);
}

std::string strip_tags(const std::string& html) {
    std::string out;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<') {
            in_tag = true;
        } else if (c == '>') {
            in_tag = false;
        } else if (!in_tag) {
            out += c;
        }
    }
    return out;
}

// `s` with each U+00A0 as a space and runs of spaces collapsed (allowed difference 3).
std::string nbsp_as_space(std::string s) {
    for (std::size_t pos = s.find("\xC2\xA0"); pos != std::string::npos; pos = s.find("\xC2\xA0")) {
        s.replace(pos, 2, " ");
    }
    for (std::size_t pos = s.find("  "); pos != std::string::npos; pos = s.find("  ")) {
        s.erase(pos, 1);
    }
    return s;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t pos = text.find(what); pos != std::string::npos;
         pos = text.find(what, pos + what.size())) {
        ++n;
    }
    return n;
}

document::Document compose_seed() {
    const auto toml = testing::read_file(testing::data_path("../../feeds.d/iyiou.toml"));
    auto source = config::parse_source(toml, "feeds.d/iyiou.toml", "iyiou", Source{});
    REQUIRE(source);
    const auto html = testing::read_file(testing::data_path("e2e/iyiou/202502071089688.html"));
    extract::Options options;
    options.url = k_url;
    options.rules = source->extract;
    options.zone = *TimeZone::from_name(source->timezone);
    auto article = extract::extract_article(html, options);
    REQUIRE(article);
    archive::ComposeInfo info;
    info.fetched = k_fetched;
    return archive::compose_document(*source, *article, info);
}

} // namespace

TEST_CASE("The iyiou fixture composes to the seed document", "[archive][seed]") {
    const std::string seed = testing::read_file(testing::data_path("e2e/seed.md"));
    const document::Document doc = compose_seed();
    const std::string written = document::to_string(doc);
    const auto seed_doc = document::parse(seed);
    REQUIRE(seed_doc);

    SECTION("front matter: the seed's lines, then the machine fields") {
        const auto want = lines_of(seed.substr(0, seed.find("\n---\n") + 5));
        const auto got = lines_of(written.substr(0, written.find("\n---\n") + 5));
        REQUIRE(got.size() > want.size());
        for (std::size_t i = 0; i + 1 < want.size(); ++i) {
            CHECK(got[i] == want[i]);
        }
        std::vector<std::string> machine;
        for (std::size_t i = seed_doc->front_matter.size(); i < doc.front_matter.size(); ++i) {
            machine.push_back(doc.front_matter[i].first);
        }
        CHECK(machine == std::vector<std::string>{"source", "source_url", "guid", "author",
                                                  "fetched", "content_hash"});
        CHECK(doc.get_string("source") == "iyiou");
        CHECK(doc.get_string("source_url") == k_url);
        CHECK(doc.get_string("guid") == k_url);
        CHECK(doc.get_string("author") == "李开复");
        CHECK(doc.get_string("fetched") == "2025-02-07T12:20:00+08:00");
        CHECK(doc.get_string("content_hash").size() == 7 + 64);
    }

    SECTION("body: identical but for emphasis made CommonMark-correct") {
        testing::TempDir dir;
        const auto want = lines_of(seed_doc->body);
        const auto got = lines_of(doc.body);
        CHECK(got.size() == want.size());
        int rewritten = 0;
        int needed = 0;
        int spaces = 0;
        for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
            if (got[i] == want[i]) {
                continue;
            }
            if (nbsp_as_space(want[i]) != want[i]) {
                ++spaces; // allowed difference 3
                if (got[i] == nbsp_as_space(want[i])) {
                    continue;
                }
            }
            const std::string seed_line = nbsp_as_space(want[i]);
            INFO("line " << i + 1 << "\n seed: " << want[i] << "\n got:  " << got[i]);
            // Allowed difference 2: the same text and markup, emphasis delimiters moved.
            CHECK(without(got[i], '*') == without(seed_line, '*'));
            CHECK(count(got[i], "*") == count(seed_line, "*"));
            const std::string seed_html = cmark_html(dir, seed_line + "\n");
            const std::string got_html = cmark_html(dir, got[i] + "\n");
            CHECK(got_html.find('*') == std::string::npos); // ours parses
            needed += seed_html.find('*') != std::string::npos ? 1 : 0; // the seed's did not
            CHECK(strip_tags(got_html) == without(strip_tags(seed_html), '*'));
            ++rewritten;
        }
        // Every bold and italic run of the seed is emphasis in the output.
        const std::string html = cmark_html(dir, doc.body);
        CHECK(html.find('*') == std::string::npos);
        CHECK(count(html, "<strong>") == count(seed_doc->body, "**") / 2);
        INFO(rewritten << " lines with emphasis rewritten, " << needed
                        << " of them broken in the seed; " << spaces << " with U+00A0");
        CHECK(spaces <= 3);
        CHECK(needed > 0);
        CHECK(rewritten < 60);
    }
}
