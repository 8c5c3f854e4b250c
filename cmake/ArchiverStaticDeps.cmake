# SPDX-License-Identifier: MIT
# ARCHIVER_STATIC_DEPS: the libraries are linked from the static archives Debian's -dev
# packages ship beside the shared objects, and the archiver binary takes libstdc++ and libgcc
# statically too (src/cli). Every command, `parse-feed` on one small feed included, then
# starts without the dynamic loader opening and relocating a dozen libraries: `archiver
# --version` took 3.3 ms of CPU with them (366 page faults) and 2.4 ms without (262); see
# bench/feed/README.md. Only the C library stays shared, with what is opened by dlopen
# (libcurl, libcrypto: C libraries). The test programs keep the shared libstdc++: they also
# load cpp-httplib, a shared C++ library.
#
# Off with sanitizers: their runtimes expect the shared C++ library.
#
# Used after the find_package() calls of the top-level CMakeLists.txt.

set(ARCHIVER_STATIC_LINK OFF)
if(ARCHIVER_STATIC_DEPS AND NOT ARCHIVER_SANITIZE)
    set(ARCHIVER_STATIC_LINK ON)
endif()

# archiver_link_archives(<imported target> <archive file>...): <imported target> is linked from
# the archives named (found like any library, e.g. libgumbo.a) instead of its shared object.
# Its headers and compile settings are kept; the archives after the first come after it on
# the link line (a library's own dependencies, such as libbrotlicommon.a for libbrotlidec.a).
function(archiver_link_archives target)
    set(archives "")
    foreach(name IN LISTS ARGN)
        string(MAKE_C_IDENTIFIER "ARCHIVER_ARCHIVE_${name}" var)
        find_library(${var} NAMES ${name})
        if(NOT ${var})
            message(FATAL_ERROR "ARCHIVER_STATIC_DEPS: no ${name} for ${target} (Debian ships it "
                "in the library's -dev package); configure with -DARCHIVER_STATIC_DEPS=OFF to "
                "link the shared library instead")
        endif()
        list(APPEND archives ${${var}})
    endforeach()
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")
        # pkg_check_modules(IMPORTED_TARGET): its link items are the libraries' paths
        set_property(TARGET ${target} PROPERTY INTERFACE_LINK_LIBRARIES ${archives})
        return()
    endif()
    list(POP_FRONT archives first)
    set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION ${first})
    get_target_property(configs ${target} IMPORTED_CONFIGURATIONS)
    if(configs)
        foreach(config IN LISTS configs)
            set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION_${config} ${first})
            set_property(TARGET ${target} PROPERTY IMPORTED_SONAME_${config})
        endforeach()
    endif()
    set_property(TARGET ${target} PROPERTY IMPORTED_SONAME)
    if(archives)
        set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${archives})
    endif()
endfunction()

if(ARCHIVER_STATIC_LINK)
    archiver_link_archives(SQLite::SQLite3 libsqlite3.a)
    archiver_link_archives(ZLIB::ZLIB libz.a)
    archiver_link_archives(yaml-cpp libyaml-cpp.a)
    archiver_link_archives(PkgConfig::GUMBO libgumbo.a)
    archiver_link_archives(PkgConfig::UCHARDET libuchardet.a)
    archiver_link_archives(cmark_gfm::cmark_gfm libcmark-gfm.a)
    archiver_link_archives(cmark_gfm::extensions libcmark-gfm-extensions.a)
    archiver_link_archives(PkgConfig::BROTLIDEC libbrotlidec.a libbrotlicommon.a)
    if(TARGET PkgConfig::JEMALLOC)
        # the position-independent build: the binaries are PIE
        archiver_link_archives(PkgConfig::JEMALLOC libjemalloc_pic.a)
    endif()
    # toml++ is compiled into the one source that reads TOML (header-only mode) rather than
    # linked: Debian ships it as a shared library only. See src/CMakeLists.txt.
endif()
