// SPDX-License-Identifier: MIT
// Reading archived files and the item schema shared by every JSON output.
#include <archiver/export/export.hpp>

#include "item_fields.hpp"

#include <archiver/archive/record.hpp>

namespace archiver::exporter {
bool is_safe_relative_path(const std::string& relative_path) {
    if (relative_path.empty() || relative_path.front() == '/' ||
        relative_path.find('\\') != std::string::npos ||
        relative_path.find('\0') != std::string::npos) {
        return false;
    }
    for (const auto& part : std::filesystem::path(relative_path)) {
        if (part == ".." || part == ".") {
            return false;
        }
    }
    return true;
}

Result<document::Document> read_document(const std::filesystem::path& archive_root,
                                         const std::string& relative_path) {
    if (!is_safe_relative_path(relative_path)) {
        return unexpected(Error{Stage::write, "refusing path outside the archive: " +
                                                  relative_path});
    }
    return archive::read_document(archive_root / relative_path);
}

std::vector<std::string> string_list(const document::Document* doc, std::string_view key) {
    if (doc == nullptr) {
        return {};
    }
    const auto* value = doc->find(key);
    if (value == nullptr) {
        return {};
    }
    if (const auto* list = std::get_if<std::vector<std::string>>(&value->v)) {
        return *list;
    }
    if (const auto* one = std::get_if<std::string>(&value->v)) {
        return one->empty() ? std::vector<std::string>{} : std::vector<std::string>{*one};
    }
    return {};
}

} // namespace archiver::exporter
