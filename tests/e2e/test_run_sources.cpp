// SPDX-License-Identifier: MIT
// `archiver run` over list sources, end to end: the shipped People's Daily and iyiou
// definitions (feeds.d/) pointed at a loopback server that serves their real or
// template-true fixtures, an `html` list followed page by page and a `json` endpoint read
// until its empty page; the archive checked by PyYAML and cmark-gfm.
#include "archiver_home.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

using namespace archiver;
using namespace archiver::testing;

namespace {

std::string shipped(const std::string& name) {
    return read_file(std::string(ARCHIVER_SOURCE_DIR) + "/feeds.d/" + name + ".toml");
}

// The file of the archive whose front matter has `title`, or an empty object.
nlohmann::json file_titled(const nlohmann::json& archive, const std::string& title) {
    for (const auto& file : archive["files"]) {
        if (file["front_matter"]["title"] == title) {
            return file;
        }
    }
    return nlohmann::json::object();
}

// Answers `path` with the bytes of `fixture` as `type` (no charset: the page declares it).
void serve_file(LoopbackServer& server, const std::string& path, const std::string& fixture,
                const std::string& type = "text/html") {
    server.add_route(path, read_file(data_path(fixture)), type);
}

} // namespace

TEST_CASE("an html list source is followed page by page up to max_pages, in GBK", "[e2e][sources]") {
    ArchiverHome home;
    LoopbackServer server;
    server.serve_directory("/GB", data_path("e2e/people-list").string());
    serve_file(server, "/n1/2024/0424/c1001-40223222.html", "sources/people/article-2024.gbk.html");
    serve_file(server, "/n1/2019/0615/c1013-31153719.html", "sources/people/article-2019.gbk.html");

    // The shipped politics definition, its article rules unchanged, reading a channel list.
    std::string def = shipped("peoples-daily-politics");
    def = replace_all(def, "\"http://www.people.com.cn/rss/politics.xml\"",
                      "\"" + server.url("/GB/index1.html") + "\"");
    def = replace_all(def, "type = \"feed\"", "type = \"html\"");
    def += "\n[list]\nitem = \".list_14 li\"\nlink = \"a\"\ntitle = \"a\"\ndate = \"i\"\n"
           "next = \".page_n a.next\"\nmax_pages = 2\n";
    home.add_source("politics", def);

    auto first = home.archiver({"run"});
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.err.find("2 new") != std::string::npos);
    CHECK(server.hits("/GB/index1.html") == 1);
    CHECK(server.hits("/GB/index2.html") == 1);
    CHECK(server.hits("/GB/index3.html") == 0); // max_pages = 2
    CHECK(server.hits("/n1/2019/0101/c1001-30000000.html") == 0);

    auto archive = home.check_archive();
    INFO(archive.dump(2));
    CHECK(archive["errors"].empty());
    REQUIRE(archive["files"].size() == 2);

    const auto a2024 = file_titled(archive, "促进航天技术更好惠及人民――习近平主席向首届“中国－"
                                            "拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天"
                                            "合作指明方向");
    REQUIRE_FALSE(a2024.empty());
    CHECK(a2024["front_matter"]["date"] == "2024-04-24 23:52:00");
    CHECK(a2024["front_matter"]["source"] == "politics");
    CHECK(a2024["front_matter"]["source_url"] ==
          server.url("/n1/2024/0424/c1001-40223222.html"));
    const std::string text2024 = a2024["body_text"];
    CHECK(text2024.find("新华社北京4月24日电") < 40);
    CHECK(text2024.find("在会场内外引发热烈反响") != std::string::npos);
    CHECK(a2024["path"].get<std::string>().rfind("politics/2024/04/2024-04-24-", 0) == 0);

    const auto a2019 = file_titled(archive, "女儿出嫁，郑板桥画了几笔兰花当嫁妆");
    REQUIRE_FALSE(a2019.empty());
    CHECK(a2019["front_matter"]["date"] == "2019-06-15 08:18:00");
    const std::string text2019 = a2019["body_text"];
    CHECK(text2019.find("父亲的教诲像一盏灯") != std::string::npos);
    for (const std::string& text : {text2024, text2019}) {
        for (const char* boilerplate : {"责编", "【1】", "分享让更多人看到", "客户端下载",
                                        "人民网版权所有"}) {
            CHECK(text.find(boilerplate) == std::string::npos);
        }
    }

    // Not due again within the definition's interval.
    auto not_due = home.archiver({"run"});
    CHECK(not_due.exit_code == 0);
    CHECK(not_due.err.find("1 not due") != std::string::npos);
    CHECK(server.hits() == 4);

    // Forced, with nothing changed: the first list page answers 304, nothing else is fetched.
    server.clear_log();
    auto second = home.archiver({"run", "--force"});
    INFO(second.err);
    CHECK(second.exit_code == 0);
    CHECK(second.err.find("0 new") != std::string::npos);
    auto list_requests = server.requests("/GB/index1.html");
    REQUIRE(list_requests.size() == 1);
    CHECK_FALSE(list_requests[0].header("If-None-Match").empty());
    CHECK(server.hits() == 1);
    CHECK(home.check_archive()["files"].size() == 2);
}

TEST_CASE("a json list source reads pages until an empty one and names a failed article",
          "[e2e][sources]") {
    ArchiverHome home;
    LoopbackServer server;
    const std::map<std::string, std::string> pages = {
        {"1", read_file(data_path("sources/iyiou/skill-info-page1.json"))},
        {"2", read_file(data_path("sources/iyiou/skill-info-last.json"))}};
    server.add_handler("/skill/info", [pages](const RecordedRequest& req) {
        const auto at = req.target.find("page=");
        const std::string page =
            at == std::string::npos ? "" : req.target.substr(at + 5, req.target.find('&', at) - at - 5);
        const auto it = pages.find(page);
        if (it == pages.end()) {
            return Reply{400, {}, "no such page", {}};
        }
        return Reply{200, {{"Content-Type", "application/json; charset=utf-8"}}, it->second, {}};
    });
    serve_file(server, "/news/202502071089688", "sources/iyiou/article-202502071089688.html");
    serve_file(server, "/news/202502071089650", "e2e/iyiou/202502071089650.html");
    // /news/202502061089512 is not served: a 404 for one article of the list.

    // The shipped iyiou definition with both of its hosts pointed at the loopback server.
    std::string def = shipped("iyiou");
    def = replace_all(def, "https://api.iyiou.com", server.url(""));
    def = replace_all(def, "https://www.iyiou.com", server.url(""));
    home.add_source("iyiou", def);

    auto first = home.archiver({"run"});
    INFO(first.err);
    CHECK(first.exit_code == 1); // one article failed
    CHECK(first.err.find("2 new") != std::string::npos);
    CHECK(first.err.find(server.url("/news/202502061089512")) != std::string::npos);
    CHECK(first.err.find("404") != std::string::npos);

    std::map<std::string, int> page_hits;
    for (const auto& req : server.requests("/skill/info")) {
        ++page_hits[req.target];
        CHECK(req.header("Referer") == server.url("/")); // the definition's headers are sent
    }
    CHECK(page_hits == std::map<std::string, int>{{"/skill/info?page=1&pageSize=10", 1},
                                                  {"/skill/info?page=2&pageSize=10", 1}});

    auto archive = home.check_archive();
    INFO(archive.dump(2));
    CHECK(archive["errors"].empty());
    REQUIRE(archive["files"].size() == 2);
    const auto seed = file_titled(archive, "人民日报专访李开复：期待中国AI-First应用崛起之年");
    REQUIRE_FALSE(seed.empty());
    CHECK(seed["front_matter"]["date"] == "2025-02-07 12:20:46");
    CHECK(seed["front_matter"]["author"] == "李开复");
    CHECK(seed["front_matter"]["sidebar"] == "right"); // the seed's front-matter defaults
    CHECK(seed["path"].get<std::string>() == "iyiou/2025/02/2025-02-07-202502071089688.md");
    const std::string seed_text = seed["body_text"];
    CHECK(seed_text.rfind("分享我与《人民日报》英文客户端的深度对谈。", 0) == 0);
    const auto second_article = file_titled(archive, "春节后首周，智能驾驶赛道融资回暖");
    REQUIRE_FALSE(second_article.empty());
    CHECK(second_article["front_matter"]["date"] == "2025-02-07 10:02:11");
    const std::string text = second_article["body_text"];
    for (const std::string& t : {seed_text, text}) {
        for (const char* boilerplate : {"分享到", "版权归原作者所有", "扫码关注", "相关文章"}) {
            CHECK(t.find(boilerplate) == std::string::npos);
        }
    }

    // The same list again: no article already archived is fetched again; the failed one is
    // tried again.
    server.clear_log();
    auto second = home.archiver({"run", "--force"});
    INFO(second.err);
    CHECK(second.err.find("0 new") != std::string::npos);
    CHECK(server.hits("/news/202502071089688") == 0);
    CHECK(server.hits("/news/202502071089650") == 0);
    CHECK(home.check_archive()["files"].size() == 2);
}
