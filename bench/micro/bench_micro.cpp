// SPDX-License-Identifier: MIT
// Micro-benchmarks of the hot stages (Google Benchmark): feed parsing, page extraction,
// Markdown rendering and dedupe lookups against a large index. Inputs come from the
// environment (bench/micro/run.sh sets them):
//   ARCHIVER_BENCH_FEEDS  a folder of feed files (*.xml), parsed one after another
//   ARCHIVER_BENCH_PAGES  a folder of HTML pages (*.html, any charset), searched recursively
//   ARCHIVER_BENCH_STORE  an index (archiver.db) to look articles up in; opened for writing
//                         (nothing is written) so the lookups run inside one transaction,
//                         as in `run` (outside one, every statement takes and drops the
//                         file locks: half the cost of a lookup)
// A benchmark whose input is missing is skipped with a message.
#include <algorithm>
#include <malloc.h>
#include <archiver/extract/extract.hpp>
#include <archiver/feed/parse.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>
#include <archiver/store/store.hpp>
#include <archiver/text/charset.hpp>
#include <benchmark/benchmark.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct File {
    std::string name;
    std::string bytes;
};

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every file under the folder named by `env` whose extension is `ext`, sorted by name.
std::vector<File> load(const char* env, const std::string& ext) {
    std::vector<File> files;
    const char* dir = std::getenv(env);
    std::error_code ec;
    if (dir == nullptr || !fs::is_directory(dir, ec)) {
        return files;
    }
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ext) {
            files.push_back({it->path().string(), read_all(it->path())});
        }
    }
    std::sort(
        files.begin(), files.end(), [](const File& a, const File& b) { return a.name < b.name; });
    return files;
}

const std::vector<File>& feeds() {
    static const std::vector<File> files = load("ARCHIVER_BENCH_FEEDS", ".xml");
    return files;
}

const std::vector<File>& pages() {
    static const std::vector<File> files = load("ARCHIVER_BENCH_PAGES", ".html");
    return files;
}

// The pages decoded to UTF-8 once (extraction is measured from UTF-8, as `run` calls it).
const std::vector<std::string>& decoded_pages() {
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> out;
        for (const auto& p : pages()) {
            out.push_back(archiver::text::to_utf8(p.bytes, "", archiver::text::DocKind::html).text);
        }
        return out;
    }();
    return texts;
}

// The extracted articles of the pages, for the rendering benchmarks.
const std::vector<archiver::Article>& articles() {
    static const std::vector<archiver::Article> all = [] {
        std::vector<archiver::Article> out;
        for (const auto& text : decoded_pages()) {
            if (auto a = archiver::extract::extract_article(text, {})) {
                out.push_back(std::move(*a));
            }
        }
        return out;
    }();
    return all;
}

void BM_FeedParse(benchmark::State& state) {
    const auto& files = feeds();
    if (files.empty()) {
        state.SkipWithError("set ARCHIVER_BENCH_FEEDS to a folder of feeds");
        return;
    }
    std::int64_t bytes = 0, items = 0;
    for (auto _ : state) {
        for (const auto& f : files) {
            archiver::feed::ParseOptions options;
            options.base_url = "http://127.0.0.1/feeds/" + fs::path(f.name).filename().string();
            auto doc = archiver::feed::parse_feed(f.bytes, options);
            benchmark::DoNotOptimize(doc);
            bytes += static_cast<std::int64_t>(f.bytes.size());
            items += doc ? static_cast<std::int64_t>(doc->entries.size()) : 0;
        }
    }
    state.SetBytesProcessed(bytes);
    state.counters["entries/s"] =
        benchmark::Counter(static_cast<double>(items), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FeedParse)->Unit(benchmark::kMillisecond);

// Decoding (charset detection and transcoding) of the raw pages, as `run` does first.
void BM_PageDecode(benchmark::State& state) {
    const auto& files = pages();
    if (files.empty()) {
        state.SkipWithError("set ARCHIVER_BENCH_PAGES to a folder of pages");
        return;
    }
    std::int64_t bytes = 0;
    for (auto _ : state) {
        for (const auto& f : files) {
            auto decoded = archiver::text::to_utf8(f.bytes, "", archiver::text::DocKind::html);
            benchmark::DoNotOptimize(decoded);
            bytes += static_cast<std::int64_t>(f.bytes.size());
        }
    }
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_PageDecode)->Unit(benchmark::kMillisecond);

void BM_Extract(benchmark::State& state) {
    const auto& texts = decoded_pages();
    if (texts.empty()) {
        state.SkipWithError("set ARCHIVER_BENCH_PAGES to a folder of pages");
        return;
    }
    std::int64_t bytes = 0, count = 0;
    for (auto _ : state) {
        for (const auto& text : texts) {
            archiver::extract::Options options;
            options.url = "https://news.example.com/a/1.html";
            auto article = archiver::extract::extract_article(text, options);
            benchmark::DoNotOptimize(article);
            bytes += static_cast<std::int64_t>(text.size());
            ++count;
        }
    }
    state.SetBytesProcessed(bytes);
    state.counters["pages/s"] =
        benchmark::Counter(static_cast<double>(count), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

void BM_RenderMarkdown(benchmark::State& state) {
    const auto& all = articles();
    if (all.empty()) {
        state.SkipWithError("set ARCHIVER_BENCH_PAGES to a folder of pages");
        return;
    }
    std::int64_t bytes = 0, count = 0;
    for (auto _ : state) {
        for (const auto& a : all) {
            std::string md = archiver::markdown::render_markdown(a.body);
            bytes += static_cast<std::int64_t>(md.size());
            ++count;
            benchmark::DoNotOptimize(md);
        }
    }
    state.SetBytesProcessed(bytes); // Markdown bytes written
    state.counters["articles/s"] =
        benchmark::Counter(static_cast<double>(count), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RenderMarkdown)->Unit(benchmark::kMillisecond);

// The per-item fingerprints `run` computes before a lookup: plain text, hash, SimHash.
void BM_Fingerprint(benchmark::State& state) {
    const auto& all = articles();
    if (all.empty()) {
        state.SkipWithError("set ARCHIVER_BENCH_PAGES to a folder of pages");
        return;
    }
    std::int64_t count = 0;
    for (auto _ : state) {
        for (const auto& a : all) {
            const std::string text = archiver::markdown::render_text(a.body);
            benchmark::DoNotOptimize(archiver::normalize::content_hash(text));
            benchmark::DoNotOptimize(archiver::normalize::simhash(text));
            ++count;
        }
    }
    state.counters["articles/s"] =
        benchmark::Counter(static_cast<double>(count), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Fingerprint)->Unit(benchmark::kMillisecond);

archiver::store::Store* bench_store() {
    static std::optional<archiver::store::Store> store =
        []() -> std::optional<archiver::store::Store> {
        const char* path = std::getenv("ARCHIVER_BENCH_STORE");
        std::error_code ec;
        if (path == nullptr || !fs::exists(path, ec)) {
            return std::nullopt;
        }
        return archiver::store::Store::open(path, archiver::store::OpenMode::read_write);
    }();
    // Never committed: rolled back (nothing was written) when the process ends.
    static std::optional<archiver::store::Store::Transaction> transaction =
        [&]() -> std::optional<archiver::store::Store::Transaction> {
        if (!store) {
            return std::nullopt;
        }
        return std::optional<archiver::store::Store::Transaction>(std::in_place, *store);
    }();
    return store ? &*store : nullptr;
}

// New articles (bodies of 150 random words, so no rule matches and every rule is tried:
// GUID, URL, content hash and sketch candidates) looked up as `run` does,
// followed by the earlier-decision lookup of the URL.
void BM_DedupeLookupMiss(benchmark::State& state) {
    archiver::store::Store* store = bench_store();
    if (store == nullptr) {
        state.SkipWithError("set ARCHIVER_BENCH_STORE to an index");
        return;
    }
    std::mt19937_64 rng(11);
    std::vector<archiver::store::ArticleRecord> probes;
    for (int i = 0; i < 200; ++i) {
        archiver::store::ArticleRecord r;
        r.source = "probe";
        r.guid = "probe:" + std::to_string(i);
        r.source_url = "https://probe.example.com/" + std::to_string(i);
        r.canonical_url = r.source_url;
        for (int w = 0; w < 150; ++w) {
            r.text += "w" + std::to_string(rng() % 5000) + (w % 20 == 19 ? ". " : " ");
        }
        r.content_hash = archiver::normalize::content_hash(r.text);
        r.simhash = archiver::normalize::simhash(r.text);
        probes.push_back(std::move(r));
    }
    const archiver::store::Store::NearCheck confirm = [](const auto& a, const auto& b) {
        return archiver::normalize::is_near_duplicate(a.simhash, a.text, b.simhash, b.text);
    };
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& p = probes[i++ % probes.size()];
        auto m = store->find_match(p, confirm);
        benchmark::DoNotOptimize(m);
        benchmark::DoNotOptimize(store->duplicate_decisions_for_url(p.source_url));
    }
    state.counters["lookups/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DedupeLookupMiss)->Unit(benchmark::kMicrosecond);

// Articles already in the index looked up again by source and GUID (the first rule, how a
// rerun recognises what it has): ids spread over the whole index.
void BM_DedupeLookupKnown(benchmark::State& state) {
    archiver::store::Store* store = bench_store();
    if (store == nullptr) {
        state.SkipWithError("set ARCHIVER_BENCH_STORE to an index");
        return;
    }
    // The highest id in use: doubling, then bisection (ids are dense from 1).
    std::int64_t hi = 1;
    while (store->get_article(hi * 2)) {
        hi *= 2;
    }
    std::int64_t lo = hi;
    hi *= 2;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        (store->get_article(mid) ? lo : hi) = mid;
    }
    const auto max_id = static_cast<std::uint64_t>(lo);
    std::mt19937_64 rng(5);
    std::vector<archiver::store::ArticleRecord> known;
    for (int i = 0; i < 200; ++i) {
        if (auto a = store->get_article(1 + static_cast<std::int64_t>(rng() % max_id))) {
            known.push_back(std::move(*a));
        }
    }
    if (known.empty()) {
        state.SkipWithError("the index is empty");
        return;
    }
    std::size_t i = 0;
    for (auto _ : state) {
        auto m = store->find_match(known[i++ % known.size()]);
        benchmark::DoNotOptimize(m);
    }
    state.counters["lookups/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DedupeLookupKnown)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char** argv) {
    // As archiver's main does: freed heap memory is kept instead of the heap being trimmed
    // after every lookup (SQLite's temporary allocations made each trim a TLB flush).
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
