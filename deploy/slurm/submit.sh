#!/bin/bash
# Submits a sweep and its merge: the merge starts when every array task has succeeded.
#   BANGO_SHARE=/mnt/share BANGO_STORES=/project/bango/stores deploy/slurm/submit.sh [--array=1-16]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sweep=$(sbatch --parsable "$@" "$here/bango-sweep.sbatch")
sweep=${sweep%%;*}
sbatch --parsable --dependency="afterok:$sweep" --export="ALL,BANGO_SWEEP_JOB=$sweep" "$here/bango-merge.sbatch"
echo "sweep $sweep submitted; its merge runs after it" >&2
