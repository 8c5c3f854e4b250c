// SPDX-License-Identifier: MIT
#include "xml_load.hpp"

#include "raw_scan.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <vector>

namespace archiver::feed::detail {
namespace {

constexpr std::size_t k_max_entities = 256;
constexpr std::size_t k_max_entity_value = 1024;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_name_char(char c) {
    // std::isalnum as it is in the C locale (the program never sets another), inline.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.' ||
           c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

// Reads the DOCTYPE before the root element: Netscape's RSS 0.91 and the internal entities
// whose values are plain text or a single character reference. Anything that could expand
// into further references (the "billion laughs") is never kept, so expansion is bounded.
void read_doctype(std::string_view text, XmlDoc& out) {
    // Only the prolog: stop at the first element.
    std::size_t prolog = 0;
    while ((prolog = text.find('<', prolog)) != std::string_view::npos) {
        if (prolog + 1 < text.size() && (std::isalpha(static_cast<unsigned char>(text[prolog + 1])) ||
                                         text[prolog + 1] == '_')) {
            break;
        }
        ++prolog;
    }
    const std::size_t dt = text.substr(0, prolog).find("<!DOCTYPE");
    if (dt == std::string_view::npos) {
        return;
    }
    std::size_t end = text.find('>', dt);
    const std::size_t bracket = text.find('[', dt);
    if (bracket != std::string_view::npos && bracket < end) {
        end = text.find("]>", bracket);
    }
    if (end == std::string_view::npos) {
        end = std::min(text.size(), dt + 65536);
    }
    const std::string_view decl = text.substr(dt, end - dt);
    std::string lower(decl.substr(0, 200));
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("netscape") != std::string::npos) {
        out.netscape = true;
    }
    std::size_t p = 0;
    while ((p = decl.find("<!ENTITY", p)) != std::string_view::npos &&
           out.entities.size() < k_max_entities) {
        p += 8;
        while (p < decl.size() && is_space(decl[p])) {
            ++p;
        }
        if (p < decl.size() && decl[p] == '%') {
            continue; // parameter entities are never expanded
        }
        const std::size_t ns = p;
        while (p < decl.size() && is_name_char(decl[p])) {
            ++p;
        }
        const std::string name(decl.substr(ns, p - ns));
        while (p < decl.size() && is_space(decl[p])) {
            ++p;
        }
        if (name.empty() || p >= decl.size() || (decl[p] != '"' && decl[p] != '\'')) {
            continue; // SYSTEM / PUBLIC: external entities are never fetched
        }
        const char quote = decl[p];
        const std::size_t close = decl.find(quote, p + 1);
        if (close == std::string_view::npos) {
            break;
        }
        const std::string_view value = decl.substr(p + 1, close - p - 1);
        const bool single_ref = value.size() > 3 && value.substr(0, 2) == "&#" &&
                                value.back() == ';' &&
                                value.find('&', 1) == std::string_view::npos;
        if (value.size() <= k_max_entity_value &&
            (single_ref || value.find('&') == std::string_view::npos) &&
            value.find('<') == std::string_view::npos) {
            out.entities.emplace(name, decode_entities(value, nullptr, nullptr));
        }
        p = close + 1;
    }
}

// The problems pugixml does not report: undefined entities, bare ampersands, undeclared
// namespace prefixes. Names and values are pugixml's NUL-terminated strings: each is
// scanned once (strchr), never measured first.
// What check_tree reads of an entry: names, attributes and text that holds something other
// than blanks ('&' is never blank). Blank text, CDATA (never checked) and line-end and
// attribute-blank normalisation are left out; pugixml finds the same errors either way.
constexpr unsigned k_check_parse_flags = pugi::parse_minimal;

// With `split`, each placeholder met is checked as its entry (parsed from the split
// document); `next` counts them in order, and `ok` turns false when one is out of order or
// does not parse.
struct SplitCheck {
    SplitDoc* split = nullptr;
    std::size_t next = 0;
    bool ok = true;
};

// `texts` false leaves out the text and attribute value checks (references_known() found
// nothing they could report).
void check_tree(const pugi::xml_node& node,
                std::vector<std::string_view>& prefixes,
                const EntityMap& entities,
                std::string& reason,
                SplitCheck* split = nullptr,
                bool texts = true) {
    auto check_text = [&](const char* raw) {
        for (const char* amp = std::strchr(raw, '&'); amp != nullptr && reason.empty();
             amp = std::strchr(amp + 1, '&')) {
            const char* q = amp + 1;
            if (*q == '#') {
                continue; // validated when decoded
            }
            while (*q != '\0' && is_name_char(*q)) {
                ++q;
            }
            if (q == amp + 1 || *q != ';') {
                reason = "not well-formed: bare '&' in text";
                return;
            }
            const std::string_view name(amp + 1, static_cast<std::size_t>(q - amp - 1));
            if (name != "lt" && name != "gt" && name != "amp" && name != "quot" &&
                name != "apos" && entities.find(name) == entities.end()) {
                reason = "undefined entity &" + std::string(name) + ";";
                return;
            }
        }
    };
    auto declared = [&](const char* qname) {
        const char* colon = std::strchr(qname, ':');
        if (colon == nullptr) {
            return true;
        }
        const std::string_view prefix(qname, static_cast<std::size_t>(colon - qname));
        return prefix == "xml" || prefix == "xmlns" ||
               std::find(prefixes.begin(), prefixes.end(), prefix) != prefixes.end();
    };
    for (pugi::xml_node child = node.first_child(); child && reason.empty();
         child = child.next_sibling()) {
        const pugi::xml_node_type type = child.type();
        if (type == pugi::node_pcdata) {
            if (texts) {
                check_text(child.value());
            }
            continue;
        }
        if (type != pugi::node_element) {
            continue;
        }
        if (split != nullptr && split->ok) {
            if (const std::size_t i = split->split->index_of(child); i != SplitDoc::npos) {
                const pugi::xml_node entry =
                    i == split->next ? split->split->load(i, k_check_parse_flags) : pugi::xml_node();
                if (!entry) {
                    split->ok = false;
                    return;
                }
                ++split->next;
                // The entry stands where its placeholder does, with the same prefixes.
                check_tree(entry.parent(), prefixes, entities, reason, nullptr, texts);
                continue;
            }
        }
        const std::size_t mark = prefixes.size();
        // One pass gathers the element's declarations and notes whether anything needs the
        // checks (a prefixed name, an '&' in a value); only then, a second pass in order.
        const pugi::xml_attribute first = child.first_attribute();
        bool suspect = std::strchr(child.name(), ':') != nullptr;
        for (pugi::xml_attribute a = first; a; a = a.next_attribute()) {
            const char* n = a.name();
            if (std::strncmp(n, "xmlns:", 6) == 0) {
                prefixes.emplace_back(n + 6);
            } else if (!suspect) {
                suspect = std::strchr(n, ':') != nullptr;
            }
            if (!suspect && texts) {
                suspect = std::strchr(a.value(), '&') != nullptr;
            }
        }
        if (suspect) {
            if (!declared(child.name())) {
                reason = "undeclared namespace prefix in <" + std::string(child.name()) + ">";
            }
            for (pugi::xml_attribute a = first; a && reason.empty(); a = a.next_attribute()) {
                if (!declared(a.name())) {
                    reason = "undeclared namespace prefix in attribute " + std::string(a.name());
                }
                if (texts) {
                    check_text(a.value());
                }
            }
        }
        if (child.first_child()) {
            check_tree(child, prefixes, entities, reason, split, texts);
        }
        prefixes.resize(mark);
    }
}

// The forgiving loader: tags are matched by name, stray end tags ignored, unclosed elements
// closed at the end, CDATA and text kept.
class LooseLoader {
public:
    explicit LooseLoader(pugi::xml_document& doc) { m_stack.push_back(doc); }
    void run(std::string_view s);

private:
    void text(std::string_view t, pugi::xml_node_type type = pugi::node_pcdata) {
        if (t.empty() || m_stack.size() == 1) {
            return; // text outside the root carries nothing
        }
        pugi::xml_node top = m_stack.back();
        pugi::xml_node last = top.last_child();
        if (type == pugi::node_pcdata && last && last.type() == pugi::node_pcdata) {
            std::string merged = std::string(last.value()) + std::string(t);
            last.set_value(merged.c_str());
            return;
        }
        top.append_child(type).set_value(std::string(t).c_str());
    }
    std::size_t start_tag(std::string_view s, std::size_t p);
    std::size_t end_tag(std::string_view s, std::size_t p);

    std::vector<pugi::xml_node> m_stack;
};

std::size_t LooseLoader::start_tag(std::string_view s, std::size_t p) {
    std::size_t q = p + 1;
    while (q < s.size() && is_name_char(s[q])) {
        ++q;
    }
    const std::string name(s.substr(p + 1, q - p - 1));
    pugi::xml_node el = m_stack.back().append_child(name.c_str());
    bool self_closing = false;
    std::set<std::string> seen;
    while (q < s.size()) {
        while (q < s.size() && is_space(s[q])) {
            ++q;
        }
        if (q >= s.size() || s[q] == '<') {
            break;
        }
        if (s[q] == '>') {
            ++q;
            break;
        }
        if (s[q] == '/' && q + 1 < s.size() && s[q + 1] == '>') {
            self_closing = true;
            q += 2;
            break;
        }
        const std::size_t an = q;
        while (q < s.size() && !is_space(s[q]) && s[q] != '=' && s[q] != '>' && s[q] != '<' &&
               !(s[q] == '/' && q + 1 < s.size() && s[q + 1] == '>')) {
            ++q;
        }
        if (q == an) {
            ++q;
            continue;
        }
        const std::string attr(s.substr(an, q - an));
        std::string value = attr;
        std::size_t r = q;
        while (r < s.size() && is_space(s[r])) {
            ++r;
        }
        if (r < s.size() && s[r] == '=') {
            ++r;
            while (r < s.size() && is_space(s[r])) {
                ++r;
            }
            if (r < s.size() && (s[r] == '"' || s[r] == '\'')) {
                const char quote = s[r];
                std::size_t close = s.find(quote, r + 1);
                const std::size_t gt = s.find('>', r + 1);
                if (close == std::string_view::npos) {
                    close = gt == std::string_view::npos ? s.size() : gt;
                }
                value = std::string(s.substr(r + 1, close - r - 1));
                q = close < s.size() && s[close] == quote ? close + 1 : close;
            } else {
                const std::size_t vs = r;
                while (r < s.size() && !is_space(s[r]) && s[r] != '>') {
                    ++r;
                }
                value = std::string(s.substr(vs, r - vs));
                q = r;
            }
        }
        if (seen.insert(attr).second) {
            el.append_attribute(attr.c_str()).set_value(value.c_str());
        }
    }
    if (!self_closing) {
        m_stack.push_back(el);
    }
    return q;
}

std::size_t LooseLoader::end_tag(std::string_view s, std::size_t p) {
    std::size_t q = p + 2;
    while (q < s.size() && is_name_char(s[q])) {
        ++q;
    }
    const std::string_view name = s.substr(p + 2, q - p - 2);
    const std::size_t gt = s.find_first_of("<>", q);
    const std::size_t next = gt == std::string_view::npos ? s.size()
                                                          : (s[gt] == '>' ? gt + 1 : gt);
    for (std::size_t i = m_stack.size(); i-- > 1;) {
        const std::string_view open = m_stack[i].name();
        if (open.size() == name.size() &&
            std::equal(open.begin(), open.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            })) {
            m_stack.resize(i);
            break;
        }
    }
    return next;
}

void LooseLoader::run(std::string_view s) {
    std::size_t p = 0;
    while (p < s.size()) {
        const std::size_t lt = s.find('<', p);
        if (lt == std::string_view::npos) {
            text(s.substr(p));
            break;
        }
        text(s.substr(p, lt - p));
        p = lt;
        if (s.compare(p, 4, "<!--") == 0) {
            const std::size_t close = s.find("-->", p + 4);
            p = close == std::string_view::npos ? s.size() : close + 3;
        } else if (s.compare(p, 9, "<![CDATA[") == 0) {
            const std::size_t close = s.find("]]>", p + 9);
            const std::size_t end = close == std::string_view::npos ? s.size() : close;
            text(s.substr(p + 9, end - p - 9), pugi::node_cdata);
            p = close == std::string_view::npos ? s.size() : close + 3;
        } else if (s.compare(p, 2, "<!") == 0 || s.compare(p, 2, "<?") == 0) {
            std::size_t close = s.find('>', p);
            const std::size_t bracket = s.find('[', p);
            if (s.compare(p, 9, "<!DOCTYPE") == 0 && bracket != std::string_view::npos &&
                bracket < close) {
                close = s.find("]>", bracket);
                close = close == std::string_view::npos ? close : close + 1;
            }
            p = close == std::string_view::npos ? s.size() : close + 1;
        } else if (s.compare(p, 2, "</") == 0) {
            p = end_tag(s, p);
        } else if (p + 1 < s.size() && (std::isalpha(static_cast<unsigned char>(s[p + 1])) ||
                                        s[p + 1] == '_')) {
            p = start_tag(s, p);
        } else {
            text("&lt;");
            ++p;
        }
    }
}

} // namespace

namespace {

// The strict parse of `size` bytes at `text` (kept alive by the caller), in place.
bool parse_strict(char* text, std::size_t size, XmlDoc& out) {
    // The raw text is scanned before the parse writes into it.
    const bool texts = !references_known(std::string_view(text, size), out.entities);
    const RawPrefixes raw = scan_prefixes(std::string_view(text, size));
    const pugi::xml_parse_result r =
        out.doc.load_buffer_inplace(text, size, k_strict_parse_flags, pugi::encoding_utf8);
    if (r && out.doc.document_element()) {
        std::vector<std::string_view> prefixes;
        std::string reason;
        // Nothing left to find when both scans cleared the document: no walk of the tree.
        if (texts || !prefixes_declared(raw, out.doc)) {
            check_tree(out.doc, prefixes, out.entities, reason, nullptr, texts);
        }
        if (!reason.empty()) {
            out.bozo = true;
            out.bozo_reason = reason;
        }
        return true;
    }
    out.bozo = true;
    out.bozo_reason = r ? std::string("no root element")
                        : std::string("not well-formed XML: ") + r.description() + " at offset " +
                              std::to_string(r.offset);
    out.doc.reset();
    return false;
}

} // namespace

bool load_xml_strict(std::string text, XmlDoc& out) {
    read_doctype(text, out);
    if (text.size() >= k_arena_min_text && !out.arena) {
        out.arena = std::make_unique<TreeArena>();
    }
    const ArenaScope scope(out.arena.get());
    out.buffer = std::move(text);
    if (!parse_strict(out.buffer.data(), out.buffer.size(), out)) {
        out.buffer.clear();
        return false;
    }
    return true;
}

bool load_xml_strict_in_place(char* text, std::size_t size, XmlDoc& out) {
    read_doctype(std::string_view(text, size), out);
    if (size >= k_arena_min_text && !out.arena) {
        out.arena = std::make_unique<TreeArena>();
    }
    const ArenaScope scope(out.arena.get());
    return parse_strict(text, size, out);
}

void reset_xml(XmlDoc& out) {
    out.doc.reset();
    out.split.reset();
    out.bozo = false;
    out.bozo_reason.clear();
    out.entities.clear();
    out.netscape = false;
    out.buffer.clear();
}

bool load_xml_split(std::string_view text, XmlDoc& out, std::size_t min_size) {
    if (text.size() < min_size) {
        return false;
    }
    auto split = std::make_unique<SplitDoc>();
    if (!split->cut(text)) {
        return false;
    }
    return load_split(std::move(split), references_known(text, EntityMap{}), scan_prefixes(text),
                      out);
}

bool load_split(std::unique_ptr<SplitDoc> split,
                bool references_clear,
                const RawPrefixes& prefixes_met,
                XmlDoc& out) {
    // The prolog is the text's (the cut copies everything before the first entry), and a
    // document with an internal subset is never cut: no entities are declared.
    SplitDoc::Text& skeleton = split->skeleton();
    read_doctype(std::string_view(skeleton.data(), skeleton.size()), out);
    pugi::xml_parse_result r;
    {
        // The skeleton's tree lives in the split document's memory (freed after it: `doc`
        // is declared after `split` in XmlDoc).
        const ArenaScope scope(&split->arena());
        r = out.doc.load_buffer_inplace(skeleton.data(), skeleton.size(), k_strict_parse_flags,
                                        pugi::encoding_utf8);
    }
    if (!r || !out.doc.document_element() || !out.entities.empty()) {
        reset_xml(out);
        return false;
    }
    // Every entry must parse: the cut vouched for most; the others are parsed now.
    for (const std::size_t i : split->unverified()) {
        if (!split->load(i, k_check_parse_flags)) {
            reset_xml(out);
            return false;
        }
    }
    // check_tree's findings, as the whole-document read has them: nothing to find when the
    // raw scans clear the text (as there); else the skeleton is checked with its entries
    // in place.
    std::string reason;
    const bool texts = !references_clear;
    if (texts || !prefixes_declared(prefixes_met, out.doc)) {
        std::vector<std::string_view> prefixes;
        SplitCheck check{split.get()};
        check_tree(out.doc, prefixes, out.entities, reason, &check, texts);
        if (!check.ok) {
            reset_xml(out);
            return false;
        }
    }
    if (!reason.empty()) {
        out.bozo = true;
        out.bozo_reason = reason;
    }
    out.split = std::move(split);
    return true;
}

void load_xml_loose(std::string_view text, XmlDoc& out) {
    if (out.entities.empty()) {
        read_doctype(text, out);
    }
    if (text.size() >= k_arena_min_text && !out.arena) {
        out.arena = std::make_unique<TreeArena>();
    }
    const ArenaScope scope(out.arena.get());
    out.doc.reset();
    LooseLoader loader(out.doc);
    loader.run(text);
}

} // namespace archiver::feed::detail
