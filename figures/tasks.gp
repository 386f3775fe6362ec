# tasks.gp: the tasks at a glance, from the TSVs of `tasks --out DIR`.
#
#     gnuplot -e "datadir='DIR'; outbase='OUT'" figures/tasks.gp   -> OUT.pdf, OUT.png
#
# Panels: a straight line-drawing targets (arc 0); b arcs (arc 1, task 2 of switching);
# c digit templates 0..5; d one evidence-accumulation trial (noisy inputs and puffs);
# e one delayed-association input (cue at t = 0, then noise); f the six cue codes.
# Data: DIR/*.tsv written by `tasks --out DIR` (experiments/tasks.c). Not here: any simulation.

cue_colours = "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #a6761d"
if (!exists("datadir")) datadir = "data/tasks"
if (!exists("outbase")) outbase = "tasks"
if (strlen(system("ls figures/style.gp 2>/dev/null"))) load "figures/style.gp"

f(name) = datadir."/".name
# package TSV: tab-separated, '#' comments, one plain line of column names
set datafile separator tab
set datafile columnheaders
# column c of the rows of condition k, undefined elsewhere (one curve per condition)
of(k, c) = (column("cond") == k ? column(c) : NaN)

do for [fmt in "pdf png"] {
    if (fmt eq "pdf") {
        set terminal pdfcairo size 11in,6.6in font ",9"
    } else {
        set terminal pngcairo size 1650,990 font ",10"
    }
    set output outbase.".".fmt
    set multiplot layout 2,3 title "Task generators (noise-free targets; example noisy inputs, noise std 0.1)"

    # a, b: line drawing, six cued targets (0 stays at the origin)
    set size ratio -1
    set xrange [-1.25:1.25]
    set yrange [-1.25:1.25]
    set xlabel "x"
    set ylabel "y"
    set key outside right top title "cue" box
    set title "a  line drawing, arc 0 (T 20)"
    plot for [k=0:5] f("linedraw_arc0.tsv") using (of(k, "x")):"y" with linespoints pt 7 ps 0.4 lc rgb word(cue_colours, k+1) title sprintf("%d", k)
    set title "b  line drawing, arc 1 (task 2)"
    plot for [k=0:5] f("linedraw_arc1.tsv") using (of(k, "x")):"y" with linespoints pt 7 ps 0.4 lc rgb word(cue_colours, k+1) title sprintf("%d", k)
    unset key

    # c: digit templates, digit k shifted right by 1.3 k
    set size ratio 0.4
    set title "c  digit templates 0..5 (T 20 points each)"
    set xrange [-0.2:7.8]
    set yrange [-0.3:1.3]
    set xtics ("0" 0.5, "1" 1.8, "2" 3.1, "3" 4.4, "4" 5.7, "5" 7.0)
    set xlabel "digit"
    set ylabel "y"
    plot for [k=0:5] f("digitdraw.tsv") using (of(k, "x") + 1.3*k):"y" with linespoints pt 7 ps 0.4 lc rgb word(cue_colours, k+1) notitle
    set xtics autofreq
    set size noratio

    # d: evidence accumulation, channel 0 upward, channel 1 downward
    set title "d  evidence accumulation: one trial (T 50, last 5 steps empty)"
    set autoscale
    set xrange [-0.5:49.5]
    set yrange [-1.6:1.6]
    set xlabel "step t"
    set ylabel "input (channel 1 drawn negative)"
    set object 1 rect from 44.5, graph 0 to 49.5, graph 1 behind fillcolor rgb "#eeeeee" fillstyle solid noborder
    set key inside top left opaque title "" samplen 2
    plot f("evacc_input.tsv") using "t":"puff0" with impulses lw 3 lc rgb "#1f77b4" title "puff, channel 0", \
         ""                   using "t":(-column("puff1")) with impulses lw 3 lc rgb "#d62728" title "puff, channel 1", \
         ""                   using "t":"x0" with lines lc rgb "#1f77b4" dt 2 title "x_0 (noisy)", \
         ""                   using "t":(-column("x1")) with lines lc rgb "#d62728" dt 2 title "-x_1 (noisy)"
    unset object 1
    unset key

    # e: delayed association, the 10 input channels stacked
    set title "e  delayed association: one input (T 15, label trained on the last 5 steps)"
    set xrange [-0.5:14.5]
    set yrange [-1:15.5]
    set ytics ("x_0" 13.5, "x_9" 0)
    set ylabel "channel"
    set object 2 rect from 9.5, graph 0 to 14.5, graph 1 behind fillcolor rgb "#eeeeee" fillstyle solid noborder
    plot for [d=0:9] f("delass_input.tsv") using "t":(column(sprintf("x%d", d)) + 1.5*(9-d)) with linespoints pt 7 ps 0.3 lc rgb "#333333" notitle
    unset object 2
    set ytics autofreq

    # f: the cue codes (bit i of cue k; 1 dark)
    set title "f  cue codes (10 bits, most significant first)"
    set xrange [-0.5:9.5]
    set yrange [5.5:-0.5]
    set xlabel "bit"
    set ylabel "cue k"
    set ytics ("0: 833" 0, "1: 990" 1, "2: 789" 2, "3: 235" 3, "4: 945" 4, "5: 965" 5)
    set xtics 1
    set palette gray negative
    unset colorbox
    set cbrange [0:1]
    plot for [i=0:9] f("cues.tsv") using (i):"k":(0.45):(0.45):(column(sprintf("b%d", i))) with boxxyerror fillstyle solid fc palette notitle
    set ytics autofreq
    set xtics autofreq

    unset multiplot
    set output
}
