#!/usr/bin/env bash
# Submits the array job over N shards and the merge job that waits for it.
#   deploy/slurm/submit.sh N [sbatch options for the array job...]
# e.g.  CORPUS=/scratch/project_123/corpus deploy/slurm/submit.sh 16 --account=project_123
# The environment (CORPUS, STAGE, PARTS, REPORT, FORMAT, TEEMA, TEEMA_ARGS) reaches both jobs.
set -euo pipefail
here=$(dirname "$0")
n=${1:?usage: submit.sh N [sbatch options...]}
shift
array=$(sbatch --parsable --array="1-$n" "$@" "$here/teema-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" "$@" "$here/teema-merge.sbatch")
merge=${merge%%;*}
echo "array job $array ($n shards), merge job $merge"
