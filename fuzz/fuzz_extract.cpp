// SPDX-License-Identifier: MIT
// libFuzzer entry point: archiver::fuzz::extract_target (targets.hpp) on every input.
#include "targets.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (!archiver::fuzz::extract_target({reinterpret_cast<const char*>(data), size})) {
        std::abort(); // a property of targets.hpp does not hold: keep the input
    }
    return 0;
}
