#!/bin/sh
# Starts a private single-node Slurm cluster for tests and benchmarks: munged, slurmctld and slurmd run as
# root inside a loopback-only network namespace, so the cluster is reachable from nothing but this machine's
# own processes (through the wrappers written to DIR/bin) and binds to no outside address.
#
#   scripts/slurm/start.sh DIR     DIR: an empty or new folder for config, state, logs and wrappers
#
# Prints `export PATH=DIR/bin:$PATH` on success. DIR/pids lists `name pid` of every process it started,
# for scripts/slurm/stop.sh DIR. Needs root and the packages of scripts/slurm/install.sh.
set -eu

dir=${1:?usage: start.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ -s "$dir/pids" ]; then echo "start.sh: $dir/pids exists: stop that cluster first (stop.sh $dir)" >&2; exit 1; fi
for tool in slurmctld slurmd sbatch munged mungekey unshare nsenter ip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "start.sh: '$tool' is missing: run scripts/slurm/install.sh" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "start.sh: needs root (network namespace, daemons running as root)" >&2; exit 1; }

mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log" "$dir/bin"
chmod 755 "$dir/munge"
: > "$dir/pids"

fail() {
  echo "start.sh: $1" >&2
  for f in "$dir"/log/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }; done
  sh "$(dirname "$0")/stop.sh" "$dir" >&2 || true
  exit 1
}

# Polls a command until it succeeds, for at most $1 tenths of a second.
wait_for() {
  tenths=$1; shift
  while ! "$@" >/dev/null 2>&1; do
    tenths=$((tenths - 1))
    [ "$tenths" -gt 0 ] || return 1
    sleep 0.1
  done
}

# 1. The namespace: one long-lived process holds it; its PID names it for nsenter.
setsid unshare -n sh -c "echo \$\$ > '$dir/netns.pid'; exec sleep infinity" </dev/null >/dev/null 2>&1 &
wait_for 50 test -s "$dir/netns.pid" || fail "network namespace did not start"
ns=$(cat "$dir/netns.pid")
echo "netns $ns" >> "$dir/pids"
in_ns() { nsenter -t "$ns" -n "$@"; }
in_ns ip link set lo up
# Slurm's own address lookup needs a second loopback address (with 127.0.0.1 alone it stalls ~10 s).
in_ns ip addr add 127.0.0.2/32 dev lo

# 2. munge, with a fresh key private to this cluster.
mungekey --create --keyfile="$dir/munge/munge.key" >/dev/null 2>&1 || fail "mungekey failed"
chmod 600 "$dir/munge/munge.key"
setsid nsenter -t "$ns" -n munged -F --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/sock" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" \
  </dev/null >>"$dir/log/munged.out" 2>&1 &
echo "munged $!" >> "$dir/pids"
wait_for 50 test -S "$dir/munge/sock" || fail "munged did not create its socket"

# 3. slurm.conf: one node with this machine's CPUs and most of its memory.
cpus=$(nproc)
mem=$(awk '/MemAvailable/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)
cat > "$dir/slurm.conf" <<CONF
ClusterName=distillery-test
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/sock
CredType=cred/munge
CommunicationParameters=NoInAddrAny
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
MpiDefault=none
ReturnToService=2
KillWait=5
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

# 4. Wrappers: client commands run inside the namespace with this cluster's config.
for tool in sbatch squeue scancel scontrol sinfo srun; do
  cat > "$dir/bin/$tool" <<WRAP
#!/bin/sh
export SLURM_CONF='$dir/slurm.conf'
exec nsenter -t $ns -n $(command -v "$tool") "\$@"
WRAP
  chmod 755 "$dir/bin/$tool"
done

# 5. The daemons, in the foreground of their own sessions; their PIDs are what stop.sh signals.
export SLURM_CONF="$dir/slurm.conf"
setsid nsenter -t "$ns" -n slurmctld -D -i -f "$dir/slurm.conf" </dev/null >>"$dir/log/slurmctld.out" 2>&1 &
echo "slurmctld $!" >> "$dir/pids"
wait_for 150 sh -c "'$dir/bin/scontrol' ping | grep -q UP" || fail "slurmctld did not come up"
setsid nsenter -t "$ns" -n slurmd -D -N localhost -f "$dir/slurm.conf" </dev/null >>"$dir/log/slurmd.out" 2>&1 &
echo "slurmd $!" >> "$dir/pids"
wait_for 150 sh -c "'$dir/bin/sinfo' -h -o %T | grep -q idle" || fail "slurmd did not register as idle"

echo "export PATH=$dir/bin:\$PATH"
