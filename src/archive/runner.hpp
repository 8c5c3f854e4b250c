// SPDX-License-Identifier: MIT
// The run's driver, shared by the files that implement it: run.cpp (the run, its end and
// its report), run_sources.cpp (feeds, list pages and their entries) and run_pages.cpp
// (article pages).
#pragma once

#include "journal.hpp"
#include "pipeline.hpp"
#include "work_pool.hpp"

#include <archiver/archive/run.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/fetch/fetcher.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace archiver::archive {

// A request for `url` with `source`'s headers, cookies and user agent.
fetch::Request make_request(const Source& source, const std::string& url);

// A feed or list entry made ready for the run thread: its hint, what the known-item check
// reads, and the HTML it is archived from (moved out of the entry, not copied). A feed's
// entries are planned on the worker that parsed it, so the run thread neither resolves
// their links nor frees the parsed entries.
struct PlannedEntry {
    ItemHint hint;
    std::optional<DateTime> updated;
    bool fetch_page = false; // archived from its page (fetched), not from the feed's HTML
    std::string html;        // the entry's content, else its summary; empty when fetch_page
    std::string link_key;    // store::url_key(hint.link), computed with the plan
};

// `entries` made ready, their links resolved against `base_url`.
std::vector<PlannedEntry> plan_entries(std::vector<Entry> entries,
                                       const std::string& base_url,
                                       const Source& source);

struct ParsedSource {
    std::optional<Error> failed; // the body could not be decoded
    std::string body_hash;
    bool unchanged = false; // same bytes as last time
    bool is_feed = false;
    std::optional<Result<FeedDoc>> doc; // its entries are moved to `entries`
    std::vector<PlannedEntry> entries;
};

// An item extracted on a worker: what it was extracted with, and the result.
struct ExtractWork {
    ItemHint hint;
    extract::Options options;
    std::optional<Result<Article>> article;
    std::optional<Fingerprints> prints; // of the extracted body
};

// A feed entry archived from the feed's own HTML.
struct EntryWork : ExtractWork {
    std::string html; // the entry's HTML fragment, wrapped into a page on the worker
};

// A fetched article page, decoded before extraction.
struct PageWork : ExtractWork {
    fetch::Response response;
};

// Runs on the fetcher's thread: the stages that touch the store, the files and the report.
// Parsing and extraction run on `m_pool` and hand their results back through
// `Fetcher::post`, so transfers go on while pages are processed; at most
// `m_max_pages_in_flight` article pages are fetched, extracted or waiting to be stored at
// once, so memory stays flat however many items a run has: enough for every transfer slot
// and eight pages per worker, so neither the workers nor this thread wait for the other
// while the transfers are fast.
class Runner {
public:
    Runner(const RunContext& ctx, const RunOptions& options, Journal* journal);

    RunReport run(const std::vector<const Source*>& sources, store::Store& store);
    RunReport run_urls(const std::vector<std::string>& urls, store::Store& store);

private:
    struct Job;

    fetch::Options make_fetch_options() const;

    // A signal arrived or `--max-time` is spent: no new transfer starts.
    bool out_of_time() const;
    // Why a source stopped early: "interrupted" (a signal) or "out of time".
    const char* stop_reason() const;

    void start_source(Job& job);
    // Starts waiting sources while fewer than the limit are read, parsed or archived.
    void start_waiting_sources();
    // `job`'s feed is parsed and its entries archived (or handed on as page fetches): lets
    // the next waiting source start.
    void release_slot(Job& job);
    void on_source_response(Job& job, Result<fetch::Response> response);
    void on_source_parsed(Job& job, fetch::Response res, ParsedSource parsed);
    void archive_entries(Job& job, std::vector<EntryWork>& work);
    void pump_articles();
    void page_done(Job& job);
    // Runs `task` on a worker, then `then` with its result on the run thread.
    template <typename T, typename Task, typename Then>
    void offload(std::shared_ptr<T> state, Task task, Then then);
    void handle_entries(Job& job, std::vector<PlannedEntry> entries);
    void on_list_page(Job& job, fetch::Response res);
    void fetch_article(Job& job, ItemHint hint);
    void on_article(Job& job, const ItemHint& hint, Result<fetch::Response> response);
    void on_page_extracted(Job& job, PageWork& work);
    // Archives an extracted item, or reports why its extraction failed.
    void archive_extracted(Job& job, ExtractWork& work);
    void archive_one(Job& job, Article article, const ItemHint& hint, Fingerprints* prints);
    void store_one(Job& job,
                   Article article,
                   const ItemHint& hint,
                   const LocalImages& images,
                   Fingerprints* prints);
    void item_failed(Job& job, const std::string& url, const Error& error);
    void finish_job(Job& job);
    // Makes the staged files durable and visible (journal, one sync, renames): when `all`,
    // every group and before returning; else once enough files or time have gathered since
    // the last group, on the workers.
    void commit_files(bool all);
    void report_progress(const Job& job);
    void fail_job(Job& job, const Error& error);

    const RunContext& m_ctx;
    const RunOptions& m_options;
    std::int64_t m_now;
    fetch::Fetcher m_fetcher;
    Journal* m_journal;
    store::Store* m_store = nullptr;
    std::vector<std::unique_ptr<Job>> m_jobs;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    std::deque<std::pair<Job*, ItemHint>> m_article_queue; // pages waiting to be fetched
    int m_pages_in_flight = 0; // fetched or being extracted
    int m_max_pages_in_flight;
    // Sources whose feed is being fetched, parsed, or archived from the feed: at most
    // `m_max_sources_in_flight` (enough for every transfer slot and the workers), so
    // parsed feeds do not pile up in memory while the run thread archives the earlier
    // ones. The others wait in `m_waiting_sources`, in configuration order.
    std::deque<Job*> m_waiting_sources;
    int m_sources_in_flight = 0;
    int m_max_sources_in_flight;
    // The files of every source, committed in groups: a sync costs tens of milliseconds
    // whatever it flushes, so one per source made a 500-feed run wait on 500 syncs.
    // Groups are committed on the workers (journal, sync, renames), so this thread goes on
    // with the next sources meanwhile; the end of the run waits for them all.
    BatchWriter m_writer{
        m_ctx.paths.archive_dir,
        [this](std::function<void()> task) { m_pool.submit(std::move(task)); },
        [this](const std::vector<std::string>& targets) { m_journal->append(targets); }};
    TakenPaths m_taken_paths;
    std::chrono::steady_clock::time_point m_last_commit = std::chrono::steady_clock::now();
    // Last: its threads are joined before anything their tasks refer to goes away.
    WorkPool m_pool{default_worker_count()};
};

template <typename T, typename Task, typename Then>
void Runner::offload(std::shared_ptr<T> state, Task task, Then then) {
    m_fetcher.expect_post();
    m_pool.submit([this, state, task, then]() {
        task(*state);
        m_fetcher.post([state, then]() { then(*state); });
    });
}

struct Runner::Job {
    Source source;
    SourceReport report;
    store::SourceState state;
    std::unique_ptr<SourceBatch> batch;
    int outstanding = 0; // article fetches in flight
    bool listing_done = false;
    bool finished = false;
    bool adhoc = false; // `fetch URL`: not a configured source, no state kept
    std::string fetched_url;
    store::HttpCache cache;
    int page = 1;                // list sources: the page being read
    std::vector<Entry> listed;   // list sources: entries of the pages read so far
    bool discovered = false;     // type auto: already followed a page's feed link
    bool holds_slot = false;     // counted in m_sources_in_flight
};

} // namespace archiver::archive
