// SPDX-License-Identifier: MIT
// The pipeline driver: the only place that knows the order of the stages.
#include "crash_point.hpp"
#include "journal.hpp"
#include "pipeline.hpp"

#include <archiver/archive/run.hpp>
#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/feed/parse.hpp>
#include <archiver/fetch/fetcher.hpp>
#include <archiver/listing/listing.hpp>
#include <archiver/normalize/normalize.hpp>
#include <archiver/text/charset.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
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

// Error backoff of a failing source: 5 minutes doubling per consecutive failure, capped at
// one day, so a source failing for days is tried a few times a day and recovers by itself.
std::int64_t backoff_seconds(int failures) {
    if (failures <= 0) {
        return 0;
    }
    std::int64_t s = 300;
    for (int i = 1; i < failures && s < 86400; ++i) {
        s *= 2;
    }
    return std::min<std::int64_t>(s, 86400);
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

class Runner {
public:
    Runner(const RunContext& ctx, const RunOptions& options, Journal* journal)
        : m_ctx(ctx), m_options(options), m_now(options.now.value_or(wall_now())),
          m_fetcher(make_fetch_options()), m_journal(journal) {}

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
    void on_source_response(Job& job, Result<fetch::Response> response);
    void handle_entries(Job& job, std::vector<Entry> entries);
    void on_list_page(Job& job, fetch::Response res);
    void fetch_article(Job& job, const ItemHint& hint);
    void on_article(Job& job, const ItemHint& hint, Result<fetch::Response> response);
    void archive_one(Job& job, Article article, const ItemHint& hint);
    void store_one(Job& job, Article article, const ItemHint& hint, const LocalImages& images);
    void item_failed(Job& job, const std::string& url, const Error& error);
    void finish_job(Job& job);
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
};

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
};

void Runner::start_source(Job& job) {
    job.batch = std::make_unique<SourceBatch>(job.source, m_ctx.paths.archive_dir);
    job.batch->zone = source_zone(job.source);
    job.batch->now = m_now;
    job.batch->date_format = m_ctx.global.date_format;
    job.batch->dry_run = m_options.dry_run;
    job.batch->options = &m_options;
    std::string url = listing::page_url(job.source.url, 1);
    if (!job.state.redirected_url.empty() && url::is_http(job.state.redirected_url)) {
        url = job.state.redirected_url;
    }
    job.report.url = url;
    fetch::Request request = make_request(job.source, url);
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
    const std::string body_hash = normalize::content_hash(res.body);
    if (!job.adhoc && !job.cache.body_hash.empty() && job.cache.body_hash == body_hash) {
        // Same bytes as last time without a validator: nothing to re-process.
        job.report.not_modified = true;
        job.listing_done = true;
        finish_job(job);
        return;
    }
    job.cache.etag = res.etag;
    job.cache.last_modified = res.last_modified;
    job.cache.body_hash = body_hash;
    job.fetched_url = res.url.empty() ? job.report.url : res.url;

    const Source& src = job.source;
    const bool is_feed =
        src.type == SourceType::feed ||
        (src.type == SourceType::automatic && feed::looks_like_feed(res.body, res.content_type));
    if (job.adhoc && !is_feed) {
        job.listing_done = true;
        ItemHint hint;
        hint.link = job.fetched_url;
        hint.guid = url::canonicalize(job.fetched_url);
        on_article(job, hint, std::move(response));
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
    feed::ParseOptions po;
    po.base_url = job.fetched_url;
    po.content_type = res.content_type;
    po.encoding = src.encoding;
    po.zone = job.batch->zone;
    auto doc = feed::parse_feed(res.body, po);
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
    int taken = 0;
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
        probe.canonical_url = hint.link.empty() ? std::string() : url::canonicalize(hint.link);
        const store::Match known = m_store->find_match(probe);
        if ((known.kind == store::MatchKind::guid || known.kind == store::MatchKind::url) &&
            known.existing.source == src.name) {
            const bool changed = entry.updated && entry.updated->epoch > known.existing.fetched;
            if (!changed) {
                ++job.report.unchanged;
                continue;
            }
        } else if (known.kind == store::MatchKind::none && !hint.link.empty() &&
                   !m_store->duplicate_decisions_for_url(hint.link).empty() && !entry.updated) {
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
        extract::Options eo;
        eo.url = hint.link.empty() ? job.fetched_url : hint.link;
        eo.rules.body = "article";
        eo.zone = job.batch->zone;
        eo.now = m_now;
        auto article = extract::extract_article(wrap_entry_html(entry), eo);
        if (!article) {
            item_failed(job, eo.url, article.error());
            continue;
        }
        article->url = hint.link;
        article->canonical_url.clear();
        archive_one(job, std::move(*article), hint);
    }
    job.listing_done = true;
    finish_job(job);
}

void Runner::fetch_article(Job& job, const ItemHint& hint) {
    ++job.outstanding;
    m_fetcher.submit(make_request(job.source, hint.link),
                     [this, &job, hint](Result<fetch::Response> r) {
                         --job.outstanding;
                         on_article(job, hint, std::move(r));
                         finish_job(job);
                     });
}

void Runner::on_article(Job& job, const ItemHint& hint, Result<fetch::Response> response) {
    if (!response) {
        item_failed(job, hint.link, response.error());
        return;
    }
    const fetch::Response& res = *response;
    const auto decoded =
        text::to_utf8(res.body, res.charset, text::DocKind::html, job.source.encoding);
    extract::Options eo;
    eo.url = res.url.empty() ? hint.link : res.url;
    eo.rules = job.source.extract;
    eo.zone = job.source.timezone.empty() ? source_zone(job.source, decoded.text)
                                          : job.batch->zone;
    eo.now = m_now;
    auto article = extract::extract_article(decoded.text, eo);
    if (!article) {
        item_failed(job, eo.url, article.error());
        return;
    }
    if (job.source.timezone.empty()) {
        job.batch->zone = eo.zone;
    }
    archive_one(job, std::move(*article), hint);
}

// Downloads the article's images first when the source keeps them locally (a Hugo page
// bundle); images that fail or are not images stay remote.
void Runner::archive_one(Job& job, Article article, const ItemHint& hint) {
    if (job.source.images != ImageMode::local) {
        store_one(job, std::move(article), hint, {});
        return;
    }
    const auto urls = image_urls(article.body, k_max_images);
    if (urls.empty()) {
        store_one(job, std::move(article), hint, {});
        return;
    }
    struct Pending {
        Article article;
        ItemHint hint;
        LocalImages images;
        std::size_t remaining;
    };
    auto pending = std::make_shared<Pending>(Pending{std::move(article), hint, {}, urls.size()});
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
                store_one(job, std::move(pending->article), pending->hint, pending->images);
                --job.outstanding;
                finish_job(job);
            }
        });
    }
}

void Runner::store_one(Job& job, Article article, const ItemHint& hint, const LocalImages& images) {
    std::string error;
    const std::string url = article.url.empty() ? hint.link : article.url;
    const Outcome outcome =
        archive_article(*m_store, *job.batch, std::move(article), hint, &error, images);
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
        st.backoff_until = m_now + backoff_seconds(st.consecutive_failures);
        st.last_error = rep.stage + ": " + rep.reason;
    }
    rep.consecutive_failures = st.consecutive_failures;
    rep.failing_since = st.failing_since;
    report_progress(job);
    if (m_options.dry_run == DryRun::yes) {
        return;
    }
    // Files first (journaled, synced and renamed); the index rows are committed in one
    // transaction at the end of the run. A crash in between leaves journaled files that the
    // start-up reconciliation indexes.
    if (job.batch && job.batch->writer.size() > 0) {
        m_journal->append(job.batch->writer.targets());
        job.batch->writer.commit();
    }
    if (job.adhoc) {
        return;
    }
    if (rep.ok && !rep.not_modified) {
        m_store->put_http_cache(rep.url, job.cache);
    }
    m_store->put_source_state(st);
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
            start_source(*job);
        }
    }
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
