// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>

namespace archiver::testing {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// Reads a whole file as bytes.
std::string read_file(const std::filesystem::path& path);
// Writes `data` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& data);
// Path of a fixture under tests/data/.
std::filesystem::path data_path(const std::string& relative);

} // namespace archiver::testing
