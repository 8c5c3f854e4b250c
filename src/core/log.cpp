// SPDX-License-Identifier: MIT
#include <archiver/core/log.hpp>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace archiver::log {
namespace {

std::atomic<Level> g_level{Level::warn};
std::atomic<Format> g_format{Format::text};
std::mutex g_mutex;
std::function<void(Level, std::string_view)> g_sink;

const char* level_name(Level level) {
    switch (level) {
    case Level::error: return "error";
    case Level::warn: return "warn";
    case Level::info: return "info";
    case Level::debug: return "debug";
    case Level::trace: return "trace";
    }
    return "info";
}

std::string json_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out;
}

} // namespace

void set_level(Level level) { g_level = level; }
Level level() { return g_level; }
void set_format(Format format) { g_format = format; }

void set_sink(std::function<void(Level, std::string_view)> sink) {
    std::lock_guard lock(g_mutex);
    g_sink = std::move(sink);
}

bool enabled(Level level) { return static_cast<int>(level) <= static_cast<int>(g_level.load()); }

void write(Level level, std::string_view message) {
    if (!enabled(level)) {
        return;
    }
    std::lock_guard lock(g_mutex);
    if (g_sink) {
        g_sink(level, message);
        return;
    }
    std::string line;
    if (g_format == Format::json) {
        char ts[32];
        std::time_t now = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&now, &tm);
        std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
        line = std::string("{\"time\":\"") + ts + "\",\"level\":\"" + level_name(level) +
               "\",\"msg\":\"" + json_escape(message) + "\"}\n";
    } else {
        line = std::string(message) + "\n";
    }
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace archiver::log
