// SPDX-License-Identifier: MIT
// Inline XHTML content sanitized as it is serialized. The general way writes the element
// tree out as markup and hands that to the HTML sanitizer, which tokenizes it again; for a
// tree of whitelisted elements and attribute names (nearly every feed's XHTML) this writes
// what the sanitizer would make of that markup straight from the tree, with the same
// attribute rules. Anything else (a foreign or unacceptable element, a style attribute,
// unusual names, a repeated attribute) is declined, for the general way.
#include "walk.hpp"

#include "html_tables.hpp"
#include "html_text.hpp"
#include "sanitize_attr.hpp"
#include "swar.hpp"

#include <algorithm>
#include <vector>

namespace archiver::feed::detail {
namespace {

// Characters of a name the sanitizer's tokenizer reads as one name and keeps as it is
// (lower-cased): letters first, then letters, digits, '-', '_', '.'.
bool plain_name(std::string_view n) {
    if (n.empty() || !is_alpha(n[0])) {
        return false;
    }
    return std::all_of(n.begin() + 1, n.end(), [](char c) {
        return is_alnum(c) || c == '-' || c == '_' || c == '.';
    });
}

struct Attr {
    std::size_t key_at; // in Writer::m_keys
    std::size_t key_len;
    std::size_t value_at; // in Writer::m_values
    std::size_t value_len;
};

// The writer's working buffers, kept between contents on one thread (a writer at a time).
struct Buffers {
    std::string scratch;
    std::string tag;
    std::string keys;
    std::string values;
    std::string lowered;
    std::vector<Attr> attrs;

    static Buffers& mine() {
        thread_local Buffers t_buffers;
        return t_buffers;
    }
};

class Writer {
public:
    Writer(const WalkContext& ctx, std::string_view base, std::string& out)
        : m_ctx(ctx), m_base(base), m_out(out) {}

    bool children(const pugi::xml_node& node);

private:
    bool element(const pugi::xml_node& node);
    std::string_view key(const Attr& a) const {
        return std::string_view(m_keys).substr(a.key_at, a.key_len);
    }

    const WalkContext& m_ctx;
    std::string_view m_base;
    std::string& m_out;
    Buffers& m_buffers = Buffers::mine();
    std::string& m_scratch = m_buffers.scratch;
    std::string& m_tag = m_buffers.tag;
    std::string& m_keys = m_buffers.keys;
    std::string& m_values = m_buffers.values;
    std::string& m_lowered = m_buffers.lowered;
    std::vector<Attr>& m_attrs = m_buffers.attrs;
};

bool Writer::children(const pugi::xml_node& node) {
    for (pugi::xml_node c = node.first_child(); present(c); c = c.next_sibling()) {
        const pugi::xml_node_type type = c.type();
        if (type == pugi::node_pcdata || type == pugi::node_cdata) {
            // As serialize_children writes text; the sanitizer passes it on unchanged (its
            // only references are &amp; &lt; &gt;).
            serialize_xhtml_text(c, m_ctx, m_out, m_scratch);
        } else if (type == pugi::node_element) {
            if (!element(c)) {
                return false;
            }
        }
    }
    return true;
}

bool Writer::element(const pugi::xml_node& node) {
    std::string_view name = node.name();
    if (auto colon = name.find(':'); colon != std::string_view::npos) {
        name = name.substr(colon + 1);
    }
    if (!plain_name(name)) {
        return false;
    }
    m_tag.clear();
    swar::append_lower(m_tag, name);
    if (!tables::contains(tables::k_acceptable_elements, m_tag) || m_tag == "svg" ||
        m_tag == "math") {
        return false;
    }
    // The attributes as the sanitizer reads them from the serialized tag: the name
    // lower-cased, the value decoded then escaped for a double-quoted attribute.
    m_keys.clear();
    m_values.clear();
    m_attrs.clear();
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view n = a.name();
        Attr at{m_keys.size(), n.size(), m_values.size(), 0};
        swar::append_lower(m_keys, n);
        const std::string_view k = key(at);
        if (k.empty() || !(is_alpha(k[0]) || k[0] == '_')) {
            m_keys.resize(at.key_at); // the sanitizer drops it
            continue;
        }
        if (k == "style" || std::any_of(k.begin(), k.end(), [](char c) {
                return is_space(c) || c == '=' || c == '>' || c == '<' || c == '/';
            })) {
            return false;
        }
        for (const Attr& b : m_attrs) {
            if (key(b) == k) {
                return false; // repeated: the general way keeps the last
            }
        }
        m_scratch.clear();
        append_decoded(m_scratch, a.value(), &m_ctx.xml->entities, nullptr);
        append_escaped_xml(m_values, m_scratch, true);
        at.value_len = m_values.size() - at.value_at;
        m_attrs.push_back(at);
    }
    std::sort(m_attrs.begin(), m_attrs.end(),
              [&](const Attr& a, const Attr& b) { return key(a) < key(b); });
    // Copies: the children reuse the members.
    const std::string tag = m_tag;
    m_out += '<';
    m_out += tag;
    for (const Attr& a : m_attrs) {
        const std::string_view k = key(a);
        if (!tables::contains(tables::k_acceptable_attributes, k)) {
            continue;
        }
        std::string_view value = std::string_view(m_values).substr(a.value_at, a.value_len);
        if (k == "rel" || k == "type") {
            m_lowered.clear();
            swar::append_lower(m_lowered, value);
            value = m_lowered;
        }
        if (!m_base.empty() && is_uri_attr(tag, k)) {
            append_attr(m_out, k, safe_absolute_uri(m_base, value));
        } else if (k == "href") {
            append_attr(m_out, k, safe_absolute_uri("", value));
        } else {
            append_attr(m_out, k, value);
        }
    }
    const bool is_void = tables::contains(tables::k_void_elements, tag);
    m_out += is_void ? " />" : ">";
    if (!children(node)) {
        return false;
    }
    if (!is_void) {
        m_out += "</";
        m_out += tag;
        m_out += '>';
    }
    return true;
}

} // namespace

bool sanitize_xhtml_children(const pugi::xml_node& node,
                             const WalkContext& ctx,
                             std::string_view base,
                             std::string& out) {
    out.clear();
    Writer w(ctx, base, out);
    if (!w.children(node)) {
        out.clear();
        return false;
    }
    return true;
}

} // namespace archiver::feed::detail
