// SPDX-License-Identifier: MIT
#include "stable_id.hpp"

#include <cstdint>
#include <cstdio>

namespace archiver::feed::detail {
namespace {

void fnv1a(std::uint64_t& h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    h ^= 0xFF; // field separator, so ("ab","c") and ("a","bc") differ
    h *= 1099511628211ULL;
}

} // namespace

std::string stable_entry_id(const Entry& entry) {
    if (entry.link && !entry.link->empty()) {
        return *entry.link;
    }
    std::uint64_t h = 14695981039346656037ULL;
    fnv1a(h, entry.title.value_or(""));
    const auto date = entry.published ? entry.published : entry.updated;
    fnv1a(h, date ? std::to_string(date->epoch) : std::string());
    fnv1a(h, entry.summary.value_or(""));
    fnv1a(h, entry.content.value_or(""));
    for (const auto& e : entry.enclosures) {
        fnv1a(h, e.url);
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "urn:archiver:entry:%016llx", static_cast<unsigned long long>(h));
    return buf;
}

} // namespace archiver::feed::detail
