#!/usr/bin/env bash
# paper/listing.sh: one source file as an HTML page with a numbered anchor per line.
#
#   paper/listing.sh SOURCE OUT.html
#
# Line n of SOURCE is the element with id "Ln", so the report links to file.html#Ln. The page
# is written to OUT.html.tmp and renamed, so an interrupted run leaves no partial listing.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: paper/listing.sh SOURCE OUT.html" >&2; exit 2; }
src=$1 out=$2
[ -r "$src" ] || { echo "paper/listing.sh: cannot read $src" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
{
    printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>%s</title>\n' "$src"
    printf '<style>body{font:13px/1.35 "DejaVu Sans Mono",monospace;margin:0}h1{font:bold 15px sans-serif;padding:.6em 1em;margin:0;background:#f2f2f2}'
    printf 'pre{margin:0;padding:.5em 0}a.n{display:inline-block;width:4.5em;color:#999;text-align:right;padding-right:1em;text-decoration:none}'
    printf 'span:target{background:#fff3b0}</style></head><body>\n<h1>%s</h1>\n<pre>' "$src"
    awk '{ gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); gsub(/>/, "\\&gt;");
           printf "<span id=\"L%d\"><a class=\"n\" href=\"#L%d\">%d</a>%s</span>\n", NR, NR, NR, $0 }' "$src"
    printf '</pre></body></html>\n'
} > "$out.tmp"
mv -f "$out.tmp" "$out"
