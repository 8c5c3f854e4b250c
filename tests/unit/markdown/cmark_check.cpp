// SPDX-License-Identifier: MIT
#include "cmark_check.hpp"

#include "support/temp_dir.hpp"

#include <archiver/html/dom.hpp>

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace archiver::testing {

namespace {

std::string run_cmark(const std::string& markdown, const char* to) {
    TempDir dir;
    auto input = dir.path() / "in.md";
    write_file(input, markdown);
    std::string cmd = std::string("cmark-gfm --unsafe -e table -e strikethrough -t ") + to + " '" +
                      input.string() + "'";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    if (!pipe) {
        throw std::runtime_error("cannot run cmark-gfm");
    }
    std::string out;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe.get())) > 0) {
        out.append(buf.data(), n);
    }
    return out;
}

} // namespace

std::string cmark_html(const std::string& markdown) { return run_cmark(markdown, "html"); }

std::string without_spaces(const std::string& text) {
    std::string out;
    for (char c : html::collapse_whitespace(text)) {
        if (c != ' ') {
            out += c;
        }
    }
    return out;
}

std::string cmark_text(const std::string& markdown) {
    html::Document doc = html::Document::parse(cmark_html(markdown));
    return without_spaces(doc.body().text());
}

} // namespace archiver::testing
