// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace archiver::fetch::detail {

// Streams a response body through its Content-Encoding (gzip, deflate, br, or none) into
// plain bytes under a size cap, and notices a compressed stream that ends early — which
// libcurl's own decoding passes off as a complete, shorter document.
class ContentDecoder {
  public:
    enum class Status { ok, too_large, corrupt };

    // `content_encoding` is the header's value; empty or "identity" passes bytes through.
    explicit ContentDecoder(std::string_view content_encoding);
    ~ContentDecoder();
    ContentDecoder(const ContentDecoder&) = delete;
    ContentDecoder& operator=(const ContentDecoder&) = delete;

    // False for an encoding this decoder does not know (the body is then refused).
    bool supported() const noexcept;
    // Decodes `data`, appending to `out`; `too_large` once `out` would pass `limit` bytes.
    Status feed(std::string_view data, std::string& out, std::int64_t limit);
    // Checks that the compressed stream ended properly after the last `feed`.
    Status finish();
    // What went wrong, for the error message ("truncated gzip stream", zlib's message...).
    const std::string& error() const noexcept { return m_error; }

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_error;
};

} // namespace archiver::fetch::detail
