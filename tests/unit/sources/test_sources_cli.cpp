// SPDX-License-Identifier: MIT
// `archiver sources ...` run as a real process against a loopback HTTP server.
#include <archiver/config/config.hpp>
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <regex>
#include <string>
#include <support/loopback_server.hpp>
#include <support/temp_dir.hpp>
#include <sys/wait.h>

using archiver::testing::data_path;
using archiver::testing::LoopbackServer;
using archiver::testing::read_file;
using archiver::testing::TempDir;
using archiver::testing::write_file;

namespace {

struct Outcome {
    int status = -1;
    std::string out;
};

// Runs `archiver --config HOME ARGS` (stderr joined to stdout), never through a proxy.
Outcome run_cli(const TempDir& home, const std::string& args) {
    const std::string command = "env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY "
                                "-u ALL_PROXY -u all_proxy '" ARCHIVER_CLI_PATH "' --config '" +
                                home.path().string() + "' " + args + " 2>&1";
    Outcome o;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        o.out.append(buffer.data(), n);
    }
    const int raw = pclose(pipe);
    o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return o;
}

std::string fixture(const std::string& relative) {
    return read_file(data_path("sources/" + relative));
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("sources add finds the feed a page advertises and writes a loadable definition",
          "[sources][cli]") {
    LoopbackServer server;
    server.add_route("/site/",
                     R"(<html lang="zh-CN"><head><title>人民网</title>
<link rel="alternate" type="application/rss+xml" title="时政" href="/site/rss/politics.xml">
</head><body><p>首页</p></body></html>)",
                     "text/html; charset=utf-8");
    server.add_route(
        "/site/rss/politics.xml", fixture("people/politics-feed.xml"), "application/rss+xml");
    TempDir home;
    const auto added = run_cli(home, "sources add " + server.url("/site/") + " --name people-test");
    CAPTURE(added.out);
    REQUIRE(added.status == 0);
    const auto file = home.path() / "feeds.d" / "people-test.toml";
    auto source = archiver::config::parse_source(
        read_file(file), file.string(), "people-test", archiver::Source{});
    REQUIRE(source);
    CHECK(source->url == server.url("/site/rss/politics.xml"));
    CHECK(source->type == archiver::SourceType::feed);
    CHECK(source->title == "时政频道");
    CHECK(source->lang == "zh-cn");
    CHECK(source->timezone == "Asia/Shanghai");
    CHECK(contains(added.out, "advertised by the page"));

    // An existing definition is never replaced silently.
    const auto again = run_cli(home, "sources add " + server.url("/site/") + " --name people-test");
    CHECK(again.status == 2);
    CHECK(contains(again.out, "--force"));

    const auto listed = run_cli(home, "sources list");
    CAPTURE(listed.out);
    CHECK(listed.status == 0);
    CHECK(std::regex_search(listed.out, std::regex("people-test +feed +- +- +0 +now")));
}

TEST_CASE("sources add falls back to common feed paths and fails cleanly without a feed",
          "[sources][cli]") {
    LoopbackServer server;
    server.add_route(
        "/", "<html><body><p>no links here</p></body></html>", "text/html; charset=utf-8");
    TempDir home;
    const auto none = run_cli(home, "sources add " + server.url("/") + " --name plain");
    CHECK(none.status == 1);
    CHECK(contains(none.out, "no feed found"));
    CHECK_FALSE(std::filesystem::exists(home.path() / "feeds.d" / "plain.toml"));

    server.add_route("/rss.xml", fixture("people/culture-feed.xml"), "text/xml");
    const auto found = run_cli(home, "sources add " + server.url("/") + " --name culture");
    CAPTURE(found.out);
    REQUIRE(found.status == 0);
    CHECK(contains(found.out, "common path"));
    CHECK(contains(read_file(home.path() / "feeds.d" / "culture.toml"),
                   "url = \"" + server.url("/rss.xml") + "\""));
}

TEST_CASE("sources check runs a JSON source from its URL without storing anything",
          "[sources][cli]") {
    LoopbackServer server;
    server.add_route(
        "/skill/info", fixture("iyiou/skill-info-page1.json"), "application/json; charset=utf-8");
    TempDir home;
    // The shipped iyiou definition with its endpoint moved onto the loopback server.
    std::string toml = read_file(data_path("../../feeds.d/iyiou.toml"));
    const std::string real = "https://api.iyiou.com/skill/info";
    toml.replace(toml.find(real), real.size(), server.url("/skill/info"));
    write_file(home.path() / "feeds.d" / "iyiou.toml", toml);

    const auto checked =
        run_cli(home,
                "sources check iyiou --article '" +
                    data_path("sources/iyiou/article-202502071089688.html").string() + "'");
    CAPTURE(checked.out);
    REQUIRE(checked.status == 0);
    CHECK(contains(checked.out, "items: 3"));
    CHECK(contains(checked.out, "link <- [json] link_template: https://www.iyiou.com/news/{id}"));
    CHECK(contains(checked.out, "title <- [extract] title: h1.post-title"));
    CHECK(contains(checked.out, "date:    2025-02-07T12:20:46+08:00"));
    CHECK(contains(checked.out, "[iyiou] OK 3 items listed, 1 checked (nothing stored)"));
    REQUIRE(server.hits("/skill/info") == 1);
    const auto request = server.requests("/skill/info").front();
    CHECK(request.target == "/skill/info?page=1&pageSize=10");
    CHECK(request.header("Referer") == "https://www.iyiou.com/");
    CHECK_FALSE(std::filesystem::exists(home.path() / "archiver.db"));
    CHECK_FALSE(std::filesystem::exists(home.path() / "archive"));

    const auto unknown = run_cli(home, "sources check nosuch");
    CHECK(unknown.status == 2);
}

TEST_CASE("sources check reports a list rule that matches nothing", "[sources][cli]") {
    TempDir home;
    write_file(home.path() / "feeds.d" / "broken.toml", R"(url = "https://example.invalid/"
type = "html"
timezone = "Asia/Shanghai"
[list]
item = "li.news"
)");
    write_file(home.path() / "page.html", "<ul><li>nothing</li></ul>");
    const auto checked =
        run_cli(home, "sources check broken --from '" + (home.path() / "page.html").string() + "'");
    CHECK(checked.status == 1);
    CHECK(contains(checked.out, "[broken] FAIL (parse) [list] item \"li.news\" matched nothing"));
}
