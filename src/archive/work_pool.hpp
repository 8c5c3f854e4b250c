// SPDX-License-Identifier: MIT
// Internal to the archive module: threads for the CPU-bound stages of a run (parsing feeds,
// decoding and extracting pages), so transfers keep flowing while pages are processed.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace archiver::archive {

// A fixed set of worker threads running queued tasks in FIFO order. Tasks must not throw
// (an escaping exception ends the process, as with any thread) and must not touch state the
// submitting thread uses without synchronisation; they hand results back by other means
// (the run posts them to the fetcher's thread). The destructor runs the tasks still queued,
// then joins the threads. Move-only in spirit: neither copyable nor movable.
class WorkPool {
  public:
    // Starts `threads` workers (at least one).
    explicit WorkPool(std::size_t threads);
    ~WorkPool();
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    // Queues `task` for the next free worker. Thread-safe.
    void submit(std::function<void()> task);
    // How many workers run tasks.
    std::size_t size() const { return m_threads.size(); }

  private:
    void work(std::stop_token stop);

    std::mutex m_mutex;
    std::condition_variable_any m_ready;
    std::deque<std::function<void()>> m_tasks;
    std::vector<std::jthread> m_threads; // last: joined first, while the queue still exists
};

// Worker threads for a run on this machine: one per core, at least one, at most eight.
std::size_t default_worker_count();

} // namespace archiver::archive
