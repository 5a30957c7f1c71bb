#!/usr/bin/env bash
# Brings up a one-node Slurm cluster on this machine for `orbitsim sweep --backend slurm` and its test:
# munge (reused if running), slurmctld and slurmd as root, no systemd, no accounting database. Its own
# configuration, state and ports (16817/16818): /etc/slurm and any other Slurm are left alone.
#   eval "$(tools/slurm/local_slurm.sh up)"     prints `export SLURM_CONF=...` for the clients
#   tools/slurm/local_slurm.sh down             cancels its jobs, stops its daemons, removes its files
# Needs root and the slurm-wlm and munge packages (tools/setup.sh). LOCAL_SLURM_BASE moves the files
# (default /var/spool/orbitsim-slurm). The pitfalls it avoids are in tools/slurm/slurm-notes.md:
# memory not consumable (CR_CPU), node named localhost, daemons started with no inherited descriptors,
# zombies counted as dead, state wiped before every start.
set -euo pipefail
base=${LOCAL_SLURM_BASE:-/var/spool/orbitsim-slurm}
conf=$base/slurm.conf
log() { echo "[local_slurm] $*" >&2; }

alive() {  # pid file -> running (a zombie is dead)
  [[ -f $1 ]] || return 1
  local pid state
  pid=$(cat "$1" 2>/dev/null) || return 1
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f1)
  [[ $state != Z ]]
}

# A daemon must not keep our descriptors: a munged holding the pipe of the test runner that started it
# makes that runner wait for ever.
start_daemon() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null || true
    done
    exec "$@" </dev/null >/dev/null 2>&1
  )
}

stop_pid_file() {  # TERM, then KILL after 5 s
  local file=$1 pid
  alive "$file" || return 0
  pid=$(cat "$file")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do alive "$file" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# Job steps outlive slurmd: end those of our spool (and their processes) by pid.
kill_steps() {
  local pid
  for stat in /proc/[0-9]*/cmdline; do
    pid=${stat#/proc/}
    pid=${pid%/cmdline}
    if tr '\0' ' ' < "$stat" 2>/dev/null | grep -q "^slurmstepd"; then
      pkill_tree "$pid"
    fi
  done
}
pkill_tree() {
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do pkill_tree "$child"; done
  kill -KILL "$1" 2>/dev/null || true
}

down() {
  if [[ -f $conf ]] && alive "$base/run/slurmctld.pid"; then
    SLURM_CONF=$conf scancel --quiet --user=root 2>/dev/null || true
  fi
  stop_pid_file "$base/run/slurmd.pid"
  stop_pid_file "$base/run/slurmctld.pid"
  kill_steps
  if [[ -f $base/munged.started ]]; then  # only a munged we started
    stop_pid_file /run/munge/munged.pid
  fi
  rm -rf "$base"
  log "down"
}

up() {
  [[ $(id -u) -eq 0 ]] || { log "needs root (apt packages, munge user, daemons)"; exit 1; }
  for exe in slurmctld slurmd munged sbatch squeue; do
    command -v "$exe" >/dev/null || [[ -x /usr/sbin/$exe ]] || { log "$exe missing: run tools/setup.sh"; exit 1; }
  done
  down 2>/dev/null  # a clean controller every time: stale state once held the node for 30 s
  mkdir -p "$base"/{ctld,slurmd,log,run}
  install -d -o munge -g munge -m 0755 /run/munge
  if ! alive /run/munge/munged.pid; then
    start_daemon runuser -u munge -- /usr/sbin/munged --force
    touch "$base/munged.started"
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  munge -n | unmunge >/dev/null || { log "munge does not work"; exit 1; }
  # CPUs and memory as slurmd measures them (more than that makes the node INVALID).
  local hw cpus memory
  hw=$(slurmd -C | head -1)
  cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$hw")
  memory=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")
  cat > "$conf" <<CONF
# written by orbitsim tools/slurm/local_slurm.sh
ClusterName=orbitsim
SlurmctldHost=localhost
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=600
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=100000
ReturnToService=2
InactiveLimit=0
KillWait=5
MailProg=/bin/true
StateSaveLocation=$base/ctld
SlurmdSpoolDir=$base/slurmd
SlurmctldPidFile=$base/run/slurmctld.pid
SlurmdPidFile=$base/run/slurmd.pid
SlurmctldLogFile=$base/log/slurmctld.log
SlurmdLogFile=$base/log/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$conf
  start_daemon /usr/sbin/slurmctld -f "$conf"
  start_daemon /usr/sbin/slurmd -f "$conf" -N localhost
  for _ in $(seq 300); do
    [[ $(sinfo -h -N -o '%T' 2>/dev/null) == idle ]] && break
    sleep 0.1
  done
  [[ $(sinfo -h -N -o '%T' 2>/dev/null) == idle ]] || { log "node not idle after 30 s: see $base/log"; exit 1; }
  log "up: node localhost idle, $cpus CPUs; SLURM_CONF=$conf"
  echo "export SLURM_CONF=$conf"
}

case ${1:-} in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
