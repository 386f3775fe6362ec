#!/usr/bin/env bash
# tests/slurm.sh: ENGINE=slurm against the local engine, on a one-node test cluster.
#
#   tests/slurm.sh BUILD_DIR      (root only: it starts munged, slurmctld and slurmd)
#
# Starts the cluster (env/slurm-local.sh start), computes Fig. 2 on quick settings with 3 seeds
# (SEEDS=3, one more than the quick config) once with ENGINE=local and once with ENGINE=slurm,
# each into its own scratch data directory, and checks that every table and unit file is
# byte-identical (run records differ by design: times, process ids). Then removes one unit's
# stamp and checks that the next ENGINE=slurm run resubmits exactly that unit. Stops the
# cluster whatever happens. Ends with "slurm: N passed, M failed".
set -uo pipefail
build=${1:-build}
scratch=$(mktemp -d)
cleanup() { env/slurm-local.sh stop >/dev/null 2>&1; rm -rf "$scratch"; }
trap cleanup EXIT
passed=0 failed=0
check() { if eval "$2"; then echo "PASS     $1"; passed=$((passed + 1)); else echo "FAIL     $1"; failed=$((failed + 1)); fi; }

if ! env/slurm-local.sh start; then
    echo "slurm: 0 passed, 1 failed (the test cluster did not start)"
    exit 1
fi
run() { make --no-print-directory -s QUICK=1 SEEDS=3 BUILD="$build" DATA="$scratch/$1" ENGINE="$1" fig2-data >"$scratch/$1.log" 2>&1; }
check "make fig2-data ENGINE=local" "run local"
check "make fig2-data ENGINE=slurm" "run slurm"
check "three seeds ran (SEEDS=3)" "[ \$(ls $scratch/slurm/fig2/units/*-s2.done 2>/dev/null | wc -l) -gt 0 ]"
check "local and Slurm data byte-identical (tables and unit files)" \
      "diff -r -q -x runs -x '*.done' -x .units -x .complete $scratch/local/fig2 $scratch/slurm/fig2"
u=$(ls "$scratch/slurm/fig2/units/" | sed -n 's/\.done$//p' | head -n 1)
rm -f "$scratch/slurm/fig2/units/$u.done"
run slurm
check "a unit without its stamp is resubmitted alone" "grep -q 'submitting 1 unit' $scratch/slurm.log"
check "and the merged data are unchanged" \
      "diff -r -q -x runs -x '*.done' -x .units -x .complete $scratch/local/fig2 $scratch/slurm/fig2"
echo "slurm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
