// SPDX-License-Identifier: MIT
// HTML list pages: item nodes found by `[list] item`, link/title/date read inside each.
#include <archiver/core/url.hpp>
#include <archiver/html/dom.hpp>
#include <archiver/html/selector.hpp>
#include <archiver/listing/listing.hpp>
#include <archiver/text/date.hpp>
#include <optional>
#include <set>
#include <utility>

namespace archiver::listing {
namespace {

// A `[list]` selector parsed once; empty when the rule is not set.
struct Rule {
    std::string key;
    std::string text;
    std::optional<html::Selector> selector;
};

Result<Rule> compile(std::string key, const std::string& text) {
    Rule rule{std::move(key), text, std::nullopt};
    if (text.empty()) {
        return rule;
    }
    auto parsed = html::Selector::parse(text);
    if (!parsed) {
        return unexpected(Error{
            Stage::parse, "[list] " + rule.key + " \"" + text + "\": " + parsed.error().message});
    }
    rule.selector = std::move(parsed.value());
    return rule;
}

// The node itself when it matches, else its first matching descendant.
html::Node first_match(const html::Selector& selector, html::Node scope) {
    if (selector.matches(scope)) {
        return scope;
    }
    return selector.select_first(scope);
}

// The link an item points to: `href` of the node, or of the first `a[href]` inside it.
html::Node link_node(html::Node node) {
    if (!node) {
        return {};
    }
    if (node.has_attr("href")) {
        return node;
    }
    return node.select_first("a[href]");
}

// Hrefs that never name an article.
bool usable_href(std::string_view href) {
    return !href.empty() && href.front() != '#' && href.substr(0, 11) != "javascript:" &&
           href.substr(0, 7) != "mailto:";
}

// A date shown in a list: machine-readable attributes first, then the visible text.
std::optional<DateTime> node_date(html::Node node, const ListOptions& options) {
    for (std::string_view attr : {"datetime", "data-time", "data-date", "title"}) {
        if (std::string_view value = node.attr(attr); !value.empty()) {
            if (auto dt = text::parse_date(value, options.zone, options.now)) {
                return dt;
            }
        }
    }
    return text::parse_date(node.text(), options.zone, options.now);
}

std::string describe(const Rule& rule) {
    return "[list] " + rule.key + ": " + rule.text;
}

} // namespace

Result<ListPage>
parse_html_list(std::string_view html, const ListRules& rules, const ListOptions& options) {
    auto item = compile("item", rules.item);
    auto link = compile("link", rules.link);
    auto title = compile("title", rules.title);
    auto date = compile("date", rules.date);
    auto next = compile("next", rules.next);
    for (const auto* r : {&item, &link, &title, &date, &next}) {
        if (!*r) {
            return unexpected(r->error());
        }
    }

    const html::Document doc = html::Document::parse(html);
    // Without an item rule every link the `link` rule matches is an item.
    std::vector<html::Node> nodes;
    if (item->selector) {
        nodes = item->selector->select(doc.document());
    } else if (link->selector) {
        nodes = link->selector->select(doc.document());
    } else {
        return unexpected(Error{Stage::config, "[list] needs an item or a link selector"});
    }
    if (nodes.empty()) {
        const Rule& used = item->selector ? *item : *link;
        return unexpected(
            Error{Stage::parse, "[list] " + used.key + " \"" + used.text + "\" matched nothing"});
    }

    ListPage page;
    std::set<std::string> seen;
    for (const html::Node& node : nodes) {
        html::Node anchor;
        std::string link_rule;
        if (item->selector && link->selector) {
            anchor = link_node(first_match(*link->selector, node));
            link_rule = describe(*link);
        } else {
            anchor = link_node(node);
            link_rule = item->selector ? describe(*item) + " (first a[href])" : describe(*link);
        }
        const std::string_view href = anchor.attr("href");
        if (!usable_href(href)) {
            continue;
        }
        std::string absolute = url::resolve(options.base_url, href);
        if (!url::is_http(absolute) || !seen.insert(absolute).second) {
            continue;
        }
        Entry entry;
        entry.link = absolute;
        entry.id = absolute;

        std::string title_rule;
        if (title->selector) {
            if (html::Node t = first_match(*title->selector, node)) {
                entry.title = t.text();
                title_rule = describe(*title);
            }
        }
        if (!entry.title || entry.title->empty()) {
            std::string text = anchor.text();
            if (text.empty()) {
                text = html::collapse_whitespace(anchor.attr("title"));
            }
            if (!text.empty()) {
                entry.title = std::move(text);
                title_rule = "link text";
            } else {
                entry.title.reset();
            }
        }

        std::string date_rule;
        if (date->selector) {
            if (html::Node d = first_match(*date->selector, node)) {
                entry.published = node_date(d, options);
                if (entry.published) {
                    date_rule = describe(*date);
                }
            }
        }

        if (page.entries.empty()) {
            page.provenance.emplace_back("link", link_rule);
            if (!title_rule.empty()) {
                page.provenance.emplace_back("title", title_rule);
            }
            if (!date_rule.empty()) {
                page.provenance.emplace_back("date", date_rule);
            }
        }
        page.entries.push_back(std::move(entry));
    }
    if (page.entries.empty()) {
        return unexpected(Error{Stage::parse, "[list] no item has a usable http(s) link"});
    }

    if (next->selector) {
        html::Node n = link_node(next->selector->select_first(doc.document()));
        if (usable_href(n.attr("href"))) {
            std::string next_url = url::resolve(options.base_url, n.attr("href"));
            if (url::is_http(next_url) &&
                url::canonicalize(next_url) != url::canonicalize(options.base_url)) {
                page.next_url = std::move(next_url);
                page.provenance.emplace_back("next", describe(*next));
            }
        }
    }
    return page;
}

} // namespace archiver::listing
