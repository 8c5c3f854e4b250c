// SPDX-License-Identifier: MIT
#include <archiver/config/config.hpp>
#include <archiver/core/url.hpp>

#include <cstdlib>

namespace archiver::config {
namespace {

std::filesystem::path env_path(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? std::filesystem::path(v) : std::filesystem::path();
}

std::filesystem::path home_dir() {
    auto home = env_path("HOME");
    return home.empty() ? std::filesystem::path("/tmp") : home;
}

} // namespace

Paths default_paths(std::string_view config_dir) {
    Paths p;
    if (!config_dir.empty()) {
        p.config_dir = std::filesystem::path(config_dir);
        p.data_dir = p.config_dir;
    } else {
        auto xdg_config = env_path("XDG_CONFIG_HOME");
        auto xdg_data = env_path("XDG_DATA_HOME");
        p.config_dir = (xdg_config.empty() ? home_dir() / ".config" : xdg_config) / "archiver";
        p.data_dir =
            (xdg_data.empty() ? home_dir() / ".local" / "share" : xdg_data) / "archiver";
    }
    p.config_file = p.config_dir / "archiver.toml";
    p.feeds_dir = p.config_dir / "feeds.d";
    p.archive_dir = p.data_dir / "archive";
    p.database = p.data_dir / "archiver.db";
    p.lock_file = p.data_dir / "archiver.lock";
    return p;
}

Source adhoc_source(const std::string& name, const std::string& url) {
    Source s;
    s.name = name;
    s.title = name;
    s.url = url;
    s.full_text = FullText::always;
    if (auto u = url::parse(url)) {
        const std::string& h = u->host;
        if (h.size() >= 3 && h.compare(h.size() - 3, 3, ".cn") == 0) {
            s.timezone = "+08:00";
        }
    }
    return s;
}

} // namespace archiver::config
