// SPDX-License-Identifier: MIT
#include "json_path.hpp"

#include <charconv>

namespace archiver::listing::detail {

std::optional<Path> parse_path(std::string_view text) {
    Path path;
    std::size_t i = 0;
    while (i < text.size()) {
        PathStep step;
        const std::size_t end = text.find_first_of(".[", i);
        step.key =
            std::string(text.substr(i, end == std::string_view::npos ? text.size() - i : end - i));
        i = end == std::string_view::npos ? text.size() : end;
        bool pushed = false;
        while (i < text.size() && text[i] == '[') {
            const std::size_t close = text.find(']', i);
            if (close == std::string_view::npos) {
                return std::nullopt;
            }
            const std::string_view inside = text.substr(i + 1, close - i - 1);
            PathStep bracket = pushed ? PathStep{} : step;
            if (inside.empty()) {
                bracket.each = true;
            } else {
                std::size_t n = 0;
                const auto [ptr, ec] =
                    std::from_chars(inside.data(), inside.data() + inside.size(), n);
                if (ec != std::errc() || ptr != inside.data() + inside.size()) {
                    return std::nullopt;
                }
                bracket.index = n;
            }
            path.push_back(std::move(bracket));
            pushed = true;
            i = close + 1;
        }
        if (!pushed) {
            if (step.key.empty()) {
                return std::nullopt; // "a..b" or a leading/trailing dot
            }
            path.push_back(std::move(step));
        }
        if (i < text.size()) {
            if (text[i] != '.') {
                return std::nullopt;
            }
            ++i;
            if (i == text.size()) {
                return std::nullopt;
            }
        }
    }
    return path;
}

std::vector<const nlohmann::json*> evaluate(const nlohmann::json& root, const Path& path) {
    std::vector<const nlohmann::json*> current{&root};
    for (const PathStep& step : path) {
        std::vector<const nlohmann::json*> next;
        for (const nlohmann::json* value : current) {
            const nlohmann::json* v = value;
            if (!step.key.empty()) {
                if (!v->is_object()) {
                    continue;
                }
                auto it = v->find(step.key);
                if (it == v->end()) {
                    continue;
                }
                v = &*it;
            }
            if (step.each) {
                if (v->is_array()) {
                    for (const auto& element : *v) {
                        next.push_back(&element);
                    }
                } else if (v->is_object()) {
                    for (const auto& element : v->items()) {
                        next.push_back(&element.value());
                    }
                }
            } else if (step.index) {
                if (v->is_array() && *step.index < v->size()) {
                    next.push_back(&(*v)[*step.index]);
                }
            } else {
                next.push_back(v);
            }
        }
        current = std::move(next);
        if (current.empty()) {
            break;
        }
    }
    return current;
}

std::optional<std::string> scalar_text(const nlohmann::json& root, const Path& path) {
    for (const nlohmann::json* v : evaluate(root, path)) {
        if (v->is_string()) {
            return v->get<std::string>();
        }
        if (v->is_number_integer()) {
            return v->is_number_unsigned() ? std::to_string(v->get<std::uint64_t>())
                                           : std::to_string(v->get<std::int64_t>());
        }
        if (v->is_number_float() || v->is_boolean()) {
            return v->dump();
        }
    }
    return std::nullopt;
}

} // namespace archiver::listing::detail
