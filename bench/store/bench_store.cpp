// SPDX-License-Identifier: MIT
// Insert + dedupe throughput of the index at archive scale: N synthetic articles (Chinese
// and English words drawn from a Zipf vocabulary, so stock phrases are common), each looked
// up with find_match (with the archive's near-duplicate check) and inserted, in batches of
// one transaction, as `run` does. Every 20th article is a syndicated copy of an earlier one
// from another source (boilerplate added, a sentence dropped); every 50th the same article
// again under a new GUID and URL. At each checkpoint the lookup time of a fixed probe batch
// (1000 new articles, looked up, not inserted) shows how `run` cost grows with archive size.
//
// The probe also asks for earlier dedupe decisions about each probe's URL, as `run` does for
// every item it has not seen. With --snapshots DIR, a copy of the index is kept at every
// checkpoint (DIR/store-N.db) for the run-time-vs-archive-size benchmark
// (bench/run/archive_size.sh).
//
// usage: bench_store N DB_PATH [--no-near-check] [--snapshots DIR]
#include <archiver/normalize/normalize.hpp>
#include <archiver/store/store.hpp>

#include <malloc.h>

#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using archiver::store::ArticleRecord;
using archiver::store::MatchKind;
using archiver::store::Store;
using Clock = std::chrono::steady_clock;

constexpr int k_batch = 1000;
constexpr int k_probe = 1000;

// A deterministic vocabulary: 4000 Chinese words of 2-3 characters and 2000 English words.
std::vector<std::string> make_vocabulary(std::mt19937_64& rng) {
    std::vector<std::string> words;
    std::uniform_int_distribution<int> han(0x4E00, 0x4E00 + 2500);
    std::uniform_int_distribution<int> len(2, 3);
    auto utf8 = [](char32_t cp) {
        std::string s;
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
        return s;
    };
    for (int i = 0; i < 4000; ++i) {
        std::string w;
        for (int k = len(rng); k > 0; --k) {
            w += utf8(static_cast<char32_t>(han(rng)));
        }
        words.push_back(w);
    }
    std::uniform_int_distribution<int> letter('a', 'z');
    std::uniform_int_distribution<int> wlen(3, 9);
    for (int i = 0; i < 2000; ++i) {
        std::string w = " ";
        for (int k = wlen(rng); k > 0; --k) {
            w += static_cast<char>(letter(rng));
        }
        words.push_back(w + " ");
    }
    return words;
}

struct Generator {
    std::mt19937_64 rng{42};
    std::vector<std::string> vocabulary = make_vocabulary(rng);
    std::discrete_distribution<std::size_t> zipf = [this] {
        std::vector<double> w;
        for (std::size_t i = 1; i <= vocabulary.size(); ++i) {
            w.push_back(1.0 / static_cast<double>(i));
        }
        return std::discrete_distribution<std::size_t>(w.begin(), w.end());
    }();

    // About 150 words in 6 sentences.
    std::string body() {
        std::string text;
        for (int s = 0; s < 6; ++s) {
            for (int w = 0; w < 25; ++w) {
                text += vocabulary[zipf(rng)];
            }
            text += "。\n";
        }
        return text;
    }
};

ArticleRecord make_record(int n, const std::string& source, const std::string& text) {
    ArticleRecord r;
    r.source = source;
    r.guid = source + ":" + std::to_string(n);
    r.source_url = "https://" + source + ".example.com/news/" + std::to_string(n) + ".html";
    r.title = "Article " + std::to_string(n);
    r.date = archiver::DateTime{1'700'000'000 + n * 60, 8 * 3600};
    r.fetched = 1'700'000'000 + n * 60;
    r.path = source + "/" + std::to_string(n) + ".md";
    r.text = text;
    r.summary = text.substr(0, 60);
    r.content_hash = archiver::normalize::content_hash(text);
    r.simhash = archiver::normalize::simhash(text);
    return r;
}

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU seconds of this (single-threaded) process: steadier than wall on a shared machine.
double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Copies the index between transactions: the database and its write-ahead log (SQLite
// replays the log when the copy is opened).
void snapshot(const std::filesystem::path& db, const std::filesystem::path& dir, int n) {
    std::filesystem::create_directories(dir);
    const auto target = dir / ("store-" + std::to_string(n) + ".db");
    for (const char* suffix : {"", "-wal"}) {
        std::error_code ec;
        std::filesystem::remove(target.string() + suffix, ec);
        if (std::filesystem::exists(db.string() + suffix)) {
            std::filesystem::copy_file(db.string() + suffix, target.string() + suffix);
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_store N DB_PATH [--no-near-check]\n");
        return 2;
    }
    const int n = std::atoi(argv[1]);
    const std::filesystem::path db = argv[2];
    bool near_check = true;
    std::filesystem::path snapshots;
    for (int a = 3; a < argc; ++a) {
        const std::string arg = argv[a];
        if (arg == "--no-near-check") {
            near_check = false;
        } else if (arg == "--snapshots" && a + 1 < argc) {
            snapshots = argv[++a];
        }
    }
    // As archiver's main does: keep freed heap memory instead of trimming the heap after
    // every batch (glibc's brk/trim cycle under SQLite's allocations was a fifth of the CPU).
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    std::filesystem::remove(db);
    std::filesystem::remove(db.string() + "-wal");
    std::filesystem::remove(db.string() + "-shm");
    std::optional<Store> opened;
    opened.emplace(Store::open(db));
    Store& store = *opened;
    // The archive's near-duplicate check, with the new article's shingle set computed once
    // per lookup rather than once per candidate.
    std::string shingled_guid, shingled_text;
    archiver::normalize::ShingleSet shingles;
    const Store::NearCheck confirm = [&](const ArticleRecord& a, const ArticleRecord& b) {
        if (archiver::normalize::hamming(a.simhash, b.simhash) >
            archiver::normalize::k_near_duplicate_distance) {
            return false;
        }
        if (a.guid != shingled_guid || a.text != shingled_text) {
            shingled_guid = a.guid;
            shingled_text = a.text;
            shingles = archiver::normalize::shingle_set(a.text);
        }
        return archiver::normalize::is_near_duplicate(a.simhash, shingles, b.simhash, b.text);
    };

    Generator gen;
    std::vector<std::string> recent; // bodies of recent originals, for copies
    int copies = 0, copies_found = 0, churns = 0, churns_found = 0, false_merges = 0;
    double lookup_s = 0, insert_s = 0;
    std::vector<int> checkpoints{10'000, 25'000, 50'000, 100'000, 250'000, 500'000, 1'000'000};
    const auto start = Clock::now();
    std::printf("articles\tinsert_items_per_s\tinsert_items_per_cpu_s\tprobe_lookup_ms_per_item"
                "\tprobe_cpu_ms_per_item\n");
    auto window_start = Clock::now();
    double window_cpu = cpu_seconds();
    int window_items = 0;
    std::unique_ptr<Store::Transaction> txn = std::make_unique<Store::Transaction>(store);
    for (int i = 1; i <= n; ++i) {
        ArticleRecord r;
        enum class Kind { original, copy, churn } kind = Kind::original;
        if (i % 20 == 0 && !recent.empty()) {
            kind = Kind::copy;
            std::string text = recent[gen.rng() % recent.size()];
            text = "来源：人民日报客户端 编辑：王晓\n" + text.substr(text.find('\n') + 1) +
                   "（责任编辑：张静）本文转载自其他媒体。\n";
            r = make_record(i, "mirror" + std::to_string(i % 7), text);
        } else if (i % 50 == 1 && i > 1 && !recent.empty()) {
            kind = Kind::churn;
            r = make_record(i, "src" + std::to_string((i / 50) % 7), recent.back());
            r.source = "src" + std::to_string((i - 1) % 7); // the source of the last original
        } else {
            r = make_record(i, "src" + std::to_string(i % 7), gen.body());
        }
        auto t = Clock::now();
        const auto m = store.find_match(r, near_check ? confirm : Store::NearCheck{});
        lookup_s += seconds_since(t);
        if (kind == Kind::copy) {
            ++copies;
            copies_found += m.kind != MatchKind::none;
        } else if (kind == Kind::churn) {
            ++churns;
            churns_found += m.kind != MatchKind::none;
        } else if (m.kind != MatchKind::none) {
            ++false_merges;
        }
        if (m.kind != MatchKind::none) {
            r.duplicate_of = m.existing.duplicate_of.value_or(m.existing.id);
            r.duplicate_reason = archiver::store::match_reason(m);
        }
        t = Clock::now();
        if (!store.insert_article(r)) {
            std::fprintf(stderr, "insert failed at %d\n", i);
            return 1;
        }
        insert_s += seconds_since(t);
        if (kind == Kind::original) {
            if (recent.size() < 2000) {
                recent.push_back(r.text);
            } else {
                recent[gen.rng() % recent.size()] = r.text;
            }
        }
        ++window_items;
        if (i % k_batch == 0 || i == n) {
            txn->commit();
            txn = std::make_unique<Store::Transaction>(store);
        }
        if (!checkpoints.empty() && (i == checkpoints.front() || i == n)) {
            while (!checkpoints.empty() && checkpoints.front() <= i) {
                checkpoints.erase(checkpoints.begin());
            }
            const double rate = window_items / seconds_since(window_start);
            const double cpu_rate = window_items / (cpu_seconds() - window_cpu);
            if (!snapshots.empty()) {
                snapshot(db, snapshots, i);
            }
            // A fixed probe batch: new articles looked up, not inserted.
            Generator probe_gen;
            probe_gen.rng.seed(7);
            std::vector<ArticleRecord> probes;
            for (int p = 0; p < k_probe; ++p) {
                probes.push_back(make_record(10'000'000 + p, "probe", probe_gen.body()));
            }
            const auto pt = Clock::now();
            const double pcpu = cpu_seconds();
            for (const auto& p : probes) {
                if (store.find_match(p, near_check ? confirm : Store::NearCheck{}).kind ==
                    MatchKind::none) {
                    (void)store.duplicate_decisions_for_url(p.source_url);
                }
            }
            const double probe_ms = seconds_since(pt) * 1000.0 / k_probe;
            const double probe_cpu_ms = (cpu_seconds() - pcpu) * 1000.0 / k_probe;
            std::printf("%d\t%.0f\t%.0f\t%.3f\t%.3f\n", i, rate, cpu_rate, probe_ms, probe_cpu_ms);
            std::fflush(stdout);
            window_start = Clock::now();
            window_cpu = cpu_seconds();
            window_items = 0;
        }
    }
    txn->commit();
    txn.reset();
    const double total = seconds_since(start);
    opened.reset(); // the last connection closing checkpoints and removes the WAL
    std::uintmax_t bytes = std::filesystem::file_size(db);
    std::error_code ec;
    const auto wal = std::filesystem::file_size(db.string() + "-wal", ec);
    if (!ec) {
        bytes += wal;
    }
    std::printf("\n%d articles in %.1f s: %.0f items/s (lookup %.3f ms, insert %.3f ms per "
                "item)\n",
                n, total, n / total, lookup_s * 1000 / n, insert_s * 1000 / n);
    std::printf("database %.1f MB (%.0f bytes per article)\n", bytes / 1e6,
                static_cast<double>(bytes) / n);
    std::printf("syndicated copies found %d/%d, GUID/URL churn found %d/%d, false merges of "
                "originals %d\n",
                copies_found, copies, churns_found, churns, false_merges);
    return 0;
}
