// SPDX-License-Identifier: MIT
#include <archiver/normalize/normalize.hpp>

#include <catch2/catch.hpp>

#include <set>

using namespace archiver;
using namespace archiver::normalize;

namespace {

bool only_slug_chars(const std::string& s) {
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return !s.empty() && s.front() != '-' && s.back() != '-';
}

} // namespace

TEST_CASE("fingerprint_text drops whitespace and punctuation of every width", "[normalize]") {
    CHECK(fingerprint_text("Hello, World!  \n") == "helloworld");
    CHECK(fingerprint_text("**李开复：**过去两年，我在创新工场。") == "李开复过去两年我在创新工场");
    CHECK(fingerprint_text("ＡＩ　２０２５「你好」") == "ai2025你好");
    CHECK(fingerprint_text("a\xC2\xA0" "b\xE2\x80\x8B" "c\xEF\xBB\xBF" "d") == "abcd");
    CHECK(fingerprint_text("Ünïcode Ça") == "ÜnïcodeÇa"); // only ASCII is folded
    CHECK(fingerprint_text("bad \xFF bytes") == "badbytes");
    CHECK(fingerprint_text("") == "");
}

TEST_CASE("content_hash is the SHA-256 of the fingerprint", "[normalize]") {
    // FIPS 180-2 test vector: SHA-256("abc").
    CHECK(content_hash("A b, c!") ==
          "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(content_hash("**Bold** text.\n\nNext paragraph") ==
          content_hash("Bold text. Next   paragraph"));
    CHECK(content_hash("人民日报") != content_hash("人民日報"));
}

TEST_CASE("simhash is close for edited copies and far for different texts", "[normalize]") {
    const std::string zh =
        "中国大模型与世界领先模型之间的差距已经缩小至短短几个月，受益于中国广阔的市场以及中国"
        "团队的世界顶尖工程能力和落地能力，中国应用有望在今年崛起并跻身世界顶尖阵营。";
    const std::string en = "The Chinese engineers really found all the ways to reduce cost and "
                           "come up with new algorithms, new model structures and faster "
                           "training, and made it work on lower capability chips.";
    CHECK(simhash(zh) == simhash(zh + "\n"));
    CHECK(hamming(simhash(zh), simhash("来源：人民日报\n" + zh)) <= k_near_duplicate_distance);
    CHECK(hamming(simhash(en), simhash(en + " Read more.")) <= k_near_duplicate_distance);
    CHECK(hamming(simhash(zh), simhash(en)) > k_near_duplicate_distance);
    CHECK(simhash("") == 0);
    CHECK(simhash("!!! ...") == 0);
    CHECK(simhash("ab") != 0); // shorter than a shingle: one shingle
}

TEST_CASE("hamming counts differing bits", "[normalize]") {
    CHECK(hamming(0, 0) == 0);
    CHECK(hamming(0, ~std::uint64_t{0}) == 64);
    CHECK(hamming(0b1011, 0b0001) == 2);
}

TEST_CASE("shingle_containment sees copies inside longer texts", "[normalize]") {
    const std::string body = "人工智能会创造出许多全新的工作。而涉及人际沟通和服务导向的工作，"
                             "将会是未来许多人可能会投身的领域。";
    CHECK(shingle_containment(body, "转载：" + body + "（责任编辑：张三）") == 1.0);
    CHECK(shingle_containment(body, "今天北京天气晴朗，最高气温十五摄氏度，适合出行。") < 0.1);
    CHECK(shingle_containment("", body) == 0.0);
}

TEST_CASE("make_slug takes the URL's own id", "[normalize]") {
    CHECK(make_slug("https://www.iyiou.com/news/202502071089688", "标题") == "202502071089688");
    CHECK(make_slug("https://www.iyiou.com/news/202502071089688/", "") == "202502071089688");
    CHECK(make_slug("http://politics.people.com.cn/n1/2025/0207/c1001-40414562.html", "x") ==
          "c1001-40414562");
    CHECK(make_slug("http://www.news.cn/fortune/2023-11/17/c_1129981476.htm", "") ==
          "c-1129981476");
    CHECK(make_slug("https://example.com/2024/01/05/Fed-Holds-Rates-Steady", "") ==
          "fed-holds-rates-steady");
    CHECK(make_slug("https://example.com/article.php?cat=3&id=98765", "") == "98765");
    CHECK(make_slug("https://peoplesdaily.pdnews.cn/tech/er/30048032628", "") == "30048032628");
}

TEST_CASE("make_slug falls back to the title, then to a hash", "[normalize]") {
    CHECK(make_slug("https://example.com/news/", "Fed Holds Rates Steady, Signals 2 Cuts") ==
          "fed-holds-rates-steady-signals-2-cuts");
    CHECK(make_slug("https://example.com/index.html", "Café Müller's Œuvre") ==
          "cafe-mullers-oeuvre");
    CHECK(make_slug("https://example.com/2025/02/07/", "Don't panic") == "dont-panic");
    const std::string zh = make_slug("https://example.com/news/", "人民日报专访李开复：期待中国AI-First应用崛起之年");
    CHECK(zh.size() == 12);
    CHECK(only_slug_chars(zh));
    CHECK(zh == make_slug("https://other.example/", "人民日报专访李开复：期待中国AI-First应用崛起之年"));
    CHECK(zh != make_slug("https://example.com/news/", "人民日报专访李开复：期待中国AI应用崛起之年"));
    // A non-ASCII URL segment is no id: the title decides.
    CHECK(make_slug("https://zh.example.org/wiki/%E4%BA%BA%E6%B0%91", "Renmin") == "renmin");
    CHECK(only_slug_chars(make_slug("", "")));
}

TEST_CASE("make_slug output is bounded and clean", "[normalize]") {
    std::string long_title;
    for (int i = 0; i < 100; ++i) {
        long_title += "word" + std::to_string(i) + " ";
    }
    for (std::size_t max : {16U, 80U, 200U, 1000U}) {
        const std::string slug = make_slug("https://example.com/", long_title, max);
        CHECK(slug.size() <= std::min<std::size_t>(max, 200));
        CHECK(only_slug_chars(slug));
    }
    CHECK(only_slug_chars(make_slug("https://example.com/--..--/", "--- !!! ---")));
    CHECK(only_slug_chars(make_slug("not a url", "\xFF\xFE")));
}

TEST_CASE("safe_component never lets a dangerous name through", "[normalize]") {
    CHECK(safe_component("iyiou") == "iyiou");
    CHECK(safe_component("People's Daily") == "People-s-Daily");
    CHECK(safe_component("..").starts_with("_"));
    CHECK(safe_component("../../etc/passwd") == "etc-passwd");
    CHECK(safe_component(".hidden") == "hidden");
    CHECK(safe_component("a..b") == "a.b");
    CHECK(safe_component("a/b\\c") == "a-b-c");
    CHECK(safe_component(std::string("nul\0byte", 8)) == "nul-byte");
    CHECK(safe_component("con") == "_con");
    CHECK(safe_component("NUL.md") == "_NUL.md");
    CHECK(safe_component("lpt1") == "_lpt1");
    CHECK(safe_component("com10") == "com10");
    CHECK(safe_component("trailing.") == "trailing");
    CHECK(safe_component("-rf") == "rf");
    CHECK(safe_component("") == "_");
    const std::string a = safe_component("人民日报");
    const std::string b = safe_component("新华社");
    CHECK(a != b);
    CHECK(a.starts_with("_"));
    CHECK(safe_component(std::string(300, 'x')).size() == 100);
    CHECK(safe_component(std::string(300, 'x'), 500).size() == 200);
}

TEST_CASE("safe_component output is always a single safe component", "[normalize]") {
    const std::vector<std::string> inputs = {"", ".", "..", "...", "/", "//", "\\", "..\\..",
                                             ". .", "-", "--..--", "\x01\x02", "a\n..\nb",
                                             "COM1.txt", "aux", "  spaced  "};
    for (const auto& in : inputs) {
        const std::string out = safe_component(in);
        INFO(in);
        CHECK(!out.empty());
        CHECK(out != ".");
        CHECK(out.find("..") == std::string::npos);
        CHECK(out.find('/') == std::string::npos);
        CHECK(out.find('\\') == std::string::npos);
        CHECK(out.find('\0') == std::string::npos);
        CHECK(out.front() != '.');
        CHECK(out.front() != '-');
    }
}

TEST_CASE("synthesize_guid is stable and distinguishes its inputs", "[normalize]") {
    const auto g = synthesize_guid("https://example.com/a", "Title", "2025-02-07");
    CHECK(g == synthesize_guid("https://example.com/a", "Title", "2025-02-07"));
    CHECK(g.starts_with("urn:archiver:"));
    std::set<std::string> all = {g, synthesize_guid("https://example.com/a", "Title", ""),
                                 synthesize_guid("https://example.com/aTitle", "", "2025-02-07"),
                                 synthesize_guid("https://example.com/b", "Title", "2025-02-07")};
    CHECK(all.size() == 4);
}
