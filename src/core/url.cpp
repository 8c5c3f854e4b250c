// SPDX-License-Identifier: MIT
#include <archiver/core/url.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace archiver::url {
namespace {

std::string_view trim(std::string_view s) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
    while (!s.empty() && ws(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && ws(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool valid_scheme(std::string_view s) {
    if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
}

// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string_view path) {
    std::vector<std::string_view> out;
    const bool absolute = !path.empty() && path.front() == '/';
    std::size_t i = absolute ? 1 : 0;
    bool trailing = false;
    while (i <= path.size()) {
        std::size_t j = path.find('/', i);
        if (j == std::string_view::npos) {
            j = path.size();
        }
        std::string_view seg = path.substr(i, j - i);
        trailing = false;
        if (seg == ".") {
            trailing = true;
        } else if (seg == "..") {
            if (!out.empty()) {
                out.pop_back();
            }
            trailing = true;
        } else {
            out.push_back(seg);
        }
        i = j + 1;
    }
    std::string result = absolute ? "/" : "";
    for (std::size_t k = 0; k < out.size(); ++k) {
        if (k) {
            result += '/';
        }
        result += out[k];
    }
    if (trailing && !result.empty() && result.back() != '/') {
        result += '/';
    }
    return result;
}

std::string merge_paths(const Url& base, std::string_view ref_path) {
    if (!base.host.empty() && base.path.empty()) {
        return "/" + std::string(ref_path);
    }
    const auto slash = base.path.rfind('/');
    if (slash == std::string::npos) {
        return std::string(ref_path);
    }
    return base.path.substr(0, slash + 1) + std::string(ref_path);
}

bool is_tracking_param(std::string_view name) {
    static constexpr std::array<std::string_view, 16> k_exact = {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "yclid", "_hsenc",
        "_hsmi", "igshid", "spm", "from", "ref_src", "share_token", "wt.mc_id", "scm"};
    const std::string n = lower(name);
    if (n.rfind("utm_", 0) == 0) {
        return true;
    }
    return std::find(k_exact.begin(), k_exact.end(), n) != k_exact.end();
}

} // namespace

std::optional<Url> parse(std::string_view text) {
    text = trim(text);
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || !valid_scheme(text.substr(0, colon))) {
        return std::nullopt;
    }
    Url u;
    u.scheme = lower(text.substr(0, colon));
    std::string_view rest = text.substr(colon + 1);
    if (auto hash = rest.find('#'); hash != std::string_view::npos) {
        u.fragment = std::string(rest.substr(hash + 1));
        u.has_fragment = true;
        rest = rest.substr(0, hash);
    }
    if (auto q = rest.find('?'); q != std::string_view::npos) {
        u.query = std::string(rest.substr(q + 1));
        u.has_query = true;
        rest = rest.substr(0, q);
    }
    if (rest.substr(0, 2) == "//") {
        rest.remove_prefix(2);
        auto slash = rest.find('/');
        std::string_view authority = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
        if (auto at = authority.rfind('@'); at != std::string_view::npos) {
            u.user_info = std::string(authority.substr(0, at));
            authority = authority.substr(at + 1);
        }
        if (!authority.empty() && authority.front() == '[') {
            auto close = authority.find(']');
            u.host = std::string(authority.substr(0, close == std::string_view::npos
                                                         ? authority.size()
                                                         : close + 1));
            if (close != std::string_view::npos && close + 1 < authority.size() &&
                authority[close + 1] == ':') {
                u.port = std::string(authority.substr(close + 2));
            }
        } else if (auto pc = authority.find(':'); pc != std::string_view::npos) {
            if (authority.find(':', pc + 1) != std::string_view::npos) {
                return std::nullopt; // a second ':' outside brackets: no host can hold it
            }
            u.host = std::string(authority.substr(0, pc));
            u.port = std::string(authority.substr(pc + 1));
        } else {
            u.host = std::string(authority);
        }
    }
    u.path = std::string(rest);
    return u;
}

std::string to_string(const Url& u) {
    std::string out = u.scheme + ":";
    if (!u.host.empty() || u.scheme == "http" || u.scheme == "https" || u.scheme == "file") {
        out += "//";
        if (!u.user_info.empty()) {
            out += u.user_info + "@";
        }
        out += u.host;
        if (!u.port.empty()) {
            out += ":" + u.port;
        }
        if (!u.path.empty() && u.path.front() != '/') {
            out += '/'; // "file:P:/x" has no authority: its path must not become one
        }
    }
    out += u.path;
    if (u.has_query) {
        out += "?" + u.query;
    }
    if (u.has_fragment) {
        out += "#" + u.fragment;
    }
    return out;
}

std::string resolve(std::string_view base_text, std::string_view ref_text) {
    ref_text = trim(ref_text);
    if (auto r = parse(ref_text)) {
        // An absolute reference: only normalise dot segments.
        if (!r->host.empty() || r->scheme == "http" || r->scheme == "https") {
            r->path = remove_dot_segments(r->path);
            if (r->path.empty() && !r->host.empty()) {
                r->path = "/";
            }
        }
        return to_string(*r);
    }
    auto base = parse(base_text);
    if (!base) {
        return std::string(ref_text);
    }
    Url t;
    t.scheme = base->scheme;
    std::string_view ref = ref_text;
    std::string fragment;
    bool has_fragment = false;
    if (auto hash = ref.find('#'); hash != std::string_view::npos) {
        fragment = std::string(ref.substr(hash + 1));
        has_fragment = true;
        ref = ref.substr(0, hash);
    }
    std::string query;
    bool has_query = false;
    if (auto q = ref.find('?'); q != std::string_view::npos) {
        query = std::string(ref.substr(q + 1));
        has_query = true;
        ref = ref.substr(0, q);
    }
    if (ref.substr(0, 2) == "//") {
        auto r = parse(t.scheme + ":" + std::string(ref_text));
        if (!r) {
            return std::string(ref_text);
        }
        r->path = remove_dot_segments(r->path);
        if (r->path.empty()) {
            r->path = "/";
        }
        return to_string(*r);
    }
    t.user_info = base->user_info;
    t.host = base->host;
    t.port = base->port;
    if (ref.empty()) {
        t.path = base->path;
        if (has_query) {
            t.query = query;
            t.has_query = true;
        } else {
            t.query = base->query;
            t.has_query = base->has_query;
        }
    } else {
        if (ref.front() == '/') {
            t.path = remove_dot_segments(ref);
        } else {
            t.path = remove_dot_segments(merge_paths(*base, ref));
        }
        t.query = query;
        t.has_query = has_query;
    }
    if (t.path.empty() && !t.host.empty()) {
        t.path = "/";
    }
    t.fragment = fragment;
    t.has_fragment = has_fragment;
    return to_string(t);
}

bool is_http(std::string_view text) {
    auto u = parse(text);
    return u && (u->scheme == "http" || u->scheme == "https") && !u->host.empty();
}

std::string canonicalize(std::string_view raw) {
    // As browsers do (WHATWG URL): tabs and newlines anywhere are dropped, then the ends
    // trimmed, so that a canonical URL is canonical again.
    std::string cleaned;
    cleaned.reserve(raw.size());
    for (const char c : raw) {
        if (c != '\t' && c != '\n' && c != '\r') {
            cleaned += c;
        }
    }
    const std::string_view text = trim(cleaned);
    auto u = parse(text);
    if (!u || u->host.empty()) {
        return std::string(text);
    }
    u->host = lower(u->host);
    while (!u->host.empty() && u->host.back() == '.') {
        u->host.pop_back();
    }
    if ((u->scheme == "http" && u->port == "80") || (u->scheme == "https" && u->port == "443")) {
        u->port.clear();
    }
    u->user_info.clear();
    u->path = remove_dot_segments(u->path);
    if (u->path.empty()) {
        u->path = "/";
    }
    u->has_fragment = false;
    u->fragment.clear();
    if (u->has_query) {
        std::string kept;
        std::size_t i = 0;
        while (i <= u->query.size()) {
            auto amp = u->query.find('&', i);
            if (amp == std::string::npos) {
                amp = u->query.size();
            }
            std::string_view param(u->query.data() + i, amp - i);
            auto eq = param.find('=');
            if (!param.empty() && !is_tracking_param(param.substr(0, eq))) {
                if (!kept.empty()) {
                    kept += '&';
                }
                kept += param;
            }
            i = amp + 1;
        }
        u->query = kept;
        u->has_query = !kept.empty();
    }
    return to_string(*u);
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() &&
            std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace archiver::url
