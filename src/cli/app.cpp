// SPDX-License-Identifier: MIT
#include "app.hpp"

#include <archiver/core/error.hpp>
#include <archiver/core/log.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace archiver::cli {
namespace {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

std::string& help_topic() {
    static std::string topic;
    return topic;
}

} // namespace

bool register_command(Command command) {
    registry().push_back(std::move(command));
    return true;
}

void configure_app(CLI::App& app, GlobalOptions& options) {
    app.set_version_flag("--version", std::string("archiver ") + ARCHIVER_VERSION);
    app.add_option("-c,--config", options.config_dir,
                   "Configuration folder (same as ARCHIVER_HOME): archiver.toml, feeds.d/, "
                   "archive/, archiver.db")
        ->envname("ARCHIVER_HOME");
    app.add_flag("-v,--verbose", options.verbose, "More detail on stderr (-vv for debug)");
    app.add_flag("-q,--quiet", options.quiet, "Print only failures");
    app.add_option("--log-format", options.log_format, "Diagnostics as text or json lines")
        ->check(CLI::IsMember({"text", "json"}));
    app.require_subcommand(0, 1);
    auto& commands = registry();
    std::stable_sort(commands.begin(), commands.end(),
                     [](const Command& a, const Command& b) { return a.order < b.order; });
    for (auto& command : commands) {
        CLI::App* sub = app.add_subcommand(command.name, command.description);
        sub->fallthrough();
        command.setup(*sub);
    }
    CLI::App* help = app.add_subcommand("help", "Show the help of a command (same as COMMAND --help)");
    help->add_option("COMMAND", help_topic(), "The command to describe");
}

int dispatch(CLI::App& app, const GlobalOptions& options) {
    if (options.quiet) {
        log::set_level(log::Level::error);
    } else if (options.verbose >= 2) {
        log::set_level(log::Level::debug);
    } else if (options.verbose == 1) {
        log::set_level(log::Level::info);
    } else {
        log::set_level(log::Level::warn);
    }
    log::set_format(options.log_format == "json" ? log::Format::json : log::Format::text);
    if (app.got_subcommand("help")) {
        const std::string& topic = help_topic();
        if (topic.empty()) {
            std::cout << app.help();
            return exit_code::k_ok;
        }
        for (const CLI::App* sub : app.get_subcommands({})) {
            if (sub->get_name() == topic) {
                std::cout << sub->help();
                return exit_code::k_ok;
            }
        }
        std::cerr << "archiver: no command named \"" << topic << "\"\n";
        return exit_code::k_usage;
    }
    for (const auto& command : registry()) {
        if (app.got_subcommand(command.name)) {
            return command.run(options);
        }
    }
    std::cerr << app.help();
    return exit_code::k_usage;
}

std::string read_input(const std::string& path) {
    if (path.empty() || path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace archiver::cli
