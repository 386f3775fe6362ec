# figures/fig4.gp: Fig. 4, digit drawing with a cerebellar temporal basis (data: experiments/fig4.c).
# Called as: gnuplot -e "datadir='data/fig4'; outbase='figures/fig4'" figures/fig4.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 17
f(name) = datadir.'/'.name
c_basis = "#d62728"
set linetype 6 lc rgb c_basis lw 1.5 pt 9 ps 0.6
set style line 6 lt 6 dt (1,1.5,6,1.5)
model_title(i) = i == 1 ? 'no feedback' : i == 2 ? 'readout feedback' : i == 3 ? 'cerebellar, one window ({/Symbol t} = 3)' : 'cerebellar temporal basis'
model_ls(i) = i == 4 ? 6 : i
model_col(i) = i == 1 ? 'none' : i == 2 ? 'readout_fb' : i == 3 ? 'cereb_fb' : 'cereb_basis'
gap = 1.4   # horizontal offset between the digits of one strip

# one strip of panel b: the six digits of model i side by side, templates dotted
strip(i) = sprintf("set title 'b  %s' offset 0,-0.5; plot for [k=0:5] f('fig4b_traj.tsv') using (column('cond')==k ? column('target_x') + k*gap : NaN):'target_y' with lines ls 9, for [k=0:5] '' using (column('cond')==k ? column('%s_x') + k*gap : NaN):'%s_y' with lines ls %d dt solid", \
    model_title(i), model_col(i), model_col(i), model_ls(i))

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot
    set border 3; set autoscale xy; set xtics autofreq; set ytics autofreq; set tics nomirror out scale 0.5

    # a: learning curves, mean +- SEM over seeds
    set origin 0.0, 0.62; set size 0.55, 0.38
    set title "a  validation MSE (fixed cortex, {/Symbol a} = 0.9)"
    set xlabel "epoch"; set ylabel "MSE"
    set logscale y; set format y "10^{%L}"; set xrange [0:*]
    set key inside top right invert font ",6" samplen 3
    set autoscale xfixmax
    B = ""; do for [i=4:1:-1] { B = B . band(f('fig4a_curves.tsv'), "1", sprintf("%d", 2*i), sprintf("%d", 2*i+1), model_ls(i)) . ", " }
    eval "plot " . B . "for [i=4:1:-1] '' using 1:2*i with lines ls model_ls(i) title model_title(i)"
    unset key; unset logscale y; set format y "%g"; set autoscale xy

    # c: test MSE per model
    set origin 0.57, 0.62; set size 0.43, 0.38; set bmargin 4
    set title "c  test MSE"
    set xrange [-0.6:3.6]; set yrange [0:*]
    set xtics ("no\nfeedback" 0, "readout\nfeedback" 1, "one\nwindow" 2, "temporal\nbasis" 3) font ",7"
    set xlabel ""; set ylabel "MSE"
    file = f('fig4c_test.tsv'); eval seeds_of(file, '')
    eval "plot ".seedbars(file, "$1", "", "int($1)+1 == 4 ? 6 : int($1)+1", 0.6)
    set xtics autofreq; set autoscale xy; unset bmargin

    # b: the six digits drawn by each model (first seed)
    unset xtics; unset ytics; unset border; set xlabel ""; set ylabel ""
    set xrange [-0.2:5*gap + 1.2]; set yrange [-0.25:1.15]
    do for [i=1:4] {
        set origin 0.0, 0.465 - 0.155*(i-1); set size 1.0, 0.155
        set size ratio -1
        eval strip(i)
    }
    set size noratio
    unset multiplot
}
