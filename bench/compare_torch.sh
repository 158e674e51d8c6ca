#!/bin/bash
# FlowLab's trainer vs two PyTorch references (bench/torch_realnvp.py), run back to back on this
# machine: the matched form (same architecture, loss, data, optimiser, schedule, clipping, batch and
# thread count) and the plain tutorial form (the same model and Adam, constant learning rate, no
# clipping). Prints the training steps/s ratio against each, the 256×256 grid log p points/s ratio, FlowLab's GFLOP/s
# against one core's measured FMA peak, and quality per second: FlowLab's test NLL (and gap to
# the floor) when trained for as long as PyTorch needs for its STEPS steps.
#
#   bench/compare_torch.sh [BUILD_DIR]         (BUILD_DIR/app/flowlab, BUILD_DIR/bench/train/...)
#   env: THREADS=1 LAYERS=6 HIDDEN=64 BATCH=256 STEPS=2000 ACT=tanh LR=6e-3 SEED=0
#        FLOWLAB_BIN=... BENCH_BIN=... to point at binaries from different build directories.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
FLOWLAB_BIN=${FLOWLAB_BIN:-$build/app/flowlab}
BENCH_BIN=${BENCH_BIN:-$build/bench/train/flowlab_train_bench}
THREADS=${THREADS:-1} LAYERS=${LAYERS:-6} HIDDEN=${HIDDEN:-64} BATCH=${BATCH:-256}
STEPS=${STEPS:-2000} ACT=${ACT:-tanh} LR=${LR:-6e-3} SEED=${SEED:-0}
PY=/usr/bin/python3  # Debian's interpreter sees python3-torch
$PY -c 'import torch' 2>/dev/null || { echo "PyTorch is missing: run scripts/install-deps --bench (Debian's python3-torch)" >&2; exit 2; }
for f in "$FLOWLAB_BIN" "$BENCH_BIN"; do [[ -x $f ]] || { echo "missing $f (build with -DFLOWLAB_BUILD_APP=ON)" >&2; exit 2; }; done

val() { sed -n "s/^$1=//p" <<<"$2" | tail -1; }
echo "config: layers=$LAYERS hidden=$HIDDEN activation=$ACT batch=$BATCH steps=$STEPS lr=$LR threads=$THREADS seed=$SEED"
common=(--layers "$LAYERS" --hidden "$HIDDEN" --activation "$ACT" --batch "$BATCH" --lr "$LR" --seed "$SEED" --threads "$THREADS")

torch_out=$(OMP_NUM_THREADS=$THREADS $PY "$here/torch_realnvp.py" "${common[@]}" --steps "$STEPS")
echo "$torch_out"
tut_out=$(OMP_NUM_THREADS=$THREADS $PY "$here/torch_realnvp.py" "${common[@]}" --steps "$STEPS" --form tutorial --grid-repeats 1)
echo "$tut_out"
flow_out=$("$FLOWLAB_BIN" train --dataset moons "${common[@]}" --steps "$STEPS" </dev/null 2>/dev/null)
echo "$flow_out"
bench_json=$(FLOWLAB_BENCH_LAYERS=$LAYERS FLOWLAB_BENCH_HIDDEN=$HIDDEN FLOWLAB_BENCH_BATCH=$BATCH \
  FLOWLAB_BENCH_ACTIVATION=$ACT "$BENCH_BIN" --benchmark_format=json --benchmark_min_time=1 2>/dev/null)
read -r grid_pps train_gflops grid_gflops peak < <($PY -c '
import json, sys
b = {x["name"]: x for x in json.load(sys.stdin)["benchmarks"]}
print(b["GridLogProb/chunk512/real_time"]["points/s"], b["TrainStep/real_time"]["GFLOP/s"],
      b["GridLogProb/chunk512/real_time"]["GFLOP/s"], b["FmaPeak/real_time"]["GFLOP/s"])' <<<"$bench_json")

t_sps=$(val torch_steps_per_sec "$torch_out"); t_sec=$(val torch_train_seconds "$torch_out")
t_grid=$(val torch_grid_points_per_sec "$torch_out"); f_sps=$(val steps_per_sec "$flow_out")
tut_sps=$(val torch_steps_per_sec "$tut_out")
# Quality per second: as many FlowLab steps as fit in PyTorch's wall time (schedule stretched to match).
budget=$($PY -c "print(int($t_sec * $f_sps))")
qps_out=$("$FLOWLAB_BIN" train --dataset moons "${common[@]}" --steps "$budget" </dev/null 2>/dev/null)
$PY - <<EOF2
t_sps, tut_sps, f_sps, t_grid, f_grid = $t_sps, $tut_sps, $f_sps, $t_grid, $grid_pps
print()
print(f"train_steps_per_sec: flowlab={f_sps:.0f} torch={t_sps:.1f} ratio={f_sps / t_sps:.1f}x (target >= 30x)")
print(f"train_steps_per_sec_tutorial: flowlab={f_sps:.0f} torch_tutorial={tut_sps:.1f} ratio={f_sps / tut_sps:.1f}x "
      f"(target >= 30x; tutorial test_nll=$(val torch_test_nll "$tut_out"))")
print(f"grid_points_per_sec: flowlab={f_grid:.0f} torch={t_grid:.0f} ratio={f_grid / t_grid:.1f}x (target >= 25x)")
print(f"gflops: train={$train_gflops:.1f} grid={$grid_gflops:.1f} core_fma_peak={$peak:.1f} "
      f"({100 * $train_gflops / $peak:.0f}% / {100 * $grid_gflops / $peak:.0f}% of peak)")
print(f"after {$STEPS} steps: flowlab test_nll=$(val test_nll "$flow_out") torch test_nll=$(val torch_test_nll "$torch_out") "
      f"floor=$(val floor "$flow_out")")
print(f"quality per second: in torch's {$t_sec:.1f} s flowlab ran $budget steps: "
      f"test_nll=$(val test_nll "$qps_out") gap_to_floor=$(val gap_to_floor "$qps_out")")
EOF2
