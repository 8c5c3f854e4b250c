// SPDX-License-Identifier: MIT
#include <archiver/core/time.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

namespace archiver {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilTime civil_from_epoch(std::int64_t epoch) noexcept {
    std::int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
    std::int64_t secs = epoch - days * 86400;
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    CivilTime t;
    t.year = static_cast<int>(y + (m <= 2));
    t.month = static_cast<int>(m);
    t.day = static_cast<int>(d);
    t.hour = static_cast<int>(secs / 3600);
    t.minute = static_cast<int>(secs % 3600 / 60);
    t.second = static_cast<int>(secs % 60);
    return t;
}

namespace {

std::optional<int> parse_offset(std::string_view s) {
    if (s == "Z" || s == "z" || s == "UTC" || s == "GMT" || s == "utc") {
        return 0;
    }
    if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) {
        return std::nullopt;
    }
    const int sign = s[0] == '-' ? -1 : 1;
    std::string digits;
    for (char c : s.substr(1)) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        } else if (c != ':') {
            return std::nullopt;
        }
    }
    if (digits.size() != 2 && digits.size() != 4) {
        return std::nullopt;
    }
    const int h = std::stoi(digits.substr(0, 2));
    const int m = digits.size() == 4 ? std::stoi(digits.substr(2, 2)) : 0;
    if (h > 14 || m > 59) {
        return std::nullopt;
    }
    return sign * (h * 3600 + m * 60);
}

std::int64_t read_be(const unsigned char* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) {
        v = (v << 8) | p[i];
    }
    if (n == 4) {
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    }
    return static_cast<std::int64_t>(v);
}

// Reads the transitions of a TZif file (RFC 8536), preferring the 64-bit v2+ block.
std::optional<std::vector<std::pair<std::int64_t, int>>> read_tzif(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto parse_block = [&](std::size_t pos, int time_size, std::size_t* end)
        -> std::optional<std::vector<std::pair<std::int64_t, int>>> {
        if (pos + 44 > data.size() || data.compare(pos, 4, "TZif") != 0) {
            return std::nullopt;
        }
        const auto* h = reinterpret_cast<const unsigned char*>(data.data() + pos);
        const auto isutcnt = read_be(h + 20, 4), isstdcnt = read_be(h + 24, 4),
                   leapcnt = read_be(h + 28, 4), timecnt = read_be(h + 32, 4),
                   typecnt = read_be(h + 36, 4), charcnt = read_be(h + 40, 4);
        std::size_t p = pos + 44;
        const std::size_t need = static_cast<std::size_t>(
            timecnt * time_size + timecnt + typecnt * 6 + charcnt +
            leapcnt * (time_size + 4) + isstdcnt + isutcnt);
        if (p + need > data.size() || typecnt <= 0) {
            return std::nullopt;
        }
        const auto* b = reinterpret_cast<const unsigned char*>(data.data());
        std::vector<std::int64_t> times(static_cast<std::size_t>(timecnt));
        for (std::int64_t i = 0; i < timecnt; ++i) {
            times[static_cast<std::size_t>(i)] = read_be(b + p + i * time_size, time_size);
        }
        p += static_cast<std::size_t>(timecnt * time_size);
        std::vector<int> idx(static_cast<std::size_t>(timecnt));
        for (std::int64_t i = 0; i < timecnt; ++i) {
            idx[static_cast<std::size_t>(i)] = b[p + static_cast<std::size_t>(i)];
        }
        p += static_cast<std::size_t>(timecnt);
        std::vector<int> offsets(static_cast<std::size_t>(typecnt));
        for (std::int64_t i = 0; i < typecnt; ++i) {
            offsets[static_cast<std::size_t>(i)] =
                static_cast<int>(read_be(b + p + static_cast<std::size_t>(i) * 6, 4));
        }
        *end = p + need - static_cast<std::size_t>(timecnt * time_size + timecnt);
        std::vector<std::pair<std::int64_t, int>> out;
        // Before the first transition the first standard-time type applies.
        out.emplace_back(INT64_MIN, offsets[0]);
        for (std::size_t i = 0; i < times.size(); ++i) {
            const int t = idx[i];
            if (t < typecnt) {
                out.emplace_back(times[i], offsets[static_cast<std::size_t>(t)]);
            }
        }
        return out;
    };
    std::size_t end = 0;
    auto v1 = parse_block(0, 4, &end);
    if (!v1) {
        return std::nullopt;
    }
    if (data.size() > 4 && data[4] >= '2') {
        std::size_t end2 = 0;
        if (auto v2 = parse_block(end, 8, &end2)) {
            return v2;
        }
    }
    return v1;
}

} // namespace

TimeZone::TimeZone() : m_name("UTC") {}

TimeZone TimeZone::fixed(int offset_seconds) {
    TimeZone z;
    z.m_fixed = offset_seconds;
    DateTime dt{0, offset_seconds};
    std::string s = format_pattern(dt, "%Ez");
    z.m_name = offset_seconds == 0 ? "UTC" : s;
    return z;
}

std::optional<TimeZone> TimeZone::from_name(std::string_view name) {
    if (name.empty()) {
        return TimeZone();
    }
    if (auto off = parse_offset(name)) {
        return fixed(*off);
    }
    // IANA names: letters, digits, '/', '_', '-', '+'; never a path escape.
    if (name.find("..") != std::string_view::npos || name.front() == '/' ||
        !std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' ||
                   c == '-' || c == '+';
        })) {
        return std::nullopt;
    }
    static std::mutex cache_mutex;
    static std::map<std::string, std::shared_ptr<const std::vector<Transition>>, std::less<>>
        cache;
    std::lock_guard lock(cache_mutex);
    auto it = cache.find(name);
    if (it == cache.end()) {
        auto rows = read_tzif("/usr/share/zoneinfo/" + std::string(name));
        if (!rows) {
            // Without tzdata the zones the shipped sources use still work.
            static const std::map<std::string_view, int> k_known = {
                {"Asia/Shanghai", 8 * 3600}, {"Asia/Chongqing", 8 * 3600},
                {"Asia/Hong_Kong", 8 * 3600}, {"Asia/Taipei", 8 * 3600},
                {"Asia/Tokyo", 9 * 3600},    {"Asia/Seoul", 9 * 3600},
                {"Etc/UTC", 0},              {"UTC", 0}};
            auto k = k_known.find(name);
            if (k == k_known.end()) {
                return std::nullopt;
            }
            rows = std::vector<std::pair<std::int64_t, int>>{{INT64_MIN, k->second}};
        }
        auto transitions = std::make_shared<std::vector<Transition>>();
        for (auto& [at, off] : *rows) {
            transitions->push_back({at, off});
        }
        it = cache.emplace(std::string(name), std::move(transitions)).first;
    }
    TimeZone z;
    z.m_name = std::string(name);
    z.m_transitions = it->second;
    return z;
}

int TimeZone::offset_at_utc(std::int64_t epoch) const {
    if (!m_transitions || m_transitions->empty()) {
        return m_fixed;
    }
    auto it = std::upper_bound(m_transitions->begin(), m_transitions->end(), epoch,
                               [](std::int64_t e, const Transition& t) { return e < t.at; });
    if (it == m_transitions->begin()) {
        return m_transitions->front().offset;
    }
    return std::prev(it)->offset;
}

int TimeZone::offset_for_local(std::int64_t local_epoch) const {
    // Try the offset in force around the local time; a second pass settles DST edges.
    int off = offset_at_utc(local_epoch);
    off = offset_at_utc(local_epoch - off);
    return off;
}

DateTime make_datetime(const CivilTime& t, const TimeZone& zone) {
    const std::int64_t local = days_from_civil(t.year, static_cast<unsigned>(t.month),
                                               static_cast<unsigned>(t.day)) *
                                   86400 +
                               t.hour * 3600 + t.minute * 60 + t.second;
    const int off = zone.offset_for_local(local);
    return DateTime{local - off, off};
}

DateTime in_zone(DateTime dt, const TimeZone& zone) {
    dt.offset = zone.offset_at_utc(dt.epoch);
    return dt;
}

std::string format_pattern(const DateTime& dt, std::string_view pattern) {
    const CivilTime t = civil_from_epoch(dt.epoch + dt.offset);
    std::string out;
    char buf[16];
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%' || i + 1 == pattern.size()) {
            out += pattern[i];
            continue;
        }
        char c = pattern[++i];
        bool colon = false;
        if (c == 'E' && i + 1 < pattern.size() && pattern[i + 1] == 'z') {
            colon = true;
            c = pattern[++i];
        }
        switch (c) {
        case 'Y': std::snprintf(buf, sizeof buf, "%04d", t.year); break;
        case 'm': std::snprintf(buf, sizeof buf, "%02d", t.month); break;
        case 'd': std::snprintf(buf, sizeof buf, "%02d", t.day); break;
        case 'H': std::snprintf(buf, sizeof buf, "%02d", t.hour); break;
        case 'M': std::snprintf(buf, sizeof buf, "%02d", t.minute); break;
        case 'S': std::snprintf(buf, sizeof buf, "%02d", t.second); break;
        case 'z': {
            const int a = dt.offset < 0 ? -dt.offset : dt.offset;
            std::snprintf(buf, sizeof buf, colon ? "%c%02d:%02d" : "%c%02d%02d",
                          dt.offset < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
            break;
        }
        case '%': buf[0] = '%'; buf[1] = 0; break;
        default: buf[0] = '%'; buf[1] = c; buf[2] = 0; break;
        }
        out += buf;
    }
    return out;
}

std::string format_rfc3339(const DateTime& dt) {
    // RFC 3339 offsets have no seconds (local mean time before 1900 has, e.g. -04:56:02):
    // shown in the whole-minute offset, the same instant reads back exactly.
    return format_pattern(DateTime{dt.epoch, dt.offset - dt.offset % 60}, "%Y-%m-%dT%H:%M:%S%Ez");
}

std::string format_utc(const DateTime& dt) {
    return format_pattern(DateTime{dt.epoch, 0}, "%Y-%m-%dT%H:%M:%SZ");
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    if (text == "0") {
        return 0;
    }
    std::int64_t total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::int64_t n = 0;
        std::size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            n = n * 10 + (text[i] - '0');
            if (n > 1'000'000'000) {
                return std::nullopt;
            }
            ++i;
        }
        if (i == start || i == text.size()) {
            return std::nullopt;
        }
        switch (text[i++]) {
        case 's': total += n; break;
        case 'm': total += n * 60; break;
        case 'h': total += n * 3600; break;
        case 'd': total += n * 86400; break;
        case 'w': total += n * 7 * 86400; break;
        default: return std::nullopt;
        }
    }
    return total;
}

} // namespace archiver
