# figures/figX2.gp: Extension X2, partial cerebellar ablation (data: experiments/figX2.c).
# Called as: gnuplot -e "datadir='data/figX2'; outbase='figures/figX2'" figures/figX2.gp
load 'figures/style.gp'
fig_w = 18; fig_h = 12
f(name) = datadir.'/'.name
# output channels silenced: purple (ablation), dotted; granule cells silenced: orange, solid
set linetype 11 lc rgb c_ablate lw 1.5 dt (2,2) pt 13 ps 0.7
set linetype 12 lc rgb c_cereb lw 1.5 dt solid pt 7 ps 0.6
set linetype 13 lc rgb c_ablate lw 1.5 dt (6,3) pt 12 ps 0.7
set linetype 14 lc rgb "#a05000" lw 1.5 dt (8,3,2,3) pt 5 ps 0.6

do for [fmt in "pdf png"] {
    eval terminal(fmt); eval panel_reset
    set multiplot layout 2,2 margins 0.08,0.97,0.08,0.94 spacing 0.09,0.13
    set xlabel "fraction silenced at test"; set xrange [-0.03:1.03]

    do for [t=1:2] {
        task = t == 1 ? 'delass' : 'evacc'
        file = f('figX2_'.task.'.tsv')
        set title sprintf("%s  %s: test error", t == 1 ? "a" : "b", t == 1 ? "delayed association" : "evidence accumulation")
        set ylabel "test error (%)"; set yrange [0:*]; set offsets 0,0,graph 0.25,0
        set key inside top left font ",7"
        plot file using 'fraction':(100*(column('none')-column('none_sem'))):(100*(column('none')+column('none_sem'))) with filledcurves lt 1 fs transparent solid 0.12 noborder notitle, \
             '' using 'fraction':(100*column('none')) with lines ls 1 title 'no feedback', \
             '' using 'fraction':(100*column('err_out')):(100*column('err_out_sem')) with yerrorlines lt 11 title 'output channels silenced', \
             '' using 'fraction':(100*column('err_gc')):(100*column('err_gc_sem')) with yerrorlines lt 12 title 'granule cells silenced'
        set offsets 0,0,0,0
    }

    set title "c  delayed association: selectivity at the last step"
    set ylabel "z_{correct} - z_{other}"; set autoscale y; set yrange [*:*]
    set key inside top right font ",7"
    file = f('figX2_delass.tsv')
    plot file using 'fraction':'none_sel' with lines ls 1 title 'no feedback', \
         '' using 'fraction':'sel_out':'sel_out_sem' with yerrorlines lt 11 title 'output channels silenced', \
         '' using 'fraction':'sel_gc':'sel_gc_sem' with yerrorlines lt 12 title 'granule cells silenced'

    # d: the loss as a share of the whole, (E(f) - E(0)) / (E(1) - E(0)) of the means; the diagonal
    # is an even loss, a step a cliff
    set title "d  share of the loss, (E(f) - E(0)) / (E(1) - E(0))"
    set ylabel "share of the total error rise"; set yrange [-0.2:1.2]
    set key inside top left font ",7" maxrows 5
    fd = f('figX2_delass.tsv'); fe = f('figX2_evacc.tsv')
    # E(0) and E(1) of each curve: its first and last rows
    stats fd using 'err_out' nooutput; nr = STATS_records
    stats fd using 'err_out' every ::0::0 nooutput; d_o0 = STATS_min
    stats fd using 'err_out' every ::(nr-1) nooutput; d_o1 = STATS_min
    stats fd using 'err_gc' every ::0::0 nooutput; d_g0 = STATS_min
    stats fd using 'err_gc' every ::(nr-1) nooutput; d_g1 = STATS_min
    stats fe using 'err_out' every ::0::0 nooutput; e_o0 = STATS_min
    stats fe using 'err_out' every ::(nr-1) nooutput; e_o1 = STATS_min
    stats fe using 'err_gc' every ::0::0 nooutput; e_g0 = STATS_min
    stats fe using 'err_gc' every ::(nr-1) nooutput; e_g1 = STATS_min
    set arrow from 0,0 to 1,1 nohead lc rgb "#bbbbbb" dt 3
    plot fd using 'fraction':((column('err_out')-d_o0)/(d_o1-d_o0)) with linespoints lt 11 title 'delayed assoc., outputs', \
         fd using 'fraction':((column('err_gc')-d_g0)/(d_g1-d_g0)) with linespoints lt 12 title 'delayed assoc., granule cells', \
         fe using 'fraction':((column('err_out')-e_o0)/(e_o1-e_o0)) with linespoints lt 13 title 'evidence acc., outputs', \
         fe using 'fraction':((column('err_gc')-e_g0)/(e_g1-e_g0)) with linespoints lt 14 title 'evidence acc., granule cells'
    unset arrow
    unset multiplot
}
