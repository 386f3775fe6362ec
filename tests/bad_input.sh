#!/usr/bin/env bash
# tests/bad_input.sh: hostile input and faults against every figure driver.
#
#   tests/bad_input.sh BUILD [FIG ...]
#
# (the per-driver cases for the figures named, default every figure; tests/extension.sh names
# the worked example's)
# Each refusal case checks exit status 2, exactly one line on stderr that names the
# problem, and that the output folder is byte-for-byte as before (file contents, link
# targets, names), also when it holds a previous complete result. Cases: for every
# BUILD/fig* driver, refusals made before any work (options, keys, values, config files,
# cross-key rules, memory, output folders); for fig2, the rules that need its task and
# the merge's checks of its first unit's files (every unit: tests/merge_faults.sh); then SIGKILL at several points of a unit and of a
# merge, and a full disk (ulimit -f), each checking that no file looks complete that is
# not, and that the next run cleans up; for fig6 and fig8, the models handed over (fig8's
# --out in any spelling, its units stale after a new fig6 run, fig6's models/ checked and
# cleaned). Settings are tiny: the whole takes seconds.
# Not here: what the drivers compute (the unit tests and determinism.sh).
set -uo pipefail
build=${1:-build}
export OPENBLAS_NUM_THREADS=1
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0

# ok, bad, snap, refuse, all_complete
. "$(dirname "$0")/refusal.sh"

# completed RECORD: the run record says COMPLETED (read as JSON by cc-record).
completed() { [ "$("$build/cc-record" get "$1" status 2>/dev/null)" = COMPLETED ]; }

# has DRIVER KEY: the driver has this parameter (its --help lists it). grep reads the whole help:
# with -q it would stop at the match, the driver would die of SIGPIPE and pipefail say "no".
has() { "$build/$1" --help 2>/dev/null | grep -E "^ +$2 " >/dev/null; }

drivers=()
if [ $# -gt 1 ]; then
    for f in "${@:2}"; do [ -x "$build/$f" ] && drivers+=("$f"); done
else
    for src in experiments/fig*.c; do
        f=$(basename "$src" .c)
        [ -x "$build/$f" ] && drivers+=("$f")
    done
fi
[ ${#drivers[@]} -gt 0 ] || { echo "bad_input: no driver built in $build"; exit 1; }

printf 'a = 1\nb = 2\n[x\n' >"$tmp/syntax.ini"
printf 'epochs = 5\n' >"$tmp/nosection.ini"
printf '[train]\nepochs = 1\nepochs = 2\n' >"$tmp/twice.ini"
printf '[quick]\ntrain.epoks = 1\n' >"$tmp/quicktypo.ini"
printf '[train]\nepochs = 1\0\n' >"$tmp/nul.ini"
touch "$tmp/afile"

# A previous complete result, which no refusal may touch: fig2 on tiny settings.
F2=(--config experiments/fig2.ini --set train.epochs=1 --set train.n_train=20 --set train.batch=10
    --set train.n_val=10 --set train.n_test=12 --set run.seeds=1 --set sweep.tau=3 --set model.G=40 --set model.N=12)
prev=$tmp/f2
mkdir -p "$prev"
if [ -x "$build/fig2" ]; then
    "$build/fig2" "${F2[@]}" --out "$prev" >/dev/null 2>&1 || bad "fig2: the tiny run failed"
    [ -L "$prev/summary.tsv" ] && [ -d "$prev/.merged" ] || bad "fig2: no published set in $prev"
fi

# ---------------------------------------------------------------- every driver
for d in "${drivers[@]}"; do
    B=$build/$d
    C=(--config "experiments/$d.ini" --quick)
    out=$tmp/$d
    cp -a "$prev" "$out"
    unit=$("$B" "${C[@]}" --list-units | head -n 1)
    refuse "$d unknown option" "$out" "--bogus" "$B" "${C[@]}" --out "$out" --bogus
    refuse "$d stray argument" "$out" "stray" "$B" "${C[@]}" --out "$out" stray
    refuse "$d unknown key" "$out" "no.such" "$B" "${C[@]}" --out "$out" --set no.such=1
    has "$d" train.epochs && refuse "$d --set without =" "$out" "train.epochs" "$B" "${C[@]}" --out "$out" --set train.epochs
    refuse "$d --set without value" "$out" "--set" "$B" "${C[@]}" --out "$out" --set
    has "$d" train.epochs && refuse "$d malformed integer" "$out" "train.epochs" "$B" "${C[@]}" --out "$out" --set train.epochs=3x
    has "$d" model.N && refuse "$d negative size" "$out" "model.N" "$B" "${C[@]}" --out "$out" --set model.N=-4
    has "$d" model.alpha && refuse "$d real out of range" "$out" "model.alpha" "$B" "${C[@]}" --out "$out" --set model.alpha=2
    has "$d" model.dropout && refuse "$d nan" "$out" "model.dropout" "$B" "${C[@]}" --out "$out" --set model.dropout=nan
    has "$d" model.rule && refuse "$d bad choice" "$out" "model.rule" "$B" "${C[@]}" --out "$out" --set model.rule=hebb
    has "$d" train.keep_best && refuse "$d bad boolean" "$out" "train.keep_best" "$B" "${C[@]}" --out "$out" --set train.keep_best=maybe
    has "$d" run.seeds && refuse "$d seeds zero" "$out" "run.seeds" "$B" "${C[@]}" --out "$out" --seeds 0
    refuse "$d endless config" "$out" "/dev/zero" "$B" --config /dev/zero --out "$out"
    refuse "$d missing config" "$out" "$tmp/none.ini" "$B" --config "$tmp/none.ini" --out "$out"
    refuse "$d config is a folder" "$out" "$tmp" "$B" --config "$tmp" --out "$out"
    refuse "$d config syntax" "$out" "syntax.ini:3" "$B" --config "$tmp/syntax.ini" --out "$out"
    refuse "$d config key outside a section" "$out" "epochs" "$B" --config "$tmp/nosection.ini" --out "$out"
    refuse "$d config key twice" "$out" "twice.ini" "$B" --config "$tmp/twice.ini" --out "$out"
    refuse "$d config [quick] typo" "$out" "epoks" "$B" --config "$tmp/quicktypo.ini" --out "$out"
    refuse "$d config NUL byte" "$out" "NUL" "$B" --config "$tmp/nul.ini" --out "$out"
    refuse "$d config twice" "$out" "--config" "$B" "${C[@]}" --config "experiments/$d.ini" --out "$out"
    has "$d" train.n_train && refuse "$d batch above n_train" "$out" "train.batch" "$B" "${C[@]}" --out "$out" --set train.n_train=10 --set train.batch=20
    has "$d" train.n_train && refuse "$d batch above the task's trials" "$out" "train.batch" "$B" "${C[@]}" --out "$out" --set train.n_train=0 --set train.batch=5000
    has "$d" model.mf_inputs && refuse "$d mf_inputs above N" "$out" "model.mf_inputs" "$B" "${C[@]}" --out "$out" --set model.N=5 --set model.mf_inputs=6
    has "$d" model.temporal_basis && refuse "$d temporal basis with final learning" "$out" "model.temporal_basis" "$B" "${C[@]}" --out "$out" \
        --set model.temporal_basis=1 --set model.final_learning=1
    has "$d" train.n_train && refuse "$d list refused early" "$out" "train.batch" "$B" "${C[@]}" --set train.n_train=10 --set train.batch=20 --list-units
    refuse "$d unit and merge" "$out" "choose one" "$B" "${C[@]}" --out "$out" --unit "$unit" --merge
    refuse "$d unit twice" "$out" "--unit" "$B" "${C[@]}" --out "$out" --unit "$unit" --unit "$unit"
    refuse "$d --get unknown key" "$out" "no.such" "$B" "${C[@]}" --get no.such
    refuse "$d --get and --list-units" "$out" "choose one" "$B" "${C[@]}" --get model.N --list-units
    # --get prints a value after the settings: the last --set wins
    if has "$d" run.seeds; then
        v=$("$B" "${C[@]}" --seeds 3 --set run.seeds=4 --get run.seeds 2>&1)
        [ "$v" = 4 ] && ok || bad "$d --get run.seeds after --set run.seeds=4: '$v'"
    fi
    # a driver that starts from another figure's outputs (experiments/figN.needs) refuses the
    # cases below earlier, for want of them: they are tried on the others only
    [ -e "experiments/$d.needs" ] && continue
    refuse "$d unknown unit" "$out" "no-such-unit" "$B" "${C[@]}" --out "$out" --unit no-such-unit
    refuse "$d unit without --out" "$out" "--out" "$B" "${C[@]}" --unit "$unit"
    refuse "$d memory above --max-mem" "$out" "--max-mem" "$B" "${C[@]}" --out "$out" --unit "$unit" --max-mem 1K
    # N 10000 and G 100000: 8 GB for W_MF alone; a driver that takes G from a sweep of its own
    # (sweep.G, as the worked example) gets the same G there
    big=(--set model.N=10000 --set model.G=100000)
    has "$d" sweep.G && big+=(--set sweep.G=100000)
    has "$d" model.G && refuse "$d memory above what is available" "$out" "MemAvailable" "$B" "${C[@]}" --out "$out" --unit "$unit" \
        "${big[@]}"
    refuse "$d --max-mem not a size" "$out" "--max-mem" "$B" "${C[@]}" --out "$out" --unit "$unit" --max-mem lots
    refuse "$d --out is a file" "$tmp/afile" "afile" "$B" "${C[@]}" --out "$tmp/afile" --unit "$unit"
    refuse "$d --out below a file" "$tmp/afile" "afile" "$B" "${C[@]}" --out "$tmp/afile/sub" --unit "$unit"
    mkdir -p "$tmp/u-$d" && touch "$tmp/u-$d/units"
    refuse "$d units/ is a file" "$tmp/u-$d" "units" "$B" "${C[@]}" --out "$tmp/u-$d" --unit "$unit"
    mkdir -p "$tmp/r-$d" && touch "$tmp/r-$d/runs"
    refuse "$d runs/ is a file" "$tmp/r-$d" "runs" "$B" "${C[@]}" --out "$tmp/r-$d" --merge
    refuse "$d merge before its units" "$tmp/empty-$d" "has not run" "$B" "${C[@]}" --out "$tmp/empty-$d" --merge
    if [ "$(id -u)" -ne 0 ]; then # root writes anywhere: this case means something only for users
        mkdir -p "$tmp/ro-$d" && chmod 555 "$tmp/ro-$d"
        refuse "$d --out not writable" "$tmp/ro-$d" "cannot write" "$B" "${C[@]}" --out "$tmp/ro-$d/x" --unit "$unit"
    fi
    # standard output on a full device: a message and a failure status
    for a in --help --list-units; do
        "$B" "${C[@]}" $a >/dev/full 2>"$tmp/err"
        rc=$?
        if [ "$rc" -ne 0 ] && grep -q "standard output" "$tmp/err"; then ok; else bad "$d $a to /dev/full: exit $rc, $(cat "$tmp/err")"; fi
    done
done

# ---------------------------------------------------------------- fig5: sweep values that would name the same units
if [ -x "$build/fig5" ]; then
    B=$build/fig5
    C=(--config experiments/fig5.ini --quick)
    out=$tmp/fig5
    refuse "fig5 sweep values that print alike" "$out" "0.1 and 0.1000001 print alike (0.1)" "$B" "${C[@]}" --out "$out" --set sweep.alpha=0.1,0.1000001
    refuse "fig5 sweep value listed twice" "$out" "0.5 is listed twice" "$B" "${C[@]}" --out "$out" --set sweep.alpha=0.5,0.9,0.5
    printf '[sweep]\nalpha = 0.30000001, 0.3\n' >"$tmp/alike.ini"
    refuse "fig5 config sweep values that print alike" "$out" "alike.ini:2" "$B" --config "$tmp/alike.ini" --out "$out"
    refuse "fig5 sweep value like model.alpha" "$out" "model.alpha 0.1 and sweep.alpha 0.1000001" "$B" "${C[@]}" --out "$out" --set sweep.alpha=0.1000001,0.9
fi

# ---------------------------------------------------------------- figS6, figS15: seeds above their cap, a claim without sigmas
for d in figS6 figS15; do
    [ -x "$build/$d" ] || continue
    B=$build/$d
    C=(--config "experiments/$d.ini" --quick)
    out=$tmp/$d
    refuse "$d seeds above claims.seeds_cap" "$out" "delass.seeds = 41 is above claims.seeds_cap = 40" "$B" "${C[@]}" --out "$out" \
        --set claims.seeds_cap=40 --set delass.seeds=41
    refuse "$d seeds above claims.seeds_cap, listing" "$out" "linedraw.seeds" "$B" "${C[@]}" --set claims.seeds_cap=3 --set linedraw.seeds=4 --list-units
done
if [ -x "$build/figS6" ]; then
    refuse "figS6 sigma_keep below every sigma" "$tmp/figS6" "claims.sigma_keep" "$build/figS6" --config experiments/figS6.ini --quick \
        --out "$tmp/figS6" --set sweep.sigma=0.1,0.5 --set claims.sigma_keep=0.05
fi

# ---------------------------------------------------------------- fig2: its task and its merge
if [ -x "$build/fig2" ]; then
    B=$build/fig2
    C=("${F2[@]}")
    out=$prev
    refuse "fig2 merge of other parameters" "$out" "other parameters" "$B" "${C[@]}" --out "$out" --merge --set model.alpha=0.3
    refuse "fig2 tau beyond the trial" "$out" "model.tau" "$B" "${C[@]}" --out "$out" --set model.tau=25
    refuse "fig2 swept tau beyond the trial" "$out" "model.tau = 30" "$B" "${C[@]}" --out "$out" --set sweep.tau=3,30
    refuse "fig2 empty sweep" "$out" "sweep.tau" "$B" "${C[@]}" --out "$out" --set sweep.tau=
    mkdir -p "$tmp/m2" && touch "$tmp/m2/.merged"
    refuse "fig2 .merged is a file" "$tmp/m2" ".merged" "$B" "${C[@]}" --out "$tmp/m2" --merge
    u0=$("$B" "${C[@]}" --list-units | head -n 1)
    # broken unit files, each in a copy of the complete result
    n=0
    for how in missing truncated foreign corrupt running norecord badrecord; do
        n=$((n + 1))
        o=$tmp/f2-$how
        cp -a "$out" "$o"
        f=$o/units/$u0.test.tsv
        case $how in
        missing) rm "$f"; pat="$u0.test.tsv" ;;
        truncated) head -n 4 "$o/units/$u0.curve.tsv" >"$f.x" && mv "$f.x" "$o/units/$u0.curve.tsv"; pat="truncated" ;;
        foreign) sed -i 's/^# config: .*/# config: 0123456789abcdef/' "$f"; pat="other parameters" ;;
        corrupt) sed -i '$!{/^[0-9]/s/^[0-9.e+-]*/1.2.3/}' "$f"; pat="$u0.test.tsv" ;;
        running) sed -i 's/"status": "COMPLETED"/"status": "RUNNING"/' "$o/runs/$u0.json"; pat="did not finish" ;;
        norecord) rm "$o/runs/$u0.json"; pat="has not run" ;;
        # cut after its status and config_id: the text holds both, the JSON is not whole
        badrecord) sed -i '/"config_id"/q' "$o/runs/$u0.json"; pat="is not a valid run record (line" ;;
        esac
        refuse "fig2 merge, unit file $how" "$o" "$pat" "$B" "${C[@]}" --out "$o" --merge
    done

    # SIGKILL during a unit: nothing looks complete, the record is not COMPLETED, the next run cleans up
    Q=(--config experiments/fig2.ini --quick)
    uq=$("$B" "${Q[@]}" --list-units | sed -n 5p)
    for delay in 0.05 0.2 0.5; do
        o=$tmp/kill-unit-$delay
        "$B" "${Q[@]}" --out "$o" --unit "$uq" >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        if f=$(all_complete "$o"); then ok; else bad "SIGKILL unit after ${delay}s: $f looks complete but is not"; fi
        if completed "$o/runs/$uq.json" && ! [ -e "$o/units/$uq.test.tsv" ]; then
            bad "SIGKILL unit after ${delay}s: COMPLETED record without its files"
        else ok; fi
        "$B" "${Q[@]}" --out "$o" --unit "$uq" >/dev/null 2>&1 || bad "rerun after SIGKILL failed"
        if [ -z "$(find "$o" -name '*.tmp.*')" ] && completed "$o/runs/$uq.json"; then ok
        else bad "SIGKILL unit after ${delay}s: the rerun left temporaries or no COMPLETED record"; fi
    done

    # SIGKILL during a merge: the visible set is wholly the previous one or wholly the new one
    o=$tmp/kill-merge
    cp -a "$out" "$o"
    for f in "$o"/.merged/*.tsv; do sed -i '1i # previous set' "$f"; done
    for delay in 0.01 0.05 0.1 0.2 0.3 0.5; do
        "$B" "${C[@]}" --out "$o" --merge >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        marked=0 plain=0
        for f in "$o"/*.tsv; do
            if [ "$(head -n 1 "$f")" = "# previous set" ]; then marked=$((marked + 1)); else plain=$((plain + 1)); fi
        done
        if f=$(all_complete "$o"); then ok; else bad "SIGKILL merge after ${delay}s: $f looks complete but is not"; fi
        if [ "$marked" -gt 0 ] && [ "$plain" -gt 0 ]; then bad "SIGKILL merge after ${delay}s: $marked previous and $plain new tables mixed"; else ok; fi
        [ "$plain" -gt 0 ] && for f in "$o"/.merged/*.tsv; do sed -i '1i # previous set' "$f"; done
    done
    "$B" "${C[@]}" --out "$o" --merge >/dev/null 2>&1 || bad "merge after SIGKILL failed"
    if [ -z "$(find "$o" -name '.merge.*' -o -name '*.tmp.*')" ]; then ok; else bad "merge after SIGKILL left $(find "$o" -name '.merge.*' -o -name '*.tmp.*')"; fi

    # full disk (ulimit -f, SIGXFSZ ignored so that writes fail with EFBIG)
    o=$tmp/full
    cp -a "$out" "$o"
    before=$(snap "$o")
    (trap '' XFSZ; ulimit -f 1; exec "$B" "${C[@]}" --out "$o" --merge) >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ "$before" = "$(snap "$o")" ]; then ok
    else bad "merge on a full disk: exit $rc, $(cat "$tmp/err"), folder changed: $([ "$before" = "$(snap "$o")" ] && echo no || echo yes)"; fi
    (trap '' XFSZ; ulimit -f 1; exec "$B" "${C[@]}" --out "$o" --unit "$u0") >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ] && f=$(all_complete "$o") && [ -z "$(find "$o" -name '*.tmp.*')" ]; then ok
    else bad "unit on a full disk: exit $rc, $(cat "$tmp/err") ${f:-}"; fi
fi

# ---------------------------------------------------------------- fig6 -> fig8: the models handed over
if [ -x "$build/fig6" ] && [ -x "$build/fig8" ]; then
    B6=$(cd "$build" && pwd)/fig6 B8=$(cd "$build" && pwd)/fig8
    F6=(--config "$PWD/experiments/fig6.ini" --set train.epochs=1 --set train.n_train=20 --set train.batch=10
        --set train.n_val=10 --set train.n_test=12 --set run.seeds=1 --set model.G=40 --set model.N=12
        --set protocol.epochs_authors=2)
    F8=(--config "$PWD/experiments/fig8.ini" --set run.seeds=1 --set sleep.sessions=1 --set test.n=12)
    w=$tmp/handover
    "$B6" "${F6[@]}" --out "$w/fig6" >/dev/null 2>&1 || bad "fig6: the tiny run failed"
    # the authors' protocol trains the architectures again (units <arch>-e<epochs>-s<i>): none of them
    # saves a model, and the manifest lists the model of the train.epochs unit
    saved=$(ls "$w/fig6/units/" 2>/dev/null | grep -E -- '-e[0-9]+-s[0-9]+\.model\.tsv$')
    if [ -z "$saved" ] && [ -n "$(ls "$w/fig6/units/" 2>/dev/null | grep -E -- '-e[0-9]+-s[0-9]+\.test\.tsv$')" ] &&
        diff <(grep -v '^#' "$w/fig6/units/cereb_fb-mfplastic-s0.model.tsv") <(grep -v '^#' "$w/fig6/models/manifest.tsv") >/dev/null; then
        ok
    else bad "fig6: the authors' protocol saved a model or changed the manifest: ${saved:-manifest differs}"; fi
    # --out spelled ".", "fig8/." or through a link: Fig. 6's models are found from its real path
    mkdir -p "$w/fig8" "$tmp/links" && ln -s "$w/fig8" "$tmp/links/fig8"
    if (cd "$w/fig8" && "$B8" "${F8[@]}" --out .) >/dev/null 2>"$tmp/err"; then ok; else bad "fig8 --out .: $(cat "$tmp/err")"; fi
    if (cd "$w" && "$B8" "${F8[@]}" --out fig8/. --unit bio-s0) >/dev/null 2>"$tmp/err"; then ok; else bad "fig8 --out fig8/.: $(cat "$tmp/err")"; fi
    if "$B8" "${F8[@]}" --out "$tmp/links/fig8" --unit bio-s0 >/dev/null 2>"$tmp/err"; then ok; else bad "fig8 --out through a link: $(cat "$tmp/err")"; fi
    # a new Fig. 6 run makes every Fig. 8 unit stale, and a merge refuses units made from two runs
    before=$("$B8" "${F8[@]}" --out "$w/fig8" --list-configs | sed 1d)
    "$B6" "${F6[@]}" --set train.epochs=2 --out "$w/fig6" >/dev/null 2>&1 || bad "fig6: the second tiny run failed"
    after=$("$B8" "${F8[@]}" --out "$w/fig8" --list-configs | sed 1d)
    same=$(comm -12 <(sort <<<"$before") <(sort <<<"$after"))
    if [ -n "$before" ] && [ -z "$same" ]; then ok; else bad "fig8: units not stale after a new Fig. 6 run: $same"; fi
    "$B8" "${F8[@]}" --out "$w/fig8" --unit bio-s0 >/dev/null 2>&1 || bad "fig8: a unit on the new Fig. 6 run failed"
    refuse "fig8 merge of units from two Fig. 6 runs" "$w/fig8" "unit lstsq-s0" "$B8" "${F8[@]}" --out "$w/fig8" --merge
    # Fig. 6's models/ is checked before any unit trains
    mkdir -p "$tmp/m6" && touch "$tmp/m6/models"
    refuse "fig6 models/ is a file" "$tmp/m6" "models" "$B6" "${F6[@]}" --out "$tmp/m6" --unit cereb_fb-mfplastic-s0
    if [ "$(id -u)" -ne 0 ]; then
        mkdir -p "$tmp/m6ro/models" && chmod 555 "$tmp/m6ro/models"
        refuse "fig6 models/ not writable" "$tmp/m6ro" "cannot write" "$B6" "${F6[@]}" --out "$tmp/m6ro" --unit cereb_fb-mfplastic-s0
    fi
    # a unit killed while it saves its model (SIGXFSZ: the model is the only file above 4 kB) leaves
    # a temporary, which the next run removes
    o=$tmp/kill-save
    ( (ulimit -c 0; ulimit -f 4; exec "$B6" "${F6[@]}" --out "$o" --unit cereb_fb-mfplastic-s0) >/dev/null 2>&1; true ) 2>/dev/null
    if [ -n "$(find "$o/models" -name '*.ccm.tmp.*' 2>/dev/null)" ]; then ok; else bad "fig6 killed while saving: no model temporary (the case tests nothing)"; fi
    "$B6" "${F6[@]}" --out "$o" --unit none-s0 >/dev/null 2>&1 || bad "fig6: the run after a killed save failed"
    if [ -z "$(find "$o" -name '*.tmp.*')" ]; then ok; else bad "fig6: the run after a killed save left $(find "$o" -name '*.tmp.*')"; fi
fi

# ---------------------------------------------------------------- model files
M=$build/cc-model
if [ -x "$M" ]; then
    m=$tmp/model.ccm
    "$M" new "$m" && "$M" check "$m" >/dev/null && "$M" info "$m" | grep -q "^G" && ok || bad "cc-model new/check/info of a good file"
    head -c 100 "$m" >"$tmp/trunc.ccm"
    head -c -8 "$m" >"$tmp/short.ccm"
    echo "not a model" >"$tmp/foreign.ccm"
    cp "$m" "$tmp/future.ccm" && printf '\x02' | dd of="$tmp/future.ccm" bs=1 seek=8 conv=notrunc 2>/dev/null
    cp "$m" "$tmp/corrupt.ccm" && printf '\x55' | dd of="$tmp/corrupt.ccm" bs=1 seek=3000 conv=notrunc 2>/dev/null
    cp "$m" "$tmp/long.ccm" && printf 'xx' >>"$tmp/long.ccm"
    for c in trunc:truncated short:truncated foreign:"not a model file" future:"version 2" corrupt:corrupt long:corrupt; do
        f=${c%%:*} pat=${c#*:}
        refuse "cc-model check $f" "$tmp/model.ccm" "$pat" "$M" check "$tmp/$f.ccm"
    done
    refuse "cc-model info missing file" "$tmp/model.ccm" "$tmp/none.ccm" "$M" info "$tmp/none.ccm"
    refuse "cc-model unknown command" "$tmp/model.ccm" "usage" "$M" load "$m"
fi

# ---------------------------------------------------------------- run records (cc-record)
R=$build/cc-record
rec=$(ls "$prev"/runs/*.json 2>/dev/null | head -n 1)
if [ -x "$R" ] && [ -n "$rec" ]; then
    "$R" check "$rec" | grep -q ": ok (fig2 " && [ "$("$R" get "$rec" status)" = COMPLETED ] \
        && [ "$("$R" config "$rec" train.epochs)" = 1 ] && ok || bad "cc-record check/get/config of a good record"
    head -c 200 "$rec" >"$tmp/cut.json"
    refuse "cc-record check truncated" "$rec" "is not a valid run record" "$R" check "$tmp/cut.json"
    refuse "cc-record check missing file" "$rec" "$tmp/none.json" "$R" check "$tmp/none.json"
    refuse "cc-record unknown field" "$rec" "no.such" "$R" get "$rec" no.such
    refuse "cc-record unknown parameter" "$rec" "no.such" "$R" config "$rec" no.such
    refuse "cc-record unknown command" "$rec" "usage" "$R" show "$rec"
fi

echo "bad input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
