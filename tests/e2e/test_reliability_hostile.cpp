// SPDX-License-Identifier: MIT
// Hostile input end to end: feeds and pages built to break the archive (YAML-breaking and
// control characters in titles, traversal in names and URLs, javascript:/data: links,
// entity bombs, external entities, deep nesting, huge attributes, invalid UTF-8, a gzip
// bomb, a redirect to file://) go through the real `archiver run`. Nothing may be written
// outside the archive folder, and every file's front matter must parse back to the values
// the index holds.
#include "process.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <archiver/document/document.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <zlib.h>

using namespace archiver;
using namespace archiver::testing;
namespace fs = std::filesystem;

namespace {

std::string gzip(const std::string& data) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&zs, data.size()), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

// One RSS item; its body gets a sentence of its own so that dedupe keeps items apart.
std::string item(const std::string& title,
                 const std::string& link,
                 const std::string& guid,
                 const std::string& html) {
    static int n = 0;
    ++n;
    std::string own = "<p>Item " + std::to_string(n) + ":";
    unsigned x = 2654435761u * static_cast<unsigned>(n);
    for (int w = 0; w < 80; ++w) {
        own += ' ';
        for (int k = 0; k < 6; ++k) {
            x = x * 1103515245u + 12345u;
            own += static_cast<char>('a' + (x >> 16) % 26);
        }
    }
    own += ".</p>";
    return "<item><title>" + title + "</title><link>" + link + "</link><guid>" + guid +
           "</guid><pubDate>Mon, 03 Feb 2025 09:15:00 +0000</pubDate><description><![CDATA[" +
           html + own + "]]></description></item>\n";
}

std::string rss(const std::string& items, const std::string& prolog = {}) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + prolog +
           "<rss version=\"2.0\"><channel><title>Hostile</title><link>http://h/</link>\n" + items +
           "</channel></rss>\n";
}

const std::string k_para =
    "<p>This paragraph is long enough to be taken as the body of an article by the extractor "
    "and the feed reader alike, whatever else the page tries.</p>";

// Every file under `root` except the archive folder, relative.
std::set<std::string> files_outside_archive(const fs::path& root) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        const std::string rel = fs::relative(e.path(), root).generic_string();
        if (rel != "archive" && rel.rfind("archive/", 0) != 0 && e.is_regular_file()) {
            out.insert(rel);
        }
    }
    return out;
}

// `text` with each run of white space as one space, trimmed: feed titles are read that way.
std::string squeeze(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

} // namespace

TEST_CASE("hostile feeds and pages never write outside the archive and always read back",
          "[e2e][reliability][hostile]") {
    TempDir home;
    TempDir outside; // a sibling a traversal would reach
    LoopbackServer server;
    const std::string base = server.url("");

    const std::vector<std::string> titles = {
        "\"Quoted\": a colon: and 'single' quotes",
        "--- a document separator\n---\nand newlines",
        "@at &amp;anchor *alias !tag %directive |pipe >fold #hash",
        "Tab\tand \\backslash\\ and {braces} [brackets]",
        "CON",
        std::string(3000, 'L'),
        "Invalid UTF-8 \xC3\x28 \xFF and a mixed \xE4\xB8\xAD\xE6\x96\x87 title",
    };
    std::string items;
    items += item(
        titles[0],
        base + "/../../../../etc/passwd",
        "../../guid-escape",
        k_para + "<p><a href=\"javascript:alert(1)\">click</a> and "
                 "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">data</a> "
                 "<img src=\"javascript:alert(2)\"> <img src=\"data:image/png;base64,AA\"></p>");
    items += item(titles[1], base + "/a/..%2f..%2f..%2fescape", "/abs/guid", k_para);
    items += item(titles[2], base + "/C:\\Windows\\system32", "C:\\guid", k_para);
    items += item(titles[3], base + "/%2e%2e/%2e%2e/x", "guid-4", k_para);
    items += item(titles[4], base + "/nul.html", "NUL", k_para);
    items += item(titles[5], base + "/" + std::string(4000, 'p'), std::string(4000, 'g'), k_para);
    items += item(titles[6],
                  base + "/utf8",
                  "guid-7",
                  k_para + "<p>bytes \xC0\xAF\xED\xA0\x80 and a NUL \x01\x02\x1B[31m</p>");
    server.add_route("/hostile.xml", rss(items), "application/rss+xml");

    // Entity bomb and external entities: bounded, never read.
    std::string laughs = "<!DOCTYPE rss [<!ENTITY a \"lollollollollollollollollollol\">";
    for (char c = 'b'; c <= 'j'; ++c) {
        std::string refs;
        for (int i = 0; i < 10; ++i) {
            refs += std::string("&") + static_cast<char>(c - 1) + ";";
        }
        laughs += std::string("<!ENTITY ") + c + " \"" + refs + "\">";
    }
    laughs += "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n";
    server.add_route("/bomb.xml",
                     rss(item("Bomb &j;", base + "/b1", "b1", k_para) +
                             item("External &xxe;", base + "/b2", "b2", k_para + "&xxe;"),
                         laughs),
                     "application/rss+xml");

    // Deep nesting and a huge attribute, in a feed and in a page.
    std::string deep_xml;
    for (int i = 0; i < 50000; ++i) {
        deep_xml += "<x>";
    }
    server.add_route("/deep.xml",
                     rss(item("Deep", base + "/deep-page", "d1", k_para) + deep_xml),
                     "application/rss+xml");
    // Deeper than the HTML tree's 512-level cap (the unit case nests 20 000 levels).
    std::string deep_html = "<html><head><title>Deep page</title></head><body>";
    for (int i = 0; i < 3000; ++i) {
        deep_html += "<div>";
    }
    deep_html += "<p data-x=\"" + std::string(2 << 20, 'A') + "\">" + k_para + "</p></body></html>";
    server.add_route("/deep-page", deep_html, "text/html; charset=utf-8");

    // Full-text items that fetch a gzip bomb and a redirect to file://.
    const std::string full_items = item("Gzip bomb", base + "/gzip-bomb", "g1", "<p>short</p>") +
                                   item("To file", base + "/to-file", "f1", "<p>short</p>") +
                                   item("Deep page", base + "/deep-page", "p1", "<p>short</p>");
    server.add_route("/full.xml", rss(full_items), "application/rss+xml");
    server.add_route("/gzip-bomb",
                     Reply{200,
                           {{"Content-Type", "text/html"}, {"Content-Encoding", "gzip"}},
                           gzip(std::string(64 << 20, ' ')),
                           {}});
    server.add_route("/to-file", Reply{302, {{"Location", "file:///etc/passwd"}}, "", {}});

    const auto source = [&](const std::string& name, const std::string& body) {
        write_file(home.path() / "feeds.d" / (name + ".toml"), body);
    };
    source("hostile", "url = \"" + base + "/hostile.xml\"\nfull_text = false\n");
    source("bomb", "url = \"" + base + "/bomb.xml\"\nfull_text = false\n");
    source("deep", "url = \"" + base + "/deep.xml\"\nfull_text = false\n");
    source("full", "url = \"" + base + "/full.xml\"\nfull_text = true\n");
    source("traversal",
           "name = \"../../" + outside.path().filename().string() + "\"\nurl = \"" + base +
               "/hostile.xml\"\n");
    source("absolute",
           "name = \"" + outside.path().string() + "\"\nurl = \"" + base + "/hostile.xml\"\n");

    auto r = run_process({ARCHIVER_BIN, "run"},
                         {{"ARCHIVER_HOME", home.path().string()}, {"no_proxy", "*"}});
    INFO(r.err);
    CHECK(r.exit_code ==
          1); // the bad source names and failed items are reported, the rest archived
    CHECK(fs::is_empty(outside.path()));
    for (const auto& rel : files_outside_archive(home.path())) {
        INFO(rel);
        CHECK((rel.rfind("archiver.db", 0) == 0 || rel == "archiver.lock" ||
               rel.rfind("feeds.d/", 0) == 0));
    }

    const fs::path archive = fs::canonical(home.path() / "archive");
    std::map<std::string, std::string> titles_on_disk;
    for (const auto& e : fs::recursive_directory_iterator(archive)) {
        const fs::path p = fs::canonical(e.path());
        INFO(p);
        CHECK(p.string().rfind(archive.string() + "/", 0) == 0);
        for (const auto& part : fs::relative(p, archive)) {
            CHECK(part.string().size() <= 200);
            CHECK(part.string().front() != '.');
        }
        if (!e.is_regular_file() || e.path().extension() != ".md") {
            continue;
        }
        const std::string text = read_file(e.path());
        CHECK(text.find("javascript:") == std::string::npos);
        CHECK(text.find("data:text/html") == std::string::npos);
        CHECK(text.find("root:") == std::string::npos); // no /etc/passwd content
        CHECK(text.size() < (1 << 20));
        auto doc = document::parse(text);
        REQUIRE(doc);
        titles_on_disk[fs::relative(e.path(), archive).generic_string()] = doc->get_string("title");
        // Written again, the document is byte for byte the same: nothing was lost in parsing.
        CHECK(document::to_string(*doc) == text);
    }
    std::set<std::string> got;
    for (const auto& [path, title] : titles_on_disk) {
        CHECK(document::sanitize_utf8(title) == title);
        got.insert(squeeze(title));
    }
    for (std::size_t i = 0; i + 1 < titles.size(); ++i) {
        const std::string expected =
            squeeze(i == 2 ? "@at &anchor *alias !tag %directive |pipe >fold #hash" : titles[i]);
        INFO(expected);
        CHECK(got.count(expected) == 1);
    }
    CHECK(std::count_if(got.begin(), got.end(), [](const std::string& t) {
              return t.rfind("Invalid UTF-8 ", 0) == 0;
          }) == 1);

    // The index holds the same titles for the same paths.
    auto list = run_process({ARCHIVER_BIN, "list", "--format", "json"},
                            {{"ARCHIVER_HOME", home.path().string()}});
    REQUIRE(list.exit_code == 0);
    std::map<std::string, std::string> titles_listed;
    std::istringstream in(list.out);
    for (std::string line; std::getline(in, line);) {
        const auto j = nlohmann::json::parse(line);
        titles_listed[j["path"].get<std::string>()] = j["title"].get<std::string>();
    }
    CHECK(titles_listed == titles_on_disk);
}
