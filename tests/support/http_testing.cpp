// SPDX-License-Identifier: MIT
#include "support/http_testing.hpp"

#include <cstdlib>
#include <stdexcept>
#include <zlib.h>

namespace archiver::testing {

EnvGuard::EnvGuard(std::string name, const char* value) : m_name(std::move(name)) {
    if (const char* old = std::getenv(m_name.c_str())) {
        m_old = old;
        m_had_old = true;
    }
    if (value) {
        ::setenv(m_name.c_str(), value, 1);
    } else {
        ::unsetenv(m_name.c_str());
    }
}

EnvGuard::~EnvGuard() {
    if (m_had_old) {
        ::setenv(m_name.c_str(), m_old.c_str(), 1);
    } else {
        ::unsetenv(m_name.c_str());
    }
}

std::string gzip(std::string_view data) {
    z_stream zs{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("gzip: deflateInit2 failed");
    }
    std::string out(deflateBound(&zs, data.size()) + 32, '\0');
    // zlib's API is not const-correct for its input buffer.
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        throw std::runtime_error("gzip: deflate failed");
    }
    out.resize(zs.total_out);
    return out;
}

} // namespace archiver::testing
