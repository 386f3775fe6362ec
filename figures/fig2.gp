# figures/fig2.gp: Fig. 2, line drawing with a fixed cortex (data: experiments/fig2.c).
# Called as: gnuplot -e "datadir='data/fig2'; outbase='figures/fig2'" figures/fig2.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 16
f(name) = datadir.'/'.name
arch_title(i) = i == 1 ? 'no feedback' : i == 2 ? 'readout feedback' : i == 3 ? 'cerebellar feedback' : 'cerebellar readout'

traj(arch, title) = sprintf("set title '%s'; plot for [k=0:5] f('fig2b_traj.tsv') using (column('cond')==k ? column('target_x') : NaN):'target_y' with lines ls 9, for [k=0:5] '' using (column('cond')==k ? column('%s_x') : NaN):'%s_y' with lines ls %d", title, arch, arch, \
    arch eq 'none' ? 1 : arch eq 'readout_fb' ? 2 : arch eq 'cereb_fb' ? 3 : arch eq 'ablated' ? 5 : 4)

do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set multiplot layout 3,3 margins 0.07,0.98,0.06,0.95 spacing 0.08,0.1

    # a: learning curves, mean +- SEM over seeds
    set title "a  validation MSE (fixed cortex)"
    set xlabel "epoch"; set ylabel "MSE"
    set logscale y; set format y "10^{%L}"; set yrange [0.002:0.4]; set xrange [0:*]
    set key at graph 1, graph 0.6 font ",6"
    plot for [i=1:4] f('fig2a_curves.tsv') using 1:(column(2*i)-column(2*i+1)):(column(2*i)+column(2*i+1)) with filledcurves ls i, \
         for [i=1:4] '' using 1:2*i with lines ls i title arch_title(i)
    unset logscale y; set format y "%g"; unset key; set autoscale xy

    # b: trajectories of each architecture, targets dotted
    set size ratio -1; set xrange [-1.2:1.2]; set yrange [-1.2:1.2]; set xlabel "x"; set ylabel "y"
    set xtics 1; set ytics 1
    eval traj('none', 'b  no feedback')
    eval traj('readout_fb', 'b  readout feedback')
    eval traj('cereb_fb', 'b  cerebellar feedback')
    eval traj('ablated', 'b  cerebellum silenced')
    set size noratio; set autoscale xy; set xtics autofreq; set ytics autofreq

    # c: ablation and architecture bars
    set title "c  test MSE"
    set style fill solid 0.6 border -1; set boxwidth 0.7; set offsets 0.6,0.6,0,0; set xtics noenhanced
    set xtics rotate by 30 right font ",7"; set xlabel ""; set ylabel "MSE"; set yrange [0:*]
    plot f('fig2c_ablation.tsv') using 1:3:4:(int(column(1))==0?1:int(column(1))==1?2:int(column(1))==2?3:int(column(1))==3?5:4):xtic(2) \
         with boxerrorbars lc variable
    # d: tau sweep
    set title "d  cerebellar time window"
    set xtics norotate font ",7"; set xlabel "{/Symbol t} (steps)"
    plot f('fig2d_tau.tsv') using 1:3:4:xtic(strcol(2)[5:]) with boxerrorbars ls 3
    # e: plasticity x architecture
    set title "e  cortical plasticity"
    set xlabel ""; set xtics rotate by 40 right font ",7"
    set key default; set key inside top left horizontal maxcols 2 font ",6" noautotitle; set yrange [0:0.25]
    plot f('fig2e_plasticity.tsv') using 1:3:4:(int(column(1))/3+1):xtic(strcol(2)[strstrt(strcol(2), "/")+1:]) with boxerrorbars lc variable, \
         for [i=1:4] NaN with boxes ls i title arch_title(i)
    unset key; set yrange [0:*]
    # f: mossy fibres
    set title "f  mossy fibres"
    set xtics norotate font ",7"
    plot f('fig2f_mossy.tsv') using 1:3:4:xtic(2) with boxerrorbars ls 3
    unset multiplot
}
