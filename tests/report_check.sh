#!/bin/sh
# tests/report_check.sh DIR FIG...: the build check of a report built into DIR (report.html,
# report.pdf, listings/), in make test on the report of the shipped data. It fails when
#   - the text of the HTML or of the PDF (pdftotext) holds a placeholder {{fig:key}} or a
#     "[missing: ...]" (a value the data lack), outside the code the report quotes;
#   - a figure's caption does not link its plot script, or a figure FIG has no caption linking
#     its driver, config and plot script;
#   - a link of the HTML to a code listing has no file under DIR/listings/.
# One line per problem, then exit 1; exit 2 for bad arguments or a missing file.
set -u
[ $# -ge 1 ] || { echo "usage: tests/report_check.sh DIR FIG..." >&2; exit 2; }
dir=$1; shift
html=$dir/report.html; pdf=$dir/report.pdf
for f in "$html" "$pdf"; do
    [ -s "$f" ] || { echo "tests/report_check.sh: $f is missing or empty" >&2; exit 2; }
done
command -v pdftotext >/dev/null || { echo "tests/report_check.sh: pdftotext not found (Debian: poppler-utils)" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "report check: $*"; fails=$((fails + 1)); }

# The HTML on one line; its code (<code>, <pre>) apart from its prose.
tr '\n' ' ' < "$html" > "$tmp/all"
awk 'BEGIN { RS = "<pre" } NR == 1 { print; next } { i = index($0, "</pre>"); print (i ? substr($0, i + 6) : "") }' \
    "$tmp/all" | sed 's/<code[^>]*>[^<]*<\/code>//g' > "$tmp/prose"
# What looks like a placeholder or a missing value but is quoted code (the report explains the
# syntax): allowed in the PDF's text, where code and prose cannot be told apart.
pat='\{\{[A-Za-z0-9_]+:[^{}]*\}\}|\[missing: [^]]*\]'
grep -oE "$pat" "$tmp/all" | sort -u > "$tmp/in_all"
grep -oE "$pat" "$tmp/prose" | sort -u > "$tmp/in_prose"
comm -23 "$tmp/in_all" "$tmp/in_prose" > "$tmp/quoted"
while IFS= read -r s; do fail "HTML: '$s' in the text"; done < "$tmp/in_prose"
pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr '\n' ' ' | grep -oE "$pat" | sort -u > "$tmp/in_pdf"
comm -23 "$tmp/in_pdf" "$tmp/quoted" | while IFS= read -r s; do echo "PDF: '$s' in the text"; done > "$tmp/pdf_fails"
while IFS= read -r l; do fail "$l"; done < "$tmp/pdf_fails"

# Figures: each caption's listing links.
awk 'BEGIN { RS = "<figure" } NR > 1 {
        i = index($0, "</figure>"); f = substr($0, 1, i ? i : length($0))
        c = f; sub(/.*<figcaption/, "", c); sub(/<\/figcaption>.*/, "", c)
        if (index(f, "<figcaption") == 0) c = ""
        links = ""
        while (match(c, /href="listings\/[^"]*"/)) {
            links = links " " substr(c, RSTART + 15, RLENGTH - 16); c = substr(c, RSTART + RLENGTH) }
        print NR - 1 ":" links }' "$tmp/all" > "$tmp/figures"
[ -s "$tmp/figures" ] || fail "HTML: no figure"
while IFS=: read -r n links; do
    case " $links " in *" figures/"*".gp.html "*) ;; *) fail "HTML: figure $n has no link to its plot script in its caption" ;; esac
done < "$tmp/figures"
for fig in "$@"; do
    for want in "experiments/$fig.c.html" "experiments/$fig.ini.html" "figures/$fig.gp.html"; do
        grep -q " $want\( \|\$\)" "$tmp/figures" || fail "HTML: no figure caption of $fig links listings/$want"
    done
done
grep -oE 'href="listings/[^"#]*' "$tmp/all" | sed 's/^href="//' | sort -u | while IFS= read -r l; do
    [ -s "$dir/$l" ] || echo "HTML: link to $l, which is not in $dir/"
done > "$tmp/dead"
while IFS= read -r l; do fail "$l"; done < "$tmp/dead"

if [ "$fails" -gt 0 ]; then
    echo "tests/report_check.sh: $fails problem(s) in $dir/report.html and report.pdf" >&2
    exit 1
fi
echo "report check: $dir/report.html and report.pdf: no placeholder or missing value in the text, $(wc -l < "$tmp/figures") figures with their code linked, every listing link present"
