// SPDX-License-Identifier: MIT
// The pipeline driver: the only place that knows the order of the stages.
#include "crash_point.hpp"
#include "journal.hpp"
#include "pipeline.hpp"
#include "work_pool.hpp"

#include <archiver/archive/run.hpp>
#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/feed/parse.hpp>
#include <archiver/fetch/backoff.hpp>
#include <archiver/fetch/fetcher.hpp>
#include <archiver/listing/listing.hpp>
#include <archiver/normalize/normalize.hpp>
#include <archiver/text/charset.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <deque>
#include <memory>
#include <set>

namespace archiver::archive {
namespace {

std::atomic<int> g_signal{0};

extern "C" void on_signal(int sig) { g_signal = sig; }

// Installs SIGINT/SIGTERM handlers for the duration of a run.
class SignalGuard {
public:
    SignalGuard() {
        g_signal = 0;
        struct sigaction sa {};
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &m_old_int);
        sigaction(SIGTERM, &sa, &m_old_term);
    }
    ~SignalGuard() {
        sigaction(SIGINT, &m_old_int, nullptr);
        sigaction(SIGTERM, &m_old_term, nullptr);
    }
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;

private:
    struct sigaction m_old_int {};
    struct sigaction m_old_term {};
};

// Local images: at most this many per article, each at most this large.
constexpr std::size_t k_max_images = 40;
constexpr std::int64_t k_max_image_bytes = 10 << 20;

std::int64_t wall_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

fetch::Request make_request(const Source& source, const std::string& url) {
    fetch::Request r;
    r.url = url;
    r.headers = source.headers;
    r.cookies = source.cookies;
    r.user_agent = source.user_agent;
    return r;
}

std::string media_type(const std::string& content_type) {
    std::string t = content_type.substr(0, content_type.find(';'));
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    t.erase(0, t.find_first_not_of(' '));
    t.erase(t.find_last_not_of(' ') + 1);
    return t;
}

// Wraps feed-supplied HTML so the extractor reads it as the whole body.
std::string wrap_entry_html(const Entry& entry) {
    std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>";
    html += entry.content ? *entry.content : entry.summary.value_or("");
    html += "</article></body></html>";
    return html;
}

bool needs_full_text(const Source& source, const Entry& entry) {
    switch (source.full_text) {
    case FullText::always: return true;
    case FullText::never: return false;
    case FullText::automatic: break;
    }
    // Only a summary (or nothing) in the feed: fetch the page.
    const std::string& content = entry.content ? *entry.content : std::string();
    return content.size() < 400;
}

} // namespace

// What a worker makes of a source's response: its hash and, for a feed, the parsed feed.
struct ParsedSource {
    std::optional<Error> failed; // the body could not be decoded
    std::string body_hash;
    bool unchanged = false; // same bytes as last time
    bool is_feed = false;
    std::optional<Result<FeedDoc>> doc;
};

// A feed entry archived from the feed's own HTML, extracted on a worker.
struct EntryWork {
    ItemHint hint;
    std::string html;
    extract::Options options;
    std::optional<Result<Article>> article;
    std::optional<Fingerprints> prints; // of the extracted body
};

// A fetched article page, decoded and extracted on a worker.
struct PageWork {
    ItemHint hint;
    fetch::Response response;
    extract::Options options;
    std::optional<Result<Article>> article;
    std::optional<Fingerprints> prints; // of the extracted body
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
    Runner(const RunContext& ctx, const RunOptions& options, Journal* journal)
        : m_ctx(ctx), m_options(options), m_now(options.now.value_or(wall_now())),
          m_fetcher(make_fetch_options()), m_journal(journal),
          m_max_pages_in_flight(
              static_cast<int>(make_fetch_options().max_total + 8 * default_worker_count())),
          m_max_sources_in_flight(
              static_cast<int>(2 * make_fetch_options().max_total + default_worker_count())) {}

    RunReport run(const std::vector<const Source*>& sources, store::Store& store);
    RunReport run_urls(const std::vector<std::string>& urls, store::Store& store);

private:
    struct Job;

    fetch::Options make_fetch_options() const {
        fetch::Options o;
        o.user_agent = m_ctx.global.user_agent;
        o.max_total = m_options.jobs > 0 ? m_options.jobs : m_ctx.global.jobs;
        o.max_per_host = m_ctx.global.per_host;
        o.per_host_delay_ms = static_cast<long>(m_ctx.global.per_host_delay_ms);
        o.connect_timeout_ms = static_cast<long>(m_ctx.global.connect_timeout_ms);
        o.total_timeout_ms = static_cast<long>(m_ctx.global.timeout_ms);
        o.max_body_bytes = m_ctx.global.max_body_bytes;
        o.max_redirects = m_ctx.global.max_redirects;
        o.max_retries = m_ctx.global.retries;
        return o;
    }

    bool out_of_time() const {
        if (g_signal != 0) {
            return true;
        }
        if (m_options.max_seconds) {
            auto elapsed = std::chrono::steady_clock::now() - m_started;
            return std::chrono::duration_cast<std::chrono::seconds>(elapsed).count() >=
                   *m_options.max_seconds;
        }
        return false;
    }

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
    void handle_entries(Job& job, std::vector<Entry> entries);
    void on_list_page(Job& job, fetch::Response res);
    void fetch_article(Job& job, const ItemHint& hint);
    void on_article(Job& job, const ItemHint& hint, Result<fetch::Response> response);
    void on_page_extracted(Job& job, PageWork& work);
    void archive_one(Job& job, Article article, const ItemHint& hint, const Fingerprints* prints);
    void store_one(Job& job,
                   Article article,
                   const ItemHint& hint,
                   const LocalImages& images,
                   const Fingerprints* prints);
    void item_failed(Job& job, const std::string& url, const Error& error);
    void finish_job(Job& job);
    // Makes the staged files durable and visible (journal, one sync, renames): when `all`, or
    // once enough files or time have gathered since the last group.
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
    BatchWriter m_writer{m_ctx.paths.archive_dir,
                         [this](std::function<void()> task) { m_pool.submit(std::move(task)); }};
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

void Runner::start_waiting_sources() {
    while (!m_waiting_sources.empty() && m_sources_in_flight < m_max_sources_in_flight &&
           !out_of_time()) {
        Job& job = *m_waiting_sources.front();
        m_waiting_sources.pop_front();
        ++m_sources_in_flight;
        job.holds_slot = true;
        start_source(job);
    }
}

void Runner::release_slot(Job& job) {
    if (!job.holds_slot) {
        return;
    }
    job.holds_slot = false;
    --m_sources_in_flight;
    start_waiting_sources();
}

void Runner::start_source(Job& job) {
    job.batch =
        std::make_unique<SourceBatch>(job.source, m_options, m_ctx.paths.archive_dir, m_writer,
                                      m_taken_paths);
    job.batch->zone = source_zone(job.source);
    job.batch->now = m_now;
    job.batch->date_format = m_ctx.global.date_format;
    std::string url = listing::page_url(job.source.url, 1);
    if (!job.state.redirected_url.empty() && url::is_http(job.state.redirected_url)) {
        url = job.state.redirected_url;
    }
    job.report.url = url;
    fetch::Request request = make_request(job.source, url);
    request.decoding = fetch::BodyDecoding::caller; // on the worker that parses it
    if (!job.adhoc) {
        if (auto cached = m_store->http_cache(url)) {
            job.cache = *cached;
            request.etag = cached->etag;
            request.last_modified = cached->last_modified;
        }
    }
    m_fetcher.submit(std::move(request), [this, &job](Result<fetch::Response> r) {
        on_source_response(job, std::move(r));
    });
}

void Runner::on_source_response(Job& job, Result<fetch::Response> response) {
    if (!response) {
        fail_job(job, response.error());
        return;
    }
    fetch::Response& res = *response;
    if (!res.permanent_redirect.empty() && url::is_http(res.permanent_redirect)) {
        job.state.redirected_url = res.permanent_redirect;
    }
    if (res.not_modified) {
        job.report.not_modified = true;
        job.listing_done = true;
        finish_job(job);
        return;
    }
    // Hashing and parsing run on a worker; the rest goes on in on_source_parsed.
    struct State {
        fetch::Response res;
        ParsedSource parsed;
    };
    auto state = std::make_shared<State>();
    state->res = std::move(res);
    feed::ParseOptions po;
    po.base_url = state->res.url.empty() ? job.report.url : state->res.url;
    po.content_type = state->res.content_type;
    po.encoding = job.source.encoding;
    po.zone = job.batch->zone;
    const std::string cached_hash = job.adhoc ? std::string() : job.cache.body_hash;
    const SourceType type = job.source.type;
    const std::int64_t max_body = m_ctx.global.max_body_bytes;
    offload(
        state,
        [po, cached_hash, type, max_body](State& st) {
            if (auto decoded = fetch::decode_body(st.res, max_body); !decoded) {
                st.parsed.failed = decoded.error();
                return;
            }
            st.parsed.body_hash = normalize::content_hash(st.res.body);
            st.parsed.unchanged = !cached_hash.empty() && cached_hash == st.parsed.body_hash;
            st.parsed.is_feed =
                type == SourceType::feed ||
                (type == SourceType::automatic &&
                 feed::looks_like_feed(st.res.body, st.res.content_type));
            if (st.parsed.is_feed && !st.parsed.unchanged && type != SourceType::html &&
                type != SourceType::json) {
                st.parsed.doc = feed::parse_feed(st.res.body, po);
            }
        },
        [this, &job](State& st) { on_source_parsed(job, std::move(st.res), std::move(st.parsed)); });
}

void Runner::on_source_parsed(Job& job, fetch::Response res, ParsedSource parsed) {
    if (parsed.failed) {
        fail_job(job, *parsed.failed);
        return;
    }
    if (parsed.unchanged) {
        // Same bytes as last time without a validator: nothing to re-process.
        job.report.not_modified = true;
        job.listing_done = true;
        finish_job(job);
        return;
    }
    job.cache.etag = res.etag;
    job.cache.last_modified = res.last_modified;
    job.cache.body_hash = parsed.body_hash;
    job.fetched_url = res.url.empty() ? job.report.url : res.url;

    const Source& src = job.source;
    const bool is_feed = parsed.is_feed;
    if (job.adhoc && !is_feed) {
        job.listing_done = true;
        ItemHint hint;
        hint.link = job.fetched_url;
        hint.guid = url::canonicalize(job.fetched_url);
        ++job.outstanding;
        ++m_pages_in_flight;
        on_article(job, hint, std::move(res));
        return;
    }
    if (src.type == SourceType::html || src.type == SourceType::json) {
        on_list_page(job, std::move(res));
        return;
    }
    if (!is_feed) {
        // type = auto on a web page: follow the feed it advertises, once.
        const auto decoded = text::to_utf8(res.body, res.charset, text::DocKind::html, src.encoding);
        const auto feeds = listing::discover_feeds(decoded.text, job.fetched_url);
        if (!job.discovered && !feeds.empty()) {
            job.discovered = true;
            log::info("[" + src.name + "] " + job.fetched_url + " is a page; reading its feed " +
                      feeds.front());
            m_fetcher.submit(make_request(src, feeds.front()),
                             [this, &job](Result<fetch::Response> r) {
                                 on_source_response(job, std::move(r));
                             });
            return;
        }
        fail_job(job, Error{Stage::parse, "not a feed (" + media_type(res.content_type) +
                                              ") and no feed advertised; set type = \"html\" "
                                              "with [list] selectors"});
        return;
    }
    auto& doc = *parsed.doc;
    if (!doc) {
        fail_job(job, doc.error());
        return;
    }
    if (doc->bozo) {
        log::info("[" + src.name + "] feed is broken (" + doc->bozo_reason +
                  "); archived what could be recovered");
    }
    handle_entries(job, std::move(doc->entries));
}

void Runner::on_list_page(Job& job, fetch::Response res) {
    const Source& src = job.source;
    listing::ListOptions lo;
    lo.zone = job.batch->zone;
    lo.now = m_now;
    lo.page = job.page;
    Result<listing::ListPage> page = [&]() -> Result<listing::ListPage> {
        if (src.type == SourceType::json) {
            return listing::parse_json_list(res.body, src.json, src.url, lo);
        }
        const auto decoded = text::to_utf8(res.body, res.charset, text::DocKind::html, src.encoding);
        lo.base_url = res.url.empty() ? job.fetched_url : res.url;
        return listing::parse_html_list(decoded.text, src.list, lo);
    }();
    if (!page) {
        if (job.page == 1) {
            fail_job(job, page.error());
            return;
        }
        // A later page that does not parse ends the listing; what was read is kept.
        log::info("[" + src.name + "] page " + std::to_string(job.page) + ": " +
                  page.error().message);
        handle_entries(job, std::move(job.listed));
        return;
    }
    const bool empty_page = page->entries.empty();
    for (auto& e : page->entries) {
        job.listed.push_back(std::move(e));
    }
    const int max_pages = std::max(1, src.list.max_pages);
    if (!empty_page && !page->next_url.empty() && url::is_http(page->next_url) &&
        job.page < max_pages && !out_of_time() &&
        (src.max_items == 0 || static_cast<int>(job.listed.size()) < src.max_items)) {
        ++job.page;
        m_fetcher.submit(make_request(src, page->next_url), [this, &job](Result<fetch::Response> r) {
            if (!r) {
                log::info("[" + job.source.name + "] page " + std::to_string(job.page) + ": " +
                          r.error().message);
                handle_entries(job, std::move(job.listed));
                return;
            }
            on_list_page(job, std::move(*r));
        });
        return;
    }
    handle_entries(job, std::move(job.listed));
}

void Runner::handle_entries(Job& job, std::vector<Entry> entries) {
    const Source& src = job.source;
    // Read once: none of this source's items is archived while its entries are sorted.
    const bool source_is_new = !entries.empty() && !m_store->has_articles(src.name);
    int taken = 0;
    std::vector<EntryWork> entry_work;
    for (Entry& entry : entries) {
        if (out_of_time()) {
            break;
        }
        ++job.report.items_seen;
        ItemHint hint;
        hint.link = entry.link ? url::resolve(job.fetched_url, *entry.link) : std::string();
        hint.guid = entry.id ? *entry.id : std::string();
        if (hint.guid.empty()) {
            hint.guid = normalize::synthesize_guid(hint.link, entry.title.value_or(""),
                                                   entry.published ? format_utc(*entry.published) : "");
        }
        hint.title = entry.title.value_or("");
        hint.author = entry.author.value_or("");
        hint.date = entry.published ? entry.published : entry.updated;

        // Known item: skip without fetching its page unless the feed says it changed.
        store::ArticleRecord probe;
        probe.source = src.name;
        probe.guid = hint.guid;
        probe.canonical_url = hint.link; // canonicalized by the lookup
        if (source_is_new) {
            // No article of this source yet: no GUID or URL can be one of its own, so only
            // a duplicate decision of an earlier run (for an item no article has the URL
            // of) skips the item; the URL is looked up only when there is such a decision.
            if (!hint.link.empty() && !entry.updated &&
                m_store->has_duplicate_decision(hint.link) &&
                m_store->find_match(probe).kind == store::MatchKind::none) {
                ++job.report.unchanged;
                continue;
            }
            if (src.max_items > 0 && taken >= src.max_items) {
                continue;
            }
        } else if (const store::Match known = m_store->find_match(probe);
                   (known.kind == store::MatchKind::guid || known.kind == store::MatchKind::url) &&
                   known.existing.source == src.name) {
            const bool changed = entry.updated && entry.updated->epoch > known.existing.fetched;
            if (!changed) {
                ++job.report.unchanged;
                continue;
            }
        } else if (known.kind == store::MatchKind::none && !hint.link.empty() &&
                   m_store->has_duplicate_decision(hint.link) && !entry.updated) {
            // Judged a duplicate (and skipped) by an earlier run: not fetched again.
            ++job.report.unchanged;
            continue;
        } else if (src.max_items > 0 && taken >= src.max_items) {
            continue;
        }
        ++taken;
        if (!hint.link.empty() && url::is_http(hint.link) && needs_full_text(src, entry)) {
            fetch_article(job, hint);
            continue;
        }
        EntryWork work;
        work.options.url = hint.link.empty() ? job.fetched_url : hint.link;
        work.options.rules.body = "article";
        work.options.zone = job.batch->zone;
        work.options.now = m_now;
        work.html = wrap_entry_html(entry);
        work.hint = std::move(hint);
        entry_work.push_back(std::move(work));
    }
    const bool archived_later = !entry_work.empty();
    if (archived_later) {
        // The entries are extracted on a worker, in one task so they are archived in feed
        // order, as before.
        auto state = std::make_shared<std::vector<EntryWork>>(std::move(entry_work));
        ++job.outstanding;
        offload(
            state,
            [](std::vector<EntryWork>& all) {
                for (auto& w : all) {
                    w.article = extract::extract_article(w.html, w.options);
                    w.html = std::string();
                    if (*w.article) {
                        w.prints = fingerprint_body((*w.article)->body);
                    }
                }
            },
            [this, &job](std::vector<EntryWork>& all) {
                archive_entries(job, all);
                all.clear(); // freed before the next source starts
                --job.outstanding;
                release_slot(job);
                finish_job(job);
            });
    }
    job.listing_done = true;
    if (!archived_later) {
        release_slot(job); // the pages it queued are bounded on their own
    }
    finish_job(job);
}

void Runner::archive_entries(Job& job, std::vector<EntryWork>& work) {
    for (auto& w : work) {
        auto& article = *w.article;
        if (!article) {
            item_failed(job, w.options.url, article.error());
            continue;
        }
        article->url = w.hint.link;
        article->canonical_url.clear();
        archive_one(job, std::move(*article), w.hint, w.prints ? &*w.prints : nullptr);
    }
}

void Runner::fetch_article(Job& job, const ItemHint& hint) {
    ++job.outstanding;
    m_article_queue.emplace_back(&job, hint);
    pump_articles();
}

// Starts queued page fetches while fewer than the limit are in flight; on a signal or past
// --max-time, drops the queue (those sources end as interrupted).
void Runner::pump_articles() {
    while (!m_article_queue.empty()) {
        if (out_of_time()) {
            auto dropped = std::move(m_article_queue);
            m_article_queue.clear();
            for (auto& [job, hint] : dropped) {
                --job->outstanding;
                job->report.ok = false;
                job->report.stage = "fetch";
                job->report.reason = g_signal ? "interrupted" : "out of time";
                finish_job(*job);
            }
            return;
        }
        if (m_pages_in_flight >= m_max_pages_in_flight) {
            return;
        }
        auto [job, hint] = std::move(m_article_queue.front());
        m_article_queue.pop_front();
        ++m_pages_in_flight;
        fetch::Request request = make_request(job->source, hint.link);
        request.decoding = fetch::BodyDecoding::caller; // on the worker that extracts it
        m_fetcher.submit(std::move(request),
                         [this, job = job, hint = hint](Result<fetch::Response> r) {
                             on_article(*job, hint, std::move(r));
                         });
    }
}

// An article page is archived (or failed): frees its slot and finishes its source when it
// was the last.
void Runner::page_done(Job& job) {
    --m_pages_in_flight;
    --job.outstanding;
    pump_articles();
    finish_job(job);
}

// Counted in `job.outstanding` and `m_pages_in_flight` (fetch_article, or the ad-hoc page
// in on_source_parsed) until page_done.
void Runner::on_article(Job& job, const ItemHint& hint, Result<fetch::Response> response) {
    if (!response) {
        item_failed(job, hint.link, response.error());
        page_done(job);
        return;
    }
    auto state = std::make_shared<PageWork>();
    state->hint = hint;
    state->response = std::move(*response);
    state->options.url = state->response.url.empty() ? hint.link : state->response.url;
    state->options.rules = job.source.extract;
    state->options.zone = job.batch->zone;
    state->options.now = m_now;
    const Source& source = job.source; // read-only while the run lasts
    const std::int64_t max_body = m_ctx.global.max_body_bytes;
    offload(
        state,
        [&source, max_body](PageWork& w) {
            if (auto decoded = fetch::decode_body(w.response, max_body); !decoded) {
                w.article = unexpected(decoded.error());
                w.response.body = std::string();
                return;
            }
            const fetch::Response& res = w.response;
            const auto decoded =
                text::to_utf8(res.body, res.charset, text::DocKind::html, source.encoding);
            if (source.timezone.empty()) {
                w.options.zone = source_zone(source, decoded.text);
            }
            w.article = extract::extract_article(decoded.text, w.options);
            w.response.body = std::string(); // the page is done with: free it now
            if (*w.article) {
                w.prints = fingerprint_body((*w.article)->body);
            }
        },
        [this, &job](PageWork& w) {
            on_page_extracted(job, w);
            page_done(job);
        });
}

void Runner::on_page_extracted(Job& job, PageWork& work) {
    auto& article = *work.article;
    if (!article) {
        item_failed(job, work.options.url, article.error());
        return;
    }
    if (job.source.timezone.empty()) {
        job.batch->zone = work.options.zone;
    }
    archive_one(job, std::move(*article), work.hint, work.prints ? &*work.prints : nullptr);
}

// Downloads the article's images first when the source keeps them locally (a Hugo page
// bundle); images that fail or are not images stay remote.
void Runner::archive_one(Job& job,
                         Article article,
                         const ItemHint& hint,
                         const Fingerprints* prints) {
    if (job.source.images != ImageMode::local) {
        store_one(job, std::move(article), hint, {}, prints);
        return;
    }
    const auto urls = image_urls(article.body, k_max_images);
    if (urls.empty()) {
        store_one(job, std::move(article), hint, {}, prints);
        return;
    }
    struct Pending {
        Article article;
        ItemHint hint;
        LocalImages images;
        std::size_t remaining;
        std::optional<Fingerprints> prints;
    };
    auto pending = std::make_shared<Pending>(Pending{std::move(article), hint, {}, urls.size(),
                                                     prints ? std::optional(*prints) : std::nullopt});
    ++job.outstanding;
    for (const auto& u : urls) {
        fetch::Request request = make_request(job.source, u);
        request.headers.emplace_back("Referer", pending->article.url);
        m_fetcher.submit(std::move(request), [this, &job, pending, u](Result<fetch::Response> r) {
            if (r && !r->not_modified && static_cast<std::int64_t>(r->body.size()) <= k_max_image_bytes) {
                std::string name = local_image_name(u, r->content_type, r->body);
                if (!name.empty()) {
                    pending->images[u] = LocalImage{std::move(name), std::move(r->body)};
                }
            } else if (!r) {
                log::info("[" + job.source.name + "] image kept remote: " + r.error().message);
            }
            if (--pending->remaining == 0) {
                store_one(job, std::move(pending->article), pending->hint, pending->images,
                          pending->prints ? &*pending->prints : nullptr);
                --job.outstanding;
                finish_job(job);
            }
        });
    }
}

void Runner::store_one(Job& job,
                       Article article,
                       const ItemHint& hint,
                       const LocalImages& images,
                       const Fingerprints* prints) {
    std::string error;
    const std::string url = article.url.empty() ? hint.link : article.url;
    const Outcome outcome =
        archive_article(*m_store, *job.batch, std::move(article), hint, &error, images, prints);
    switch (outcome) {
    case Outcome::added: ++job.report.added; break;
    case Outcome::updated: ++job.report.updated; break;
    case Outcome::duplicate: ++job.report.duplicates; break;
    case Outcome::unchanged: ++job.report.unchanged; break;
    case Outcome::failed: item_failed(job, url, Error{Stage::store, error}); break;
    }
    report_progress(job);
}

void Runner::report_progress(const Job& job) {
    if (!m_options.on_progress) {
        return;
    }
    Progress p;
    for (const auto& j : m_jobs) {
        if (j->report.skipped) {
            continue;
        }
        ++p.sources_total;
        p.sources_done += j->finished ? 1 : 0;
        p.added += j->report.added;
        p.updated += j->report.updated;
        p.duplicates += j->report.duplicates;
        p.failed += j->report.failed_items + (j->report.ok ? 0 : 1);
    }
    p.bytes = m_fetcher.bytes_received();
    p.current = job.source.name;
    m_options.on_progress(p);
}

void Runner::item_failed(Job& job, const std::string& url, const Error& error) {
    ++job.report.failed_items;
    job.report.item_errors.push_back(url + ": " + std::string(stage_name(error.stage)) + ": " +
                                     error.message);
}

void Runner::fail_job(Job& job, const Error& error) {
    job.report.ok = false;
    job.report.stage = std::string(stage_name(error.stage));
    job.report.reason = error.message;
    job.listing_done = true;
    finish_job(job);
}

void Runner::finish_job(Job& job) {
    if (job.finished || !job.listing_done || job.outstanding > 0) {
        return;
    }
    job.finished = true;
    release_slot(job);
    SourceReport& rep = job.report;
    store::SourceState& st = job.state;
    st.name = job.source.name;
    st.last_attempt = m_now;
    if (rep.ok) {
        st.last_success = m_now;
        st.consecutive_failures = 0;
        st.failing_since = 0;
        st.backoff_until = 0;
        st.last_error.clear();
    } else {
        if (st.consecutive_failures == 0) {
            st.failing_since = m_now;
        }
        ++st.consecutive_failures;
        st.backoff_until = fetch::backoff_until(
            m_now, st.consecutive_failures, fetch::BackoffPolicy{}, fetch::random_unit());
        st.last_error = rep.stage + ": " + rep.reason;
    }
    rep.consecutive_failures = st.consecutive_failures;
    rep.failing_since = st.failing_since;
    report_progress(job);
    if (m_options.dry_run == DryRun::yes) {
        return;
    }
    commit_files(false);
    if (job.adhoc) {
        return;
    }
    if (rep.ok && !rep.not_modified) {
        m_store->put_http_cache(rep.url, job.cache);
    }
    m_store->put_source_state(st);
}

void Runner::commit_files(bool all) {
    // Files first (journaled, synced and renamed); the index rows are committed in one
    // transaction at the end of the run. A crash in between leaves journaled files that the
    // start-up reconciliation indexes; a crash before leaves temporaries that the next start
    // removes, and the index rolled back, so those items are fetched again.
    constexpr std::size_t k_group_files = 2000;
    constexpr auto k_group_time = std::chrono::seconds(2);
    const auto now = std::chrono::steady_clock::now();
    if (m_writer.size() == 0 ||
        (!all && m_writer.size() < k_group_files && now - m_last_commit < k_group_time)) {
        return;
    }
    m_writer.wait(); // every temporary written before its name is journaled
    m_journal->append(m_writer.targets());
    m_writer.commit();
    m_last_commit = std::chrono::steady_clock::now();
}

RunReport Runner::run(const std::vector<const Source*>& sources, store::Store& store) {
    m_store = &store;
    RunReport report;
    SignalGuard guard;
    for (const Source* s : sources) {
        auto job = std::make_unique<Job>();
        job->source = *s;
        job->report.name = s->name;
        job->report.url = s->url;
        if (auto st = store.source_state(s->name)) {
            job->state = *st;
        }
        const std::int64_t due =
            std::max(job->state.last_attempt + job->source.interval_seconds,
                     job->state.backoff_until);
        if (m_options.force == Force::no && job->state.last_attempt > 0 && due > m_now) {
            job->report.skipped = true;
            job->report.consecutive_failures = job->state.consecutive_failures;
            m_jobs.push_back(std::move(job));
            continue;
        }
        m_jobs.push_back(std::move(job));
    }
    // One transaction around the whole run's index writes; each source's files are
    // committed before it. A Fatal error or a signal rolls the index back; reconciliation
    // at the next start indexes files that made it to disk.
    store::Store::Transaction tx(store);
    for (auto& job : m_jobs) {
        if (!job->report.skipped) {
            if (out_of_time()) {
                job->report.skipped = true;
                continue;
            }
            m_waiting_sources.push_back(job.get());
        }
    }
    start_waiting_sources();
    m_fetcher.run();
    for (auto& job : m_jobs) {
        if (!job->report.skipped && !job->finished) {
            job->report.ok = false;
            job->report.stage = "fetch";
            job->report.reason = g_signal ? "interrupted" : "out of time";
            job->listing_done = true;
            job->outstanding = 0;
            finish_job(*job);
        }
        report.sources.push_back(job->report);
    }
    report.interrupted_by = g_signal;
    report.bytes = m_fetcher.bytes_received();
    if (m_options.dry_run == DryRun::no) {
        commit_files(true);
        crash_point("before index commit");
        tx.commit();
        crash_point("index committed");
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    return report;
}

RunReport Runner::run_urls(const std::vector<std::string>& urls, store::Store& store) {
    std::vector<Source> adhoc;
    for (const auto& u : urls) {
        adhoc.push_back(config::adhoc_source("adhoc", u));
    }
    m_store = &store;
    RunReport report;
    SignalGuard guard;
    store::Store::Transaction tx(store);
    for (const auto& s : adhoc) {
        auto job = std::make_unique<Job>();
        job->source = s;
        if (auto host = url::parse(s.url)) {
            job->source.name = normalize::safe_component(host->host, 64);
            job->source.title = host->host;
        }
        job->adhoc = true;
        job->report.name = job->source.name;
        job->report.url = s.url;
        m_jobs.push_back(std::move(job));
    }
    for (auto& job : m_jobs) {
        if (!url::is_http(job->source.url)) {
            job->report.ok = false;
            job->report.stage = "fetch";
            job->report.reason = "only http and https URLs can be fetched";
            job->finished = true;
            continue;
        }
        start_source(*job);
    }
    m_fetcher.run();
    for (auto& job : m_jobs) {
        report.sources.push_back(job->report);
    }
    report.interrupted_by = g_signal;
    if (m_options.dry_run == DryRun::no) {
        commit_files(true);
        tx.commit();
    }
    return report;
}

RunReport run(const RunContext& ctx, const RunOptions& options) {
    std::vector<const Source*> selected;
    RunReport early;
    early.config_errors = ctx.config_errors;
    for (const auto& name : options.only_sources) {
        auto it = std::find_if(ctx.sources.begin(), ctx.sources.end(),
                               [&](const Source& s) { return s.name == name; });
        if (it == ctx.sources.end()) {
            early.config_errors.push_back(Error{Stage::config, "no source named \"" + name + "\""});
        } else {
            selected.push_back(&*it);
        }
    }
    if (options.only_sources.empty()) {
        for (const auto& s : ctx.sources) {
            if (s.enabled) {
                selected.push_back(&s);
            }
        }
    }
    OpenArchive archive = open_archive(ctx, options.dry_run);
    Runner runner(ctx, options, &archive.journal);
    RunReport report = runner.run(selected, archive.store);
    archive.journal.finish(options.dry_run);
    report.config_errors = std::move(early.config_errors);
    return report;
}

RunReport fetch_urls(const RunContext& ctx,
                     const std::vector<std::string>& urls,
                     const RunOptions& options) {
    OpenArchive archive = open_archive(ctx, options.dry_run);
    Runner runner(ctx, options, &archive.journal);
    RunReport report = runner.run_urls(urls, archive.store);
    archive.journal.finish(options.dry_run);
    return report;
}

} // namespace archiver::archive
