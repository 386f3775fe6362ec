# figures/fig5.gp: Fig. 5, evidence accumulation and cerebellar silencing (data: experiments/fig5.c).
# Called as: gnuplot -e "datadir='data/fig5'; outbase='figures/fig5'" figures/fig5.gp
load 'figures/style.gp'
fig_w = 24; fig_h = 12
f(name) = datadir.'/'.name
arch_title(i) = i == 1 ? 'no feedback' : i == 2 ? 'readout feedback' : 'cerebellar feedback'
plast_title(i) = i == 0 ? 'fixed' : i == 1 ? 'input' : 'input+rec.'

# numbers read from the data: seeds of the main conditions, best constant guess, alphas of the sweep
stats f('summary.tsv') using (strcol(1) eq 'seeds' ? column(2) : NaN) nooutput
ns = int(STATS_max)
stats f('summary.tsv') using (strcol(1) eq 'err_constant' ? column(2) : NaN) nooutput
guess = STATS_max
stats f('fig5c_heatmap.tsv') using 'delta' nooutput
cmax = (abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max)) * 1.05
stats f('fig5c_heatmap.tsv') using 'alpha_i' nooutput
na = int(STATS_max) + 1
stats f('fig5c_heatmap.tsv') using 'plast_i' nooutput
nl = int(STATS_max) + 1   # 4: input+recurrent again at sweep.lr_rnn_low
lr_low = 0
if (nl > 3) { stats f('summary.tsv') using (strcol(1) eq 'lr_rnn_low' ? column(2) : NaN) nooutput; lr_low = STATS_max }

do for [fmt in "pdf png"] {
    eval terminal(fmt)
    set multiplot layout 2,4 margins 0.05,0.985,0.09,0.94 spacing 0.08,0.15

    # b: learning curves, mean +- SEM over seeds, best constant guess dashed
    set title "b  validation error (fixed cortex)"
    set xlabel "epoch"; set ylabel "error (%)"; set yrange [0:100]; set xrange [0:*]
    set key top right font ",6"
    set arrow 1 from graph 0, first guess to graph 1, first guess nohead dt 2 lc rgb c_target lw 0.8
    plot for [i=1:3] f('fig5b_curves.tsv') using 1:(column(2*i)-column(2*i+1)):(column(2*i)+column(2*i+1)) with filledcurves ls i, \
         for [i=1:3] '' using 1:2*i with lines ls i title arch_title(i), \
         NaN with lines dt 2 lc rgb c_target lw 0.8 title 'best constant guess'
    unset arrow 1; unset key; set autoscale xy

    # b (right): test error at the best checkpoint
    set title "b  test error"
    set style fill solid 0.6 border -1; set boxwidth 0.7; set offsets 0.6,0.6,0,0
    set xtics noenhanced rotate by 30 right font ",7"; set xlabel ""; set ylabel "error (%)"; set yrange [0:100]
    plot f('fig5b_test.tsv') using 1:3:4:(int(column(1))==0?1:int(column(1))==1?2:int(column(1))==2?3:int(column(1))==3?5:9):xtic(2) \
         with boxerrorbars lc variable
    set offsets 0,0,0,0; set xtics norotate autofreq font ",7"

    # c: heat map, values in the cells
    set title "c  change in mean training error (points)"
    set palette defined (-1 "#2166ac", 0 "#f7f7f7", 1 "#b2182b")
    set cbrange [-cmax:cmax]; set cbtics font ",6"; set colorbox user origin graph 1.02, graph 0 size graph 0.04, graph 1
    set xrange [-0.5:nl-0.5]; set yrange [-0.5:na-0.5]
    set xtics ("fixed" 0, "input" 1, "input+rec." 2) font ",7"; set xlabel "cortical plasticity"
    if (nl > 3) { set xtics add (sprintf("input+rec.\nlr %g", lr_low) 3) }
    set ytics 1 font ",7"; set ylabel "{/Symbol a}"
    plot f('fig5c_heatmap.tsv') using 'plast_i':'alpha_i':'delta' with image, \
         '' using 'plast_i':'alpha_i':(sprintf("%.1f", column('delta'))) with labels font ",7", \
         '' using 'plast_i':'alpha_i':ytic(sprintf("%.1f", column('alpha'))) with points ps 0
    unset colorbox; set autoscale xy; set xtics autofreq; set ytics autofreq

    # d: belief, thin lines = seeds, thick = mean
    set title "d  belief on right-dominant trials"
    set xlabel "time step"; set ylabel "P(right)"; set yrange [0:1]; set xrange [0:*]
    set key top left font ",6"
    plot for [i=0:ns-1] f('fig5d_belief.tsv') using 't':(column(sprintf('intact_s%d', i))) with lines lc rgb c_cereb lw 0.4, \
         for [i=0:ns-1] '' using 't':(column(sprintf('silenced_s%d', i))) with lines lc rgb c_ablate lw 0.4, \
         '' using 't':'intact' with lines lc rgb c_cereb lw 3 title 'control', \
         '' using 't':'silenced' with lines lc rgb c_ablate lw 3 title 'cerebellum silenced', \
         0.5 with lines dt 2 lc rgb c_target lw 0.8
    unset key; set autoscale xy

    # e: normalised regression weights per cue bin
    set title "e  weights of the choice on right - left puffs"
    set xlabel "cue time (bin centre, step)"; set ylabel "normalised weight"
    set key top right font ",6"
    plot f('fig5e_logit.tsv') using 't_mid':'w':'w_sem' with yerrorlines lc rgb c_cereb pt 7 ps 0.5 title 'control', \
         '' using 't_mid':'w_silenced':'w_silenced_sem' with yerrorlines lc rgb c_ablate pt 7 ps 0.5 title 'cerebellum silenced', \
         0 with lines dt 2 lc rgb c_target lw 0.8
    unset key

    # f: silencing periods x plasticity
    set title "f  error with the cerebellum silenced in one period"
    set style data histogram; set style histogram errorbars gap 1 lw 0.8; set style fill solid 0.7 border -1
    set xlabel "cortical plasticity"; set ylabel "error (%)"; set yrange [0:100]; set xrange [*:*]
    set key top left horizontal maxcols 3 font ",6"
    set linetype 11 lc rgb "#fdd0a2"; set linetype 12 lc rgb "#c6a6db"; set linetype 13 lc rgb "#9e7cc1"; set linetype 14 lc rgb "#6a3d9a"
    plot f('fig5f_periods.tsv') using 'intact':'intact_sem':xtic(strcol(2) eq 'input_rec' ? 'input+rec.' : strcol(2)) ls 3 title 'intact', \
         '' using 'early':'early_sem' ls 11 title 'early', \
         '' using 'middle':'middle_sem' ls 12 title 'middle', \
         '' using 'late':'late_sem' ls 13 title 'late', \
         '' using 'whole':'whole_sem' ls 14 title 'whole trial'
    unset key; set style data points

    # g: benefit against cue duration
    set title "g  benefit of cerebellar feedback"
    set xlabel "cue duration T (steps)"; set ylabel "error none - cerebellar (points)"; set autoscale y; set xrange [0:*]
    set offsets 0,0,graph 0.05,graph 0.05
    plot f('fig5g_duration.tsv') using 'T':'benefit':'benefit_sem' with yerrorlines ls 3 pt 7, 0 with lines dt 2 lc rgb c_target lw 0.8
    set offsets 0,0,0,0

    # h: with vs without the cerebellum, during and after training
    set title "h  with - without cerebellum"
    set style data histogram; set style histogram errorbars gap 1 lw 0.8
    set xlabel "cortical plasticity"; set ylabel "change in test error (points)"; set autoscale xy
    set key bottom right font ",6"
    plot f('fig5h_during_after.tsv') using 'during':'during_sem':xtic(strcol(2) eq 'input_rec' ? 'input+rec.' : strcol(2)) ls 3 title 'during training (vs no feedback)', \
         '' using 'after':'after_sem' ls 5 title 'after training (silenced at test)', \
         0 with lines dt 2 lc rgb c_target lw 0.8 notitle
    unset multiplot
}
