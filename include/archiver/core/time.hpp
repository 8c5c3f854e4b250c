// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archiver {

// An instant with the UTC offset it was stated in (or is to be shown in).
// `epoch` is seconds since 1970-01-01T00:00:00Z; `offset` seconds east of UTC.
struct DateTime {
    std::int64_t epoch = 0;
    int offset = 0;

    friend bool operator==(const DateTime&, const DateTime&) = default;
};

// A time zone: a fixed offset or an IANA zone read from the system's zoneinfo.
class TimeZone {
public:
    // UTC.
    TimeZone();
    // Parses `name`: "UTC", "Z", "+08:00", "+0800", "-05", or an IANA name
    // ("Asia/Shanghai"). Returns nullopt for an unknown name.
    static std::optional<TimeZone> from_name(std::string_view name);
    static TimeZone fixed(int offset_seconds);

    // The offset in seconds east of UTC in force at `epoch` (UTC seconds).
    int offset_at_utc(std::int64_t epoch) const;
    // The offset for a wall-clock time `local_epoch` (local fields read as if UTC).
    int offset_for_local(std::int64_t local_epoch) const;
    const std::string& name() const { return m_name; }

private:
    struct Transition {
        std::int64_t at;
        int offset;
    };
    std::string m_name;
    int m_fixed = 0;
    std::shared_ptr<const std::vector<Transition>> m_transitions;
};

// Days since 1970-01-01 of a proleptic Gregorian civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept;

// Broken-down fields of a wall-clock time.
struct CivilTime {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};
CivilTime civil_from_epoch(std::int64_t epoch) noexcept;

// The instant of wall-clock `t` in `zone`.
DateTime make_datetime(const CivilTime& t, const TimeZone& zone);

// `dt` moved to show in `zone` (same instant, new offset).
DateTime in_zone(DateTime dt, const TimeZone& zone);

// "2025-02-07T12:20:46+08:00" (RFC 3339 with the stated offset; "Z" when `utc_z` and 0).
std::string format_rfc3339(const DateTime& dt);
// "2004-02-28T18:14:55Z".
std::string format_utc(const DateTime& dt);
// strftime-like pattern in the stated offset: %Y %m %d %H %M %S %z (+0800) %Ez (+08:00) %%.
std::string format_pattern(const DateTime& dt, std::string_view pattern);

// Parses a duration "30m", "6h", "1d", "90s", "1h30m", "0" to seconds; nullopt if invalid.
std::optional<std::int64_t> parse_duration(std::string_view text);

} // namespace archiver
