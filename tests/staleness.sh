#!/usr/bin/env bash
# tests/staleness.sh: a unit reruns only when what it runs with changes.
#
#   tests/staleness.sh BUILD
#
# In a scratch copy of the package (sources linked, experiments/ and BUILD copied with their
# dates, so that make sees everything up to date), after the quick pipeline (make smoke), each
# edit of a config is followed by `make QUICK=1 FIG` and the units and merges it runs are counted:
#   touching the config                       0 units, no merge
#   a comment, a verify.* key                 0 units, the merge
#   a claims.* key (Fig. 2)                  0 units, the merge
#   one more value in a sweep (Fig. 2's tau) one unit per seed of the new value
#   a model key                               every unit of the figure
#   one more seed (SEEDS)                     one unit per condition
# Not here: which values a unit's configuration holds (the drivers' --list-configs; test_grid).
set -uo pipefail
build=${1:-build}
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL     $*"; failed=$((failed + 1)); }

p=$tmp/p
mkdir -p "$p"
for d in src figures tools env tests paper bench; do [ -e "$d" ] && ln -s "$top/$d" "$p/$d"; done
cp -p Makefile "$p/"
cp -a experiments "$p/experiments"
cp -a "$build" "$p/build"
export ENV_CHECK=0

# runs FIG [MAKE ARGS]: "<units> <merges>" that make QUICK=1 FIG runs.
runs() {
    local fig=$1
    shift
    local log
    log=$(make -C "$p" --no-print-directory QUICK=1 V=1 BUILD=build "$@" "$fig" 2>&1) || { echo "make failed: $log" >&2; echo "x x"; return; }
    echo "$(grep -c -- " --unit " <<<"$log") $(grep -c -- " --merge" <<<"$log")"
}
# expect NAME GOT WANT
expect() { [ "$2" = "$3" ] && ok || bad "$1: ran $2 (units merges), expected $3"; }

fig=fig4
units=$(wc -w <<<"$(build/$fig --config experiments/$fig.ini --quick --list-units)")
conds=$(build/$fig --config experiments/$fig.ini --quick --list-units | sed 's/-s[0-9]*$//' | sort -u | wc -l)
expect "$fig up to date" "$(runs $fig)" "0 0"
touch "$p/experiments/$fig.ini"
expect "$fig config touched" "$(runs $fig)" "0 0"
printf '# a comment\n' >> "$p/experiments/$fig.ini"
expect "$fig comment added" "$(runs $fig)" "0 0"
printf '[verify]\nrtol = 1e-7\n' >> "$p/experiments/$fig.ini"
expect "$fig verify.rtol edited" "$(runs $fig)" "0 1"
sed -i 's/^lr_cereb = 0.001/lr_cereb = 0.0015/' "$p/experiments/$fig.ini"
expect "$fig model.lr_cereb edited" "$(runs $fig)" "$units 1"
expect "$fig one more seed" "$(runs $fig SEEDS=3)" "$conds 1"
expect "$fig back to the quick seeds" "$(runs $fig)" "0 1"

# Fig. 2: a claim's threshold reruns the merge alone; one more tau in the sweep runs one unit per
# seed of that tau, and nothing else.
fig2_seeds=$(cd "$p" && build/fig2 --config experiments/fig2.ini --quick --get run.seeds)
expect "fig2 up to date" "$(runs fig2)" "0 0"
sed -i 's/^ratio_min = 5 /ratio_min = 6 /' "$p/experiments/fig2.ini"
expect "fig2 claims.ratio_min edited" "$(runs fig2)" "0 1"
sed -i 's/^sweep.tau = 2, 3$/sweep.tau = 2, 3, 5/' "$p/experiments/fig2.ini"
expect "fig2 one more tau in the quick sweep" "$(runs fig2)" "$fig2_seeds 1"

# Verdicts: never printed from another configuration. An analysis edit merges again when the units
# have run here; with a unit missing (as in the shipped data) the claim is refused, naming the figure.
printf 'atol = 1e-12\n' >> "$p/experiments/$fig.ini" # in the [verify] section added above
out=$(make -C "$p" --no-print-directory QUICK=1 BUILD=build claim ID=fig4.temporal_basis 2>&1)
want=$(cd "$p" && build/$fig --config experiments/$fig.ini --quick --list-configs | sed -n 's/^config //p')
have=$(sed -n 's/^# config: //p' "$p/build/quick/data/$fig/claims.tsv" | head -n 1)
if ! grep -q "merging again" <<<"$out" || [ "$want" != "$have" ]; then
    bad "claim after a verify.atol edit: not merged again (claims config $have, config $want): $out"
else ok; fi
sed -i 's/^atol = 1e-12/atol = 1e-11/' "$p/experiments/$fig.ini"
rm -f "$p/build/quick/data/$fig/units/none-s0.done"
make -C "$p" --no-print-directory QUICK=1 BUILD=build claim ID=fig4.temporal_basis >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 2 ] || [ "$(wc -l <"$tmp/err")" -lt 1 ] || ! grep -q "$fig: its claims were computed under another configuration" "$tmp/err"; then
    bad "claim of a stale figure without its units: exit $rc, expected 2 naming $fig: $(cat "$tmp/err")"
else ok; fi

echo "staleness: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
