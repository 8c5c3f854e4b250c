// SPDX-License-Identifier: MIT
// The man pages cannot drift from the program: every command and every long option that
// `--help` shows must be documented in man/archiver.1, and `help COMMAND` prints the same
// text as `COMMAND --help`.
#include "process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>

using namespace archiver::testing;

namespace {

std::string man_page() {
    std::string text = read_file(std::string(ARCHIVER_SOURCE_DIR) + "/man/archiver.1");
    // roff escapes a dash as "\-".
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '-') {
            continue;
        }
        out += text[i];
    }
    return out;
}

std::set<std::string> long_options(const std::string& help) {
    std::set<std::string> out;
    static const std::regex option(R"((^|[ ,])(--[a-z][a-z0-9-]*))");
    for (auto it = std::sregex_iterator(help.begin(), help.end(), option);
         it != std::sregex_iterator(); ++it) {
        out.insert((*it)[2]);
    }
    out.erase("--help");
    return out;
}

std::vector<std::string> commands(const std::string& help) {
    std::vector<std::string> out;
    const auto at = help.find("Subcommands:");
    REQUIRE(at != std::string::npos);
    static const std::regex line(R"(\n  ([a-z][a-z-]*) )");
    for (auto it = std::sregex_iterator(help.begin() + static_cast<long>(at), help.end(), line);
         it != std::sregex_iterator(); ++it) {
        out.push_back((*it)[1]);
    }
    return out;
}

} // namespace

TEST_CASE("Every command and long option of --help is in archiver(1)", "[e2e][man]") {
    const std::string man = man_page();
    auto top = run_process({ARCHIVER_BIN, "--help"});
    REQUIRE(top.exit_code == 0);
    for (const auto& option : long_options(top.out)) {
        INFO("global option " << option);
        CHECK(man.find(option) != std::string::npos);
    }
    const auto names = commands(top.out);
    CHECK(names.size() >= 12);
    for (const auto& name : names) {
        INFO("command " << name);
        CHECK((man.find(".B " + name) != std::string::npos ||
               man.find("\\fB" + name) != std::string::npos));
        if (name == "help") {
            continue;
        }
        auto sub = run_process({ARCHIVER_BIN, name, "--help"});
        CHECK(sub.exit_code == 0);
        for (const auto& option : long_options(sub.out)) {
            INFO("option " << option << " of " << name);
            CHECK(man.find(option) != std::string::npos);
        }
        auto help = run_process({ARCHIVER_BIN, "help", name});
        CHECK(help.exit_code == 0);
        CHECK(help.out == sub.out);
    }
}
