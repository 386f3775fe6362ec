# figures/fig5.gp: Fig. 5, evidence accumulation and cerebellar silencing (data: experiments/fig5.c).
# Called as: gnuplot -e "datadir='data/fig5'; outbase='figures/fig5'" figures/fig5.gp
load 'figures/style.gp'
fig_w = 17.5; fig_h = 23   # the report's text width: 7 pt type stays 7 pt
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
    eval terminal(fmt); eval panel_reset
    set multiplot layout 4,2 margins 0.08,0.93,0.05,0.97 spacing 0.12,0.075

    # b: learning curves, mean +- SEM over seeds, best constant guess dashed
    set title "b  validation error (fixed cortex)"
    set xlabel "epoch"; set ylabel "error (%)"; set yrange [0:100]; set xrange [0:*]
    set key top right font ",7"
    set arrow 1 from graph 0, first guess to graph 1, first guess nohead dt 2 lc rgb c_target lw 0.8
    set autoscale xfixmax
    B = ""; do for [i=1:3] { B = B . band(f('fig5b_curves.tsv'), "1", sprintf("%d", 2*i), sprintf("%d", 2*i+1), i) . ", " }
    eval "plot " . B . "for [i=1:3] '' using 1:2*i with lines ls i title arch_title(i), NaN with lines dt 2 lc rgb c_target lw 0.8 title 'best constant guess'"
    unset arrow 1; unset key; set autoscale xy

    # b (right): test error at the best checkpoint
    set title "b  test error"
    set offsets 0.6,0.6,0,0
    set xtics noenhanced rotate by 25 right font ",7"; set xlabel ""; set ylabel "error (%)"; set yrange [0:100]
    file = f('fig5b_test.tsv'); eval seeds_of(file, '')
    eval "plot ".seedbars(file, "$1", "", "int($1)==0?1:int($1)==1?2:int($1)==2?3:int($1)==3?5:9", 0.7).", '' using 1:(NaN):xtic(inwords(strcol(2))) notitle"
    set offsets 0,0,0,0; set xtics norotate autofreq font ",7"

    # c: heat map, values in the cells
    set title "c  change in mean training error (points)"
    set style fill solid 1 noborder; set palette defined (-1 "#2166ac", 0 "#f7f7f7", 1 "#b2182b")
    set cbrange [-cmax:cmax]; eval colorbar_right("points")
    set xrange [-0.5:nl-0.5]; set yrange [-0.5:na-0.5]
    set xtics ("fixed" 0, "input" 1, "input+rec." 2) font ",7"; set xlabel "cortical plasticity"
    if (nl > 3) { set xtics add (sprintf("input+rec.\nlr %g", lr_low) 3) }
    set ytics 1 font ",7"; set ylabel "{/Symbol a}"
    plot f('fig5c_heatmap.tsv') using 'plast_i':'alpha_i':'delta' with image, \
         '' using 'plast_i':'alpha_i':(sprintf("%.1f", column('delta'))):ytic(sprintf("%.1f", column('alpha'))) \
            with labels font ",7"
    unset colorbox; unset cblabel; set autoscale xy; set xtics autofreq; set ytics autofreq

    # d: belief, thin lines = seeds, thick = mean
    set title "d  belief on right-dominant trials"
    set xlabel "time step"; set ylabel "P(right)"; set yrange [0:1]; set xrange [0:*]
    set key top left font ",7"
    plot for [i=0:ns-1] f('fig5d_belief.tsv') using 't':(column(sprintf('intact_s%d', i))) with lines lc rgb c_cereb lw 0.4, \
         for [i=0:ns-1] '' using 't':(column(sprintf('silenced_s%d', i))) with lines lc rgb c_ablate lw 0.4, \
         '' using 't':'intact' with lines lt 3 lw 3 title 'control', \
         '' using 't':'silenced' with lines ls 5 lw 3 title 'cerebellum silenced', \
         0.5 with lines dt 2 lc rgb c_target lw 0.8
    unset key; set autoscale xy

    # e: normalised regression weights per cue bin
    set title "e  weights of the choice on right - left puffs"
    set xlabel "cue time (bin centre, step)"; set ylabel "normalised weight"
    set key top right font ",7"
    plot f('fig5e_logit.tsv') using 't_mid':'w':'w_sem' with yerrorlines lt 3 pt 7 ps 0.5 title 'control', \
         '' using 't_mid':'w_silenced':'w_silenced_sem' with yerrorlines lt 5 pt 13 ps 0.6 title 'cerebellum silenced', \
         0 with lines dt 2 lc rgb c_target lw 0.8
    unset key

    # f: silencing periods x plasticity
    set title "f  error with the cerebellum silenced in one period"
    set xlabel "cortical plasticity"; set ylabel "error (%)"; set yrange [0:128]; set ytics 0,20,100; set xrange [-0.55:2.55]
    set key inside top left horizontal maxcols 3 font ",7" samplen 1.5
    set linetype 11 lc rgb "#fdd0a2"; set linetype 12 lc rgb "#c6a6db"; set linetype 13 lc rgb "#9e7cc1"; set linetype 14 lc rgb "#6a3d9a"
    set xtics ("fixed" 0, "input" 1, "input+recurrent" 2) font ",7"
    file = f('fig5f_periods.tsv'); eval seeds_of(file, 'intact')
    # five bars a group, centred on the group's tick: offsets -0.34 .. 0.34
    eval "plot ".seedbars(file, "$1-0.34", "intact", "3", 0.16).", ".seedbars(file, "$1-0.17", "early", "11", 0.16).", ".\
         seedbars(file, "$1", "middle", "12", 0.16).", ".seedbars(file, "$1+0.17", "late", "13", 0.16).", ".\
         seedbars(file, "$1+0.34", "whole", "14", 0.16).", ".keybox(3, "intact").", ".keybox(11, "early").", ".\
         keybox(12, "middle").", ".keybox(13, "late").", ".keybox(14, "whole trial")
    unset key; set xtics autofreq; set ytics autofreq; set autoscale x

    # g: benefit against cue duration
    set title "g  benefit of cerebellar feedback"
    set xlabel "cue duration T (steps)"; set ylabel "error none - cerebellar (points)"; set autoscale y; set xrange [0:*]
    set offsets 0,0,graph 0.05,graph 0.05
    plot f('fig5g_duration.tsv') using 'T':'benefit':'benefit_sem' with yerrorlines ls 3 pt 7, 0 with lines dt 2 lc rgb c_target lw 0.8
    set offsets 0,0,0,0

    # h: with vs without the cerebellum, during and after training
    set title "h  with - without cerebellum"
    set xlabel "cortical plasticity"; set ylabel "change in test error (points)"; set autoscale y; set xrange [-0.55:2.55]
    set xtics ("fixed" 0, "input" 1, "input+recurrent" 2) font ",7"
    set key inside top right font ",7"; set offsets 0,0,graph 0.3,0
    file = f('fig5h_during_after.tsv'); eval seeds_of(file, 'during')
    eval "plot ".seedbars(file, "$1-0.19", "during", "3", 0.34).", ".seedbars(file, "$1+0.19", "after", "5", 0.34).", ".\
         keybox(3, "during training (vs no feedback)").", ".keybox(5, "after training (silenced at test)").", ".\
         "0 with lines dt 2 lc rgb c_target lw 0.8 notitle"
    unset multiplot
}
