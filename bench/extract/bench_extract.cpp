// SPDX-License-Identifier: MIT
// Extracts every page given on the command line in one process (decode, parse, extract,
// render text) and prints pages, CPU seconds, pages/s/core, peak RSS, and the peak RSS growth
// over the loaded pages (the working memory of the costliest page: each page's tree and
// article are freed before the next).
#include <archiver/extract/extract.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/text/charset.hpp>

#include <sys/resource.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> pages;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        pages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    std::clock_t start = std::clock();
    std::size_t bytes = 0;
    std::size_t ok = 0;
    for (const auto& page : pages) {
        auto decoded = archiver::text::to_utf8(page, "", archiver::text::DocKind::html);
        archiver::extract::Options options;
        auto article = archiver::extract::extract_article(decoded.text, options);
        if (article) {
            bytes += archiver::markdown::render_text(article->body).size();
            ++ok;
        }
    }
    double cpu = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    std::cout << "pages=" << pages.size() << " extracted=" << ok << " cpu_s=" << cpu
              << " pages_per_s_core=" << (cpu > 0 ? static_cast<double>(pages.size()) / cpu : 0)
              << " peak_rss_mb=" << static_cast<double>(after.ru_maxrss) / 1024.0
              << " page_peak_mb=" << static_cast<double>(after.ru_maxrss - before.ru_maxrss) / 1024.0
              << " text_bytes=" << bytes << "\n";
    return 0;
}
