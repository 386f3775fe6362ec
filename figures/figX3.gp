# figures/figX3.gp: Extension X3, sparse mossy fibres (data: experiments/figX3.c).
# Called as: gnuplot -e "datadir='data/figX3'; outbase='figures/figX3'" figures/figX3.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 11
f(name) = datadir.'/'.name
m = f('figX3_measures.tsv')
stats m using 1 nooutput
n_k = int(STATS_records)
# the ks in order (the table's labels), one style each for the curves: orange to dark blue, a dash and a point
shade(i) = (fr = n_k > 1 ? (i - 1.0) / (n_k - 1) : 0, \
            fr < 0.125 ? "#ff7f0e" : fr < 0.375 ? "#d62728" : fr < 0.625 ? "#9467bd" : fr < 0.875 ? "#1f77b4" : "#08306b")
sdt(i) = (i - 1) % 5 == 0 ? "solid" : (i - 1) % 5 == 1 ? "(8,3)" : (i - 1) % 5 == 2 ? "(4,2)" : (i - 1) % 5 == 3 ? "(8,3,2,3)" : "(2,2)"
spt(i) = (i - 1) % 5 == 0 ? 7 : (i - 1) % 5 == 1 ? 5 : (i - 1) % 5 == 2 ? 9 : (i - 1) % 5 == 3 ? 11 : 13
do for [i=1:n_k] { eval sprintf("set linetype %d lc rgb '%s' lw 1.5 dt %s pt %d ps 0.6", 20 + i, shade(i), sdt(i), spt(i)) }
# the curves' columns are the condition names (k2, k4, ..., dense), in the order of the table's rows
curvecol(i) = word(curve_cols, i)
curve_cols = system(sprintf("awk -F'\\t' '/^epoch/ { for (j = 2; j <= NF; j += 2) printf \"%%s \", $j; exit }' '%s'", f('figX3_curves.tsv')))
ktitle(c) = c eq 'dense' ? 'dense (k = N)' : 'k = '.c[2:]
ktick(s, i) = i == n_k - 1 ? "dense" : s
bars(col, lab) = sprintf("eval seeds_of(m, '%s'); set ylabel '%s'; eval \"plot \".seedbars(m, '$1', '%s', '3', 0.7).\", '' using 1:(NaN):xtic(ktick(strcol(2), int($1))) notitle\"", col, lab, col)

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot layout 2,2 margins 0.08,0.97,0.09,0.94 spacing 0.09,0.15

    set title "a  validation MSE during learning, per k"
    set xlabel "epoch"; set ylabel "validation MSE"; set logscale y; set format y "10^{%L}"; set yrange [0.004:0.4]
    set key top right font ",7" maxrows 3
    plot for [i=1:n_k] f('figX3_curves.tsv') using 1:curvecol(i) with linespoints lt 20 + i pi 5 title ktitle(curvecol(i))

    eval panel_reset
    set boxwidth 0.7; set offsets 0.6,0.6,0,0; set yrange [0:*]
    set xlabel "cortical units per granule cell k"
    set title "b  learning speed: mean validation MSE over the epochs"
    eval bars('auc', 'mean validation MSE (lower: faster)')
    set title "c  final error: test MSE"
    eval bars('mse', 'test MSE')
    set title "d  dimension: granule rates and the cortical rates they read"
    eval seeds_of(m, 'pr'); set ylabel 'participation ratio'; set key top right font ",7"; set offsets 0.6,0.6,graph 0.25,0
    eval "plot ".seedbars(m, '$1 - 0.18', 'pr', '3', 0.36).", ".seeddots(m, '$1 + 0.18', 'pr_cortex', '9', 0.36).", '' using 1:(NaN):xtic(ktick(strcol(2), int($1))) notitle, ".keybox(3, 'granule cells').", NaN with points lt 9 pt 7 title 'cortical units'"
    unset multiplot
}
