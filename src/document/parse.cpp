// SPDX-License-Identifier: MIT
#include <archiver/document/document.hpp>

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <optional>

namespace archiver::document {

namespace {

Unexpected<Error> parse_error(std::string message) {
    return unexpected(Error{Stage::parse, std::move(message)});
}

// One line of `text` starting at `pos`, without its LF or CRLF; `next` is set past it.
std::string_view line_at(std::string_view text, std::size_t pos, std::size_t& next) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
        next = text.size();
        end = text.size();
    } else {
        next = end + 1;
    }
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

// A plain scalar resolved with the YAML 1.2 core schema (null, bool, int) — no floats or
// dates: those stay strings so they are written back unchanged.
Value resolve_plain(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
        return Value{nullptr};
    }
    if (s == "true" || s == "True" || s == "TRUE") {
        return Value{true};
    }
    if (s == "false" || s == "False" || s == "FALSE") {
        return Value{false};
    }
    std::string_view digits = s;
    if (digits.front() == '+') {
        digits.remove_prefix(1);
    }
    std::int64_t n = 0;
    const char* first = digits.data();
    const char* last = digits.data() + digits.size();
    if (!digits.empty() && digits.front() != '+') {
        auto [ptr, ec] = std::from_chars(first, last, n);
        if (ec == std::errc{} && ptr == last) {
            return Value{n};
        }
    }
    return Value{s};
}

bool is_plain(const YAML::Node& node) { return node.Tag() == "?"; }

std::optional<Value> convert(const YAML::Node& node, const std::string& where, std::string& err);

std::optional<Map> convert_map(const YAML::Node& node, const std::string& where,
                               std::string& err) {
    Map map;
    for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
            err = where + ": a key is not a scalar";
            return std::nullopt;
        }
        const std::string key = kv.first.Scalar();
        auto value = convert(kv.second, where.empty() ? key : where + "." + key, err);
        if (!value) {
            return std::nullopt;
        }
        map.emplace_back(key, std::move(*value));
    }
    return map;
}

std::optional<Value> convert(const YAML::Node& node, const std::string& where, std::string& err) {
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return Value{nullptr};
    case YAML::NodeType::Scalar:
        return is_plain(node) ? resolve_plain(node.Scalar()) : Value{node.Scalar()};
    case YAML::NodeType::Map:
        err = where + ": a mapping is only supported inside a list (as in `revisions`)";
        return std::nullopt;
    case YAML::NodeType::Sequence:
        break;
    }
    std::vector<std::string> strings;
    std::vector<Map> maps;
    for (const auto& item : node) {
        if (item.IsScalar() && maps.empty()) {
            strings.push_back(item.Scalar());
        } else if (item.IsMap() && strings.empty()) {
            auto map = convert_map(item, where, err);
            if (!map) {
                return std::nullopt;
            }
            maps.push_back(std::move(*map));
        } else {
            err = where + ": a list must hold only scalars or only mappings";
            return std::nullopt;
        }
    }
    if (!maps.empty()) {
        return Value{std::move(maps)};
    }
    return Value{std::move(strings)};
}

} // namespace

Result<Document> parse(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::size_t pos = 0;
    if (line_at(text, 0, pos) != "---") {
        return parse_error("no front matter: the file does not open with a '---' line");
    }
    const std::size_t yaml_start = pos;
    std::size_t yaml_end = std::string_view::npos;
    while (pos < text.size()) {
        std::size_t next = 0;
        const std::string_view line = line_at(text, pos, next);
        if (line == "---" || line == "...") {
            yaml_end = pos;
            pos = next;
            break;
        }
        pos = next;
    }
    if (yaml_end == std::string_view::npos) {
        return parse_error("front matter is not closed by a '---' line");
    }
    Document doc;
    try {
        const YAML::Node root = YAML::Load(std::string(text.substr(yaml_start, yaml_end - yaml_start)));
        if (root.IsMap()) {
            std::string err;
            auto map = convert_map(root, "", err);
            if (!map) {
                return parse_error("front matter: " + err);
            }
            doc.front_matter = std::move(*map);
        } else if (!root.IsNull()) {
            return parse_error("front matter is not a YAML mapping");
        }
    } catch (const YAML::Exception& e) {
        // Lines in the message count from the first line after the opening '---'.
        return parse_error("front matter: line " + std::to_string(e.mark.line + 2) + ": " + e.msg);
    }
    // The blank line written after the closing '---' separates; it is not body text.
    if (text.substr(pos, 1) == "\n") {
        pos += 1;
    } else if (text.substr(pos, 2) == "\r\n") {
        pos += 2;
    }
    doc.body = std::string(text.substr(pos));
    return doc;
}

} // namespace archiver::document
