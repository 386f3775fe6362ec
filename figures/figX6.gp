# figures/figX6.gp: Fig. X6, interval timing (data: experiments/figX6.c).
# Called as: gnuplot -e "datadir='data/figX6'; outbase='figures/figX6'" figures/figX6.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 11
f(name) = datadir.'/'.name
getkey(k) = sprintf("stats f('summary.tsv') using (strcol(1) eq '%s' ? column(2) : 1/0) nooutput; %s = STATS_max", k, k)
eval getkey('d4_12_d_min'); eval getkey('d4_12_d_max'); eval getkey('d20_30_d_min'); eval getkey('d20_30_d_max')
eval getkey('d4_12_blind'); eval getkey('d20_30_blind')
set linetype 13 lc rgb "#a6611a" dt solid pt 5 ps 0.6   # the long range, cerebellar: brown squares
# the delays of a trace panel, shortest to longest: light to dark shades of the architecture's colour
shade_n(k) = word("#bdbdbd #969696 #636363 #252525", k + 1)
shade_c(k) = word("#fdae6b #fd8d3c #e6550d #a63603", k + 1)
range_words(r) = r == 0 ? sprintf("delays %d-%d", d4_12_d_min, d4_12_d_max) : sprintf("delays %d-%d", d20_30_d_min, d20_30_d_max)
trace(r, c, title) = sprintf("set title '%s'; plot for [k=0:3] f('figX6b_traces.tsv') using 1:'r%d_%s_y'.k with lines lc rgb (%s) dt 3 lw 1.2 title (k == 0 ? 'target' : ''), for [k=0:3] '' using 1:'r%d_%s_z'.k with lines lc rgb (%s) dt solid lw 1.5 title (k == 0 ? 'output (shade: delay)' : '')", \
    title, r, c, c eq 'n' ? 'shade_n(k)' : 'shade_c(k)', r, c, c eq 'n' ? 'shade_n(k)' : 'shade_c(k)')

do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set multiplot

    # a: timing error against tau, per delay range, with the no-feedback and cue-blind levels
    set origin 0.0, 0.0; set size 0.4, 1.0
    set title "a  timing error against the window {/Symbol t} (mean ± SEM)"
    set xlabel "cerebellar window {/Symbol t} (steps)"; set ylabel "timing error |t_{response} - d| (steps)"
    set xrange [0:11]; set yrange [0:11]; set xtics 1; set ytics 1
    set key inside top left font ",6" samplen 2.5 maxrows 3 width -2
    file = f('figX6a_tau.tsv')
    plot file using 1:'d4_12':'d4_12_sem' with yerrorlines lt 3 title 'cerebellar, '.range_words(0), \
         '' using 1:'none_d4_12' with lines ls 1 title 'no feedback, '.range_words(0), \
         d4_12_blind with lines lc rgb "#ff7f0e" dt 3 lw 1 title 'cue-blind response, '.range_words(0), \
         '' using 1:'d20_30':'d20_30_sem' with yerrorlines lt 13 title 'cerebellar, '.range_words(1), \
         '' using 1:'none_d20_30' with lines lc rgb "#333333" dt (2,2) lw 1.5 title 'no feedback, '.range_words(1), \
         d20_30_blind with lines lc rgb "#a6611a" dt 3 lw 1 title 'cue-blind response, '.range_words(1)
    unset key; set xtics autofreq

    # b-e: outputs on the first test trial of each delay (first seed)
    set xlabel "step t"; set ylabel "response"; set xrange [0:34]; set yrange [-0.3:1.5]; set ytics 0.5
    set key inside top right font ",6" samplen 2
    set origin 0.4, 0.5; set size 0.3, 0.5
    eval trace(0, 'n', 'b  no feedback, '.range_words(0))
    set origin 0.7, 0.5; set size 0.3, 0.5
    eval trace(0, 'c', 'c  cerebellar, {/Symbol t} = 3, '.range_words(0))
    set origin 0.4, 0.0; set size 0.3, 0.5
    eval trace(1, 'n', 'd  no feedback, '.range_words(1))
    set origin 0.7, 0.0; set size 0.3, 0.5
    eval trace(1, 'c', 'e  cerebellar, {/Symbol t} = 3, '.range_words(1))
    unset key
    unset multiplot
}
