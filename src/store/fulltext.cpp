// SPDX-License-Identifier: MIT
// The full-text index, written in bursts. FTS5 keeps the terms of the rows it is given in
// an in-memory table until it writes them out as a segment; fed one article at a time
// between the other writes of a run (the article row, its URL, band and sketch rows, the
// dedupe lookups), each insert found that table, and the pages it writes, evicted from the
// caches by the work in between. Inside a transaction the store therefore queues the
// articles it writes and indexes them together: when the queue is full, before the commit,
// and before any full-text query.
#include "impl.hpp"

#include <algorithm>

namespace archiver::store::detail {
namespace {

// Queue bounds: the articles' text stays in memory until it is indexed.
constexpr std::size_t k_max_queued_articles = 1000;
constexpr std::size_t k_max_queued_bytes = 8 * 1024 * 1024;

void insert_row(Store::Impl& impl, std::int64_t id, const std::string& title,
                const std::string& text) {
    auto& add = impl.statement("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)");
    add.bind(1, id);
    add.bindNoCopy(2, title); // both outlive the statement's run
    add.bindNoCopy(3, text);
    add.exec();
}

} // namespace

void index_text(Store::Impl& impl, const ArticleRecord& record) {
    if (!impl.in_transaction) {
        insert_row(impl, record.id, record.title, record.text);
        return;
    }
    impl.queued_bytes += record.title.size() + record.text.size();
    impl.queued_text.push_back({record.id, record.title, record.text});
}

void unindex_text(Store::Impl& impl, const ArticleRecord& old) {
    flush_text(impl);
    auto& del = impl.statement("INSERT INTO articles_fts (articles_fts, rowid, title, text) "
                               "VALUES ('delete', ?, ?, ?)");
    del.bind(1, old.id);
    del.bind(2, old.title);
    del.bind(3, old.text);
    del.exec();
}

bool text_queue_full(const Store::Impl& impl) {
    return impl.queued_text.size() >= k_max_queued_articles ||
           impl.queued_bytes >= k_max_queued_bytes;
}

void flush_text(Store::Impl& impl) {
    // Written from the front, so a failure part-way leaves the rest queued (the transaction
    // is then rolled back as a whole).
    std::size_t done = 0;
    try {
        for (; done < impl.queued_text.size(); ++done) {
            const auto& q = impl.queued_text[done];
            insert_row(impl, q.id, q.title, q.text);
        }
    } catch (...) {
        impl.queued_text.erase(impl.queued_text.begin(),
                               impl.queued_text.begin() + static_cast<std::ptrdiff_t>(done));
        throw;
    }
    impl.queued_text.clear();
    impl.queued_bytes = 0;
}

void discard_text(Store::Impl& impl) noexcept {
    impl.queued_text.clear();
    impl.queued_bytes = 0;
}

} // namespace archiver::store::detail
