# figures/fig1.gp: Fig. 1, the model (data: experiments/fig1.c).
# Top: the three architectures, labelled with the sizes the code ran (fig1_model.tsv).
# Bottom: one test trial of the trained cerebellar-feedback model.
load 'figures/style.gp'
fig_w = 18; fig_h = 12
f(name) = datadir.'/'.name

stats f('fig1_model.tsv') using "D" nooutput; D = int(STATS_max)
stats f('fig1_model.tsv') using "N" nooutput; N = int(STATS_max)
stats f('fig1_model.tsv') using "G" nooutput; G = int(STATS_max)
stats f('fig1_model.tsv') using "O" nooutput; O = int(STATS_max)
stats f('fig1_model.tsv') using "tau" nooutput; TAU = int(STATS_max)
stats f('fig1_model.tsv') using "alpha" nooutput; ALPHA = STATS_max

# box(i, x, y, w, h, colour, text): a labelled rectangle as object and label number i
box(i, x, y, w, h, c, t) = sprintf("set object %d rect center %g,%g size %g,%g fc rgb '%s' fs solid 0.35 border lc rgb '#333333'; set label %d \"%s\" at %g,%g center font ',7'", i, x, y, w, h, c, i, t, x, y)
arrow(i, x1, y1, x2, y2) = sprintf("set arrow %d from %g,%g to %g,%g head size 0.08,25 lw 1.2 lc rgb '#333333'", i, x1, y1, x2, y2)
note(i, x, y, t) = sprintf("set label %d \"%s\" at %g,%g center font ',6'", i, t, x, y)

diagram(kind) = "unset object; unset label; unset arrow;" . \
    box(1, 0.2, 0.5, 0.32, 0.25, '#dddddd', sprintf('x_t (%d)', D)) . ";" . \
    box(2, 1.0, 0.5, 0.62, 0.4, '#bbbbbb', sprintf('cortex RNN\nN = %d, {/Symbol a} = %g', N, ALPHA)) . ";" . \
    box(3, 1.8, 0.5, 0.32, 0.25, '#dddddd', sprintf('z_t (%d)', O)) . ";" . \
    arrow(1, 0.35, 0.5, 0.75, 0.5) . ";" . arrow(2, 1.25, 0.5, 1.65, 0.5) . ";" . \
    (kind == 2 ? arrow(3, 1.8, 0.37, 1.8, 0.1) . ";" . arrow(4, 1.8, 0.1, 1.0, 0.1) . ";" . arrow(5, 1.0, 0.1, 1.0, 0.3) . ";" . note(10, 1.4, 0.04, 'z_{t-1}') . ";" : "") . \
    (kind == 3 ? box(4, 1.0, 1.05, 1.3, 0.3, '#ffcc99', sprintf('cerebellum\nW_{MF}: %d {/Symbol \256} %d ReLU; W_{PF}', N, G)) . ";" . \
                 arrow(3, 0.85, 0.7, 0.85, 0.9) . ";" . arrow(4, 1.15, 0.9, 1.15, 0.7) . ";" . \
                 note(10, 0.6, 0.8, 'f(h_{t-1})') . ";" . note(11, 1.37, 0.8, 'c_t') . ";" . \
                 note(12, 1.0, 1.32, sprintf('target y_{t+%d} (climbing fibres)', TAU - 1)) . ";" : "")

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot layout 2,3 margins 0.06,0.98,0.08,0.93 spacing 0.1,0.14

    unset border; unset xtics; unset ytics; unset key; unset xlabel; unset ylabel
    set xrange [0:2]; set yrange [0:1.4]
    do for [k=1:3] {
        set title (k == 1 ? "a  no feedback" : k == 2 ? "b  readout feedback" : "c  cerebellar feedback")
        eval diagram(k)
        plot NaN
    }
    unset object; unset label; unset arrow
    set border 3; set xtics nomirror; set ytics nomirror; set autoscale xy

    set title "d  cortical rates f(h_t)"
    set xrange [-0.5:*]; set yrange [-0.5:N-0.5]
    set xlabel "t (steps)"; set ylabel "unit"
    set style fill solid 1 noborder
    set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1:1]; set cbtics 0.5; eval colorbar_right("")
    plot f('fig1_activity.tsv') using "t":"unit":"rate" with image
    unset colorbox; unset cblabel; set style fill transparent solid 0.25 noborder

    set title "e  cerebellar output c_t"
    set autoscale xy
    set ylabel "c"; set key inside top left font ",6"
    plot f('fig1_trial.tsv') using "t":"c_x" with linespoints lt 3 title "c_x", '' using "t":"c_y" with linespoints lt 3 dt (5,3) pt 6 title "c_y"

    set title "f  readout z_t and target"
    set ylabel "position"
    plot f('fig1_trial.tsv') using "t":"target_x" with lines ls 9 title "target", '' using "t":"target_y" with lines ls 9 notitle, \
         '' using "t":"z_x" with linespoints lt 3 title "z_x", '' using "t":"z_y" with linespoints lt 3 dt (5,3) pt 6 title "z_y"
    unset multiplot
}
