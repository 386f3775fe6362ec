#!/usr/bin/env bash
# tools/compare_data.sh: compare a figure's freshly computed tables with its shipped ones.
#
#   tools/compare_data.sh SHIPPED_DIR NEW_DIR RTOL ATOL
#
# Every table SHIPPED_DIR/*.tsv (panel tables, summary.tsv, claims.tsv) must exist in NEW_DIR
# with the same lines. Within a line, the text around the numbers must be identical (column
# names, conditions, PASS/FAIL) and each number must agree: |new - shipped| <= ATOL + RTOL
# |shipped| (numbers inside text, as in a claim's "measured" column, included; NaN equals NaN).
# Comment lines are compared as text. Prints one line per table:
#     PASS  fig2/summary.tsv  max |diff| 0 (relative 0)  tolerance rtol 0 atol 0
# and ends with "verify: N passed, M failed". Exit 1 if any table fails, 2 on bad arguments.
set -uo pipefail

if [ $# -ne 4 ]; then
    echo "usage: tools/compare_data.sh SHIPPED_DIR NEW_DIR RTOL ATOL" >&2
    exit 2
fi
shipped=$1 new=$2 rtol=$3 atol=$4
for d in "$shipped" "$new"; do
    [ -d "$d" ] || { echo "tools/compare_data.sh: no directory $d" >&2; exit 2; }
done
num='^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$'
[[ $rtol =~ $num && $atol =~ $num ]] || { echo "tools/compare_data.sh: tolerances must be numbers, not '$rtol' '$atol'" >&2; exit 2; }

fig=$(basename "$shipped")
passed=0 failed=0
shopt -s nullglob
tables=("$shipped"/*.tsv)
if [ ${#tables[@]} -eq 0 ]; then
    echo "FAIL  $fig: no shipped table in $shipped"
    failed=1
fi
for t in "${tables[@]}"; do
    name=$(basename "$t")
    if [ ! -f "$new/$name" ]; then
        echo "FAIL  $fig/$name  not written by the new run"
        failed=$((failed + 1))
        continue
    fi
    # awk: reads the shipped file, then the new one; compares line by line.
    verdict=$(awk -v rtol="$rtol" -v atol="$atol" '
        function isnum(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ || s ~ /^[-+]?(nan|inf)$/ }
        # split a line into its numbers (n[]) and the text around them (returned)
        function skeleton(line, n,    out, tok, k, i, c) {
            k = 0; out = ""
            while (match(line, /[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?(nan|inf)/)) {
                tok = substr(line, RSTART, RLENGTH)
                c = RSTART > 1 ? substr(line, RSTART - 1, 1) : ""
                if (c ~ /[A-Za-z_]/) { out = out substr(line, 1, RSTART + RLENGTH - 1) }  # part of a word (fig2, tau3)
                else { n[++k] = tok; out = out substr(line, 1, RSTART - 1) "#" }
                line = substr(line, RSTART + RLENGTH)
            }
            n[0] = k
            return out line
        }
        FNR == NR { a[FNR] = $0; na = FNR; next }
        { b[FNR] = $0; nb = FNR }
        END {
            if (na != nb) { printf "FAIL %d lines shipped, %d new", na, nb; exit }
            worst = 0; worst_rel = 0; bad = ""
            for (i = 1; i <= na; i++) {
                if (a[i] ~ /^#/ || b[i] ~ /^#/) {
                    if (a[i] != b[i]) { bad = "line " i " (comment) differs"; break }
                    continue
                }
                split("", x); split("", y)
                sa = skeleton(a[i], x); sb = skeleton(b[i], y)
                if (sa != sb || x[0] != y[0]) { bad = "line " i " differs in its text: " substr(b[i], 1, 80); break }
                for (k = 1; k <= x[0]; k++) {
                    u = x[k]; v = y[k]
                    if (tolower(u) ~ /nan|inf/ || tolower(v) ~ /nan|inf/) {
                        if (tolower(u) != tolower(v)) { bad = "line " i ": " u " vs " v; break }
                        continue
                    }
                    d = v - u; if (d < 0) d = -d
                    s = u < 0 ? -u : u
                    if (d > worst) worst = d
                    if (s > 0 && d / s > worst_rel) worst_rel = d / s
                    if (d > atol + rtol * s && bad == "") bad = "line " i ": " u " vs " v
                }
                if (bad != "") break
            }
            if (bad != "") printf "FAIL max |diff| %.3g (relative %.3g); %s", worst, worst_rel, bad
            else printf "PASS max |diff| %.3g (relative %.3g)", worst, worst_rel
        }' "$t" "$new/$name")
    result=${verdict%% *}
    printf '%-5s %s/%s  %s  tolerance rtol %s atol %s\n' "$result" "$fig" "$name" "${verdict#* }" "$rtol" "$atol"
    if [ "$result" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "verify: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
