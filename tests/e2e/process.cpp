// SPDX-License-Identifier: MIT
#include "process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace archiver::testing {
namespace {

// A child still running after this long is killed and the case fails with a clear reason,
// instead of the whole suite waiting on it.
constexpr auto k_deadline = std::chrono::seconds(300);

// The environment of the child: this process's, with `extra` set over it.
std::vector<std::string>
child_environment(const std::vector<std::pair<std::string, std::string>>& extra) {
    std::vector<std::string> out;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry(*e);
        const std::string key = entry.substr(0, entry.find('='));
        bool replaced = false;
        for (const auto& [k, v] : extra) {
            replaced = replaced || k == key;
        }
        if (!replaced) {
            out.push_back(entry);
        }
    }
    for (const auto& [k, v] : extra) {
        out.push_back(k + "=" + v);
    }
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env,
                          const std::string& input) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0 ||
        pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    // posix_spawn, not fork: the test's server threads may hold the allocator's lock at the
    // moment of a fork, and a forked child that allocates before exec (setenv, building
    // argv) would then wait for it forever. Everything the child needs is built here.
    std::vector<std::string> args(argv.begin(), argv.end());
    std::vector<std::string> environment = child_environment(env);
    std::vector<char*> arg_ptrs = pointers(args);
    std::vector<char*> env_ptrs = pointers(environment);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    pid_t pid = 0;
    const int spawned =
        posix_spawnp(&pid, arg_ptrs[0], &actions, nullptr, arg_ptrs.data(), env_ptrs.data());
    posix_spawn_file_actions_destroy(&actions);
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (spawned != 0) {
        close(in_pipe[1]);
        close(out_pipe[0]);
        close(err_pipe[0]);
        ProcessResult failed;
        failed.exit_code = 127;
        failed.err = "cannot start " + argv.front() + ": " + std::strerror(spawned);
        return failed;
    }
    std::size_t written = 0;
    if (input.empty()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
    }
    fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
    fcntl(err_pipe[0], F_SETFL, O_NONBLOCK);
    ProcessResult result;
    bool out_open = true, err_open = true, killed = false;
    const auto deadline = std::chrono::steady_clock::now() + k_deadline;
    while (out_open || err_open) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 && !killed) {
            kill(pid, SIGKILL);
            killed = true;
        }
        pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
        const nfds_t n = in_pipe[1] >= 0 ? 3 : 2;
        // After the kill, only a grandchild can keep the pipes open: stop waiting for it.
        const int timeout = killed ? 1000 : static_cast<int>(std::min<long long>(left.count(), 1000));
        const int ready = poll(fds, n, timeout);
        if (ready < 0 && errno != EINTR) {
            break;
        }
        if (ready == 0 && killed) {
            break;
        }
        char buf[65536];
        for (int i = 0; i < 2; ++i) {
            if (fds[i].revents & (POLLIN | POLLHUP)) {
                const ssize_t r = read(fds[i].fd, buf, sizeof buf);
                if (r > 0) {
                    (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(r));
                } else if (r == 0 || errno != EAGAIN) {
                    (i == 0 ? out_open : err_open) = false;
                }
            }
        }
        if (n == 3 && (fds[2].revents & (POLLOUT | POLLERR))) {
            const ssize_t w = write(in_pipe[1], input.data() + written, input.size() - written);
            if (w > 0) {
                written += static_cast<std::size_t>(w);
            }
            if (w < 0 || written == input.size()) {
                close(in_pipe[1]);
                in_pipe[1] = -1;
            }
        }
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
    if (in_pipe[1] >= 0) {
        close(in_pipe[1]);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (killed) {
        result.err += "\n[test] " + argv.front() + " killed: still running after " +
                      std::to_string(k_deadline.count()) + " s\n";
    }
    return result;
}

} // namespace archiver::testing
