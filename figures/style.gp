# figures/style.gp: the look shared by every figure (colours, fonts, terminals).
# A figure script sets fig_w and fig_h (cm), then draws once per format:
#     load 'figures/style.gp'
#     do for [fmt in "pdf png"] { eval terminal(fmt); set multiplot ...; ...; unset multiplot }
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

set linetype 1 lc rgb c_none   lw 1.5 pt 7 ps 0.5
set linetype 2 lc rgb c_ro     lw 1.5 pt 7 ps 0.5
set linetype 3 lc rgb c_cereb  lw 1.5 pt 7 ps 0.5
set linetype 4 lc rgb c_cbro   lw 1.5 pt 7 ps 0.5
set linetype 5 lc rgb c_ablate lw 1.5 pt 7 ps 0.5
set linetype 9 lc rgb c_target lw 1 dt 3

set border 3 lw 0.8
set tics nomirror out scale 0.5
set key noautotitle
set style fill transparent solid 0.25 noborder
set datafile separator "\t"
set datafile commentschars "#"
set datafile missing "nan"
