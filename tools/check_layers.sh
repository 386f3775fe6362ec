#!/usr/bin/env bash
# tools/check_layers.sh: the include rule of src/, checked on every build.
#
#   base   includes only base                     (errors, random streams)
#   tasks  includes base and tasks                (task generators)
#   model  includes base, tasks and model         (the science)
#   run    includes anything                      (experiment machinery)
#
# Usage: tools/check_layers.sh [SRC_DIR]   (default src). Prints one line per forbidden
# include and exits 1 if there is any; exits 0 silently otherwise.
set -euo pipefail
src=${1:-src}

allowed() {  # allowed LAYER -> the layers its files may include
    case "$1" in
        base) echo "base" ;;
        tasks) echo "base tasks" ;;
        model) echo "base tasks model" ;;
        run) echo "base tasks model run" ;;
        *) echo "" ;;
    esac
}

# Which layer holds each header (by file name: every include is "name.h").
declare -A home
for h in "$src"/*/*.h; do
    [ -e "$h" ] || continue
    layer=$(basename "$(dirname "$h")")
    home[$(basename "$h")]=$layer
done

bad=0
for f in "$src"/*/*.[ch]; do
    layer=$(basename "$(dirname "$f")")
    ok=$(allowed "$layer")
    if [ -z "$ok" ]; then
        echo "$f: $src/$layer/ is not a known layer (base, tasks, model, run)" >&2
        bad=1; continue
    fi
    while IFS=: read -r line name; do
        to=${home[$name]:-}
        if [ -z "$to" ]; then
            echo "$f:$line: includes \"$name\", which is in no folder of $src/" >&2
            bad=1
        elif ! [[ " $ok " == *" $to "* ]]; then
            echo "$f:$line: $src/$layer/ may not include \"$name\" (it is in $src/$to/)" >&2
            bad=1
        fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" \
               | sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1:\2/' || true)
done
exit $bad
