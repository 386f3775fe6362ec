# figures/style.gp: the house style every figure inherits (colours, keys, words, bands, bars, terminals).
# A figure script sets fig_w and fig_h (cm), then draws once per format:
#     load 'figures/style.gp'
#     do for [fmt in "pdf png"] { eval terminal(fmt); set multiplot ...; ...; unset multiplot }
# Rules (issue: figures a reader can read):
#   - a legend sits inside its own panel (set key inside ...), never at coordinates of another panel;
#   - tick labels and keys are words: inwords(code) turns a code name (cereb_fb, input_rec...) into words;
#   - keys differ in line type and point type as well as colour (linetypes 1-5 below);
#   - a heat map has its colour bar (colorbar_right);
#   - a band (mean +- SEM) is a light fill with solid edge lines of its own colour (band); where bands
#     overlap, edge lines only (band_edges), so no mixed colour needs a legend;
#   - bars only on linear axes; every bar panel shows the mean, its 95 % interval and each seed
#     (seedbars); on a log axis the same numbers are drawn as points and intervals (seeddots).
# Colours follow the paper: no feedback grey, readout feedback blue, cerebellar feedback orange,
# cerebellar ablation purple; the cerebellar-readout control is green.

fig_w = 18; fig_h = 12
terminal(fmt) = fmt eq "pdf" ? \
    sprintf("set terminal pdfcairo enhanced color font 'DejaVu Sans,7' size %gcm,%gcm linewidth 1; set output '%s.pdf'", fig_w, fig_h, outbase) : \
    sprintf("set terminal pngcairo enhanced color font 'DejaVu Sans,7' fontscale 1.6 size %d,%d linewidth 2; set output '%s.png'", int(fig_w * 90), int(fig_h * 90), outbase)

c_none   = "#7f7f7f"
c_ro     = "#1f77b4"
c_cereb  = "#ff7f0e"
c_cbro   = "#2ca02c"
c_ablate = "#9467bd"
c_target = "#000000"

# Each architecture its colour and point (linetype i: solid, for bars, points and lc variable) and,
# as line style i (ls i, for curves), its dash pattern too: none dashed squares, readout dash-dot
# triangles, cerebellar solid circles, cerebellar readout long dashes and open circles, silenced dotted.
set linetype 1 lc rgb c_none   lw 1.5 dt solid pt 4 ps 0.6
set linetype 2 lc rgb c_ro     lw 1.5 dt solid pt 8 ps 0.6
set linetype 3 lc rgb c_cereb  lw 1.5 dt solid pt 7 ps 0.5
set linetype 4 lc rgb c_cbro   lw 1.5 dt solid pt 6 ps 0.6
set linetype 5 lc rgb c_ablate lw 1.5 dt solid pt 13 ps 0.6
set style line 1 lt 1 dt (5,3)
set style line 2 lt 2 dt (8,3,2,3)
set style line 3 lt 3 dt solid
set style line 4 lt 4 dt (12,4)
set style line 5 lt 5 dt (2,2)
set style line 9 lt 9 lc rgb c_target lw 1 dt 3
set linetype 9 lc rgb c_target lw 1 dt 3

set border 3 lw 0.8
set tics nomirror out scale 0.5
set key noautotitle inside
set style fill transparent solid 0.25 noborder
set datafile separator "\t"
set datafile commentschars "#"
set datafile missing "nan"

# ---- words for the code names of the tables (tick labels and keys)
inwords(s) = s eq 'none' ? 'no feedback' : s eq 'readout_fb' ? 'readout fb' : s eq 'cereb_fb' ? 'cerebellar' : \
    s eq 'cereb_readout' ? 'cerebellar readout' : s eq 'cereb_silenced' ? 'cerebellar, silenced' : \
    s eq 'ablated' ? 'cerebellum silenced' : s eq 'constant_guess' ? 'constant guess' : \
    s eq 'fixed' ? 'fixed' : s eq 'input' ? 'input' : s eq 'input_rec' ? 'input+recurrent' : \
    s eq 'plastic' ? 'plastic' : s eq 'control' ? 'control' : s eq 'silenced_late' ? 'silenced late' : \
    s eq 'silenced_zero' ? 'silenced from t = 0' : s
# "arch/plasticity" (Fig. 2e) in words: the plasticity only (the colour names the architecture)
after_slash(s) = strstrt(s, '/') > 0 ? s[strstrt(s, '/') + 1:] : s

# ---- bands: band(file, x, m, e, lt) is a plot element, mean m +- e against x of table file, of
# linetype lt: a light fill (alpha 0.12) and solid edge lines (lw 0.5); x, m, e are column numbers or
# 'names'. The mean line is drawn by the caller, with its title.
band(file, x, m, e, lt) = sprintf("'%s' using (column(%s)):(column(%s)-column(%s)):(column(%s)+column(%s)) with filledcurves lt %d fs transparent solid 0.12 noborder notitle, '' using (column(%s)):(column(%s)-column(%s)) with lines lt %d dt solid lw 0.5 notitle, '' using (column(%s)):(column(%s)+column(%s)) with lines lt %d dt solid lw 0.5 notitle", \
    file, x, m, e, m, e, lt, x, m, e, lt, x, m, e, lt)

# band_edges: the same band as its two edge lines only (lw 0.6, no fill), for panels whose bands
# overlap; sty is the line's style, e.g. "lt 3" (solid) or "ls 13" (dashed like its mean).
band_edges(file, x, m, e, sty) = sprintf("'%s' using (column(%s)):(column(%s)-column(%s)) with lines %s lw 0.6 notitle, '' using (column(%s)):(column(%s)+column(%s)) with lines %s lw 0.6 notitle", \
    file, x, m, e, sty, x, m, e, sty)

# ---- bars with their seeds, from a table "index label mean sem ci95 n v1..vK" (cc_panel_seed_bars; a
# group g names its columns g, g_ci95, g_v1.. instead). seeds_of(file, g) sets K, the table's seed count.
# seedbars(file, x, g, lt, w): plot elements: a box of the mean (fill of linetype lt, an expression),
# the 95 % t interval (black), and each seed an open point spread evenly across the bar (its seed order).
# seeddots: the same on a log axis: the mean a filled point, no bar.
gcol(g, s) = g eq '' ? s : g . '_' . s
gmean(g) = g eq '' ? 'mean' : g
seeds_of(file, g) = sprintf("stats [*:*][*:*] '%s' using '%s' nooutput; K = int(STATS_max)", file, gcol(g, 'n'))
bar_scale = 1   # a table in fractions drawn in %: set bar_scale = 100 before the plot
seedpts(x, g, w) = sprintf("for [j=1:K] '' using ((%s) + %g*(K > 1 ? (j - 1.0)/(K - 1) - 0.5 : 0)):(bar_scale*column(sprintf('%s', j))) with points pt 6 ps 0.6 lw 1 dt solid lc rgb '#202020' notitle", \
    x, 0.6 * w, gcol(g, 'v%d'))
seedbars(file, x, g, lt, w) = sprintf("'%s' using (%s):(bar_scale*column('%s')):(%g):(%s) with boxes lc variable dt solid fs solid 0.5 border lc rgb '#404040' notitle, '' using (%s):(bar_scale*column('%s')):(bar_scale*column('%s')) with yerrorbars lc rgb '#000000' dt solid lw 1.2 pt 0 ps 0 notitle, %s", \
    file, x, gmean(g), w, lt, x, gmean(g), gcol(g, 'ci95'), seedpts(x, g, w))
seeddots(file, x, g, lt, w) = sprintf("'%s' using (%s):(bar_scale*column('%s')):(bar_scale*column('%s')):(%s) with yerrorbars lc variable dt solid lw 1.2 pt 7 ps 0.9 notitle, %s", \
    file, x, gmean(g), gcol(g, 'ci95'), lt, seedpts(x, g, w))
# a key entry for a bar colour: keybox(lt, title)
keybox(lt, t) = sprintf("NaN with boxes lt %d dt solid fs solid 0.5 border lc rgb '#404040' title '%s'", lt, t)
bar_note = "bars: mean; whiskers: 95 % t interval; circles: seeds"

# ---- heat maps: a colour bar at the right edge of the panel, with its label
colorbar_right(label) = sprintf("set colorbox user origin graph 1.03, graph 0 size graph 0.04, graph 1; set cbtics font ',7'; set cblabel '%s' font ',7'", label)

# ---- the state every panel starts from (a figure's second format starts where the first ended)
panel_reset = "set autoscale xy; set xtics autofreq norotate font ',7'; set ytics autofreq; set offsets 0,0,0,0; unset key; unset logscale; set format x '%g'; set format y '%g'; unset object; unset arrow; unset label"
