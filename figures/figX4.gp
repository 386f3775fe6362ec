# figures/figX4.gp: Extension X4, test MSE against the number of pontine units (data: experiments/figX4.c).
# Called as: gnuplot -e "datadir='data/figX4'; outbase='figures/figX4'" figures/figX4.gp
load 'figures/style.gp'
fig_w = 9; fig_h = 7
f(name) = datadir.'/'.name
do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set title "compression at the pons: line drawing"
    set xlabel "pontine units P (N = 50 cortical units)"; set ylabel "test MSE"
    set logscale xy; set format y "10^{%L}"; set offsets graph 0.05, graph 0.05, 0, 0
    set key inside bottom left font ",7"
    file = f('figX4_pons.tsv')
    eval "plot ".band(file, "'P'", "'none'", "'none_sem'", 1).", ".band(file, "'P'", "'nopons'", "'nopons_sem'", 3).", ".\
         "'' using 'P':'none' with lines ls 1 title 'no feedback', '' using 'P':'nopons' with lines lt 3 dt (8,3) title 'cerebellar, no pons', ".\
         "'' using 'P':'pons':'pons_sem' with yerrorlines lt 5 title 'cerebellar, P pontine units'"
}
