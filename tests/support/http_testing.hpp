// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace archiver::testing {

// Sets environment variable `name` to `value` (unset when nullptr) for the lifetime of the
// guard, restoring the previous value afterwards.
class EnvGuard {
  public:
    EnvGuard(std::string name, const char* value);
    ~EnvGuard();
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

  private:
    std::string m_name;
    std::string m_old;
    bool m_had_old = false;
};

// `data` compressed as gzip (zlib), for tests of Content-Encoding handling.
std::string gzip(std::string_view data);

} // namespace archiver::testing
