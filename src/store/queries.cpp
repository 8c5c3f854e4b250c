// SPDX-License-Identifier: MIT
// Read queries behind `list`, `search` and `stats`.
#include <archiver/store/store.hpp>

#include "impl.hpp"
#include "tokenizer.hpp"

#include <SQLiteCpp/Exception.h>

#include <limits>
#include <map>

namespace archiver::store {
namespace {

constexpr const char* k_sort_key = "coalesce(a.date_epoch, a.fetched)";

// The WHERE clause shared by list and search, binding from parameter `first`.
struct Filter {
    std::string sql;
    std::vector<std::string> text_params;
    std::vector<std::int64_t> int_params;
};

Filter make_filter(const ListQuery& q, const std::string& match) {
    Filter f;
    f.sql = " WHERE 1";
    if (!q.source.empty()) {
        f.sql += " AND a.source = ?";
        f.text_params.push_back(q.source);
    }
    if (q.since) {
        f.sql += std::string(" AND ") + k_sort_key + " >= ?";
        f.int_params.push_back(*q.since);
    }
    if (q.until) {
        f.sql += std::string(" AND ") + k_sort_key + " <= ?";
        f.int_params.push_back(*q.until);
    }
    if (!match.empty()) {
        f.sql += " AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)";
        f.text_params.push_back(match);
    }
    return f;
}

// Binds in the order the clauses were added: source, since, until, match.
int bind_filter(SQLite::Statement& st, const ListQuery& q, const Filter& f, int index) {
    std::size_t t = 0;
    if (!q.source.empty()) {
        st.bind(index++, f.text_params[t++]);
    }
    for (const auto v : f.int_params) {
        st.bind(index++, v);
    }
    for (; t < f.text_params.size(); ++t) {
        st.bind(index++, f.text_params[t]);
    }
    return index;
}

} // namespace

std::vector<ArticleRecord> Store::list(const ListQuery& query) const {
    std::vector<ArticleRecord> out;
    for_each(query, [&](const ArticleRecord& r) { out.push_back(r); });
    return out;
}

void Store::for_each(const ListQuery& query,
                     const std::function<void(const ArticleRecord&)>& visit) const {
    try {
        std::string match;
        if (!query.text.empty()) {
            match = detail::match_expression(query.text);
            if (match.empty()) {
                return;
            }
            detail::flush_text(*m_impl);
        }
        const Filter filter = make_filter(query, match);
        const char* dir = query.order == ListQuery::Order::date_ascending ? " ASC" : " DESC";
        // A statement of its own (not the cached one): `visit` may query the store.
        SQLite::Statement st(m_impl->db, std::string("SELECT ") + detail::k_article_columns +
                                             " FROM articles a" + filter.sql + " ORDER BY " +
                                             k_sort_key + dir + ", a.id" + dir + " LIMIT ?");
        const int next = bind_filter(st, query, filter, 1);
        st.bind(next, query.limit > 0 ? std::int64_t{query.limit} : std::int64_t{-1});
        while (st.executeStep()) {
            visit(detail::read_article(st));
        }
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("index query failed: ") + e.what());
    }
}

std::vector<SearchHit> Store::search(const ListQuery& query) const {
    try {
        const std::string match = detail::match_expression(query.text);
        if (match.empty()) {
            return {};
        }
        detail::flush_text(*m_impl);
        ListQuery rest = query;
        rest.text.clear();
        const Filter filter = make_filter(rest, "");
        // Titles weigh ten times the body; the snippet comes from whichever column matched.
        auto& st = m_impl->statement(
            std::string("SELECT ") + detail::k_article_columns +
            ", bm25(articles_fts, 10.0, 1.0) AS rank, "
            "snippet(articles_fts, -1, '[', ']', '...', 24) "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid" +
            filter.sql + " AND articles_fts MATCH ? ORDER BY rank, a.id LIMIT ?");
        int next = bind_filter(st, rest, filter, 1);
        st.bind(next++, match);
        st.bind(next, query.limit > 0 ? std::int64_t{query.limit} : std::int64_t{-1});
        std::vector<SearchHit> out;
        while (st.executeStep()) {
            SearchHit hit;
            hit.article = detail::read_article(st);
            hit.rank = st.getColumn(detail::k_article_column_count).getDouble();
            hit.snippet = st.getColumn(detail::k_article_column_count + 1).getString();
            out.push_back(std::move(hit));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("search failed: ") + e.what());
    }
}

Stats Store::stats() const {
    try {
        std::map<std::string, SourceStats> by_source;
        auto& a = m_impl->statement(
            "SELECT source, count(*), count(duplicate_of), min(date_epoch), max(date_epoch), "
            "max(fetched) FROM articles GROUP BY source");
        while (a.executeStep()) {
            SourceStats s;
            s.source = a.getColumn(0).getString();
            s.articles = a.getColumn(1).getInt64();
            s.duplicates_kept = a.getColumn(2).getInt64();
            if (!a.getColumn(3).isNull()) {
                s.first_date = a.getColumn(3).getInt64();
                s.last_date = a.getColumn(4).getInt64();
            }
            s.last_fetched = a.getColumn(5).getInt64();
            by_source[s.source] = s;
        }
        auto& d = m_impl->statement(
            "SELECT source, count(*) FROM duplicates WHERE article_id IS NULL GROUP BY source");
        while (d.executeStep()) {
            auto& s = by_source[d.getColumn(0).getString()];
            s.source = d.getColumn(0).getString();
            s.duplicates_skipped = d.getColumn(1).getInt64();
        }
        auto& r = m_impl->statement("SELECT a.source, count(*) FROM revisions r "
                                    "JOIN articles a ON a.id = r.article_id GROUP BY a.source");
        while (r.executeStep()) {
            by_source[r.getColumn(0).getString()].revisions = r.getColumn(1).getInt64();
        }
        Stats out;
        out.schema_version = schema_version();
        for (auto& [name, s] : by_source) {
            out.total.articles += s.articles;
            out.total.duplicates_kept += s.duplicates_kept;
            out.total.duplicates_skipped += s.duplicates_skipped;
            out.total.revisions += s.revisions;
            if (s.first_date &&
                (!out.total.first_date || *s.first_date < *out.total.first_date)) {
                out.total.first_date = s.first_date;
            }
            if (s.last_date && (!out.total.last_date || *s.last_date > *out.total.last_date)) {
                out.total.last_date = s.last_date;
            }
            out.total.last_fetched = std::max(out.total.last_fetched, s.last_fetched);
            out.sources.push_back(std::move(s));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("index query failed: ") + e.what());
    }
}

} // namespace archiver::store
