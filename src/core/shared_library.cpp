// SPDX-License-Identifier: MIT
#include <archiver/core/shared_library.hpp>

#include <cstdio>
#include <string>

#include <dlfcn.h>

namespace archiver {

void* open_shared_library(std::initializer_list<const char*> names, std::string_view what) {
    for (const char* name : names) {
        if (void* lib = dlopen(name, RTLD_NOW | RTLD_LOCAL)) {
            return lib;
        }
    }
    const char* why = dlerror();
    std::fprintf(stderr, "archiver: cannot load %s: %s\n", std::string(what).c_str(),
                 why != nullptr ? why : "?");
    return nullptr;
}

void* find_symbol(void* library, const char* name) { return dlsym(library, name); }

void close_shared_library(void* library) { dlclose(library); }

} // namespace archiver
