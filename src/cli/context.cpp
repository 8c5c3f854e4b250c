// SPDX-License-Identifier: MIT
#include "context.hpp"

#include <archiver/text/date.hpp>

namespace archiver::cli {

archive::RunContext load_context(const GlobalOptions& options) {
    archive::RunContext ctx;
    ctx.paths = config::default_paths(options.config_dir);
    auto global = config::load_global(ctx.paths);
    if (!global) {
        throw UsageError(global.error().message);
    }
    ctx.global = std::move(*global);
    auto loaded = config::load_sources(ctx.paths.feeds_dir, ctx.global);
    ctx.sources = std::move(loaded.sources);
    ctx.config_errors = std::move(loaded.errors);
    return ctx;
}

std::int64_t parse_time_option(const std::string& text, const std::string& option) {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
        return std::stoll(text);
    }
    if (auto d = text::parse_date(text, TimeZone())) {
        return d->epoch;
    }
    throw UsageError(option + ": cannot read \"" + text + "\" as a time");
}

} // namespace archiver::cli
