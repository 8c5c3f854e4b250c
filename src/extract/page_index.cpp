// SPDX-License-Identifier: MIT
#include "page_index.hpp"

#include <archiver/html/selector.hpp>

namespace archiver::extract::detail {

namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != b[i]) {
            return false;
        }
    }
    return true;
}


} // namespace

PageIndex index_page(const html::Document& doc) {
    PageIndex out;
    const html::Node body = doc.body();
    struct Frame {
        html::Node node;
        bool in_body;
    };
    std::vector<Frame> stack;
    stack.push_back({doc.document(), false});
    while (!stack.empty()) {
        const Frame f = stack.back();
        stack.pop_back();
        const std::size_t count = f.node.child_count();
        // Children pushed last-first, so they come off the stack in document order.
        for (std::size_t i = count; i > 0; --i) {
            html::Node c = f.node.child(i - 1);
            if (c.is_element()) {
                stack.push_back({c, f.in_body || f.node == body});
            }
        }
        if (!f.node.is_element()) {
            continue;
        }
        const html::Node n = f.node;
        const std::string_view tag = n.tag();
        if (tag == "meta") {
            out.metas.push_back(n);
        } else if (tag == "script") {
            if (iequals(n.attr("type"), "application/ld+json")) {
                out.json_ld.push_back(n);
            }
        } else if (tag == "title") {
            if (!out.title) {
                out.title = n;
            }
        } else if (tag == "h1") {
            if (f.in_body) {
                out.body_h1s.push_back(n);
            }
        } else if (tag == "link") {
            if (n.has_attr("href")) {
                const std::string_view rel = n.attr("rel");
                if (html::has_word(rel, "canonical", true)) {
                    out.canonicals.push_back(n);
                }
                if (!out.image_src && rel == "image_src") {
                    out.image_src = n;
                }
            }
        } else if (tag == "time") {
            if (n.has_attr("datetime")) {
                out.times.push_back(n);
            }
        } else if (tag == "base") {
            if (!out.base && n.has_attr("href")) {
                out.base = n;
            }
        }
    }
    return out;
}

} // namespace archiver::extract::detail
