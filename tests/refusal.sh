# tests/refusal.sh: the checks shared by the scripts that feed bad input and faults to the
# drivers (tests/bad_input.sh, tests/merge_faults.sh). Sourced, not run.
#
# The caller sets $tmp (a scratch folder) and the counters passed=0 failed=0, and ends with
# its own summary line. Not here: any case (the callers hold them).

ok() { passed=$((passed + 1)); }
bad() { echo "FAIL     $*"; failed=$((failed + 1)); }

# Everything a folder holds: names, types, link targets, sizes, inodes and contents, and the
# modification times of files and links: a file rewritten with the same bytes, or a folder
# replaced by another of the same content (a published set), shows as a change.
snap() {
    [ -e "$1" ] || { echo absent; return; }
    [ -d "$1" ] || { md5sum <"$1"; return; }
    (cd "$1" && find . \( -type d -printf '%p %y %i\n' \) -o -printf '%p %y %l %s %i %T@\n' | LC_ALL=C sort \
        && find . -type f -exec md5sum {} + | LC_ALL=C sort)
}

# refuse NAME DIR PATTERN CMD...: CMD exits 2 with one stderr line matching PATTERN
# (fixed string) and leaves DIR as it was.
refuse() {
    local name=$1 dir=$2 pat=$3
    shift 3
    local before after rc err
    before=$(snap "$dir")
    timeout 60 "$@" >/dev/null 2>"$tmp/err" # a case that is not refused must not run for long
    rc=$?
    err=$(cat "$tmp/err")
    after=$(snap "$dir")
    if [ "$rc" -ne 2 ]; then
        bad "$name: exit $rc, expected 2 ($err)"
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
        bad "$name: $(wc -l <"$tmp/err") lines on stderr, expected 1: $err"
    elif ! grep -qF -- "$pat" "$tmp/err"; then
        bad "$name: the message does not name \"$pat\": $err"
    elif [ "$before" != "$after" ]; then
        bad "$name: the output folder $dir changed"
    else
        ok
    fi
}

# No file of DIR looks complete that is not: every visible *.tsv ends with "# end".
all_complete() {
    local f
    while IFS= read -r f; do
        [ "$(tail -n 1 "$f")" = "# end" ] || { echo "$f"; return 1; }
    done < <(find -L "$1" -name '*.tsv' ! -name '*.tmp.*' ! -path '*/.merge.*' 2>/dev/null)
    return 0
}
