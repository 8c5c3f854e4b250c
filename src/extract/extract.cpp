// SPDX-License-Identifier: MIT
#include <archiver/extract/extract.hpp>

#include "analysis.hpp"
#include "body.hpp"
#include "byline.hpp"
#include "convert.hpp"
#include "metadata.hpp"

#include <archiver/core/url.hpp>
#include <archiver/html/selector.hpp>

#include <algorithm>

namespace archiver::extract {

namespace {

bool has_text(const ContentNode& n) {
    if (!n.text.empty() || n.kind == NodeKind::image) {
        return true;
    }
    return std::any_of(n.children.begin(), n.children.end(), has_text);
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

} // namespace

Result<Article> extract_article(std::string_view html_text, const Options& options) {
    html::Document doc = html::Document::parse(html_text);
    Article out;
    out.url = options.url;
    std::string base = options.url;
    if (html::Node b = doc.select_first("base[href]")) {
        base = url::resolve(options.url, b.attr("href"));
    }
    detail::extract_metadata(doc, options, base, out);

    std::vector<html::Selector> remove;
    for (const auto& text : options.rules.remove) {
        auto sel = html::Selector::parse(text);
        if (!sel) {
            return unexpected(Error{Stage::extract, "[extract] remove: " + sel.error().message});
        }
        remove.push_back(std::move(*sel));
    }
    detail::Analysis analysis = detail::analyze(doc.body(), remove);

    detail::ConvertOptions convert;
    convert.base_url = base;
    convert.title = out.title;
    std::vector<html::Node> roots;
    if (!options.rules.body.empty()) {
        auto sel = html::Selector::parse(options.rules.body);
        if (!sel) {
            return unexpected(Error{Stage::extract, "[extract] body: " + sel.error().message});
        }
        roots = outermost(sel->select(doc.document()));
        convert.cleaning = detail::Cleaning::rules_only;
        out.provenance["body"] = "selector";
    }
    if (roots.empty()) {
        for (int i : detail::choose_body(analysis)) {
            roots.push_back(analysis.infos[static_cast<std::size_t>(i)].node);
        }
        convert.cleaning = detail::Cleaning::generic;
        out.provenance["body"] = "generic";
    }
    out.body = detail::convert_body(analysis, roots, convert);
    if (!has_text(out.body) && doc.body()) {
        out.body = detail::convert_body(analysis, {doc.body()}, convert);
        out.provenance["body"] = "whole-page";
    }
    if (!has_text(out.body)) {
        return unexpected(Error{Stage::extract, "no article text found in " +
                                                    (options.url.empty() ? "the page" : options.url)});
    }

    detail::find_byline(analysis, options, out);
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
