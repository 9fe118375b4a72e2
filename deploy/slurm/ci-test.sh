#!/usr/bin/env bash
# A real single-node Slurm cluster for CI: munged, slurmctld and slurmd on 127.0.0.1 only,
# started from a temporary folder; the shipped array template over 4 shards and the merge
# job (--dependency=afterok) are submitted, and the merged report must be byte for byte the
# report of one run. Every daemon started here is stopped by its PID on exit.
#
#   deploy/slurm/ci-test.sh [TEEMA_BINARY]     (default: target/debug/teema, built if missing)
#
# Needs Debian's slurmctld, slurmd, slurm-client and munge (installed if missing, as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
started=$(date +%s)

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null \
    || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi

teema=${1:-$repo/target/debug/teema}
[ -x "$teema" ] || cargo build --quiet
teema=$(realpath "$teema")

work=$(mktemp -d /tmp/teema-slurm-ci.XXXXXX)
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        # wait for each to go (they are children of this shell)
        wait "$pid" 2>/dev/null || true
    done
    if [ "$status" -ne 0 ]; then
        echo "--- slurmctld.log" >&2; tail -n 30 "$work/slurmctld.log" 2>/dev/null >&2 || true
        echo "--- slurmd.log" >&2; tail -n 30 "$work/slurmd.log" 2>/dev/null >&2 || true
        for f in "$work"/run/*.out; do
            [ -e "$f" ] && { echo "--- $f" >&2; cat "$f" >&2; }
        done
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT INT TERM

# ports of our own, so that this cluster does not meet another one on the machine
base=$((20000 + $$ % 20000))
ctld_port=$base
slurmd_port=$((base + 1))

mkdir -p "$work/state" "$work/spool" "$work/run"
# munge: a key and a socket of our own
dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none
chmod 600 "$work/munge.key"
munged --foreground --force --key-file="$work/munge.key" --socket="$work/munge.sock" \
    --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge.seed" \
    2>>"$work/munged.log" &
pids+=($!)

cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
cat >"$work/slurm.conf" <<EOF
ClusterName=teemaci
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
CommunicationParameters=NoInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge.sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$work/slurm.conf

# wait for munged's socket
for _ in $(seq 50); do [ -S "$work/munge.sock" ] && break; sleep 0.1; done
# in the foreground (-D) of a background job: $! is the daemon's own PID
slurmctld -D -i -f "$SLURM_CONF" 2>>"$work/slurmctld.log" &
pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" 2>>"$work/slurmd.log" &
pids+=($!)

# wait until the node is idle
for _ in $(seq 150); do
    state=$(sinfo -h -N -o '%t' 2>/dev/null | head -n 1 || true)
    [ "$state" = "idle" ] && break
    sleep 0.2
done
[ "$state" = "idle" ] || { echo "ci-test: the node did not come up (state: ${state:-none})" >&2; exit 1; }

# the shipped templates, over 4 shards, with resources for this machine
export CORPUS=$repo/corpus-samples PARTS=$work/run/parts REPORT=$work/run/report.json TEEMA=$teema
submit=(--chdir="$work/run" --cpus-per-task=1 --mem=200M --time=00:05:00 --output="$work/run/%x-%A_%a.out")
array=$(sbatch --parsable --array=1-4 "${submit[@]}" deploy/slurm/teema-array.sbatch)
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" "${submit[@]}" --output="$work/run/%x-%j.out" \
    deploy/slurm/teema-merge.sbatch)
merge=${merge%%;*}
echo "ci-test: array job $array, merge job $merge"

# wait for the merge job to finish
for _ in $(seq 300); do
    merge_state=$(scontrol -o show job "$merge" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)
    case "$merge_state" in
        COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY) break ;;
    esac
    sleep 0.2
done
[ "$merge_state" = "COMPLETED" ] || { echo "ci-test: merge job ended $merge_state" >&2; exit 1; }
for i in 1 2 3 4; do
    [ -s "$PARTS/part-$i.json" ] || { echo "ci-test: part $i missing" >&2; exit 1; }
done

# the single run, with the same paths
rc=0
"$teema" analyse "$CORPUS" --quiet --format json --output "$work/single.json" || rc=$?
[ "$rc" -le 2 ]
if ! cmp "$work/single.json" "$REPORT"; then
    echo "ci-test: the merged report differs from the single run" >&2
    exit 1
fi
documents=$(grep -o '"summary":{[^}]*"documents":[0-9]*' "$REPORT" | grep -o '[0-9]*$')
echo "ci-test: Slurm array of 4 shards + merge = single run ($documents documents), $(($(date +%s) - started)) s"
