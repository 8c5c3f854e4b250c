// SPDX-License-Identifier: MIT
#include <algorithm>
#include <archiver/fetch/backoff.hpp>
#include <cmath>
#include <random>

namespace archiver::fetch {
namespace {

// base * 2^(n-1), saturating at `cap` without overflowing.
double doubled(double base, int n, double cap) {
    double value = base;
    for (int i = 1; i < n && value < cap; ++i) {
        value *= 2;
    }
    return std::min(value, cap);
}

} // namespace

std::int64_t error_backoff_s(int consecutive_failures, const BackoffPolicy& policy, double unit) {
    if (consecutive_failures <= 0 || policy.base_s <= 0) {
        return 0;
    }
    double delay = doubled(static_cast<double>(policy.base_s),
                           consecutive_failures,
                           static_cast<double>(std::max(policy.max_s, policy.base_s)));
    double spread = std::clamp(policy.jitter, 0.0, 1.0) * (2.0 * std::clamp(unit, 0.0, 1.0) - 1.0);
    return static_cast<std::int64_t>(std::llround(delay * (1.0 + spread)));
}

std::int64_t backoff_until(std::int64_t now,
                           int consecutive_failures,
                           const BackoffPolicy& policy,
                           double unit,
                           std::int64_t retry_after_s) {
    std::int64_t delay = error_backoff_s(consecutive_failures, policy, unit);
    return now + std::max(delay, retry_after_s);
}

long retry_delay_ms(int retry, long base_ms, long max_ms, double unit) {
    if (retry <= 0 || base_ms <= 0) {
        return 0;
    }
    double full = doubled(
        static_cast<double>(base_ms), retry, static_cast<double>(std::max(max_ms, base_ms)));
    double half = full / 2.0;
    return static_cast<long>(std::llround(half + half * std::clamp(unit, 0.0, 1.0)));
}

double random_unit() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

} // namespace archiver::fetch
