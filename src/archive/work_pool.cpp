// SPDX-License-Identifier: MIT
#include "work_pool.hpp"

#include <algorithm>
#include <pthread.h>
#include <string>

namespace archiver::archive {

WorkPool::WorkPool(std::size_t threads) {
    threads = std::max<std::size_t>(1, threads);
    m_threads.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) {
        m_threads.emplace_back([this, i](std::stop_token stop) {
            // Named for profilers and `top -H` ("archiver-w0", ...; at most 15 characters).
            const std::string name = "archiver-w" + std::to_string(i);
            pthread_setname_np(pthread_self(), name.c_str());
            work(std::move(stop));
        });
    }
}

WorkPool::~WorkPool() {
    for (auto& t : m_threads) {
        t.request_stop();
    }
    m_ready.notify_all();
    m_threads.clear(); // joins
}

void WorkPool::submit(std::function<void()> task) {
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_ready.notify_one();
}

void WorkPool::work(std::stop_token stop) {
    while (true) {
        std::function<void()> task;
        {
            std::unique_lock lock(m_mutex);
            // Queued tasks are drained even after a stop request: their results are awaited.
            m_ready.wait(lock, stop, [this] { return !m_tasks.empty(); });
            if (m_tasks.empty()) {
                return; // stop requested and nothing left
            }
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        task();
    }
}

std::size_t default_worker_count() {
    const unsigned cores = std::thread::hardware_concurrency();
    return std::clamp<std::size_t>(cores == 0 ? 1 : cores, 1, 8);
}

} // namespace archiver::archive
