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
# one style per noise level: a colour from the cerebellar orange (sigma = 0) through red and purple to
# dark blue, a dash pattern and a point of its own, so neighbouring levels differ in more than shade
shade(i) = (fr = n_sigma > 1 ? (i - 1.0) / (n_sigma - 1) : 0, \
            fr < 0.125 ? "#ff7f0e" : fr < 0.375 ? "#d62728" : fr < 0.625 ? "#9467bd" : fr < 0.875 ? "#1f77b4" : "#08306b")
sdt(i) = (i - 1) % 5 == 0 ? "solid" : (i - 1) % 5 == 1 ? "(8,3)" : (i - 1) % 5 == 2 ? "(4,2)" : (i - 1) % 5 == 3 ? "(8,3,2,3)" : "(2,2)"
spt(i) = (i - 1) % 5 == 0 ? 7 : (i - 1) % 5 == 1 ? 5 : (i - 1) % 5 == 2 ? 9 : (i - 1) % 5 == 3 ? 11 : 13
do for [i=1:n_sigma] { eval sprintf("set linetype %d lc rgb '%s' lw 1.5 dt %s pt %d ps 0.6", 20 + i, shade(i), sdt(i), spt(i)) }

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot layout 2,2 margins 0.08,0.97,0.08,0.94 spacing 0.09,0.13

    # a: line drawing, test MSE against sigma on linear axes (the comparison near sigma 0.5 is a
    # difference of a few 1e-3), the no-feedback level as a band with its edges
    set title "a  line drawing: test MSE against output noise"
    set xlabel "noise std {/Symbol s}"; set ylabel "test MSE"
    set xrange [-0.05:*]; set autoscale y; set offsets 0,0,graph 0.3,0
    set key inside top left font ",7"
    eval "plot ".band(f('figS6_sigma.tsv'), "1", "'none_linedraw'", "'none_linedraw_sem'", 1).", ".\
         "'' using 1:'none_linedraw' with lines ls 1 title 'no feedback', '' using 1:'linedraw':'linedraw_sem' with yerrorlines lt 3 title 'cerebellar feedback'"

    # b: delayed association, test error against sigma
    set title "b  delayed association: test error against output noise"
    set ylabel "test error (%)"; set autoscale y
    plot f('figS6_sigma.tsv') using 1:(100*(column('none_delass')-column('none_delass_sem'))):(100*(column('none_delass')+column('none_delass_sem'))) with filledcurves lt 1 fs transparent solid 0.12 noborder, \
         '' using 1:(100*(column('none_delass')-column('none_delass_sem'))) with lines lt 1 lw 0.5, '' using 1:(100*(column('none_delass')+column('none_delass_sem'))) with lines lt 1 lw 0.5, \
         '' using 1:(100*column('none_delass')) with lines ls 1 title 'no feedback', \
         '' using 1:(100*column('delass')):(100*column('delass_sem')) with yerrorlines lt 3 title 'cerebellar feedback'

    set offsets 0,0,0,0
    # c, d: validation curves, one per noise level (mean over seeds), no feedback dashed on top
    set title "c  line drawing: validation MSE"
    set xlabel "epoch"; set ylabel "MSE"; set xrange [0:*]; set autoscale xfixmax
    set logscale y; set format y "10^{%L}"; set yrange [*:*]
    set key top right font ",7" maxrows 4
    plot for [i=1:n_sigma] f('figS6_curves_linedraw.tsv') using 1:sprintf('c%d', i-1) with linespoints lt 20 + i pi 5 title sprintf('{/Symbol s} = %g', sigma[i]), \
         '' using 1:'none' with lines lc rgb c_none lw 2.5 dt (2,4) title 'no feedback'
    set title "d  delayed association: validation error"
    unset logscale y; set format y "%g"; set ylabel "error (%)"; set yrange [0:70]
    plot for [i=1:n_sigma] f('figS6_curves_delass.tsv') using 1:(100*column(sprintf('c%d', i-1))) with linespoints lt 20 + i pi 5 title sprintf('{/Symbol s} = %g', sigma[i]), \
         '' using 1:(100*column('none')) with lines lc rgb c_none lw 2.5 dt (2,4) title 'no feedback'
    unset multiplot
}
