// SPDX-License-Identifier: MIT
// Speed of the list parsers on a real list page and a large JSON list (see README.md).
#include <archiver/core/time.hpp>
#include <archiver/listing/listing.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

using namespace archiver;

namespace {

std::string read(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

template <typename F> void measure(const char* name, std::size_t bytes, int rounds, F&& f) {
    std::size_t items = f(); // warm-up, and the item count
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) {
        f();
    }
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / rounds;
    std::printf("| %s | %zu KB | %zu | %.2f ms | %.1f MB/s |\n",
                name,
                bytes / 1024,
                items,
                s * 1000,
                bytes / s / 1e6);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s LIST_PAGE.html\n", argv[0]);
        return 2;
    }
    const std::string page = read(argv[1]);
    ListRules rules;
    rules.item = ".data_row.news_article";
    rules.link = ".news_title a";
    rules.date = ".time";
    listing::ListOptions options;
    options.base_url = "https://news.163.com/";
    options.zone = *TimeZone::from_name("Asia/Shanghai");
    options.now = 1596348000;
    measure("parse_html_list (news.163.com list page)", page.size(), 50, [&] {
        auto r = listing::parse_html_list(page, rules, options);
        return r ? r->entries.size() : 0;
    });

    // 5,000 items in the iyiou endpoint's shape.
    std::string json = R"({"code":0,"message":"success","data":{"posts":[)";
    for (int i = 0; i < 5000; ++i) {
        json +=
            (i ? "," : "") + std::string(R"({"id":)") + std::to_string(202502071000000 + i) +
            R"(,"postTitle":"人民日报专访李开复：期待中国AI-First应用崛起之年 )" +
            std::to_string(i) +
            R"(","brief":"分享我与《人民日报》英文客户端的深度对谈。在对谈中，我与记者交流了对人工智能热点问题的一些看法。","originalLink":"","createdAt":"2025-02-07 12:20:46","tags":[{"tagName":"人工智能"}]})";
    }
    json += "]}}";
    JsonRules j;
    j.items = "data.posts[]";
    j.id = "id";
    j.title = "postTitle";
    j.link_template = "https://www.iyiou.com/news/{id}";
    j.date = "createdAt";
    j.summary = "brief";
    const std::string tmpl = "https://api.iyiou.com/skill/info?page={page}&pageSize=10";
    measure("parse_json_list (5,000 iyiou-shaped items)", json.size(), 20, [&] {
        auto r = listing::parse_json_list(json, j, tmpl, options);
        return r ? r->entries.size() : 0;
    });
    measure("discover_feeds (same list page)", page.size(), 50, [&] {
        return listing::discover_feeds(page, "https://news.163.com/").size();
    });
    return 0;
}
