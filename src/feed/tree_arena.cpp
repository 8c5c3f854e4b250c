// SPDX-License-Identifier: MIT
#include "tree_arena.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace archiver::feed::detail {
namespace {

constexpr std::size_t k_huge = std::size_t{2} << 20;
// Address space reserved per chunk: only what is touched is ever backed by memory.
constexpr std::size_t k_chunk = std::size_t{64} << 20;
constexpr std::size_t k_align = 16;

thread_local TreeArena* t_current = nullptr;

// The arenas alive in the process: pugixml's deallocation hook asks them who owns a block.
std::mutex g_live_mutex;
std::vector<const TreeArena*> g_live;
std::atomic<std::size_t> g_live_count{0};

void* tree_allocate(std::size_t size) {
    if (TreeArena* a = t_current) {
        return a->allocate(size);
    }
    return std::malloc(size);
}

void tree_deallocate(void* p) {
    if (p == nullptr) {
        return;
    }
    if (g_live_count.load(std::memory_order_acquire) != 0) {
        const std::lock_guard<std::mutex> lock(g_live_mutex);
        for (const TreeArena* a : g_live) {
            if (a->owns(p)) {
                return; // released with its arena
            }
        }
    }
    std::free(p);
}

// Installed before main(), while the process has one thread: blocks pugixml allocated with
// its default (malloc) are still freed correctly by tree_deallocate.
const bool k_installed = [] {
    pugi::set_memory_management_functions(tree_allocate, tree_deallocate);
    return true;
}();

} // namespace

void advise_huge_pages(void* data, std::size_t size) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (begin + k_huge - 1) & ~(k_huge - 1);
    const std::uintptr_t last = (begin + size) & ~(k_huge - 1);
    if (last > first) {
        static_cast<void>(madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE));
    }
#else
    static_cast<void>(data);
    static_cast<void>(size);
#endif
}

TreeArena::~TreeArena() {
    if (!m_chunks.empty()) {
        const std::lock_guard<std::mutex> lock(g_live_mutex);
        g_live.erase(std::remove(g_live.begin(), g_live.end(), this), g_live.end());
        g_live_count.store(g_live.size(), std::memory_order_release);
    }
#if defined(__linux__)
    for (const Chunk& c : m_chunks) {
        munmap(c.map, c.length);
    }
#else
    for (const Chunk& c : m_chunks) {
        std::free(c.map);
    }
#endif
}

void* TreeArena::allocate(std::size_t size) noexcept {
    size = (size + k_align - 1) & ~(k_align - 1);
    if (m_chunks.empty() || static_cast<std::size_t>(m_chunks.back().end - m_chunks.back().next) < size) {
        Chunk c;
        const std::size_t usable = std::max(k_chunk, (size + k_huge - 1) & ~(k_huge - 1));
        c.length = usable + k_huge; // slack to align the start
#if defined(__linux__)
        void* m = mmap(nullptr, c.length, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (m == MAP_FAILED) {
            return nullptr;
        }
#else
        void* m = std::malloc(c.length);
        if (m == nullptr) {
            return nullptr;
        }
#endif
        c.map = static_cast<char*>(m);
        const auto raw = reinterpret_cast<std::uintptr_t>(c.map);
        c.begin = c.map + (((raw + k_huge - 1) & ~(k_huge - 1)) - raw);
        c.next = c.begin;
        c.end = c.begin + usable;
        if (m_pages == Pages::huge) {
            advise_huge_pages(c.begin, usable);
        }
        try {
            if (m_chunks.empty()) {
                const std::lock_guard<std::mutex> lock(g_live_mutex);
                g_live.push_back(this);
                g_live_count.store(g_live.size(), std::memory_order_release);
            }
            m_chunks.push_back(c);
        } catch (const std::bad_alloc&) {
#if defined(__linux__)
            munmap(c.map, c.length);
#else
            std::free(c.map);
#endif
            return nullptr;
        }
    }
    Chunk& c = m_chunks.back();
    void* p = c.next;
    c.next += size;
    return p;
}

void TreeArena::rewind() noexcept {
    while (m_chunks.size() > 1) {
#if defined(__linux__)
        munmap(m_chunks.back().map, m_chunks.back().length);
#else
        std::free(m_chunks.back().map);
#endif
        m_chunks.pop_back();
    }
    if (!m_chunks.empty()) {
        m_chunks.front().next = m_chunks.front().begin;
    }
}

bool TreeArena::owns(const void* p) const noexcept {
    const auto* b = static_cast<const char*>(p);
    return std::any_of(m_chunks.begin(), m_chunks.end(),
                       [b](const Chunk& c) { return b >= c.begin && b < c.end; });
}

ArenaScope::ArenaScope(TreeArena* arena) noexcept : m_previous(t_current) { t_current = arena; }

ArenaScope::~ArenaScope() { t_current = m_previous; }

} // namespace archiver::feed::detail
