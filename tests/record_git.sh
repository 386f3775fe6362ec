#!/usr/bin/env bash
# tests/record_git.sh: a run record's git_dirty says whether the code differs from its commit.
#
#   tests/record_git.sh BUILD
#
# In a scratch git repository with a tracked source file and a tracked data file, runs Fig. 1's
# quick unit on: the clean commit (git_dirty false); only the data file changed (false: a run
# rewrites the shipped tables and records under data/, as make all does in a fresh clone); a
# file that makes no data (tests/, untracked) added (false); a new driver experiments/figX.c,
# untracked (true, and git_dirty_files names it); the source file changed too (true, both named,
# in the order of git status: tracked files first); 62 files dirty (50 named, 62 counted).
# The records are read through BUILD/cc-record (JSON), never as text.
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
check() { # check WHAT EXPECTED_DIRTY EXPECTED_FILES
    rm -rf out && mkdir out
    if ! OPENBLAS_NUM_THREADS=1 "$build/fig1" --config "$root/experiments/fig1.ini" --quick --out out --unit cereb_fb-s0 >/dev/null 2>&1; then
        echo "FAIL  record_git: $1: the unit failed"; failed=$((failed + 1)); return
    fi
    local rec=out/runs/cereb_fb-s0.json got files
    got=$("$build/cc-record" get "$rec" git_dirty 2>&1)
    files=$("$build/cc-record" get "$rec" git_dirty_files 2>&1)
    if [ "$got" = "$2" ] && [ "$files" = "$3" ]; then echo "PASS  record_git: $1: git_dirty $got, files [$files]"; passed=$((passed + 1))
    else echo "FAIL  record_git: $1: git_dirty '$got' files [$files], want $2 [$3]"; failed=$((failed + 1)); fi
}
check "clean commit" false ""
echo 'b' > data/fig1/t.tsv
check "only data/ changed" false ""
mkdir -p tests && echo 'int t;' > tests/t.c
check "an untracked test file" false ""
mkdir -p experiments && echo 'int main(void) { return 0; }' > experiments/figX.c
check "an untracked driver" true "experiments/figX.c"
echo 'int y;' >> src/a.c
check "a source file changed too" true "src/a.c, experiments/figX.c" # tracked first, as git status lists them
# more files than a record names (50): the first 50, and the count of all
for i in $(seq 60); do echo "int n$i;" > "src/n$i.c"; done
"$build/fig1" --config "$root/experiments/fig1.ini" --quick --out out --unit cereb_fb-s0 >/dev/null 2>&1
named=$("$build/cc-record" get out/runs/cereb_fb-s0.json git_dirty_files | tr ',' '\n' | grep -c .)
count=$("$build/cc-record" get out/runs/cereb_fb-s0.json git_dirty_count)
if [ "$named" = 50 ] && [ "$count" = 62 ]; then echo "PASS  record_git: 62 dirty files: 50 named, count $count"; passed=$((passed + 1))
else echo "FAIL  record_git: 62 dirty files: $named named, count '$count', want 50 and 62"; failed=$((failed + 1)); fi
echo "record_git: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
