#!/usr/bin/env bash
# tests/progress.sh: the build's progress lines under make -j2 (tools/progress.sh).
#
#   tests/progress.sh BUILD [MAKE VARIABLES...]      e.g. tests/progress.sh build SAN=0 BLAS=openblas
#
# After the quick pipeline (make smoke), removes the stamps of the one unit of fig1 and of three
# units of fig2, then runs `make -s -j2 QUICK=1 fig1 fig2` into a file (not a terminal) and checks:
# the first line counts every unit of both figures (their drivers' --list-units) and those up to
# date; one line per unit run, in which the figure's and the build's counts each go up by one;
# the last line says all units are done; the job count is -j2; no command line (make -s) and no
# control character (not a terminal). The units rerun write the same bytes (determinism.sh,
# run next, compares them). Not here: the terminal's look (\r, ESC[K), checked by hand.
set -uo pipefail
build=$1
shift
vars=(QUICK=1 "BUILD=$build" "$@")
data=$build/quick/data
failed=0
fail() { echo "FAIL     progress: $*"; failed=1; }

for f in fig1 fig2; do
    [ -x "$build/$f" ] || { echo "FAIL     progress: $build/$f missing (run make smoke first)"; exit 1; }
done
n1=$("$build/fig1" --config experiments/fig1.ini --quick --list-units | wc -l)
n2=$("$build/fig2" --config experiments/fig2.ini --quick --list-units | wc -l)
total=$((n1 + n2))
rerun=("$data"/fig1/units/*.done $(ls "$data"/fig2/units/*.done | head -n 3))
[ "${#rerun[@]}" -eq $((n1 + 3)) ] || { echo "FAIL     progress: quick data of fig1, fig2 missing (run make smoke first)"; exit 1; }
rm -f "${rerun[@]}"

out=$(mktemp)
# a fresh make, as typed by a user: not the jobs of the make that runs this test
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -j2 "${vars[@]}" fig1 fig2 > "$out" 2>&1; then
    cat "$out"
    fail "make -s -j2 QUICK=1 fig1 fig2 failed"
fi

if grep -q $'[\r\033]' "$out"; then fail "control characters off a terminal"; fi
if grep -q -- '--unit ' "$out"; then fail "a command line printed under make -s"; fi

grep '^progress: ' "$out" | awk -v total="$total" -v torun="${#rerun[@]}" -v n1="$n1" -v n2="$n2" '
    function bad(msg) { print "FAIL     progress: " msg ": " $0; err = 1 }
    NR == 1 {
        want = sprintf("progress: %d units in fig1 fig2: %d up to date, %d to run with -j2", total, total - torun, torun)
        if (index($0, want) != 1) bad("first line, expected \"" want "\"")
        prior["fig1"] = 0; prior["fig2"] = n2 - (torun - n1); size["fig1"] = n1; size["fig2"] = n2
        built = total - torun
        next
    }
    {
        # progress: FIG d/t, build D/T units done (-jN); ...
        n++
        if (!match($0, /^progress: [a-z0-9]+ [0-9]+\/[0-9]+, build [0-9]+\/[0-9]+ units done \(-j2\); /)) { bad("line format"); next }
        split($0, w, /[ ,\/]+/)
        f = w[2]; d = w[3]; t = w[4]; D = w[6]; T = w[7]
        if (!(f in size)) { bad("unknown figure"); next }
        if (t != size[f]) bad("figure total " t " instead of " size[f])
        if (d != ++prior[f]) bad("figure count " d " instead of " prior[f])
        if (T != total) bad("build total " T " instead of " total)
        if (D != ++built) bad("build count " D " instead of " built)
        last = $0; lastD = D
    }
    END {
        if (n != torun) { print "FAIL     progress: " n " unit lines for " torun " units run"; err = 1 }
        if (lastD != total || last !~ /; all units done$/) { print "FAIL     progress: last line does not say all units are done: " last; err = 1 }
        exit err
    }' || failed=1

if [ "$failed" -eq 0 ]; then
    echo "PASS     progress: $total units of fig1, fig2, ${#rerun[@]} rerun with -j2, counted one by one to $total/$total"
else
    echo "--- make output:"; cat "$out"
fi
rm -f "$out"
exit "$failed"
