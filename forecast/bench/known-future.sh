#!/usr/bin/env bash
# Known-future inputs measured on a real daily series with holidays: UCI bike sharing, registered riders per day
# (2011-01-01 .. 2012-12-31, 731 rows, 21 holidays), target `registered`, the file's own `holiday` 0/1 column.
# Three input sets, each with GRU and the automatic settings, default split (last third tested):
#   alone  registered only
#   past   registered + holiday + weekday, every input past-only (--known-future none: as before the option)
#   known  registered + holiday + weekday, holiday and weekday known over the horizon (--known-future holiday)
# for horizons 1 and 7 and seeds 1 2 3. Prints one TSV row per run: variant horizon seed val_rmse test_rmse.
# Usage: forecast/bench/known-future.sh [scratch-dir]   (about 20 s a run on 2 loaded cores; 18 runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-/tmp/gated-known-future}"
mkdir -p "$dir"
data="$dir/bike-day.csv"
if [ ! -f "$data" ]; then
  repo=drscott173/DLD-my-first-neural-network
  git="/work/.mirror/${repo/\//+}/repo"
  if [ ! -d "$git" ]; then
    git="$dir/repo.git"
    [ -d "$git" ] || git clone -q --bare "https://github.com/$repo" "$git"
  fi
  # dteday, registered, casual, cnt, holiday, workingday; CR LF line ends dropped, values unchanged
  git --git-dir="$git" show 30b428e7e4419c1502a18f81f6748a222e41f822:Bike-Sharing-Dataset/day.csv | tr -d '\r' \
    | awk -F, 'NR==1{print "date,registered,casual,cnt,holiday,workingday"; next} NF==16{print $2","$15","$14","$16","$6","$8}' \
    > "$data"
fi
"$root/gated" --version >/dev/null
cp "$root/cli/target/gated.jar" "$dir/gated.jar"
gated() { java --add-modules jdk.incubator.vector -jar "$dir/gated.jar" "$@" 2> >(grep -v '^WARNING: Using incubator' >&2); }
declare -A inputs=(
  [alone]=""
  [past]="--features registered,holiday --calendar weekday --known-future none"
  [known]="--known-future holiday --calendar weekday"
)
printf 'variant\thorizon\tseed\tval_rmse\ttest_rmse\tepochs\n'
for h in 1 7; do
  for seed in 1 2 3; do
    for v in alone past known; do
      # shellcheck disable=SC2086
      gated compare --data "$data" --target registered --models gru --horizon "$h" --seed "$seed" ${inputs[$v]} \
          --json > "$dir/$v-h$h-s$seed.json"
      python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=[x for x in d["rows"] if x["model"]=="gru"][0]
print("%s\t%s\t%s\t%.1f\t%.1f\t%d" % (sys.argv[2], sys.argv[3], sys.argv[4], r["val_rmse"], r["test_rmse"], r["epochs"]))' \
          "$dir/$v-h$h-s$seed.json" "$v" "$h" "$seed"
    done
  done
done
