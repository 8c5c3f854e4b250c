// SPDX-License-Identifier: MIT
#include "fetch/curl_handle.hpp"
#include "fetch/decoder.hpp"
#include "fetch/http_util.hpp"
#include "fetch/job.hpp"
#include "fetch/transfer.hpp"

#include <algorithm>
#include <archiver/core/url.hpp>
#include <archiver/fetch/backoff.hpp>
#include <archiver/fetch/fetcher.hpp>
#include <atomic>
#include <deque>
#include <list>
#include <mutex>
#include <unordered_map>

namespace archiver::fetch {

using detail::Clock;
using detail::Job;

struct Fetcher::Impl {
    struct Active {
        std::unique_ptr<Job> job;
        std::unique_ptr<detail::Transfer> transfer;
    };
    struct Host {
        int active = 0;
        std::optional<Clock::time_point> last_start;
    };

    explicit Impl(Options opts)
        : options(std::move(opts)), multi(std::max(1, options.max_per_host)) {}

    ~Impl() {
        for (auto& [easy, entry] : active) {
            curl_multi_remove_handle(multi.get(), easy);
        }
        active.clear();
        spare.clear();
    }

    Options options;
    // Declared before `multi` so the easy handles and the multi go first (libcurl refuses
    // to clean up a share that is still in use).
    detail::CurlShare share;
    detail::CurlMulti multi;
    std::atomic<bool> stopping{false};
    std::atomic<std::int64_t> received{0};
    std::list<std::unique_ptr<Job>> pending;
    std::vector<std::pair<std::unique_ptr<Job>, Result<Response>>> finished;
    std::unordered_map<CURL*, Active> active;
    std::unordered_map<std::string, Host> hosts;
    std::vector<detail::CurlHandle> spare;
    // Work handed back from other threads (`post`), and how many posts are still expected.
    std::mutex posted_mutex;
    std::deque<std::function<void()>> posted;
    std::deque<std::function<void()>> ready; // taken from `posted`, run thread only
    std::int64_t expected_posts = 0;         // touched only on the run thread
    std::int64_t delivered = 0;              // posted tasks run so far (run thread)

    // Runs posted tasks in the order they were posted until none is left or `budget` has
    // passed (at least one runs); returns whether some are still waiting. The budget keeps
    // the transfers moving while a stream of posted work (each task can take milliseconds:
    // it stores an article) would otherwise hold this thread: finished transfers are
    // collected and new ones started between slices, so the next pages arrive while the
    // current ones are stored.
    bool deliver_posted(std::chrono::microseconds budget) {
        const auto until = Clock::now() + budget;
        while (true) {
            if (ready.empty()) {
                std::lock_guard lock(posted_mutex);
                ready.swap(posted);
            }
            if (ready.empty()) {
                return false;
            }
            auto task = std::move(ready.front());
            ready.pop_front();
            --expected_posts;
            ++delivered;
            task();
            if (Clock::now() >= until) {
                if (!ready.empty()) {
                    return true;
                }
                std::lock_guard lock(posted_mutex);
                return !posted.empty();
            }
        }
    }

    void finish(std::unique_ptr<Job> job, Result<Response> result) {
        finished.emplace_back(std::move(job), std::move(result));
    }

    void fail(std::unique_ptr<Job> job, const std::string& reason) {
        Error error = detail::fetch_error(*job, reason);
        finish(std::move(job), unexpected(std::move(error)));
    }

    void deliver_finished() {
        while (!finished.empty()) {
            auto batch = std::move(finished);
            finished.clear();
            for (auto& [job, result] : batch) {
                job->done(std::move(result));
            }
        }
    }

    // Starts every pending job that its host's limits allow; returns the earliest time a
    // job still waiting could start (for the poll timeout).
    std::optional<Clock::time_point> start_ready() {
        const auto now = Clock::now();
        const auto delay = std::chrono::milliseconds(options.per_host_delay_ms);
        const auto max_total = static_cast<std::size_t>(std::max(1, options.max_total));
        std::optional<Clock::time_point> wake;
        auto wake_at = [&wake](Clock::time_point t) { wake = wake ? std::min(*wake, t) : t; };
        for (auto it = pending.begin(); it != pending.end() && active.size() < max_total;) {
            Job& job = **it;
            if (job.not_before > now) {
                wake_at(job.not_before);
                ++it;
                continue;
            }
            Host& host = hosts[job.host];
            if (host.active >= std::max(1, options.max_per_host)) {
                ++it; // woken when one of the host's transfers ends
                continue;
            }
            if (delay.count() > 0 && host.last_start && now < *host.last_start + delay) {
                wake_at(*host.last_start + delay);
                ++it;
                continue;
            }
            auto owned = std::move(*it);
            it = pending.erase(it);
            start(std::move(owned), host, now);
        }
        return wake;
    }

    void start(std::unique_ptr<Job> job, Host& host, Clock::time_point now) {
        auto take_handle = [this] {
            if (spare.empty()) {
                return detail::CurlHandle{};
            }
            detail::CurlHandle reused = std::move(spare.back());
            spare.pop_back();
            return reused;
        };
        auto handle = take_handle();
        auto transfer = std::make_unique<detail::Transfer>(std::move(handle), options, stopping);
        auto cookies = detail::host_key(job->url) == job->origin_host ? detail::Cookies::send
                                                                      : detail::Cookies::withhold;
        transfer->configure(job->request, job->url, share.get(), cookies);
        if (job->total_attempts == 0) {
            job->started = now;
        }
        ++job->attempts;
        ++job->total_attempts;
        CURL* easy = transfer->easy();
        if (CURLMcode rc = curl_multi_add_handle(multi.get(), easy); rc != CURLM_OK) {
            fail(std::move(job), std::string("cannot start transfer: ") + curl_multi_strerror(rc));
            return;
        }
        ++host.active;
        host.last_start = now;
        active.emplace(easy, Active{std::move(job), std::move(transfer)});
    }

    // Handles every finished transfer; returns how many there were.
    int collect_done() {
        int done = 0;
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
            if (msg->msg != CURLMSG_DONE) {
                continue;
            }
            CURL* easy = msg->easy_handle;
            CURLcode rc = msg->data.result;
            auto node = active.extract(easy);
            curl_multi_remove_handle(multi.get(), easy);
            if (node.empty()) {
                continue;
            }
            ++done;
            Active entry = std::move(node.mapped());
            --hosts[entry.job->host].active;
            curl_off_t bytes = 0;
            curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &bytes);
            received += static_cast<std::int64_t>(bytes);
            conclude(std::move(entry.job), *entry.transfer, rc);
            if (spare.size() < 64) {
                spare.push_back(entry.transfer->release_handle());
            }
        }
        return done;
    }

    void conclude(std::unique_ptr<Job> job, detail::Transfer& transfer, CURLcode rc);
    void redirect(std::unique_ptr<Job> job, detail::Transfer& transfer, long status);
    void retry_or_fail(std::unique_ptr<Job> job,
                       const std::string& reason,
                       long status,
                       const std::string& retry_after);
    Response make_response(const Job& job, detail::Transfer& transfer, long status);

    void abort_all() {
        for (auto& [easy, entry] : active) {
            curl_multi_remove_handle(multi.get(), easy);
            --hosts[entry.job->host].active;
            fail(std::move(entry.job), "stopped before the transfer completed");
        }
        active.clear();
        for (auto& job : pending) {
            fail(std::move(job), "stopped before the transfer started");
        }
        pending.clear();
    }

    void run() {
        // Posted work gets slices of this long between rounds of transfer handling.
        constexpr auto k_post_slice = std::chrono::milliseconds(2);
        while (true) {
            deliver_finished();
            const bool more_posted = deliver_posted(k_post_slice);
            if (stopping) {
                // Work on other threads still reports back: wait for it, failing whatever
                // it submits, so nothing refers to this run after it returns.
                while (true) {
                    abort_all();
                    deliver_finished();
                    if (expected_posts <= 0) {
                        return;
                    }
                    const auto before = delivered;
                    deliver_posted(std::chrono::hours(1));
                    if (delivered == before) {
                        curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
                    }
                }
            }
            auto wake = start_ready();
            if (active.empty() && pending.empty() && finished.empty() && expected_posts <= 0) {
                return;
            }
            int running = 0;
            curl_multi_perform(multi.get(), &running);
            // A finished transfer frees a host slot or queues a redirect or retry, and posted
            // work may be waiting: go round again before sleeping.
            if (collect_done() > 0 || !finished.empty() || more_posted) {
                continue;
            }
            int timeout_ms = 1000;
            if (wake) {
                auto until =
                    std::chrono::duration_cast<std::chrono::milliseconds>(*wake - Clock::now());
                timeout_ms = static_cast<int>(std::clamp<std::int64_t>(until.count() + 1, 0, 1000));
            }
            curl_multi_poll(multi.get(), nullptr, 0, timeout_ms, nullptr);
        }
    }
};

void Fetcher::Impl::conclude(std::unique_ptr<Job> job, detail::Transfer& transfer, CURLcode rc) {
    if (stopping) {
        fail(std::move(job), "stopped before the transfer completed");
        return;
    }
    if (transfer.too_large() || rc == CURLE_FILESIZE_EXCEEDED) {
        fail(std::move(job),
             "body larger than the limit of " + std::to_string(options.max_body_bytes) +
                 " bytes (decompressed); transfer aborted");
        return;
    }
    if (!transfer.decode_error().empty()) {
        fail(std::move(job), "cannot decode the body: " + transfer.decode_error());
        return;
    }
    if (rc != CURLE_OK) {
        // libcurl's own message is the more precise ("Connection reset by peer").
        std::string reason = transfer.error_detail();
        if (reason.empty()) {
            reason = curl_easy_strerror(rc);
        }
        if (detail::is_transient_curl(rc)) {
            retry_or_fail(std::move(job), reason, 0, {});
        } else {
            fail(std::move(job), reason);
        }
        return;
    }
    long status = 0;
    curl_easy_getinfo(transfer.easy(), CURLINFO_RESPONSE_CODE, &status);
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        redirect(std::move(job), transfer, status);
    } else if (detail::is_transient_status(status)) {
        retry_or_fail(
            std::move(job), detail::status_text(status), status, transfer.header("retry-after"));
    } else if (status >= 400) {
        fail(std::move(job), detail::status_text(status));
    } else if (status >= 200 && status < 300 && !transfer.finish_body()) {
        fail(std::move(job), "cannot decode the body: " + transfer.decode_error());
    } else if (status == 304 || (status >= 200 && status < 300)) {
        Response response = make_response(*job, transfer, status);
        finish(std::move(job), std::move(response));
    } else {
        fail(std::move(job), "unexpected " + detail::status_text(status));
    }
}

void Fetcher::Impl::redirect(std::unique_ptr<Job> job, detail::Transfer& transfer, long status) {
    std::string target;
    char* resolved = nullptr;
    curl_easy_getinfo(transfer.easy(), CURLINFO_REDIRECT_URL, &resolved);
    if (resolved) {
        target = resolved;
    } else if (std::string location = transfer.header("location"); !location.empty()) {
        target = url::resolve(job->url, location);
    } else {
        fail(std::move(job), detail::status_text(status) + " without a Location header");
        return;
    }
    if (!url::is_http(target)) {
        fail(std::move(job), "redirect to a URL that is not http or https refused: " + target);
        return;
    }
    if (std::find(job->chain.begin(), job->chain.end(), target) != job->chain.end()) {
        std::string loop;
        for (const auto& hop : job->chain) {
            loop += hop + " -> ";
        }
        fail(std::move(job), "redirect loop: " + loop + target);
        return;
    }
    if (static_cast<int>(job->chain.size()) > options.max_redirects) {
        fail(std::move(job), "more than " + std::to_string(options.max_redirects) + " redirects");
        return;
    }
    if (job->only_permanent && (status == 301 || status == 308)) {
        job->permanent = target;
    } else {
        job->only_permanent = false;
    }
    job->chain.push_back(target);
    job->url = target;
    job->host = detail::host_key(target);
    job->attempts = 0;
    job->not_before = Clock::now();
    pending.push_front(std::move(job));
}

void Fetcher::Impl::retry_or_fail(std::unique_ptr<Job> job,
                                  const std::string& reason,
                                  long status,
                                  const std::string& retry_after) {
    if (job->attempts > options.max_retries) {
        fail(std::move(job),
             reason + " (gave up after " + std::to_string(job->attempts) +
                 (job->attempts == 1 ? " attempt)" : " attempts)"));
        return;
    }
    long delay_ms =
        retry_delay_ms(job->attempts, options.retry_base_ms, options.retry_max_ms, random_unit());
    if (status != 0 && !retry_after.empty()) {
        auto now = std::chrono::system_clock::now();
        auto epoch = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
        if (auto seconds = detail::parse_retry_after(retry_after, epoch.count())) {
            if (*seconds > options.max_retry_after_s) {
                fail(std::move(job),
                     reason + " with Retry-After " + std::to_string(*seconds) +
                         " s, over the limit of " + std::to_string(options.max_retry_after_s) +
                         " s for one run");
                return;
            }
            delay_ms = static_cast<long>(*seconds * 1000);
        }
    }
    job->not_before = Clock::now() + std::chrono::milliseconds(delay_ms);
    pending.push_back(std::move(job));
}

Response Fetcher::Impl::make_response(const Job& job, detail::Transfer& transfer, long status) {
    Response response;
    response.url = job.url;
    response.status = status;
    response.not_modified = status == 304;
    response.content_type = transfer.header("content-type");
    response.charset = detail::charset_from_content_type(response.content_type);
    response.etag = transfer.header("etag");
    response.last_modified = transfer.header("last-modified");
    if (response.not_modified) {
        // A 304 may omit the validators: the ones sent are still the current ones.
        if (response.etag.empty()) {
            response.etag = job.request.etag;
        }
        if (response.last_modified.empty()) {
            response.last_modified = job.request.last_modified;
        }
    } else {
        response.body = transfer.take_body();
        if (transfer.decoding() == BodyDecoding::caller) {
            response.content_encoding = transfer.header("content-encoding");
        }
    }
    response.permanent_redirect = job.permanent;
    response.attempts = job.total_attempts;
    response.seconds = std::chrono::duration<double>(Clock::now() - job.started).count();
    return response;
}

Fetcher::Fetcher(Options options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Fetcher::~Fetcher() = default;
Fetcher::Fetcher(Fetcher&&) noexcept = default;
Fetcher& Fetcher::operator=(Fetcher&&) noexcept = default;

void Fetcher::submit(Request request, Callback done) {
    auto job = std::make_unique<Job>();
    job->url = request.url;
    job->chain.push_back(request.url);
    job->origin_host = detail::host_key(request.url);
    job->host = job->origin_host;
    job->request = std::move(request);
    job->done = std::move(done);
    job->not_before = Clock::now();
    if (!url::is_http(job->url) || !url::parse(job->url)) {
        m_impl->fail(std::move(job), "not an http or https URL; refused");
        return;
    }
    m_impl->pending.push_back(std::move(job));
}

void Fetcher::run() {
    m_impl->run();
}

void Fetcher::stop() {
    m_impl->stopping = true;
    curl_multi_wakeup(m_impl->multi.get());
}

std::int64_t Fetcher::bytes_received() const {
    return m_impl->received;
}

void Fetcher::expect_post() {
    ++m_impl->expected_posts;
}

void Fetcher::post(std::function<void()> task) {
    {
        std::lock_guard lock(m_impl->posted_mutex);
        m_impl->posted.push_back(std::move(task));
    }
    curl_multi_wakeup(m_impl->multi.get());
}

Result<void> decode_body(Response& response, std::int64_t max_body_bytes) {
    if (response.content_encoding.empty()) {
        return {};
    }
    detail::ContentDecoder decoder(response.content_encoding);
    std::string plain;
    auto status = decoder.feed(response.body, plain, max_body_bytes);
    if (status == detail::ContentDecoder::Status::ok) {
        status = decoder.finish();
    }
    switch (status) {
    case detail::ContentDecoder::Status::ok:
        response.body = std::move(plain);
        response.content_encoding.clear();
        return {};
    case detail::ContentDecoder::Status::too_large:
        return unexpected(Error{Stage::fetch,
                                response.url + ": body larger than the limit of " +
                                    std::to_string(max_body_bytes) + " bytes (decompressed)"});
    case detail::ContentDecoder::Status::corrupt: break;
    }
    return unexpected(
        Error{Stage::fetch, response.url + ": cannot decode the body: " + decoder.error()});
}

Result<Response> Fetcher::get(Request request) {
    std::optional<Result<Response>> outcome;
    submit(std::move(request), [&outcome](Result<Response> r) { outcome.emplace(std::move(r)); });
    run();
    if (!outcome) {
        return unexpected(Error{Stage::fetch, "fetch did not complete"});
    }
    return std::move(*outcome);
}

} // namespace archiver::fetch
