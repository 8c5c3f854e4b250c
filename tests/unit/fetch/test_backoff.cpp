// SPDX-License-Identifier: MIT
#include "fetch/http_util.hpp"

#include <archiver/fetch/backoff.hpp>
#include <catch2/catch.hpp>

using namespace archiver::fetch;

TEST_CASE("Error backoff doubles per failure up to the cap", "[fetch][backoff]") {
    BackoffPolicy policy;
    policy.base_s = 600;
    policy.max_s = 86'400;
    policy.jitter = 0.2;
    // unit 0.5 is the middle of the jitter range: no spread.
    CHECK(error_backoff_s(0, policy, 0.5) == 0);
    CHECK(error_backoff_s(1, policy, 0.5) == 600);
    CHECK(error_backoff_s(2, policy, 0.5) == 1200);
    CHECK(error_backoff_s(5, policy, 0.5) == 9600);
    CHECK(error_backoff_s(9, policy, 0.5) == 86'400);
    CHECK(error_backoff_s(1000, policy, 0.5) == 86'400);
    // Jitter spreads by +-20%.
    CHECK(error_backoff_s(1, policy, 0.0) == 480);
    CHECK(error_backoff_s(1, policy, 1.0) == 720);
}

TEST_CASE("Backoff honours a longer Retry-After", "[fetch][backoff]") {
    BackoffPolicy policy;
    policy.jitter = 0;
    CHECK(backoff_until(1000, 1, policy, 0.3) == 1600);
    CHECK(backoff_until(1000, 1, policy, 0.3, 7200) == 8200);
    CHECK(backoff_until(1000, 0, policy, 0.3) == 1000);
}

TEST_CASE("In-run retry pauses grow exponentially with equal jitter", "[fetch][backoff]") {
    CHECK(retry_delay_ms(1, 500, 30'000, 0.0) == 250);
    CHECK(retry_delay_ms(1, 500, 30'000, 1.0) == 500);
    CHECK(retry_delay_ms(2, 500, 30'000, 1.0) == 1000);
    CHECK(retry_delay_ms(3, 500, 30'000, 0.5) == 1500);
    CHECK(retry_delay_ms(20, 500, 30'000, 1.0) == 30'000);
    CHECK(retry_delay_ms(0, 500, 30'000, 1.0) == 0);
    for (int i = 0; i < 100; ++i) {
        double u = random_unit();
        CHECK(u >= 0.0);
        CHECK(u < 1.0);
    }
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date", "[fetch][backoff]") {
    using archiver::fetch::detail::parse_retry_after;
    // 1445412480 is Wed, 21 Oct 2015 07:28:00 GMT.
    const std::int64_t now = 1445412480;
    CHECK(parse_retry_after("120", now) == 120);
    CHECK(parse_retry_after(" 0 ", now) == 0);
    CHECK(parse_retry_after("Wed, 21 Oct 2015 07:29:00 GMT", now) == 60);
    CHECK(parse_retry_after("Wednesday, 21-Oct-15 07:30:00 GMT", now) == 120);
    CHECK(parse_retry_after("Wed Oct 21 07:28:30 2015", now) == 30);
    CHECK(parse_retry_after("Tue, 20 Oct 2015 07:28:00 GMT", now) == 0);
    CHECK_FALSE(parse_retry_after("soon", now));
    CHECK_FALSE(parse_retry_after("", now));
    CHECK_FALSE(parse_retry_after("-5", now));
}

TEST_CASE("The charset comes from the Content-Type parameters", "[fetch]") {
    using archiver::fetch::detail::charset_from_content_type;
    CHECK(charset_from_content_type("text/html; charset=GB2312") == "gb2312");
    CHECK(charset_from_content_type("text/html;charset=\"utf-8\"") == "utf-8");
    CHECK(charset_from_content_type("application/xml; q=1; Charset = Big5 ") == "big5");
    CHECK(charset_from_content_type("text/html") == "");
    CHECK(charset_from_content_type("") == "");
    CHECK(charset_from_content_type("text/html; name=charset") == "");
}
