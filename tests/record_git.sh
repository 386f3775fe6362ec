#!/usr/bin/env bash
# tests/record_git.sh: a run record's git_dirty says whether the code differs from its commit.
#
#   tests/record_git.sh BUILD
#
# In a scratch git repository with a tracked source file and a tracked data file, runs Fig. 1's
# quick unit three times: on the clean commit (git_dirty false), with only the data file changed
# (false: a run rewrites the shipped tables and records under data/, as make all does in a
# fresh clone), and with the source file changed (true).
set -uo pipefail
build=$(cd "$1" && pwd)
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
git init -q . && git config user.email t@t && git config user.name t
mkdir -p src data/fig1 && echo 'int x;' > src/a.c && echo 'a' > data/fig1/t.tsv
git add -A && git commit -qm init || exit 1
passed=0 failed=0
check() { # check WHAT EXPECTED
    rm -rf out && mkdir out
    if ! OPENBLAS_NUM_THREADS=1 "$build/fig1" --config "$root/experiments/fig1.ini" --quick --out out --unit cereb_fb-s0 >/dev/null 2>&1; then
        echo "FAIL  record_git: $1: the unit failed"; failed=$((failed + 1)); return
    fi
    got=$(sed -n 's/.*"git_dirty": \([a-z]*\).*/\1/p' out/runs/cereb_fb-s0.json)
    if [ "$got" = "$2" ]; then echo "PASS  record_git: $1: git_dirty $got"; passed=$((passed + 1))
    else echo "FAIL  record_git: $1: git_dirty '$got', want $2"; failed=$((failed + 1)); fi
}
check "clean commit" false
echo 'b' > data/fig1/t.tsv
check "only data/ changed" false
echo 'int y;' >> src/a.c
check "a source file changed" true
echo "record_git: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
