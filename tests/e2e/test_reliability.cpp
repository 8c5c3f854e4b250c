// SPDX-License-Identifier: MIT
// Reliability end to end: `archiver run` killed with SIGKILL at every step of its crash-safe
// write protocol (the ARCHIVER_TEST_KILL_AFTER hook of src/archive/crash_point.hpp) and run
// again; failing writes (RLIMIT_FSIZE, a folder that cannot be created); two runs at once.
// After every recovery the archive and the index agree, every article is there exactly
// once and no temporary file is left.
#define CATCH_CONFIG_MAIN
#include "process.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

#include <archiver/document/document.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

using namespace archiver;
using namespace archiver::testing;
namespace fs = std::filesystem;

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
        s.replace(pos, from.size(), to);
    }
    return s;
}

const std::set<std::string> k_gazette_titles = {"City council approves new riverside park",
                                                "Local bakery wins national bread award",
                                                "Library extends weekend opening hours"};
const std::string k_comet = "Telescope spots a comet with two tails";

struct Fixture {
    TempDir home;
    LoopbackServer server;
    std::string atom;

    Fixture() {
        const std::string base = server.url("");
        server.add_route("/feed.xml",
                         replace_all(read_file(data_path("e2e/site/feed.xml")), "{{BASE}}", base),
                         "application/rss+xml; charset=utf-8");
        atom = replace_all(read_file(data_path("e2e/site/atom.xml")), "{{BASE}}", base);
        server.add_route("/atom.xml", atom, "application/atom+xml");
        server.serve_directory("/articles", data_path("e2e/site/articles").string());
    }

    fs::path archive_dir() const { return home.path() / "archive"; }

    void add_gazette() {
        write_file(home.path() / "feeds.d/gazette.toml",
                   "url = \"" + server.url("/feed.xml") + "\"\ntimezone = \"UTC\"\n");
    }
    void add_science() {
        write_file(home.path() / "feeds.d/science.toml",
                   "url = \"" + server.url("/atom.xml") + "\"\nfull_text = false\n");
    }
    // The science feed with its one entry's body changed and its `updated` time moved past
    // the first fetch: the next run updates the file.
    void change_comet() {
        std::string changed = replace_all(atom, "amateur observers", "amateur astronomers");
        changed = replace_all(changed,
                              "<updated>2025-02-06T10:00:00Z</updated>",
                              "<updated>2099-01-01T00:00:00Z</updated>");
        server.add_route("/atom.xml", changed, "application/atom+xml");
    }

    ProcessResult archiver(std::vector<std::string> args,
                           std::vector<std::pair<std::string, std::string>> env = {}) {
        args.insert(args.begin(), ARCHIVER_BIN);
        env.insert(
            env.end(),
            {{"ARCHIVER_HOME", home.path().string()}, {"no_proxy", "*"}, {"http_proxy", ""}});
        return run_process(args, env);
    }
};

// Every regular file under `root`, relative, with its content.
std::map<std::string, std::string> snapshot(const fs::path& root) {
    std::map<std::string, std::string> files;
    if (!fs::exists(root)) {
        return files;
    }
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (e.is_regular_file()) {
            files[fs::relative(e.path(), root).generic_string()] = read_file(e.path());
        }
    }
    return files;
}

// `archiver list --format json` as {path: id}, requiring a clean exit.
std::map<std::string, long> listed(Fixture& f) {
    auto r = f.archiver({"list", "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, long> rows;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        const auto item = nlohmann::json::parse(line);
        const std::string path = item["path"].get<std::string>();
        CHECK(rows.count(path) == 0);
        rows[path] = item["id"].get<long>();
    }
    return rows;
}

// The archive and the index agree, no temporary is left, each of `titles` is archived
// exactly once and no other article is; `archiver reindex` rebuilds the same index.
void check_consistent(Fixture& f, const std::set<std::string>& titles) {
    std::map<std::string, long> on_disk;
    std::multiset<std::string> seen_titles;
    for (const auto& [rel, text] : snapshot(f.archive_dir())) {
        INFO(rel);
        CHECK(fs::path(rel).filename().string().front() != '.'); // no temporary left
        if (fs::path(rel).extension() != ".md") {
            continue;
        }
        auto doc = document::parse(text);
        REQUIRE(doc);
        const auto* id = doc->find("id");
        REQUIRE(id != nullptr);
        on_disk[rel] = static_cast<long>(std::get<std::int64_t>(id->v));
        seen_titles.insert(doc->get_string("title"));
    }
    CHECK(std::set<std::string>(seen_titles.begin(), seen_titles.end()) == titles);
    CHECK(seen_titles.size() == titles.size());
    CHECK(listed(f) == on_disk);
    CHECK_FALSE(fs::exists(f.home.path() / "archiver.db.journal"));
    auto re = f.archiver({"reindex"});
    INFO(re.err);
    REQUIRE(re.exit_code == 0);
    CHECK(listed(f) == on_disk);
}

// Kills a run at crash point 1, 2, ... until a run finishes without reaching its kill point;
// after each kill, runs again without the hook and checks the result. `prepare` builds the
// state the killed run starts from; `titles` is what must be archived in the end. Returns
// the number of kill points tried.
int kill_at_every_point(const std::function<void(Fixture&)>& prepare,
                        const std::function<void(Fixture&)>& before_killed_run,
                        const std::set<std::string>& titles,
                        const std::string& changed_body_text = {}) {
    for (int n = 1; n < 200; ++n) {
        Fixture f;
        prepare(f);
        before_killed_run(f);
        auto killed = f.archiver({"run"}, {{"ARCHIVER_TEST_KILL_AFTER", std::to_string(n)}});
        INFO("kill point " << n << ": " << killed.err);
        if (killed.exit_code != 128 + SIGKILL) {
            REQUIRE(killed.exit_code == 0); // the run has fewer than n crash points
            check_consistent(f, titles);
            return n - 1;
        }
        REQUIRE(killed.err.find("test hook: SIGKILL at") != std::string::npos);
        // A second kill, this time inside the recovery of the first, then a clean run.
        auto killed_again = f.archiver({"run"}, {{"ARCHIVER_TEST_KILL_AFTER", "2"}});
        INFO("second kill: " << killed_again.err);
        auto rerun = f.archiver({"run"});
        INFO("rerun: " << rerun.err);
        REQUIRE(rerun.exit_code == 0);
        check_consistent(f, titles);
        if (!changed_body_text.empty()) {
            bool updated = false;
            for (const auto& [rel, text] : snapshot(f.archive_dir())) {
                updated = updated || text.find(changed_body_text) != std::string::npos;
            }
            CHECK(updated);
        }
    }
    FAIL("the run never finished");
    return 0;
}

std::set<std::string> all_titles() {
    auto t = k_gazette_titles;
    t.insert(k_comet);
    return t;
}

} // namespace

TEST_CASE("a first run killed at every crash point loses and duplicates nothing",
          "[e2e][reliability]") {
    const int points = kill_at_every_point(
        [](Fixture& f) {
            f.add_gazette();
            f.add_science();
        },
        [](Fixture&) {},
        all_titles());
    WARN("first run: " << points << " kill points tried");
    CHECK(points >= 10);
}

TEST_CASE("a run adding and updating articles killed at every crash point recovers",
          "[e2e][reliability]") {
    const int points = kill_at_every_point(
        [](Fixture& f) {
            f.add_science();
            auto first = f.archiver({"run"});
            INFO(first.err);
            REQUIRE(first.exit_code == 0);
        },
        [](Fixture& f) {
            f.add_gazette();
            f.change_comet();
        },
        all_titles(),
        "amateur astronomers");
    WARN("update run: " << points << " kill points tried");
    CHECK(points >= 10);
}

TEST_CASE("a write beyond RLIMIT_FSIZE stops the run with exit 4 and leaves the archive as it was",
          "[e2e][reliability]") {
    Fixture f;
    f.add_science();
    REQUIRE(f.archiver({"run"}).exit_code == 0);
    const auto before = snapshot(f.archive_dir());
    const auto rows_before = listed(f);
    // An article of ~150 KB: larger than the limit below, which leaves room for SQLite's
    // 32 KB shared-memory file, so the article's own write is the one that fails.
    std::string paragraphs;
    for (int i = 0; i < 1500; ++i) {
        paragraphs += "<p>Paragraph " + std::to_string(i) +
                      " of a very long report that will not fit on this small disk.</p>";
    }
    f.server.add_route("/big.xml",
                       "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>"
                       "<item><title>A very long report</title><link>" +
                           f.server.url("/big.html") +
                           "</link><guid>big-1</guid><description><![CDATA[" + paragraphs +
                           "]]></description></item></channel></rss>",
                       "application/rss+xml");
    write_file(f.home.path() / "feeds.d/big.toml",
               "url = \"" + f.server.url("/big.xml") + "\"\nfull_text = false\n");
    // SIGXFSZ ignored (as a careful cron wrapper would): writes past the limit fail with
    // EFBIG, as on a full disk, instead of killing the process. 128 blocks of 512 bytes.
    const std::string script = "trap '' XFSZ; ulimit -f 128; exec \"$0\" run";
    auto r = run_process({"sh", "-c", script, ARCHIVER_BIN},
                         {{"ARCHIVER_HOME", f.home.path().string()}, {"no_proxy", "*"}});
    INFO(r.err);
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("File too large") != std::string::npos);
    CHECK(snapshot(f.archive_dir()) == before);
    CHECK(listed(f) == rows_before);
    // Once there is room again, the next run archives everything.
    auto again = f.archiver({"run"});
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    check_consistent(f, {k_comet, "A very long report"});
}

TEST_CASE("a folder that cannot be created stops the run with exit 4 and a clear message",
          "[e2e][reliability]") {
    Fixture f;
    f.add_science();
    REQUIRE(f.archiver({"run"}).exit_code == 0);
    const auto before = snapshot(f.archive_dir());
    const auto rows_before = listed(f);
    f.add_gazette();
    // A file where the source's folder must go: mkdir fails even for root.
    write_file(f.archive_dir() / "gazette", "not a folder\n");
    auto r = f.archiver({"run"});
    INFO(r.err);
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("gazette") != std::string::npos);
    auto after = snapshot(f.archive_dir());
    after.erase("gazette");
    auto expected = before;
    expected.erase("gazette");
    CHECK(after == expected);
    CHECK(listed(f) == rows_before);
    fs::remove(f.archive_dir() / "gazette");
    auto again = f.archiver({"run"});
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    check_consistent(f, all_titles());
}

TEST_CASE("a second run exits 3 while one holds the lock, waits with --wait, and reads go on",
          "[e2e][reliability]") {
    Fixture f;
    f.add_science();
    REQUIRE(f.archiver({"run"}).exit_code == 0);
    f.add_gazette();
    // The gazette feed is held back until the test lets it go, so the first run is known
    // to be inside its run (holding the lock) while the others start.
    std::mutex m;
    std::condition_variable cv;
    bool requested = false, release = false;
    const std::string feed =
        replace_all(read_file(data_path("e2e/site/feed.xml")), "{{BASE}}", f.server.url(""));
    f.server.add_handler("/feed.xml", [&](const RecordedRequest&) {
        std::unique_lock<std::mutex> lock(m);
        requested = true;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
        return Reply{200, {{"Content-Type", "application/rss+xml"}}, feed, {}};
    });
    auto first = std::async(std::launch::async, [&] { return f.archiver({"run", "--force"}); });
    {
        std::unique_lock<std::mutex> lock(m);
        REQUIRE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return requested; }));
    }
    auto second = f.archiver({"run", "--force"});
    INFO(second.err);
    CHECK(second.exit_code == 3);
    for (const std::vector<std::string>& read :
         {std::vector<std::string>{"list"}, {"search", "comet"}, {"show", "1"}, {"stats"}}) {
        auto r = f.archiver(read);
        INFO(read.front() << ": " << r.err);
        CHECK(r.exit_code == 0);
    }
    auto waiting = std::async(std::launch::async, [&] {
        return f.archiver({"run", "--force", "--wait"});
    });
    CHECK(waiting.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
    {
        std::lock_guard<std::mutex> lock(m);
        release = true;
    }
    cv.notify_all();
    auto first_result = first.get();
    INFO(first_result.err);
    CHECK(first_result.exit_code == 0);
    auto waited = waiting.get();
    INFO(waited.err);
    CHECK(waited.exit_code == 0);
    check_consistent(f, all_titles());
}
