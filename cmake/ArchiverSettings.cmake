# SPDX-License-Identifier: MIT
# Shared compile settings, linked PRIVATE by the project's own targets only.
add_library(archiver_settings INTERFACE)
target_compile_options(archiver_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
if(ARCHIVER_WERROR)
    target_compile_options(archiver_settings INTERFACE -Werror)
endif()
target_compile_definitions(archiver_settings INTERFACE
    $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
if(ARCHIVER_SANITIZE)
    list(JOIN ARCHIVER_SANITIZE "," _archiver_sanitizers)
    target_compile_options(archiver_settings INTERFACE
        -fsanitize=${_archiver_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(archiver_settings INTERFACE -fsanitize=${_archiver_sanitizers})
endif()
