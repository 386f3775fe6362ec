# figures/figS15.gp: Fig. S15, half of the cortex silenced (data: experiments/figS15.c).
# Called as: gnuplot -e "datadir='data/figS15'; outbase='figures/figS15'" figures/figS15.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 12
f(name) = datadir.'/'.name

# Bars: rows 0..5 = none/intact, none/silenced, cerebellar/intact, cerebellar/silenced (trained and tested
# so), then the intact models lesioned for the test only. Grey: no feedback, orange: cerebellar feedback;
# solid: intact, lighter: silenced from the start, hatched: lesioned after training.
is_cereb(i) = i == 2 || i == 3 || i == 5
sel(k, v) = k == 0 ? (v == 0 || v == 2) : k == 1 ? (v == 1 || v == 3) : (v >= 4)
bar(k, scale) = sprintf("'' using 1:(sel(%d, int(column(1))) ? %g*column(3) : NaN):(%g*column(4)):(is_cereb(int(column(1))) ? 3 : 1) with boxerrorbars lc variable", k, scale, scale)
lab(v) = v == 0 ? "no feedback" : v == 1 ? "no feedback" : v == 2 ? "cerebellar" : v == 3 ? "cerebellar" : v == 4 ? "no feedback" : "cerebellar"
bars(scale) = sprintf("plot f(file) using 1:(NaN):xtic(lab(int(column(1)))), %s fs solid 0.8 border -1, %s fs solid 0.35 border -1, %s fs pattern 4 border -1, NaN with boxes lc rgb '#000000' fs solid 0.8 border -1 title 'intact', NaN with boxes lc rgb '#000000' fs solid 0.35 border -1 title 'half silenced (training and test)', NaN with boxes lc rgb '#000000' fs pattern 4 border -1 title 'intact, half silenced at test'", bar(0, scale), bar(1, scale), bar(2, scale))

curves(scale) = sprintf("plot f(file) using 1:(%g*column('none_intact')) with lines ls 1 title 'no feedback, intact', '' using 1:(%g*column('none_silenced')) with lines ls 1 dt 2 title 'no feedback, half silenced', '' using 1:(%g*column('cereb_intact')) with lines ls 3 title 'cerebellar, intact', '' using 1:(%g*column('cereb_silenced')) with lines ls 3 dt 2 title 'cerebellar, half silenced'", scale, scale, scale, scale)

do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set multiplot layout 2,2 margins 0.08,0.97,0.12,0.94 spacing 0.09,0.2

    set boxwidth 0.7; set xrange [-0.6:5.6]; set xtics noenhanced rotate by 30 right font ",7"; set xlabel ""; unset logscale y
    set key top left horizontal maxcols 2 font ",6" samplen 1.5; set offsets 0,0,graph 0.25,0
    set title "a  line drawing: test MSE"
    set ylabel "test MSE"; set yrange [0:*]
    file = 'figS15_bars_linedraw.tsv'
    eval bars(1)
    unset key
    set title "b  delayed association: test error"
    set ylabel "test error (%)"; set yrange [0:*]
    file = 'figS15_bars_delass.tsv'
    eval bars(100)
    set xtics norotate autofreq font ",7"; set offsets 0,0,0,0; set autoscale x

    set title "c  line drawing: validation MSE"
    set xlabel "epoch"; set ylabel "MSE"; set xrange [0:*]
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
