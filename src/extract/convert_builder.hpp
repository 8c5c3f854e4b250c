// SPDX-License-Identifier: MIT
// The builder behind convert_body: walks the chosen elements and grows the ContentNode tree.
// Blocks and dispatch are in convert.cpp, inline runs, links, images and tables in
// convert_inline.cpp.
#pragma once

#include "convert.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace archiver::extract::detail {

// Drops empty inline nodes and the line breaks at the edges of `n`'s blocks, recursively.
void prune(ContentNode& n);

// True if `n` holds any text, image or rule.
bool has_content(const ContentNode& n);

class ContentBuilder {
public:
    ContentBuilder(const Analysis& a, const ConvertOptions& o);

    // Converts `root` and everything under it, appending to the document.
    void visit_root(html::Node root);

    // The document built so far; the builder is spent.
    ContentNode finish();

private:
    // inline runs (convert_inline.cpp)
    void open_run(NodeKind kind = NodeKind::paragraph, int level = 0);
    void ensure_run();
    // Ends the current run and appends it to `target` (default: the current container).
    void flush(ContentNode* target = nullptr);
    void emit_text(std::string_view text);
    // Appends `run` (valid UTF-8 without spaces, ending with `last`) to the current text.
    void append_run(std::string_view run, char32_t last);
    void append_char(char32_t cp);
    void open_inline(ContentNode node, html::Node n);
    void image(html::Node n);
    void link(html::Node n);
    bool is_data_table(html::Node table) const;
    void table(html::Node n);

    // blocks and dispatch (convert.cpp)
    void open_container(NodeKind kind, html::Node n, int start = 1, bool ordered = false);
    void add_block(ContentNode node);
    void transparent_block(html::Node n);
    void heading(html::Node n, int level);
    void code_block(html::Node n);
    static void raw_text(html::Node n, std::string& out);
    bool contains_blocks(html::Node n) const;
    void visit_children(html::Node n);
    void visit(html::Node n);

    const Analysis& m_a;
    const ConvertOptions& m_o;
    html::Node m_root;
    ContentNode m_doc;
    std::vector<ContentNode*> m_blocks;
    ContentNode m_run;
    bool m_run_open = false;
    std::vector<ContentNode*> m_inline;
    bool m_pending_space = false;
    bool m_pending_newline = false;
    char32_t m_last = 0;
    int m_brs = 0;
    bool m_in_p = false;
    int m_flat = 0;
};

} // namespace archiver::extract::detail
