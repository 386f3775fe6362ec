# figures/fig3.gp: Fig. 3, task switching with task-specific parallel-fibre sets (data: experiments/fig3.c).
# Called as: gnuplot -e "datadir='data/fig3'; outbase='figures/fig3'" figures/fig3.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 17
f(name) = datadir.'/'.name
c_frozen = "#fdae6b"
c_overlap = "#9467bd"
set linetype 11 lc rgb "#8c510a" dt solid pt 5 ps 0.6   # readout frozen: brown squares, distinct from lt 3
set linetype 12 lc rgb c_none dt solid pt 7 ps 0.6
set linetype 13 lc rgb c_overlap dt (6,3) lw 1.5 pt 5 ps 0.6

# numbers of the protocol, from summary.tsv
getkey(k) = sprintf("stats f('summary.tsv') using (strcol(1) eq '%s' ? column(2) : 1/0) nooutput; %s = STATS_max", k, k)
eval getkey('epochs_task1'); eval getkey('repeat_epochs'); eval getkey('repeat_cycles'); eval getkey('repeat_overlap')

traj(c, title) = sprintf("set title '%s'; plot for [k=0:5] f('fig3b_traj.tsv') using (column('case')==%d && column('cond')==k ? column('target_x') : NaN):'target_y' with lines ls 9, for [k=0:5] '' using (column('case')==%d && column('cond')==k ? column('x') : NaN):'y' with lines ls 3", title, c, c)

do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set multiplot

    # a: the three cases and the wrong sets, readout plastic (authors') and frozen during task 2
    set origin 0.0, 0.66; set size 0.34, 0.33
    set title "a  test MSE"
    set logscale y; set format y "10^{%L}"; set yrange [5e-4:1]
    set xrange [-0.6:4.6]; set xtics ("task 1" 0, "task 2" 1, "task 1\nback" 2, "task 1\nset 2" 3, "task 2\nset 1" 4) font ",6"
    set ylabel "MSE"; set xlabel ""
    # a log axis: means as points with their 95 % interval and the seeds, no bars (house style)
    set key inside top left font ",6" samplen 1.5
    file = f('fig3a_bars.tsv'); eval seeds_of(file, 'plastic')
    eval "plot ".seeddots(file, "$1-0.19", "plastic", "3", 0.3).", ".seeddots(file, "$1+0.19", "frozen", "11", 0.3).", ".\
         "NaN with points lt 3 pt 7 ps 0.9 title 'readout plastic', NaN with points lt 11 pt 5 ps 0.9 title 'readout frozen'"
    unset key

    # b: trajectories of the three cases (first seed), targets dotted
    unset logscale y; set format y "%g"
    set size ratio -1; set xrange [-1:1]; set yrange [-1:1]; set xlabel "x"; set ylabel "y"; set xtics 1 font ",7"; set ytics 1
    set origin 0.34, 0.66; set size 0.22, 0.33
    eval traj(0, 'b  task 1')
    set origin 0.56, 0.66; set size 0.22, 0.33
    eval traj(1, 'b  task 2 (set 2)')
    set origin 0.78, 0.66; set size 0.22, 0.33
    eval traj(2, 'b  task 1, switched back')
    set size noratio; set autoscale xy; set xtics autofreq; set ytics autofreq

    # c: overlap sweep
    set origin 0.0, 0.33; set size 0.34, 0.33
    set title "c  parallel-fibre overlap"
    set xlabel "overlap p"; set ylabel "MSE"; set xrange [-0.05:1.05]; set xtics 0.25
    set logscale y; set format y "10^{%L}"; set yrange [5e-4:1]
    set key top left font ",6" samplen 1.5
    plot f('fig3c_overlap.tsv') using 1:2:3 with yerrorlines lt 3 title 'task 2 after its training', \
         '' using 1:4:5 with yerrorlines lt 1 title 'task 1 after switching back'
    unset key; set xtics autofreq

    # d: shared-set control
    set origin 0.34, 0.33; set size 0.32, 0.33
    set title "d  separate sets vs one shared set"
    set xrange [-0.6:3.6]; set xtics ("task 2\nseparate" 0, "task 1\nseparate" 1, "task 2\nshared" 2, "task 1\nshared" 3) font ",6"
    set xlabel ""
    file = f('fig3d_control.tsv'); eval seeds_of(file, '')
    eval "plot ".seeddots(file, "$1", "", "$1 < 2 ? 3 : 12", 0.5)
    set xtics autofreq font ",7"

    # e (right): the error at each switch: right after it minus at the end of the task's previous block
    set origin 0.66, 0.33; set size 0.34, 0.33
    set title "f  switch cost"
    unset logscale y; set format y "%g"; set autoscale y
    set xlabel "switch"; set ylabel "MSE increase at the switch"; set xrange [1.5:2*repeat_cycles+0.5]; set xtics 1
    set key top right font ",6" samplen 1.5
    plot 0 with lines lc rgb "#bbbbbb" dt 2 notitle, \
         f('fig3e_switch.tsv') using ($1-0.08):(column('task')==1 ? column('cost') : NaN):'cost_sem' with yerrorbars lt 3 dt solid pt 7 ps 1 notitle, \
         '' using ($1-0.08):(column('task')==2 ? column('cost') : NaN):'cost_sem' with yerrorbars lt 3 dt solid pt 6 ps 1 notitle, \
         '' using ($1+0.08):(column('task')==1 ? column('o_cost') : NaN):'o_cost_sem' with yerrorbars lc rgb c_overlap dt solid pt 5 ps 1 notitle, \
         '' using ($1+0.08):(column('task')==2 ? column('o_cost') : NaN):'o_cost_sem' with yerrorbars lc rgb c_overlap dt solid pt 4 ps 1 notitle, \
         NaN with points lt 3 pt 7 ps 1 title 'to task 1', NaN with points lt 3 pt 6 ps 1 title 'to task 2', \
         NaN with points lc rgb c_overlap pt 5 ps 1 title sprintf('overlap %g, to task 1', repeat_overlap), \
         NaN with points lc rgb c_overlap pt 4 ps 1 title sprintf('overlap %g, to task 2', repeat_overlap)
    unset key; set xtics autofreq

    # e (bottom): validation MSE of the active task through repeated switching
    set origin 0.0, 0.0; set size 1.0, 0.33
    set title sprintf("e  repeated switching: task 1 (%d epochs), then blocks of %d epochs of task 2 (shaded) and task 1", epochs_task1, repeat_epochs)
    set xlabel "epoch"; set ylabel "validation MSE"; set logscale y; set format y "10^{%L}"; set yrange [5e-4:1]
    set xrange [0:epochs_task1 + 2*repeat_cycles*repeat_epochs]; set xtics 10
    do for [k=0:repeat_cycles-1] {
        set object 10+k rectangle from epochs_task1 + 2*k*repeat_epochs, graph 0 to epochs_task1 + (2*k+1)*repeat_epochs, graph 1 behind fc rgb "#eeeeee" fs solid 1 noborder
    }
    set key top right font ",6" samplen 1.5
    eval "plot ".band(f('fig3e_curve.tsv'), "1", "3", "4", 3).", ".band(f('fig3e_curve.tsv'), "1", "5", "6", 13).", ".\
         "'' using 1:3 with lines lt 3 title 'no overlap', '' using 1:5 with lines lt 13 title sprintf('overlap %g', repeat_overlap)"
    unset object; unset key
    unset multiplot
}
