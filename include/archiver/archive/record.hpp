// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/result.hpp>
#include <archiver/core/time.hpp>
#include <archiver/document/document.hpp>
#include <archiver/store/store.hpp>

#include <filesystem>
#include <string>

namespace archiver::archive {

// The plain text of a Markdown body (a real CommonMark/GFM parse), one block a line.
std::string markdown_to_text(std::string_view markdown);

// Rebuilds the index row of an archived file from its front matter and body alone
// (`reindex`, start-up reconciliation). `relative_path` is '/'-separated from the archive
// root; a `date` that states no offset is read in `zone`. Fails when the file has no `id`.
Result<store::ArticleRecord> record_from_document(const document::Document& doc,
                                                  const std::string& relative_path,
                                                  const TimeZone& zone);

// The export item of an archived file (SPEC §2, archiver-archive(5)): every front-matter
// field, then `path` (relative to the archive) and `markdown` (the body); one JSON object
// on one line, `null` for unknown values of the fixed keys.
std::string item_json(const document::Document& doc, const std::string& relative_path);

// Reads and parses one archived file.
Result<document::Document> read_document(const std::filesystem::path& file);

} // namespace archiver::archive
