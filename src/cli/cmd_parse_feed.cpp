// SPDX-License-Identifier: MIT
// `archiver parse-feed [FILE|-] [--url U] [--content-type CT] [--tz ZONE] [--format json|tsv]`:
// a pure transform, feed bytes in, normalized entries out (SPEC §2).
#include "app.hpp"

#include <archiver/core/error.hpp>
#include <archiver/feed/parse.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <iostream>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace archiver::cli {
namespace {

struct ParseFeedOptions {
    std::string file = "-";
    std::string url;
    std::string content_type;
    std::string tz = "UTC";
    std::string format = "json";
};

// The options bound at setup, read when the command runs.
std::shared_ptr<ParseFeedOptions>& s_options() {
    static std::shared_ptr<ParseFeedOptions> options = std::make_shared<ParseFeedOptions>();
    return options;
}

// Asks for huge pages under a buffer of several MB: on a virtual machine, faulting fresh
// memory in 4 KiB at a time costs more than parsing it (a hint; refused, it is only slower).
void advise_huge_pages(std::string& buf) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t k_huge = std::size_t{2} << 20;
    if (buf.capacity() >= 4 * k_huge) {
        const auto begin = reinterpret_cast<std::uintptr_t>(buf.data());
        const std::uintptr_t first = (begin + k_huge - 1) & ~(k_huge - 1);
        const std::uintptr_t last = (begin + buf.capacity()) & ~(k_huge - 1);
        if (last > first) {
            static_cast<void>(madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE));
        }
    }
#else
    static_cast<void>(buf);
#endif
}

// The input's bytes: a regular file (named, or redirected to stdin) mapped read-only with
// its pages mapped up front (no copy, no fresh memory to fault in), else read into a
// buffer. Move-only; unmaps on destruction.
class Input {
public:
    Input() = default;
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;
    ~Input() {
#if defined(__linux__)
        if (m_map != nullptr) {
            munmap(m_map, m_map_length);
        }
#endif
    }
    std::string_view bytes() const { return m_map != nullptr ? m_view : std::string_view(m_buffer); }
    bool read(const std::string& path);

private:
    bool read_fd(int fd, std::size_t expected);
    void* m_map = nullptr;
    std::size_t m_map_length = 0;
    std::string_view m_view;
    std::string m_buffer;
};

bool Input::read(const std::string& path) {
    const int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    struct stat st {};
    std::size_t expected = 0;
    bool ok = false;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        const off_t at = std::max<off_t>(lseek(fd, 0, SEEK_CUR), 0);
        expected = static_cast<std::size_t>(st.st_size - std::min<off_t>(at, st.st_size));
#if defined(__linux__)
        const auto length = static_cast<std::size_t>(st.st_size);
        void* m = mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (m != MAP_FAILED) {
            m_map = m;
            m_map_length = length;
            m_view = std::string_view(static_cast<const char*>(m), length)
                         .substr(static_cast<std::size_t>(std::min<off_t>(at, st.st_size)));
            ok = true;
        }
#endif
    }
    if (!ok) {
        ok = read_fd(fd, expected);
    }
    if (fd != STDIN_FILENO) {
        ::close(fd);
    }
    return ok;
}

// Reads `fd` to its end with read(2): a pipe in large blocks, a file in one buffer of its
// size.
bool Input::read_fd(int fd, std::size_t expected) {
    std::string& out = m_buffer;
    std::size_t used = 0;
    bool ok = true;
    out.reserve(expected + 1); // +1: the read that sees the end needs room
    advise_huge_pages(out);
    out.resize(out.capacity());
    for (;;) {
        if (used == out.size()) {
            // A pipe, or a file that grew: double, still on huge pages.
            std::string bigger;
            bigger.reserve(std::max<std::size_t>(out.size() * 2, std::size_t{1} << 20));
            advise_huge_pages(bigger);
            bigger.assign(out, 0, used);
            bigger.resize(bigger.capacity());
            out.swap(bigger);
        }
        const ssize_t n = ::read(fd, out.data() + used, out.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        used += static_cast<std::size_t>(n);
    }
    out.resize(used);
    return ok;
}

int run_parse_feed(const ParseFeedOptions& opts) {
    auto zone = TimeZone::from_name(opts.tz);
    if (!zone) {
        std::cerr << "parse-feed: unknown time zone '" << opts.tz << "'\n";
        return exit_code::k_usage;
    }
    Input input;
    if (!input.read(opts.file)) {
        std::cerr << "parse-feed: cannot read " << opts.file << "\n";
        return exit_code::k_partial;
    }
    feed::ParseOptions po;
    po.base_url = opts.url;
    po.content_type = opts.content_type;
    po.zone = *zone;
    const feed::OutputFormat format =
        opts.format == "tsv" ? feed::OutputFormat::tsv : feed::OutputFormat::json;
    // Written as the entries are read: a large feed's output is never all in memory.
    auto written = feed::write_feed(input.bytes(), po, format, [](std::string_view piece) {
        std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    });
    if (!written) {
        std::cerr << "parse-feed: " << written.error().message << "\n";
        if (format == feed::OutputFormat::json) {
            // Still one JSON object, so pipelines can tell "no feed" from a crash.
            FeedDoc empty;
            empty.bozo = true;
            empty.bozo_reason = written.error().message;
            std::cout << feed::to_json(empty);
        }
        return exit_code::k_partial;
    }
    return exit_code::k_ok;
}

const bool k_registered = register_command(Command{
    "parse-feed",
    "Parse a feed (RSS, Atom, JSON Feed) and print its normalized entries",
    40,
    [](CLI::App& app) {
        auto opts = std::make_shared<ParseFeedOptions>();
        app.add_option("file", opts->file, "Feed file, or - for stdin")->capture_default_str();
        app.add_option("--url", opts->url, "The feed's URL: relative links resolve against it");
        app.add_option("--content-type", opts->content_type,
                       "The HTTP Content-Type it was served with (charset is honoured)");
        app.add_option("--tz", opts->tz, "Zone for dates that state none (IANA name or offset)")
            ->capture_default_str();
        app.add_option("--format", opts->format, "Output format")
            ->check(CLI::IsMember({"json", "tsv"}))
            ->capture_default_str();
        s_options() = opts;
    },
    [](const GlobalOptions&) { return run_parse_feed(*s_options()); },
});

} // namespace
} // namespace archiver::cli
