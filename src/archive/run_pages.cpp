// SPDX-License-Identifier: MIT
// The run's article pages: queued, fetched, decoded and extracted on a worker, their images
// fetched when kept locally, then stored.
#include "crash_point.hpp"
#include "runner.hpp"

#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>
#include <archiver/text/charset.hpp>

namespace archiver::archive {
namespace {

// Local images: at most this many per article, each at most this large.
constexpr std::size_t k_max_images = 40;
constexpr std::int64_t k_max_image_bytes = 10 << 20;

} // namespace

void Runner::fetch_article(Job& job, ItemHint hint) {
    ++job.outstanding;
    m_article_queue.emplace_back(&job, std::move(hint));
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
                job->report.reason = stop_reason();
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
                         [this, job = job, hint = std::move(hint)](Result<fetch::Response> r) {
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
                prepare_article(**w.article, w.hint, source, *w.prints);
            }
        },
        [this, &job](PageWork& w) {
            on_page_extracted(job, w);
            page_done(job);
        });
}

void Runner::on_page_extracted(Job& job, PageWork& work) {
    if (*work.article && job.source.timezone.empty()) {
        job.batch->zone = work.options.zone;
    }
    archive_extracted(job, work);
}

void Runner::archive_extracted(Job& job, ExtractWork& work) {
    auto& article = *work.article;
    if (!article) {
        item_failed(job, work.options.url, article.error());
        return;
    }
    archive_one(job, std::move(*article), work.hint, work.prints ? &*work.prints : nullptr);
}

// Downloads the article's images first when the source keeps them locally (a Hugo page
// bundle); images that fail or are not images stay remote.
void Runner::archive_one(Job& job,
                         Article article,
                         const ItemHint& hint,
                         Fingerprints* prints) {
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
                       Fingerprints* prints) {
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

} // namespace archiver::archive
