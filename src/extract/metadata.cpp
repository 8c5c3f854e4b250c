// SPDX-License-Identifier: MIT
#include "metadata.hpp"

#include "dates.hpp"

#include <archiver/core/url.hpp>
#include <archiver/html/selector.hpp>
#include <archiver/html/unicode.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>

namespace archiver::extract::detail {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// <meta> values by lower-case property/name/itemprop; the first occurrence wins.
std::map<std::string, std::string> collect_meta(const PageIndex& page) {
    std::map<std::string, std::string> meta;
    for (const html::Node& m : page.metas) {
        std::string_view content = m.attr("content");
        if (content.empty()) {
            content = m.attr("value");
        }
        std::string value = html::collapse_whitespace(content);
        if (value.empty()) {
            continue;
        }
        for (std::string_view key : {m.attr("property"), m.attr("name"), m.attr("itemprop"),
                                     m.attr("http-equiv")}) {
            if (!key.empty()) {
                meta.emplace(lower(key), value);
            }
        }
    }
    return meta;
}

std::string get(const std::map<std::string, std::string>& meta, std::string_view key) {
    auto it = meta.find(std::string(key));
    return it == meta.end() ? std::string() : it->second;
}

// The JSON-LD object describing the article (NewsArticle, Article, BlogPosting ...).
struct LdArticle {
    std::string headline, date_published, date_created, author, image, language, publisher;
    std::string date_fallback; // Baidu's pubDate: sometimes the last update
};

bool is_article_type(const nlohmann::json& t) {
    auto check = [](const std::string& s) {
        return s.find("Article") != std::string::npos || s == "BlogPosting" ||
               s == "ReportageNews" || s == "Report" || s == "LiveBlogPosting" ||
               s == "SocialMediaPosting" || s == "AnalysisNewsArticle";
    };
    if (t.is_string()) {
        return check(t.get<std::string>());
    }
    if (t.is_array()) {
        return std::any_of(t.begin(), t.end(), [&](const nlohmann::json& x) {
            return x.is_string() && check(x.get<std::string>());
        });
    }
    return false;
}

std::string json_string(const nlohmann::json& v) {
    if (v.is_string()) {
        return html::collapse_whitespace(v.get<std::string>());
    }
    if (v.is_object()) {
        for (const char* key : {"name", "url", "@id"}) {
            if (v.contains(key) && v[key].is_string()) {
                return html::collapse_whitespace(v[key].get<std::string>());
            }
        }
    }
    if (v.is_array() && !v.empty()) {
        return json_string(v.front());
    }
    return {};
}

std::string json_names(const nlohmann::json& v) {
    if (v.is_array()) {
        std::string out;
        for (const auto& x : v) {
            std::string name = json_string(x);
            if (!name.empty() && out.find(name) == std::string::npos) {
                out += out.empty() ? "" : ", ";
                out += name;
            }
        }
        return out;
    }
    return json_string(v);
}

void find_ld(const nlohmann::json& j, LdArticle& out, bool& found) {
    if (found) {
        return;
    }
    if (j.is_array()) {
        for (const auto& x : j) {
            find_ld(x, out, found);
        }
        return;
    }
    if (!j.is_object()) {
        return;
    }
    if (j.contains("@graph")) {
        find_ld(j["@graph"], out, found);
        if (found) {
            return;
        }
    }
    // Baidu's "cambrian" JSON-LD (Chinese news sites) has no @type: title, pubDate, images.
    bool cambrian = j.contains("@context") && j["@context"].is_string() &&
                    j["@context"].get<std::string>().find("cambrian") != std::string::npos;
    if (!cambrian && (!j.contains("@type") || !is_article_type(j["@type"]))) {
        return;
    }
    found = true;
    auto str = [&](const char* key) { return j.contains(key) ? json_string(j[key]) : std::string(); };
    out.headline = str("headline");
    if (out.headline.empty()) {
        out.headline = str("name");
    }
    out.date_published = str("datePublished");
    out.date_created = str("dateCreated");
    if (cambrian) {
        out.headline = out.headline.empty() ? str("title") : out.headline;
        out.date_fallback = str("pubDate");
    }
    out.author = j.contains("author") ? json_names(j["author"]) : std::string();
    out.image = str("image");
    if (cambrian && out.image.empty()) {
        out.image = str("images");
    }
    out.language = str("inLanguage");
    out.publisher = j.contains("publisher") ? json_string(j["publisher"]) : std::string();
}

LdArticle read_json_ld(const PageIndex& page) {
    LdArticle out;
    bool found = false;
    for (const html::Node& s : page.json_ld) {
        std::string text;
        for (std::size_t i = 0; i < s.child_count(); ++i) {
            text += s.child(i).text_value();
        }
        auto j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_discarded()) {
            find_ld(j, out, found);
        }
        if (found) {
            break;
        }
    }
    return out;
}

bool ascii_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The separators of "Headline | Section - Site" style titles, as [begin, end) spans with
// their surrounding whitespace: a dash, colon, middle dot or guillemet with whitespace on
// both sides (" - ", " :: "), or a bar, underscore, full-width dash/bar or "--" with or
// without it ("标题_新浪网"). Leftmost first, not overlapping.
std::vector<std::pair<std::size_t, std::size_t>> title_separators(std::string_view title) {
    static constexpr std::string_view k_spaced[] = {"-", "–", "—", "·", "»", ":", "::"};
    static constexpr std::string_view k_bare[] = {"|", "｜", "_", "－", "--"};
    auto space_end = [&](std::size_t i) {
        while (i < title.size() && ascii_space(title[i])) {
            ++i;
        }
        return i;
    };
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 0;
    while (i < title.size()) {
        const std::size_t j = space_end(i);
        std::size_t end = 0;
        if (j > i) {
            for (std::string_view sep : k_spaced) {
                const std::size_t k = j + sep.size();
                if (title.compare(j, sep.size(), sep) == 0 && space_end(k) > k) {
                    end = space_end(k);
                    break;
                }
            }
        }
        if (end == 0) {
            for (std::string_view sep : k_bare) {
                if (title.compare(j, sep.size(), sep) == 0) {
                    end = space_end(j + sep.size());
                    break;
                }
            }
        }
        if (end == 0) {
            ++i;
            continue;
        }
        out.emplace_back(i, end);
        i = end;
    }
    return out;
}

std::string normalize_lang(std::string_view raw) {
    std::string s = html::collapse_whitespace(raw);
    if (auto comma = s.find(','); comma != std::string::npos) {
        s = s.substr(0, comma);
    }
    std::replace(s.begin(), s.end(), '_', '-');
    if (s.empty() || s.size() > 20) {
        return {};
    }
    auto dash = s.find('-');
    std::string primary = lower(s.substr(0, dash));
    if (primary.size() < 2 || primary.size() > 3 || primary == "utf" ||
        !std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        return {};
    }
    if (dash == std::string::npos) {
        return primary;
    }
    std::string region = s.substr(dash + 1);
    if (region.size() == 2) {
        for (char& c : region) {
            if (c >= 'a' && c <= 'z') {
                c = static_cast<char>(c - 'a' + 'A');
            }
        }
    }
    return primary + "-" + region;
}

// Language from the script of the visible text when the page does not state it.
std::string guess_lang_script(std::string_view text) {
    int han = 0, kana = 0, hangul = 0, latin = 0;
    std::size_t i = 0;
    while (i < text.size() && i < 20000) {
        char32_t cp = html::next_code_point(text, i);
        if (cp >= 0x4E00 && cp <= 0x9FFF) {
            ++han;
        } else if (cp >= 0x3040 && cp <= 0x30FF) {
            ++kana;
        } else if (cp >= 0xAC00 && cp <= 0xD7AF) {
            ++hangul;
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            ++latin;
        }
    }
    if (kana > 20 && kana * 10 > han) {
        return "ja";
    }
    if (hangul > 20) {
        return "ko";
    }
    if (han > 20 && han * 2 > latin / 5) {
        return "zh";
    }
    return {};
}

} // namespace

std::string guess_lang_of(std::string_view text) { return guess_lang_script(text); }

std::string strip_site_name(std::string_view title_view, std::string_view site_name) {
    std::string title = html::collapse_whitespace(title_view);
    std::string site = lower(html::collapse_whitespace(site_name));
    auto is_site = [&](const std::string& part) {
        std::string lp = lower(part);
        return !site.empty() && (lp == site || (site.size() > 3 && lp.find(site) != std::string::npos &&
                                                lp.size() < site.size() + 12));
    };
    auto seps = title_separators(title);
    // Drop trailing parts that name the site or are much shorter than the rest.
    while (!seps.empty()) {
        std::string last = title.substr(seps.back().second);
        std::string rest = title.substr(0, seps.back().first);
        if (rest.empty()) {
            break;
        }
        if (!is_site(last) && html::code_point_count(last) * 2 > html::code_point_count(rest)) {
            break;
        }
        title = rest;
        seps.pop_back();
    }
    // A leading part is dropped only when it names the site.
    if (!seps.empty()) {
        std::string first = title.substr(0, seps.front().first);
        if (is_site(first) && seps.front().second < title.size()) {
            title = title.substr(seps.front().second);
        }
    }
    // The site's name glued on with a dash or bar ("标题-亿欧"), which the separators above
    // leave alone (a hyphen without spaces is usually part of the headline).
    std::string lt = lower(title);
    if (!site.empty() && lt.size() > site.size() &&
        lt.compare(lt.size() - site.size(), site.size(), site) == 0) {
        std::string_view rest(title.data(), title.size() - site.size());
        while (!rest.empty() && rest.back() == ' ') {
            rest.remove_suffix(1);
        }
        for (std::string_view sep : {"-", "_", "|", "－", "｜", "—", "–", "·"}) {
            if (rest.size() > sep.size() && rest.substr(rest.size() - sep.size()) == sep) {
                rest.remove_suffix(sep.size());
                while (!rest.empty() && rest.back() == ' ') {
                    rest.remove_suffix(1);
                }
                if (!rest.empty()) {
                    title = std::string(rest);
                }
                break;
            }
        }
    }
    return title;
}

DateHints extract_metadata(const html::Document& doc,
                      const PageIndex& page,
                      const Options& options,
                      const std::string& base,
                      Article& out) {
    bool date_has_time = false;
    auto meta = collect_meta(page);
    LdArticle ld = read_json_ld(page);
    auto& prov = out.provenance;
    auto take = [&](std::string& field, const char* key, std::string value, const char* rule) {
        if (field.empty() && !value.empty()) {
            field = std::move(value);
            prov[key] = rule;
        }
    };

    // Site name: og:site_name, JSON-LD publisher, application-name.
    take(out.site_name, "site_name", get(meta, "og:site_name"), "og:site_name");
    take(out.site_name, "site_name", ld.publisher, "json-ld:publisher");
    take(out.site_name, "site_name", get(meta, "application-name"), "meta:application-name");

    // Title: [extract] title selector, og:title, JSON-LD headline, twitter:title, an <h1>
    // that the <title> contains, <title> without the site name.
    html::Node title_el = page.title;
    std::string page_title = title_el ? title_el.text() : std::string();
    if (!options.rules.title.empty()) {
        if (auto sel = html::Selector::parse(options.rules.title)) {
            html::Node n = sel->select_first(doc.document());
            std::string v = n ? (n.is("meta") ? html::collapse_whitespace(n.attr("content")) : n.text())
                              : std::string();
            take(out.title, "title", v, "selector");
        }
    }
    take(out.title, "title", strip_site_name(get(meta, "og:title"), out.site_name), "og:title");
    take(out.title, "title", strip_site_name(ld.headline, out.site_name), "json-ld:headline");
    take(out.title, "title", strip_site_name(get(meta, "twitter:title"), out.site_name),
         "twitter:title");
    if (out.title.empty()) {
        for (const html::Node& h : page.body_h1s) {
            std::string t = h.text();
            if (!t.empty() && (page_title.find(t) != std::string::npos || page.body_h1s.size() == 1)) {
                take(out.title, "title", t, "h1");
                break;
            }
        }
    }
    take(out.title, "title", strip_site_name(page_title, out.site_name), "title");
    // A meta value cut short by an unescaped quote (`content="a "b" c"`) is a prefix of the
    // headline that the <h1> or <title> shows whole.
    if (!out.title.empty() && prov["title"] != "selector") {
        std::vector<std::pair<std::string, const char*>> fuller;
        for (const html::Node& h : page.body_h1s) {
            fuller.emplace_back(h.text(), "h1");
        }
        fuller.emplace_back(strip_site_name(page_title, out.site_name), "title");
        for (const auto& [text, rule] : fuller) {
            if (text.size() > out.title.size() && text.compare(0, out.title.size(), out.title) == 0 &&
                html::code_point_count(text) < 200) {
                out.title = text;
                prov["title"] = rule;
                break;
            }
        }
    }

    // Canonical URL: <link rel=canonical>, og:url.
    for (const html::Node& l : page.canonicals) {
        take(out.canonical_url, "canonical_url", url::resolve(base, l.attr("href")), "link:canonical");
    }
    if (std::string og = get(meta, "og:url"); !og.empty()) {
        take(out.canonical_url, "canonical_url", url::resolve(base, og), "og:url");
    }
    if (!out.canonical_url.empty() && !url::is_http(out.canonical_url)) {
        out.canonical_url.clear();
        prov.erase("canonical_url");
    }

    // Language: <html lang>, Content-Language, og:locale, JSON-LD inLanguage, the script.
    take(out.lang, "lang", normalize_lang(doc.root().attr("lang")), "html:lang");
    take(out.lang, "lang", normalize_lang(doc.root().attr("xml:lang")), "html:xml:lang");
    take(out.lang, "lang", normalize_lang(get(meta, "content-language")), "meta:content-language");
    take(out.lang, "lang", normalize_lang(get(meta, "og:locale")), "og:locale");
    take(out.lang, "lang", normalize_lang(ld.language), "json-ld:inLanguage");

    // Lead image: og:image, twitter:image, JSON-LD image, <link rel=image_src>.
    for (const char* key : {"og:image", "og:image:url", "og:image:secure_url", "twitter:image",
                            "twitter:image:src"}) {
        if (std::string v = get(meta, key); !v.empty()) {
            take(out.image, "image", url::resolve(base, v), key);
        }
    }
    if (!ld.image.empty()) {
        take(out.image, "image", url::resolve(base, ld.image), "json-ld:image");
    }
    if (html::Node l = page.image_src) {
        take(out.image, "image", url::resolve(base, l.attr("href")), "link:image_src");
    }

    take(out.description, "description", get(meta, "og:description"), "og:description");
    take(out.description, "description", get(meta, "description"), "meta:description");

    // Author: [extract] author selector, JSON-LD author, meta author variants.
    if (!options.rules.author.empty()) {
        if (auto sel = html::Selector::parse(options.rules.author)) {
            html::Node n = sel->select_first(doc.document());
            take(out.author, "author", n ? n.text() : std::string(), "selector");
        }
    }
    take(out.author, "author", ld.author, "json-ld:author");
    for (const char* key : {"author", "article:author", "byl", "dc.creator", "parsely-author",
                            "sailthru.author", "twitter:creator"}) {
        std::string v = get(meta, key);
        if (v.substr(0, 4) == "http" || v.substr(0, 1) == "@") {
            continue; // a profile URL or handle, not a name
        }
        if (!v.empty() && v.find_first_not_of("0123456789 ") == std::string::npos) {
            continue; // a CMS user number (people.com.cn: "105092"), not a name
        }
        if (v.substr(0, 3) == "By " || v.substr(0, 3) == "by ") {
            v = v.substr(3);
        }
        take(out.author, "author", v, key);
    }

    // Dates that come from metadata; visible text and the URL are tried by the caller.
    if (!options.rules.date.empty()) {
        if (auto sel = html::Selector::parse(options.rules.date)) {
            if (html::Node n = sel->select_first(doc.document())) {
                std::string text(n.attr("datetime"));
                if (text.empty()) {
                    text = std::string(n.attr("content"));
                }
                if (text.empty()) {
                    text = n.text();
                }
                auto found = parse_with_formats(text, options.rules.date_formats, options.zone);
                if (!found) {
                    found = find_date(text, options.zone);
                }
                if (found) {
                    date_has_time = found->has_time;
                    out.date = found->when;
                    prov["date"] = "selector";
                }
            }
        }
    }
    auto try_date = [&](const std::string& value, const char* rule) {
        if (out.date || value.empty()) {
            return;
        }
        if (auto found = find_date(value, options.zone)) {
            date_has_time = found->has_time;
            out.date = found->when;
            prov["date"] = rule;
        }
    };
    try_date(ld.date_published, "json-ld:datePublished");
    for (const char* key :
         {"article:published_time", "og:published_time", "og:article:published_time",
          "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
          "publication_date", "sailthru.date", "parsely-pub-date", "dc.date.issued", "dc.date",
          "dcterms.date", "date", "article.published", "published-date", "release_date",
          "weibo:article:create_at", "created", "firstpublishedtime", "datecreated"}) {
        try_date(get(meta, key), key);
    }
    try_date(ld.date_created, "json-ld:dateCreated");
    if (!out.date) {
        html::Node best;
        for (const html::Node& t : page.times) {
            if (!best || t.has_attr("pubdate") || t.attr("itemprop") == "datePublished") {
                best = t;
                if (t.has_attr("pubdate") || t.attr("itemprop") == "datePublished") {
                    break;
                }
            }
        }
        if (best) {
            try_date(std::string(best.attr("datetime")), "time[datetime]");
        }
    }
    DateHints hints;
    hints.has_time = date_has_time;
    if (!ld.date_fallback.empty()) {
        if (auto found = find_date(ld.date_fallback, options.zone)) {
            hints.fallback = found->when;
        }
    }
    return hints;
}

} // namespace archiver::extract::detail
