// SPDX-License-Identifier: MIT
// Single articles read back from the index, their revisions, and the operational tables
// (HTTP cache validators, per-source fetch state).
#include <archiver/store/store.hpp>

#include "impl.hpp"
#include "key_levels.hpp"

#include <archiver/core/url.hpp>

#include <SQLiteCpp/Exception.h>

#include <string>
#include <vector>

namespace archiver::store {

std::vector<Revision> Store::revisions(std::int64_t article_id) const try {
    std::vector<Revision> out;
    auto& q = m_impl->statement(
        "SELECT at, previous_hash FROM revisions WHERE article_id = ? ORDER BY at, rowid");
    q.bind(1, article_id);
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString()});
    }
    return out;
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

std::optional<ArticleRecord> Store::get_article(std::int64_t id) const try {
    static const std::string k_sql = std::string("SELECT ") + detail::k_article_columns +
                                     detail::k_text_column + " FROM articles a WHERE a.id = ?";
    auto& q = m_impl->statement(k_sql);
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return detail::read_article(q);
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

std::optional<ArticleRecord> Store::find_by_url(const std::string& u) const try {
    static const std::string k_sql =
        std::string("SELECT ") + detail::k_article_columns + detail::k_text_column +
        " FROM article_urls x JOIN articles a ON a.id = x.article_id "
        "WHERE x.url = ? ORDER BY a.id LIMIT 1";
    auto& q = m_impl->statement(k_sql);
    q.bind(1, url::canonicalize(u));
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return detail::read_article(q);
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

std::optional<ArticleRecord> Store::find_by_guid(const std::string& source,
                                                 const std::string& guid) const try {
    static const std::string k_sql = std::string("SELECT ") + detail::k_article_columns +
                                     detail::k_text_column +
                                     " FROM articles a WHERE a.source = ? AND a.guid = ?";
    auto& q = m_impl->statement(k_sql);
    q.bind(1, source);
    q.bind(2, guid);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return detail::read_article(q);
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

bool Store::path_taken(const std::string& relative_path) const try {
    auto& q = m_impl->statement("SELECT 1 FROM articles WHERE path = ?");
    q.bind(1, relative_path);
    return q.executeStep();
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

bool Store::has_articles(const std::string& source) const try {
    auto& q = m_impl->statement("SELECT 1 FROM articles WHERE source = ? LIMIT 1");
    q.bind(1, source);
    return q.executeStep();
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

std::vector<std::string> Store::paths_under(const std::string& folder) const try {
    std::vector<std::string> out;
    if (folder.empty() || folder.back() != '/') {
        return out;
    }
    // Every path that starts with "folder/": from "folder/" up to, not including, "folder0"
    // ('0' follows '/'), a range of the path's unique index.
    std::string end = folder;
    end.back() = static_cast<char>('/' + 1);
    auto& q = m_impl->statement("SELECT path FROM articles WHERE path >= ? AND path < ?");
    q.bind(1, folder);
    q.bind(2, end);
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getString());
    }
    return out;
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

void Store::clear_articles() try {
    detail::discard_text(*m_impl);
    detail::discard_near_keys(*m_impl);
    m_impl->index_has_near_keys = -1;
    std::string sql = "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all'); "
                      "DELETE FROM articles; DELETE FROM article_urls; "
                      "DELETE FROM duplicates; DELETE FROM revisions; DELETE FROM http_cache; "
                      "DELETE FROM source_state;";
    for (const auto* levels : {&detail::k_sketch_levels, &detail::k_content_levels}) {
        for (const char* level : *levels) {
            sql += std::string(" DELETE FROM ") + level + ";";
        }
    }
    m_impl->db.exec(sql);
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

std::optional<HttpCache> Store::http_cache(const std::string& u) const try {
    auto& q = m_impl->statement(
        "SELECT etag, last_modified, body_hash FROM http_cache WHERE url = ?");
    q.bind(1, u);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return HttpCache{q.getColumn(0).getString(), q.getColumn(1).getString(),
                     q.getColumn(2).getString()};
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

void Store::put_http_cache(const std::string& u, const HttpCache& entry) try {
    auto& q = m_impl->statement("INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?, ?)");
    q.bind(1, u);
    q.bind(2, entry.etag);
    q.bind(3, entry.last_modified);
    q.bind(4, entry.body_hash);
    q.exec();
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

std::optional<SourceState> Store::source_state(const std::string& name) const try {
    auto& q = m_impl->statement(
        "SELECT name, last_attempt, last_success, failing_since, consecutive_failures, "
        "backoff_until, last_error, redirected_url FROM source_state WHERE name = ?");
    q.bind(1, name);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    SourceState s;
    s.name = q.getColumn(0).getString();
    s.last_attempt = q.getColumn(1).getInt64();
    s.last_success = q.getColumn(2).getInt64();
    s.failing_since = q.getColumn(3).getInt64();
    s.consecutive_failures = q.getColumn(4).getInt();
    s.backoff_until = q.getColumn(5).getInt64();
    s.last_error = q.getColumn(6).getString();
    s.redirected_url = q.getColumn(7).getString();
    return s;
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

void Store::put_source_state(const SourceState& s) try {
    auto& q = m_impl->statement(
        "INSERT OR REPLACE INTO source_state VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, s.name);
    q.bind(2, s.last_attempt);
    q.bind(3, s.last_success);
    q.bind(4, s.failing_since);
    q.bind(5, s.consecutive_failures);
    q.bind(6, s.backoff_until);
    q.bind(7, s.last_error);
    q.bind(8, s.redirected_url);
    q.exec();
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

} // namespace archiver::store
