// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace archiver::log {

enum class Level { error = 0, warn = 1, info = 2, debug = 3, trace = 4 };
enum class Format { text, json };

// Sets the most detailed level printed (default `warn`) and the line format.
void set_level(Level level);
Level level();
void set_format(Format format);

// Replaces the sink (default: a line to stderr); tests capture lines with it.
void set_sink(std::function<void(Level, std::string_view)> sink);

// Writes one diagnostic line when `level` is enabled. Thread-safe.
void write(Level level, std::string_view message);
inline void error(std::string_view m) { write(Level::error, m); }
inline void warn(std::string_view m) { write(Level::warn, m); }
inline void info(std::string_view m) { write(Level::info, m); }
inline void debug(std::string_view m) { write(Level::debug, m); }
bool enabled(Level level);

} // namespace archiver::log
