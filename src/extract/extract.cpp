// SPDX-License-Identifier: MIT
#include <archiver/extract/extract.hpp>

#include "analysis.hpp"
#include "body.hpp"
#include "byline.hpp"
#include "convert.hpp"
#include "filter.hpp"
#include "metadata.hpp"

#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>
#include <archiver/html/selector.hpp>

#include <algorithm>

namespace archiver::extract {

namespace {

// Below this many characters of text the first pass probably missed the article.
constexpr std::size_t k_min_body_chars = 500;

std::size_t text_length(const ContentNode& n) {
    std::size_t len = n.text.size() + (n.kind == NodeKind::image ? 1 : 0);
    for (const auto& c : n.children) {
        len += text_length(c);
    }
    return len;
}

const ContentNode* first_image(const ContentNode& n) {
    if (n.kind == NodeKind::image) {
        return &n;
    }
    for (const auto& c : n.children) {
        if (const ContentNode* found = first_image(c)) {
            return found;
        }
    }
    return nullptr;
}

// Outermost elements only: a match inside another match is already included.
std::vector<html::Node> outermost(const std::vector<html::Node>& nodes) {
    std::vector<html::Node> out;
    for (const html::Node& n : nodes) {
        bool nested = false;
        for (html::Node p = n.parent(); p && !nested; p = p.parent()) {
            nested = std::find(nodes.begin(), nodes.end(), p) != nodes.end();
        }
        if (!nested) {
            out.push_back(n);
        }
    }
    return out;
}

std::string body_text_sample(const ContentNode& n, std::string& out) {
    if (out.size() > 4000) {
        return out;
    }
    out += n.text;
    for (const auto& c : n.children) {
        body_text_sample(c, out);
    }
    return out;
}

// "div#id.class score=.. chars=.." and its ancestors, for -vv.
std::string describe(const detail::Analysis& a, int i) {
    std::string out = "extract: body root";
    for (int k = i; k >= 0; k = a.infos[static_cast<std::size_t>(k)].parent) {
        const detail::Info& info = a.infos[static_cast<std::size_t>(k)];
        out += " < " + std::string(info.tag);
        if (info.node.has_attr("id")) {
            out += "#" + std::string(info.node.attr("id"));
        }
        if (info.node.has_attr("class")) {
            out += "." + std::string(info.node.attr("class"));
        }
        out += " [score=" + std::to_string(static_cast<int>(info.score)) +
               " chars=" + std::to_string(info.chars) + " drop=" +
               std::to_string(static_cast<int>(info.drop)) + "]";
    }
    return out;
}

} // namespace

Result<Article> extract_article(std::string_view html_text, const Options& options) {
    html::Document doc = html::Document::parse(html_text, html::Document::Mode::content);
    Article out;
    out.url = options.url;
    std::string base = options.url;
    const detail::PageIndex page = detail::index_page(doc);
    if (page.base) {
        base = url::resolve(options.url, page.base.attr("href"));
    }
    detail::DateHints date_hints = detail::extract_metadata(doc, page, options, base, out);

    std::vector<html::Selector> remove;
    for (const auto& text : options.rules.remove) {
        auto sel = html::Selector::parse(text);
        if (!sel) {
            return unexpected(Error{Stage::extract, "[extract] remove: " + sel.error().message});
        }
        remove.push_back(std::move(*sel));
    }
    detail::ConvertOptions convert;
    convert.base_url = base;
    convert.title = out.title;
    std::vector<html::Node> rule_roots;
    if (!options.rules.body.empty()) {
        auto sel = html::Selector::parse(options.rules.body);
        if (!sel) {
            return unexpected(Error{Stage::extract, "[extract] body: " + sel.error().message});
        }
        rule_roots = outermost(sel->select(doc.document()));
    }
    // readability's retry: when the first pass keeps too little text, run again without
    // class/id stripping, then without clutter cleaning, and keep the longest result.
    detail::Analysis analysis;
    std::size_t best_len = 0;
    for (int pass = 0; pass < 3; ++pass) {
        detail::Analysis a = detail::analyze(
            doc.body(), remove, pass == 0 ? detail::Strip::unlikely : detail::Strip::tags_only);
        std::vector<html::Node> roots = rule_roots;
        std::string rule = "selector";
        convert.cleaning = detail::Cleaning::rules_only;
        if (roots.empty()) {
            for (int i : detail::choose_body(a)) {
                roots.push_back(a.infos[static_cast<std::size_t>(i)].node);
                if (log::enabled(log::Level::debug)) {
                    log::debug(describe(a, i));
                }
            }
            convert.cleaning = pass == 2 ? detail::Cleaning::rules_only : detail::Cleaning::generic;
            rule = pass == 0 ? "generic" : (pass == 1 ? "generic:unstripped" : "generic:uncleaned");
        }
        ContentNode body = detail::convert_body(a, roots, convert);
        if (convert.cleaning == detail::Cleaning::generic) {
            detail::drop_boilerplate_blocks(body);
        }
        std::size_t len = text_length(body);
        // A later pass must find much more to win: it keeps what the first pass stripped.
        if (pass == 0 || len > 2 * best_len) {
            out.body = std::move(body);
            out.provenance["body"] = rule;
            best_len = len;
            analysis = std::move(a);
        }
        if (best_len >= k_min_body_chars || !rule_roots.empty()) {
            break;
        }
    }
    if (best_len == 0) {
        return unexpected(Error{Stage::extract, "no article text found in " +
                                                    (options.url.empty() ? "the page" : options.url)});
    }

    detail::find_byline(analysis, options, date_hints, out);
    if (out.lang.empty()) {
        std::string sample;
        body_text_sample(out.body, sample);
        std::string guess = detail::guess_lang_of(sample);
        if (!guess.empty()) {
            out.lang = guess;
            out.provenance["lang"] = "script";
        }
    }
    if (out.image.empty()) {
        if (const ContentNode* img = first_image(out.body)) {
            out.image = img->src;
            out.provenance["image"] = "body";
        }
    }
    return out;
}

} // namespace archiver::extract
