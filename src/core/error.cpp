// SPDX-License-Identifier: MIT
#include <archiver/core/error.hpp>

namespace archiver {

std::string_view stage_name(Stage stage) noexcept {
    switch (stage) {
    case Stage::config: return "config";
    case Stage::fetch: return "fetch";
    case Stage::parse: return "parse";
    case Stage::extract: return "extract";
    case Stage::render: return "render";
    case Stage::store: return "store";
    case Stage::write: return "write";
    }
    return "unknown";
}

} // namespace archiver
