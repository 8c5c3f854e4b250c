// SPDX-License-Identifier: MIT
#include "fetch/decoder.hpp"

#include "fetch/http_util.hpp"

#include <array>
#include <brotli/decode.h>
#include <zlib.h>

namespace archiver::fetch::detail {
namespace {

enum class Kind { identity, gzip, deflate, brotli, unknown };

Kind kind_of(std::string_view encoding) {
    std::string e = ascii_lower(encoding);
    while (!e.empty() && (e.back() == ' ' || e.back() == '\t')) {
        e.pop_back();
    }
    if (e.empty() || e == "identity") {
        return Kind::identity;
    }
    if (e == "gzip" || e == "x-gzip") {
        return Kind::gzip;
    }
    if (e == "deflate") {
        return Kind::deflate;
    }
    if (e == "br") {
        return Kind::brotli;
    }
    return Kind::unknown;
}

struct BrotliDeleter {
    void operator()(BrotliDecoderState* s) const noexcept { BrotliDecoderDestroyInstance(s); }
};

constexpr std::size_t k_chunk = 16 * 1024;

} // namespace

struct ContentDecoder::Impl {
    Kind kind = Kind::identity;
    std::string name;
    bool started = false;
    bool ended = false; // the compressed stream reached its end marker
    z_stream zs{};
    bool zlib_ready = false;
    std::unique_ptr<BrotliDecoderState, BrotliDeleter> brotli;

    ~Impl() {
        if (zlib_ready) {
            inflateEnd(&zs);
        }
    }

    // gzip: a gzip header; deflate: a zlib header, or raw deflate as some servers send.
    bool start_zlib(std::string_view first) {
        int window = 15 + 16;
        if (kind == Kind::deflate) {
            bool zlib_header = first.size() >= 2 &&
                               (static_cast<unsigned char>(first[0]) & 0x0f) == 8 &&
                               ((static_cast<unsigned char>(first[0]) << 8) |
                                static_cast<unsigned char>(first[1])) %
                                       31 ==
                                   0;
            window = zlib_header || first.size() < 2 ? 15 : -15;
        }
        zlib_ready = inflateInit2(&zs, window) == Z_OK;
        return zlib_ready;
    }
};

ContentDecoder::ContentDecoder(std::string_view content_encoding)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->kind = kind_of(content_encoding);
    m_impl->name = std::string(content_encoding);
    if (m_impl->kind == Kind::brotli) {
        m_impl->brotli.reset(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
    }
}

ContentDecoder::~ContentDecoder() = default;

bool ContentDecoder::supported() const noexcept {
    return m_impl->kind != Kind::unknown;
}

ContentDecoder::Status
ContentDecoder::feed(std::string_view data, std::string& out, std::int64_t limit) {
    auto& d = *m_impl;
    auto over = [&](std::size_t extra) {
        return static_cast<std::int64_t>(out.size() + extra) > limit;
    };
    if (d.kind == Kind::unknown) {
        m_error = "unsupported Content-Encoding \"" + d.name + "\"";
        return Status::corrupt;
    }
    if (d.kind == Kind::identity) {
        if (over(data.size())) {
            return Status::too_large;
        }
        out.append(data);
        return Status::ok;
    }
    std::array<char, k_chunk> buf{};
    if (data.empty()) {
        return Status::ok;
    }
    if (d.kind == Kind::brotli) {
        d.started = true;
        if (!d.brotli) {
            m_error = "cannot start the brotli decoder";
            return Status::corrupt;
        }
        // Brotli's API takes unsigned byte pointers.
        const auto* in = reinterpret_cast<const std::uint8_t*>(data.data());
        std::size_t avail_in = data.size();
        while (true) {
            auto* next_out = reinterpret_cast<std::uint8_t*>(buf.data());
            std::size_t avail_out = buf.size();
            auto rc = BrotliDecoderDecompressStream(
                d.brotli.get(), &avail_in, &in, &avail_out, &next_out, nullptr);
            std::size_t produced = buf.size() - avail_out;
            if (over(produced)) {
                return Status::too_large;
            }
            out.append(buf.data(), produced);
            if (rc == BROTLI_DECODER_RESULT_ERROR) {
                m_error = std::string("brotli: ") +
                          BrotliDecoderErrorString(BrotliDecoderGetErrorCode(d.brotli.get()));
                return Status::corrupt;
            }
            if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
                d.ended = true;
                return Status::ok; // bytes after the end are ignored
            }
            if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
                return Status::ok;
            }
        }
    }
    if (!d.started) {
        d.started = true;
        if (!d.start_zlib(data)) {
            m_error = "cannot start the zlib decoder";
            return Status::corrupt;
        }
    }
    // zlib's API is not const-correct for its input.
    d.zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    d.zs.avail_in = static_cast<uInt>(data.size());
    while (d.zs.avail_in > 0) {
        if (d.ended) {
            // Another gzip member may follow (concatenated files); anything else is ignored.
            if (d.kind != Kind::gzip || d.zs.avail_in < 2 || d.zs.next_in[0] != 0x1f ||
                d.zs.next_in[1] != 0x8b) {
                return Status::ok;
            }
            inflateReset(&d.zs);
            d.ended = false;
        }
        d.zs.next_out = reinterpret_cast<Bytef*>(buf.data());
        d.zs.avail_out = static_cast<uInt>(buf.size());
        int rc = inflate(&d.zs, Z_NO_FLUSH);
        std::size_t produced = buf.size() - d.zs.avail_out;
        if (over(produced)) {
            return Status::too_large;
        }
        out.append(buf.data(), produced);
        if (rc == Z_STREAM_END) {
            d.ended = true;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            m_error = std::string(d.kind == Kind::gzip ? "gzip" : "deflate") + ": " +
                      (d.zs.msg ? d.zs.msg : "corrupt data");
            return Status::corrupt;
        } else if (rc == Z_BUF_ERROR && produced == 0) {
            break; // needs more input
        }
    }
    return Status::ok;
}

ContentDecoder::Status ContentDecoder::finish() {
    auto& d = *m_impl;
    // An empty body has nothing to finish; a started stream must have reached its end.
    if (d.kind == Kind::identity || d.kind == Kind::unknown || !d.started || d.ended) {
        return Status::ok;
    }
    const char* name = d.kind == Kind::brotli ? "br" : d.kind == Kind::gzip ? "gzip" : "deflate";
    m_error = std::string("truncated ") + name +
              " body: the compressed stream ends before its end marker";
    return Status::corrupt;
}

} // namespace archiver::fetch::detail
