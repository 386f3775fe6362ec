# figures/figX5.gp: Extension X5, the cerebellar benefit under e-prop and BPTT (data: experiments/figX5.c).
# Called as: gnuplot -e "datadir='data/figX5'; outbase='figures/figX5'" figures/figX5.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 16
f(name) = datadir.'/'.name
# bars: one table per task, a row per (plasticity level, rule) labelled "level/rule"; two bars a row
lev_words(s) = s eq 'input' ? 'input' : s eq 'input_rec' ? 'input+rec.' : s eq 'input_rec_low' ? "input+rec.\nlow rate" : s
rule_words(s) = s eq 'eprop' ? 'e-prop' : s eq 'bptt' ? 'BPTT' : s
tick(s) = lev_words(s[1:strstrt(s, '/') - 1])."\n".rule_words(s[strstrt(s, '/') + 1:])
bars_of(file) = seedbars(file, '$1 - 0.2', 'none', '1', 0.38).", ".seedbars(file, '$1 + 0.2', 'cereb_fb', '3', 0.38).", '' using 1:(NaN):xtic(tick(strcol(2))) notitle, ".keybox(1, 'no feedback').", ".keybox(3, 'cerebellar feedback')
# curves: colour and point by architecture, dash by rule (e-prop solid, BPTT dashed)
set linetype 31 lc rgb c_none lw 1.5 dt solid pt 4 ps 0.5
set linetype 32 lc rgb c_none lw 1.5 dt (6,3) pt 5 ps 0.5
set linetype 33 lc rgb c_cereb lw 1.5 dt solid pt 6 ps 0.5
set linetype 34 lc rgb c_cereb lw 1.5 dt (6,3) pt 7 ps 0.5
curves(file, lv, sc) = sprintf("plot '%s' using 1:(%g*column('%s_eprop_none')) with linespoints lt 31 pi 5 title 'no feedback, e-prop', '' using 1:(%g*column('%s_bptt_none')) with linespoints lt 32 pi 5 title 'no feedback, BPTT', '' using 1:(%g*column('%s_eprop_cereb_fb')) with linespoints lt 33 pi 5 title 'cerebellar, e-prop', '' using 1:(%g*column('%s_bptt_cereb_fb')) with linespoints lt 34 pi 5 title 'cerebellar, BPTT'", \
    file, sc, lv, sc, lv, sc, lv, sc, lv)
has_low = system(sprintf("grep -c 'input_rec_low/' '%s' || true", f('figX5_error_delass.tsv'))) + 0 > 0
# panel placement: 3 rows; the top row two bar panels, then three curve panels a row
at(col, row, ncol) = sprintf("set origin %g, %g; set size %g, 0.315", (col - 1.0) / ncol, 1 - row * 0.33, 1.0 / ncol)

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot
    set lmargin 8; set rmargin 2; set tmargin 2; set bmargin 4

    eval at(1, 1, 2); set title "a  line drawing: test MSE"
    file = f('figX5_error_linedraw.tsv'); eval seeds_of(file, 'none'); Kn = K; eval seeds_of(file, 'cereb_fb'); K = K > Kn ? K : Kn
    stats file using 1 nooutput; set xrange [-0.6:STATS_max + 0.6]
    set boxwidth 0.38; set yrange [0:*]; set offsets 0,0,graph 0.2,0; set ylabel "test MSE"; set xlabel ""; set xtics font ",7"
    set key top left font ",7"
    eval "plot ".bars_of(file)

    eval panel_reset
    eval at(2, 1, 2); set title "b  delayed association: test error"
    file = f('figX5_error_delass.tsv'); eval seeds_of(file, 'none'); Kn = K; eval seeds_of(file, 'cereb_fb'); K = K > Kn ? K : Kn
    stats file using 1 nooutput; set xrange [-0.6:STATS_max + 0.6]
    set boxwidth 0.38; set yrange [0:*]; set offsets 0,0,graph 0.2,0; set ylabel "test error (%)"; set xlabel ""; set xtics font ",7"
    set key top left font ",7"
    bar_scale = 100
    eval "plot ".bars_of(file)
    bar_scale = 1

    eval panel_reset
    set xlabel "epoch"; set ylabel "validation MSE"; set logscale y; set format y "10^{%L}"
    set key top right font ",6"
    eval at(1, 2, 3); set title "c  line drawing, input plasticity"
    eval curves(f('figX5_curves_linedraw.tsv'), 'input', 1)
    unset key
    eval at(2, 2, 3); set title "d  line drawing, input + recurrent"
    eval curves(f('figX5_curves_linedraw.tsv'), 'input_rec', 1)

    eval panel_reset
    set xlabel "epoch"; set ylabel "validation error (%)"; set yrange [0:*]
    eval at(1, 3, 3); set title "e  delayed association, input plasticity"
    eval curves(f('figX5_curves_delass.tsv'), 'input', 100)
    unset key
    eval at(2, 3, 3); set title "f  delayed association, input + recurrent"
    eval curves(f('figX5_curves_delass.tsv'), 'input_rec', 100)
    if (has_low) {
        eval at(3, 3, 3); set title "g  delayed association, input + recurrent, low rate"
        eval curves(f('figX5_curves_delass.tsv'), 'input_rec_low', 100)
    }
    unset multiplot
}
