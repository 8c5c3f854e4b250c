// SPDX-License-Identifier: MIT
// The byline keyword patterns, matched by hand, against std::regex with the same patterns
// (ECMAScript, as the extractor used them before) on fixed and on generated texts.
#include "extract/byline.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <regex>
#include <string>
#include <vector>

using archiver::extract::detail::author_after_keyword;
using archiver::extract::detail::editor_after_keyword;

namespace {

std::optional<std::string> reference(const std::regex& pattern, const std::string& text) {
    std::smatch m;
    if (std::regex_search(text, m, pattern)) {
        return m[1].str();
    }
    return std::nullopt;
}

std::optional<std::string> owned(std::optional<std::string_view> v) {
    return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
}

const std::regex& author_pattern() {
    static const std::regex r("(?:作者|记者|撰文|编译)\\s*(?:：|:|／|/|\\||\\s)\\s*([^\\s,;|:()]+)");
    return r;
}

const std::regex& editor_pattern() {
    static const std::regex r("(?:责任编辑|责编|编辑)\\s*(?:：|:)\\s*([^\\s,;|:()]+)");
    return r;
}

} // namespace

TEST_CASE("Byline keywords give the name after their separator", "[extract][byline]") {
    CHECK(owned(author_after_keyword("作者：张三")) == "张三");
    CHECK(owned(author_after_keyword("本报记者 李四 王五")) == "李四");
    CHECK(owned(author_after_keyword("撰文 / 赵六，摄影 / 钱七")) == "赵六，摄影");
    CHECK(owned(author_after_keyword("编译|Jane Doe")) == "Jane");
    CHECK(owned(author_after_keyword("作者简介：张三")) == std::nullopt); // no separator after 作者
    CHECK(owned(author_after_keyword("作者简介 记者：孙八(实习)")) == "孙八");
    CHECK(owned(author_after_keyword("记者 ／ )")) == "／"); // as the pattern reads it
    CHECK(owned(author_after_keyword("no keyword here")) == std::nullopt);
    CHECK(owned(editor_after_keyword("（责任编辑：周九）")) == "周九）");
    CHECK(owned(editor_after_keyword("责编: 吴十; 校对: x")) == "吴十");
    CHECK(owned(editor_after_keyword("编辑 张三")) == std::nullopt); // needs a colon
    CHECK(owned(editor_after_keyword("")) == std::nullopt);
}

TEST_CASE("Byline keyword matching agrees with the regular expressions it replaces",
          "[extract][byline]") {
    // Texts made of the pieces the patterns care about: every keyword, every separator,
    // spaces, the characters that end a name, and letters of names.
    const std::vector<std::string> pieces{
        "作者", "记者", "撰文", "编译", "责任编辑", "责编", "编辑", "作", "者", "编", "辑", "责",
        "任", "：", ":", "／", "/", "|", " ", "  ", "\t", "\n", ",", ";", "(", ")", "，", "张",
        "三", "a", "B", "·", "简介", "\xc2\xa0", "2024"};
    std::mt19937 rng(20261130);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(0, 10);
    int authors = 0;
    int editors = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        for (int n = length(rng); n > 0; --n) {
            text += pieces[pick(rng)];
        }
        INFO("text: [" << text << "]");
        const auto want_author = reference(author_pattern(), text);
        const auto want_editor = reference(editor_pattern(), text);
        REQUIRE(owned(author_after_keyword(text)) == want_author);
        REQUIRE(owned(editor_after_keyword(text)) == want_editor);
        authors += want_author ? 1 : 0;
        editors += want_editor ? 1 : 0;
    }
    // The generated texts exercise both outcomes of both patterns.
    CHECK(authors > 1000);
    CHECK(editors > 200);
}
