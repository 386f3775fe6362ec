# figures/fig8.gp: Fig. 8, systems consolidation (data: experiments/fig8.c).
# Called as: gnuplot -e "datadir='data/fig8'; outbase='figures/fig8'" figures/fig8.gp
# Solid: least squares (the authors' rule); dashed: the local rule. Panel b: the local rule's norm equals
# the least-squares one by construction; bands that overlap (a, d) are drawn as edge lines, drawn as a thin black dashed line over it.
load 'figures/style.gp'
fig_w = 18; fig_h = 12
f(name) = datadir.'/'.name
set style line 13 lt 3 dt (6,3)
set style line 15 lt 5 dt (6,3)
set linetype 16 lc rgb "#000000" lw 1.2 dt (4,3)   # the local rule's norm, drawn over least squares

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set autoscale xy
    set multiplot layout 2,2 margins 0.08,0.98,0.08,0.94 spacing 0.1,0.14
    set xlabel "sleep session"; set xrange [0:*]

    # a: accuracy per session, with the cerebellum and with it silenced
    set title "a  test accuracy"
    set ylabel "accuracy"; set yrange [0.3:1.02]
    set key bottom right font ",6"
    A = f('fig8a_accuracy.tsv')
    eval "plot ".band_edges(A, "1", "2", "3", "lt 3").", ".band_edges(A, "1", "4", "5", "lt 5").", ".band_edges(A, "1", "6", "7", "ls 13").", ".band_edges(A, "1", "8", "9", "ls 15").", ".\
         "'' using 1:2 with lines ls 3 title 'cerebellum, least squares', '' using 1:4 with lines lt 5 title 'silenced, least squares', ".\
         "'' using 1:6 with lines ls 13 title 'cerebellum, local rule', '' using 1:8 with lines ls 15 title 'silenced, local rule'"

    # b: norm of W_Ch
    set title "b  cerebellar-to-cortical weights"
    set ylabel "||W_{Ch}||"; set yrange [0:*]
    set key top right
    eval "plot ".band(f('fig8b_norm.tsv'), "1", "2", "3", 3).", ".\
         "'' using 1:2 with lines lt 3 lw 3 title 'least squares', '' using 1:4 with lines lt 16 title 'local rule (coincides with least squares)'"

    # c: cosine similarity
    set title "c  recurrent input vs original total input"
    set ylabel "mean cosine similarity"; set yrange [*:1]
    set key bottom right
    eval "plot ".band(f('fig8c_cosine.tsv'), "1", "2", "3", 1).", ".band(f('fig8c_cosine.tsv'), "1", "4", "5", 1).", ".\
         "'' using 1:2 with lines lt 1 title 'least squares', '' using 1:4 with lines ls 1 title 'local rule'"

    # d: selectivity before sleep with the cerebellum, after sleep without it
    set title "d  selectivity"
    set xlabel "step t"; set xrange [0:14]; set ylabel "z_{correct} - z_{other}"; set autoscale y
    set key bottom right
    D = f('fig8d_selectivity.tsv')
    eval "plot ".band_edges(D, "1", "2", "3", "lt 3").", ".band_edges(D, "1", "8", "9", "lt 5").", ".\
         "'' using 1:2 with linespoints lt 3 title 'before sleep, cerebellum', '' using 1:8 with linespoints lt 5 title 'after sleep, silenced (least squares)', ".\
         "'' using 1:16 with lines ls 15 title 'after sleep, silenced (local rule)'"
    unset multiplot
}
