// SPDX-License-Identifier: MIT
// Golden pairs: HTML in (tests/data/extract/NAME.html), Markdown out (NAME.md).
#include <archiver/extract/extract.hpp>
#include <archiver/markdown/render.hpp>

#include "support/temp_dir.hpp"
#include "unit/markdown/cmark_check.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

using namespace archiver;

namespace {

struct Golden {
    const char* name;
    const char* url;
};

Article extract_fixture(const Golden& g) {
    extract::Options options;
    options.url = g.url;
    options.zone = TimeZone::fixed(8 * 3600);
    auto article = extract::extract_article(
        testing::read_file(testing::data_path(std::string("extract/") + g.name + ".html")), options);
    REQUIRE(article.has_value());
    return std::move(article).value();
}

// Markdown compared up to emphasis delimiters and spacing: no '*', NBSP as a space, runs
// of spaces as one.
std::string loosely(const std::string& md) {
    std::string out;
    for (std::size_t i = 0; i < md.size(); ++i) {
        char c = md[i];
        if (c == '*') {
            continue;
        }
        if (c == '\xC2' && i + 1 < md.size() && md[i + 1] == '\xA0') {
            c = ' ';
            ++i;
        }
        if (c == ' ' && !out.empty() && out.back() == ' ') {
            continue;
        }
        out += c;
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
        out.pop_back();
    }
    return out;
}

} // namespace

TEST_CASE("Golden pages render to their Markdown, and cmark-gfm reads back the same text",
          "[extract][markdown]") {
    const Golden goldens[] = {
        {"constructs", "https://example.com/news/2025/constructs.html"},
        {"cjk", "https://www.example.cn/tech/20250207/1089688.html"},
        {"people_2024_04_24", "http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html"},
        {"seed_iyiou", "https://www.iyiou.com/news/202502071089688"},
    };
    for (const auto& g : goldens) {
        INFO(g.name);
        Article a = extract_fixture(g);
        std::string md = markdown::render_markdown(a.body);
        auto golden = testing::data_path(std::string("extract/") + g.name + ".md");
        if (std::getenv("ARCHIVER_UPDATE_GOLDEN") != nullptr) {
            testing::write_file(golden, md);
        }
        CHECK(md == testing::read_file(golden));
        CHECK(testing::cmark_text(md) == testing::without_spaces(markdown::render_text(a.body)));
    }
}

TEST_CASE("The people.com.cn page yields its title, date, authors and body", "[extract]") {
    Article a = extract_fixture({"people_2024_04_24",
                                 "http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html"});
    CHECK(a.title == "促进航天技术更好惠及人民――习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天合作指明方向");
    REQUIRE(a.date.has_value());
    CHECK(format_rfc3339(*a.date).substr(0, 16) == "2024-04-24T23:52");
    std::string text = markdown::render_text(a.body);
    CHECK(text.find("4月24日，习近平主席向首届") != std::string::npos);
    CHECK(text.find("责任编辑") == std::string::npos);
    CHECK(a.lang.substr(0, 2) == "zh");
}

// seed_iyiou.html is the seed article (../shared/seed) put back into an iyiou-style page:
// its body converted to HTML with cmark-gfm (with the `**李开复：**` runs, which CommonMark
// does not read as bold, restored to <strong>) amid navigation, byline, tags, share bar,
// recommendations, comments, sidebar and footer. seed_iyiou.seed.md is the seed's body
// without its last (source link) line.
TEST_CASE("The seed's page renders to the seed's body, with emphasis that parses", "[extract][markdown]") {
    Article a = extract_fixture({"seed_iyiou", "https://www.iyiou.com/news/202502071089688"});
    CHECK(a.title == "人民日报专访李开复：期待中国AI-First应用崛起之年");
    REQUIRE(a.date.has_value());
    CHECK(format_rfc3339(*a.date) == "2025-02-07T12:20:46+08:00");
    CHECK(a.lang == "zh-CN");
    const std::string md = markdown::render_markdown(a.body);
    const std::string seed = testing::read_file(testing::data_path("extract/seed_iyiou.seed.md"));
    CHECK(loosely(md) == loosely(seed));
    // The seed's own `**李开复：**过去` is not bold for CommonMark; ours is.
    CHECK(seed.find("**李开复：**过去") != std::string::npos);
    CHECK(md.find("**李开复**：过去") != std::string::npos);
    CHECK(testing::cmark_html(md).find("<strong>李开复</strong>：过去") != std::string::npos);
    CHECK(testing::cmark_html(md).find("<em>以下是采访全文</em>：") != std::string::npos);
    for (const char* boilerplate : {"相关推荐", "热门", "登录后参与评论", "分享到", "标签", "Copyright", "正文"}) {
        CHECK(md.find(boilerplate) == std::string::npos);
    }
}
