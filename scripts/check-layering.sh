#!/bin/sh
# Checks the module dependency rules of ARCHITECTURE.md with a grep over includes:
# stage modules include only core, the shared helpers (html, text) and themselves;
# third-party headers stay out of include/archiver/.
set -eu
cd "$(dirname "$0")/.."
fail=0

stages="config fetch feed listing normalize extract markdown store document"
helpers="core html text"
for m in $stages $helpers; do
    for f in $(find "src/$m" "include/archiver/$m" -name '*.[ch]pp' 2>/dev/null); do
        for inc in $(grep -o '#include <archiver/[a-z_]*/' "$f" | sed 's|#include <archiver/||; s|/||'); do
            ok=0
            for allowed in $m $helpers; do
                [ "$inc" = "$allowed" ] && ok=1
            done
            # text is below html; core is below everything.
            if [ "$m" = core ] && [ "$inc" != core ]; then ok=0; fi
            if [ "$m" = text ] && [ "$inc" = html ]; then ok=0; fi
            if [ $ok = 0 ]; then
                echo "layering: $f includes archiver/$inc/ (module $m may not)" >&2
                fail=1
            fi
        done
    done
done

# No third-party header in the public headers.
if grep -rnE '#include <(curl/|pugixml|SQLiteCpp|sqlite3|gumbo|toml\+\+|nlohmann|yaml-cpp|CLI/|httplib|uchardet|cmark)' include/archiver; then
    echo "layering: third-party header in include/archiver/" >&2
    fail=1
fi
# Only src/cli knows CLI11.
if grep -rln '#include <CLI/' src | grep -v '^src/cli/'; then
    echo "layering: CLI11 outside src/cli" >&2
    fail=1
fi
exit $fail
