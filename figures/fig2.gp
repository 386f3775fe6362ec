# figures/fig2.gp: Fig. 2, line drawing with a fixed cortex (data: experiments/fig2.c).
# Called as: gnuplot -e "datadir='data/fig2'; outbase='figures/fig2'" figures/fig2.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 17
f(name) = datadir.'/'.name
arch_title(i) = i == 1 ? 'no feedback' : i == 2 ? 'readout feedback' : i == 3 ? 'cerebellar feedback' : 'cerebellar readout'

traj(arch, title) = sprintf("set title '%s'; plot for [k=0:5] f('fig2b_traj.tsv') using (column('cond')==k ? column('target_x') : NaN):'target_y' with lines ls 9, for [k=0:5] '' using (column('cond')==k ? column('%s_x') : NaN):'%s_y' with lines ls %d dt solid", title, arch, arch, \
    arch eq 'none' ? 1 : arch eq 'readout_fb' ? 2 : arch eq 'cereb_fb' ? 3 : arch eq 'ablated' ? 5 : 4)

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot layout 3,3 margins 0.07,0.98,0.09,0.95 spacing 0.08,0.12

    # a: learning curves, mean +- SEM over seeds; the green cerebellar-readout control first, so the
    # dashed grey no-feedback curve it coincides with is drawn over it and stays visible
    set title "a  validation MSE (fixed cortex)"
    set xlabel "epoch"; set ylabel "MSE"
    set logscale y; set format y "10^{%L}"; set yrange [0.002:0.4]; set xrange [0:*]; set autoscale xfixmax
    set offsets 0,0,0,0; set key inside bottom left vertical invert maxrows 4 font ",6" samplen 3 spacing 0.9
    B = ""; do for [i=4:1:-1] { B = B . band(f('fig2a_curves.tsv'), "1", sprintf("%d", 2*i), sprintf("%d", 2*i+1), i) . ", " }
    eval "plot " . B . "for [i=4:1:-1] '' using 1:2*i with lines ls i title arch_title(i)"
    unset logscale y; set format y "%g"; unset key; set autoscale xy

    # b: trajectories of each architecture, targets dotted
    set size ratio -1; set xrange [-1.2:1.2]; set yrange [-1.2:1.2]; set xlabel "x"; set ylabel "y"
    set xtics 1; set ytics 1
    eval traj('none', 'b  no feedback')
    eval traj('readout_fb', 'b  readout feedback')
    eval traj('cereb_fb', 'b  cerebellar feedback')
    eval traj('ablated', 'b  cerebellum silenced')
    set size noratio; set autoscale xy; set xtics autofreq; set ytics autofreq

    # c: ablation and architecture bars (mean, 95 % interval, seeds)
    set title "c  test MSE"
    set boxwidth 0.7; set offsets 0.6,0.6,0,0; set xtics noenhanced
    set xtics rotate by 30 right font ",7"; set xlabel ""; set ylabel "MSE"; set yrange [0:*]
    file = f('fig2c_ablation.tsv'); eval seeds_of(file, '')
    eval "plot ".seedbars(file, "$1", "", "int($1)==0?1:int($1)==1?2:int($1)==2?3:int($1)==3?5:4", 0.7).", '' using 1:(NaN):xtic(inwords(strcol(2))) notitle"
    # d: tau sweep
    set title "d  cerebellar time window"
    set xtics norotate font ",7"; set xlabel "{/Symbol t} (steps)"
    file = f('fig2d_tau.tsv'); eval seeds_of(file, '')
    eval "plot ".seedbars(file, "$1", "", "3", 0.7).", '' using 1:(NaN):xtic(strcol(2)[5:]) notitle"
    # e: plasticity x architecture: colour the architecture, tick the plasticity
    set title "e  cortical plasticity"
    set xlabel ""; set xtics rotate by 45 right font ",6"
    set key inside top left horizontal maxcols 2 font ",6" samplen 1.5; set yrange [0:*]; set offsets 0.6,0.6,graph 0.3,0
    file = f('fig2e_plasticity.tsv'); eval seeds_of(file, '')
    eval "plot ".seedbars(file, "$1", "", "int($1)/3+1", 0.7).", '' using 1:(NaN):xtic(inwords(after_slash(strcol(2)))) notitle, ".\
         keybox(1, arch_title(1)).", ".keybox(2, arch_title(2)).", ".keybox(3, arch_title(3)).", ".keybox(4, arch_title(4))
    unset key; set yrange [0:*]; set offsets 0.6,0.6,0,0
    # f: mossy fibres
    set title "f  mossy fibres"
    set xtics norotate font ",7"
    file = f('fig2f_mossy.tsv'); eval seeds_of(file, '')
    eval "plot ".seedbars(file, "$1", "", "3", 0.7).", '' using 1:(NaN):xtic(2) notitle"
    unset multiplot
}
