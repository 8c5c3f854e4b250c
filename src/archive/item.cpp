// SPDX-License-Identifier: MIT
#include "pipeline.hpp"

#include <archiver/archive/compose.hpp>
#include <archiver/archive/record.hpp>
#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>
#include <archiver/document/document.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>
#include <fstream>
#include <set>
#include <iterator>
#include <memory>
#include <utility>

namespace archiver::archive {
namespace {

// rel=canonical that points at a site's home page or another site is a template bug, not
// the article's identity.
std::string pick_canonical(const Article& article) {
    if (!article.canonical_url.empty()) {
        auto c = url::parse(article.canonical_url);
        auto p = url::parse(article.url);
        if (c && (c->scheme == "http" || c->scheme == "https") && c->path.size() > 1 &&
            (!p || p->host.empty() || c->host == p->host ||
             (c->host.size() > 4 && p->host.find(c->host.substr(c->host.find('.') + 1)) !=
                                        std::string::npos))) {
            return url::canonicalize(article.canonical_url);
        }
    }
    return url::canonicalize(article.url);
}

enum class Layout { file, bundle };

// The archive folder `dir` (relative, '/'-terminated) as the run knows it: read once per run.
TakenPaths::Folder& folder_names(const store::Store& store, SourceBatch& batch, std::string_view dir) {
    auto found = batch.taken.folders.find(dir);
    if (found != batch.taken.folders.end()) {
        return found->second;
    }
    TakenPaths::Folder& folder = batch.taken.folders[std::string(dir)];
    std::error_code ec;
    for (std::filesystem::directory_iterator d(batch.root / dir, ec), end; !ec && d != end;
         d.increment(ec)) {
        folder.on_disk.insert(d->path().filename().string());
    }
    const std::string prefix(dir);
    for (auto& p : store.paths_under(prefix)) {
        if (p.compare(0, prefix.size(), prefix) == 0) {
            folder.indexed.insert(p.substr(prefix.size()));
        }
    }
    return folder;
}

// Appends `value` in decimal, zero-padded to `width` digits (as printf's "%0*d").
void append_padded(std::string& out, int value, int width) {
    char digits[16];
    const auto r = std::to_chars(digits, digits + sizeof digits, value);
    const int n = static_cast<int>(r.ptr - digits);
    if (value < 0) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%0*d", width, value);
        out += buf;
        return;
    }
    out.append(static_cast<std::size_t>(std::max(0, width - n)), '0');
    out.append(digits, r.ptr);
}

// `<source>/<YYYY>/<MM>/<YYYY-MM-DD>-<slug>.md`, or `.../<YYYY-MM-DD>-<slug>/index.md` for a
// page bundle; collisions get -2, -3, ... (a file and a bundle of the same stem collide).
// A name is taken when the index has it, this run chose it, or the folder holds a file or
// folder of that stem.
std::string choose_path(const store::Store& store,
                        SourceBatch& batch,
                        const Article& article,
                        const DateTime& when,
                        Layout layout,
                        const std::string* precomputed_slug) {
    // As format_pattern "%Y/%m/" and "%Y-%m-%d", from one date conversion.
    const CivilTime t = civil_from_epoch(when.epoch + when.offset);
    std::string dir = batch.source.name;
    dir += '/';
    append_padded(dir, static_cast<int>(t.year), 4);
    dir += '/';
    append_padded(dir, static_cast<int>(t.month), 2);
    dir += '/';
    std::string stem;
    append_padded(stem, static_cast<int>(t.year), 4);
    stem += '-';
    append_padded(stem, static_cast<int>(t.month), 2);
    stem += '-';
    append_padded(stem, static_cast<int>(t.day), 2);
    stem += '-';
    stem += precomputed_slug ? *precomputed_slug : normalize::make_slug(article.url, article.title);
    TakenPaths::Folder& folder = folder_names(store, batch, dir);
    for (int n = 1; n < 10000; ++n) {
        std::string name = stem;
        if (n > 1) {
            name += '-';
            name += std::to_string(n);
        }
        std::string as_file = name + ".md";
        std::string as_bundle = name + "/index.md";
        const bool free = folder.on_disk.count(as_file) == 0 && folder.on_disk.count(name) == 0 &&
                          folder.chosen.count(as_file) == 0 &&
                          folder.chosen.count(as_bundle) == 0 &&
                          folder.indexed.count(as_file) == 0 &&
                          folder.indexed.count(as_bundle) == 0;
        if (free) {
            std::string& rel = layout == Layout::bundle ? as_bundle : as_file;
            std::string path = dir + rel;
            folder.chosen.insert(std::move(rel));
            return path;
        }
    }
    throw Fatal("no free file name for " + article.url);
}

std::vector<document::Map> read_revisions(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return {};
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto doc = document::parse(text);
    if (!doc) {
        return {};
    }
    if (const auto* v = doc->find("revisions")) {
        if (const auto* maps = std::get_if<std::vector<document::Map>>(&v->v)) {
            return *maps;
        }
    }
    return {};
}

// Stages the file (not on a dry run) and reports the item to `run --json`. Without a
// report the document is composed and written on the writer's threads.
void emit(SourceBatch& batch, const std::string& path, Article article, ComposeInfo info) {
    if (!batch.run.on_item) {
        if (batch.run.dry_run == DryRun::no) {
            auto held = std::make_shared<std::pair<Article, ComposeInfo>>(std::move(article),
                                                                          std::move(info));
            const Source* source = &batch.source; // lives as long as the run
            batch.writer.stage_with(path, [source, held] {
                return document::to_string(compose_document(*source, held->first, held->second));
            });
        }
        return;
    }
    const document::Document doc = compose_document(batch.source, article, info);
    if (batch.run.dry_run == DryRun::no) {
        batch.writer.stage(path, document::to_string(doc));
    }
    batch.run.on_item(item_json(doc, path));
}

bool is_bundle(const std::string& path) {
    return path.size() > 9 && path.compare(path.size() - 9, 9, "/index.md") == 0;
}

void rewrite_images(ContentNode& node, const LocalImages& images) {
    if (node.kind == NodeKind::image) {
        if (auto it = images.find(node.src); it != images.end()) {
            node.src = it->second.name;
        }
    }
    for (auto& child : node.children) {
        rewrite_images(child, images);
    }
}

// Points the body's images at their local copies and stages them beside `path`, when
// `path` is a page bundle (articles archived as plain files keep remote images).
void localize_images(SourceBatch& batch,
                     Article& article,
                     const std::string& path,
                     const LocalImages& images) {
    if (images.empty() || !is_bundle(path)) {
        return;
    }
    rewrite_images(article.body, images);
    if (batch.run.dry_run == DryRun::yes) {
        return;
    }
    const std::string dir = path.substr(0, path.size() - 8); // keeps the '/'
    std::set<std::string> staged;
    for (const auto& [url, image] : images) {
        if (staged.insert(image.name).second) {
            batch.writer.stage(dir + image.name, image.bytes);
        }
    }
}

const char* match_reason(store::MatchKind kind) {
    switch (kind) {
    case store::MatchKind::guid: return "guid";
    case store::MatchKind::url: return "url";
    case store::MatchKind::hash: return "hash";
    case store::MatchKind::near: return "near";
    case store::MatchKind::none: break;
    }
    return "";
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The title to archive. The source's own [extract] title rule wins (the user wrote it for
// this page); then the feed's or list's title (the publisher's); then what extraction found.
// A listed title cut short with an ellipsis gives way to the page's full title it begins.
std::string choose_title(const Article& article, const std::string& listed) {
    const auto rule = article.provenance.find("title");
    if (listed.empty() || article.title.empty() ||
        (rule != article.provenance.end() && rule->second == "selector")) {
        return article.title.empty() ? listed : article.title;
    }
    for (std::string_view ellipsis : {"...", "\u2026"}) {
        if (ends_with(listed, ellipsis)) {
            std::string_view stem(listed);
            stem.remove_suffix(ellipsis.size());
            while (!stem.empty() && stem.back() == ' ') {
                stem.remove_suffix(1);
            }
            if (!stem.empty() && article.title.rfind(stem, 0) == 0) {
                return article.title;
            }
        }
    }
    return listed;
}

// The pure part of `archive_article`: the article's fields completed from its hint.
void complete_article(Article& article, const ItemHint& hint, const Source& source) {
    article.title = choose_title(article, hint.title);
    if (!article.date && hint.date) {
        article.date = hint.date;
    }
    if (article.author.empty()) {
        article.author = hint.author;
    }
    if (article.url.empty()) {
        article.url = hint.link;
    }
    if (article.lang.empty()) {
        article.lang = source.lang;
    }
}

} // namespace

void prepare_article(Article& article, const ItemHint& hint, const Source& source,
                     Fingerprints& prints) {
    complete_article(article, hint, source);
    prints.canonical_url = pick_canonical(article);
    prints.url_key = store::url_key(prints.canonical_url);
    prints.slug = normalize::make_slug(prints.canonical_url, article.title);
    prints.prepared = true;
}

Outcome archive_article(store::Store& store,
                        SourceBatch& batch,
                        Article article,
                        const ItemHint& hint,
                        std::string* error,
                        const LocalImages& images,
                        Fingerprints* precomputed) {
    const bool prepared = precomputed && precomputed->prepared;
    if (!prepared) {
        complete_article(article, hint, batch.source);
    }
    Fingerprints fp;
    if (!precomputed) {
        fp = fingerprint_body(article.body);
    }
    // Its text, keys and Markdown are moved on to the index row and the file, not copied.
    Fingerprints& prints = precomputed ? *precomputed : fp;
    if (prints.text.find_first_not_of(" \n\t") == std::string::npos) {
        *error = "extract: no article text found";
        return Outcome::failed;
    }

    store::ArticleRecord record;
    record.source = batch.source.name;
    record.guid = hint.guid.empty() ? article.url : hint.guid;
    // The archived URL is the canonical one: rel=canonical when it is sound, else the
    // fetched URL without tracking parameters or fragment.
    record.canonical_url = prepared ? std::move(prints.canonical_url) : pick_canonical(article);
    article.url = record.canonical_url;
    record.source_url = record.canonical_url;
    if (prepared) {
        record.url_keys.emplace(store::UrlKeys{prints.url_key, std::move(prints.url_key)});
    }
    record.title = article.title;
    record.author = article.author;
    record.lang = article.lang;
    if (article.date) {
        record.date = in_zone(*article.date, batch.zone);
    }
    record.fetched = batch.now;
    record.content_hash = prints.content_hash;
    record.simhash = prints.simhash;
    record.summary = prints.summary;
    record.text = std::move(prints.text);
    record.keys = std::move(prints.keys);

    // Near duplicates: SimHash candidates confirmed by shingle overlap (docs/archive-format.md).
    // The new body's shingles are gathered once, for the first candidate that needs them.
    std::optional<normalize::ShingleProbe> shingles;
    const store::Match match = store.find_match(
        record, [&](const store::ArticleRecord& a, const store::ArticleRecord& b) {
            if (normalize::hamming(a.simhash, b.simhash) > normalize::k_near_duplicate_distance) {
                return false;
            }
            if (!shingles) {
                shingles.emplace(a.text);
            }
            return shingles->is_near_duplicate(a.simhash, b.simhash, b.text);
        });
    const bool same_source = match.kind != store::MatchKind::none &&
                             match.existing.source == record.source;
    ComposeInfo info;
    info.guid = record.guid;
    info.fetched = batch.now;
    info.date_format = batch.date_format;
    info.summary = std::move(prints.summary);
    info.content_hash = std::move(prints.content_hash);
    // The body's Markdown as fingerprinted, unless its images are about to point at local
    // copies (then it is rendered again).
    auto markdown_for = [&](const std::string& path) {
        if (images.empty() || !is_bundle(path)) {
            info.markdown = std::move(prints.markdown);
        }
    };

    const bool is_update =
        same_source && match.kind != store::MatchKind::hash &&
        match.existing.content_hash != record.content_hash;
    if (same_source && !is_update) {
        return Outcome::unchanged;
    }
    if (is_update) {
        record.id = match.existing.id;
        record.path = match.existing.path;
        record.guid = match.existing.guid;
        info.guid = record.guid;
        info.id = record.id;
        info.duplicate_of = match.existing.duplicate_of;
        record.duplicate_of = match.existing.duplicate_of;
        record.duplicate_reason = match.existing.duplicate_reason;
        info.revisions = read_revisions(batch.root / record.path);
        document::Map rev;
        rev.emplace_back("time", document::Value{format_rfc3339(in_zone(DateTime{batch.now, 0}, batch.zone))});
        rev.emplace_back("previous_hash", document::Value{match.existing.content_hash});
        info.revisions.push_back(std::move(rev));
        if (auto r = store.update_article(record, match.existing.content_hash, batch.now); !r) {
            *error = r.error().message;
            return Outcome::failed;
        }
        markdown_for(record.path);
        localize_images(batch, article, record.path, images);
        emit(batch, record.path, std::move(article), std::move(info));
        return Outcome::updated;
    }

    if (match.kind != store::MatchKind::none) {
        record.duplicate_of = match.existing.duplicate_of.value_or(match.existing.id);
        record.duplicate_reason = match_reason(match.kind);
        if (match.kind == store::MatchKind::near) {
            record.duplicate_reason += ":" + std::to_string(match.distance);
        }
        if (batch.source.dedupe == DedupePolicy::skip) {
            store.record_skipped_duplicate(record);
            return Outcome::duplicate;
        }
    }

    const DateTime when = record.date ? *record.date : in_zone(DateTime{batch.now, 0}, batch.zone);
    record.path = choose_path(store, batch, article, when,
                              images.empty() ? Layout::file : Layout::bundle,
                              prepared ? &prints.slug : nullptr);
    if (auto r = store.insert_article(record); !r) {
        *error = r.error().message;
        return Outcome::failed;
    }
    info.id = record.id;
    info.duplicate_of = record.duplicate_of;
    markdown_for(record.path);
    localize_images(batch, article, record.path, images);
    emit(batch, record.path, std::move(article), std::move(info));
    log::debug("[" + batch.source.name + "] new " + record.path);
    return match.kind == store::MatchKind::none ? Outcome::added : Outcome::duplicate;
}

} // namespace archiver::archive

namespace archiver::archive {

TimeZone source_zone(const Source& source, std::string_view page_html) {
    if (!source.timezone.empty()) {
        if (auto z = TimeZone::from_name(source.timezone)) {
            return *z;
        }
    }
    // Without a configured zone (SPEC §3): a page in Chinese or under .cn is read in +08:00.
    if (source.lang.rfind("zh", 0) == 0) {
        return TimeZone::fixed(8 * 3600);
    }
    if (auto u = url::parse(source.url)) {
        const std::string& h = u->host;
        if (h.size() > 3 && h.compare(h.size() - 3, 3, ".cn") == 0) {
            return TimeZone::fixed(8 * 3600);
        }
    }
    if (!page_html.empty()) {
        const std::string_view head = page_html.substr(0, 4096);
        for (std::string_view marker : {"lang=\"zh", "lang='zh", "lang=zh", "zh-CN", "zh-cn",
                                        "charset=gb", "charset=\"gb", "charset=GB", "charset=\"GB"}) {
            if (head.find(marker) != std::string_view::npos) {
                return TimeZone::fixed(8 * 3600);
            }
        }
        // Mostly CJK text (3-byte UTF-8 sequences starting E4..E9) in the page.
        std::size_t cjk = 0, letters = 0;
        for (std::size_t i = 0; i < page_html.size() && i < 200000; ++i) {
            const auto c = static_cast<unsigned char>(page_html[i]);
            if (c >= 0xE4 && c <= 0xE9) {
                ++cjk;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                ++letters;
            }
        }
        if (cjk * 10 > letters && cjk > 50) {
            return TimeZone::fixed(8 * 3600);
        }
    }
    return TimeZone();
}

} // namespace archiver::archive

namespace archiver::archive {
namespace {

void collect_images(const ContentNode& node, std::vector<std::string>& out, std::size_t limit) {
    if (out.size() >= limit) {
        return;
    }
    if (node.kind == NodeKind::image && url::is_http(node.src) &&
        std::find(out.begin(), out.end(), node.src) == out.end()) {
        out.push_back(node.src);
    }
    for (const auto& child : node.children) {
        collect_images(child, out, limit);
    }
}

} // namespace

std::vector<std::string> image_urls(const ContentNode& body, std::size_t limit) {
    std::vector<std::string> out;
    collect_images(body, out, limit);
    return out;
}

std::string local_image_name(const std::string& url,
                             const std::string& content_type,
                             const std::string& bytes) {
    static const std::pair<const char*, const char*> k_types[] = {
        {"image/jpeg", ".jpg"}, {"image/png", ".png"},   {"image/gif", ".gif"},
        {"image/webp", ".webp"}, {"image/avif", ".avif"}, {"image/svg+xml", ".svg"}};
    std::string type = content_type.substr(0, content_type.find(';'));
    for (auto& c : type) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string ext;
    for (const auto& [t, e] : k_types) {
        if (type == t) {
            ext = e;
        }
    }
    if (ext.empty()) {
        // Servers often say application/octet-stream: trust the URL's extension then.
        std::string path = url.substr(0, url.find_first_of("?#"));
        const auto dot = path.rfind('.');
        std::string tail = dot == std::string::npos ? "" : path.substr(dot);
        for (auto& c : tail) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        for (const char* e : {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}) {
            if (tail == e) {
                ext = tail == ".jpeg" ? ".jpg" : tail;
            }
        }
        if (ext.empty() || (!type.empty() && type != "application/octet-stream" &&
                            type.rfind("image/", 0) != 0)) {
            return {};
        }
    }
    if (bytes.empty()) {
        return {};
    }
    return normalize::sha256_hex(bytes).substr(0, 16) + ext;
}

} // namespace archiver::archive
