# figures/figX5.gp: Extension X5, the cerebellar benefit under e-prop and BPTT (data: experiments/figX5.c).
# Called as: gnuplot -e "datadir='data/figX5'; outbase='figures/figX5'" figures/figX5.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 11
f(name) = datadir.'/'.name
e = f('figX5_error.tsv')
# rows of figX5_error.tsv: task (line drawing 0-3, delayed association 4-7) x plasticity x rule
cat_tick = 'set xtics ("input\ne-prop" 0, "input\nBPTT" 1, "input+rec.\ne-prop" 2, "input+rec.\nBPTT" 3) font ",7"'
# x of row r in the panel of task t (0, 1), group none (-) or cerebellar (+); NaN for the other task's rows
xpos(t, side) = sprintf("(int($1) / 4 == %d ? int($1) - 4 * %d + %g : NaN)", t, t, side)
bars_of(t) = seedbars(e, xpos(t, -0.2), 'none', '1', 0.38).", ".seedbars(e, xpos(t, 0.2), 'cereb_fb', '3', 0.38).", ".keybox(1, 'no feedback').", ".keybox(3, 'cerebellar feedback')
# curves: colour and point by architecture, dash by rule (e-prop solid, BPTT dashed)
set linetype 31 lc rgb c_none lw 1.5 dt solid pt 4 ps 0.5
set linetype 32 lc rgb c_none lw 1.5 dt (6,3) pt 5 ps 0.5
set linetype 33 lc rgb c_cereb lw 1.5 dt solid pt 6 ps 0.5
set linetype 34 lc rgb c_cereb lw 1.5 dt (6,3) pt 7 ps 0.5
curves(file, pl, scale) = sprintf("plot '%s' using 1:(%g*column('%s_eprop_none')) with linespoints lt 31 pi 5 title 'no feedback, e-prop', '' using 1:(%g*column('%s_bptt_none')) with linespoints lt 32 pi 5 title 'no feedback, BPTT', '' using 1:(%g*column('%s_eprop_cereb_fb')) with linespoints lt 33 pi 5 title 'cerebellar, e-prop', '' using 1:(%g*column('%s_bptt_cereb_fb')) with linespoints lt 34 pi 5 title 'cerebellar, BPTT'", \
    file, scale, pl, scale, pl, scale, pl, scale, pl)

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot layout 2,3 margins 0.07,0.98,0.1,0.94 spacing 0.07,0.17
    eval seeds_of(e, 'none'); K_none = K; eval seeds_of(e, 'cereb_fb'); K = K > K_none ? K : K_none

    set title "a  line drawing: test MSE"
    eval cat_tick; set xrange [-0.6:3.6]; set yrange [0:*]; set ylabel "test MSE"; set xlabel ""
    set key top left font ",7"
    eval "plot ".bars_of(0)

    eval panel_reset
    set title "b  line drawing, input plasticity"
    set xlabel "epoch"; set ylabel "validation MSE"; set logscale y; set format y "10^{%L}"
    set key top right font ",7"
    eval curves(f('figX5_curves_linedraw.tsv'), 'input', 1)
    set title "c  line drawing, input + recurrent plasticity"
    eval curves(f('figX5_curves_linedraw.tsv'), 'input_rec', 1)

    eval panel_reset
    set title "d  delayed association: test error"
    eval cat_tick; set xrange [-0.6:3.6]; set yrange [0:*]; set ylabel "test error (%)"; set xlabel ""
    set key top left font ",7"
    bar_scale = 100
    eval "plot ".bars_of(1)
    bar_scale = 1

    eval panel_reset
    set title "e  delayed association, input plasticity"
    set xlabel "epoch"; set ylabel "validation error (%)"; set yrange [0:*]
    set key top right font ",7"
    eval curves(f('figX5_curves_delass.tsv'), 'input', 100)
    set title "f  delayed association, input + recurrent plasticity"
    eval curves(f('figX5_curves_delass.tsv'), 'input_rec', 100)
    unset multiplot
}
