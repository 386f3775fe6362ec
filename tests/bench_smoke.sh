#!/usr/bin/env bash
# tests/bench_smoke.sh: make bench's program builds, runs and writes a well-formed table.
#
#   tests/bench_smoke.sh BUILD
#
# Runs BUILD/bench --quick (one repeat of reduced epochs, one round of the core comparison) into a
# scratch file and checks: exit 0, no FILE.tmp left, every row with as many fields as the header,
# the dgemm rows (cblas_NN among them) and one epoch row per workload with numbers where numbers
# belong; then that a bad argument exits 2 with one line and writes nothing. Times are not checked:
# the benchmark reports, it never fails on a time.
set -uo pipefail
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { echo "PASS  bench: $1"; passed=$((passed + 1)); }
bad() { echo "FAIL  bench: $1"; failed=$((failed + 1)); }

if "$build/bench" --quick --rounds 1 --out "$tmp/b.tsv" >"$tmp/out" 2>"$tmp/err"; then ok "quick run exits 0"
else bad "quick run failed: $(head -1 "$tmp/err")"; fi
[ -f "$tmp/b.tsv" ] && [ ! -e "$tmp/b.tsv.tmp" ] && ok "table written whole (no .tmp left)" || bad "no table, or a .tmp left"
if [ -f "$tmp/b.tsv" ]; then
    report=$(awk -F'\t' '
        /^#/ { next }
        !h { h = NF; for (i = 1; i <= NF; i++) col[$i] = i; next }
        NF != h { printf "row %d has %d fields, the header %d\n", NR, NF, h; exit }
        $1 == "dgemm" { nd++; if ($2 == "cblas_NN") nn = 1; if (!($col["gflops"] > 0)) { printf "dgemm %s: rate %s\n", $2, $col["gflops"]; exit } }
        $1 == "epoch" { ne++; for (k = 0; k < 4; k++) { c = k == 0 ? "s_epoch" : k == 1 ? "ratio" : k == 2 ? "paired" : "paired_blas";
                        if (!($col[c] > 0)) { printf "epoch %s: %s is %s\n", $2, c, $col[c]; exit } } }
        END { if (!h) print "no header"; else if (nd < 3 || !nn) printf "%d dgemm rows, cblas_NN %s\n", nd, nn ? "present" : "missing";
              else if (ne != 4) printf "%d epoch rows, want 4\n", ne }' "$tmp/b.tsv")
    [ -z "$report" ] && ok "table: every row as wide as the header, dgemm and 4 epoch rows with numbers" || bad "table: $report"
fi
rm -f "$tmp/c.tsv"
"$build/bench" --repeats 0 --out "$tmp/c.tsv" >/dev/null 2>"$tmp/err2"; rc=$?
if [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err2")" -eq 1 ] && [ ! -e "$tmp/c.tsv" ] && [ ! -e "$tmp/c.tsv.tmp" ]; then
    ok "bad argument: exit 2, one line ($(cat "$tmp/err2")), nothing written"
else
    bad "bad argument: exit $rc, $(wc -l <"$tmp/err2") lines, files: $(ls "$tmp" | tr '\n' ' ')"
fi
echo "bench: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
