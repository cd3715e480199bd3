#!/bin/sh
# Stops a cluster started by start.sh DIR: cancels every job, waits (5 s at most) for the queue to empty,
# then sends SIGTERM to each process listed in DIR/pids, by PID, and SIGKILL to any still alive after 5 s.
set -u
dir=${1:?usage: stop.sh DIR}
[ -f "$dir/pids" ] || { echo "stop.sh: no $dir/pids: nothing to stop"; exit 0; }

if [ -x "$dir/bin/scancel" ] && grep -q '^slurmctld ' "$dir/pids"; then
  "$dir/bin/scancel" --full --user=root >/dev/null 2>&1 || true
  tenths=50
  while [ "$tenths" -gt 0 ] && [ -n "$("$dir/bin/squeue" -h -t PD,R,CG,S -o %i 2>/dev/null)" ]; do
    tenths=$((tenths - 1)); sleep 0.1
  done
fi

# Daemons first (slurmd, slurmctld, munged), the namespace holder last.
pids=$(awk '{ print $2 }' "$dir/pids" | sed '1!G;h;$!d')
for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
tenths=50
for pid in $pids; do
  while kill -0 "$pid" 2>/dev/null && [ "$tenths" -gt 0 ]; do tenths=$((tenths - 1)); sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
done
mv "$dir/pids" "$dir/pids.stopped"
echo "stop.sh: stopped cluster in $dir"
