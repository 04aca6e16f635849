#!/usr/bin/env bash
# A sweep split into shards on one machine, JOBS processes at a time, then merged:
#   scripts/sweep-shards.sh 'LINK' SHARDS JOBS OUTDIR
# Each shard is `npm run sim -- sweep --shard i/SHARDS`; a shard already in OUTDIR is checked and
# skipped, so running the same command again after an interruption resumes. OUTDIR/sweep.json is
# the merged result, byte for byte what one process would have written (docs/scale-out.md).
set -euo pipefail
if [ $# -ne 4 ]; then
  echo "usage: scripts/sweep-shards.sh 'LINK' SHARDS JOBS OUTDIR" >&2
  exit 2
fi
link=$1 shards=$2 jobs=$3 out=$4
cd "$(dirname "$0")/.."
mkdir -p "$out"
node scripts/wasm-fresh.mjs
tsx=node_modules/.bin/tsx
# GNU parallel does the same: parallel -j "$jobs" "$tsx" src/cli/sim.ts sweep ... --shard {}/"$shards" ::: $(seq 0 $((shards - 1)))
seq 0 $((shards - 1)) | xargs -P "$jobs" -I{} "$tsx" src/cli/sim.ts sweep --link "$link" --shard "{}/$shards" --workers 1 --quiet --out "$out/shard-{}.json"
"$tsx" src/cli/sim.ts merge "$out"/shard-*.json --out "$out/sweep.json"
echo "merged $shards shards into $out/sweep.json" >&2
