// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace archiver::fetch {

// How long a failing source rests between runs (SPEC §3 "Due = last attempt +
// max(interval, error backoff)"). The delay doubles with each consecutive failure from
// `base_s` up to `max_s`, spread by ±`jitter` so sources that failed together do not all
// come back together.
struct BackoffPolicy {
    std::int64_t base_s = 600;   // after the first failure: about 10 minutes
    std::int64_t max_s = 86'400; // a source failing for days is tried about once a day
    double jitter = 0.2;         // fraction of the delay, each way
};

// The error backoff in seconds after `consecutive_failures` failures in a row: 0 for none,
// else min(base_s * 2^(n-1), max_s) scaled by 1 + jitter * (2 * `unit` - 1), where `unit` is
// a random number in [0, 1) (pass `random_unit()`; tests pass fixed values).
std::int64_t error_backoff_s(int consecutive_failures, const BackoffPolicy& policy, double unit);

// The epoch second before which a source that failed `consecutive_failures` times, the last
// time at `now`, is not due again: `now` plus the error backoff, and not earlier than a
// server's Retry-After of `retry_after_s` seconds (0: none).
std::int64_t backoff_until(std::int64_t now,
                           int consecutive_failures,
                           const BackoffPolicy& policy,
                           double unit,
                           std::int64_t retry_after_s = 0);

// The pause in milliseconds before in-run retry number `retry` (1-based) of a transient
// failure: base_ms * 2^(retry-1) capped at `max_ms`, with "equal jitter" (half fixed, half
// random by `unit` in [0, 1)), so it is at least half the exponential value.
long retry_delay_ms(int retry, long base_ms, long max_ms, double unit);

// A uniformly distributed number in [0, 1) from a per-thread generator seeded at random.
double random_unit();

} // namespace archiver::fetch
