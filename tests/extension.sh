#!/usr/bin/env bash
# tests/extension.sh: the recipe of the report's chapter "Adding an experiment", run as written.
#
#   tests/extension.sh BUILD_DIR
#
# Copies the package (its tracked files, and BUILD_DIR so that nothing is compiled twice) into
# a scratch directory, adds the three files of the worked example (paper/example/figext1.c,
# .ini, .gp) as experiments/figext1.c, experiments/figext1.ini and figures/figext1.gp, and
# runs `make QUICK=1 figext1` there without editing any other file. Passes when the example's
# table, claim and figure exist, when the grid refuses a setting that one of its conditions cannot
# run (the example has no validate callback of its own), and when a value added to sweep.G leaves
# the configuration id of every existing unit as it was (only the new units would run), when the
# package's generic tests pass on the new figure unedited (tests/bad_input.sh, tests/determinism.sh),
# and when the report gives it a section of its own with its claims although paper/report.md has
# none (paper/filter.lua's generic section), and when the example's driver has fewer than 90 lines,
# as the README says. The scratch copy is removed at the end.
set -euo pipefail
build=${1:-build}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z | xargs -0 cp --parents -t "$scratch"
else
    cp -r Makefile src experiments figures tests paper env data "$scratch"
fi
[ -d "$build" ] && cp -a "$build" "$scratch/$build"
cp paper/example/figext1.c paper/example/figext1.ini "$scratch/experiments/"
cp paper/example/figext1.gp "$scratch/figures/"

echo "extension: make QUICK=1 figext1 in a copy of the package with the example's three files added"
if ! (cd "$scratch" && make --no-print-directory -s QUICK=1 ENV_CHECK=0 BUILD="$build" figext1 >"$scratch/log" 2>&1); then
    tail -n 20 "$scratch/log" >&2
    echo "extension: FAIL (make figext1 failed; log above)"
    exit 1
fi
ok=1
# the README's promise: the worked example's driver is fewer than 90 lines
n=$(wc -l < paper/example/figext1.c)
[ "$n" -lt 90 ] || { echo "extension: paper/example/figext1.c has $n lines; the README promises fewer than 90" >&2; ok=0; }
for f in "$build/quick/data/figext1/figext1_granule.tsv" "$build/quick/data/figext1/claims.tsv" \
         "$build/quick/figures/figext1.pdf" "$build/quick/figures/figext1.png"; do
    if [ ! -s "$scratch/$f" ]; then echo "extension: missing $f" >&2; ok=0; fi
done
grep -q '^# end' "$scratch/$build/quick/data/figext1/figext1_granule.tsv" || { echo "extension: table unfinished" >&2; ok=0; }
grep -q '^figext1\.granule' "$scratch/$build/quick/data/figext1/claims.tsv" || { echo "extension: no claim figext1.granule" >&2; ok=0; }
drv=("$scratch/$build/figext1" --config "$scratch/experiments/figext1.ini" --quick)
rc=0
"${drv[@]}" --list-units --set model.tau=25 >/dev/null 2>"$scratch/err" || rc=$?
if [ $rc -ne 2 ] || ! grep -q 'model.tau' "$scratch/err"; then
    echo "extension: model.tau beyond the trial not refused by the grid (exit $rc: $(cat "$scratch/err"))" >&2
    ok=0
fi
"${drv[@]}" --list-configs | tail -n +2 >"$scratch/ids.before"
"${drv[@]}" --list-configs --set sweep.G=100,1000,3000 | tail -n +2 >"$scratch/ids.after"
if [ -n "$(comm -23 <(sort "$scratch/ids.before") <(sort "$scratch/ids.after"))" ]; then
    echo "extension: adding a value to sweep.G changed the configuration of existing units:" >&2
    comm -23 <(sort "$scratch/ids.before") <(sort "$scratch/ids.after") >&2
    ok=0
fi
# the package's generic tests on the new figure, unedited: bad input, determinism
if ! (cd "$scratch" && tests/bad_input.sh "$build" figext1 >"$scratch/bad.log" 2>&1); then
    tail -n 5 "$scratch/bad.log" >&2
    echo "extension: tests/bad_input.sh fails on the new figure" >&2
    ok=0
fi
if ! (cd "$scratch" && tests/determinism.sh "$build" "$build/quick/data" figext1 >"$scratch/det.log" 2>&1); then
    tail -n 5 "$scratch/det.log" >&2
    echo "extension: tests/determinism.sh fails on the new figure" >&2
    ok=0
fi
# the report shows it with no section written for it: a generic one, with its plot and claims
printf '## Extensions\n\n## Adding an experiment\n' >"$scratch/mini.md"
if ! (cd "$scratch" && pandoc mini.md --lua-filter paper/filter.lua --metadata datadir="$build/quick/data" \
        --metadata figdir="$build/quick/figures" -t html -o mini.html 2>"$scratch/pandoc.log") ||
   ! grep -q 'id="generic-figext1"' "$scratch/mini.html" || ! grep -q 'figext1.granule' "$scratch/mini.html"; then
    tail -n 5 "$scratch/pandoc.log" >&2
    echo "extension: the report has no generic section with the new figure's claims" >&2
    ok=0
fi
if [ $ok -eq 1 ]; then
    echo "extension: 1 passed, 0 failed"
else
    echo "extension: 0 passed, 1 failed"
    exit 1
fi
