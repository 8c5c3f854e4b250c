// SPDX-License-Identifier: MIT
// Extracts every page given on the command line in one process (decode, parse, extract,
// render text) and prints pages, CPU seconds, pages/s/core, peak RSS, and the peak RSS growth
// over the loaded pages (the working memory of the costliest page: each page's tree and
// article are freed before the next). `--repeat N` extracts all pages N times and reports the
// fastest pass (on a shared machine the others carry other processes' interference).
// `--worker` does what a worker thread of `archiver run` does with each article page
// (src/archive/run.cpp and fingerprints.cpp): decode, parse and extract, then the body's
// plain text, content hash, SimHash, summary, store keys and Markdown, and prints the CPU
// of each stage. `--check-folding` extracts each page with gumbo's input folded and not
// (src/html/text_runs.cpp) and prints the pages whose text or Markdown differ; `--dump DIR`
// writes each page's extraction (metadata and Markdown) to DIR/N.txt, to compare builds.
#include <archiver/extract/extract.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>
#include <archiver/store/store.hpp>
#include <archiver/text/charset.hpp>

#include "html/parse.hpp"

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

double thread_cpu() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

constexpr std::array<const char*, 7> k_stages = {
    "decode", "extract", "render_text", "body_prints", "summary", "text_keys", "markdown"};

// One pass of the worker's page path over `pages`; adds each stage's CPU seconds to `cpu`.
std::size_t worker_pass(const std::vector<std::string>& pages, std::array<double, 7>& cpu) {
    std::size_t ok = 0;
    for (const auto& page : pages) {
        double t0 = thread_cpu();
        auto decoded = archiver::text::to_utf8(page, "", archiver::text::DocKind::html);
        double t1 = thread_cpu();
        archiver::extract::Options options;
        options.url = "http://127.0.0.1/a/page.html";
        auto article = archiver::extract::extract_article(decoded.text, options);
        double t2 = thread_cpu();
        cpu[0] += t1 - t0;
        cpu[1] += t2 - t1;
        if (!article) {
            continue;
        }
        ++ok;
        std::array<double, 6> t{};
        t[0] = thread_cpu();
        const std::string text = archiver::markdown::render_text(article->body);
        t[1] = thread_cpu();
        const auto prints = archiver::normalize::body_prints(text);
        t[2] = thread_cpu();
        const std::string summary = archiver::markdown::make_summary(text);
        t[3] = thread_cpu();
        const auto keys = archiver::store::text_keys(text);
        t[4] = thread_cpu();
        const std::string md = archiver::markdown::render_markdown(article->body);
        t[5] = thread_cpu();
        for (std::size_t s = 0; s < 5; ++s) {
            cpu[s + 2] += t[s + 1] - t[s];
        }
        if (prints.content_hash.empty() ||
            (prints.simhash == 1 && summary.empty() && keys.letters < 0 && md.empty())) {
            std::puts("unexpected");
        }
    }
    return ok;
}

// Everything extract_article found in `page`, as text: metadata, provenance, Markdown.
std::string extraction(const std::string& page) {
    auto decoded = archiver::text::to_utf8(page, "", archiver::text::DocKind::html);
    archiver::extract::Options options;
    options.url = "http://127.0.0.1/a/page.html";
    auto article = archiver::extract::extract_article(decoded.text, options);
    if (!article) {
        return "error: " + article.error().message;
    }
    std::string out = article->title + "\n" + article->author + "\n" + article->lang + "\n" +
                      article->image + "\n" + article->site_name + "\n" + article->description +
                      "\n" + article->canonical_url + "\n" +
                      (article->date ? std::to_string(article->date->epoch) + "@" + std::to_string(article->date->offset) : "-") + "\n";
    for (const auto& [key, value] : article->provenance) {
        out += key + "=" + value + "\n";
    }
    return out + archiver::markdown::render_markdown(article->body);
}

// The extraction with gumbo's input folded or not.
std::string extraction(const std::string& page, bool fold) {
    archiver::html::detail::set_text_run_folding(fold);
    std::string out = extraction(page);
    archiver::html::detail::set_text_run_folding(true);
    return out;
}

} // namespace

int main(int argc, char** argv) {
    // The allocator settings of archiver's own main (src/cli/main.cpp): freed memory is kept
    // for the next page instead of being handed back to the kernel and faulted in again.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    int repeat = 1;
    bool worker = false;
    bool check_folding = false;
    std::string dump;
    std::vector<std::string> pages;
    std::vector<std::string> names;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--dump" && i + 1 < argc) {
            dump = argv[++i];
            continue;
        }
        if (std::string_view(argv[i]) == "--check-folding") {
            check_folding = true;
            continue;
        }
        if (std::string_view(argv[i]) == "--worker") {
            worker = true;
            continue;
        }
        if (std::string_view(argv[i]) == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::stoi(argv[++i]));
            continue;
        }
        names.emplace_back(argv[i]);
        std::ifstream in(argv[i], std::ios::binary);
        pages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (!dump.empty()) {
        for (std::size_t i = 0; i < pages.size(); ++i) {
            std::ofstream out(dump + "/" + std::to_string(i) + ".txt", std::ios::binary);
            out << names[i] << "\n" << extraction(pages[i]);
        }
        return 0;
    }
    if (check_folding) {
        std::size_t differ = 0;
        for (std::size_t i = 0; i < pages.size(); ++i) {
            if (extraction(pages[i], true) != extraction(pages[i], false)) {
                std::cout << "differs: " << names[i] << "\n";
                ++differ;
            }
        }
        std::cout << "pages=" << pages.size() << " differ=" << differ << "\n";
        return differ == 0 ? 0 : 1;
    }
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    if (worker) {
        std::array<double, 7> best_cpu{};
        double best_total = 0;
        std::size_t ok = 0;
        for (int pass = 0; pass < repeat; ++pass) {
            std::array<double, 7> cpu{};
            ok = worker_pass(pages, cpu);
            double total = 0;
            for (double c : cpu) {
                total += c;
            }
            if (pass == 0 || total < best_total) {
                best_total = total;
                best_cpu = cpu;
            }
        }
        const double n = static_cast<double>(pages.size());
        std::cout << "pages=" << pages.size() << " extracted=" << ok << " cpu_s=" << best_total
                  << " ms_per_page=" << 1000 * best_total / n
                  << " pages_per_s_core=" << (best_total > 0 ? n / best_total : 0) << "\n";
        for (std::size_t s = 0; s < k_stages.size(); ++s) {
            std::cout << "  " << k_stages[s] << "_ms_per_page=" << 1000 * best_cpu[s] / n << "\n";
        }
        return 0;
    }
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
