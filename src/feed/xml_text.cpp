// SPDX-License-Identifier: MIT
// Reading values out of feed elements: names mapped through namespaces, text decoded,
// content constructs (type, mode, base64, inline XHTML) turned into sanitized HTML.
#include "walk.hpp"

#include "html_text.hpp"
#include "swar.hpp"
#include "url_join.hpp"

#include <archiver/core/url.hpp>
#include <archiver/text/date.hpp>

#include <algorithm>
#include <cctype>

namespace archiver::feed::detail {
namespace {

using swar::append_lower;

bool is_trimmed(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim_view(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && is_trimmed(s[b])) {
        ++b;
    }
    while (e > b && is_trimmed(s[e - 1])) {
        --e;
    }
    return s.substr(b, e - b);
}

// A string buffer reused between calls on one thread (cleared on loan; one that grew past
// 1 MB is given back), one per `Use`. Not re-entrant: one loan of each at a time.
template <typename Use> class ScratchText {
public:
    ScratchText() : s(buffer()) { s.clear(); }
    ~ScratchText() {
        if (s.capacity() > (std::size_t{1} << 20)) {
            std::string().swap(s);
        }
    }
    ScratchText(const ScratchText&) = delete;
    ScratchText& operator=(const ScratchText&) = delete;
    std::string& s;

private:
    static std::string& buffer() {
        thread_local std::string t_buffer;
        return t_buffer;
    }
};

// trim_view() of a string of its own, applied where it lies.
void trim_in_place(std::string& s) {
    const std::string_view t = trim_view(s);
    if (t.size() == s.size()) {
        return;
    }
    const auto at = static_cast<std::size_t>(t.data() - s.data());
    s.erase(at + t.size());
    s.erase(0, at);
}

// The conventional prefix of a namespace URI; nullopt when unknown. "" for the core
// vocabularies (RSS, RSS 1.0, RSS 0.90, Atom 0.3 and 1.0).
std::optional<std::string> known_prefix(std::string_view uri) {
    struct Ns {
        std::string_view uri;
        std::string_view prefix;
    };
    static constexpr Ns k_ns[] = {
        {"http://www.w3.org/2005/atom", ""},
        {"http://purl.org/atom/ns#", ""},
        {"http://purl.org/rss/1.0/", ""},
        {"http://my.netscape.com/rdf/simple/0.9/", ""},
        {"http://purl.org/rss/1.0/modules/rss091#", ""},
        {"http://purl.org/dc/elements/1.1/", "dc"},
        {"http://purl.org/dc/terms/", "dcterms"},
        {"http://purl.org/rss/1.0/modules/content/", "content"},
        {"http://search.yahoo.com/mrss/", "media"},
        {"http://search.yahoo.com/mrss", "media"},
        {"http://video.search.yahoo.com/mrss", "media"},
        {"http://video.search.yahoo.com/mrss/", "media"},
        {"http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"},
        {"http://example.com/dtds/podcast-1.0.dtd", "itunes"},
        {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"},
        {"http://www.w3.org/1999/xhtml", "xhtml"},
        {"http://webns.net/mvcb/", "admin"},
        {"http://rssnamespace.org/feedburner/ext/1.0", "feedburner"},
        {"http://purl.org/rss/1.0/modules/syndication/", "sy"},
        {"http://www.w3.org/1999/xlink", "xlink"},
        {"http://www.w3.org/xml/1998/namespace", "xml"},
        {"http://purl.org/rss/1.0/modules/slash/", "slash"},
        {"http://wellformedweb.org/commentapi/", "wfw"},
        {"http://www.georss.org/georss", "georss"},
    };
    const std::string_view k_userland = "backend.userland.com/rss";
    for (std::size_t i = 0; i + k_userland.size() <= uri.size(); ++i) {
        if (iequals_ascii(uri.substr(i, k_userland.size()), k_userland)) {
            return std::string();
        }
    }
    for (const auto& n : k_ns) {
        if (iequals_ascii(uri, n.uri)) {
            return std::string(n.prefix);
        }
    }
    return std::nullopt;
}

void append_text(const pugi::xml_node& node, const WalkContext& ctx, std::string& out) {
    for (pugi::xml_node c = node.first_child(); present(c); c = c.next_sibling()) {
        const pugi::xml_node_type type = c.type();
        if (type == pugi::node_pcdata) {
            append_decoded(out, c.value(), &ctx.xml->entities, nullptr);
        } else if (type == pugi::node_cdata) {
            out += c.value();
        } else if (type == pugi::node_element) {
            append_text(c, ctx, out);
        }
    }
}

} // namespace

void serialize_xhtml_text(const pugi::xml_node& text,
                          const WalkContext& ctx,
                          std::string& out,
                          std::string& scratch) {
    const std::string_view raw = text.value();
    if (text.type() == pugi::node_cdata || raw.find('&') == std::string_view::npos) {
        append_escaped_xml(out, raw);
    } else {
        scratch.clear();
        append_decoded(scratch, raw, &ctx.xml->entities, nullptr);
        append_escaped_xml(out, scratch);
    }
}

namespace {

// Serializes the children of `node` as markup (inline XHTML content).
void serialize_children(const pugi::xml_node& node,
                        const WalkContext& ctx,
                        std::string& out,
                        std::string& scratch) {
    for (pugi::xml_node c = node.first_child(); present(c); c = c.next_sibling()) {
        const pugi::xml_node_type type = c.type();
        if (type == pugi::node_pcdata || type == pugi::node_cdata) {
            serialize_xhtml_text(c, ctx, out, scratch);
        } else if (type == pugi::node_element) {
            std::string_view name = c.name();
            if (auto colon = name.find(':'); colon != std::string_view::npos) {
                name = name.substr(colon + 1);
            }
            out += '<';
            append_lower(out, name);
            for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) {
                out += ' ';
                append_lower(out, a.name());
                out += "=\"";
                scratch.clear();
                append_decoded(scratch, a.value(), &ctx.xml->entities, nullptr);
                append_escaped_xml(out, scratch, true);
                out += '"';
            }
            out += '>';
            serialize_children(c, ctx, out, scratch);
            out += "</";
            append_lower(out, name);
            out += '>';
        }
    }
}

void serialize_children(const pugi::xml_node& node, const WalkContext& ctx, std::string& out) {
    std::string scratch;
    serialize_children(node, ctx, out, scratch);
}

bool has_element_child(const pugi::xml_node& node) {
    for (pugi::xml_node c = node.first_child(); present(c); c = c.next_sibling()) {
        if (c.type() == pugi::node_element) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> base64_decode(std::string_view in) {
    static constexpr std::string_view k_chars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buf = 0;
    int bits = 0;
    for (char c : in) {
        if (c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            continue;
        }
        const auto pos = k_chars.find(c);
        if (pos == std::string_view::npos) {
            return std::nullopt;
        }
        buf = (buf << 6) | static_cast<unsigned>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buf >> bits) & 0xFF);
        }
    }
    return out;
}

std::string map_type(std::string_view t) {
    const std::string_view type = trim_view(t);
    if (iequals_ascii(type, "text") || iequals_ascii(type, "plain")) {
        return "text/plain";
    }
    if (iequals_ascii(type, "html")) {
        return "text/html";
    }
    if (iequals_ascii(type, "xhtml")) {
        return "application/xhtml+xml";
    }
    return lower(type);
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

} // namespace

void serialize_xhtml_children(const pugi::xml_node& node, const WalkContext& ctx, std::string& out) {
    serialize_children(node, ctx, out);
}

Elem make_elem(const pugi::xml_node& node, const Scope& parent) {
    Elem e{node, {}, parent};
    // A copy of the parent's scope data, made at the element's first declaration.
    std::shared_ptr<Scope::Data> own;
    const auto mine = [&]() -> Scope::Data& {
        if (!own) {
            own = std::make_shared<Scope::Data>(*parent.data);
        }
        return *own;
    };
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        const char* const raw = a.name();
        if (raw[0] != 'x' || raw[1] != 'm' || raw[2] != 'l') {
            continue; // none of the four below (the name ends in a NUL: no read past it)
        }
        const std::string_view n = raw;
        const bool default_ns = n == "xmlns";
        if (default_ns || n.substr(0, 6) == "xmlns:") {
            std::string uri = a.value();
            std::optional<std::string> known = known_prefix(uri);
            mine().ns.push_back({std::string(default_ns ? std::string_view() : n.substr(6)),
                                 std::move(uri), std::move(known)});
        } else if (n == "xml:base") {
            // "http:///x" is a common typo for "http://x"; a base with a script scheme is
            // ignored (the enclosing base stays).
            std::string b = decode_entities(trim_view(a.value()), nullptr, nullptr);
            if (auto sep = b.find(":///"); sep != std::string::npos && sep < 10) {
                b.erase(sep + 3, b.find_first_not_of('/', sep + 3) - (sep + 3));
            }
            const std::string resolved =
                parent.base().empty() ? b : resolve_url(parent.base(), b);
            if (!safe_absolute_uri("", resolved).empty()) {
                mine().base_text = std::make_shared<const std::string>(resolved);
            }
        } else if (n == "xml:lang") {
            mine().lang_text = std::make_shared<const std::string>(a.value());
        }
    }
    if (own) {
        e.scope = Scope(std::move(own));
    }
    const std::string_view qname = node.name();
    const std::size_t colon = qname.find(':');
    const std::string_view given =
        colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon);
    const std::string_view local =
        colon == std::string_view::npos ? qname : qname.substr(colon + 1);
    // The innermost declaration of the name's prefix gives its conventional prefix (found
    // when it was declared).
    const std::optional<std::string>* known = nullptr;
    for (auto it = e.scope.ns().rbegin(); it != e.scope.ns().rend(); ++it) {
        if (it->prefix == given) {
            known = &it->known;
            break;
        }
    }
    const std::string_view prefix = known && *known ? std::string_view(**known) : given;
    e.name.reserve(prefix.size() + 1 + local.size());
    if (!prefix.empty()) {
        append_lower(e.name, prefix);
        e.name += ':';
    }
    append_lower(e.name, local);
    return e;
}

std::string attr_value(const char* raw, const WalkContext& ctx) {
    return decode_entities(raw, &ctx.xml->entities, nullptr);
}

std::string_view attr_view(const char* raw, const WalkContext& ctx, std::string& scratch) {
    const std::string_view v(raw);
    if (v.find('&') == std::string_view::npos) {
        return v;
    }
    scratch.clear();
    append_decoded(scratch, v, &ctx.xml->entities, nullptr);
    return scratch;
}


bool has_attr(const Elem& e, std::string_view name) {
    for (pugi::xml_attribute a = e.node.first_attribute(); a; a = a.next_attribute()) {
        if (name_is(a.name(), name)) {
            return true;
        }
    }
    return false;
}


std::string plain_text(const Elem& e, const WalkContext& ctx) {
    std::string out;
    append_text(e.node, ctx, out);
    trim_in_place(out);
    return out;
}

std::optional<std::string> attr(const Elem& e,
                                std::string_view name,
                                const WalkContext& ctx,
                                bool any_prefix) {
    for (pugi::xml_attribute a = e.node.first_attribute(); a; a = a.next_attribute()) {
        if (!any_prefix) {
            if (name_is(a.name(), name)) {
                return decode_entities(a.value(), &ctx.xml->entities, nullptr);
            }
            continue;
        }
        std::string_view n = a.name();
        if (auto colon = n.find(':'); colon != std::string_view::npos) {
            n = n.substr(colon + 1);
        }
        if (iequals_ascii(n, name)) {
            return decode_entities(a.value(), &ctx.xml->entities, nullptr);
        }
    }
    return std::nullopt;
}

std::string resolve(const Elem& e, std::string_view ref) {
    return resolve(e.scope.base_text(), ref);
}

std::string resolve(const std::shared_ptr<const std::string>& base, std::string_view ref) {
    const std::string_view r = trim_view(ref);
    if (!base || base->empty()) {
        return std::string(r);
    }
    return resolve_url(*base, r);
}

void set_guid_link(EntryState& st, const Elem& e, const std::string& id) {
    st.guid_link = id;
    st.guid_base = e.scope.base_text();
}

std::optional<DateTime> date_value(const Elem& e, const WalkContext& ctx) {
    ScratchText<struct DateValue> text;
    append_text(e.node, ctx, text.s);
    const std::string_view v = trim_view(text.s);
    if (v.empty()) {
        return std::nullopt;
    }
    return text::parse_date(v, *ctx.zone);
}

void add_category(std::vector<std::string>& cats, std::string term) {
    trim_in_place(term);
    if (!term.empty() && std::find(cats.begin(), cats.end(), term) == cats.end()) {
        cats.push_back(std::move(term));
    }
}

std::string content_value(const Elem& e,
                          const WalkContext& ctx,
                          std::string_view default_type,
                          TextKind* kind) {
    static constexpr std::string_view k_names[] = {"type", "mode"};
    const char* found[2];
    first_attrs(e, k_names, found);
    const char* type_attr = found[0];
    const char* mode_attr = found[1];
    std::string type =
        type_attr != nullptr ? map_type(attr_value(type_attr, ctx)) : map_type(default_type);
    if (type.empty()) {
        type = std::string(default_type);
    }
    const std::string mode = mode_attr != nullptr ? lower(attr_value(mode_attr, ctx)) : std::string();
    bool base64 = mode == "base64";
    if (!base64 && mode.empty() && type.rfind("text/", 0) != 0 && !ends_with(type, "+xml") &&
        !ends_with(type, "/xml")) {
        base64 = true;
    }
    const bool atom = ctx.version.rfind("atom", 0) == 0;
    // Built in a buffer kept between calls, then copied out once at its size (rather than
    // grown a step at a time in a fresh string each call).
    ScratchText<struct ContentValue> scratch;
    std::string& out = scratch.s;
    if (has_element_child(e.node) && !ends_with(type, "xml") && mode != "escaped") {
        type = "application/xhtml+xml"; // declared escaped, but it is inline markup
        base64 = false;
    }
    if (type == "application/xhtml+xml" || (ends_with(type, "xml") && has_element_child(e.node))) {
        type = "application/xhtml+xml";
        // Atom 1.0's XHTML content sits in one <div>: drop it when it wraps everything.
        pugi::xml_node only;
        int elements = 0;
        bool stray_text = false;
        for (pugi::xml_node c = e.node.first_child(); present(c); c = c.next_sibling()) {
            if (c.type() == pugi::node_element) {
                ++elements;
                only = c;
            } else if (!trim_view(c.value()).empty()) {
                stray_text = true;
            }
        }
        std::string_view only_name = only ? only.name() : "";
        if (auto colon = only_name.find(':'); colon != std::string_view::npos) {
            only_name = only_name.substr(colon + 1);
        }
        const pugi::xml_node from =
            ctx.version == "atom10" && elements == 1 && !stray_text &&
                    iequals_ascii(only_name, "div")
                ? only
                : e.node;
        if (!base64 && sanitize_xhtml_children(from, ctx, e.scope.base(), out)) {
            // Already what sanitize_html makes of the serialized markup: trimmed as it
            // trims, with its CR LF → LF.
            if (kind) {
                *kind = TextKind::xhtml;
            }
            trim_in_place(out);
            for (std::size_t pos = 0; (pos = out.find("\r\n", pos)) != std::string::npos;) {
                out.erase(pos, 1);
            }
            return std::string(out);
        }
        serialize_children(from, ctx, out);
    } else {
        append_text(e.node, ctx, out);
    }
    trim_in_place(out);
    if (base64) {
        if (auto decoded = base64_decode(out)) {
            out = *decoded;
        }
    }
    if (!atom && type == "text/plain" && looks_like_html(out)) {
        type = "text/html";
    }
    const bool htmlish = type == "text/html" || type == "application/xhtml+xml";
    if (kind) {
        *kind = type == "application/xhtml+xml" ? TextKind::xhtml
                : htmlish                       ? TextKind::html
                                                : TextKind::plain;
    }
    if (htmlish) {
        return sanitize_html(out, e.scope.base());
    }
    return std::string(out);
}

} // namespace archiver::feed::detail
