// SPDX-License-Identifier: MIT
#include "pipeline.hpp"

#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>

namespace archiver::archive {

Fingerprints fingerprint_body(const ContentNode& body) {
    Fingerprints f;
    f.text = markdown::render_text(body);
    f.content_hash = normalize::content_hash(f.text);
    f.simhash = normalize::simhash(f.text);
    f.summary = markdown::make_summary(f.text);
    return f;
}

} // namespace archiver::archive
