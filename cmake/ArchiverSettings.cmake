# SPDX-License-Identifier: MIT
# Shared compile settings, linked PRIVATE by the project's own targets only.
add_library(archiver_settings INTERFACE)
target_compile_options(archiver_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
if(ARCHIVER_WERROR)
    target_compile_options(archiver_settings INTERFACE -Werror)
    # GCC 12 reports false -Wrestrict positives inside libstdc++'s std::string at -O2
    # (GCC bug 105329); keep them visible as warnings, not errors.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(archiver_settings INTERFACE -Wno-error=restrict)
    endif()
endif()
target_compile_definitions(archiver_settings INTERFACE
    $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
# Calls into the shared C library (memcpy, memchr, strlen: hundreds of thousands per large
# feed) go through the GOT directly instead of a PLT stub's extra jump: 0.5% fewer
# instructions and about 2% less CPU time on a 30 MB Atom feed (bench/feed/README.md).
target_compile_options(archiver_settings INTERFACE -fno-plt)
if(ARCHIVER_SANITIZE)
    list(JOIN ARCHIVER_SANITIZE "," _archiver_sanitizers)
    target_compile_options(archiver_settings INTERFACE
        -fsanitize=${_archiver_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(archiver_settings INTERFACE -fsanitize=${_archiver_sanitizers})
endif()
# Profile-guided optimisation. The profile of each object is named after the object's path
# below the build folder (-fprofile-prefix-path), so the instrumented build and the
# optimised build may live in different folders. Functions the training run never reached
# are optimised as without a profile (-fprofile-partial-training), not for size: the
# training parses feeds, and the rest of the program must not become slower for it.
if(ARCHIVER_PGO)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        message(FATAL_ERROR "ARCHIVER_PGO needs GCC (its -fprofile-* options)")
    endif()
    if(ARCHIVER_PGO STREQUAL "generate")
        set(_archiver_pgo -fprofile-generate=${ARCHIVER_PGO_DIR} -fprofile-update=atomic)
        target_link_options(archiver_settings INTERFACE ${_archiver_pgo})
    elseif(ARCHIVER_PGO STREQUAL "use")
        if(NOT IS_DIRECTORY ${ARCHIVER_PGO_DIR})
            message(FATAL_ERROR "ARCHIVER_PGO=use: no profiles in ${ARCHIVER_PGO_DIR}")
        endif()
        # A source edited since the training run loses its profile (a warning, not an
        # error), and the objects the run never loaded have none.
        set(_archiver_pgo -fprofile-use=${ARCHIVER_PGO_DIR} -fprofile-partial-training
            -Wno-missing-profile -Wno-error=coverage-mismatch)
    else()
        message(FATAL_ERROR "ARCHIVER_PGO must be generate, use or empty, not '${ARCHIVER_PGO}'")
    endif()
    target_compile_options(archiver_settings INTERFACE ${_archiver_pgo}
        -fprofile-prefix-path=${CMAKE_BINARY_DIR})
endif()
