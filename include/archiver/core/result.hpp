// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/error.hpp>

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace archiver {

// Wraps an error for construction of a failed `Result`, like `std::unexpected`.
template <typename E> struct Unexpected {
    E error;
};

// Builds the failed side of a `Result` from an `Error`.
inline Unexpected<Error> unexpected(Error e) { return Unexpected<Error>{std::move(e)}; }

// A value or an `Error`: the `std::expected<T, Error>` surface we use, so it can be swapped
// for the standard type once the toolchain has it. `value()` on an error is a bug (asserted).
template <typename T> class Result {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Unexpected<Error> e) : m_data(std::in_place_index<1>, std::move(e.error)) {}

    bool has_value() const noexcept { return m_data.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & { assert(has_value()); return std::get<0>(m_data); }
    const T& value() const& { assert(has_value()); return std::get<0>(m_data); }
    T&& value() && { assert(has_value()); return std::get<0>(std::move(m_data)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { assert(!has_value()); return std::get<1>(m_data); }

    template <typename U> T value_or(U&& other) const& {
        return has_value() ? value() : static_cast<T>(std::forward<U>(other));
    }

private:
    std::variant<T, Error> m_data;
};

// `Result<void>`: success carries nothing.
template <> class Result<void> {
public:
    Result() = default;
    Result(Unexpected<Error> e) : m_error(std::move(e.error)), m_ok(false) {}
    bool has_value() const noexcept { return m_ok; }
    explicit operator bool() const noexcept { return m_ok; }
    const Error& error() const { assert(!m_ok); return m_error; }

private:
    Error m_error{};
    bool m_ok = true;
};

} // namespace archiver
