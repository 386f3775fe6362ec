#!/usr/bin/env bash
# tests/determinism.sh: same seed, same bytes, whatever make -j does.
#
#   tests/determinism.sh BUILD DATA fig1 fig2 ...
#
# For each driver, reruns it serially on quick settings (every unit in one process, then the
# merge) into a fresh directory and compares every data file with the ones the Makefile wrote
# in DATA/figN (units run as separate processes, possibly in parallel under make -j). The rerun
# is started as by hand, with OpenBLAS allowed two threads (OPENBLAS_NUM_THREADS=2; make
# exports 1): the program must set one thread itself (cc_blas_setup), since a product split
# over threads sums in another order.
# Run records (runs/*.json) hold times and hosts and are not compared. A figure that reads
# another figure's data (experiments/figN.needs) finds it beside its output directory, as in
# DATA: the fresh directory gets a link to each needed DATA/figM.
set -uo pipefail
build=$1 data=$2
shift 2
passed=0 failed=0
for fig in "$@"; do
    top=$(mktemp -d)
    tmp=$top/$fig
    mkdir "$tmp"
    if [ -f "experiments/$fig.needs" ]; then
        for need in $(sed 's/#.*//' "experiments/$fig.needs"); do
            ln -s "$(cd "$data/$need" && pwd)" "$top/$need"
        done
    fi
    if ! OPENBLAS_NUM_THREADS=2 "$build/$fig" --config "experiments/$fig.ini" --quick --out "$tmp" >/dev/null; then
        echo "FAIL     $fig: the serial rerun failed"
        failed=$((failed + 1)); rm -rf "$top"; continue
    fi
    n=0 bad=0
    while IFS= read -r f; do
        n=$((n + 1))
        if ! cmp -s "$tmp/$f" "$data/$fig/$f"; then
            echo "DIFFER   $fig/$f"
            bad=$((bad + 1))
        fi
    done < <(cd "$tmp" && find . -name '*.tsv' | sort)
    if [ "$n" -eq 0 ]; then echo "FAIL     $fig: no data file written"; bad=1; fi
    if [ "$bad" -eq 0 ]; then
        echo "PASS     $fig: $n data files byte-identical (serial rerun vs make)"
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    rm -rf "$top"
done
echo "determinism: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
