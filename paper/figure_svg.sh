#!/bin/sh
# paper/figure_svg.sh: a figure's PDF (gnuplot's pdfcairo) as an SVG that WeasyPrint draws, for
# the PDF report, so that its figures are vectors as in the figure PDFs.
#
#   paper/figure_svg.sh figures/fig2.pdf build/report-svg/fig2.svg
#
# pdftocairo draws each letter as an outline, a <symbol> placed by <use>; WeasyPrint clips a
# <symbol> to an empty box, so each <use> is replaced by the outline itself, translated to its
# place. Outline coordinates are rounded to 0.01 pt (1/7200 inch), which keeps the report small.
# Writes OUT only when complete (a temporary beside it, then a rename); exit 1 on any failure.
set -eu
[ $# -eq 2 ] || { echo "usage: paper/figure_svg.sh IN.pdf OUT.svg" >&2; exit 2; }
in=$1 out=$2
tmp="$out.tmp.$$"
trap 'rm -f "$tmp" "$tmp.svg"' EXIT
pdftocairo -svg "$in" "$tmp.svg"
LC_ALL=C awk '
# rounded to 2 decimals, trailing zeros dropped
function round2(s,   out, v) {
    out = ""
    while (match(s, /-?[0-9]+\.[0-9]+/)) {
        v = sprintf("%.2f", substr(s, RSTART, RLENGTH) + 0)
        sub(/0+$/, "", v); sub(/\.$/, "", v); if (v == "-0") v = "0"
        out = out substr(s, 1, RSTART - 1) v
        s = substr(s, RSTART + RLENGTH)
    }
    return out s
}
function attr(line, name) {
    if (!match(line, " " name "=\"[^\"]*\"")) return ""
    return substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
}
/<symbol / { id = attr($0, "id"); glyph[id] = ""; insym = 1; next }   # a letter: remembered, not drawn
insym && /<\/symbol>/ { insym = 0; next }
insym { glyph[id] = glyph[id] round2(attr($0, "d")); next }
/<use / && /href="#glyph/ {                                            # a letter placed: its outline
    match($0, /href="#[^"]*"/); ref = substr($0, RSTART + 7, RLENGTH - 8)
    if (!(ref in glyph)) { print "paper/figure_svg.sh: unknown glyph " ref > "/dev/stderr"; exit 1 }
    match($0, /^[ \t]*/); indent = substr($0, 1, RLENGTH)
    if (glyph[ref] != "")
        printf "%s<path transform=\"translate(%s,%s)\" d=\"%s\"/>\n", indent, attr($0, "x"), attr($0, "y"), glyph[ref]
    next
}
match($0, / d="[^"]*"/) { a = RSTART; n = RLENGTH; $0 = substr($0, 1, a - 1) round2(substr($0, a, n)) substr($0, a + n) }
{ print }
' "$tmp.svg" > "$tmp"
mv -f "$tmp" "$out"
