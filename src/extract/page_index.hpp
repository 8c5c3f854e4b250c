// SPDX-License-Identifier: MIT
// The elements metadata is read from, gathered in one walk over the page (instead of one
// selector walk per question).
#pragma once

#include <archiver/html/dom.hpp>

#include <vector>

namespace archiver::extract::detail {

struct PageIndex {
    html::Node base;                    // the first <base href>
    html::Node title;                   // the first <title>
    std::vector<html::Node> metas;      // every <meta>, in document order
    std::vector<html::Node> json_ld;    // <script type="application/ld+json"> (any case)
    std::vector<html::Node> canonicals; // <link href> whose rel has the token "canonical"
    html::Node image_src;               // the first <link rel="image_src" href>
    std::vector<html::Node> times;      // <time datetime>
    std::vector<html::Node> body_h1s;   // <h1> inside <body>
};

// Walks every element of `doc` once, in document order.
PageIndex index_page(const html::Document& doc);

} // namespace archiver::extract::detail
