// SPDX-License-Identifier: MIT
// libcurl, loaded when first used. The archiver does not link libcurl: its dependency chain
// (TLS libraries, Kerberos, LDAP, SSH, ... 36 shared libraries) would otherwise be loaded
// and relocated by every command, ~25 ms of CPU before main() even for `parse-feed` or
// `--version`. The libcurl functions the fetch stage calls are defined here with curl.h's
// exact signatures and forward to Debian's libcurl.so.4, opened with dlopen on the first
// call (every entry point of curl's API is one of these, so nothing else changes).
//
// When the library cannot be loaded (or lacks one of the functions), the constructors
// report failure the way libcurl does when out of memory (nullptr, CURLE_FAILED_INIT),
// and the reason is written to stderr once.
#define CURL_DISABLE_TYPECHECK // curl.h's type-checking macros would rename the definitions
#include <curl/curl.h>

#include <archiver/core/shared_library.hpp>

#include <cstdarg>
#include <cstdio>

namespace archiver::fetch::detail {
namespace {

struct CurlApi {
    bool loaded = false;
    decltype(&::curl_global_init) global_init = nullptr;
    decltype(&::curl_easy_init) easy_init = nullptr;
    decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&::curl_easy_reset) easy_reset = nullptr;
    decltype(&::curl_easy_setopt) easy_setopt = nullptr;
    decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&::curl_easy_strerror) easy_strerror = nullptr;
    decltype(&::curl_multi_init) multi_init = nullptr;
    decltype(&::curl_multi_cleanup) multi_cleanup = nullptr;
    decltype(&::curl_multi_setopt) multi_setopt = nullptr;
    decltype(&::curl_multi_add_handle) multi_add_handle = nullptr;
    decltype(&::curl_multi_remove_handle) multi_remove_handle = nullptr;
    decltype(&::curl_multi_perform) multi_perform = nullptr;
    decltype(&::curl_multi_poll) multi_poll = nullptr;
    decltype(&::curl_multi_wakeup) multi_wakeup = nullptr;
    decltype(&::curl_multi_info_read) multi_info_read = nullptr;
    decltype(&::curl_multi_strerror) multi_strerror = nullptr;
    decltype(&::curl_share_init) share_init = nullptr;
    decltype(&::curl_share_cleanup) share_cleanup = nullptr;
    decltype(&::curl_share_setopt) share_setopt = nullptr;
    decltype(&::curl_slist_append) slist_append = nullptr;
    decltype(&::curl_slist_free_all) slist_free_all = nullptr;
    decltype(&::curl_getdate) getdate = nullptr;
};

CurlApi load_api() {
    CurlApi api;
    // The SONAME the build's curl.h belongs to (libcurl's ABI has been 4 since 2006); the
    // unversioned name of the development package as a last resort.
    void* lib = open_shared_library({"libcurl.so.4", "libcurl.so"}, "libcurl");
    if (lib == nullptr) {
        return api;
    }
    const bool all = bind_symbol(lib, "curl_global_init", api.global_init) &&
                     bind_symbol(lib, "curl_easy_init", api.easy_init) &&
                     bind_symbol(lib, "curl_easy_cleanup", api.easy_cleanup) &&
                     bind_symbol(lib, "curl_easy_reset", api.easy_reset) &&
                     bind_symbol(lib, "curl_easy_setopt", api.easy_setopt) &&
                     bind_symbol(lib, "curl_easy_getinfo", api.easy_getinfo) &&
                     bind_symbol(lib, "curl_easy_strerror", api.easy_strerror) &&
                     bind_symbol(lib, "curl_multi_init", api.multi_init) &&
                     bind_symbol(lib, "curl_multi_cleanup", api.multi_cleanup) &&
                     bind_symbol(lib, "curl_multi_setopt", api.multi_setopt) &&
                     bind_symbol(lib, "curl_multi_add_handle", api.multi_add_handle) &&
                     bind_symbol(lib, "curl_multi_remove_handle", api.multi_remove_handle) &&
                     bind_symbol(lib, "curl_multi_perform", api.multi_perform) &&
                     bind_symbol(lib, "curl_multi_poll", api.multi_poll) &&
                     bind_symbol(lib, "curl_multi_wakeup", api.multi_wakeup) &&
                     bind_symbol(lib, "curl_multi_info_read", api.multi_info_read) &&
                     bind_symbol(lib, "curl_multi_strerror", api.multi_strerror) &&
                     bind_symbol(lib, "curl_share_init", api.share_init) &&
                     bind_symbol(lib, "curl_share_cleanup", api.share_cleanup) &&
                     bind_symbol(lib, "curl_share_setopt", api.share_setopt) &&
                     bind_symbol(lib, "curl_slist_append", api.slist_append) &&
                     bind_symbol(lib, "curl_slist_free_all", api.slist_free_all) &&
                     bind_symbol(lib, "curl_getdate", api.getdate);
    if (!all) {
        std::fprintf(stderr, "archiver: libcurl lacks a function the archiver uses\n");
        close_shared_library(lib);
        return CurlApi{};
    }
    api.loaded = true; // kept open for the life of the process
    return api;
}

// The library's functions; loaded once, thread-safely, on first use.
const CurlApi& api() {
    static const CurlApi s_api = load_api();
    return s_api;
}

// The single argument after `option` of a *_setopt call, read with the type libcurl reads
// it with (options are numbered by type: long, pointer, function pointer, curl_off_t, blob).
struct OptArg {
    enum class Kind { long_value, pointer, off_t_value } kind = Kind::long_value;
    long l = 0;
    void* p = nullptr;
    curl_off_t off = 0;
};

OptArg read_opt_arg(int option, va_list& args) {
    OptArg a;
    if (option < CURLOPTTYPE_OBJECTPOINT) {
        a.l = va_arg(args, long);
    } else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) {
        a.kind = OptArg::Kind::off_t_value;
        a.off = va_arg(args, curl_off_t);
    } else {
        // Object and function pointers (and blobs) travel alike through varargs on the
        // platforms libcurl.so.4 is built for; libcurl reads each back as its own type.
        a.kind = OptArg::Kind::pointer;
        a.p = va_arg(args, void*);
    }
    return a;
}

template <typename Fn, typename Handle, typename Option>
auto forward_opt(Fn fn, Handle* h, Option option, const OptArg& a) {
    switch (a.kind) {
    case OptArg::Kind::long_value:
        return fn(h, option, a.l);
    case OptArg::Kind::off_t_value:
        return fn(h, option, a.off);
    case OptArg::Kind::pointer:
        break;
    }
    return fn(h, option, a.p);
}

} // namespace
} // namespace archiver::fetch::detail

using archiver::fetch::detail::api;

extern "C" {

CURLcode curl_global_init(long flags) {
    return api().loaded ? api().global_init(flags) : CURLE_FAILED_INIT;
}

CURL* curl_easy_init(void) { return api().loaded ? api().easy_init() : nullptr; }

void curl_easy_cleanup(CURL* curl) {
    if (api().loaded) {
        api().easy_cleanup(curl);
    }
}

void curl_easy_reset(CURL* curl) {
    if (api().loaded) {
        api().easy_reset(curl);
    }
}

CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
    if (!api().loaded) {
        return CURLE_FAILED_INIT;
    }
    va_list args;
    va_start(args, option);
    const auto a = archiver::fetch::detail::read_opt_arg(option, args);
    va_end(args);
    return archiver::fetch::detail::forward_opt(api().easy_setopt, curl, option, a);
}

CURLcode curl_easy_getinfo(CURL* curl, CURLINFO info, ...) {
    if (!api().loaded) {
        return CURLE_FAILED_INIT;
    }
    va_list args;
    va_start(args, info);
    void* out = va_arg(args, void*); // every CURLINFO takes a pointer to its result
    va_end(args);
    return api().easy_getinfo(curl, info, out);
}

const char* curl_easy_strerror(CURLcode code) {
    return api().loaded ? api().easy_strerror(code) : "libcurl could not be loaded";
}

CURLM* curl_multi_init(void) { return api().loaded ? api().multi_init() : nullptr; }

CURLMcode curl_multi_cleanup(CURLM* multi) {
    return api().loaded ? api().multi_cleanup(multi) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_setopt(CURLM* multi, CURLMoption option, ...) {
    if (!api().loaded) {
        return CURLM_BAD_HANDLE;
    }
    va_list args;
    va_start(args, option);
    const auto a = archiver::fetch::detail::read_opt_arg(option, args);
    va_end(args);
    return archiver::fetch::detail::forward_opt(api().multi_setopt, multi, option, a);
}

CURLMcode curl_multi_add_handle(CURLM* multi, CURL* curl) {
    return api().loaded ? api().multi_add_handle(multi, curl) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_remove_handle(CURLM* multi, CURL* curl) {
    return api().loaded ? api().multi_remove_handle(multi, curl) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_perform(CURLM* multi, int* running) {
    return api().loaded ? api().multi_perform(multi, running) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_poll(CURLM* multi, struct curl_waitfd extra[], unsigned int n, int ms,
                          int* ret) {
    return api().loaded ? api().multi_poll(multi, extra, n, ms, ret) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_wakeup(CURLM* multi) {
    return api().loaded ? api().multi_wakeup(multi) : CURLM_BAD_HANDLE;
}

CURLMsg* curl_multi_info_read(CURLM* multi, int* queued) {
    if (!api().loaded) {
        *queued = 0;
        return nullptr;
    }
    return api().multi_info_read(multi, queued);
}

const char* curl_multi_strerror(CURLMcode code) {
    return api().loaded ? api().multi_strerror(code) : "libcurl could not be loaded";
}

CURLSH* curl_share_init(void) { return api().loaded ? api().share_init() : nullptr; }

CURLSHcode curl_share_cleanup(CURLSH* share) {
    return api().loaded ? api().share_cleanup(share) : CURLSHE_INVALID;
}

CURLSHcode curl_share_setopt(CURLSH* share, CURLSHoption option, ...) {
    if (!api().loaded) {
        return CURLSHE_INVALID;
    }
    va_list args;
    va_start(args, option);
    CURLSHcode rc = CURLSHE_BAD_OPTION;
    switch (option) {
    case CURLSHOPT_SHARE:
    case CURLSHOPT_UNSHARE:
        rc = api().share_setopt(share, option, va_arg(args, int)); // a curl_lock_data
        break;
    case CURLSHOPT_LOCKFUNC:
    case CURLSHOPT_UNLOCKFUNC:
    case CURLSHOPT_USERDATA:
        rc = api().share_setopt(share, option, va_arg(args, void*));
        break;
    default:
        break;
    }
    va_end(args);
    return rc;
}

struct curl_slist* curl_slist_append(struct curl_slist* list, const char* text) {
    return api().loaded ? api().slist_append(list, text) : nullptr;
}

void curl_slist_free_all(struct curl_slist* list) {
    if (api().loaded) {
        api().slist_free_all(list);
    }
}

time_t curl_getdate(const char* text, const time_t* unused) {
    return api().loaded ? api().getdate(text, unused) : -1;
}

} // extern "C"
