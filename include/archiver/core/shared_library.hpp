// SPDX-License-Identifier: MIT
// Shared libraries opened at run time (dlopen), for the ones only some commands need.
#pragma once

#include <initializer_list>
#include <string_view>

namespace archiver {

// Opens the first of `names` (SONAMEs, most specific first) that loads, with its symbols
// resolved now and kept local. On failure writes "archiver: cannot load WHAT: reason" to
// stderr and returns nullptr. The handle is meant to stay open for the life of the process.
void* open_shared_library(std::initializer_list<const char*> names, std::string_view what);

// The address of `name` in `library` (a handle from open_shared_library); nullptr if missing.
void* find_symbol(void* library, const char* name);

// Looks `name` up in `library` into the function pointer `fn`; false when missing.
template <typename Fn> bool bind_symbol(void* library, const char* name, Fn& fn) {
    void* sym = find_symbol(library, name);
    // POSIX guarantees a data pointer from dlsym converts to the function's pointer type.
    fn = reinterpret_cast<Fn>(sym);
    return sym != nullptr;
}

// Closes a handle whose library turned out unusable.
void close_shared_library(void* library);

} // namespace archiver
