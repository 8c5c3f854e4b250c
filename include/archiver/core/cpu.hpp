// SPDX-License-Identifier: MIT
// Features of the CPU the program runs on, for code that has a faster path for them.
#pragma once

namespace archiver::cpu {

// True when the CPU has AVX2 (x86-64 only); detected on the first call.
bool has_avx2() noexcept;

} // namespace archiver::cpu
