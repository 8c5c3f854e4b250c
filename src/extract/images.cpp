// SPDX-License-Identifier: MIT
#include "convert.hpp"

#include <archiver/core/url.hpp>

#include <array>
#include <cstdlib>

namespace archiver::extract::detail {

namespace {

// The candidate with the largest width (or density) descriptor in a srcset.
std::string_view best_from_srcset(std::string_view srcset) {
    std::string_view best;
    double best_size = -1;
    std::size_t pos = 0;
    while (pos < srcset.size()) {
        while (pos < srcset.size() && (srcset[pos] == ' ' || srcset[pos] == ',' ||
                                       srcset[pos] == '\n' || srcset[pos] == '\t')) {
            ++pos;
        }
        std::size_t end = pos;
        while (end < srcset.size() && srcset[end] != ' ' && srcset[end] != '\n' &&
               srcset[end] != '\t') {
            ++end;
        }
        std::string_view url = srcset.substr(pos, end - pos);
        if (!url.empty() && url.back() == ',') {
            url.remove_suffix(1);
            pos = end;
        } else {
            std::size_t comma = srcset.find(',', end);
            std::string_view descriptor =
                srcset.substr(end, (comma == std::string_view::npos ? srcset.size() : comma) - end);
            pos = comma == std::string_view::npos ? srcset.size() : comma + 1;
            double size = 1;
            std::string d(descriptor);
            if (auto first = d.find_first_not_of(" \t\n"); first != std::string::npos) {
                size = std::strtod(d.c_str() + first, nullptr);
            }
            if (!url.empty() && size > best_size) {
                best = url;
                best_size = size;
            }
            continue;
        }
        if (!url.empty() && best_size < 1) {
            best = url;
            best_size = 1;
        }
    }
    return best;
}

bool is_placeholder(std::string_view src) {
    if (src.empty() || src.substr(0, 5) == "data:" || src.substr(0, 11) == "javascript:") {
        return true;
    }
    for (std::string_view hint : {"blank.gif", "spacer.gif", "pixel.gif", "placeholder", "grey.gif",
                                  "loading.gif", "lazy.png", "1x1"}) {
        if (src.find(hint) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string image_source(html::Node img, const std::string& base) {
    static constexpr std::array<std::string_view, 8> k_lazy = {
        "data-src",         "data-original", "data-lazy-src", "data-actualsrc",
        "data-original-src", "data-url",     "data-hi-res-src", "data-lazyload"};
    std::string_view chosen;
    for (std::string_view attr : k_lazy) {
        std::string_view v = img.attr(attr);
        if (!is_placeholder(v)) {
            chosen = v;
            break;
        }
    }
    if (chosen.empty()) {
        for (std::string_view attr : {"data-srcset", "srcset", "data-lazy-srcset"}) {
            std::string_view v = best_from_srcset(img.attr(attr));
            if (!is_placeholder(v)) {
                chosen = v;
                break;
            }
        }
    }
    if (chosen.empty() && !is_placeholder(img.attr("src"))) {
        chosen = img.attr("src");
    }
    if (chosen.empty()) {
        // <picture><source srcset> next to a placeholder <img>.
        html::Node parent = img.parent();
        if (parent.is("picture")) {
            for (const html::Node& s : parent.element_children()) {
                std::string_view v = best_from_srcset(s.attr("srcset"));
                if (s.is("source") && !is_placeholder(v)) {
                    chosen = v;
                    break;
                }
            }
        }
    }
    if (chosen.empty()) {
        return {};
    }
    std::string resolved = url::resolve(base, chosen);
    if (resolved.substr(0, 2) == "//") {
        resolved = "https:" + resolved;
    }
    return resolved;
}

} // namespace archiver::extract::detail
