// SPDX-License-Identifier: MIT
// The written front matter read by a second, independent YAML implementation (PyYAML,
// a YAML 1.1 reader like many static-site tools), not only by the yaml-cpp we parse with.
#include <archiver/document/document.hpp>

#include "support/temp_dir.hpp"
#include "unit/document/nasty.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <random>

using namespace archiver;
using document::Map;
using document::Value;

namespace {

// Reads every *.md file named on the command line, loads the text between the first two
// '---' lines with yaml.safe_load, and prints [[key, value], ...] per file as JSON lines.
constexpr const char* k_reader = R"PY(
import json, sys, yaml
for name in sys.argv[1:]:
    text = open(name, encoding="utf-8", newline="").read()
    lines = text.split("\n")
    assert lines[0] == "---", name
    end = lines.index("---", 1)
    data = yaml.safe_load("\n".join(lines[1:end]) + "\n") or {}
    body = "\n".join(lines[end + 1:])
    assert body.startswith("\n"), name
    print(json.dumps({"front": [[k, v] for k, v in data.items()], "body": body[1:]}))
)PY";

nlohmann::json to_json(const Value& value);

nlohmann::json to_json(const Map& map) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : map) {
        out[k] = to_json(v);
    }
    return out;
}

nlohmann::json to_json(const Value& value) {
    return std::visit(
        [](const auto& v) -> nlohmann::json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                return nullptr;
            } else if constexpr (std::is_same_v<T, std::vector<Map>>) {
                nlohmann::json list = nlohmann::json::array();
                for (const auto& m : v) {
                    list.push_back(to_json(m));
                }
                return list;
            } else {
                return v;
            }
        },
        value.v);
}

} // namespace

TEST_CASE("PyYAML reads written front matter back to the same values", "[document]") {
    testing::TempDir dir;
    testing::write_file(dir.path() / "reader.py", k_reader);
    std::mt19937 rng(7);
    std::vector<document::Document> docs;
    std::string args;
    for (int i = 0; i < 300; ++i) {
        docs.push_back(testing::sanitized(testing::nasty_document(rng)));
        const auto name = dir.path() / ("doc" + std::to_string(i) + ".md");
        testing::write_file(name, document::to_string(docs.back()));
        args += " '" + name.string() + "'";
    }
    docs.push_back(*document::parse(testing::read_file(testing::data_path("e2e/seed.md"))));
    args += " '" + testing::data_path("e2e/seed.md").string() + "'";

    const auto out = dir.path() / "out.jsonl";
    const std::string command = "python3 '" + (dir.path() / "reader.py").string() + "'" + args +
                                " > '" + out.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);

    const std::string lines = testing::read_file(out);
    std::size_t pos = 0;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const std::size_t end = lines.find('\n', pos);
        REQUIRE(end != std::string::npos);
        const auto got = nlohmann::json::parse(lines.substr(pos, end - pos));
        pos = end + 1;
        INFO("document " << i << ":\n" << document::to_string(docs[i]));
        nlohmann::json expected_front = nlohmann::json::array();
        for (const auto& [k, v] : docs[i].front_matter) {
            expected_front.push_back({k, to_json(v)});
        }
        CHECK(got["front"] == expected_front);
        CHECK(got["body"] == docs[i].body);
    }
}
