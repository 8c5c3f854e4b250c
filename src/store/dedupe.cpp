// SPDX-License-Identifier: MIT
// Dedupe lookups (SPEC §4) and the record of every dedupe decision.
#include <archiver/store/store.hpp>

#include "impl.hpp"
#include "migrations.hpp"
#include "tokenizer.hpp"

#include <archiver/core/url.hpp>

#include <SQLiteCpp/Exception.h>

#include <algorithm>
#include <bit>
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

std::vector<ArticleRecord> collect(SQLite::Statement& q) {
    std::vector<ArticleRecord> out;
    while (q.executeStep()) {
        out.push_back(detail::read_article(q));
    }
    return out;
}

} // namespace

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
        return "nearly the same body text (SimHash distance " + reason.substr(5) + " of at most " +
               std::to_string(k_near_distance) + ")";
    }
    return reason.empty() ? "unknown" : reason;
}

Match Store::find_match(const ArticleRecord& candidate) const {
    try {
        const std::string select = std::string("SELECT ") + detail::k_article_columns;
        if (!candidate.guid.empty()) {
            if (auto same = find_by_guid(candidate.source, candidate.guid)) {
                return Match{MatchKind::guid, std::move(*same), 0};
            }
        }
        std::set<std::string> urls;
        for (const auto* u : {&candidate.source_url, &candidate.canonical_url}) {
            if (!u->empty()) {
                urls.insert(url::canonicalize(*u));
            }
        }
        if (!urls.empty()) {
            auto& q = m_impl->statement(
                select + " FROM articles a WHERE a.id IN "
                         "(SELECT article_id FROM article_urls WHERE url IN (?, ?)) ORDER BY a.id");
            q.bind(1, *urls.begin());
            q.bind(2, *urls.rbegin());
            if (auto m = pick(*this, collect(q), candidate.source)) {
                return Match{MatchKind::url, std::move(*m), 0};
            }
        }
        if (detail::count_letters(candidate.text) < k_min_dedupe_chars) {
            return Match{};
        }
        if (!candidate.content_hash.empty()) {
            auto& q = m_impl->statement(select +
                                        " FROM articles a WHERE a.content_hash = ? AND "
                                        "a.letters >= ? ORDER BY a.id");
            q.bind(1, candidate.content_hash);
            q.bind(2, k_min_dedupe_chars);
            if (auto m = pick(*this, collect(q), candidate.source)) {
                return Match{MatchKind::hash, std::move(*m), 0};
            }
        }
        // Pigeonhole: within distance 3, one of the four 16-bit bands is equal, so only
        // the articles sharing a band are compared (a few dozen at a million articles).
        const auto keys = detail::simhash_band_keys(candidate.simhash);
        auto& q = m_impl->statement(
            "SELECT DISTINCT b.article_id, a.simhash FROM simhash_bands b "
            "JOIN articles a ON a.id = b.article_id WHERE b.band_key IN (?, ?, ?, ?)");
        for (int i = 0; i < 4; ++i) {
            q.bind(i + 1, keys[static_cast<std::size_t>(i)]);
        }
        std::vector<std::pair<int, std::int64_t>> near; // distance, id
        while (q.executeStep()) {
            const auto other = static_cast<std::uint64_t>(q.getColumn(1).getInt64());
            const int distance = std::popcount(other ^ candidate.simhash);
            if (distance <= k_near_distance) {
                near.emplace_back(distance, q.getColumn(0).getInt64());
            }
        }
        if (near.empty()) {
            return Match{};
        }
        // The closest wins; on a tie the same source, then the earliest.
        std::sort(near.begin(), near.end());
        std::vector<ArticleRecord> closest;
        for (const auto& [distance, id] : near) {
            if (distance != near.front().first) {
                break;
            }
            if (auto a = get_article(id)) {
                a->text.clear();
                closest.push_back(std::move(*a));
            }
        }
        if (auto m = pick(*this, std::move(closest), candidate.source)) {
            const int distance = std::popcount(m->simhash ^ candidate.simhash);
            return Match{MatchKind::near, std::move(*m), distance};
        }
        return Match{};
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
        q.bind(3, d.url.empty() ? d.url : url::canonicalize(d.url));
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
        auto& q = m_impl->statement(std::string(k_decision_columns) +
                                    "WHERE url = ? OR guid = ? ORDER BY at DESC");
        q.bind(1, url::canonicalize(u));
        q.bind(2, u);
        return read_decisions(q);
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
