// SPDX-License-Identifier: MIT
// Every export format is checked by a real consumer: Python's json and csv modules,
// xmllint against RELAX NG grammars of Atom 1.0 and OPML 2.0, and hugo.
#include "fixture_archive.hpp"

#include <archiver/export/export.hpp>

#include <fstream>
#include <sstream>

using archiver::exporter::ExportOptions;
using archiver::testing::data_path;
using archiver::testing::FixtureArchive;
using archiver::testing::quoted;
using archiver::testing::shell;
using archiver::testing::write_file;

namespace {

constexpr std::int64_t k_now = 1'764'400'000;

} // namespace

TEST_CASE("jsonl export: one item-schema object per article, each line parses",
          "[export]") {
    FixtureArchive fx;
    std::ostringstream out;
    const auto summary = archiver::exporter::export_jsonl(fx.store, {fx.root, {}, k_now}, out);
    REQUIRE(summary);
    CHECK(summary->articles == 5);
    const auto file = fx.dir.path() / "out.jsonl";
    write_file(file, out.str());
    // Every line is JSON with the schema's keys; the Markdown is the body.
    const std::string check =
        "python3 -c 'import json,sys\n"
        "lines=open(sys.argv[1],encoding=\"utf-8\").read().splitlines()\n"
        "assert len(lines)==5, len(lines)\n"
        "for l in lines:\n"
        "  o=json.loads(l)\n"
        "  for k in (\"id\",\"title\",\"date\",\"author\",\"source\",\"source_url\",\"guid\","
        "\"summary\",\"fetched\",\"content_hash\",\"duplicate_of\",\"path\",\"markdown\"):\n"
        "    assert k in o, k\n"
        "  assert o[\"markdown\"].strip(), o\n"
        "ids=sorted(json.loads(l)[\"id\"] for l in lines)\n"
        "assert ids==[1,2,3,4,5], ids\n' " +
        quoted(file);
    CHECK(shell(check) == 0);
}

TEST_CASE("jsonl export honours source and date filters", "[export]") {
    FixtureArchive fx;
    ExportOptions options{fx.root, {}, k_now};
    options.filter.source = "en";
    std::ostringstream out;
    REQUIRE(archiver::exporter::export_jsonl(fx.store, options, out)->articles == 2);
    options.filter.source.clear();
    options.filter.until = 1'738'972'800; // 2025-02-08T00:00:00Z
    std::ostringstream early;
    REQUIRE(archiver::exporter::export_jsonl(fx.store, options, early)->articles == 2);
}

TEST_CASE("csv export parses with Python's csv module, quotes and newlines intact",
          "[export]") {
    FixtureArchive fx;
    const auto file = fx.dir.path() / "out.csv";
    {
        std::ofstream out(file, std::ios::binary);
        REQUIRE(archiver::exporter::export_csv(fx.store, {fx.root, {}, k_now}, out));
    }
    const std::string check =
        "python3 -c 'import csv,sys\n"
        "rows=list(csv.DictReader(open(sys.argv[1],newline=\"\",encoding=\"utf-8\")))\n"
        "assert len(rows)==5, len(rows)\n"
        "by={r[\"id\"]:r for r in rows}\n"
        "assert by[\"4\"][\"title\"]==\"Archives for everyone: \\\"keep it\\\" & search it\", "
        "by[\"4\"][\"title\"]\n"
        "assert by[\"4\"][\"tags\"]==\"en; archives\"\n"
        "assert by[\"3\"][\"duplicate_of\"]==\"1\"\n"
        "assert by[\"1\"][\"title\"].startswith(\"人民日报\")\n' " +
        quoted(file);
    CHECK(shell(check) == 0);
}

TEST_CASE("atom export is valid Atom 1.0 per xmllint and the RFC 4287 grammar",
          "[export]") {
    FixtureArchive fx;
    const auto file = fx.dir.path() / "feed.xml";
    {
        std::ofstream out(file, std::ios::binary);
        const auto summary = archiver::exporter::export_atom(fx.store, {fx.root, {}, k_now}, out);
        REQUIRE(summary);
        CHECK(summary->articles == 5);
    }
    const auto rng = data_path("export/atom.rng");
    CHECK(shell("xmllint --noout --relaxng " + quoted(rng) + " " + quoted(file) +
                " 2>/dev/null") == 0);
    // RFC 4287's rules beyond the grammar: unique entry ids, an author for every entry
    // (the feed has none), HTML content that is itself well-formed.
    const std::string check =
        "python3 -c 'import sys,xml.etree.ElementTree as E\n"
        "A=\"{http://www.w3.org/2005/Atom}\"\n"
        "f=E.parse(sys.argv[1]).getroot()\n"
        "es=f.findall(A+\"entry\")\n"
        "assert len(es)==5\n"
        "ids=[e.find(A+\"id\").text for e in es]\n"
        "assert len(set(ids))==5\n"
        "assert all(e.find(A+\"author\") is not None for e in es)\n"
        "c=[e.find(A+\"content\").text for e in es]\n"
        "assert any(\"<table>\" in x for x in c), c\n"
        "assert not any(\"<b>\" in x for x in c)\n' " +
        quoted(file);
    CHECK(shell(check) == 0);

    // The grammar has teeth: a feed without <updated> fails it.
    const auto broken = fx.dir.path() / "broken.xml";
    write_file(broken, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
                       "<id>urn:x</id></feed>");
    CHECK(shell("xmllint --noout --relaxng " + quoted(rng) + " " + quoted(broken) +
                " 2>/dev/null") != 0);
}

TEST_CASE("opml export of the sources validates and keeps their URLs", "[export]") {
    archiver::Source feed;
    feed.name = "iyiou";
    feed.title = "亿欧 & \"news\"";
    feed.url = "https://www.iyiou.com/rss?a=1&b=2";
    feed.categories = {"China"};
    archiver::Source page;
    page.name = "people";
    page.title = "People's Daily";
    page.url = "http://politics.people.com.cn/";
    page.type = archiver::SourceType::html;
    archiver::testing::TempDir dir;
    const auto file = dir.path() / "subs.opml";
    write_file(file, archiver::exporter::export_opml({feed, page}, k_now));
    CHECK(shell("xmllint --noout --relaxng " + quoted(data_path("export/opml.rng")) + " " +
                quoted(file) + " 2>/dev/null") == 0);
    // Read back with the importer: the same feed comes out.
    const auto back = archiver::exporter::parse_opml(archiver::testing::read_file(file));
    REQUIRE(back);
    REQUIRE(back->size() == 1); // the list page is a link, not a subscription
    CHECK((*back)[0].xml_url == feed.url);
    CHECK((*back)[0].title == feed.title);
    CHECK((*back)[0].categories == std::vector<std::string>{"China"});
}

TEST_CASE("hugo export builds with hugo into one page per article", "[export][hugo]") {
    FixtureArchive fx;
    const auto site = fx.dir.path() / "site";
    const auto summary = archiver::exporter::export_hugo(fx.store, {fx.root, {}, k_now}, site);
    REQUIRE(summary);
    CHECK(summary->articles == 5);
    CHECK(std::filesystem::exists(site / "content/en/2025/03/2025-03-02-bundle/photo.png"));
    const auto log = fx.dir.path() / "hugo.log";
    REQUIRE(shell("cd " + quoted(site) + " && hugo --cacheDir " +
                  quoted(fx.dir.path() / "hugo-cache") + " >" + quoted(log) + " 2>&1") == 0);
    const std::string output = archiver::testing::read_file(log);
    CHECK(output.find("ERROR") == std::string::npos);
    CHECK(output.find("WARN") == std::string::npos);
    int pages = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(site / "public")) {
        const auto rel = std::filesystem::relative(e.path(), site / "public").generic_string();
        // Article pages: <source>/<YYYY>/<MM>/<name>/index.html
        if (e.path().filename() == "index.html" &&
            std::count(rel.begin(), rel.end(), '/') == 4) {
            ++pages;
            const std::string html = archiver::testing::read_file(e.path());
            CHECK(html.find("<h1>") != std::string::npos);
        }
    }
    CHECK(pages == 5);
    const std::string page =
        archiver::testing::read_file(site / "public/iyiou/2025/02/2025-02-07-202502071089688/index.html");
    CHECK(page.find("人民日报专访李开复") != std::string::npos);
    CHECK(page.find("<strong>李开复：</strong>") != std::string::npos);
    // The export refuses to mix into a folder that already holds something.
    CHECK_FALSE(archiver::exporter::export_hugo(fx.store, {fx.root, {}, k_now}, site));
}
