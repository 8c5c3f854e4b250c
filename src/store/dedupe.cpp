// SPDX-License-Identifier: MIT
// Dedupe lookups (SPEC §4) and the record of every dedupe decision.
#include <archiver/store/store.hpp>

#include "impl.hpp"
#include "key_levels.hpp"
#include "sketch.hpp"
#include "tokenizer.hpp"

#include <archiver/core/url.hpp>

#include <SQLiteCpp/Exception.h>

#include <algorithm>
#include <array>
#include <bit>
#include <unordered_map>
#include <tuple>
#include <set>

namespace archiver::store {

namespace {

// Among the articles a rule matched (ordered by id), the one that decides: an article of
// the candidate's own source (the same article seen again), else the earliest.
std::optional<ArticleRecord> pick(const Store& store,
                                  std::vector<ArticleRecord> matches,
                                  const std::string& source) {
    if (matches.empty()) {
        return std::nullopt;
    }
    for (auto& m : matches) {
        if (m.source == source) {
            return std::move(m);
        }
    }
    ArticleRecord first = std::move(matches.front());
    // Another source's kept copy stands for its original.
    for (int hops = 0; first.duplicate_of && hops < 8; ++hops) {
        auto original = store.get_article(*first.duplicate_of);
        if (!original) {
            break;
        }
        first = std::move(*original);
    }
    return first;
}

// The near-duplicate candidates of `hashes` sketch hashes (the parameters) in every level
// of the index: (bucket: the parameter's index, article id, simhash), each bucket of each
// level newest first up to its cap.
std::string make_near_candidates_sql(std::size_t hashes) {
    std::string sql;
    for (const char* level : detail::k_sketch_levels) {
        for (std::size_t bucket = 0; bucket < hashes; ++bucket) {
            if (!sql.empty()) {
                sql += " UNION ALL ";
            }
            sql += "SELECT " + std::to_string(bucket) +
                   ", article_id, simhash FROM (SELECT article_id, simhash FROM " + level +
                   " WHERE hash = ?" + std::to_string(bucket + 1) +
                   " ORDER BY article_id DESC LIMIT " +
                   std::to_string(detail::k_sketch_bucket_cap) + ")";
        }
    }
    return sql;
}

// The statement text of make_near_candidates_sql for up to k_sketch_size hashes, built once.
const std::string& near_candidates_sql(std::size_t hashes) {
    static const auto k_sql = [] {
        std::array<std::string, detail::k_sketch_size + 1> sql;
        for (std::size_t h = 1; h <= detail::k_sketch_size; ++h) {
            sql[h] = make_near_candidates_sql(h);
        }
        return sql;
    }();
    return k_sql[hashes];
}

} // namespace

Match Store::near_match(const ArticleRecord& candidate,
                        const TextKeys& keys,
                        const NearCheck& confirm) const {
    // Candidates: the articles sharing a hash of the bottom-k shingle sketch, each bucket
    // read newest first up to a cap so the lookup costs the same at any archive size. The
    // index rows carry the SimHash (schema 7), so candidates are filtered by distance
    // before any article row is read.
    struct Candidate {
        int evidence = 0;
        int distance = 0;
    };
    struct Row {
        std::size_t bucket;
        std::int64_t id, simhash;
    };
    std::vector<Row> rows;
    // Inside a transaction that began on an index without near-duplicate keys, every key
    // there is to find is in the buffer (written keys set the flag again).
    if (m_impl->in_transaction && m_impl->index_has_near_keys < 0) {
        static const std::string k_any = [] {
            std::string any;
            for (const char* level : detail::k_sketch_levels) {
                any += std::string(any.empty() ? "" : " OR ") + "EXISTS (SELECT 1 FROM " + level +
                       ")";
            }
            return "SELECT " + any;
        }();
        auto& any = m_impl->statement(k_any);
        any.executeStep();
        m_impl->index_has_near_keys = any.getColumn(0).getInt() != 0 ? 1 : 0;
        any.reset();
    }
    const bool search_index = !m_impl->in_transaction || m_impl->index_has_near_keys != 0;
    // Every bucket of the index in one statement (a compound of indexed searches, each
    // capped): one statement run instead of one per hash. An article archived before
    // 2026-11-30 may bring up to k_max_stored_sketch_size hashes.
    for (std::size_t first = 0; search_index && first < keys.sketch.size();
         first += detail::k_sketch_size) {
        const std::size_t hashes = std::min(keys.sketch.size() - first, detail::k_sketch_size);
        auto& q = m_impl->statement(near_candidates_sql(hashes));
        for (std::size_t i = 0; i < hashes; ++i) {
            q.bind(static_cast<int>(i + 1), keys.sketch[first + i]);
        }
        while (q.executeStep()) {
            rows.push_back({first + static_cast<std::size_t>(q.getColumn(0).getInt()),
                            q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
        }
    }
    // The rows written in this transaction and not yet in the index (buffered), then each
    // bucket cut again to its newest `cap` rows, as if all were in one table.
    for (std::size_t b = 0; b < keys.sketch.size(); ++b) {
        m_impl->near_keys.for_each(keys.sketch[b], [&](const detail::KeyRow& row) {
            rows.push_back({b, row.article_id, row.simhash});
        });
    }
    if (rows.size() > static_cast<std::size_t>(detail::k_sketch_bucket_cap)) {
        std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
            return a.bucket != b.bucket ? a.bucket < b.bucket : a.id > b.id;
        });
        std::vector<Row> kept;
        kept.reserve(rows.size());
        std::size_t in_bucket = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            in_bucket = i > 0 && rows[i].bucket == rows[i - 1].bucket ? in_bucket + 1 : 0;
            if (in_bucket < static_cast<std::size_t>(detail::k_sketch_bucket_cap)) {
                kept.push_back(rows[i]);
            }
        }
        rows = std::move(kept);
    }
    std::unordered_map<std::int64_t, Candidate> found;
    for (const Row& row : rows) {
        const int distance =
            std::popcount(static_cast<std::uint64_t>(row.simhash) ^ candidate.simhash);
        if (distance > k_near_candidate_distance) {
            continue;
        }
        auto& c = found[row.id];
        ++c.evidence;
        c.distance = distance;
    }
    // Only candidates close enough in SimHash are read in full and confirmed: unrelated
    // articles lie ~32 bits apart, copies within 18 (docs/archive-format.md).
    std::vector<std::tuple<int, int, std::int64_t>> order; // distance, -evidence, id
    order.reserve(found.size());
    for (const auto& [id, c] : found) {
        order.emplace_back(c.distance, -c.evidence, id);
    }
    if (order.empty()) {
        return Match{};
    }
    std::sort(order.begin(), order.end());
    if (order.size() > k_max_near_checks) {
        order.resize(k_max_near_checks);
    }
    std::vector<std::pair<int, ArticleRecord>> confirmed; // distance, article
    for (const auto& entry : order) {
        auto existing = get_article(std::get<2>(entry));
        if (!existing) {
            continue;
        }
        const int distance = std::popcount(existing->simhash ^ candidate.simhash);
        const bool same = confirm ? confirm(candidate, *existing) : distance <= k_near_distance;
        if (same) {
            existing->text.clear();
            confirmed.emplace_back(distance, std::move(*existing));
        }
    }
    if (confirmed.empty()) {
        return Match{};
    }
    // The closest wins; on a tie the same source, then the earliest.
    std::sort(confirmed.begin(), confirmed.end(),
              [](const auto& a, const auto& b) {
                  return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
              });
    std::vector<ArticleRecord> closest;
    for (auto& [distance, article] : confirmed) {
        if (distance == confirmed.front().first) {
            closest.push_back(std::move(article));
        }
    }
    if (auto m = pick(*this, std::move(closest), candidate.source)) {
        const int distance = std::popcount(m->simhash ^ candidate.simhash);
        return Match{MatchKind::near, std::move(*m), distance};
    }
    return Match{};
}

std::string match_reason(const Match& match) {
    switch (match.kind) {
    case MatchKind::guid:
        return "guid";
    case MatchKind::url:
        return "url";
    case MatchKind::hash:
        return "hash";
    case MatchKind::near:
        return "near:" + std::to_string(match.distance);
    case MatchKind::none:
        break;
    }
    return "";
}

std::string explain_reason(const std::string& reason) {
    if (reason == "guid") {
        return "same GUID in the same source";
    }
    if (reason == "url") {
        return "same canonical URL";
    }
    if (reason == "hash") {
        return "same body text (normalized content hash)";
    }
    if (reason.rfind("near:", 0) == 0) {
        return "nearly the same body text (SimHash distance " + reason.substr(5) +
               ", shared text confirmed)";
    }
    return reason.empty() ? "unknown" : reason;
}

Match Store::find_match(const ArticleRecord& candidate, const NearCheck& confirm) const {
    try {
        if (!candidate.guid.empty()) {
            if (auto same = find_by_guid(candidate.source, candidate.guid)) {
                return Match{MatchKind::guid, std::move(*same), 0};
            }
        }
        std::string urls[2];
        const std::size_t n_urls = detail::canonical_urls(*m_impl, candidate, urls);
        if (n_urls > 0) {
            // One indexed lookup per URL (an `IN (subquery)` built a temporary table for
            // every lookup); the matches in id order.
            std::set<std::int64_t> ids;
            auto& q = m_impl->statement("SELECT article_id FROM article_urls WHERE url = ?");
            for (std::size_t i = 0; i < n_urls; ++i) {
                q.reset();
                q.bind(1, urls[i]);
                while (q.executeStep()) {
                    ids.insert(q.getColumn(0).getInt64());
                }
            }
            std::vector<ArticleRecord> matches;
            for (const auto id : ids) {
                if (auto a = get_article(id)) {
                    a->text.clear();
                    matches.push_back(std::move(*a));
                }
            }
            if (auto m = pick(*this, std::move(matches), candidate.source)) {
                return Match{MatchKind::url, std::move(*m), 0};
            }
        }
        TextKeys scratch;
        const TextKeys& keys = detail::keys_of(candidate, scratch);
        if (keys.letters < k_min_dedupe_chars) {
            return Match{};
        }
        if (!candidate.content_hash.empty()) {
            auto matches = detail::content_matches(*m_impl, candidate.content_hash);
            if (auto m = pick(*this, std::move(matches), candidate.source)) {
                return Match{MatchKind::hash, std::move(*m), 0};
            }
        }
        return near_match(candidate, keys, confirm);
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("dedupe lookup failed: ") + e.what());
    }
}

void Store::record_duplicate(const DuplicateRecord& d) {
    try {
        auto& q = m_impl->statement(
            "INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, d.source);
        q.bind(2, d.guid);
        q.bind(3, d.url.empty() ? d.url : m_impl->canonical(d.url));
        q.bind(4, d.title);
        q.bind(5, d.original_id);
        q.bind(6, d.reason);
        if (d.article_id) {
            q.bind(7, *d.article_id);
        } else {
            q.bind(7);
        }
        q.bind(8, d.at);
        q.exec();
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("cannot record a dedupe decision: ") + e.what());
    }
}

Result<void> Store::record_skipped_duplicate(const ArticleRecord& record) {
    if (!record.duplicate_of) {
        return unexpected(Error{Stage::store, "a skipped duplicate needs duplicate_of"});
    }
    try {
        DuplicateRecord d;
        d.source = record.source;
        d.guid = record.guid;
        d.url = record.canonical_url.empty() ? record.source_url : record.canonical_url;
        d.title = record.title;
        d.original_id = *record.duplicate_of;
        d.reason = record.duplicate_reason;
        d.at = record.fetched;
        record_duplicate(d);
        return {};
    } catch (const Fatal& e) {
        return unexpected(Error{Stage::store, e.what()});
    }
}

namespace {

std::vector<DuplicateRecord> read_decisions(SQLite::Statement& q) {
    std::vector<DuplicateRecord> out;
    while (q.executeStep()) {
        DuplicateRecord d;
        d.source = q.getColumn(0).getString();
        d.guid = q.getColumn(1).getString();
        d.url = q.getColumn(2).getString();
        d.title = q.getColumn(3).getString();
        d.original_id = q.getColumn(4).getInt64();
        d.reason = q.getColumn(5).getString();
        if (!q.getColumn(6).isNull()) {
            d.article_id = q.getColumn(6).getInt64();
        }
        d.at = q.getColumn(7).getInt64();
        out.push_back(std::move(d));
    }
    return out;
}

constexpr const char* k_decision_columns =
    "SELECT source, guid, url, title, original_id, reason, article_id, at FROM duplicates ";

} // namespace

std::vector<DuplicateRecord> Store::duplicate_decisions_for_url(const std::string& u) const {
    try {
        // Two indexed lookups merged here: `url = ? OR guid = ? ORDER BY at` made SQLite
        // build a row set and a sort table for every new item of a run.
        static const std::string k_by_url = std::string(k_decision_columns) + "WHERE url = ?";
        static const std::string k_by_guid = std::string(k_decision_columns) + "WHERE guid = ?";
        auto& by_url = m_impl->statement(k_by_url);
        by_url.bind(1, url::canonicalize(u));
        auto out = read_decisions(by_url);
        auto& by_guid = m_impl->statement(k_by_guid);
        by_guid.bind(1, u);
        for (auto& d : read_decisions(by_guid)) {
            const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& o) {
                return o.source == d.source && o.guid == d.guid;
            });
            if (!seen) {
                out.push_back(std::move(d));
            }
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const auto& a, const auto& b) { return a.at > b.at; });
        return out;
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("index query failed: ") + e.what());
    }
}

bool Store::has_duplicate_decision(const std::string& u) const {
    return has_duplicate_decision(u, m_impl->canonical(u));
}

bool Store::has_duplicate_decision(const std::string& u, const std::string& key) const {
    try {
        auto& q = m_impl->statement(
            "SELECT EXISTS (SELECT 1 FROM duplicates WHERE url = ?1) OR "
            "EXISTS (SELECT 1 FROM duplicates WHERE guid = ?2)");
        q.bindNoCopy(1, key);
        q.bindNoCopy(2, u);
        q.executeStep();
        return q.getColumn(0).getInt() != 0;
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("index query failed: ") + e.what());
    }
}

std::vector<DuplicateRecord> Store::duplicates_of(std::int64_t original_id) const {
    try {
        auto& q = m_impl->statement(std::string(k_decision_columns) +
                                    "WHERE original_id = ? ORDER BY at, source, guid");
        q.bind(1, original_id);
        return read_decisions(q);
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("index query failed: ") + e.what());
    }
}

std::optional<DuplicateRecord> Store::decision_for_article(std::int64_t article_id) const {
    try {
        auto& q = m_impl->statement(std::string(k_decision_columns) + "WHERE article_id = ?");
        q.bind(1, article_id);
        auto all = read_decisions(q);
        if (all.empty()) {
            return std::nullopt;
        }
        return all.front();
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("index query failed: ") + e.what());
    }
}

} // namespace archiver::store
