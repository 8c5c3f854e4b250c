// SPDX-License-Identifier: MIT
#include "archiver/core/cpu.hpp"

namespace archiver::cpu {

bool has_avx2() noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool k_avx2 = __builtin_cpu_supports("avx2") != 0;
    return k_avx2;
#else
    return false;
#endif
}

} // namespace archiver::cpu
