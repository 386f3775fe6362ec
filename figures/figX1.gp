# figures/figX1.gp: Fig. X1, cognitive task switching on delayed association (data: experiments/figX1.c).
# Called as: gnuplot -e "datadir='data/figX1'; outbase='figures/figX1'" figures/figX1.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 12
f(name) = datadir.'/'.name
set linetype 11 lc rgb "#fdae6b" dt solid pt 5 ps 0.6   # separate sets, only the cerebellum learning: light orange
set linetype 12 lc rgb "#bdbdbd" dt solid pt 4 ps 0.6   # one shared set, only the cerebellum learning: light grey
set linetype 13 lc rgb "#000000" dt solid pt 7 ps 0.6   # task 1 after its training

# selline: the same curve without its band, for a curve that lies on another by construction
# (two bands on top of each other would blend into a colour no key names).
selline(file, col, lt, dt, t) = sprintf("'%s' using 1:'%s' with linespoints lt %d dt %s title '%s'", file, col, lt, dt, t)
sel(file, col, lt, dt, t) = sprintf("'%s' using 1:(column('%s')-column('%s_sem')):(column('%s')+column('%s_sem')) with filledcurves lt %d fs transparent solid 0.12 noborder notitle, '' using 1:'%s' with linespoints lt %d dt %s title '%s'", file, col, col, col, col, lt, col, lt, dt, t)

do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set multiplot

    # a: test error at each stage, per protocol
    set origin 0.0, 0.5; set size 1.0, 0.5
    set title "a  test error at each stage (".bar_note.")"
    set ylabel "test error (%)"; set xlabel ""; set yrange [0:125]; set ytics 0, 25, 100
    set xrange [-0.6:3.6]
    set xtics ("task 1\nafter its training" 0, "task 2 (reversed)\nright after the switch" 1, "task 2\nafter its training" 2, "task 1\nafter the switch back" 3) font ",7"
    set grid ytics lc rgb "#dddddd"
    bar_scale = 100
    file = f('figX1a_error.tsv'); eval seeds_of(file, 'sep_plastic')
    set key inside top center font ",6" samplen 1.5 maxrows 2 width 2
    eval "plot 50 with lines lc rgb '#999999' dt 2 notitle, ".\
         seedbars(file, "$1-0.3", "sep_plastic", "3", 0.18).", ".seedbars(file, "$1-0.1", "sep_frozen", "11", 0.18).", ".\
         seedbars(file, "$1+0.1", "shared_plastic", "1", 0.18).", ".seedbars(file, "$1+0.3", "shared_frozen", "12", 0.18).", ".\
         keybox(3, "separate sets, cortex and readout learning").", ".keybox(11, "separate sets, only the cerebellum learning").", ".\
         keybox(1, "one shared set, cortex and readout learning").", ".keybox(12, "one shared set, only the cerebellum learning")
    unset key; unset grid; bar_scale = 1
    set xtics autofreq font ",7"; set ytics autofreq

    # b, c: selectivity over the trial
    file = f('figX1b_selectivity.tsv')
    set xlabel "step t"; set ylabel "selectivity z_{correct} - z_{other}"; set xrange [0:14]; set yrange [-5:27]
    set key inside top left font ",6" samplen 1.5 maxrows 3 width -3
    set origin 0.0, 0.0; set size 0.5, 0.5
    set title "b  only the cerebellum learning task 2 (mean ± SEM)"
    eval "plot 0 with lines lc rgb '#bbbbbb' dt 2 notitle, ".sel(file, "task1", 13, "solid", "task 1 trained").", ".\
         sel(file, "sep_at_switch", 1, "'-'", "task 2 at the switch").", ".\
         sel(file, "sep_frozen_task2", 11, "solid", "task 2 trained (set 2)").", ".\
         selline(file, "sep_frozen_task1_back", 3, "'.'", "task 1 switched back (same model)").", ".\
         sel(file, "shared_frozen_task1_back", 12, "'-.'", "task 1, shared set")
    set origin 0.5, 0.0; set size 0.5, 0.5
    set title "c  cortex and readout learning task 2 as well (mean ± SEM)"
    eval "plot 0 with lines lc rgb '#bbbbbb' dt 2 notitle, ".sel(file, "task1", 13, "solid", "task 1 trained").", ".\
         sel(file, "sep_plastic_task2", 3, "solid", "task 2 trained (set 2)").", ".\
         sel(file, "sep_plastic_task1_back", 3, "'.'", "task 1 switched back").", ".\
         sel(file, "shared_plastic_task1_back", 1, "'-.'", "task 1, shared set")
    unset key
    unset multiplot
}
