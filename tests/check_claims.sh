#!/usr/bin/env bash
# tests/check_claims.sh: tools/check_claims.sh's verdicts and exit statuses on small fixtures.
#
#   tests/check_claims.sh
#
# A claim of the paper or the code that FAILs or is UNDECIDED makes the exit status 1; a criterion
# of the package's own that fails is reported on its own line and leaves the status 0; a
# malformed line or a missing file counts as a failure; an unknown --claim id exits 2. Ends with
# "check claims: N passed, M failed".
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "check claims: FAIL: $*" >&2; failed=$((failed + 1)); }

# row ID SOURCE RESULT: one claims.tsv line
row() { printf '%s\t%s\tstatement\tmeasured\tcriterion\t1\t0.5\t2\t5\t%s\t%s\n' "$1" "$2" "${4:-1}" "$3"; }
# expect RC LINE-PATTERN FILE...: run the tool, check the status and that a line matches
expect() {
    local want=$1 pat=$2; shift 2
    tools/check_claims.sh "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ "$rc" = "$want" ] && grep -qE -- "$pat" "$tmp/out" "$tmp/err"; then ok
    else bad "check_claims.sh $*: exit $rc (expected $want), no line /$pat/: $(cat "$tmp/out" "$tmp/err")"; fi
}
mk() { mkdir -p "$tmp/$1"; shift; cat >"$tmp/${1}"; }

mkdir -p "$tmp/a" "$tmp/b" "$tmp/c" "$tmp/d" "$tmp/e"
{ row a.one paper PASS; row a.two code PASS; row a.q package FAIL; } >"$tmp/a/claims.tsv"
expect 0 "^the package's own criteria: 0 passed, 1 failed, 0 undecided$" "$tmp/a/claims.tsv"
expect 0 "^claims of the paper and the code: 2 passed, 0 failed, 0 undecided$" "$tmp/a/claims.tsv"
{ row b.one paper PASS; row b.two paper FAIL; } >"$tmp/b/claims.tsv"
expect 1 "^claims of the paper and the code: 1 passed, 1 failed, 0 undecided$" "$tmp/b/claims.tsv"
row c.one paper UNDECIDED 0.6 >"$tmp/c/claims.tsv"
expect 1 "^claims of the paper and the code: 0 passed, 0 failed, 1 undecided$" "$tmp/c/claims.tsv"
printf 'd.one\tpaper\tonly five\tcolumns\tPASS\n' >"$tmp/d/claims.tsv"
expect 1 "^BAD " "$tmp/d/claims.tsv"
row e.one nobody PASS >"$tmp/e/claims.tsv"
expect 1 "^BAD " "$tmp/e/claims.tsv"
expect 1 "^MISSING " "$tmp/nowhere/claims.tsv" "$tmp/a/claims.tsv"
expect 2 "unknown claim 'a.zzz'" --claim a.zzz "$tmp/a/claims.tsv"
expect 1 "^FAIL +\[paper\] b.two" --claim b.two "$tmp/b/claims.tsv"
# the package's criteria come after the paper's, under their own heading
tools/check_claims.sh "$tmp/a/claims.tsv" >"$tmp/out"
if awk '/\[package\]/ { q = NR } /\[(paper|code)\]/ { p = NR } END { exit !(q > p) }' "$tmp/out" &&
   grep -q "the package's own criteria (not claims of the paper)" "$tmp/out"; then ok
else bad "package criteria not listed after the paper's: $(cat "$tmp/out")"; fi

echo "check claims: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
