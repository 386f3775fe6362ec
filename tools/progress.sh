#!/usr/bin/env bash
# tools/progress.sh: how far a build of figures is, and how long it has left (run by the Makefile).
#
#   tools/progress.sh jobs                          the parallel level of the calling make: -jN
#   tools/progress.sh start LOG PLAN                a build begins: units up to date, units to run, estimate
#   tools/progress.sh unit LOG FIG UNIT SFILE N     unit UNIT of FIG (N units) finished in SFILE seconds
#   tools/progress.sh end LOG                       the build ended: wall time against the estimate
#   tools/progress.sh last LOG                      one line on the last build (under the time table)
#
# PLAN (written by make) has one line per unit of the figures of the goal,
#     member FIG UNIT STAMP TIMEFILE DEPENDENCY...
# and one per figure for its merge and plot times: steps FIG FILE...
# A unit is up to date when its STAMP exists and no DEPENDENCY is newer (make's own test); one
# that runs all the same (a figure it is built on is redone first) moves to this build's count.
# LOG holds one record per line:
#     start T JOBS    fig FIG TOTAL UPTODATE    todo FIG UNIT SECONDS|-    steps FIG SECONDS
#     estimate SECONDS|-    unit FIG UNIT SECONDS T    end T      (T: seconds since 1970)
# `start` writes it whole, before any unit runs; each finished unit appends its line under a
# lock (flock), counts, and prints, so that the lines of units finishing together under
# make -j come out in the order of their counts. The time left is the last run's seconds of
# each unit still to run (scaled by how this build's units compare with their last times; a
# unit never run before counts as the mean of this build's units), summed and divided by the
# job count. On a terminal a line first clears the epoch line that a running unit may be
# redrawing (\r ESC[K); elsewhere (a log, CI) the lines are plain text.
# Not here: what runs and when (make decides), the time table (the Makefile's cc_print_times).
set -uo pipefail

# The parallel level of the make that runs this script, from its MAKEFLAGS: a number, or
# "unlimited" for a bare -j.
cc_jobs() {
    local w j=1
    for w in ${MAKEFLAGS-}; do
        case $w in
            --) break ;;
            -j) j=unlimited ;;
            -j[0-9]*) j=${w#-j} ;;
            --jobs=*) j=${w#--jobs=} ;;
        esac
    done
    echo "$j"
}

cc_nproc() { nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1; }

cc_now() { date +%s.%N; }

# cc_report MODE LOG [FIG]: the line for MODE (start, unit, end, last) from the records of LOG.
# In mode start it first prints the record "estimate SECONDS|-" for the log.
tty=0
[ -t 1 ] && tty=1
cc_report() {
    awk -v mode="$1" -v fig="${3-}" -v now="$(cc_now)" -v nproc="$(cc_nproc)" -v tty="$tty" '
    function dur(s) {
        s = int(s + 0.5)
        if (s < 60) return s " s"
        if (s < 3600) return int(s / 60) " min " sprintf("%02d", s % 60) " s"
        return int(s / 3600) " h " sprintf("%02d", int(s / 60) % 60) " min"
    }
    $1 == "start"    { t0 = $2; jobs = $3 }
    $1 == "fig"      { if (!($2 in total)) order[++nf] = $2; total[$2] = $3; prior[$2] = $4 }
    $1 == "todo"     { k = $2 " " $3; est[k] = $4; todo_fig[k] = $2; ntodo++
                       if ($4 != "-") { known_sum[$2] += $4; known_n[$2]++; known_all += $4; known_alln++ } }
    $1 == "steps"    { steps[$2] = $3 }
    $1 == "estimate" { est0 = $2 }
    $1 == "unit"     { k = $2 " " $3; done_n[$2]++; ndone++; took[k] = $4
                       # up to date at the start, rerun all the same (a figure it is built on was
                       # redone): it moves from the up-to-date count to the units run
                       if (!(k in est) && prior[$2] > 0) prior[$2]--
                       took_sum[$2] += $4; took_all += $4; tlast = $5
                       if ((k in est) && est[k] != "-") { ratio_took += $4; ratio_est += est[k] } }
    $1 == "end"      { t1 = $2 }
    END {
        if (jobs == "") jobs = 1
        j = (jobs == "unlimited") ? nproc : jobs
        T = 0; D = 0
        for (i = 1; i <= nf; i++) { f = order[i]; T += total[f]; D += prior[f] + done_n[f] }
        # seconds of work left: units still to run, then the merges and plots of their figures
        scale = (ratio_est > 0) ? ratio_took / ratio_est : 1
        left = 0; nleft = 0; unknown = 0
        for (k in est) {
            if (k in took) continue
            f = todo_fig[k]; nleft++; pending[f] = 1
            if (est[k] != "-") e = est[k] * scale
            else if (done_n[f]) e = took_sum[f] / done_n[f]
            else if (ndone) e = took_all / ndone
            else if (known_n[f]) e = known_sum[f] / known_n[f]
            else if (known_alln) e = known_all / known_alln
            else { unknown++; continue }
            left += e
        }
        for (f in pending) left += steps[f] * scale
        jl = (j < nleft) ? j : nleft
        if (jl < 1) jl = 1
        left /= jl
        pre = tty ? "\r\033[K" : ""
        jtxt = (jobs == "unlimited") ? "-j" : "-j" jobs
        if (mode == "start") {
            figs = ""
            for (i = 1; i <= nf; i++) figs = figs " " order[i]
            line = sprintf("progress: %d unit%s in%s: %d up to date, %d to run with %s", T, (T == 1) ? "" : "s", figs, D, T - D, jtxt)
            if (T == D) line = line "; no unit to run"
            else if (unknown) line = line "; no estimate yet (no earlier times)"
            else line = line "; about " dur(left) " (from the last run'"'"'s times)"
            if (T == D || unknown) print "estimate -"; else printf "estimate %.1f\n", left
            print pre line
        } else if (mode == "unit") {
            line = sprintf("progress: %s %d/%d, build %d/%d units done (%s)", fig, prior[fig] + done_n[fig], total[fig], D, T, jtxt)
            if (D >= T) line = line "; all units done"
            else if (unknown) line = line "; time left unknown"
            else line = line "; about " dur(left) " left"
            print pre line
        } else {
            if (mode == "last" && t1 == "") t1 = tlast
            if (t0 == "" || (mode == "last" && t1 == "")) exit
            wall = ((mode == "end") ? now : t1) - t0
            line = sprintf("%s: %d unit%s run in %s wall with %s", (mode == "last") ? "last build" : "build", ndone, (ndone == 1) ? "" : "s", dur(wall), jtxt)
            if (ndone > 0) line = line sprintf(" (%.1f unit-seconds, %.1f per job)", took_all, took_all / j)
            if (est0 != "" && est0 != "-" && est0 > 0) line = line sprintf("; estimated at the start: %s, %.2f x", dur(est0), wall / est0)
            else if (ndone > 0) line = line "; no estimate at the start (no earlier times)"
            print line
        }
    }' "$2"
}

cmd=${1-}
case $cmd in
    jobs)
        echo "-j$(cc_jobs)" ;;
    start)
        log=$2 plan=$3
        mkdir -p "$(dirname "$log")"
        declare -A total=() uptodate=()
        figs=()
        {
            echo "start $(cc_now) $(cc_jobs)"
            while read -r kind fig unit stamp tfile deps; do
                case $kind in
                    member) ;;
                    steps)
                        s=0
                        for file in $unit $stamp $tfile $deps; do
                            t=; [ -r "$file" ] && read -r t < "$file"
                            s=$(awk -v a="$s" -v b="${t:-0}" 'BEGIN { print a + b }')
                        done
                        echo "steps $fig $s"
                        continue ;;
                    *) continue ;;
                esac
                [ -n "${total[$fig]+x}" ] || { figs+=("$fig"); total[$fig]=0; uptodate[$fig]=0; }
                total[$fig]=$((total[$fig] + 1))
                current=0
                if [ -e "$stamp" ]; then
                    current=1
                    for d in $deps; do [ "$d" -nt "$stamp" ] && current=0; done
                fi
                if [ "$current" = 1 ]; then
                    uptodate[$fig]=$((uptodate[$fig] + 1))
                else
                    t=; [ -r "$tfile" ] && read -r t < "$tfile"
                    echo "todo $fig $unit ${t:--}"
                fi
            done < "$plan"
            for fig in "${figs[@]}"; do echo "fig $fig ${total[$fig]} ${uptodate[$fig]}"; done
        } > "$log.tmp" || exit 1
        out=$(cc_report start "$log.tmp") || exit 1
        printf '%s\n' "${out%%$'\n'*}" >> "$log.tmp"
        mv -f "$log.tmp" "$log"
        printf '%s\n' "${out#*$'\n'}" ;;
    unit)
        log=$2 fig=$3 unit=$4 sfile=$5 n=$6
        t=; [ -r "$sfile" ] && read -r t < "$sfile"
        exec 9>>"$log"
        command -v flock >/dev/null && flock 9
        # a unit of a figure outside the goal (made for another figure): its own count
        grep -q "^fig $fig " "$log" || printf 'fig %s %s 0\n' "$fig" "$n" >&9
        printf 'unit %s %s %s %s\n' "$fig" "$unit" "${t:-0}" "$(cc_now)" >&9
        cc_report unit "$log" "$fig" ;;
    end)
        log=$2
        [ -r "$log" ] || exit 0
        printf 'end %s\n' "$(cc_now)" >> "$log"
        cc_report end "$log" ;;
    last)
        log=$2
        [ -r "$log" ] || exit 0
        cc_report last "$log" ;;
    *)
        echo "usage: tools/progress.sh jobs | start LOG PLAN | unit LOG FIG UNIT SFILE N | end LOG | last LOG" >&2
        exit 2 ;;
esac
