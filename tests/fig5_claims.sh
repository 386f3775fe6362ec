#!/usr/bin/env bash
# tests/fig5_claims.sh: Fig. 5's plasticity claim is judged on the level it says. On a copy of the
# quick data (build/quick/data/fig5, from make smoke), the merge alone is rerun with other
# claims.* keys (they are read by the merge only), and the criterion must name:
#   every level learns           -> input_rec, the most plastic;
#   no level learns              -> input, with input_rec reported "not testable: 0 of n seeds learn";
#   only input_rec_low learns    -> input_rec_low (when the quick seeds allow such a threshold).
#
#   tests/fig5_claims.sh BUILD_DIR
#
# Exit status 1 if a case fails, 2 without the quick data. Not here: the rules (test_rules.c).
set -uo pipefail

build=${1:?usage: tests/fig5_claims.sh BUILD_DIR}
quick=$build/quick/data/fig5
if [ ! -f "$quick/claims.tsv" ] || [ ! -d "$quick/units" ]; then
    echo "fig5_claims: no quick data in $quick (run make smoke first)" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# merge NAME key=value...: the plasticity claim's row of a merge with these claims keys
merge() {
    local out=$tmp/$1
    shift
    rm -rf "$out" && cp -r "$quick" "$out" || return 1
    local args=()
    for kv in "$@"; do args+=(--set "$kv"); done
    "$build/fig5" --config experiments/fig5.ini --quick --out "$out" --merge "${args[@]}" >/dev/null 2>"$out.err" || {
        cat "$out.err" >&2
        return 1
    }
    grep '^fig5.heatmap-plasticity' "$out/claims.tsv"
}

# expect NAME WHAT ROW PATTERN: ROW must match PATTERN
expect() {
    if grep -qE -- "$4" <<<"$3"; then
        echo "ok   $1: $2"
    else
        echo "FAIL $1: $2 (no /$4/ in: $3)"
        failed=1
    fi
}

row=$(merge all claims.learnt_error=100)
expect all "every level learns: judged on input_rec" "$row" 'judged on input_rec	'
row=$(merge none claims.learnt_error=0)
expect none "no level learns: judged on input" "$row" 'judged on input	'
expect none "input_rec reported as not testable" "$row" 'input_rec not testable: 0 of [0-9]+ seeds learn'

# the worst seed of each input + recurrent level at the task's alpha: with learning_share = 1 a
# level learns when its worst seed does, so a threshold between the two separates them
worst() {
    local f m=-1
    for f in "$quick"/units/cereb_fb-input_rec-a0.1-T50"$1"-s*.test.tsv; do
        m=$(awk -F'\t' -v m="$m" '!/^#/ && n++ == 1 { print ($1 > m ? $1 : m) }' "$f")
    done
    echo "$m"
}
rec=$(worst "") low=$(worst "-lr0.0001")
if awk -v a="$low" -v b="$rec" 'BEGIN { exit !(a < b) }'; then
    thr=$(awk -v a="$low" -v b="$rec" 'BEGIN { print (a + b) / 2 }')
    row=$(merge low claims.learning_share=1 claims.learnt_error="$thr")
    expect low "only input_rec_low learns: judged on input_rec_low" "$row" 'judged on input_rec_low	'
else
    echo "skip low: the quick seeds of input_rec_low ($low %) do not beat those of input_rec ($rec %)"
fi
exit $failed
