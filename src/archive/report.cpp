// SPDX-License-Identifier: MIT
#include <archiver/archive/run.hpp>

#include <csignal>

namespace archiver::archive {

int RunReport::added() const {
    int n = 0;
    for (const auto& s : sources) {
        n += s.added;
    }
    return n;
}

int RunReport::updated() const {
    int n = 0;
    for (const auto& s : sources) {
        n += s.updated;
    }
    return n;
}

int RunReport::duplicates() const {
    int n = 0;
    for (const auto& s : sources) {
        n += s.duplicates;
    }
    return n;
}

int RunReport::failed_sources() const {
    int n = 0;
    for (const auto& s : sources) {
        n += s.ok ? 0 : 1;
    }
    return n;
}

int RunReport::failed_items() const {
    int n = 0;
    for (const auto& s : sources) {
        n += s.failed_items;
    }
    return n;
}

int RunReport::exit_code() const {
    if (interrupted_by == SIGINT) {
        return exit_code::k_sigint;
    }
    if (interrupted_by == SIGTERM) {
        return exit_code::k_sigterm;
    }
    if (!config_errors.empty() || failed_sources() > 0 || failed_items() > 0) {
        return exit_code::k_partial;
    }
    return exit_code::k_ok;
}

} // namespace archiver::archive
