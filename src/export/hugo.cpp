// SPDX-License-Identifier: MIT
// The archive as a complete, minimal Hugo site: the archived files are already Hugo
// content (front matter with Mainroad's keys), so the export copies them under content/
// and adds a configuration and layouts of its own, so no theme is needed.
#include <archiver/export/export.hpp>

#include "item_fields.hpp"

#include <fstream>
#include <system_error>

namespace archiver::exporter {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_config = R"(# Written by `archiver export --format hugo`. Build with: hugo
baseURL = "/"
title = "archiver archive"
relativeURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT"]
enableRobotsTXT = false

[taxonomies]
category = "categories"
tag = "tags"

[markup.goldmark.renderer]
unsafe = false
)";

constexpr const char* k_baseof = R"(<!DOCTYPE html>
<html lang="{{ site.LanguageCode | default "en" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>
<style>body{max-width:46rem;margin:2rem auto;padding:0 1rem;font:17px/1.6 sans-serif}
img{max-width:100%}nav a{margin-right:1rem}.meta{color:#666;font-size:.9em}</style>
</head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
)";

constexpr const char* k_single = R"({{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta">{{ with .Date }}{{ .Format "2006-01-02 15:04" }}{{ end }}
{{ with .Params.author }} · {{ . }}{{ end }}
{{ with .Params.source }} · {{ . }}{{ end }}</p>
{{ .Content }}
{{ with .Params.source_url }}<p class="meta">Source: <a href="{{ . }}">{{ . }}</a></p>{{ end }}
</article>
{{ end }}
)";

constexpr const char* k_list = R"({{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<span class="meta">{{ with .Date }}{{ .Format "2006-01-02" }}{{ end }}</span></li>
{{ end }}
</ul>
{{ end }}
)";

constexpr const char* k_index = R"({{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul>
{{ range first 200 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<span class="meta">{{ with .Date }}{{ .Format "2006-01-02" }}{{ end }} · {{ .Params.source }}</span></li>
{{ end }}
</ul>
{{ end }}
)";

void write_text(const fs::path& path, const char* text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) {
        throw fs::filesystem_error("cannot write", path, std::make_error_code(std::errc::io_error));
    }
}

} // namespace

Result<ExportSummary> export_hugo(const store::Store& store,
                                  const ExportOptions& options,
                                  const fs::path& output_dir) {
    ExportSummary summary;
    try {
        if (fs::exists(output_dir) && !fs::is_empty(output_dir)) {
            return unexpected(Error{Stage::write, output_dir.string() +
                                                      " is not empty; give a new folder"});
        }
        write_text(output_dir / "hugo.toml", k_config);
        write_text(output_dir / "layouts" / "_default" / "baseof.html", k_baseof);
        write_text(output_dir / "layouts" / "_default" / "single.html", k_single);
        write_text(output_dir / "layouts" / "_default" / "list.html", k_list);
        write_text(output_dir / "layouts" / "index.html", k_index);
        const fs::path content = output_dir / "content";
        fs::create_directories(content);
        store.for_each(options.filter, [&](const store::ArticleRecord& r) {
            const fs::path from = options.archive_root / r.path;
            if (!is_safe_relative_path(r.path) || !fs::is_regular_file(from)) {
                ++summary.unreadable;
                return;
            }
            const fs::path to = content / r.path;
            fs::create_directories(to.parent_path());
            if (fs::path(r.path).filename() == "index.md") {
                // A page bundle: the article with its images beside it.
                fs::copy(from.parent_path(), to.parent_path(),
                         fs::copy_options::recursive | fs::copy_options::overwrite_existing);
            } else {
                fs::copy_file(from, to, fs::copy_options::overwrite_existing);
            }
            ++summary.articles;
        });
    } catch (const std::exception& e) {
        return unexpected(Error{Stage::write, e.what()});
    }
    return summary;
}

} // namespace archiver::exporter
