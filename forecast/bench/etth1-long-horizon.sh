#!/usr/bin/env bash
# The univariate ETTh1 long-horizon table (docs/forecasting-long-horizon.md): naive, NLinear, LSTM and GRU with
# a direct Dense(H) head, input 336, H = 96, 192, 336, 720, the DLinear/PatchTST splits and scaling.
#
#   forecast/bench/etth1-long-horizon.sh [HORIZONS=96,192,336,720] [RNN_EPOCHS=4] [RNN_STRIDE=8] [UNITS=32] [ROWS=direct] [TEST_EVERY=1]
#
# ROWS: direct (naive, NLinear, LSTM/GRU direct heads), recursive (LSTM/GRU one-step models rolled forward), all.
# TEST_EVERY: the recursive rows roll every k-th test window only (the naive row naive-k on the same windows).
#
# Budget: NLinear at most 10 epochs on every training window; LSTM/GRU at most RNN_EPOCHS epochs on every
# RNN_STRIDE-th training window; early stopping (patience 2) on validation MSE. Test windows: all of them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="$root/../shared/data/etth1/ETTh1.csv"
"$root/gated" --version >/dev/null   # builds the jar if the sources changed
echo "load: $(uptime)"
java --add-modules jdk.incubator.vector -cp "$root/cli/target/gated.jar" dev.gated.forecast.LongHorizonBenchmark \
  "$data" "${1:-96,192,336,720}" "${2:-4}" "${3:-8}" "${4:-32}" "${5:-direct}" "${6:-1}" 2> >(grep -v '^WARNING: Using incubator' >&2)
