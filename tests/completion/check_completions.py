#!/usr/bin/env python3
"""The shell completions (completions/archiver.bash, completions/_archiver) against the
binary's own --help, so they cannot drift: every command, every long option of every
command and subcommand, and every --format choice must be offered. bash is driven for real
(bash-completion's _init_completion, COMP_WORDS, COMPREPLY); source names come from a
temporary feeds.d. zsh is syntax-checked, each command's branch of _archiver must name
every option and choice of that command, and a few lines are completed for real by an
interactive zsh in tmux.

    check_completions.py ARCHIVER_BINARY COMPLETIONS_DIR
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"


def help_of(binary, *words):
    out = subprocess.run([binary, *words, "--help"], capture_output=True, text=True, check=True)
    return out.stdout


def parse_help(text):
    """(long options, subcommands, {option: [choices]}) of one --help text."""
    options, choices, subcommands = set(), {}, []
    section = None
    for line in text.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            section = line[:-1]
            continue
        if section == "Options":
            m = re.match(r"^\s+(?:-\w,)?(--[\w-]+)(?:\s+\S+?:\{([^}]*)\})?", line)
            if m:
                options.add(m.group(1))
                if m.group(2):
                    choices[m.group(1)] = m.group(2).split(",")
        elif section == "Subcommands":
            m = re.match(r"^\s{2}([\w-]+)\s", line)
            if m:
                subcommands.append(m.group(1))
    options.discard("--help")
    options.discard("--version")
    return options, subcommands, choices


def bash_complete(completions, home, words):
    """What bash offers for the command line `words` (the last word is being completed)."""
    script = "\n".join([
        f"source {BASH_COMPLETION}",
        f"source {shlex.quote(os.path.join(completions, 'archiver.bash'))}",
        "COMP_WORDS=(" + " ".join(shlex.quote(w) for w in words) + ")",
        f"COMP_CWORD={len(words) - 1}",
        "COMP_LINE=" + shlex.quote(" ".join(words)),
        "COMP_POINT=${#COMP_LINE}",
        "_archiver archiver",
        "printf '%s\\n' \"${COMPREPLY[@]}\"",
    ])
    env = dict(os.environ, ARCHIVER_HOME=home)
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"bash completion of {words} failed: {out.stderr}")
    return {w for w in out.stdout.split("\n") if w}


def zsh_branch(text, command):
    """The text of `command`'s branch in _archiver's `case $line[1]`: the least indented
    `command)` pattern, up to the next line indented as little."""
    best = None
    for m in re.finditer(r"^( +)([\w|-]+)\)", text, re.M):
        if command in m.group(2).split("|") and (best is None or len(m.group(1)) < len(best.group(1))):
            best = m
    if best is None:
        return ""
    indent = len(best.group(1))
    lines = text[best.end():].split("\n")
    body = []
    for line in lines[1:]:
        stripped = line.lstrip(" ")
        if stripped and len(line) - len(stripped) <= indent:
            break
        body.append(line)
    return text[best.start():best.end()] + lines[0] + "\n" + "\n".join(body)


def zsh_live(binary, completions, home, failures):
    """Real zsh completion: an interactive zsh in a detached tmux session with compinit and
    the completions folder on $fpath; TAB pressed after each line, the screen read back."""
    session = f"archiver-completion-{os.getpid()}"
    path = os.path.dirname(os.path.abspath(binary)) + ":/usr/bin:/bin"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50",
                     f"env -i HOME={home} TERM=xterm PATH={path} ARCHIVER_HOME={home} "
                     "zsh -f -i"], check=True)

    def screen():
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                              capture_output=True, text=True).stdout

    def wait_for(pattern):
        for _ in range(100):
            if re.search(pattern, screen()):
                return True
            time.sleep(0.1)
        return False

    try:
        subprocess.run(["tmux", "send-keys", "-t", session,
                        f"fpath=({completions} $fpath); autoload -Uz compinit; compinit -u; "
                        "PS1='zsh> '; clear", "Enter"], check=True)
        wait_for(r"(?m)^zsh>\s*$")
        cases = [("archiver list --", [r"--oldest-first", r"--text", r"--limit"]),
                 ("archiver export --format ", [r"atom +csv +hugo +jsonl +opml"]),
                 ("archiver run ", [r"alpha-news +beta-blog"]),
                 ("archiver sources check al", [r"archiver sources check alpha-news"]),
                 ("archiver ", [r"reindex", r"parse-feed"])]
        for line, patterns in cases:
            subprocess.run(["tmux", "send-keys", "-t", session, "C-u", "clear", "Enter"])
            wait_for(r"(?m)^zsh>\s*$")
            subprocess.run(["tmux", "send-keys", "-t", session, line, "Tab"], check=True)
            if not all(wait_for(p) for p in patterns):
                failures.append(f"zsh: `{line}<TAB>` shows {screen().strip()!r}, "
                                f"expected {patterns}")
            subprocess.run(["tmux", "send-keys", "-t", session, "C-c"])
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main():
    binary, completions = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as home:
        os.makedirs(os.path.join(home, "feeds.d"))
        for name in ("alpha-news", "beta-blog"):
            open(os.path.join(home, "feeds.d", name + ".toml"), "w").write('url = "http://x/"\n')
        sources = {"alpha-news", "beta-blog"}

        top_options, commands, top_choices = parse_help(help_of(binary))
        offered = bash_complete(completions, home, ["archiver", ""])
        for missing in sorted((set(commands) | top_options) - offered):
            failures.append(f"bash: `archiver <TAB>` does not offer {missing}")
        zsh_text = open(os.path.join(completions, "_archiver")).read()
        for word in sorted(set(commands) | top_options):
            if not re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", zsh_text):
                failures.append(f"zsh: _archiver does not name {word}")

        for command in commands:
            if command == "help":  # takes a command name; checked below
                continue
            options, subcommands, choices = parse_help(help_of(binary, command))
            paths = [[command]] + [[command, sub] for sub in subcommands]
            for path in paths:
                if path != [command]:
                    options, _, choices = parse_help(help_of(binary, *path))
                if path == [command] and subcommands:
                    offered = bash_complete(completions, home, ["archiver", command, ""])
                    for sub in sorted(set(subcommands) - offered):
                        failures.append(f"bash: `archiver {command} <TAB>` lacks {sub}")
                    continue
                offered = bash_complete(completions, home, ["archiver", *path, "--"])
                for option in sorted(options - offered):
                    failures.append(f"bash: `archiver {' '.join(path)} --<TAB>` lacks {option}")
                for option, values in choices.items():
                    offered = bash_complete(completions, home, ["archiver", *path, option, ""])
                    if set(values) != offered:
                        failures.append(f"bash: `archiver {' '.join(path)} {option} <TAB>` "
                                        f"offers {sorted(offered)}, --help says {values}")
                branch = zsh_branch(zsh_text, command)
                if not branch:
                    failures.append(f"zsh: _archiver has no branch for {command}")
                    continue
                for word in sorted(options | {v for vs in choices.values() for v in vs}):
                    if not re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", branch):
                        failures.append(f"zsh: the {command} branch does not name {word}")

        # Source names from feeds.d wherever a source is expected.
        for words in (["archiver", "run", ""], ["archiver", "list", "--source", ""],
                      ["archiver", "sources", "check", ""], ["archiver", "export", "--source", ""]):
            offered = bash_complete(completions, home, words)
            if offered != sources:
                failures.append(f"bash: `{' '.join(words)}<TAB>` offers {sorted(offered)}, "
                                f"feeds.d has {sorted(sources)}")
        offered = bash_complete(completions, home, ["archiver", "run", "al"])
        if offered != {"alpha-news"}:
            failures.append(f"bash: `archiver run al<TAB>` offers {sorted(offered)}")
        zsh_live(binary, os.path.abspath(completions), home, failures)
        offered = bash_complete(completions, home, ["archiver", "help", "ex"])
        if offered != {"export", "extract"}:
            failures.append(f"bash: `archiver help ex<TAB>` offers {sorted(offered)}")

    zsh = subprocess.run(["zsh", "-n", os.path.join(completions, "_archiver")],
                         capture_output=True, text=True)
    if zsh.returncode != 0:
        failures.append("zsh -n _archiver: " + zsh.stderr.strip())

    for f in failures:
        print(f)
    print(f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
