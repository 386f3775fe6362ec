#!/usr/bin/env bash
# tests/jobs.sh: the parallel level make chooses (the Makefile's "parallel level" block).
#
#   tests/jobs.sh [MAKE VARIABLES...]
#
# Runs `make jobs` (which prints the -jN of the make that runs it) as a user would type it:
# without -j it must be the cores (nproc), fewer only if that many units of the largest peak
# memory recorded (at least UNIT_MB_MIN) would not fit in MemAvailable; -j1 stays serial; an
# explicit -jN wins over JOBS=N; JOBS=N alone gives -jN; make -n shows the same level; a bad
# JOBS is refused; a unit as large as the memory available leaves one job. Not here: that the units then run in parallel (tests/progress.sh, -j2).
set -uo pipefail
failed=0 passed=0
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@" 2>&1; }
expect() { # expect WANT make-arguments...
    local want=$1 got
    shift
    got=$(mk -s "$@" jobs | tail -n 1) # make -n also echoes the command
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL     jobs: make $* jobs printed '$got', expected '$want'"
        failed=$((failed + 1))
    fi
}

unit_mb_min=$(sed -n 's/^UNIT_MB_MIN := *\([0-9][0-9]*\).*/\1/p' Makefile)
build=build
for a in "$@"; do case $a in BUILD=*) build=${a#BUILD=} ;; esac; done
n=$(nproc)
mem_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
peak_kb=$(cat "$build"/times/*/unit-*.res "$build"/quick/times/*/unit-*.res /dev/null 2>/dev/null \
    | awk -v m="$((unit_mb_min * 1024))" 'BEGIN { p = m } $1 ~ /^[0-9]+$/ && $1 > p { p = $1 } END { print p }')
want=$((mem_kb / peak_kb < n ? mem_kb / peak_kb : n))
[ "$want" -ge 1 ] || want=1

expect "-j$want" "$@"
expect "-j1" -j1 "$@"
expect "-j3" -j3 "$@"
expect "-j3" JOBS=3 "$@"
expect "-j1" -j1 JOBS=3 "$@"
expect "-j$want" -n "$@"
expect "-j1" "UNIT_MB_MIN=$((mem_kb / 1024))" "$@" # a unit as large as the free memory: one job
if out=$(mk JOBS=two jobs); then
    echo "FAIL     jobs: JOBS=two accepted: $out"; failed=$((failed + 1))
elif ! grep -q "make: JOBS=two: expected a number of jobs" <<< "$out"; then
    echo "FAIL     jobs: JOBS=two refused without saying why: $out"; failed=$((failed + 1))
else
    passed=$((passed + 1))
fi

if [ "$failed" -eq 0 ]; then
    echo "PASS     jobs: make alone runs -j$want ($n cores, $((mem_kb / 1024)) MB available, $((peak_kb / 1024)) MB a unit); -j1, -jN, JOBS=N as asked"
fi
[ "$failed" -eq 0 ]
