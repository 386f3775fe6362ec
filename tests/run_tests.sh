#!/usr/bin/env bash
# tests/run_tests.sh: run each test program given, show its output, count the programs that
# passed and failed, and end with exactly one line "tests: N passed, M failed".
#
#   tests/run_tests.sh build/tests/test_a build/tests/test_b ...
#
# Exit status 1 if any program failed (non-zero exit, crash, or longer than TEST_TIMEOUT
# seconds, default 600). Programs run one after another from the current directory, with
# OPENBLAS_NUM_THREADS=1. Not here: building the programs (make does it).
set -uo pipefail

export OPENBLAS_NUM_THREADS=1
timeout_s=${TEST_TIMEOUT:-600}

passed=0
failed=0
failed_names=()
for prog in "$@"; do
    name=$(basename "$prog")
    echo "==== $name"
    if [ ! -x "$prog" ]; then
        status=127
        echo "$prog: not found or not executable" >&2
    else
        timeout "$timeout_s" "$prog"
        status=$?
    fi
    if [ "$status" -eq 0 ]; then
        passed=$((passed + 1))
        echo "==== $name: PASS"
    else
        failed=$((failed + 1))
        failed_names+=("$name")
        case "$status" in
            124) why="timed out after ${timeout_s}s" ;;
            12[6-7]) why="could not run (exit $status)" ;;
            1[3-9][0-9]) why="killed by signal $((status - 128))" ;;
            *) why="exit $status" ;;
        esac
        echo "==== $name: FAIL ($why)"
    fi
done

if [ "$failed" -gt 0 ]; then
    echo "failed: ${failed_names[*]}"
fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
