// SPDX-License-Identifier: MIT
#include "app.hpp"

#include <archiver/core/error.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    try {
        CLI::App app{"archiver: archive news feeds and pages as Markdown with a SQLite index"};
        archiver::cli::GlobalOptions options;
        archiver::cli::configure_app(app, options);
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            const int rc = app.exit(e);
            return rc == 0 ? 0 : archiver::exit_code::k_usage;
        }
        return archiver::cli::dispatch(app, options);
    } catch (const archiver::Fatal& e) {
        std::cerr << "archiver: fatal: " << e.what() << "\n";
        return archiver::exit_code::k_fatal;
    } catch (const std::exception& e) {
        std::cerr << "archiver: " << e.what() << "\n";
        return archiver::exit_code::k_fatal;
    } catch (...) {
        std::cerr << "archiver: unknown error\n";
        return archiver::exit_code::k_fatal;
    }
}
