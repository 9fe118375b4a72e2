#!/usr/bin/env bash
# GNU parallel template: SHARDS shard runs of `teema analyse --shard I/N`, JOBS at a time,
# each on one thread, then `teema merge`. Packs many short shards into one allocation
# (inside a Slurm job: `sbatch --cpus-per-task=16 deploy/slurm/parallel.sh`, or run it on
# any machine). Settings come from the environment:
#
#   CORPUS      the corpus folder or archive (required), as teema analyse takes it
#   SHARDS      number of shards (default: 4 × JOBS)
#   JOBS        shards run at once (default: $SLURM_CPUS_PER_TASK, else the number of CPUs)
#   PARTS       folder for the parts (default: parts)
#   REPORT      the merged report (default: report.json)
#   FORMAT      the merged report's format: json, ndjson or csv (default: json)
#   TEEMA       the teema binary (default: teema)
#   TEEMA_ARGS  more `teema analyse` options, the same for every shard (e.g. "--input jsonl")
#
# Every shard must end with a part: parallel's own exit status is checked, every part's
# presence is checked, and `teema merge` refuses a missing or doubled shard.
#SBATCH --job-name=teema-parallel
#SBATCH --cpus-per-task=8
#SBATCH --mem-per-cpu=1G
#SBATCH --time=01:00:00
set -euo pipefail

: "${CORPUS:?set CORPUS to the corpus folder or archive}"
JOBS=${JOBS:-${SLURM_CPUS_PER_TASK:-$(nproc)}}
SHARDS=${SHARDS:-$((4 * JOBS))}
PARTS=${PARTS:-parts}
REPORT=${REPORT:-report.json}
FORMAT=${FORMAT:-json}
TEEMA=${TEEMA:-teema}
mkdir -p "$PARTS"

# One shard: exit code 2 (some inputs skipped, listed in the part) is a finished shard.
shard() {
    local i=$1
    local rc=0
    # shellcheck disable=SC2086 # TEEMA_ARGS is a list of options
    "$TEEMA" analyse "$CORPUS" ${TEEMA_ARGS:-} --shard "$i/$SHARDS" --threads 1 -q \
        --format json -o "$PARTS/part-$i.json" || rc=$?
    [ "$rc" -le 2 ] || { echo "teema: shard $i/$SHARDS failed with exit code $rc" >&2; return "$rc"; }
}
export -f shard
export TEEMA CORPUS TEEMA_ARGS SHARDS PARTS

parallel --will-cite --halt now,fail=1 --jobs "$JOBS" shard ::: $(seq 1 "$SHARDS")

missing=0
for i in $(seq 1 "$SHARDS"); do
    [ -s "$PARTS/part-$i.json" ] || { echo "teema: part $i/$SHARDS is missing" >&2; missing=1; }
done
[ "$missing" -eq 0 ]

rc=0
"$TEEMA" merge "$PARTS"/part-*.json --format "$FORMAT" -o "$REPORT" || rc=$?
[ "$rc" -le 2 ] || exit "$rc"
echo "teema: merged $SHARDS shards into $REPORT" >&2
