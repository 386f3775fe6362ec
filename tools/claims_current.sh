#!/usr/bin/env bash
# tools/claims_current.sh: make sure a figure's verdicts were computed under its present configuration.
#
#   tools/claims_current.sh FIG DATA_DIR MAKE_GOAL DRIVER [DRIVER ARGS...]
#
# The id of the figure's whole configuration (DRIVER ... --list-configs, first line) is compared with
# the "# config:" line of DATA_DIR/claims.tsv. Equal: nothing to do. Different (a criterion, a
# comment-free edit of the config, another default): when every unit of the figure has run
# (DATA_DIR/units/UNIT.done for each unit listed), `make MAKE_GOAL` merges again (seconds; units
# rerun only if their own configuration or code changed); when not (the shipped data, whose unit
# files are not in the repository), one line names the stale figure and exit status 2.
# A missing claims.tsv is left to tools/check_claims.sh (MISSING).
set -uo pipefail
[ $# -ge 4 ] || { echo "usage: tools/claims_current.sh FIG DATA_DIR MAKE_GOAL DRIVER [ARGS...]" >&2; exit 2; }
fig=$1 data=$2 goal=$3
shift 3
claims=$data/claims.tsv
[ -f "$claims" ] || exit 0
list=$("$@" --list-configs) || exit 2
want=$(head -n 1 <<<"$list" | sed -n 's/^config //p')
have=$(sed -n 's/^# config: //p' "$claims" | head -n 1)
[ "$want" = "$have" ] && exit 0
missing=0
while read -r unit _; do
    [ -f "$data/units/$unit.done" ] || missing=$((missing + 1))
done < <(sed 1d <<<"$list")
if [ "$missing" -gt 0 ]; then
    echo "make: $fig: its claims were computed under another configuration (config ${have:-none}; experiments/$fig.ini now gives $want) and $missing of its units have not run here: make $goal recomputes them" >&2
    exit 2
fi
echo "$fig: the configuration changed since its claims were computed: merging again"
${MAKE:-make} --no-print-directory "$goal"
