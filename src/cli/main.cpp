// SPDX-License-Identifier: MIT
#include "app.hpp"

#include <archiver/core/error.hpp>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>
#include <iostream>

#if !defined(ARCHIVER_JEMALLOC)
#include <malloc.h>
#endif

int main(int argc, char** argv) {
    // With jemalloc (ARCHIVER_JEMALLOC) none of this is needed: it keeps freed memory for
    // reuse on its own and returns dirty pages after 10 s unused; returning them sooner cost
    // a full-text run of 500 feeds 12 s more system time for 4 MB less peak memory.
#if !defined(ARCHIVER_JEMALLOC)
    // A run allocates and frees page-sized buffers all along: keep freed memory instead of
    // handing it back to the kernel after each (glibc trims the heap top at 128 KB by default
    // and the next page faults it back in). Peak memory does not change.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    // Setting those turns off glibc's sliding mmap threshold, so every block of 128 KB or
    // more (a page's bytes, its text) would be mapped, faulted in and unmapped per page.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
    try {
        CLI::App app{"archiver: archive news feeds and pages as Markdown with a SQLite index"};
        archiver::cli::GlobalOptions options;
        archiver::cli::configure_app(app, options);
        // `help COMMAND` is `COMMAND --help`, so both print exactly the same text.
        std::vector<std::string> args(argv + 1, argv + argc);
        for (std::size_t i = 0; i + 1 < args.size(); ++i) {
            if (args[i] == "help") {
                args = {args[i + 1], "--help"};
                break;
            }
            if (args[i].empty() || args[i][0] != '-') {
                break;
            }
        }
        std::reverse(args.begin(), args.end()); // CLI11 takes the arguments reversed
        try {
            app.parse(args);
        } catch (const CLI::ParseError& e) {
            const int rc = app.exit(e);
            return rc == 0 ? 0 : archiver::exit_code::k_usage;
        }
        return archiver::cli::dispatch(app, options);
    } catch (const archiver::Fatal& e) {
        std::cerr << "archiver: fatal: " << e.what() << "\n";
        return archiver::exit_code::k_fatal;
    } catch (const std::exception& e) {
        std::cerr << "archiver: " << e.what() << "\n";
        return archiver::exit_code::k_fatal;
    } catch (...) {
        std::cerr << "archiver: unknown error\n";
        return archiver::exit_code::k_fatal;
    }
}
