#!/usr/bin/env bash
# The performance report (issue 15.7): runs every speed measurement side by side in one script and
# writes docs/performance.md with the machine, its CPU flags, the commands and the tables.
#   - training and the 256² grid against PyTorch (bench/compare_torch.sh: matched and tutorial forms)
#   - two threads against one for large batches (flowlab train --threads 1|2, same seed)
#   - cost growth: grid log p from 64² to 1024² points, a training step from batch 64 to 4096, with
#     the exponent of time ~ size^k fitted by least squares on the log-log points (linear: k = 1)
#   - the 2D lab's six-layer analytic stack and the 1D lab's update (bench/lab)
#   - optionally a portable build (-DFLOWLAB_NATIVE=OFF) against PyTorch and against this build
# Ratios are taken within this one run, so a busy machine moves both sides alike; the absolute
# numbers are only this machine's. Run it on a quiet machine.
#
#   bench/report.sh [BUILD_DIR] [OUT.md]      (default build/release, docs/performance.md)
#   env: STEPS=2000 (training runs), PORTABLE_BUILD=DIR (a -DFLOWLAB_NATIVE=OFF build to compare),
#        MIN_TIME=1 (Google Benchmark's --benchmark_min_time)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/release}"
out="${2:-$root/docs/performance.md}"
STEPS="${STEPS:-2000}"
MIN_TIME="${MIN_TIME:-1}"
PY=/usr/bin/python3  # Debian's interpreter sees python3-torch
flowlab="$build/app/flowlab"
train_bench="$build/bench/train/flowlab_train_bench"
lab_bench="$build/bench/lab/flowlab_lab_bench"
for f in "$flowlab" "$train_bench" "$lab_bench"; do
  [[ -x $f ]] || { echo "report.sh: missing $f (build the release preset first)" >&2; exit 2; }
done
$PY -c 'import torch' 2>/dev/null || { echo "report.sh: PyTorch is missing (scripts/install-deps --bench)" >&2; exit 2; }
val() { sed -n "s/^$1=//p" <<<"$2" | tail -1; }
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
say() { printf '%s\n' "$@" >>"$body"; }
step() { echo "report.sh: $*" >&2; }

# --- PyTorch comparison -------------------------------------------------------------------------
step "compare_torch.sh (STEPS=$STEPS)"
cmp_out=$(STEPS=$STEPS FLOWLAB_BIN="$flowlab" BENCH_BIN="$train_bench" "$root/bench/compare_torch.sh" "$build")
say "## Training and the density grid against PyTorch" "" \
  "\`STEPS=$STEPS bench/compare_torch.sh $build\` — one thread, 6 couplings, hidden 64, tanh, batch 256," \
  "moons; the matched reference has FlowLab's schedule and clipping, the tutorial form neither." "" '```'
grep -E '^(config|torch_form|torch_version|train_steps|grid_points|gflops|after|quality)' <<<"$cmp_out" >>"$body" || true
say '```' ""

# --- Small-GEMM engines ---------------------------------------------------------------------------
step "GEMM engines"
engine_json=$("$train_bench" --benchmark_filter='engine:' --benchmark_format=json --benchmark_min_time="$MIN_TIME" 2>/dev/null)
say "## Small-GEMM engines, side by side" "" \
  "\`$(basename "$train_bench") --benchmark_filter=engine:\`: the training step and the 256² grid with the float MLP" \
  "products in Eigen's GEMM and in libxsmm's JIT kernels (the default where built in; FLOWLAB_GEMM=eigen picks Eigen)." ""
$PY - "$engine_json" >>"$body" <<'EOF'
import json, sys
rows = {r["name"]: r for r in json.loads(sys.argv[1])["benchmarks"]}
if not rows:
    print("(this build has no libxsmm: -DFLOWLAB_LIBXSMM=OFF)\n")
else:
    print("| work | eigen | libxsmm | libxsmm / eigen |\n|---|---|---|---|")
    for work, key in (("TrainStep", "steps/s"), ("GridLogProb/chunk512", "points/s")):
        e, x = rows[f"{work}/engine:eigen/real_time"][key], rows[f"{work}/engine:libxsmm/real_time"][key]
        print(f"| {work} ({key}) | {e:.0f} | {x:.0f} | {x / e:.2f}x |")
    print()
EOF

# --- Two threads ----------------------------------------------------------------------------------
step "two threads"
say "## Two threads against one (data-parallel over the batch)" "" \
  "\`flowlab train --dataset moons --batch B --steps S --threads T --seed 0\`; the same seed and thread count give the same curve." "" \
  "| batch | steps | 1 thread steps/s | 2 threads steps/s | speed-up | test NLL 1 / 2 threads |" "|---|---|---|---|---|---|"
for batch in 1024 4096; do
  s=$(( batch >= 4096 ? 200 : 500 ))
  one=$("$flowlab" train --dataset moons --batch "$batch" --steps "$s" --threads 1 --seed 0 </dev/null 2>/dev/null)
  two=$("$flowlab" train --dataset moons --batch "$batch" --steps "$s" --threads 2 --seed 0 </dev/null 2>/dev/null)
  a=$(val steps_per_sec "$one"); b=$(val steps_per_sec "$two")
  say "| $batch | $s | $a | $b | $($PY -c "print(f'{$b / $a:.2f}x')") | $(val test_nll "$one") / $(val test_nll "$two") |"
done
say ""

# --- Cost growth ----------------------------------------------------------------------------------
step "cost growth"
growth_json=$("$train_bench" --benchmark_filter='Growth' --benchmark_format=json --benchmark_min_time="$MIN_TIME" 2>/dev/null)
say "## Cost growth" "" \
  "\`$(basename "$train_bench") --benchmark_filter=Growth\`: the trained-model grid log p in 512-point chunks and one" \
  "training step; k is the fitted exponent of time ∝ size^k (1 = linear; target ≤ 1.05)." ""
$PY - "$growth_json" >>"$body" <<'EOF'
import json, math, sys
rows = json.loads(sys.argv[1])["benchmarks"]
def fit(points):
    xs = [math.log(n) for n, _ in points]; ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
for prefix, label, unit, size in (("GrowthGrid/side:", "grid points", "ms", lambda v: v * v),
                                  ("GrowthTrain/batch:", "batch", "µs", lambda v: v)):
    pts = []
    print(f"| {label} | time ({unit}) | points/s |\n|---|---|---|")
    for r in rows:
        if not r["name"].startswith(prefix): continue
        v = int(r["name"][len(prefix):].split("/")[0])
        pts.append((size(v), r["real_time"]))
        print(f"| {size(v)} | {r['real_time']:.3f} | {r['points/s']:.0f} |")
    print(f"\nfitted exponent k = {fit(pts):.3f} ({label} {pts[0][0]} to {pts[-1][0]})\n")
EOF

# --- The labs -------------------------------------------------------------------------------------
step "labs"
lab_json=$("$lab_bench" --benchmark_filter='BM_DensityGrid|BM_Lab2DUpdate|^update/' --benchmark_format=json \
  --benchmark_min_time="$MIN_TIME" 2>/dev/null)
say "## The labs" "" \
  "\`$(basename "$lab_bench")\`: the 2D lab's six-layer analytic stack (bench/scenes/six_layers.json: density grid," \
  "and the whole update with grid lines and Jacobian patches; target ≤ 8 ms at 256²) and the 1D lab's update per" \
  "preset at 100,000 samples (target ≤ 2 ms)." "" "| benchmark | ms |" "|---|---|"
$PY - "$lab_json" >>"$body" <<'EOF'
import json, sys
for r in json.loads(sys.argv[1])["benchmarks"]:
    t = r["real_time"] * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[r["time_unit"]]
    print(f"| {r['name']} | {t:.2f} |")
EOF
say ""

# --- Portable build ----------------------------------------------------------------------------------
if [[ -n "${PORTABLE_BUILD:-}" ]]; then
  step "portable build $PORTABLE_BUILD"
  native=$("$flowlab" train --dataset moons --steps "$STEPS" --seed 0 </dev/null 2>/dev/null)
  portable=$("$PORTABLE_BUILD/app/flowlab" train --dataset moons --steps "$STEPS" --seed 0 </dev/null 2>/dev/null)
  torch_sps=$(sed -n 's/^train_steps_per_sec: .* torch=\([0-9.]*\) .*/\1/p' <<<"$cmp_out")
  # Results to float tolerance: one trained model's log p at 1,000 of its samples, in both builds
  # (whole training runs drift apart by rounding, FMA or not, as two seeds would).
  scratch=$(mktemp -d)
  "$flowlab" train --dataset moons --steps 200 --seed 0 --out "$scratch/model.json" </dev/null >/dev/null 2>&1
  "$flowlab" sample --scene "$scratch/model.json" --n 1000 --seed 1 >"$scratch/points.csv"
  "$flowlab" logprob --scene "$scratch/model.json" --points "$scratch/points.csv" >"$scratch/native.txt"
  "$PORTABLE_BUILD/app/flowlab" logprob --scene "$scratch/model.json" --points "$scratch/points.csv" >"$scratch/portable.txt"
  logp_diff=$($PY - "$scratch/native.txt" "$scratch/portable.txt" <<'EOF'
import sys
def numbers(path):
    out = []
    for line in open(path):
        for field in line.replace(",", " ").split():
            try: out.append(float(field))
            except ValueError: pass
    return out
a, b = numbers(sys.argv[1]), numbers(sys.argv[2])
assert len(a) == len(b) and a, "the two builds printed different numbers of values"
print(f"{max(abs(x - y) for x, y in zip(a, b)):.2e} over {len(a)} values")
EOF
)
  rm -rf "$scratch"
  say "## Portable build (-DFLOWLAB_NATIVE=OFF)" "" \
    "\`flowlab train --dataset moons --steps $STEPS --seed 0\` from $build and from $PORTABLE_BUILD." \
    "The same trained model's log p in both builds (\`flowlab logprob\` at 1,000 of its samples): max |difference| $logp_diff." "" \
    "| build | steps/s | vs PyTorch matched | test NLL |" "|---|---|---|---|" \
    "| native | $(val steps_per_sec "$native") | $($PY -c "print(f'{$(val steps_per_sec "$native") / $torch_sps:.1f}x')") | $(val test_nll "$native") |" \
    "| portable | $(val steps_per_sec "$portable") | $($PY -c "print(f'{$(val steps_per_sec "$portable") / $torch_sps:.1f}x')") | $(val test_nll "$portable") |" ""
fi

# --- The page -------------------------------------------------------------------------------------
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'sse4_2|avx|avx2|fma|avx512f|avx512bw|avx512vl|avx512_vnni' | tr '\n' ' ')
{
  echo "# FlowLab performance"
  echo
  echo "Generated by \`STEPS=$STEPS${PORTABLE_BUILD:+ PORTABLE_BUILD=$PORTABLE_BUILD} bench/report.sh $build\` on $(date -u +%Y-%m-%d)"
  echo "at commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); CPU flags used by the"
  echo "build: $flags; compiler $(${CXX:-c++} --version | head -1); PyTorch $($PY -c 'import torch; print(torch.__version__)')."
  echo "Load while measuring: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)."
  echo
  cat "$body"
} >"$out.tmp"
mv "$out.tmp" "$out"
step "wrote $out"
