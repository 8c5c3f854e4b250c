// SPDX-License-Identifier: MIT
// OpenSSL's libcrypto, loaded when a digest is first taken. Linked, it cost every command
// (`parse-feed`, `--version`, ...) ~3 400 symbol bindings before main(), about a third of
// the dynamic loader's work; only the SHA-256 of sha256.cpp uses it. The two functions
// called there are defined here with <openssl/evp.h>'s signatures and forward to Debian's
// libcrypto.so.3, opened with dlopen on the first call.
//
// When the library cannot be loaded, EVP_sha256() returns null and EVP_Digest() fails
// (as libcrypto does on allocation failure); the reason is written to stderr once.
#include <openssl/evp.h>

#include <archiver/core/shared_library.hpp>

#include <cstdio>

namespace archiver::normalize::detail {
namespace {

struct CryptoApi {
    bool loaded = false;
    decltype(&::EVP_Digest) digest = nullptr;
    decltype(&::EVP_sha256) sha256 = nullptr;
};

CryptoApi load_api() {
    CryptoApi api;
    // The SONAME the build's headers belong to (OpenSSL 3), then the development symlink.
    void* lib = open_shared_library({"libcrypto.so.3", "libcrypto.so"}, "libcrypto");
    if (lib == nullptr) {
        return api;
    }
    if (!bind_symbol(lib, "EVP_Digest", api.digest) ||
        !bind_symbol(lib, "EVP_sha256", api.sha256)) {
        std::fprintf(stderr, "archiver: libcrypto lacks EVP_Digest or EVP_sha256\n");
        close_shared_library(lib);
        return CryptoApi{};
    }
    api.loaded = true; // kept open for the life of the process
    return api;
}

// Loaded once, thread-safely, on first use.
const CryptoApi& api() {
    static const CryptoApi s_api = load_api();
    return s_api;
}

} // namespace
} // namespace archiver::normalize::detail

extern "C" {

int EVP_Digest(const void* data, size_t count, unsigned char* md, unsigned int* size,
               const EVP_MD* type, ENGINE* impl) {
    const auto& api = archiver::normalize::detail::api();
    if (!api.loaded || type == nullptr) {
        return 0;
    }
    return api.digest(data, count, md, size, type, impl);
}

const EVP_MD* EVP_sha256(void) {
    const auto& api = archiver::normalize::detail::api();
    return api.loaded ? api.sha256() : nullptr;
}

} // extern "C"
