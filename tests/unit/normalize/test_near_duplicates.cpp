// SPDX-License-Identifier: MIT
// Near-duplicate detection measured on tests/data/normalize (see make_corpus.py there):
// syndicated copies of real articles must be found, different articles — also on the same
// topic, also sharing a site's boilerplate — must not be merged.
#include <archiver/normalize/normalize.hpp>

#include "normalize/sha256.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

using namespace archiver;

namespace {

struct Pair {
    std::string a, b, label; // label: "1" duplicate, "0" different, "contain"
};

std::vector<Pair> load_pairs() {
    std::istringstream in(testing::read_file(testing::data_path("normalize/pairs.tsv")));
    std::vector<Pair> pairs;
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        Pair p;
        std::istringstream fields(line);
        std::getline(fields, p.a, '\t');
        std::getline(fields, p.b, '\t');
        std::getline(fields, p.label, '\t');
        pairs.push_back(p);
    }
    return pairs;
}

std::map<std::string, std::string> load_fingerprints(const std::vector<Pair>& pairs) {
    std::map<std::string, std::string> out;
    for (const auto& p : pairs) {
        for (const auto& name : {p.a, p.b}) {
            if (!out.contains(name)) {
                out[name] = normalize::fingerprint_text(
                    testing::read_file(testing::data_path("normalize/docs/" + name)));
            }
        }
    }
    return out;
}

struct Counts {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    double precision() const { return tp + fp == 0 ? 1.0 : double(tp) / (tp + fp); }
    double recall() const { return tp + fn == 0 ? 1.0 : double(tp) / (tp + fn); }
};

// Distances of every labelled pair with shingles of `width` code points.
std::vector<int> distances(const std::vector<Pair>& pairs,
                           const std::map<std::string, std::string>& prints,
                           std::size_t width) {
    std::map<std::string, std::uint64_t> hashes;
    for (const auto& [name, text] : prints) {
        hashes[name] = normalize::detail::simhash_fingerprint(text, width);
    }
    std::vector<int> out;
    for (const auto& p : pairs) {
        out.push_back(normalize::hamming(hashes.at(p.a), hashes.at(p.b)));
    }
    return out;
}

Counts count(const std::vector<Pair>& pairs, const std::vector<int>& dist, int k) {
    Counts c;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (pairs[i].label == "contain") {
            continue;
        }
        const bool dup = pairs[i].label == "1";
        const bool judged = dist[i] <= k;
        (dup ? (judged ? c.tp : c.fn) : (judged ? c.fp : c.tn))++;
    }
    return c;
}

// The text and SimHash of every document the pairs name.
void load_texts(const std::vector<Pair>& pairs, std::map<std::string, std::string>& texts,
                std::map<std::string, std::uint64_t>& hashes) {
    for (const auto& p : pairs) {
        for (const auto& name : {p.a, p.b}) {
            if (!texts.contains(name)) {
                texts[name] = testing::read_file(testing::data_path("normalize/docs/" + name));
                hashes[name] = normalize::simhash(texts[name]);
            }
        }
    }
}

} // namespace

TEST_CASE("Near-duplicate rule finds syndicated copies and keeps different articles apart",
          "[normalize]") {
    const auto pairs = load_pairs();
    REQUIRE(pairs.size() > 10000);
    std::map<std::string, std::string> texts;
    std::map<std::string, std::uint64_t> hashes;
    load_texts(pairs, texts, hashes);
    Counts c;
    for (const auto& p : pairs) {
        if (p.label == "contain") {
            continue;
        }
        const bool judged = normalize::is_near_duplicate(hashes[p.a], texts[p.a], hashes[p.b],
                                                         texts[p.b]);
        (p.label == "1" ? (judged ? c.tp : c.fn) : (judged ? c.fp : c.tn))++;
        if (p.label == "1" && p.a.ends_with("-orig.txt") && p.b.ends_with("-format.txt")) {
            // Re-wrapped, re-punctuated text has the same fingerprint.
            CHECK(normalize::content_hash(texts[p.a]) == normalize::content_hash(texts[p.b]));
        }
    }
    INFO("tp " << c.tp << " fp " << c.fp << " fn " << c.fn << " tn " << c.tn);
    CHECK(c.fp == 0);      // no false merges, hard same-topic negatives included
    CHECK(c.fn == 0);      // measured recall 1.0 (docs/archive-format.md)
    CHECK(c.tn > 9900);
}

// Prints the table behind the chosen threshold: run
// `build/dev/tests/archiver_unit_tests "[.measure]"`.
TEST_CASE("Near-duplicate measurement table", "[.measure]") {
    const auto pairs = load_pairs();
    const auto prints = load_fingerprints(pairs);
    for (std::size_t width : {2U, 3U, 4U, 5U}) {
        const auto dist = distances(pairs, prints, width);
        int max_dup = 0, min_diff = 64, contain = -1;
        std::map<std::string, int> worst_by_kind;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            if (pairs[i].label == "1") {
                max_dup = std::max(max_dup, dist[i]);
                const std::string kind = pairs[i].b.substr(pairs[i].b.find('-') + 1);
                worst_by_kind[kind] = std::max(worst_by_kind[kind], dist[i]);
            } else if (pairs[i].label == "0") {
                min_diff = std::min(min_diff, dist[i]);
            } else {
                contain = dist[i];
            }
        }
        double sum = 0, sum2 = 0;
        int n = 0;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            if (pairs[i].label == "0") {
                sum += dist[i];
                sum2 += double(dist[i]) * dist[i];
                ++n;
            }
        }
        const double mean = sum / n;
        std::printf("shingle %zu: different articles at distance %.1f +- %.1f\n", width, mean,
                    std::sqrt(sum2 / n - mean * mean));
        std::printf("shingle %zu: max distance of duplicates %d, min distance of different "
                    "articles %d, containment pair %d\n",
                    width, max_dup, min_diff, contain);
        for (const auto& [kind, worst] : worst_by_kind) {
            std::printf("  worst duplicate pair ending in %s: %d\n", kind.c_str(), worst);
        }
        std::printf("  k   tp    fp    fn   precision recall\n");
        for (int k = 0; k <= 24; k += 1) {
            const Counts c = count(pairs, dist, k);
            std::printf("  %2d %4d %5d %5d   %.4f    %.4f\n", k, c.tp, c.fp, c.fn, c.precision(),
                        c.recall());
        }
    }
    // Verification by shingle-set overlap, for the candidates SimHash lets through.
    for (std::size_t width : {3U, 4U, 5U}) {
        std::map<std::string, std::vector<std::uint64_t>> sets;
        for (const auto& [name, text] : prints) {
            sets[name] = normalize::detail::shingle_set(text, width);
        }
        double min_dup_j = 1, max_diff_j = 0, min_dup_c = 1, max_diff_c = 0, contain_c = 0;
        std::string worst_diff, worst_dup;
        for (const auto& p : pairs) {
            const auto& a = sets.at(p.a);
            const auto& b = sets.at(p.b);
            const double inter = double(normalize::detail::intersection_size(a, b));
            const double jaccard = inter / double(a.size() + b.size() - inter);
            const double containment = inter / double(std::min(a.size(), b.size()));
            if (p.label == "1") {
                min_dup_j = std::min(min_dup_j, jaccard);
                if (containment < min_dup_c) {
                    worst_dup = p.a + " / " + p.b;
                }
                min_dup_c = std::min(min_dup_c, containment);
            } else if (p.label == "0") {
                max_diff_j = std::max(max_diff_j, jaccard);
                if (containment > max_diff_c) {
                    worst_diff = p.a + " / " + p.b;
                }
                max_diff_c = std::max(max_diff_c, containment);
            } else {
                contain_c = containment;
            }
        }
        std::printf("shingle %zu: jaccard duplicates >= %.3f, different <= %.3f; containment "
                    "duplicates >= %.3f, different <= %.3f, containment pair %.3f\n",
                    width, min_dup_j, max_diff_j, min_dup_c, max_diff_c, contain_c);
        std::printf("  least contained duplicate: %s; most contained different pair: %s\n",
                    worst_dup.c_str(), worst_diff.c_str());
    }
    SUCCEED();
}

TEST_CASE("A precomputed shingle set gives the same near-duplicate answers",
          "[normalize][near]") {
    const std::string a = "以大模型为代表的生成式人工智能将会颠覆式地改变人类的工作、沟通、学习和娱乐。";
    const std::string copy = "来源：人民日报。" + a + "责任编辑：王五";
    const std::string other = "完全不同的一篇文章，讲的是天气、交通和城市里的新公园。";
    const auto set = archiver::normalize::shingle_set(a);
    CHECK_FALSE(set.hashes.empty());
    for (const auto* b : {&a, &copy, &other}) {
        CHECK(archiver::normalize::shingle_containment(set, archiver::normalize::shingle_set(*b)) ==
              archiver::normalize::shingle_containment(a, *b));
        const auto sa = archiver::normalize::simhash(a);
        const auto sb = archiver::normalize::simhash(*b);
        CHECK(archiver::normalize::is_near_duplicate(sa, set, sb, *b) ==
              archiver::normalize::is_near_duplicate(sa, a, sb, *b));
    }
    CHECK(archiver::normalize::is_near_duplicate(archiver::normalize::simhash(a), set,
                                                 archiver::normalize::simhash(copy), copy));
}

TEST_CASE("A shingle probe gives exactly the near-duplicate answers of the two texts",
          "[normalize][near]") {
    // Every labelled pair of the corpus (copies, cut and padded copies, same-topic articles),
    // both ways round, and the probe reused across checks as the archive reuses it.
    const auto pairs = load_pairs();
    std::map<std::string, std::string> texts;
    std::map<std::string, std::uint64_t> hashes;
    load_texts(pairs, texts, hashes);
    std::map<std::string, normalize::ShingleProbe> probes;
    for (const auto& [name, text] : texts) {
        probes.emplace(name, normalize::ShingleProbe(text));
        CHECK(probes.at(name).size() == normalize::shingle_set(text).hashes.size());
    }
    int checked = 0, near = 0, differ = 0;
    for (const auto& p : pairs) {
        for (const auto& [a, b] : {std::pair{p.a, p.b}, std::pair{p.b, p.a}}) {
            const bool expected =
                normalize::is_near_duplicate(hashes[a], texts[a], hashes[b], texts[b]);
            const bool probed = probes.at(a).is_near_duplicate(hashes[a], hashes[b], texts[b]);
            differ += expected != probed ? 1 : 0;
            near += expected ? 1 : 0;
            ++checked;
        }
    }
    INFO("checked " << checked << ", near " << near);
    CHECK(differ == 0);
    CHECK(near > 500);
    // Texts too short for four-letter shingles, and texts with no letters.
    normalize::ShingleProbe short_probe("天气");
    CHECK(short_probe.size() == 1);
    CHECK(short_probe.is_near_duplicate(0, 0, "天气。"));
    CHECK_FALSE(short_probe.is_near_duplicate(0, 0, "……"));
    normalize::ShingleProbe empty_probe("——");
    CHECK(empty_probe.size() == 0);
    CHECK_FALSE(empty_probe.is_near_duplicate(0, 0, "——"));
}
