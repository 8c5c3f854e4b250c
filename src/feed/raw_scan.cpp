// SPDX-License-Identifier: MIT
#include "raw_scan.hpp"
#include "pugi_handle.hpp"

#include <algorithm>
#include <cstring>

namespace archiver::feed::detail {
namespace {

constexpr std::size_t k_max_prefixes = 64;

bool is_name_char(char c) {
    // std::isalnum as it is in the C locale (the program never sets another), inline.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

} // namespace

bool references_known(std::string_view text, const EntityMap& entities) {
    const char* p = text.data();
    const char* const end = p + text.size();
    while ((p = static_cast<const char*>(std::memchr(p, '&', static_cast<std::size_t>(end - p)))) !=
           nullptr) {
        const char* q = p + 1;
        if (q < end && *q == '#') {
            p = q;
            continue; // validated when decoded
        }
        while (q < end && *q != '\0' && is_name_char(*q)) {
            ++q;
        }
        if (q == p + 1 || q >= end || *q != ';') {
            return false;
        }
        const std::string_view name(p + 1, static_cast<std::size_t>(q - p - 1));
        if (name != "lt" && name != "gt" && name != "amp" && name != "quot" && name != "apos" &&
            entities.find(name) == entities.end()) {
            return false;
        }
        p = q;
    }
    return true;
}

RawPrefixes scan_prefixes(std::string_view text) {
    RawPrefixes out;
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t p = 0;
    while ((p = text.find(':', p)) != std::string_view::npos) {
        const std::size_t colon = p++;
        std::size_t start = colon;
        while (start > 0 && text[start - 1] != ':' && is_name_char(text[start - 1])) {
            --start;
        }
        if (start == 0 || text[start - 1] == ':') {
            continue; // not a name's first colon
        }
        const char before = text[start - 1];
        bool name = false;
        if (before == '<' || (before == '/' && start >= 2 && text[start - 2] == '<')) {
            name = true;
        } else if (blank(before) || before == '"' || before == '\'') {
            std::size_t q = colon + 1;
            while (q < text.size() && is_name_char(text[q])) {
                ++q;
            }
            while (q < text.size() && blank(text[q])) {
                ++q;
            }
            name = q < text.size() && text[q] == '=';
        }
        if (!name) {
            continue;
        }
        const std::string_view prefix = text.substr(start, colon - start);
        if (prefix == "xmlns") {
            ++out.declarations;
        }
        if (std::find(out.used.begin(), out.used.end(), prefix) == out.used.end()) {
            if (out.used.size() == k_max_prefixes) {
                out.complete = false;
                return out;
            }
            out.used.emplace_back(prefix);
        }
    }
    return out;
}

void merge_prefixes(RawPrefixes& into, const RawPrefixes& piece) {
    into.declarations += piece.declarations;
    into.complete = into.complete && piece.complete;
    for (const std::string& prefix : piece.used) {
        if (!into.complete) {
            return;
        }
        if (std::find(into.used.begin(), into.used.end(), prefix) == into.used.end()) {
            if (into.used.size() == k_max_prefixes) {
                into.complete = false;
                return;
            }
            into.used.push_back(prefix);
        }
    }
}

bool prefixes_declared(const RawPrefixes& raw, const pugi::xml_document& doc) {
    if (!raw.complete) {
        return false;
    }
    pugi::xml_node root;
    for (pugi::xml_node c = doc.first_child(); present(c); c = c.next_sibling()) {
        if (c.type() == pugi::node_element) {
            if (root) {
                return false;
            }
            root = c;
        }
    }
    std::vector<std::string_view> declared;
    for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view n = a.name();
        if (n.substr(0, 6) == "xmlns:") {
            declared.push_back(n.substr(6));
        }
    }
    if (declared.size() != raw.declarations) {
        return false;
    }
    return std::all_of(raw.used.begin(), raw.used.end(), [&](const std::string& prefix) {
        return prefix == "xml" || prefix == "xmlns" ||
               std::find(declared.begin(), declared.end(), prefix) != declared.end();
    });
}


} // namespace archiver::feed::detail
