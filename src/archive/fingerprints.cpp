// SPDX-License-Identifier: MIT
#include "pipeline.hpp"

#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>

namespace archiver::archive {

// The store pre-filters near candidates by SimHash distance; the archive's confirmation
// must never need one it skipped.
static_assert(store::k_near_candidate_distance == normalize::k_near_duplicate_distance,
              "a candidate the archive's near-duplicate rule could accept is never skipped");

Fingerprints fingerprint_body(const ContentNode& body) {
    Fingerprints f;
    f.text = markdown::render_text(body);
    auto prints = normalize::body_prints(f.text); // one fingerprint_text pass for both
    f.content_hash = std::move(prints.content_hash);
    f.simhash = prints.simhash;
    f.summary = markdown::make_summary(f.text);
    f.keys = store::text_keys(f.text);
    f.markdown = markdown::render_markdown(body);
    return f;
}

} // namespace archiver::archive
