// SPDX-License-Identifier: MIT
#include <archiver/archive/compose.hpp>

#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>

#include <catch2/catch.hpp>

using namespace archiver;
using document::Value;

namespace {

ContentNode paragraph(const std::string& text) {
    ContentNode p;
    p.kind = NodeKind::paragraph;
    ContentNode t;
    t.kind = NodeKind::text;
    t.text = text;
    p.children.push_back(t);
    return p;
}

Article sample_article() {
    Article a;
    a.url = "https://example.com/news/12345";
    a.title = "A title";
    a.date = DateTime{1738902046, 0}; // 2025-02-07T04:20:46Z
    a.body.children = {paragraph("First paragraph."), paragraph("Second one.")};
    return a;
}

Source sample_source() {
    Source s;
    s.name = "example";
    s.title = "Example News";
    s.timezone = "Asia/Shanghai";
    s.lang = "en";
    s.categories = {"news"};
    s.tags = {"tech", "world"};
    return s;
}

std::vector<std::string> keys(const document::Document& doc) {
    std::vector<std::string> out;
    for (const auto& [k, v] : doc.front_matter) {
        out.push_back(k);
    }
    return out;
}

} // namespace

TEST_CASE("compose writes the seed keys, the defaults, then the machine fields", "[archive]") {
    Source source = sample_source();
    source.front_matter = {{"menu", std::string()},
                           {"comments", false},
                           {"title", std::string("ignored: composed keys win")},
                           {"widgets", std::vector<std::string>{"search"}}};
    archive::ComposeInfo info;
    info.id = 7;
    info.fetched = 1738902600;
    const auto doc = archive::compose_document(source, sample_article(), info);
    CHECK(keys(doc) == std::vector<std::string>{"title", "date", "summary", "categories", "lang",
                                                "translations", "tags", "menu", "comments",
                                                "widgets", "id", "source", "source_url", "guid",
                                                "fetched", "content_hash"});
    CHECK(doc.get_string("title") == "A title");
    CHECK(doc.get_string("date") == "2025-02-07 12:20:46");
    CHECK(doc.get_string("summary") == "First paragraph. Second one.");
    CHECK(doc.find("lang")->v == decltype(Value::v){std::vector<std::string>{"en"}});
    CHECK(doc.find("translations")->v == decltype(Value::v){std::vector<std::string>{"en"}});
    CHECK(doc.find("id")->v == decltype(Value::v){std::int64_t{7}});
    CHECK(doc.get_string("source") == "example");
    CHECK(doc.get_string("source_url") == "https://example.com/news/12345");
    CHECK(doc.get_string("guid") == "https://example.com/news/12345");
    CHECK(doc.get_string("fetched") == "2025-02-07T12:30:00+08:00");
    CHECK(doc.get_string("content_hash") ==
          normalize::content_hash("First paragraph.\nSecond one.\n"));
    CHECK(doc.body == "First paragraph.\n\nSecond one.\n\n"
                      "[Example News](https://example.com/news/12345)\n");
}

TEST_CASE("compose fills the optional machine fields when they apply", "[archive]") {
    Article article = sample_article();
    article.author = "Jane Roe";
    archive::ComposeInfo info;
    info.guid = "tag:example.com,2025:12345";
    info.duplicate_of = 3;
    info.duplicate_reason = "near:2";
    info.revisions = {{{"time", Value{std::string("2025-02-08T00:00:00+08:00")}},
                       {"previous_hash", Value{std::string("sha256:00")}}}};
    const auto doc = archive::compose_document(sample_source(), article, info);
    CHECK(doc.get_string("guid") == "tag:example.com,2025:12345");
    CHECK(doc.get_string("author") == "Jane Roe");
    CHECK(doc.find("duplicate_of")->v == decltype(Value::v){std::int64_t{3}});
    CHECK(doc.get_string("duplicate_reason") == "near:2");
    CHECK(doc.find("revisions")->v == decltype(Value::v){info.revisions});
    CHECK(doc.find("id") == nullptr);      // no store: no id
    CHECK(doc.find("fetched") == nullptr); // no fetch time given
    const auto back = document::parse(document::to_string(doc));
    REQUIRE(back);
    CHECK(*back == doc);
}

TEST_CASE("compose dates follow the source's zone and pattern", "[archive]") {
    Source source = sample_source();
    archive::ComposeInfo info;
    SECTION("an ISO 8601 pattern") {
        info.date_format = "%Y-%m-%dT%H:%M:%S%Ez";
        CHECK(archive::compose_document(source, sample_article(), info).get_string("date") ==
              "2025-02-07T12:20:46+08:00");
    }
    SECTION("no zone configured: the offset the page stated") {
        source.timezone.clear();
        Article article = sample_article();
        article.date = DateTime{1738902046, -5 * 3600};
        CHECK(archive::compose_document(source, article, info).get_string("date") ==
              "2025-02-06 23:20:46");
    }
    SECTION("no date on the page: the fetch time") {
        Article article = sample_article();
        article.date.reset();
        info.fetched = 1738902600;
        CHECK(archive::compose_document(source, article, info).get_string("date") ==
              "2025-02-07 12:30:00");
    }
}

TEST_CASE("compose takes lang from the page when the source has none", "[archive]") {
    Source source = sample_source();
    source.lang.clear();
    source.front_matter = {{"translations", std::vector<std::string>{"zh-CN", "en"}},
                           {"author", std::string("Editors")}};
    Article article = sample_article();
    article.lang = "zh-CN";
    const auto doc = archive::compose_document(source, article, {});
    CHECK(doc.find("lang")->v == decltype(Value::v){std::vector<std::string>{"zh-CN"}});
    CHECK(doc.find("translations")->v ==
          decltype(Value::v){std::vector<std::string>{"zh-CN", "en"}});
    CHECK(doc.get_string("author") == "Editors"); // a default, used as the page has none
    source.front_matter.clear();
    article.lang.clear();
    const auto bare = archive::compose_document(source, article, {});
    CHECK(bare.find("lang") == nullptr);
    CHECK(bare.find("translations") == nullptr);
}

TEST_CASE("compose keeps the last line a well-formed link", "[archive]") {
    Source source = sample_source();
    source.title = "News [beta] *live*";
    Article article = sample_article();
    article.url = "https://example.com/a (1)/x y";
    article.body = {};
    const auto doc = archive::compose_document(source, article, {});
    CHECK(doc.body == "[News \\[beta\\] \\*live\\*](https://example.com/a%20%281%29/x%20y)\n");
    source.title.clear();
    CHECK(archive::compose_document(source, article, {}).body.starts_with("[example]("));
}

TEST_CASE("compose never writes a key Hugo reserves for another meaning", "[archive]") {
    // Hugo's predefined front-matter fields (gohugo.io/content-management/front-matter),
    // lower-cased as Hugo reads them; `title`, `date` and `summary` mean what we mean.
    const std::vector<std::string> reserved = {
        "aliases", "build", "cascade", "description", "draft", "expirydate", "expiry_date",
        "headless", "iscjklanguage", "keywords", "lastmod", "layout", "linktitle", "markup",
        "menus", "modified", "outputs", "params", "pubdate", "publishdate", "published",
        "resources", "sitemap", "slug", "translationkey", "type", "unpublishdate", "url",
        "weight"};
    Article article = sample_article();
    article.author = "Jane Roe";
    archive::ComposeInfo info;
    info.id = 1;
    info.fetched = 1;
    info.duplicate_of = 2;
    info.duplicate_reason = "hash";
    info.revisions = {{{"time", Value{std::string("t")}}}};
    const auto doc = archive::compose_document(sample_source(), article, info);
    for (const auto& key : keys(doc)) {
        INFO(key);
        CHECK(std::find(reserved.begin(), reserved.end(), key) == reserved.end());
    }
}
