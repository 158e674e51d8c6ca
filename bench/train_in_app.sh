#!/usr/bin/env bash
# In-app training speed against headless `flowlab train` on the same configuration (the Training
# view's defaults = the CLI's: moons σ = 0.05, 6 layers, hidden 64, batch 256, 2000-step schedule),
# measured in the same run, alternating headless / in-app `rounds` times so machine load hits both.
# The in-app run is the real window under Xvfb at --size: Run pressed by --train-for, training on
# its own thread while the UI draws; it stops at the end of the 2000-step schedule.
# Usage: bench/train_in_app.sh [build/release] [rounds] [WxH]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-$root/build/release}" && pwd)"  # absolute: the runs happen in a temp folder
rounds="${2:-3}"
size="${3:-1600x1000}"
flowlab="$build/app/flowlab"
command -v xvfb-run >/dev/null || { echo "train_in_app.sh: needs xvfb-run (apt-get install xvfb)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config"  # the app's settings stay out of the user's
cd "$tmp"  # and any file it writes next to it stays in the temp folder
value() { sed -n "s/^$1=//p" | tail -1; }
ratios=()
for ((i = 1; i <= rounds; ++i)); do
  headless=$("$flowlab" train --steps 2000 2>/dev/null | value steps_per_sec)
  out=$(xvfb-run -a -s "-screen 0 ${size}x24" "$flowlab" --size "$size" --view train --train-for 60)
  inapp=$(value train_steps_per_sec <<<"$out")
  median=$(value frame_ms_median <<<"$out")
  p95=$(value frame_ms_p95 <<<"$out")
  ratio=$(awk -v a="$inapp" -v h="$headless" 'BEGIN { printf "%.3f", a / h }')
  ratios+=("$ratio")
  echo "round=$i headless_steps_per_sec=$headless in_app_steps_per_sec=$inapp ratio=$ratio frame_ms_median=$median frame_ms_p95=$p95"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "median_ratio=%s\n", a[int((NR + 1) / 2)] }'
