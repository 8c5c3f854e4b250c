// SPDX-License-Identifier: MIT
// `parse-feed` output: the JSON object of SPEC §2 and sfeed(5)'s TSV lines, written straight
// into one string (a feed's JSON is as large as the feed: no intermediate value tree).
#include <archiver/feed/parse.hpp>

#include "byte_find.hpp"
#include "json_escape.hpp"
#include "output.hpp"

#include <charconv>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace archiver::feed {

namespace detail {

void append_utc(std::string& out, const DateTime& dt) {
    // 1970-01-01 to 9999-12-31 here (days to civil date: H. Hinnant's algorithm); the rest
    // through format_utc.
    constexpr std::int64_t k_end = 253402300800; // 10000-01-01T00:00:00Z
    if (dt.epoch < 0 || dt.epoch >= k_end) {
        out += format_utc(dt);
        return;
    }
    const std::int64_t days = dt.epoch / 86400;
    const std::int64_t secs = dt.epoch % 86400;
    const std::int64_t z = days + 719468;
    const std::int64_t era = z / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char buf[19]; // "YYYY-MM-DDTHH:MM:SS"
    auto two = [&buf](std::size_t at, std::int64_t v) {
        buf[at] = static_cast<char>('0' + v / 10);
        buf[at + 1] = static_cast<char>('0' + v % 10);
    };
    two(0, year / 100);
    two(2, year % 100);
    buf[4] = '-';
    two(5, month);
    buf[7] = '-';
    two(8, day);
    buf[10] = 'T';
    two(11, secs / 3600);
    buf[13] = ':';
    two(14, secs / 60 % 60);
    buf[16] = ':';
    two(17, secs % 60);
    out.append(buf, sizeof buf);
    out += 'Z';
}

} // namespace detail

namespace {

using detail::append_json_string;

// The JSON writer's state: the output and whether the current object or array needs a
// comma before its next member.
class JsonOut {
public:
    explicit JsonOut(std::string& out) : m_out(out) {}
    // `k` is one of this file's member names (plain ASCII letters and '_'): nothing in it
    // needs escaping. Inlined where it is called with a literal, its length known there.
    [[gnu::always_inline]] void key(std::string_view k) {
        // ',"' k '":' in one append (keys are short member names).
        char buf[40];
        std::size_t n = 0;
        if (!m_first) {
            buf[n++] = ',';
        }
        buf[n++] = '"';
        if (k.size() <= sizeof buf - 4) {
            k.copy(buf + n, k.size());
            n += k.size();
            buf[n++] = '"';
            buf[n++] = ':';
            m_out.append(buf, n);
        } else {
            m_out.append(buf, n);
            m_out += k;
            m_out += "\":";
        }
        m_first = true; // the value follows the colon directly
    }
    void value(std::string_view v) {
        comma();
        append_json_string(m_out, v);
    }
    void value(const std::optional<std::string>& v) {
        if (v) {
            value(std::string_view(*v));
        } else {
            raw("null");
        }
    }
    void value(const std::optional<DateTime>& v) {
        if (v) {
            comma();
            m_out += '"';
            detail::append_utc(m_out, *v);
            m_out += '"';
        } else {
            raw("null");
        }
    }
    void value(bool b) { raw(b ? "true" : "false"); }
    void value(const std::optional<std::int64_t>& v) {
        if (!v) {
            raw("null");
            return;
        }
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, *v);
        raw(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    }
    void open(char c) {
        comma();
        m_out += c;
        m_first = true;
    }
    void close(char c) {
        m_out += c;
        m_first = false;
    }
    template <typename T> [[gnu::always_inline]] void member(std::string_view k, const T& v) {
        key(k);
        value(v);
    }

private:
    void comma() {
        if (!m_first) {
            m_out += ',';
        }
        m_first = false;
    }
    void raw(std::string_view s) {
        comma();
        m_out += s;
    }

    std::string& m_out;
    bool m_first = true;
};

std::size_t size_of(const std::optional<std::string>& v) { return v ? v->size() : 0; }

// Reserves `size` bytes in `out`; a large output (a whole feed's worth) is asked to sit on
// huge pages: faulting in fresh memory 4 KiB at a time costs more than writing it.
void reserve_output(std::string& out, std::size_t size) {
    out.reserve(size);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t k_huge = std::size_t{2} << 20;
    if (size >= 4 * k_huge) {
        const auto begin = reinterpret_cast<std::uintptr_t>(out.data());
        const std::uintptr_t first = (begin + k_huge - 1) & ~(k_huge - 1);
        const std::uintptr_t last = (begin + out.capacity()) & ~(k_huge - 1);
        if (last > first) {
            // A hint: when it is refused, writing is only slower.
            static_cast<void>(madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE));
        }
    }
#endif
}

// sfeed(5): fields are TAB-separated; in them '\\', '\n' and '\t' are written as "\\\\",
// "\\n" and "\\t". Single-line fields have their line breaks folded to spaces first.
// The position of the first '\\', '\n', '\t' or '\r' at or after `i`, or v.size().
std::size_t find_tsv_special(std::string_view v, std::size_t i) {
    return detail::find_any_of4(v, i, '\\', '\n', '\t', '\r');
}

void append_tsv_field(std::string& out, std::string_view v, bool multiline) {
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = find_tsv_special(v, 0); i < v.size(); i = find_tsv_special(v, i + 1)) {
        const char c = v[i];
        out.append(v.substr(run, i - run));
        run = i + 1;
        if (!multiline && c != '\\') {
            out += ' ';
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } // '\r' in a multi-line field is dropped
    }
    out.append(v.substr(run));
}

} // namespace

namespace detail {

void write_json_head(std::string& s, const FeedDoc& doc) {
    JsonOut out(s);
    out.open('{');
    out.member("version", std::string_view(doc.version));
    out.member("encoding", std::string_view(doc.encoding));
    out.member("bozo", doc.bozo);
    out.member("bozo_reason", std::string_view(doc.bozo_reason));
    const FeedInfo& f = doc.feed;
    out.key("feed");
    out.open('{');
    out.member("title", f.title);
    out.member("link", f.link);
    out.member("description", f.description);
    out.member("language", f.language);
    out.member("updated", f.updated);
    out.member("generator", f.generator);
    out.member("author", f.author);
    out.member("image", f.image);
    out.close('}');
    out.key("entries");
    s += '[';
}

void write_json_entry(std::string& s, const Entry& e, bool first) {
    if (!first) {
        s += ',';
    }
    JsonOut out(s);
    out.open('{');
    out.member("id", e.id);
    out.member("title", e.title);
    out.member("link", e.link);
    out.member("published", e.published);
    out.member("updated", e.updated);
    out.member("author", e.author);
    out.member("summary", e.summary);
    out.member("content", e.content);
    out.key("categories");
    out.open('[');
    for (const std::string& c : e.categories) {
        out.value(std::string_view(c));
    }
    out.close(']');
    out.key("enclosures");
    out.open('[');
    for (const Enclosure& enc : e.enclosures) {
        out.open('{');
        out.member("url", std::string_view(enc.url));
        out.member("type", enc.type);
        out.member("length", enc.length);
        out.close('}');
    }
    out.close(']');
    out.close('}');
}

void write_json_tail(std::string& s) { s += "]}\n"; }

void write_tsv_entry(std::string& out, const Entry& e) {
    const auto date = e.published ? e.published : e.updated;
    if (date) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, date->epoch);
        out.append(buf, static_cast<std::size_t>(r.ptr - buf));
    }
    out += '\t';
    append_tsv_field(out, e.title ? std::string_view(*e.title) : std::string_view(), false);
    out += '\t';
    append_tsv_field(out, e.link ? std::string_view(*e.link) : std::string_view(), false);
    out += '\t';
    const std::optional<std::string>& body = e.content ? e.content : e.summary;
    append_tsv_field(out, body ? std::string_view(*body) : std::string_view(), true);
    out += '\t';
    out += (e.content || e.summary) ? "html" : "";
    out += '\t';
    append_tsv_field(out, e.id ? std::string_view(*e.id) : std::string_view(), false);
    out += '\t';
    append_tsv_field(out, e.author ? std::string_view(*e.author) : std::string_view(), false);
    out += '\t';
    if (!e.enclosures.empty()) {
        append_tsv_field(out, e.enclosures.front().url, false);
    }
    out += '\t';
    bool first = true;
    for (const auto& c : e.categories) {
        if (!first) {
            out += '|';
        }
        first = false;
        append_tsv_field(out, c, false);
    }
    out += '\n';
}

} // namespace detail

std::string to_json(const FeedDoc& doc) {
    std::size_t estimate = 1024;
    for (const Entry& e : doc.entries) {
        estimate += 512 + size_of(e.summary) + size_of(e.content) + size_of(e.title);
    }
    std::string s;
    reserve_output(s, estimate + estimate / 8);
    detail::write_json_head(s, doc);
    bool first = true;
    for (const Entry& e : doc.entries) {
        detail::write_json_entry(s, e, first);
        first = false;
    }
    detail::write_json_tail(s);
    return s;
}

std::string to_tsv(const FeedDoc& doc) {
    std::string out;
    std::size_t estimate = 0;
    for (const Entry& e : doc.entries) {
        estimate += 256 + size_of(e.title) + size_of(e.link) +
                    (e.content ? e.content->size() : size_of(e.summary));
    }
    reserve_output(out, estimate + estimate / 16);
    for (const Entry& e : doc.entries) {
        detail::write_tsv_entry(out, e);
    }
    return out;
}

} // namespace archiver::feed
