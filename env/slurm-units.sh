#!/usr/bin/env bash
# env/slurm-units.sh: run the missing units of one figure as one Slurm job array, and wait.
#
#   env/slurm-units.sh FIG 'DRIVER COMMAND' DATA_DIR UNITS_MK STATE_DIR TIMES_DIR
#
# Called by the Makefile for `make figN ENGINE=slurm`. The units are those of UNITS_MK (the
# Makefile's generated list, line "FIG_UNITS := ..."); a unit is missing when its stamp
# DATA_DIR/units/UNIT.done is absent or older than the driver or its config. The missing ones
# are written to STATE_DIR/FIG.units (one per line, so arrays of any size work) and submitted
# with `sbatch --array=0-(n-1) --wait`; task i runs line i+1 exactly as make would run it
# locally (DRIVER COMMAND --out DATA_DIR --unit UNIT) and touches the stamp only on success.
# Logs: STATE_DIR/FIG-<array index>.log. Touches DATA_DIR/.units when units ran. Exit 1 naming every unit without a stamp afterwards
# (rerunning the make command resubmits just those). Job settings from the environment:
# CC_SLURM_PARTITION, CC_SLURM_TIME, CC_SLURM_ACCOUNT, CC_SLURM_CPUS, CC_SLURM_MEM,
# CC_SLURM_EXTRA (more sbatch options, split on spaces).
set -euo pipefail
[ $# -eq 6 ] || { echo "usage: env/slurm-units.sh FIG 'DRIVER COMMAND' DATA_DIR UNITS_MK STATE_DIR TIMES_DIR" >&2; exit 2; }
fig=$1 driver=$2 data=$3 mk=$4 state=$5 times=$6
command -v sbatch >/dev/null 2>&1 || { echo "env/slurm-units.sh: sbatch not found: ENGINE=slurm needs a Slurm client (env/slurm-local.sh start sets up a test cluster)" >&2; exit 2; }
code=$(dirname "$state")/code/$fig.sum   # the driver's code checksum (Makefile: $(STATE)/code/FIG.sum)

read -r -a units <<<"$(sed -n "s/^${fig}_UNITS := *//p" "$mk")"
[ ${#units[@]} -gt 0 ] || { echo "env/slurm-units.sh: no unit list for $fig in $mk" >&2; exit 1; }

mkdir -p "$state" "$data/units" "$times"
list=$state/$fig.units
: > "$list.tmp"
for u in "${units[@]}"; do
    done_=$data/units/$u.done
    # up to date as make sees it: the stamp is newer than the unit's configuration id and its code
    if [ -f "$done_" ] && [ "$done_" -nt "$(dirname "$mk")/keys/$fig/$u.key" ] && [ "$done_" -nt "$code" ]; then continue; fi
    echo "$u" >> "$list.tmp"
done
mv -f "$list.tmp" "$list"
n=$(wc -l < "$list")
# DATA_DIR/.units, the stamp the merge depends on, is touched only when units ran (or it is absent).
if [ "$n" -eq 0 ]; then
    [ -f "$data/.units" ] || touch "$data/.units"
    exit 0
fi

job=$state/$fig.sbatch
cat > "$job.tmp" <<JOB
#!/usr/bin/env bash
# one unit of $fig: line \$((SLURM_ARRAY_TASK_ID + 1)) of $list
set -euo pipefail
export OPENBLAS_NUM_THREADS=1
unit=\$(sed -n "\$((SLURM_ARRAY_TASK_ID + 1))p" '$list')
[ -n "\$unit" ] || { echo "no unit at index \$SLURM_ARRAY_TASK_ID" >&2; exit 1; }
echo "$fig unit \$unit on \$(hostname)"
rm -f '$data/units/'"\$unit".done
t0=\$(date +%s.%N)
$driver --out '$data' --unit "\$unit"
t1=\$(date +%s.%N)
awk -v a=\$t0 -v b=\$t1 'BEGIN { printf "%.3f\\n", b - a }' > '$times/unit-'"\$unit".s
touch '$data/units/'"\$unit".done
JOB
mv -f "$job.tmp" "$job"
chmod +x "$job"

opts=(--array="0-$((n - 1))" --wait --job-name="cc-$fig" --output="$state/$fig-%a.log"
      --cpus-per-task="${CC_SLURM_CPUS:-1}" --time="${CC_SLURM_TIME:-01:00:00}")
[ -n "${CC_SLURM_MEM:-}" ] && opts+=(--mem="$CC_SLURM_MEM")
[ -n "${CC_SLURM_PARTITION:-}" ] && opts+=(--partition="$CC_SLURM_PARTITION")
[ -n "${CC_SLURM_ACCOUNT:-}" ] && opts+=(--account="$CC_SLURM_ACCOUNT")
# shellcheck disable=SC2206
[ -n "${CC_SLURM_EXTRA:-}" ] && opts+=(${CC_SLURM_EXTRA})
echo "$fig: submitting $n unit(s) to Slurm as one job array (sbatch ${opts[*]} $job)"
sbatch "${opts[@]}" "$job" || true   # --wait: non-zero when a task failed; the stamps tell which

failed=0 i=0
while IFS= read -r u; do
    if [ ! -f "$data/units/$u.done" ]; then
        echo "$fig: unit $u FAILED on Slurm (log $state/$fig-$i.log)" >&2
        failed=$((failed + 1))
    fi
    i=$((i + 1))
done < "$list"
if [ "$failed" -gt 0 ]; then
    echo "$fig: $failed of $n Slurm unit(s) failed; run the same make command again to resubmit them" >&2
    exit 1
fi
touch "$data/.units"
echo "$fig: $n unit(s) done on Slurm"
