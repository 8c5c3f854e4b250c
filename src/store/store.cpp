// SPDX-License-Identifier: MIT
#include <archiver/store/store.hpp>

#include "connection.hpp"
#include "impl.hpp"
#include "migrations.hpp"
#include "sketch.hpp"
#include "tokenizer.hpp"

#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <set>
#include <system_error>
#include <vector>

namespace archiver::store {
namespace {

constexpr int k_write_busy_timeout_ms = 10'000;
// Readers never wait for a run: in WAL mode they are not blocked by the writer at all; the
// short timeout only covers the instant a checkpoint or recovery holds the file.
constexpr int k_read_busy_timeout_ms = 500;

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& v) {
    if (v) {
        st.bind(index, *v);
    } else {
        st.bind(index);
    }
}

void add_urls_and_near_keys(Store::Impl& impl, const ArticleRecord& record, const TextKeys& keys) {
    std::string urls[2];
    const std::size_t n_urls = detail::canonical_urls(impl, record, urls);
    auto& add_url = impl.statement("INSERT OR IGNORE INTO article_urls VALUES (?, ?)");
    for (std::size_t i = 0; i < n_urls; ++i) {
        add_url.reset();
        add_url.bind(1, urls[i]);
        add_url.bind(2, record.id);
        add_url.exec();
    }
    detail::add_content_key(impl, record);
    detail::add_near_keys(impl, record, keys);
}

// Binds the article's stored fields as parameters 1..18 (every column but id). The strings
// are bound without a copy: `r` outlives the statement's run.
void bind_fields(SQLite::Statement& st, const ArticleRecord& r, const TextKeys& keys) {
    st.bindNoCopy(1, r.source);
    st.bindNoCopy(2, r.guid);
    st.bindNoCopy(3, r.source_url);
    st.bindNoCopy(4, r.canonical_url);
    st.bindNoCopy(5, r.title);
    st.bindNoCopy(6, r.author);
    st.bindNoCopy(7, r.lang);
    bind_optional(st, 8, r.date ? std::optional<std::int64_t>(r.date->epoch) : std::nullopt);
    bind_optional(st, 9, r.date ? std::optional<std::int64_t>(r.date->offset) : std::nullopt);
    st.bind(10, r.fetched);
    st.bindNoCopy(11, r.path);
    st.bindNoCopy(12, r.content_hash);
    st.bind(13, static_cast<std::int64_t>(r.simhash));
    st.bind(14, keys.letters);
    bind_optional(st, 15, r.duplicate_of);
    st.bindNoCopy(16, r.duplicate_reason);
    st.bindNoCopy(17, r.summary);
    st.bindNoCopy(18, r.text);
}

// Runs `body` inside a savepoint so a failed multi-statement write leaves nothing behind.
template <typename F> Result<void> atomically(Store::Impl& impl, F&& body) {
    try {
        impl.db.exec("SAVEPOINT archiver_write");
    } catch (const std::exception& e) {
        return unexpected(Error{Stage::store, e.what()});
    }
    auto result = detail::guarded(std::forward<F>(body));
    try {
        if (!result) {
            impl.db.exec("ROLLBACK TO archiver_write");
        }
        impl.db.exec("RELEASE archiver_write");
    } catch (const std::exception& e) {
        return unexpected(Error{Stage::store, e.what()});
    }
    return result;
}

} // namespace

void detail::fail(const std::exception& e) {
    throw Fatal(std::string("index: ") + e.what());
}

SQLite::Statement& Store::Impl::statement(std::string_view sql) {
    auto it = statements.find(sql);
    if (it == statements.end()) {
        std::string text(sql);
        auto st = std::make_unique<SQLite::Statement>(db, text);
        it = statements.emplace(std::move(text), std::move(st)).first;
    }
    it->second->reset();
    it->second->clearBindings();
    return *it->second;
}

void Store::Impl::reset_statements() noexcept {
    for (auto& [sql, st] : statements) {
        try {
            st->reset();
        } catch (...) { // NOLINT(bugprone-empty-catch): a failed step is reported where it ran
        }
    }
}

const std::string& Store::Impl::canonical(const std::string& u) {
    if (u != last_url || last_url.empty()) {
        last_canonical = url::canonicalize(u);
        last_url = u;
    }
    return last_canonical;
}

std::string url_key(const std::string& url) { return url.empty() ? url : url::canonicalize(url); }

UrlKeys url_keys(const ArticleRecord& record) {
    UrlKeys keys;
    keys.source_url = url_key(record.source_url);
    keys.canonical_url = record.canonical_url == record.source_url
                             ? keys.source_url
                             : url_key(record.canonical_url);
    return keys;
}

std::size_t detail::canonical_urls(Store::Impl& impl, const ArticleRecord& record,
                                   std::string (&out)[2]) {
    std::size_t n = 0;
    for (const auto* u : {&record.source_url, &record.canonical_url}) {
        // Usually the same URL twice: canonicalized once.
        if (u->empty() || (u == &record.canonical_url && *u == record.source_url)) {
            continue;
        }
        std::string c;
        if (record.url_keys) {
            c = u == &record.source_url ? record.url_keys->source_url
                                        : record.url_keys->canonical_url;
            // Remembered as if computed here: the article's decision row asks for it again.
            impl.last_url = *u;
            impl.last_canonical = c;
        } else {
            c = impl.canonical(*u);
        }
        if (n == 0 || out[0] != c) {
            out[n++] = std::move(c);
        }
    }
    return n;
}

ArticleRecord detail::read_article(SQLite::Statement& row, int c) {
    ArticleRecord r;
    r.id = row.getColumn(c).getInt64();
    r.source = row.getColumn(c + 1).getString();
    r.guid = row.getColumn(c + 2).getString();
    r.source_url = row.getColumn(c + 3).getString();
    r.canonical_url = row.getColumn(c + 4).getString();
    r.title = row.getColumn(c + 5).getString();
    r.author = row.getColumn(c + 6).getString();
    r.lang = row.getColumn(c + 7).getString();
    if (!row.getColumn(c + 8).isNull()) {
        r.date = DateTime{row.getColumn(c + 8).getInt64(), row.getColumn(c + 9).getInt()};
    }
    r.fetched = row.getColumn(c + 10).getInt64();
    r.path = row.getColumn(c + 11).getString();
    r.content_hash = row.getColumn(c + 12).getString();
    r.simhash = static_cast<std::uint64_t>(row.getColumn(c + 13).getInt64());
    if (!row.getColumn(c + 14).isNull()) {
        r.duplicate_of = row.getColumn(c + 14).getInt64();
    }
    r.duplicate_reason = row.getColumn(c + 15).getString();
    r.summary = row.getColumn(c + 16).getString();
    if (row.getColumnCount() > c + k_article_column_count) {
        r.text = row.getColumn(c + k_article_column_count).getString();
    }
    return r;
}

Store Store::open(const std::filesystem::path& db_path, OpenMode mode) {
    try {
        if (mode == OpenMode::read_only && !std::filesystem::exists(db_path)) {
            throw Fatal("no archive index at " + db_path.string());
        }
        if (mode == OpenMode::read_write && db_path.has_parent_path()) {
            std::filesystem::create_directories(db_path.parent_path());
        }
        // Before SQLite's first use in the process: no global allocation statistics (each
        // allocation took a global mutex for them). A no-op once SQLite is initialized.
        static const bool k_configured = [] {
            sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
            return true;
        }();
        (void)k_configured;
        // A connection is used by one thread at a time (a Store is not shared between
        // threads), so SQLite's per-call connection mutex is left out.
        const int flags = (mode == OpenMode::read_only
                               ? SQLite::OPEN_READONLY
                               : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) |
                          SQLite::OPEN_NOMUTEX;
        SQLite::Database db(db_path.string(), flags,
                            mode == OpenMode::read_only ? k_read_busy_timeout_ms
                                                        : k_write_busy_timeout_ms);
        if (!detail::register_tokenizer(db.getHandle())) {
            throw Fatal("this SQLite has no FTS5 full-text search");
        }
        const int version = db.execAndGet("PRAGMA user_version").getInt();
        if (version > detail::latest_schema_version()) {
            throw Fatal(db_path.string() + " has schema version " + std::to_string(version) +
                        ", newer than this archiver knows (" +
                        std::to_string(detail::latest_schema_version()) + ")");
        }
        if (mode == OpenMode::read_write) {
            detail::configure_writer(db);
            detail::migrate(db);
        } else if (version < detail::latest_schema_version()) {
            throw Fatal(db_path.string() + " has schema version " + std::to_string(version) +
                        "; a command that writes (run, reindex) upgrades it");
        }
        Store store;
        store.m_impl = std::make_unique<Impl>(std::move(db), mode);
        return store;
    } catch (const SQLite::Exception& e) {
        throw Fatal("cannot open the index " + db_path.string() + ": " + e.what());
    } catch (const std::filesystem::filesystem_error& e) {
        throw Fatal("cannot open the index " + db_path.string() + ": " + e.what());
    }
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

int Store::schema_version() const try {
    return m_impl->db.execAndGet("PRAGMA user_version").getInt();
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

Store::Transaction::Transaction(Store& store) : m_store(&store) {
    try {
        m_store->m_impl->db.exec("BEGIN IMMEDIATE");
        m_store->m_impl->in_transaction = true;
        m_store->m_impl->next_id = 0;
        m_store->m_impl->index_has_near_keys = -1;
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("cannot start a transaction: ") + e.what());
    }
}

Store::Transaction::~Transaction() {
    if (!m_done) {
        m_store->m_impl->in_transaction = false;
        m_store->m_impl->next_id = 0;
        detail::discard_text(*m_store->m_impl);
        detail::discard_near_keys(*m_store->m_impl);
        try {
            m_store->m_impl->reset_statements();
            m_store->m_impl->db.exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): destructors never throw
        }
    }
}

void Store::Transaction::prepare() {
    try {
        detail::flush_text(*m_store->m_impl);
        detail::flush_near_keys(*m_store->m_impl);
        detail::save_next_id(*m_store->m_impl);
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("cannot write to the index: ") + e.what());
    }
    // Busy: a page could not be written yet; the commit writes it.
    const int rc = sqlite3_db_cacheflush(m_store->m_impl->db.getHandle());
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
        throw Fatal(std::string("cannot write to the index: ") + sqlite3_errstr(rc));
    }
}

void Store::Transaction::commit() {
    try {
        detail::flush_text(*m_store->m_impl);
        detail::flush_near_keys(*m_store->m_impl);
        detail::save_next_id(*m_store->m_impl);
        m_store->m_impl->reset_statements();
        m_store->m_impl->db.exec("COMMIT");
        m_store->m_impl->in_transaction = false;
        m_done = true;
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("cannot commit to the index: ") + e.what());
    }
    // Committed; a key level past its bound is merged down in a transaction of its own, so
    // a failure or a crash there leaves the levels as they were, still complete, and the
    // next commit merges them. The batch is in the index: a failed merge is a warning, not
    // a failed commit.
    try {
        detail::merge_levels(*m_store->m_impl);
    } catch (const SQLite::Exception& e) {
        log::warn(std::string("index: cannot merge the dedupe key levels (tried again at the "
                              "next commit): ") +
                  e.what());
    }
}

std::int64_t detail::stored_next_id(Store::Impl& impl) {
    auto& next = impl.statement(
        "SELECT max(coalesce((SELECT value FROM meta WHERE key = 'next_id'), 1), "
        "(SELECT coalesce(max(id), 0) + 1 FROM articles))");
    next.executeStep();
    const std::int64_t id = next.getColumn(0).getInt64();
    next.reset();
    return id;
}

void detail::save_next_id(Store::Impl& impl) {
    if (impl.next_id == 0) {
        return;
    }
    auto& bump = impl.statement(
        "INSERT INTO meta VALUES ('next_id', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");
    bump.bind(1, impl.next_id);
    bump.exec();
    impl.next_id = 0;
}

std::int64_t Store::next_article_id() {
    try {
        if (m_impl->in_transaction) {
            // Three statements an item made a run's id counter a hot row; inside a
            // transaction the counter lives here until the commit writes it.
            if (m_impl->next_id == 0) {
                m_impl->next_id = detail::stored_next_id(*m_impl);
            }
            return m_impl->next_id++;
        }
        const std::int64_t id = detail::stored_next_id(*m_impl);
        auto& save = m_impl->statement("INSERT OR REPLACE INTO meta VALUES ('next_id', ?)");
        save.bind(1, id + 1);
        save.exec();
        return id;
    } catch (const SQLite::Exception& e) {
        throw Fatal(std::string("cannot allocate an article id: ") + e.what());
    }
}

Result<void> Store::insert_article(ArticleRecord& record) {
    if (record.id == 0) {
        try {
            record.id = next_article_id();
        } catch (const Fatal& e) {
            return unexpected(Error{Stage::store, e.what()});
        }
    }
    return insert_article_with_id(record);
}

Result<void> Store::insert_article_with_id(const ArticleRecord& record) {
    // No savepoint: FTS5 flushes its pending terms at every savepoint, which made each
    // insert a segment write. The one statement that can fail on the data (the article row:
    // a path or guid conflict) runs first and alone; a later failure (I/O, memory) removes
    // what this insert wrote before it is reported.
    TextKeys scratch;
    const TextKeys& keys = detail::keys_of(record, scratch);
    try {
        if (detail::text_queue_full(*m_impl)) {
            detail::flush_text(*m_impl);
        }
        auto& ins = m_impl->statement(
            "INSERT INTO articles (source, guid, source_url, canonical_url, title, author, "
            "lang, date_epoch, date_offset, fetched, path, content_hash, simhash, letters, "
            "duplicate_of, duplicate_reason, summary, text, id) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
            "?17, ?18, ?19)");
        bind_fields(ins, record, keys);
        ins.bind(19, record.id);
        ins.exec();
    } catch (const std::exception& e) {
        return unexpected(Error{Stage::store, e.what()});
    }
    auto rest = detail::guarded([&] {
        add_urls_and_near_keys(*m_impl, record, keys);
        if (record.duplicate_of) {
            DuplicateRecord d;
            d.source = record.source;
            d.guid = record.guid;
            d.url = record.canonical_url.empty() ? record.source_url : record.canonical_url;
            d.title = record.title;
            d.original_id = *record.duplicate_of;
            d.reason = record.duplicate_reason;
            d.article_id = record.id;
            d.at = record.fetched;
            record_duplicate(d);
        }
        if (m_impl->in_transaction) {
            if (m_impl->next_id == 0) {
                m_impl->next_id = detail::stored_next_id(*m_impl);
            }
            m_impl->next_id = std::max(m_impl->next_id, record.id + 1);
        } else {
            auto& bump = m_impl->statement(
                "INSERT INTO meta VALUES ('next_id', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");
            bump.bind(1, record.id + 1);
            bump.exec();
        }
        // Last: queued, or (outside a transaction) nothing to undo in the full-text index.
        detail::index_text(*m_impl, record);
    });
    if (!rest) {
        remove_partial_insert(record);
    }
    return rest;
}

void Store::remove_partial_insert(const ArticleRecord& record) noexcept {
    try {
        m_impl->reset_statements();
        if (m_impl->in_transaction) {
            m_impl->near_keys.remove_article(record.id); // buffered, never written
            m_impl->content_keys.remove_article(record.id);
        } else {
            detail::drop_near_keys(*m_impl, record);
            detail::drop_content_key(*m_impl, record);
        }
        // By URL (the table's key): the article's URL rows are the ones it was inserted
        // with, and no index by article is kept (schema 10).
        std::string urls[2];
        const std::size_t n_urls = detail::canonical_urls(*m_impl, record, urls);
        auto& del_url =
            m_impl->statement("DELETE FROM article_urls WHERE url = ? AND article_id = ?");
        for (std::size_t i = 0; i < n_urls; ++i) {
            del_url.reset();
            del_url.bind(1, urls[i]);
            del_url.bind(2, record.id);
            del_url.exec();
        }
        for (const char* sql : {"DELETE FROM duplicates WHERE article_id = ?",
                                "DELETE FROM articles WHERE id = ?"}) {
            auto& del = m_impl->statement(sql);
            del.bind(1, record.id);
            del.exec();
        }
    } catch (...) { // NOLINT(bugprone-empty-catch): the first failure is the one reported
    }
}

Result<void> Store::update_article(const ArticleRecord& record,
                                   const std::string& previous_hash,
                                   std::int64_t at) {
    const auto old = get_article(record.id);
    if (!old) {
        return unexpected(Error{Stage::store, "no article " + std::to_string(record.id) +
                                                  " to update"});
    }
    TextKeys scratch;
    const TextKeys& keys = detail::keys_of(record, scratch);
    // The queued rows go in first: inside the savepoint a failure would roll them back.
    if (auto flushed = detail::guarded([&] {
            detail::flush_text(*m_impl);
            detail::flush_near_keys(*m_impl);
        });
        !flushed) {
        return flushed;
    }
    auto updated = atomically(*m_impl, [&] {
        detail::drop_near_keys(*m_impl, *old);
        detail::drop_content_key(*m_impl, *old);
        detail::unindex_text(*m_impl, *old);
        auto& upd = m_impl->statement(
            "UPDATE articles SET source = ?1, guid = ?2, source_url = ?3, canonical_url = ?4, "
            "title = ?5, author = ?6, lang = ?7, date_epoch = ?8, date_offset = ?9, "
            "fetched = ?10, path = ?11, content_hash = ?12, simhash = ?13, letters = ?14, "
            "duplicate_of = ?15, duplicate_reason = ?16, summary = ?17, text = ?18 "
            "WHERE id = ?19");
        bind_fields(upd, record, keys);
        upd.bind(19, record.id);
        if (upd.exec() != 1) {
            throw std::runtime_error("no article " + std::to_string(record.id) + " to update");
        }
        // The article keeps every URL it was ever known by (a later copy under an old URL
        // is still the same article); its near-duplicate keys follow the new body.
        add_urls_and_near_keys(*m_impl, record, keys);
        if (!previous_hash.empty() && previous_hash != record.content_hash) {
            add_revision(record.id, Revision{at, previous_hash});
        }
        // Last: a queued row is never rolled back by the savepoint.
        detail::index_text(*m_impl, record);
    });
    if (!updated) {
        m_impl->near_keys.remove_article(record.id); // buffered for the new body
        m_impl->content_keys.remove_article(record.id);
    }
    return updated;
}

void Store::add_revision(std::int64_t article_id, const Revision& revision) try {
    auto& ins = m_impl->statement("INSERT INTO revisions VALUES (?, ?, ?)");
    ins.bind(1, article_id);
    ins.bind(2, revision.at);
    ins.bind(3, revision.previous_hash);
    ins.exec();
} catch (const SQLite::Exception& e) {
    detail::fail(e);
}

} // namespace archiver::store
