#!/usr/bin/env bash
# Validation loss against training time on nanoGPT's character-level Shakespeare, for LSTM, GRU and a small
# Transformer built with the engine, then the sampling speed and a surprise plot of the best recurrent model.
#
#   text/bench/lm-curve.sh [OUT_DIR] [MINUTES] [CLOCK]      defaults: text/bench/results, 10, cpu
#
# Each model trains for MINUTES on CLOCK (cpu: this process's CPU time, fair on a shared machine; wall: the wall
# clock), validating every 150 steps; the curves go to OUT/<model>.csv, the best models to OUT/<model>.gated.
# Then: OUT/curve.png and OUT/table.csv (best validation loss within 1, 3 and 10 minutes), OUT/evaluate-*.json
# (the whole validation part, as streams and in 64-character windows), OUT/speed.txt, OUT/surprise.png.
# GATED_LM_PARALLEL=1 trains the three models at once (each is single-threaded; use it with CLOCK=cpu only).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/text/bench/results}"
minutes="${2:-10}"
clock="${3:-cpu}"
data="${GATED_SHARED_DATA:-$root/../shared/data}/tiny-shakespeare/input.txt"
gated="$root/gated"
# a 1 GB heap is plenty (the Transformer's JVM grew to 4.6 GB under the default of 1/4 of the RAM and was
# killed by the kernel on a shared 23 GB machine)
export GATED_JAVA_OPTS="${GATED_JAVA_OPTS:--Xmx1g}"
mkdir -p "$out"
"$gated" --version >/dev/null   # builds the command line once, before any timing

train() { # name, then options
  local name="$1"; shift
  echo "== $name: $* ($(cat /proc/loadavg 2>/dev/null || true))" >&2
  "$gated" lm train --data "$data" --minutes "$minutes" --clock "$clock" --eval-every 150 \
      --curve "$out/$name.csv" --label "$name" --out "$out/$name.gated" "$@" > "$out/$name.log"
  tail -2 "$out/$name.log" >&2
}

runs=(
  "lstm-1x256 --model lstm --layers 1 --units 256 --dropout 0.1 --lr 0.003 --batch 32 --context 64"
  "gru-1x256 --model gru --layers 1 --units 256 --dropout 0.1 --lr 0.003 --batch 32 --context 64"
  "transformer-4x128 --model transformer --layers 4 --units 128 --heads 4 --lr 0.001 --min-lr 0.0001 --batch 12 --context 64 --eval-chars 16384"
)
if [ "${GATED_LM_PARALLEL:-0}" = 1 ]; then
  for r in "${runs[@]}"; do train $r & done
  wait
else
  for r in "${runs[@]}"; do train $r; done
fi

csvs=()
for r in "${runs[@]}"; do
  name="${r%% *}"
  csvs+=("$out/$name.csv")
  "$gated" lm evaluate --model "$out/$name.gated" --data "$data" --part validation --json > "$out/evaluate-$name.json"
done
"$gated" lm curve "${csvs[@]}" --at 1,3,10 --reference "nanoGPT CPU Transformer, ~3 min (README)=1.88" \
    --reference "goal=1.60" --plot "$out/curve.png" --table "$out/table.csv" | tee "$out/table.txt"
"$gated" lm speed --model "$out/gru-1x256.gated" --length 300 --repetitions 5 | tee "$out/speed.txt"
"$gated" lm surprise --model "$out/gru-1x256.gated" --data "$data" --from 2000 --chars 160 --plot "$out/surprise.png" \
    | tee "$out/surprise.txt"
echo "load average at the end: $(cat /proc/loadavg 2>/dev/null || true)" | tee -a "$out/table.txt"
