// SPDX-License-Identifier: MIT
#include <archiver/archive/writer.hpp>
#include <archiver/core/error.hpp>

#include <support/temp_dir.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace archiver;

TEST_CASE("BatchWriter renames a file staged twice in one batch once, with the newer content",
          "[archive]") {
    archiver::testing::TempDir dir;
    archive::BatchWriter writer(dir.path());
    writer.stage("src/2026/10/a.md", "first");
    writer.stage("src/2026/10/a.md", "second");
    CHECK(writer.size() == 1);
    writer.commit();
    CHECK(archiver::testing::read_file(dir.path() / "src/2026/10/a.md") == "second");
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
        files += e.is_regular_file() ? 1 : 0;
    }
    CHECK(files == 1);
}

TEST_CASE("BatchWriter takes a new batch after each commit (one writer for a whole run)",
          "[archive]") {
    archiver::testing::TempDir dir;
    auto count_files = [&] {
        int files = 0;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
            files += e.is_regular_file() ? 1 : 0;
        }
        return files;
    };
    {
        archive::BatchWriter writer(dir.path());
        writer.stage("a/2026/10/one.md", "one");
        writer.stage("b/2026/11/two.md", "two");
        CHECK(writer.targets() == std::vector<std::string>{"a/2026/10/one.md", "b/2026/11/two.md"});
        writer.commit();
        CHECK(writer.size() == 0);
        CHECK(writer.targets().empty());
        // The same file again in the next group: a second version, renamed over the first.
        writer.stage("a/2026/10/one.md", "one, updated");
        writer.stage("a/2026/10/three.md", "three");
        CHECK(writer.targets() == std::vector<std::string>{"a/2026/10/one.md", "a/2026/10/three.md"});
        writer.commit();
        // A group left uncommitted when the writer goes away leaves nothing behind.
        writer.stage("a/2026/10/four.md", "four");
        CHECK(count_files() == 4); // three files and the temporary of four.md
    }
    CHECK(archiver::testing::read_file(dir.path() / "a/2026/10/one.md") == "one, updated");
    CHECK(archiver::testing::read_file(dir.path() / "b/2026/11/two.md") == "two");
    CHECK(archiver::testing::read_file(dir.path() / "a/2026/10/three.md") == "three");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "a/2026/10/four.md"));
    CHECK(count_files() == 3);
}

namespace {

// A real executor: one thread running the writer's tasks in order.
class OneThread {
public:
    OneThread() : m_thread([this](std::stop_token stop) { loop(stop); }) {}
    ~OneThread() {
        m_thread.request_stop();
        m_ready.notify_all();
    }
    void submit(std::function<void()> task) {
        {
            std::lock_guard lock(m_mutex);
            m_tasks.push_back(std::move(task));
        }
        m_ready.notify_one();
    }
    int tasks_run() const { return m_run; }

private:
    void loop(std::stop_token stop) {
        while (true) {
            std::function<void()> task;
            {
                std::unique_lock lock(m_mutex);
                m_ready.wait(lock, stop, [this] { return !m_tasks.empty(); });
                if (m_tasks.empty()) {
                    return;
                }
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            task();
            ++m_run;
        }
    }
    std::mutex m_mutex;
    std::condition_variable_any m_ready;
    std::deque<std::function<void()>> m_tasks;
    std::atomic<int> m_run{0};
    std::jthread m_thread;
};

} // namespace

TEST_CASE("BatchWriter makes and writes staged files on its executor, in groups", "[archive]") {
    archiver::testing::TempDir dir;
    OneThread thread;
    const auto caller = std::this_thread::get_id();
    std::atomic<int> made_elsewhere{0};
    {
        archive::BatchWriter writer(dir.path(),
                                    [&](std::function<void()> t) { thread.submit(std::move(t)); });
        for (int i = 0; i < 100; ++i) {
            writer.stage_with("s/2026/10/" + std::to_string(i) + ".md", [&, i] {
                made_elsewhere += std::this_thread::get_id() != caller ? 1 : 0;
                return "file " + std::to_string(i);
            });
        }
        // The same file again: its newer content wins, and it is renamed once.
        writer.stage_with("s/2026/10/7.md", [] { return std::string("file 7, again"); });
        CHECK(writer.size() == 100);
        writer.commit();
        CHECK(made_elsewhere == 100);
        CHECK(thread.tasks_run() < 101); // files handed over in groups, not one task each
    }
    CHECK(archiver::testing::read_file(dir.path() / "s/2026/10/0.md") == "file 0");
    CHECK(archiver::testing::read_file(dir.path() / "s/2026/10/99.md") == "file 99");
    CHECK(archiver::testing::read_file(dir.path() / "s/2026/10/7.md") == "file 7, again");
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
        files += e.is_regular_file() ? 1 : 0;
    }
    CHECK(files == 100);
}

TEST_CASE("BatchWriter reports a write that failed on its executor before anything is renamed",
          "[archive]") {
    archiver::testing::TempDir dir;
    OneThread thread;
    {
        archive::BatchWriter writer(dir.path(),
                                    [&](std::function<void()> t) { thread.submit(std::move(t)); });
        writer.stage_with("s/2026/10/a.md", [] { return std::string("a"); });
        writer.stage_with("s/2026/10/b.md", []() -> std::string {
            throw std::runtime_error("cannot compose b");
        });
        CHECK_THROWS_AS(writer.commit(), Fatal);
        CHECK_THROWS_AS(writer.stage("s/2026/10/c.md", "c"), Fatal); // the run is over
    }
    // Nothing reached the archive, and no temporary is left.
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
        files += e.is_regular_file() ? 1 : 0;
    }
    CHECK(files == 0);
}

TEST_CASE("BatchWriter without an executor makes staged files at once", "[archive]") {
    archiver::testing::TempDir dir;
    archive::BatchWriter writer(dir.path());
    const auto caller = std::this_thread::get_id();
    bool here = false;
    writer.stage_with("s/a.md", [&] {
        here = std::this_thread::get_id() == caller;
        return std::string("a");
    });
    CHECK(here);
    writer.commit();
    CHECK(archiver::testing::read_file(dir.path() / "s/a.md") == "a");
}

TEST_CASE("BatchWriter commits batches in the background, in order, each journaled first",
          "[archive]") {
    archiver::testing::TempDir dir;
    OneThread thread;
    std::mutex mutex;
    std::vector<std::vector<std::string>> journaled;
    std::vector<bool> visible_when_journaled;
    {
        archive::BatchWriter writer(
            dir.path(), [&](std::function<void()> t) { thread.submit(std::move(t)); },
            [&](const std::vector<std::string>& targets) {
                std::lock_guard lock(mutex);
                journaled.push_back(targets);
                visible_when_journaled.push_back(
                    std::filesystem::exists(dir.path() / targets.front()));
            });
        writer.stage_with("s/2026/10/a.md", [] { return std::string("a, first"); });
        writer.stage_with("s/2026/11/b.md", [] { return std::string("b"); });
        writer.commit_in_background();
        CHECK(writer.size() == 0);
        // The same file again in the next batch, while the first may still be committing:
        // the later batch is renamed after it, so its content wins.
        writer.stage_with("s/2026/10/a.md", [] { return std::string("a, second"); });
        writer.stage_with("t/c.md", [] { return std::string("c"); });
        writer.commit_in_background();
        writer.commit(); // waits for both
    }
    CHECK(journaled == std::vector<std::vector<std::string>>{{"s/2026/10/a.md", "s/2026/11/b.md"},
                                                             {"s/2026/10/a.md", "t/c.md"}});
    CHECK(visible_when_journaled == std::vector<bool>{false, true});
    CHECK(archiver::testing::read_file(dir.path() / "s/2026/10/a.md") == "a, second");
    CHECK(archiver::testing::read_file(dir.path() / "s/2026/11/b.md") == "b");
    CHECK(archiver::testing::read_file(dir.path() / "t/c.md") == "c");
    CHECK(archive::remove_leftover_temp_files(dir.path()) == 0);
}

TEST_CASE("BatchWriter renames nothing of a batch its journal could not record", "[archive]") {
    archiver::testing::TempDir dir;
    OneThread thread;
    {
        archive::BatchWriter writer(
            dir.path(), [&](std::function<void()> t) { thread.submit(std::move(t)); },
            [](const std::vector<std::string>&) { throw Fatal("cannot write the journal"); });
        writer.stage_with("s/a.md", [] { return std::string("a"); });
        writer.stage_with("s/b.md", [] { return std::string("b"); });
        writer.commit_in_background();
        CHECK_THROWS_AS(writer.commit(), Fatal);
        CHECK_THROWS_AS(writer.stage("s/c.md", "c"), Fatal); // the run is over
    }
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
        files += e.is_regular_file() ? 1 : 0;
    }
    CHECK(files == 0); // neither file, nor a temporary
}
