# figures/figS6.gp: Fig. S6, Gaussian noise on the cerebellar output (data: experiments/figS6.c).
# Called as: gnuplot -e "datadir='data/figS6'; outbase='figures/figS6'" figures/figS6.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 12
f(name) = datadir.'/'.name

# The noise levels, from the table of panels a and b (column c<i> of the curves is sigma[i+1]).
stats f('figS6_sigma.tsv') using 1 nooutput
n_sigma = int(STATS_records)
array sigma[n_sigma]
do for [i=1:n_sigma] { stats f('figS6_sigma.tsv') using 1 every ::(i)::(i) nooutput; sigma[i] = STATS_min }   # row 0 is the header
# one shade per noise level, from the cerebellar orange (sigma = 0) to dark brown (largest sigma)
shade(i) = (fr = n_sigma > 1 ? (i - 1.0) / (n_sigma - 1) : 0, \
            sprintf("#%02x%02x%02x", int(255 - fr * 155), int(127 - fr * 97), int(14 - fr * 14)))

do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set multiplot layout 2,2 margins 0.08,0.97,0.08,0.94 spacing 0.09,0.13

    # a: line drawing, test MSE against sigma, no-feedback level as a band
    set title "a  line drawing: test MSE against output noise"
    set xlabel "noise std {/Symbol s}"; set ylabel "test MSE"
    set logscale y; set format y "10^{%L}"; set xrange [-0.05:*]; set yrange [*:*]
    set key top left font ",6"
    plot f('figS6_sigma.tsv') using 1:(column('none_linedraw')-column('none_linedraw_sem')):(column('none_linedraw')+column('none_linedraw_sem')) with filledcurves ls 1, \
         '' using 1:'none_linedraw' with lines ls 1 dt 2 title 'no feedback', \
         '' using 1:'linedraw':'linedraw_sem' with yerrorlines ls 3 title 'cerebellar feedback'

    # b: delayed association, test error against sigma
    set title "b  delayed association: test error against output noise"
    unset logscale y; set format y "%g"; set ylabel "test error (%)"; set yrange [0:*]
    plot f('figS6_sigma.tsv') using 1:(100*(column('none_delass')-column('none_delass_sem'))):(100*(column('none_delass')+column('none_delass_sem'))) with filledcurves ls 1, \
         '' using 1:(100*column('none_delass')) with lines ls 1 dt 2 title 'no feedback', \
         '' using 1:(100*column('delass')):(100*column('delass_sem')) with yerrorlines ls 3 title 'cerebellar feedback'

    # c, d: validation curves, one per noise level (mean over seeds), no feedback dashed on top
    set title "c  line drawing: validation MSE"
    set xlabel "epoch"; set ylabel "MSE"; set xrange [0:*]
    set logscale y; set format y "10^{%L}"; set yrange [*:*]
    set key top right font ",6" maxrows 4
    plot for [i=1:n_sigma] f('figS6_curves_linedraw.tsv') using 1:sprintf('c%d', i-1) with lines lw 1.5 lc rgb shade(i) title sprintf('{/Symbol s} = %g', sigma[i]), \
         '' using 1:'none' with lines ls 1 dt 2 title 'no feedback'
    set title "d  delayed association: validation error"
    unset logscale y; set format y "%g"; set ylabel "error (%)"; set yrange [0:70]
    plot for [i=1:n_sigma] f('figS6_curves_delass.tsv') using 1:(100*column(sprintf('c%d', i-1))) with lines lw 1.5 lc rgb shade(i) title sprintf('{/Symbol s} = %g', sigma[i]), \
         '' using 1:(100*column('none')) with lines ls 1 dt 2 title 'no feedback'
    unset multiplot
}
