#!/usr/bin/env bash
# tests/merge_faults.sh: a merge refuses the broken inputs of any unit, and a merge that fails
# publishes nothing.
#
#   tests/merge_faults.sh BUILD
#
# Refusals (cc_driver_merge_check): on a complete tiny Fig. 2 result, for its first, a middle
# and its last unit, each of: no run record, a RUNNING record, a FAILED record, a record of
# other parameters, a truncated unit TSV, a unit TSV of other parameters. Each case, in its own
# copy of the result, must exit 2 with one line naming that unit or file ("merge refused: ...")
# and leave the folder as it was (names, link targets, inodes, times, contents).
# Failing merges: unit files that pass those checks but that the merge cannot compute from (a
# column the merge reads renamed, text where it reads a number), in Fig. 2 and Fig. 4. The merge
# must exit non-zero with one line naming the file or the column, leave the previous set and
# runs/merge.json as they were and no staging folder, and succeed once the file is restored.
# Ends with "merge faults: N passed, M failed". Settings are tiny: the whole takes seconds.
# Not here: the first unit's broken files, SIGKILL and a full disk during a merge
# (tests/bad_input.sh); a merge callback that returns a failure (tests/test_driver.c).
set -uo pipefail
build=${1:-build}
export OPENBLAS_NUM_THREADS=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# ok, bad, snap, refuse
. "$(dirname "$0")/refusal.sh"

for d in fig2 fig4; do
    [ -x "$build/$d" ] || { echo "merge_faults: $build/$d is not built"; exit 1; }
done

# A complete tiny result of Fig. 2 (13 units, one seed) and the quick one of Fig. 4 (8 units).
F2=(--config experiments/fig2.ini --set train.epochs=1 --set train.n_train=20 --set train.batch=10
    --set train.n_val=10 --set train.n_test=12 --set run.seeds=1 --set sweep.tau=3 --set model.G=40 --set model.N=12)
F4=(--config experiments/fig4.ini --quick)
"$build/fig2" "${F2[@]}" --out "$tmp/f2" >/dev/null 2>&1 || bad "fig2: the tiny run failed"
"$build/fig4" "${F4[@]}" --out "$tmp/f4" >/dev/null 2>&1 || bad "fig4: the quick run failed"

# ---------------------------------------------------------------- refusals, unit by unit
mapfile -t units < <("$build/fig2" "${F2[@]}" --list-units)
n=${#units[@]}
[ "$n" -ge 3 ] || bad "fig2: $n units, expected at least 3"
for u in "${units[0]}" "${units[n / 2]}" "${units[n - 1]}"; do
    for how in norecord running failed otherrecord truncated othertsv; do
        o=$tmp/f2-$how-$u
        cp -a "$tmp/f2" "$o"
        rec=$o/runs/$u.json tsv=$o/units/$u.test.tsv
        case $how in
        norecord) rm "$rec"; pat="merge refused: unit $u has not run" ;;
        running) sed -i 's/"status": "COMPLETED"/"status": "RUNNING"/' "$rec"; pat="merge refused: unit $u did not finish" ;;
        failed) sed -i 's/"status": "COMPLETED"/"status": "FAILED"/' "$rec"; pat="merge refused: unit $u did not complete" ;;
        otherrecord) sed -i 's/"config_id": "[0-9a-f]*"/"config_id": "0123456789abcdef"/' "$rec"
            pat="merge refused: unit $u was made with other parameters" ;;
        truncated) head -n 4 "$tsv" >"$tsv.x" && mv "$tsv.x" "$tsv"; pat="merge refused: $tsv is truncated" ;;
        othertsv) sed -i 's/^# config: .*/# config: 0123456789abcdef/' "$tsv"; pat="merge refused: $tsv was made with other parameters" ;;
        esac
        refuse "fig2 merge, unit $u: $how" "$o" "$pat" "$build/fig2" "${F2[@]}" --out "$o" --merge
        rm -rf "$o"
    done
done

# ---------------------------------------------------------------- merges that fail
# fails NAME DIR PATTERN CMD...: CMD exits non-zero with one stderr line naming PATTERN that is
# not a refusal of the inputs, and leaves DIR as it was (no set published, no staging folder left).
fails() {
    local name=$1 dir=$2 pat=$3
    shift 3
    local before rc err
    before=$(snap "$dir")
    timeout 60 "$@" >/dev/null 2>"$tmp/err"
    rc=$?
    err=$(cat "$tmp/err")
    if [ "$rc" -eq 0 ]; then
        bad "$name: exit 0, expected a failure"
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -qF -- "$pat" "$tmp/err" || grep -qF "merge refused" "$tmp/err"; then
        bad "$name: expected one line naming \"$pat\" (not a refusal): $err"
    elif [ "$before" != "$(snap "$dir")" ]; then
        bad "$name: the output folder $dir changed: $(find "$dir" -maxdepth 1 -name '.merge.*')"
    else
        ok
    fi
}

# spoil DIR FILE HOW: DIR/units/FILE spoilt in a way the merge's checks of its inputs let pass:
#   column: its first column renamed (a trailing _x); text: the first number of its first row made text
spoil() {
    local f=$1/units/$2
    case $3 in
    column) sed -i '0,/^[^#]/s/^\([^#][^\t]*\)\t/\1_x\t/' "$f" ;;
    text) sed -i '0,/^[-0-9.]/s/^[-0-9.eE+]*\t/abc\t/' "$f" ;;
    esac
}

for c in "fig2 cereb_fb-fixed-tau3-mffixed-s0.test.tsv column mse" \
         "fig2 readout_fb-input-tau3-mfplastic-s0.test.tsv text test.tsv" \
         "fig4 cereb_basis-s1.test.tsv column mse" \
         "fig4 none-s1.curve.tsv text curve.tsv"; do
    read -r fig file how pat <<<"$c"
    if [ "$fig" = fig2 ]; then args=("${F2[@]}") o=$tmp/f2; else args=("${F4[@]}") o=$tmp/f4; fi
    [ -f "$o/units/$file" ] || { bad "$fig: no unit file $file"; continue; }
    cp "$o/units/$file" "$tmp/saved"
    spoil "$o" "$file" "$how"
    fails "$fig merge of $file with its $how spoilt" "$o" "$pat" "$build/$fig" "${args[@]}" --out "$o" --merge
    cp "$tmp/saved" "$o/units/$file"
    "$build/$fig" "${args[@]}" --out "$o" --merge >/dev/null 2>"$tmp/err" && ok || bad "$fig merge after $file was restored: $(cat "$tmp/err")"
done

echo "merge faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
