#!/usr/bin/env bash
# The ten-series check of the forecasting defaults (docs/forecasting-defaults.md): extracts ten public series
# that Gated does not ship into a scratch folder, runs `gated compare` on each with no flag but
# --data/--target/--models, and prints the table (series, best baseline, LSTM, GRU, win/lose).
#
#   forecast/bench/ten-series.sh [SCRATCH_DIR]            (default /tmp/gated-ten-series)
#   EXTRA="--preset keras-tutorial" forecast/bench/ten-series.sh   # the same check with other settings
#
# Sources (pinned): Debian python3-statsmodels 0.13.5+dfsg-7 (apt-get download, no root needed), and three
# public GitHub repositories at fixed commits. A repository is read from $GATED_MIRROR/OWNER+NAME/repo (a git
# directory) when that exists, else cloned into the scratch folder. Layouts are converted (wide → long, joined
# date columns); values are never changed. Nothing is written inside the repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-/tmp/gated-ten-series}"
mirror="${GATED_MIRROR:-/work/.mirror}"
models="${MODELS:-lstm,gru}"
extra="${EXTRA:-}"
mkdir -p "$dir/data" "$dir/runs"
data="$dir/data"

# --- sources -------------------------------------------------------------------------------------------------
statsmodels() {   # statsmodels datasets from the Debian package
  local sm="$dir/statsmodels/usr/lib/python3/dist-packages/statsmodels/datasets"
  if [ ! -d "$sm" ]; then
    (cd "$dir" && apt-get download python3-statsmodels=0.13.5+dfsg-7 >/dev/null 2>&1 \
       && dpkg -x python3-statsmodels_0.13.5+dfsg-7_all.deb statsmodels)
  fi
  echo "$sm"
}
repo_file() {     # repo_file OWNER/NAME COMMIT PATH > file
  local repo="$1" commit="$2" path="$3" git="$mirror/${1/\//+}/repo"
  if [ ! -d "$git" ]; then
    git="$dir/repos/${1/\//+}"
    [ -d "$git" ] || git clone -q --bare "https://github.com/$repo" "$git"
  fi
  git --git-dir="$git" show "$commit:$path"
}

if [ ! -f "$data/.complete" ]; then
  sm="$(statsmodels)"
  cp "$sm/sunspots/sunspots.csv" "$data/sunspots.csv"
  cp "$sm/nile/nile.csv" "$data/nile.csv"
  # macrodata: year, quarter → date of the quarter's first month (YYYY-MM)
  awk -F, 'NR==1{print "date,realgdp"; next}{printf "%s-%02d,%s\n", $1, ($2-1)*3+1, $3}' \
      "$sm/macrodata/macrodata.csv" > "$data/realgdp.csv"
  # elnino: one row per year with JAN..DEC → one row per month
  awk -F, 'NR==1{print "date,sst"; next}{for(m=2;m<=13;m++) printf "%s-%02d,%s\n", $1, m-1, $m}' \
      "$sm/elnino/elnino.csv" > "$data/elnino.csv"
  jb=jbrownlee/Datasets
  repo_file $jb 0446bbae021681a9732b5f85914860e66c386874 monthly-car-sales.csv > "$data/car-sales.csv"
  repo_file $jb 5224989c1b746b5da779ad95c4cb2c3787f57f71 daily-min-temperatures.csv > "$data/min-temp.csv"
  repo_file $jb d283bfb22c4996343705f6005ff8b19341ee7b30 daily-max-temperatures.csv > "$data/max-temp.csv"
  repo_file $jb 5224989c1b746b5da779ad95c4cb2c3787f57f71 daily-total-female-births.csv > "$data/births.csv"
  repo_file zhouhaoyi/ETDataset 1d16c8f4f943005d613b5bc962e9eeb06058cf07 ETT-small/ETTh2.csv > "$data/etth2.csv"
  # bike sharing: dteday + hr → one datetime column; this copy has CR LF line ends on part of the file and one
  # empty line (after instant 8479): both dropped
  repo_file drscott173/DLD-my-first-neural-network 30b428e7e4419c1502a18f81f6748a222e41f822 \
      Bike-Sharing-Dataset/hour.csv \
    | tr -d '\r' | awk -F, 'NR==1{print "datetime,cnt"; next} NF==17{printf "%s %02d:00,%s\n", $2, $6, $17}' \
    > "$data/bike.csv"
  touch "$data/.complete"
fi

# --- runs ----------------------------------------------------------------------------------------------------
# one build for all ten runs: a copy of the jar, so that editing the sources meanwhile changes nothing
"$root/gated" --version >/dev/null
cp "$root/cli/target/gated.jar" "$dir/gated.jar"
gated() { java --add-modules jdk.incubator.vector -jar "$dir/gated.jar" "$@" 2> >(grep -v '^WARNING: Using incubator' >&2); }
series=(
  "sunspots|sunspots.csv|SUNACTIVITY|statsmodels sunspots (yearly)"
  "nile|nile.csv|volume|statsmodels nile (yearly)"
  "realgdp|realgdp.csv|realgdp|statsmodels macrodata (quarterly)"
  "elnino|elnino.csv|sst|statsmodels elnino (monthly)"
  "car-sales|car-sales.csv|Sales|TSDL Quebec car sales (monthly)"
  "min-temp|min-temp.csv|Temp|TSDL Melbourne min temp (daily)"
  "max-temp|max-temp.csv|Temperature|TSDL Melbourne max temp (daily)"
  "births|births.csv|Births|TSDL female births (daily)"
  "etth2|etth2.csv|OT|ETDataset ETTh2 OT (hourly)"
  "bike|bike.csv|cnt|UCI bike sharing cnt (hourly)"
)
echo "load: $(uptime)"
printf '| series | source | best baseline (test RMSE) | LSTM | GRU | LSTM wins | GRU wins | seconds |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for s in "${series[@]}"; do
  IFS='|' read -r name file target source <<<"$s"
  out="$dir/runs/$name.json"
  start=$(date +%s)
  # shellcheck disable=SC2086
  gated compare --data "$data/$file" --target "$target" --models "$models" $extra --json > "$out" \
    2> "$dir/runs/$name.err" || { echo "| $name | $source | failed: $(tail -1 "$dir/runs/$name.err") |"; continue; }
  secs=$(( $(date +%s) - start ))
  python3 - "$out" "$name" "$source" "$secs" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc["rows"]
base = [r for r in rows if r["model"] in ("naive", "seasonal_naive", "moving_average")]
best = min(base, key=lambda r: r["test_rmse"])
def rmse(model):
    r = [r for r in rows if r["model"] == model]
    return r[0]["test_rmse"] if r else None
l, g = rmse("lstm"), rmse("gru")
fmt = lambda v: "—" if v is None else f"{v:.4g}"
win = lambda v: "—" if v is None else ("yes" if v < best["test_rmse"] else "no")
print(f"| {sys.argv[2]} | {sys.argv[3]} | {best['detail']} {best['test_rmse']:.4g} | {fmt(l)} | {fmt(g)} | "
      f"{win(l)} | {win(g)} | {sys.argv[4]} |")
PY
done
