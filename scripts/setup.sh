#!/bin/sh
# Installs every package needed to build, test and demo archiver on Debian 12.
# Idempotent; run as root (or with sudo available). The single list of dependencies.
set -eu

PACKAGES="
build-essential cmake ninja-build pkg-config git ca-certificates
libcurl4-openssl-dev libpugixml-dev libgumbo-dev libsqlitecpp-dev libsqlite3-dev
libcli11-dev catch2 libtomlplusplus-dev nlohmann-json3-dev libyaml-cpp-dev
libcpp-httplib-dev libuchardet-dev zlib1g-dev libcmark-gfm-dev libssl-dev tzdata
libbrotli-dev libjemalloc-dev
python3 python3-yaml cmark-gfm libxml2-utils hugo valgrind
libcmark-gfm-extensions-dev
bash-completion zsh tmux
"

SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "setup: installing:$missing" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi
