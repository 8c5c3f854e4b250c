// SPDX-License-Identifier: MIT
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"archiver: archive news feeds and pages as Markdown"};
    app.set_version_flag("--version", std::string("archiver ") + ARCHIVER_VERSION);
    CLI11_PARSE(app, argc, argv);
    return 0;
}
