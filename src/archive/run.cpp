// SPDX-License-Identifier: MIT
// The pipeline driver, with run_sources.cpp and run_pages.cpp (see runner.hpp): the only
// place that knows the order of the stages.
#include "crash_point.hpp"
#include "runner.hpp"

#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>
#include <archiver/fetch/backoff.hpp>
#include <archiver/normalize/normalize.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <exception>

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

std::int64_t wall_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

fetch::Request make_request(const Source& source, const std::string& url) {
    fetch::Request r;
    r.url = url;
    r.headers = source.headers;
    r.cookies = source.cookies;
    r.user_agent = source.user_agent;
    return r;
}

Runner::Runner(const RunContext& ctx, const RunOptions& options, Journal* journal)
    : m_ctx(ctx), m_options(options), m_now(options.now.value_or(wall_now())),
      m_fetcher(make_fetch_options()), m_journal(journal),
      m_max_pages_in_flight(
          static_cast<int>(make_fetch_options().max_total + 8 * default_worker_count())),
      m_max_sources_in_flight(
          static_cast<int>(2 * make_fetch_options().max_total + default_worker_count())) {}

fetch::Options Runner::make_fetch_options() const {
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

bool Runner::out_of_time() const {
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

const char* Runner::stop_reason() const { return g_signal != 0 ? "interrupted" : "out of time"; }

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
    // The writer journals a group's names once all its temporaries are written, then syncs
    // and renames them.
    constexpr std::size_t k_group_files = 2000;
    constexpr auto k_group_time = std::chrono::seconds(2);
    if (all) {
        m_writer.commit(); // the groups still committing on the workers, and the last one
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (m_writer.size() == 0 ||
        (m_writer.size() < k_group_files && now - m_last_commit < k_group_time)) {
        return;
    }
    m_writer.commit_in_background();
    m_last_commit = now;
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
            job->report.reason = stop_reason();
            job->listing_done = true;
            job->outstanding = 0;
            finish_job(*job);
        }
        report.sources.push_back(job->report);
    }
    report.interrupted_by = g_signal;
    report.bytes = m_fetcher.bytes_received();
    if (m_options.dry_run == DryRun::no) {
        // The last group of files is committed on a worker while the index writes what it
        // still holds in memory to its log; the index commits once the files are in place.
        // A failed file write is reported before a failure of the index (the disk that
        // refused the one likely refused the other).
        m_writer.commit_in_background();
        std::exception_ptr index_failure;
        try {
            tx.prepare();
        } catch (const Fatal&) {
            index_failure = std::current_exception();
        }
        crash_point("index written to its log");
        commit_files(true);
        if (index_failure) {
            std::rethrow_exception(index_failure);
        }
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
