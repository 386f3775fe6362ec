#!/usr/bin/env bash
# tools/check_claims.sh: print the claims of each figure and count them.
#
#   tools/check_claims.sh data/fig2/claims.tsv data/fig3/claims.tsv ...
#   tools/check_claims.sh --claim fig2.acquisition data/fig2/claims.tsv   (that claim only)
#
# Each claims.tsv is written by a driver's --merge: '#' lines are comments, every other line
# has five tab-separated columns
#     claim_id  statement  measured  criterion  PASS|FAIL
# Prints one line per claim and ends with exactly one line "claims: N passed, M failed".
# A file with no claim must say why on a line '# no claims: ...'.
# Exit status 1 if any claim FAILs, or if a file is missing or has a malformed line (each of
# these counts as one failure). Not here: deciding a claim (the driver does, at merge).
set -uo pipefail

# --claim ID: only that claim (one file expected). An id absent from a file that exists lists
# the valid ones, exit 2; a file that does not exist is MISSING below (exit 1), as without --claim.
only=""
if [ "${1:-}" = "--claim" ]; then
    only=${2:-}
    shift 2
    present=()
    for file in "$@"; do [ -f "$file" ] && present+=("$file"); done
    if [ ${#present[@]} -gt 0 ]; then
        ids=$(awk -F'\t' '!/^#/ && NF == 5 { print $1 }' "${present[@]}")
        if ! grep -qxF -- "$only" <<<"$ids"; then
            echo "unknown claim '$only'; the claims of ${present[*]} are: $(paste -sd ' ' <<<"${ids:-none}")" >&2
            exit 2
        fi
    fi
fi

passed=0
failed=0
for file in "$@"; do
    fig=$(basename "$(dirname "$file")")
    if [ ! -f "$file" ]; then
        echo "MISSING  $fig: $file does not exist (the merge did not write it, or it was deleted: remove $(dirname "$file")/.complete to merge again)"
        failed=$((failed + 1))
        continue
    fi
    echo "== $fig ($file)"
    # awk prints the claim lines and, last, "<passed> <failed>" for this file.
    counts=$(awk -F'\t' -v fig="$fig" -v only="$only" '
        /^#/ || /^[[:space:]]*$/ { next }
        only != "" && $1 != only { next }
        NF != 5 || ($5 != "PASS" && $5 != "FAIL") {
            printf "BAD      %s line %d: expected 5 tab-separated columns ending in PASS or FAIL: %s\n", fig, NR, $0
            bad++
            next
        }
        {
            printf "%-8s %s/%s: %s (measured %s; criterion %s)\n", $5, fig, $1, $2, $3, $4
            if ($5 == "PASS") p++; else f++
        }
        END { printf "%d %d\n", p, f + bad }
    ' "$file")
    printf '%s\n' "$counts" | sed '$d'
    read -r p f <<<"$(printf '%s\n' "$counts" | tail -n 1)"
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        if grep -q '^# no claims:' "$file"; then # a figure that only shows (Fig. 1: the model)
            echo "NONE     $fig: $(sed -n 's/^# no claims: *//p' "$file" | head -n 1)"
        else
            echo "EMPTY    $fig: $file has no claim"
            f=1
        fi
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done

echo "claims: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
