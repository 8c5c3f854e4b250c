// SPDX-License-Identifier: MIT
// Memory for large feed documents' pugixml trees (private to src/feed). A 30 MB feed's tree
// takes about as much memory again, and on a virtual machine faulting that in 4 KiB at a
// time costs more than parsing it; the arena hands pugixml bump-allocated memory from
// mappings that ask for huge pages, and frees it all at once.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace archiver::feed::detail {

// The documents at least this large (bytes of text) get an arena; smaller ones use malloc.
inline constexpr std::size_t k_arena_min_text = std::size_t{4} << 20;

// Bump-allocated, huge-page-backed memory for one pugixml document. Move-only; it must
// outlive the document it serves (declare it before the document).
class TreeArena {
public:
    // Pages: huge for memory that grows with the document; small for a small tree that is
    // rebuilt many times (the first touch of a huge page zeroes 2 MiB).
    enum class Pages { huge, small };

    TreeArena() = default;
    explicit TreeArena(Pages pages) noexcept : m_pages(pages) {}
    TreeArena(const TreeArena&) = delete;
    TreeArena& operator=(const TreeArena&) = delete;
    ~TreeArena();

    // `size` bytes, 16-byte aligned; nullptr when the system refuses memory.
    void* allocate(std::size_t size) noexcept;

    // Makes all its memory free again (the first chunk is kept, so a tree rebuilt many
    // times reuses the same, already faulted-in memory). Every tree built in it must have
    // been destroyed, or be destroyed before anything else is allocated.
    void rewind() noexcept;

    // True when `p` came from this arena.
    bool owns(const void* p) const noexcept;

private:
    struct Chunk {
        char* map = nullptr;    // the mapping as returned by mmap
        std::size_t length = 0; // its length
        char* begin = nullptr;  // first usable byte (2 MiB aligned)
        char* next = nullptr;   // first free byte
        char* end = nullptr;
    };
    std::vector<Chunk> m_chunks;
    Pages m_pages = Pages::huge;
};

// A standard allocator over a TreeArena, for the containers that live as long as it: blocks
// are never given back one by one (a container that grows leaves its old block behind).
template <typename T> class ArenaAllocator {
public:
    using value_type = T;
    explicit ArenaAllocator(TreeArena* arena) noexcept : m_arena(arena) {}
    template <typename U>
    ArenaAllocator(const ArenaAllocator<U>& other) noexcept : m_arena(other.arena()) {}
    T* allocate(std::size_t n) {
        void* p = m_arena->allocate(n * sizeof(T));
        if (p == nullptr) {
            throw std::bad_alloc();
        }
        return static_cast<T*>(p);
    }
    void deallocate(T*, std::size_t) noexcept {}
    TreeArena* arena() const noexcept { return m_arena; }
    template <typename U> bool operator==(const ArenaAllocator<U>& other) const noexcept {
        return m_arena == other.arena();
    }

private:
    TreeArena* m_arena;
};

// While alive, pugixml allocations made by this thread come from `arena` (nullptr: from
// malloc). Scopes nest. Memory from an arena is released by the arena, never by pugixml.
class ArenaScope {
public:
    explicit ArenaScope(TreeArena* arena) noexcept;
    ArenaScope(const ArenaScope&) = delete;
    ArenaScope& operator=(const ArenaScope&) = delete;
    ~ArenaScope();

private:
    TreeArena* m_previous;
};

// Asks the kernel to back the aligned interior of [data, data + size) with huge pages (a
// hint: when refused, touching the memory is only slower). For buffers of several MB.
void advise_huge_pages(void* data, std::size_t size) noexcept;

} // namespace archiver::feed::detail
