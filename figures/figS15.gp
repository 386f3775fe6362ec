# figures/figS15.gp: Fig. S15, half of the cortex silenced (data: experiments/figS15.c).
# Called as: gnuplot -e "datadir='data/figS15'; outbase='figures/figS15'" figures/figS15.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 12
f(name) = datadir.'/'.name

# Bars: rows 0..5 = none/intact, none/silenced, cerebellar/intact, cerebellar/silenced (trained and tested
# so), then the intact models lesioned for the test only. Colour: the architecture (grey no feedback,
# orange cerebellar feedback, as in the key); the tick under each bar names its condition.
is_cereb(i) = i == 2 || i == 3 || i == 5
pos(i) = i == 0 ? 0 : i == 1 ? 1 : i == 4 ? 2 : i == 2 ? 3.5 : i == 3 ? 4.5 : 5.5
bars(scale) = sprintf("bar_scale = %g; eval seeds_of(f(file), ''); eval \"plot \".seedbars(f(file), 'pos(int($1))', '', 'is_cereb(int($1)) ? 3 : 1', 0.75).\", \".keybox(1, 'no feedback').\", \".keybox(3, 'cerebellar feedback'); bar_scale = 1", scale)

curves(scale) = sprintf("plot f(file) using 1:(%g*column('none_intact')) with lines lt 1 title 'no feedback, intact', '' using 1:(%g*column('none_silenced')) with lines lt 1 dt 2 title 'no feedback, half silenced', '' using 1:(%g*column('cereb_intact')) with lines lt 3 title 'cerebellar, intact', '' using 1:(%g*column('cereb_silenced')) with lines lt 3 dt 2 title 'cerebellar, half silenced'", scale, scale, scale, scale)

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot layout 2,2 margins 0.08,0.97,0.08,0.94 spacing 0.09,0.16

    set xrange [-0.6:6.1]; set xtics ("intact" 0, "half\nsilenced" 1, "lesioned\nat test" 2, "intact" 3.5, "half\nsilenced" 4.5, "lesioned\nat test" 5.5) font ",7"; set xlabel ""; unset logscale y
    set key inside top left horizontal maxcols 2 font ",7" samplen 1.5; set offsets 0,0,graph 0.25,0
    set title "a  line drawing: test MSE"
    set ylabel "test MSE"; set yrange [0:*]
    file = 'figS15_bars_linedraw.tsv'
    eval bars(1)
    set title "b  delayed association: test error"
    set ylabel "test error (%)"; set yrange [0:*]
    file = 'figS15_bars_delass.tsv'
    eval bars(100)
    unset key
    set xtics norotate autofreq font ",7"; set offsets 0,0,0,0; set autoscale x

    set title "c  line drawing: validation MSE"
    set xlabel "epoch"; set ylabel "MSE"; set xrange [0:*]; set autoscale xfixmax
    set logscale y; set format y "10^{%L}"; set yrange [*:*]
    set key top right font ",6" samplen 4
    file = 'figS15_curves_linedraw.tsv'
    eval curves(1)
    set title "d  delayed association: validation error"
    unset logscale y; set format y "%g"; set ylabel "error (%)"; set yrange [0:70]
    file = 'figS15_curves_delass.tsv'
    eval curves(100)
    unset multiplot
}
