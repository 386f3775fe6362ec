# figures/fig6.gp: Fig. 6, delayed association and cerebellar silencing (data: experiments/fig6.c).
# Called as: gnuplot -e "datadir='data/fig6'; outbase='figures/fig6'" figures/fig6.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 11
f(name) = datadir.'/'.name
arch_title(i) = i == 1 ? 'no feedback' : i == 2 ? 'readout feedback' : 'cerebellar feedback'
# t_silence from summary.tsv (the vertical line of panel b)
t_sil = real(system(sprintf("awk -F'\t' '$1==\"t_silence\" {print $2}' %s", f('summary.tsv'))))

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set offsets 0,0,0,0; set style fill transparent solid 0.25 noborder; set xtics autofreq; set autoscale xy
    set multiplot layout 2,3 margins 0.07,0.98,0.08,0.94 spacing 0.09,0.15

    # a: learning curves, error %, mean +- SEM over seeds
    set title "a  validation error"
    set xlabel "epoch"; set ylabel "error (%)"; set yrange [0:75]; set xrange [0:*]
    set key top center horizontal font ",6"
    set autoscale xfixmax
    B = ""; do for [i=1:3] { B = B . band(f('fig6a_curves.tsv'), "1", sprintf("%d", 2*i), sprintf("%d", 2*i+1), i) . ", " }
    eval "plot " . B . "for [i=1:3] '' using 1:2*i with lines ls i title arch_title(i)"

    # b: selectivity over the trial
    set title "b  selectivity (cerebellar model)"
    set xlabel "step t"; set ylabel "z_{correct} - z_{other}"; set autoscale y; set xrange [0:14]
    set arrow 1 from t_sil - 0.5, graph 0 to t_sil - 0.5, graph 1 nohead dt 2 lc rgb "#555555"
    set key top left font ",6"
    eval "plot ".band_edges(f('fig6b_selectivity.tsv'), "1", "4", "5", "ls 5").", ".band_edges(f('fig6b_selectivity.tsv'), "1", "2", "3", "lt 3").", ".\
         "'' using 1:4 with linespoints ls 5 title sprintf('silenced from t = %d', t_sil), '' using 1:2 with linespoints ls 3 title 'control'"
    unset arrow 1

    # c: accuracy and cross-entropy, control and silenced
    set offsets 0.6,0.6,0,0; set xtics noenhanced
    set xtics ("control" 0, sprintf("silenced\nt >= %d", t_sil) 1, "silenced\nt >= 0" 2) font ",7"
    unset key; set xlabel ""; set xrange [*:*]
    file = f('fig6c_silencing.tsv'); eval seeds_of(file, 'acc')
    set title "c1  test accuracy"; set ylabel "accuracy"; set yrange [0:1.05]
    eval "plot ".seedbars(file, "$1", "acc", "int($1)==0?3:5", 0.7).", 0.5 with lines ls 9"
    set title "c2  test cross-entropy"; set ylabel "cross-entropy"; set yrange [0:*]
    eval "plot ".seedbars(file, "$1", "xent", "int($1)==0?3:5", 0.7).", log(2) with lines ls 9"
    set xtics autofreq font ",7"; set offsets 0,0,0,0

    # d: fixed against plastic mossy fibres
    set title "d1  mossy fibres: validation error"
    set style fill transparent solid 0.25 noborder
    set xlabel "epoch"; set ylabel "error (%)"; set yrange [0:75]; set xrange [0:*]
    set key top center horizontal font ",6"
    set autoscale xfixmax
    eval "plot ".band(f('fig6d_curves.tsv'), "1", "2", "3", 3).", ".band(f('fig6d_curves.tsv'), "1", "4", "5", 4).", ".\
         "'' using 1:2 with lines ls 3 title columnhead(2), '' using 1:4 with lines ls 4 title columnhead(4)"
    set title "d2  mossy fibres: test accuracy"
    set offsets 0.6,0.6,0,0; unset key
    set xlabel ""; set ylabel "accuracy"; set yrange [0:1.05]; set xrange [*:*]
    file = f('fig6d_mossy.tsv'); eval seeds_of(file, 'acc')
    eval "plot ".seedbars(file, "$1", "acc", "int($1)+3", 0.7).", '' using 1:(NaN):xtic(2) notitle, 0.5 with lines ls 9"
    unset multiplot
}
