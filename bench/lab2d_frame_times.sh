#!/usr/bin/env bash
# Frame times of the real 2D lab under Xvfb while every frame recomputes its fields (as during a
# drag), for the 6-layer stack at 128², 256² and 512² density cells, with and without the density.
# Usage: bench/lab2d_frame_times.sh [build/release]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/release}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for res in 128 256 512; do
  sed "s/\"resolution\": 256/\"resolution\": $res/" "$root/bench/scenes/six_layers.json" > "$tmp/six_$res.json"
  for overlays in density,grid grid; do
    line=$(xvfb-run -a -s '-screen 0 1600x1000x24' "$build/app/flowlab" --screenshot "$tmp/shot.png" --size 1500x950 \
      --frames 60 --frame-stats --recompute-every-frame --scene "$tmp/six_$res.json" --overlays "$overlays")
    echo "resolution=${res} overlays=${overlays} ${line}"
  done
done
