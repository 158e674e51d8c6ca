#!/usr/bin/env bash
# Long runs stay flat: samples the resident memory (VmRSS) of a long `flowlab train` and of many
# frames of each view under Xvfb, and prints the slope after warm-up (the first third is skipped).
# usage: bench/soak.sh [BUILD_DIR] ; SOAK_STEPS (default 100000), SOAK_FRAMES (default 10000),
# SOAK_VIEWS (default "welcome 1d 2d train") override the run lengths.
set -euo pipefail
build="${1:-build/release}"
flowlab="$build/app/flowlab"
steps="${SOAK_STEPS:-100000}"
frames="${SOAK_FRAMES:-10000}"
views="${SOAK_VIEWS:-welcome 1d 2d train}"
[[ -x "$flowlab" ]] || { echo "soak: no $flowlab (build first)" >&2; exit 2; }

# sample PID OUT: one "milliseconds rss_kb" line per half second until PID exits.
sample() {
  local pid=$1 out=$2 t0
  t0=$(date +%s%N)
  : >"$out"
  while kill -0 "$pid" 2>/dev/null; do
    local rss
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [[ -n "$rss" ]] && echo "$(( ($(date +%s%N) - t0) / 1000000 )) $rss" >>"$out"
    sleep 0.5
  done
}

# slope FILE LABEL: least-squares slope of rss over time after the first third, in KB/s.
slope() {
  awk -v label="$2" '{t[NR]=$1 / 1000.0; r[NR]=$2} END {
    if (NR < 6) { printf "%s_samples=%d (too short for a slope)\n", label, NR; exit }
    s = int(NR / 3) + 1; n = 0; st = 0; sr = 0; stt = 0; str = 0
    for (i = s; i <= NR; i++) { n++; st += t[i]; sr += r[i]; stt += t[i]*t[i]; str += t[i]*r[i] }
    k = (n * str - st * sr) / (n * stt - st * st)
    printf "%s_rss_start_kb=%d %s_rss_end_kb=%d %s_rss_slope_kb_per_s=%.3f %s_seconds=%.0f\n",
           label, r[s], label, r[NR], label, k, label, t[NR]
  }' "$1"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== flowlab train --steps $steps"
"$flowlab" train --dataset moons --steps "$steps" >"$tmp/train.out" &
pid=$!
sample $pid "$tmp/train.rss"
wait $pid
slope "$tmp/train.rss" train

for view in $views; do
  echo "== $frames frames of the $view view (recomputing every frame)"
  xvfb-run -a -s '-screen 0 1280x800x24' "$flowlab" --view "$view" --frames "$frames" --size 1280x800 \
    --recompute-every-frame --frame-stats >"$tmp/$view.out" 2>&1 &
  pid=$!
  sleep 1
  # xvfb-run's child is the app: follow it, not the wrapper.
  app=$(pgrep -P "$pid" -f "flowlab --view" || pgrep -n -f "flowlab --view $view" || echo "$pid")
  sample "$app" "$tmp/$view.rss"
  wait $pid || true
  slope "$tmp/$view.rss" "$view"
  grep -h '^frames=' "$tmp/$view.out" || true
done
