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
if(ARCHIVER_SANITIZE)
    list(JOIN ARCHIVER_SANITIZE "," _archiver_sanitizers)
    target_compile_options(archiver_settings INTERFACE
        -fsanitize=${_archiver_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(archiver_settings INTERFACE -fsanitize=${_archiver_sanitizers})
endif()
