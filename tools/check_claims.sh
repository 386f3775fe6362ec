#!/usr/bin/env bash
# tools/check_claims.sh: print the claims of each figure and count them.
#
#   tools/check_claims.sh data/fig2/claims.tsv data/fig3/claims.tsv ...
#   tools/check_claims.sh --claim fig2.acquisition data/fig2/claims.tsv   (that claim only)
#
# Each claims.tsv is written by a driver's --merge (cc_claims_judge): '#' lines are comments,
# every other line has eleven tab-separated columns
#     claim_id source statement measured criterion effect ci_lo ci_hi seeds stability result
# source: paper (the paper states it), code (the authors' scripts) or package (the package's own
# criterion); result: PASS, FAIL or UNDECIDED (the verdict's stability under a bootstrap over
# seeds is below 0.9: the seeds that ran do not settle it). The claims of the paper and the
# authors' code are printed first, then the package's own criteria and questions, each line
# with its effect, 95 % interval, seeds and stability. Ends with exactly two lines
#     "claims of the paper and the code: N passed, M failed, U undecided"
#     "the package's own criteria: N passed, M failed, U undecided"
# A file with no claim must say why on a line '# no claims: ...'.
# Exit status: 0 when every claim of the paper and the code passes; 1 if one of them FAILs or is
# UNDECIDED, or a file is missing or has a malformed line (each of these counts as a failed claim);
# 2 for an unknown --claim id. The package's own criteria are reported, never the exit status: a
# package criterion that fails is a finding about the model, not a claim of the paper that failed.
# Not here: deciding a claim (the driver does, at merge).
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
        ids=$(awk -F'\t' '!/^#/ && NF == 11 { print $1 }' "${present[@]}")
        if ! grep -qxF -- "$only" <<<"$ids"; then
            echo "unknown claim '$only'; the claims of ${present[*]} are: $(paste -sd ' ' <<<"${ids:-none}")" >&2
            exit 2
        fi
    fi
fi

passed=0 failed=0 undecided=0    # claims of the paper and the code
ppassed=0 pfailed=0 pundecided=0 # the package's own criteria
for file in "$@"; do
    fig=$(basename "$(dirname "$file")")
    if [ ! -f "$file" ]; then
        echo "MISSING  $fig: $file does not exist (the merge did not write it, or it was deleted: remove $(dirname "$file")/.complete to merge again)"
        failed=$((failed + 1))
        continue
    fi
    echo "== $fig ($file)"
    # awk prints the claim lines (the paper's and the code's, then the package's) and, last,
    # "<passed> <failed> <undecided>" for this file.
    counts=$(awk -F'\t' -v fig="$fig" -v only="$only" '
        /^#/ || /^[[:space:]]*$/ { next }
        only != "" && $1 != only { next }
        NF != 11 || ($11 != "PASS" && $11 != "FAIL" && $11 != "UNDECIDED") || ($2 != "paper" && $2 != "code" && $2 != "package") {
            printf "BAD      %s line %d: expected 11 tab-separated columns, source paper|code|package, ending in PASS, FAIL or UNDECIDED: %s\n", fig, NR, $0
            bad++
            next
        }
        {
            ci = ($7 == "NaN") ? "no interval" : sprintf("95%% CI [%.4g, %.4g]", $7, $8)
            line = sprintf("%-9s [%s] %s: %s (measured %s; criterion %s; effect %.4g, %s, %d seeds, stability %.2f)", $11, $2, $1, $3, $4, $5, $6, ci, $9, $10)
            if ($2 == "package") { pk[++npk] = line; k = "q" } else { print line; k = "" }
            n[k ($11 == "PASS" ? "p" : $11 == "FAIL" ? "f" : "u")]++
        }
        END {
            if (npk) { print "   the package'"'"'s own criteria (not claims of the paper):"; for (i = 1; i <= npk; i++) print pk[i] }
            printf "%d %d %d %d %d %d\n", n["p"], n["f"] + bad, n["u"], n["qp"], n["qf"], n["qu"]
        }
    ' "$file")
    printf '%s\n' "$counts" | sed '$d'
    read -r p f u qp qf qu <<<"$(printf '%s\n' "$counts" | tail -n 1)"
    if [ $((p + f + u + qp + qf + qu)) -eq 0 ]; then
        if grep -q '^# no claims:' "$file"; then # a figure that only shows (Fig. 1: the model)
            echo "NONE     $fig: $(sed -n 's/^# no claims: *//p' "$file" | head -n 1)"
        else
            echo "EMPTY    $fig: $file has no claim"
            f=1
        fi
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    undecided=$((undecided + u))
    ppassed=$((ppassed + qp)) pfailed=$((pfailed + qf)) pundecided=$((pundecided + qu))
done

echo "claims of the paper and the code: $passed passed, $failed failed, $undecided undecided"
echo "the package's own criteria: $ppassed passed, $pfailed failed, $pundecided undecided"
[ "$failed" -eq 0 ] && [ "$undecided" -eq 0 ]
