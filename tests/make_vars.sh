#!/usr/bin/env bash
# tests/make_vars.sh: the make variables a user sets are checked before any recipe or $(shell)
# sees them (tools/vars.mk), make claim tells its refusals apart, and one make computes the data
# of all the figures that verify goals name.
#
#   tests/make_vars.sh BUILD
#
# Every variable gets malformed values and injection attempts (a quote, ;touch FILE;,
# $(touch FILE), backquotes, a newline, make's own $(shell touch FILE)), each after a valid
# value, on the command line; a few also in the environment and in env/slurm.conf.mk. Each must
# exit 2 with one stderr line naming the variable, FILE must not exist, and nothing may change:
# BUILD/.seeds, BUILD/quick/.seeds, data/. Each is tried on a goal that would hand the value to a
# shell were it not checked: make -n QUICK=1 fig2-data for SEEDS (it rewrites the seeds stamp),
# make claim for ID, make jobs for the others; the Slurm settings on ENGINE=slurm fig2-data in a
# copy of the package, with a stub sbatch first in PATH that must not be called and no units/
# folder created. Then the accepted forms pass, the Slurm settings reach sbatch as written, and
# make claim's cases: no id, unknown figure, unknown id, missing claims.tsv. Takes seconds.
# Not here: the drivers' own checks (tests/bad_input.sh).
set -uo pipefail
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL     make vars: $*"; failed=$((failed + 1)); }

# make as a user types it (not the jobs or variables of a make running this test), the Debian check off
unset MAKEFLAGS MFLAGS MAKELEVEL
mk() { make --no-print-directory ENV_CHECK=0 "$@"; }

pwned=$tmp/pwned # the file an injection would create
marker=$tmp/marker # rewritten before each case: what is newer changed

# A copy of the package that runs ENGINE=slurm fig2-data: its drivers are links to BUILD's,
# taken as up to date (make -o), so that nothing is compiled; sbatch is a stub that records its
# arguments and fails, as a cluster that runs nothing.
pkg=$tmp/pkg
mkdir -p "$pkg/b" "$tmp/bin"
cp -r Makefile tools env experiments "$pkg/"
rm -f "$pkg/env/slurm.conf.mk"
ln -s "$PWD/$build/fig2" "$pkg/b/fig2"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > %s\nexit 1\n' "$tmp/sbatch.args" >"$tmp/bin/sbatch"
chmod +x "$tmp/bin/sbatch"
slurm_mk() { (cd "$pkg" && PATH="$tmp/bin:$PATH" mk -o b/fig2 BUILD=b QUICK=1 ENGINE=slurm "$@" fig2-data); }

# refused NAME PATTERN COMMAND...: exit 2, one stderr line holding PATTERN, and nothing changed:
# no file or folder of data/, the seeds stamps or the copy newer than the marker, no injected
# file, no call of sbatch. (Builtins where possible: the machine may be busy.)
refused() {
    local name=$1 pat=$2 rc lines changed
    shift 2
    : >"$marker"
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    mapfile -t lines <"$tmp/err"
    changed=$(find data "$build/.seeds" "$build/quick/.seeds" "$pkg" -newer "$marker" -print -quit 2>/dev/null)
    if [ "$rc" -ne 2 ]; then
        bad "$name: exit $rc, expected 2: $(head -c 300 "$tmp/err")"
    elif [ ${#lines[@]} -ne 1 ]; then
        bad "$name: ${#lines[@]} lines on stderr, expected 1: $(head -c 300 "$tmp/err")"
    elif [[ ${lines[0]} != *"$pat"* ]]; then
        bad "$name: the message does not name \"$pat\": ${lines[0]}"
    elif [ -n "$changed" ]; then
        bad "$name: $changed changed"
    elif [ -e "$pwned" ]; then
        bad "$name: the injected command ran"
    elif [ -e "$tmp/sbatch.args" ]; then
        bad "$name: sbatch was called"
    else
        ok
    fi
    [ ! -e "$pwned" ] || rm -f "$pwned"
    [ ! -e "$tmp/sbatch.args" ] || rm -f "$tmp/sbatch.args"
}

# try VAR GOAL VALUE...: each VALUE refused on GOAL (jobs, seeds, claim, slurm).
try() {
    local var=$1 goal=$2 value
    shift 2
    for value in "$@"; do
        case $goal in
        jobs) refused "$var='$value'" "make: $var=" mk -s BUILD="$build" jobs "$var=$value" ;;
        seeds) refused "$var='$value'" "make: $var=" mk -n BUILD="$build" QUICK=1 fig2-data "$var=$value" ;;
        claim) refused "$var='$value'" "make: $var=" mk -s BUILD="$build" claim "$var=$value" ;;
        slurm) refused "$var='$value' (ENGINE=slurm)" "make: $var=" slurm_mk "$var=$value" ;;
        esac
    done
}

# injections VALID: the attempts, each after a valid value.
injections() {
    local v=$1
    printf '%s\0' "$v';touch $pwned;'" "$v;touch $pwned;" "$v\$(touch $pwned)" "$v\`touch $pwned\`" \
        "$v"$'\n'"touch $pwned" "$v\$(shell touch $pwned)"
}
# case VAR GOAL VALID MALFORMED...: the malformed values, then the injections after VALID.
case_() {
    local var=$1 goal=$2 valid=$3 inj=()
    shift 3
    try "$var" "$goal" "$@"
    mapfile -d '' inj < <(injections "$valid")
    try "$var" "$goal" "${inj[@]}"
}

long_id=fig2.$(printf 'a%.0s' {1..97}) # 102 characters
snap_before=$( (find data -type f -exec md5sum {} + | LC_ALL=C sort; cat "$build/.seeds" "$build/quick/.seeds" 2>/dev/null) )

# ---------------------------------------------------------------- refused on the command line
case_ BLAS jobs openblas mkl '' OpenBLAS
case_ SAN jobs 0 2 yes ''
case_ QUICK jobs 1 2 yes ''
case_ ENV_CHECK jobs 0 2 no ''
case_ V jobs 1 2 yes
case_ VERIFY jobs 1 2
case_ ENGINE jobs local '' Local slurm2
case_ SEEDS seeds 3 0 100001 007 -1 2.5 abc '1 2'
case_ JOBS jobs 2 0 two '' 10000 -3
case_ UNIT_MB_MIN jobs 64 0 abc
case_ ID claim fig2.acquisition 'fig2 acquisition' fig2/acquisition "$long_id"
case_ BUILD jobs "$build" 'a b' -x
case_ DATA jobs data 'a b' -x
case_ FIGS jobs figures 'a b' -x
case_ REPORT_DIR jobs paper 'a b' -x
case_ SLURM_TIME slurm 1:00:00 abc '' 1:2:3:4 1- -1 1-2-3 1::2 1:2-3
case_ SLURM_MEM slurm 2G 2GB G 1.5G 2KG
case_ SLURM_CPUS slurm 1 0 '' two
case_ SLURM_PARTITION slurm compute 'a b' a/b
case_ SLURM_ACCOUNT slurm neuro 'a b' a:b
case_ SLURM_EXTRA slurm --qos=short qos=short -q --=x '--q*s' $'--a\t--b'

# ---------------------------------------------------------------- refused from the environment
refused "SEEDS in the environment" "make: SEEDS=" env SEEDS="2;touch $pwned;" \
    make --no-print-directory -n ENV_CHECK=0 BUILD="$build" QUICK=1 fig2-data
refused "ID in the environment" "(from the environment)" env ID="fig2.x\`touch $pwned\`" \
    make --no-print-directory -s ENV_CHECK=0 claim
slurm_env() { SLURM_TIME=abc slurm_mk; } # a bash function's assignments reach its commands' environment
refused "SLURM_TIME in the environment" "make: SLURM_TIME=abc" slurm_env
# JOBS counts only on the command line: one in the environment is neither used nor run
JOBS="\$(shell touch $pwned)" mk -s BUILD="$build" jobs >"$tmp/out" 2>&1
if [ $? -eq 0 ] && [ ! -e "$pwned" ] && grep -qx -- '-j[0-9]*' "$tmp/out"; then ok; else bad "JOBS in the environment: $(cat "$tmp/out")"; fi
rm -f "$pwned"

# ---------------------------------------------------------------- refused from env/slurm.conf.mk
printf 'SLURM_TIME = 10 min # per unit\n' >"$pkg/env/slurm.conf.mk"
refused "SLURM_TIME in env/slurm.conf.mk" "SLURM_TIME=10 min" slurm_mk
printf 'SLURM_EXTRA = --qos=short $(shell touch %s)\n' "$pwned" >"$pkg/env/slurm.conf.mk"
refused "SLURM_EXTRA in env/slurm.conf.mk" "(from env/slurm.conf.mk)" slurm_mk
rm -f "$pkg/env/slurm.conf.mk"

# ---------------------------------------------------------------- accepted forms
if mk -s BUILD="$build" jobs ID=fig2.acquisition "ID=$(printf 'a%.0s' {1..100})" SEEDS=100000 JOBS=2 ENGINE=slurm QUICK=1 SAN=0 V= VERIFY= \
    BLAS=gsl UNIT_MB_MIN=64 SLURM_TIME=1-02:03:04 SLURM_MEM= SLURM_CPUS=16 SLURM_PARTITION=a.b-c_d SLURM_ACCOUNT= \
    SLURM_EXTRA='--qos=short --exclusive --export=ALL,X=1/2:3+4 --x=' DATA=/tmp/a.b/c+d_e-f >"$tmp/out" 2>&1; then ok
else bad "valid values refused: $(cat "$tmp/out")"; fi
for t in 0 5 5:30 1:05:30 2-3 2-03:04 2-3:4:5; do
    mk -s BUILD="$build" jobs SLURM_TIME="$t" >/dev/null 2>&1 && ok || bad "SLURM_TIME=$t refused"
done
for m in 0 2048 2048K 512M 2G 1T; do
    mk -s BUILD="$build" jobs SLURM_MEM="$m" >/dev/null 2>&1 && ok || bad "SLURM_MEM=$m refused"
done

# ---------------------------------------------------------------- the Slurm settings reach sbatch as written
# the README's env/slurm.conf.mk, comments and all; then the command line over it
cat >"$pkg/env/slurm.conf.mk" <<'EOF'
SLURM_PARTITION = compute
SLURM_ACCOUNT = neuro
SLURM_TIME = 00:10:00     # per unit: the time table's longest unit of the figure, with margin
SLURM_CPUS = 1            # units are single-threaded
SLURM_MEM = 1G
SLURM_EXTRA = --qos=short # any other sbatch options
EOF
sbatch_gets() { # NAME WANTED-ARGUMENT... : the stub was called with each of them
    local name=$1 a
    shift
    if [ ! -f "$tmp/sbatch.args" ]; then bad "$name: sbatch was not called: $(tail -n 3 "$tmp/out")"; return; fi
    for a in "$@"; do grep -qxF -- "$a" "$tmp/sbatch.args" || { bad "$name: sbatch did not get $a: $(tr '\n' ' ' <"$tmp/sbatch.args")"; return; }; done
    ok
}
slurm_mk >"$tmp/out" 2>&1
sbatch_gets "env/slurm.conf.mk" --partition=compute --account=neuro --time=00:10:00 --cpus-per-task=1 --mem=1G --qos=short
rm -f "$tmp/sbatch.args"
slurm_mk SLURM_TIME=2-03:04:05 SLURM_EXTRA='--qos=long --exclusive' SLURM_MEM=512M >"$tmp/out" 2>&1
sbatch_gets "command line over env/slurm.conf.mk" --time=2-03:04:05 --qos=long --exclusive --mem=512M --partition=compute
rm -f "$tmp/sbatch.args" "$pkg/env/slurm.conf.mk"

# ---------------------------------------------------------------- make claim
refused "claim without ID" "ID=fig2.acquisition" mk -s claim
refused "claim of an unknown figure" "its figure 'fig99'" mk -s claim ID=fig99.acquisition
mk -s claim ID=fig2.nosuch >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "unknown claim 'fig2.nosuch'.* fig2.acquisition" "$tmp/err"; then ok
else bad "claim of an unknown id: exit $rc, $(cat "$tmp/err")"; fi
# a figure whose claims.tsv is missing (its .complete present): MISSING, as make check-claims says
cp -r data "$tmp/data"
rm "$tmp/data/fig2/claims.tsv"
tools/check_claims.sh --claim fig2.acquisition "$tmp/data/fig2/claims.tsv" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "^MISSING  fig2: .*remove $tmp/data/fig2/.complete" "$tmp/out" && [ ! -s "$tmp/err" ]; then ok
else bad "check_claims.sh --claim of a missing claims.tsv: exit $rc, $(cat "$tmp/out" "$tmp/err")"; fi
mk -s BUILD="$build" DATA="$tmp/data" claim ID=fig2.acquisition >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q '^MISSING  fig2' "$tmp/out" && grep -q 'Error 1$' "$tmp/err"; then ok
else bad "make claim with claims.tsv missing: exit $rc, $(cat "$tmp/out" "$tmp/err")"; fi

# ---------------------------------------------------------------- make verify's plan (make -n)
# One make computes the data of every figure the verify goals name: Fig. 8 needs Fig. 6, and two
# makes would both build Fig. 6, one deleting what the other reads. make verify checks the report
# after the last comparison, not beside the data (where it compiled the drivers a second time).
n=$(mk -n BUILD="$build" verify-fig6 verify-fig8 2>/dev/null | grep -c '^make .*VERIFY=1')
[ "$n" = 1 ] && ok || bad "make -n verify-fig6 verify-fig8: $n makes compute the data, one expected"
mk -n BUILD="$build" verify >"$tmp/verify.plan" 2>/dev/null
n=$(grep -c '^make .*VERIFY=1' "$tmp/verify.plan")
last_cmp=$(grep -n 'tools/compare_data.sh' "$tmp/verify.plan" | tail -n 1 | cut -d: -f1)
report=$(grep -n '^make .*check-report' "$tmp/verify.plan" | tail -n 1 | cut -d: -f1)
if [ "$n" = 1 ] && [ -n "$last_cmp" ] && [ -n "$report" ] && [ "$report" -gt "$last_cmp" ]; then ok
else bad "make -n verify: $n makes compute the data (one expected), check-report at line ${report:-none}, last comparison at ${last_cmp:-none}"; fi

# ---------------------------------------------------------------- nothing changed at all
snap_after=$( (find data -type f -exec md5sum {} + | LC_ALL=C sort; cat "$build/.seeds" "$build/quick/.seeds" 2>/dev/null) )
[ "$snap_before" = "$snap_after" ] && ok || bad "data/ or the seeds stamps changed"

echo "make vars: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
