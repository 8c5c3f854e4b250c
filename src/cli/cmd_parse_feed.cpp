// SPDX-License-Identifier: MIT
// `archiver parse-feed [FILE|-] [--url U] [--content-type CT] [--tz ZONE] [--format json|tsv]`:
// a pure transform, feed bytes in, normalized entries out (SPEC §2).
#include "app.hpp"

#include <archiver/core/error.hpp>
#include <archiver/feed/parse.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <memory>
#include <span>

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

// The input, read whole. Its bytes are left uninitialised until read (a std::string would
// zero them first: 30 MB written for nothing before read(2) writes them again).
class InputBuffer {
public:
    std::string_view view() const { return {m_data.get(), m_size}; }
    std::span<char> writable() { return {m_data.get(), m_size}; }

    // True when the input can be read again from its start (a regular file).
    bool rereadable() const { return m_rereadable; }

    // Reads FILE or stdin ("-") whole with read(2): a regular file (named, or redirected
    // to stdin) straight into one buffer of its size, a pipe in doubling blocks.
    bool read_all(const std::string& path) {
        m_path = path;
        m_size = 0;
        const int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return false;
        }
        struct stat st {};
        std::size_t expected = 0;
        m_rereadable = false;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            const off_t at = lseek(fd, 0, SEEK_CUR);
            m_start = at > 0 ? at : 0;
            m_rereadable = at >= 0;
            expected = st.st_size > m_start ? static_cast<std::size_t>(st.st_size - m_start) : 0;
        }
        if (m_capacity < expected + 1) {
            grow(expected + 1); // +1: the read that sees the end needs room
        }
        bool ok = true;
        for (;;) {
            if (m_size == m_capacity) {
                grow(std::max<std::size_t>(m_capacity * 2, std::size_t{1} << 20));
            }
            const ssize_t n = ::read(fd, m_data.get() + m_size, m_capacity - m_size);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                ok = n == 0;
                break;
            }
            m_size += static_cast<std::size_t>(n);
        }
        if (fd != STDIN_FILENO) {
            ::close(fd);
        }
        return ok;
    }

    // Reads the input again from where it started (rereadable() only).
    bool reread() {
        if (m_path == "-" && lseek(STDIN_FILENO, m_start, SEEK_SET) != m_start) {
            return false;
        }
        return read_all(m_path);
    }

private:
    // A buffer of `capacity` bytes holding the ones read so far.
    void grow(std::size_t capacity) {
        std::unique_ptr<char[]> bigger(new char[capacity]);
        advise_huge_pages(bigger.get(), capacity);
        if (m_size > 0) {
            std::memcpy(bigger.get(), m_data.get(), m_size);
        }
        m_data = std::move(bigger);
        m_capacity = capacity;
    }

    // Asks for huge pages under a buffer of several MB: on a virtual machine, faulting
    // fresh memory in 4 KiB at a time costs more than parsing it (a hint; refused, it is
    // only slower).
    static void advise_huge_pages(char* data, std::size_t size) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        constexpr std::size_t k_huge = std::size_t{2} << 20;
        if (size >= 4 * k_huge) {
            const auto begin = reinterpret_cast<std::uintptr_t>(data);
            const std::uintptr_t first = (begin + k_huge - 1) & ~(k_huge - 1);
            const std::uintptr_t last = (begin + size) & ~(k_huge - 1);
            if (last > first) {
                static_cast<void>(
                    madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE));
            }
        }
#else
        static_cast<void>(data);
        static_cast<void>(size);
#endif
    }

    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
    std::string m_path;
    off_t m_start = 0; // where a regular file was read from
    bool m_rereadable = false;
};

// feed::write_feed_streamed on FILE (or stdin) when it is a regular file: false, with
// nothing written, when it is not, or not a document read that way.
bool write_streamed(const std::string& path,
                    const feed::ParseOptions& po,
                    feed::OutputFormat format,
                    const feed::OutputSink& sink) {
    const bool named = path != "-";
    const int fd = named ? ::open(path.c_str(), O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0) {
        return false;
    }
    bool written = false;
    struct stat st {};
    const off_t at = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? lseek(fd, 0, SEEK_CUR) : -1;
    if (at >= 0 && st.st_size > at) {
        const feed::ByteReader reader = [fd, at](std::uint64_t offset, char* out, std::size_t n) {
            for (;;) {
                const ssize_t got = ::pread(fd, out, n, at + static_cast<off_t>(offset));
                if (got >= 0 || errno != EINTR) {
                    return static_cast<std::ptrdiff_t>(got);
                }
            }
        };
        const auto size = static_cast<std::uint64_t>(st.st_size - at);
        auto r = feed::write_feed_streamed(size, reader, po, format, sink);
        written = r && *r;
    }
    if (named) {
        ::close(fd);
    }
    return written;
}

int run_parse_feed(const ParseFeedOptions& opts) {
    auto zone = TimeZone::from_name(opts.tz);
    if (!zone) {
        std::cerr << "parse-feed: unknown time zone '" << opts.tz << "'\n";
        return exit_code::k_usage;
    }
    feed::ParseOptions po;
    po.base_url = opts.url;
    po.content_type = opts.content_type;
    po.zone = *zone;
    const feed::OutputFormat format =
        opts.format == "tsv" ? feed::OutputFormat::tsv : feed::OutputFormat::json;
    // Written as the entries are read: a large feed's output is never all in memory.
    const feed::OutputSink sink = [](std::string_view piece) {
        std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    };
    // A large regular file is read a window at a time (its entries twice), never whole.
    if (write_streamed(opts.file, po, format, sink)) {
        return exit_code::k_ok;
    }
    InputBuffer input;
    if (!input.read_all(opts.file)) {
        std::cerr << "parse-feed: cannot read " << opts.file << "\n";
        return exit_code::k_partial;
    }
    Result<void> written;
    if (input.rereadable()) {
        // Parsed where it was read; a document that is not well-formed XML is read again
        // for the forgiving reader.
        auto in_place = feed::write_feed_in_place(input.writable(), po, format, sink);
        if (!in_place) {
            written = unexpected(in_place.error());
        } else if (!*in_place) {
            if (!input.reread()) {
                std::cerr << "parse-feed: cannot read " << opts.file << "\n";
                return exit_code::k_partial;
            }
            written = feed::write_feed(input.view(), po, format, sink);
        }
    } else {
        written = feed::write_feed(input.view(), po, format, sink);
    }
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
