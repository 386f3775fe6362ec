# figures/figext1.gp: Extension 1, test MSE against the number of granule cells.
# Called as: gnuplot -e "datadir='data/figext1'; outbase='figures/figext1'" figures/figext1.gp
load 'figures/style.gp'
fig_w = 8; fig_h = 6
do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set xlabel "granule cells G"; set ylabel "test MSE"; set logscale x; set yrange [0:*]; set key bottom left
    set offsets graph 0.05, graph 0.05, 0, 0
    plot datadir.'/figext1_granule.tsv' using 1:'none' with lines ls 1 dt 2 title 'no feedback', \
         '' using 1:'cereb_fb':'cereb_fb_sem' with yerrorlines ls 3 title 'cerebellar feedback'
}
