// SPDX-License-Identifier: MIT
// The front-matter round-trip property (fuzz_front_matter.cpp), apart from targets.hpp because
// it needs the document module; tests/unit/hostile also drives it with random documents.
#pragma once

#include <archiver/document/document.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::fuzz {

namespace detail {

// Splits fuzz bytes into small values (FuzzedDataProvider's idea, without its header so the
// replay test builds with any compiler).
class Bytes {
  public:
    explicit Bytes(std::string_view data) : m_data(data) {}
    unsigned byte() {
        if (m_data.empty()) {
            return 0;
        }
        const auto b = static_cast<unsigned char>(m_data.front());
        m_data.remove_prefix(1);
        return b;
    }
    std::int64_t integer() {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) {
            v = (v << 8) | byte();
        }
        return static_cast<std::int64_t>(v);
    }
    // Up to the next 0xFF byte (or `max` bytes), made valid UTF-8.
    std::string string(std::size_t max) {
        std::size_t n = 0;
        while (n < m_data.size() && n < max && static_cast<unsigned char>(m_data[n]) != 0xFF) {
            ++n;
        }
        std::string s(m_data.substr(0, n));
        m_data.remove_prefix(n < m_data.size() ? n + 1 : n);
        return document::sanitize_utf8(s);
    }
    std::string rest() {
        std::string s(m_data);
        m_data = {};
        return document::sanitize_utf8(s);
    }

  private:
    std::string_view m_data;
};

inline document::Value make_value(Bytes& in) {
    using document::Value;
    switch (in.byte() % 6) {
    case 0:
        return Value{nullptr};
    case 1:
        return Value{(in.byte() & 1) != 0};
    case 2:
        return Value{in.integer()};
    case 3: {
        std::vector<std::string> list(in.byte() % 4);
        for (auto& item : list) {
            item = in.string(64);
        }
        return Value{list};
    }
    case 4: {
        std::vector<document::Map> maps(in.byte() % 3);
        for (auto& m : maps) {
            m.emplace_back("at", Value{in.string(32)});
            m.emplace_back("hash", Value{in.string(32)});
        }
        return Value{maps};
    }
    default:
        return Value{in.string(128)};
    }
}

} // namespace detail

// Front matter: the reader never crashes on `bytes`; a document built from them (keys,
// values of every kind, a body), written and read back, is equal to itself.
inline bool front_matter_target(std::string_view bytes) {
    if (auto doc = document::parse(bytes)) {
        (void)document::to_string(*doc);
    }
    detail::Bytes in(bytes);
    document::Document doc;
    const unsigned keys = in.byte() % 7;
    for (unsigned i = 0; i < keys; ++i) {
        std::string key = in.string(16);
        if (key.empty() || doc.find(key) != nullptr) {
            continue;
        }
        doc.front_matter.emplace_back(std::move(key), detail::make_value(in));
    }
    doc.body = in.rest();
    auto back = document::parse(document::to_string(doc));
    return back && *back == doc;
}

} // namespace archiver::fuzz
