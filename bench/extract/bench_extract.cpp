// SPDX-License-Identifier: MIT
// Extracts every page given on the command line in one process (decode, parse, extract,
// render text) and prints pages, CPU seconds, pages/s/core, peak RSS, and the peak RSS growth
// over the loaded pages (the working memory of the costliest page: each page's tree and
// article are freed before the next). `--repeat N` extracts all pages N times and reports the
// fastest pass (on a shared machine the others carry other processes' interference).
#include <archiver/extract/extract.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/text/charset.hpp>

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

int main(int argc, char** argv) {
    // The allocator settings of archiver's own main (src/cli/main.cpp): freed memory is kept
    // for the next page instead of being handed back to the kernel and faulted in again.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    int repeat = 1;
    std::vector<std::string> pages;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::stoi(argv[++i]));
            continue;
        }
        std::ifstream in(argv[i], std::ios::binary);
        pages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    double best = 0;
    double total = 0;
    std::size_t bytes = 0;
    std::size_t ok = 0;
    for (int pass = 0; pass < repeat; ++pass) {
        std::clock_t start = std::clock();
        bytes = 0;
        ok = 0;
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
        best = pass == 0 ? cpu : std::min(best, cpu);
        total += cpu;
    }
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    std::cout << "pages=" << pages.size() << " extracted=" << ok << " cpu_s=" << best
              << " pages_per_s_core=" << (best > 0 ? static_cast<double>(pages.size()) / best : 0)
              << " peak_rss_mb=" << static_cast<double>(after.ru_maxrss) / 1024.0
              << " page_peak_mb=" << static_cast<double>(after.ru_maxrss - before.ru_maxrss) / 1024.0
              << " text_bytes=" << bytes;
    if (repeat > 1) {
        std::cout << " passes=" << repeat << " mean_cpu_s=" << total / repeat;
    }
    std::cout << "\n";
    return 0;
}
