// SPDX-License-Identifier: MIT
// Feed discovery: what a page advertises, then links that look like feeds, then the paths
// sites commonly use.
#include <algorithm>
#include <archiver/core/url.hpp>
#include <archiver/html/dom.hpp>
#include <archiver/listing/listing.hpp>
#include <array>
#include <cctype>
#include <set>

namespace archiver::listing {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return out;
}

bool has_token(std::string_view list, std::string_view token) {
    std::size_t i = 0;
    while (i < list.size()) {
        while (i < list.size() && std::isspace(static_cast<unsigned char>(list[i])) != 0) {
            ++i;
        }
        std::size_t j = i;
        while (j < list.size() && std::isspace(static_cast<unsigned char>(list[j])) == 0) {
            ++j;
        }
        if (lower(list.substr(i, j - i)) == token) {
            return true;
        }
        i = j;
    }
    return false;
}

// Media types of feeds, best first.
constexpr std::array<std::string_view, 6> k_feed_types = {
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
};

int type_rank(std::string_view type) {
    const std::string t = lower(type.substr(0, type.find(';')));
    for (std::size_t i = 0; i < k_feed_types.size(); ++i) {
        if (t == k_feed_types[i]) {
            return static_cast<int>(i);
        }
    }
    if (t == "application/json") {
        return static_cast<int>(k_feed_types.size());
    }
    return -1;
}

bool is_comment_feed(std::string_view title, std::string_view href) {
    const std::string t = lower(title);
    const std::string h = lower(href);
    return t.find("comment") != std::string::npos || t.find("评论") != std::string::npos ||
           h.find("/comments/") != std::string::npos;
}

// An `<a href>` whose path ends the way feed URLs do (`/rss/politics.xml`, `/feed`).
bool looks_like_feed_link(std::string_view href) {
    std::string h = lower(href);
    h = h.substr(0, h.find_first_of("?#"));
    auto ends = [&](std::string_view suffix) {
        return h.size() >= suffix.size() &&
               h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends(".rss") || ends(".atom") || ends(".rdf") || ends("/feed") || ends("/feed/") ||
        ends("/rss") || ends("/rss/") || ends("/atom.xml") || ends("/feed.json")) {
        return true;
    }
    return ends(".xml") &&
           (h.find("rss") != std::string::npos || h.find("feed") != std::string::npos ||
            h.find("atom") != std::string::npos);
}

} // namespace

std::vector<std::string> discover_feeds(std::string_view html, const std::string& base_url) {
    const html::Document doc = html::Document::parse(html);
    std::string base = base_url;
    if (html::Node b = doc.select_first("base[href]")) {
        base = url::resolve(base_url, b.attr("href"));
    }

    struct Candidate {
        std::string url;
        bool comments;
        std::size_t order;
    };
    std::vector<Candidate> advertised;
    std::set<std::string> seen;
    std::size_t order = 0;
    for (const html::Node& link : doc.select("link[href], a[href][type]")) {
        if (!has_token(link.attr("rel"), "alternate") && !has_token(link.attr("rel"), "feed")) {
            continue;
        }
        if (type_rank(link.attr("type")) < 0) {
            continue;
        }
        std::string absolute = url::resolve(base, link.attr("href"));
        if (!url::is_http(absolute) || !seen.insert(url::canonicalize(absolute)).second) {
            continue;
        }
        advertised.push_back(
            {std::move(absolute), is_comment_feed(link.attr("title"), link.attr("href")), order++});
    }
    // Site feeds before comment feeds, each in the page's own order (its preferred feed
    // comes first).
    std::stable_sort(
        advertised.begin(), advertised.end(), [](const Candidate& a, const Candidate& b) {
            if (a.comments != b.comments) {
                return !a.comments;
            }
            return a.order < b.order;
        });
    std::vector<std::string> out;
    for (auto& c : advertised) {
        out.push_back(std::move(c.url));
    }
    // Plain links to feeds (People's Daily lists its channel feeds on an ordinary page).
    for (const html::Node& a : doc.select("a[href]")) {
        const std::string_view href = a.attr("href");
        if (!looks_like_feed_link(href)) {
            continue;
        }
        std::string absolute = url::resolve(base, href);
        if (url::is_http(absolute) && seen.insert(url::canonicalize(absolute)).second) {
            out.push_back(std::move(absolute));
        }
    }
    return out;
}

std::vector<std::string> common_feed_urls(const std::string& page_url) {
    static constexpr std::array<std::string_view, 9> k_paths = {
        "/feed",
        "/rss",
        "/rss.xml",
        "/feed.xml",
        "/atom.xml",
        "/index.xml",
        "/feeds/posts/default",
        "/feed.json",
        "/rss/index.xml",
    };
    std::vector<std::string> out;
    if (!url::is_http(page_url)) {
        return out;
    }
    for (std::string_view path : k_paths) {
        out.push_back(url::resolve(page_url, path));
    }
    return out;
}

} // namespace archiver::listing
