#!/bin/sh
# Installs the Debian packages of a single-node Slurm cluster (Slurm 22.05 on Debian 12, ~8 packages) for the
# sweep tests and benchmark. Idempotent; needs root. The apt lock keeps parallel installs on one machine apart.
set -eu
missing=""
for tool in slurmctld slurmd sbatch munged mungekey unshare nsenter ip; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -z "$missing" ]; then
  echo "slurm: already installed ($(slurmctld -V))"
  exit 0
fi
echo "slurm: installing (missing:$missing)"
lock() { if command -v flock >/dev/null 2>&1; then flock /tmp/apt.lock "$@"; else "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
lock apt-get update -qq
lock apt-get install -y --no-install-recommends slurmctld slurmd slurm-client slurm-wlm-basic-plugins munge iproute2 util-linux
echo "slurm: installed ($(slurmctld -V))"
