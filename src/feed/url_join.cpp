// SPDX-License-Identifier: MIT
#include "url_join.hpp"

#include <archiver/core/url.hpp>

namespace archiver::feed::detail {
namespace {

// Characters of a host that url::parse keeps as they are and that end nothing early.
bool is_plain_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-' || c == '_' || c == '~';
}

// The length of "http://host" or "https://host" at the start of `s` (lower-case scheme, a
// non-empty host of plain characters, followed by the end, '/', '?' or '#'); 0 otherwise.
std::size_t plain_origin(std::string_view s) {
    std::size_t p = 0;
    if (s.substr(0, 7) == "http://") {
        p = 7;
    } else if (s.substr(0, 8) == "https://") {
        p = 8;
    } else {
        return 0;
    }
    const std::size_t host = p;
    while (p < s.size() && is_plain_host_char(s[p])) {
        ++p;
    }
    if (p == host || (p < s.size() && s[p] != '/' && s[p] != '?' && s[p] != '#')) {
        return 0;
    }
    return p;
}

// True when `s` has no byte that url::resolve trims or that could start a dot segment in
// its path (the part before '?' or '#').
bool plain_rest(std::string_view s) {
    bool in_path = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c <= 0x20) {
            return false;
        }
        if (c == '?' || c == '#') {
            in_path = false;
        } else if (in_path && c == '/' && i + 1 < s.size() && s[i + 1] == '.') {
            return false;
        }
    }
    return true;
}

// plain_origin() of a base: the last one asked for is kept (a feed's entries and their
// content resolve against the same base, one to four times each).
std::size_t base_origin(std::string_view base) {
    thread_local std::string t_base;
    thread_local std::size_t t_origin = 0;
    if (base != t_base) {
        t_base.assign(base);
        t_origin = plain_origin(base);
    }
    return t_origin;
}

} // namespace

std::string resolve_url(std::string_view base, std::string_view ref) {
    if (!ref.empty() && plain_rest(ref)) {
        if (const std::size_t origin = plain_origin(ref); origin != 0) {
            // An absolute reference: url::resolve only normalises its path, and an empty
            // path becomes "/".
            if (origin < ref.size() && ref[origin] == '/') {
                return std::string(ref);
            }
            std::string out;
            out.reserve(ref.size() + 1);
            out.append(ref.substr(0, origin));
            out += '/';
            out.append(ref.substr(origin));
            return out;
        }
        if (ref[0] == '/' && (ref.size() < 2 || ref[1] != '/')) {
            // An absolute path: the base's scheme and host, then the reference as it is.
            if (const std::size_t origin = base_origin(base); origin != 0) {
                std::string out;
                out.reserve(origin + ref.size());
                out.append(base.substr(0, origin));
                out.append(ref);
                return out;
            }
        }
    }
    return url::resolve(base, ref);
}

} // namespace archiver::feed::detail
