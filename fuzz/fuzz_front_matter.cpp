// SPDX-License-Identifier: MIT
// libFuzzer entry point: archiver::fuzz::front_matter_target on every input.
#include "front_matter_target.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (!archiver::fuzz::front_matter_target({reinterpret_cast<const char*>(data), size})) {
        std::abort(); // a property of front_matter_target.hpp does not hold: keep the input
    }
    return 0;
}
