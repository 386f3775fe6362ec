# figures/fig8.gp: Fig. 8, systems consolidation (data: experiments/fig8.c).
# Called as: gnuplot -e "datadir='data/fig8'; outbase='figures/fig8'" figures/fig8.gp
# Solid: least squares (the authors' rule); dashed: the local rule.
load 'figures/style.gp'
fig_w = 18; fig_h = 12
f(name) = datadir.'/'.name
set linetype 13 lc rgb c_cereb  lw 1.5 dt 2
set linetype 15 lc rgb c_ablate lw 1.5 dt 2

do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set autoscale xy
    set multiplot layout 2,2 margins 0.08,0.98,0.08,0.94 spacing 0.1,0.14
    set xlabel "sleep session"; set xrange [0:*]

    # a: accuracy per session, with the cerebellum and with it silenced
    set title "a  test accuracy"
    set ylabel "accuracy"; set yrange [0.4:1.02]
    set key bottom right font ",6"
    plot f('fig8a_accuracy.tsv') using 1:(column(2)-column(3)):(column(2)+column(3)) with filledcurves ls 3, '' using 1:(column(4)-column(5)):(column(4)+column(5)) with filledcurves ls 5, \
         '' using 1:(column(6)-column(7)):(column(6)+column(7)) with filledcurves ls 3, '' using 1:(column(8)-column(9)):(column(8)+column(9)) with filledcurves ls 5, \
         '' using 1:2 with lines ls 3 title 'cerebellum, least squares', '' using 1:4 with lines ls 5 title 'silenced, least squares', \
         '' using 1:6 with lines ls 13 title 'cerebellum, local rule', '' using 1:8 with lines ls 15 title 'silenced, local rule'

    # b: norm of W_Ch
    set title "b  cerebellar-to-cortical weights"
    set ylabel "||W_{Ch}||"; set yrange [0:*]
    set key top right
    plot f('fig8b_norm.tsv') using 1:(column(2)-column(3)):(column(2)+column(3)) with filledcurves ls 3, '' using 1:(column(4)-column(5)):(column(4)+column(5)) with filledcurves ls 3, \
         '' using 1:2 with lines ls 3 title 'least squares', '' using 1:4 with lines ls 13 title 'local rule'

    # c: cosine similarity
    set title "c  recurrent input vs original total input"
    set ylabel "mean cosine similarity"; set yrange [*:1]
    set key bottom right
    plot f('fig8c_cosine.tsv') using 1:(column(2)-column(3)):(column(2)+column(3)) with filledcurves ls 1, '' using 1:(column(4)-column(5)):(column(4)+column(5)) with filledcurves ls 1, \
         '' using 1:2 with lines ls 1 title 'least squares', '' using 1:4 with lines ls 1 dt 2 title 'local rule'

    # d: selectivity before sleep with the cerebellum, after sleep without it
    set title "d  selectivity"
    set xlabel "step t"; set xrange [0:14]; set ylabel "z_{correct} - z_{other}"; set autoscale y
    set key top left
    plot f('fig8d_selectivity.tsv') using 1:(column(2)-column(3)):(column(2)+column(3)) with filledcurves ls 3, '' using 1:(column(8)-column(9)):(column(8)+column(9)) with filledcurves ls 5, \
         '' using 1:2 with linespoints ls 3 title 'before sleep, cerebellum', \
         '' using 1:8 with linespoints ls 5 title 'after sleep, silenced (least squares)', \
         '' using 1:16 with lines ls 15 title 'after sleep, silenced (local rule)'
    unset multiplot
}
