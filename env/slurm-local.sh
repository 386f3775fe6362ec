#!/usr/bin/env bash
# env/slurm-local.sh: a one-node Slurm cluster on this machine, for testing ENGINE=slurm.
#
#   env/slurm-local.sh start    install (Debian: slurmctld, slurmd, slurm-client, munge) if
#                               missing, write a minimal configuration for this host (one node,
#                               all its cores), start munged, slurmctld and slurmd, wait until
#                               the node is idle
#   env/slurm-local.sh stop     stop the three daemons started by `start`
#   env/slurm-local.sh status   print the node state (sinfo)
#
# Root only (it writes /etc/slurm, /etc/munge and starts daemons). Idempotent: start on a running
# cluster checks that it answers, stop on a stopped one does nothing. State and logs live under
# /var/lib/cc-slurm; no systemd is needed. Not for a real cluster: there, Slurm is already set up
# and only the ENGINE=slurm variables of the README apply.
set -euo pipefail

state=/var/lib/cc-slurm
conf=/etc/slurm/slurm.conf

die() { echo "env/slurm-local.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (it installs packages, writes /etc/slurm and starts daemons)"

pids() { pgrep -x "$1" 2>/dev/null || true; }

install() {
    local missing=()
    for p in slurmctld slurmd slurm-client munge; do
        [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "env/slurm-local.sh: installing ${missing[*]}"
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    fi
    # the packages' services would start daemons of their own configuration: ours are started here
    if command -v systemctl >/dev/null 2>&1; then
        systemctl stop slurmd slurmctld munge >/dev/null 2>&1 || true
    fi
}

configure() {
    local host cpus mem
    host=$(hostname -s)
    cpus=$(nproc)
    mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
    mkdir -p "$state"/{ctld,d,log} /etc/slurm /etc/munge /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
    chmod 0700 /etc/munge
    if [ ! -s /etc/munge/munge.key ]; then
        dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
        chown munge:munge /etc/munge/munge.key
        chmod 0400 /etc/munge/munge.key
    fi
    cat > "$conf.tmp" <<CONF
# written by env/slurm-local.sh: a one-node test cluster
ClusterName=cc-local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MaxArraySize=100001
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    mv -f "$conf.tmp" "$conf"
}

wait_idle() {
    for _ in $(seq 1 60); do
        if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then return 0; fi
        sleep 1
    done
    sinfo >&2 || true
    tail -n 20 "$state/log/slurmctld.log" "$state/log/slurmd.log" >&2 || true
    die "the node did not become idle within 60 s (logs above)"
}

case "${1:-}" in
    start)
        install
        configure
        [ -n "$(pids munged)" ] || runuser -u munge -- /usr/sbin/munged --force
        [ -n "$(pids slurmctld)" ] || /usr/sbin/slurmctld
        [ -n "$(pids slurmd)" ] || /usr/sbin/slurmd
        wait_idle
        scontrol update NodeName="$(hostname -s)" State=RESUME >/dev/null 2>&1 || true
        echo "env/slurm-local.sh: cluster up ($(sinfo -h -o '%N %c CPUs %m MB %T'))"
        ;;
    stop)
        for d in slurmd slurmctld munged; do
            p=$(pids "$d")
            if [ -n "$p" ]; then kill $p 2>/dev/null || true; fi
        done
        for _ in $(seq 1 20); do
            [ -z "$(pids slurmd)$(pids slurmctld)$(pids munged)" ] && break
            sleep 0.5
        done
        echo "env/slurm-local.sh: cluster stopped"
        ;;
    status)
        sinfo
        ;;
    *)
        echo "usage: env/slurm-local.sh start|stop|status" >&2
        exit 2
        ;;
esac
