// SPDX-License-Identifier: MIT
// Internal: a test-only hook to kill the process at the steps of a crash-safe write.
#pragma once

namespace archiver::archive {

// Marks a step of the write protocol (temporary written, batch synced, journal appended,
// file renamed, index committed, journal removed, ...). Inert unless the environment
// variable ARCHIVER_TEST_KILL_AFTER=N is set: then the N-th call in this process writes
// "archiver: test hook: SIGKILL at <where>" to stderr and raises SIGKILL on the process, so
// tests can stop a run at every step and check that the next run recovers. `where` names
// the step.
void crash_point(const char* where) noexcept;

} // namespace archiver::archive
