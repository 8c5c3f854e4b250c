// SPDX-License-Identifier: MIT
// The run's sources: a feed, list page or JSON endpoint fetched, parsed on a worker, and its
// entries archived from the feed or handed on as article pages (run_pages.cpp).
#include "runner.hpp"

#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>
#include <archiver/feed/parse.hpp>
#include <archiver/fetch/backoff.hpp>
#include <archiver/listing/listing.hpp>
#include <archiver/normalize/normalize.hpp>
#include <archiver/text/charset.hpp>

#include <algorithm>
#include <set>

namespace archiver::archive {
namespace {

std::string media_type(const std::string& content_type) {
    std::string t = content_type.substr(0, content_type.find(';'));
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    t.erase(0, t.find_first_not_of(' '));
    t.erase(t.find_last_not_of(' ') + 1);
    return t;
}

// Wraps feed-supplied HTML so the extractor reads it as the whole body.
std::string wrap_entry_html(std::string_view fragment) {
    constexpr std::string_view head =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>";
    constexpr std::string_view tail = "</article></body></html>";
    std::string html;
    html.reserve(head.size() + fragment.size() + tail.size());
    html += head;
    html += fragment;
    html += tail;
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

std::vector<PlannedEntry> plan_entries(std::vector<Entry> entries,
                                       const std::string& base_url,
                                       const Source& source) {
    std::vector<PlannedEntry> planned(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        Entry& entry = entries[i];
        PlannedEntry& p = planned[i];
        ItemHint& hint = p.hint;
        hint.link = entry.link ? url::resolve(base_url, *entry.link) : std::string();
        p.link_key = store::url_key(hint.link);
        hint.guid = entry.id ? std::move(*entry.id) : std::string();
        if (hint.guid.empty()) {
            hint.guid = normalize::synthesize_guid(hint.link, entry.title.value_or(""),
                                                   entry.published ? format_utc(*entry.published) : "");
        }
        hint.title = std::move(entry.title).value_or("");
        hint.author = std::move(entry.author).value_or("");
        hint.date = entry.published ? entry.published : entry.updated;
        p.updated = entry.updated;
        p.fetch_page = !hint.link.empty() && url::is_http(hint.link) && needs_full_text(source, entry);
        if (!p.fetch_page) {
            p.html = entry.content ? std::move(*entry.content) : std::move(entry.summary).value_or("");
        }
    }
    return planned;
}

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
    const Source* source = &job.source; // lives as long as the run
    offload(
        state,
        [po, cached_hash, type, max_body, source](State& st) {
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
                if (*st.parsed.doc) {
                    // Planned here, and the parsed entries and the body freed here: the run
                    // thread has the store to feed.
                    st.parsed.entries =
                        plan_entries(std::move((*st.parsed.doc)->entries), po.base_url, *source);
                    (*st.parsed.doc)->entries.clear();
                    st.res.body = std::string();
                }
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
    handle_entries(job, std::move(parsed.entries));
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
        handle_entries(job, plan_entries(std::move(job.listed), job.fetched_url, src));
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
                handle_entries(job, plan_entries(std::move(job.listed), job.fetched_url,
                                                 job.source));
                return;
            }
            on_list_page(job, std::move(*r));
        });
        return;
    }
    handle_entries(job, plan_entries(std::move(job.listed), job.fetched_url, src));
}

void Runner::handle_entries(Job& job, std::vector<PlannedEntry> entries) {
    const Source& src = job.source;
    // Read once: none of this source's items is archived while its entries are sorted.
    const bool source_is_new = !entries.empty() && !m_store->has_articles(src.name);
    int taken = 0;
    std::vector<EntryWork> entry_work;
    entry_work.reserve(entries.size());
    store::ArticleRecord probe; // the known-item lookup's key, reused for every entry
    probe.source = src.name;
    for (PlannedEntry& entry : entries) {
        if (out_of_time()) {
            break;
        }
        ++job.report.items_seen;
        ItemHint& hint = entry.hint;

        // Known item: skip without fetching its page unless the feed says it changed.
        probe.guid = hint.guid;
        probe.canonical_url = hint.link;
        probe.url_keys.emplace().canonical_url = entry.link_key;
        if (source_is_new) {
            // No article of this source yet: no GUID or URL can be one of its own, so only
            // a duplicate decision of an earlier run (for an item no article has the URL
            // of) skips the item; the URL is looked up only when there is such a decision.
            if (!hint.link.empty() && !entry.updated &&
                m_store->has_duplicate_decision(hint.link, entry.link_key) &&
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
                   m_store->has_duplicate_decision(hint.link, entry.link_key) &&
                   !entry.updated) {
            // Judged a duplicate (and skipped) by an earlier run: not fetched again.
            ++job.report.unchanged;
            continue;
        } else if (src.max_items > 0 && taken >= src.max_items) {
            continue;
        }
        ++taken;
        if (entry.fetch_page) {
            fetch_article(job, std::move(hint));
            continue;
        }
        EntryWork& work = entry_work.emplace_back();
        work.options.url = hint.link.empty() ? job.fetched_url : hint.link;
        work.options.rules.body = "article";
        work.options.zone = job.batch->zone;
        work.options.now = m_now;
        work.html = std::move(entry.html);
        work.hint = std::move(hint);
    }
    const bool archived_later = !entry_work.empty();
    if (archived_later) {
        // The entries are extracted on a worker, in one task so they are archived in feed
        // order, as before.
        auto state = std::make_shared<std::vector<EntryWork>>(std::move(entry_work));
        ++job.outstanding;
        const Source* source = &job.source; // lives as long as the run
        offload(
            state,
            [source](std::vector<EntryWork>& all) {
                for (auto& w : all) {
                    const std::string html = wrap_entry_html(w.html);
                    w.html = std::string();
                    w.article = extract::extract_article(html, w.options);
                    if (*w.article) {
                        Article& a = **w.article;
                        a.url = w.hint.link; // archived from the feed: the entry's link
                        a.canonical_url.clear();
                        w.prints = fingerprint_body(a.body);
                        prepare_article(a, w.hint, *source, *w.prints);
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
        archive_extracted(job, w); // its URL was set to the entry's link on the worker
    }
}

} // namespace archiver::archive
