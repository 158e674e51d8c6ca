#include <algorithm>
#include <chrono>
#include <cmath>

#include "app/views/lab2d/lab2d_state.h"
#include "core/eval/round_trip.h"

namespace flowlab::app {
namespace {

constexpr int kGridLines = 17;
constexpr int kGridVertices = 96;
constexpr int kPatchesPerAxis = 11;

Rect dataRect(const ViewSettings& v) { return Rect{v.xMin, v.xMax, v.yMin, v.yMax}; }

StageFields computeStage(const Flow& full, int k, const Rect& zRect, const Rect& xRect, int resolution) {
  StageFields st;
  st.layers = k;
  const Flow shown = full.prefix(k);
  st.validity = shown.validate();
  st.density = densityGrid(shown, GridSpec{xRect, resolution, resolution});
  st.grid = warpGridLines(shown, zRect, kGridLines, kGridVertices);
  st.patches = jacobianPatches(shown, zRect, kPatchesPerAxis, kPatchesPerAxis, 0.45);
  return st;
}

}  // namespace

int enabledLayers(const Lab2DState& s) { return s.scene.flow.enabledCount(); }

void morphPosition(const Lab2DState& s, int& k, double& t) {
  const int K = enabledLayers(s);
  const double p = s.position < 0 ? K : std::clamp(s.position, 0.0, double(K));
  k = std::min(K, static_cast<int>(std::floor(p)));
  t = p - k;
  if (k == K) t = 0.0;
}

void recompute(Lab2DState& s) {
  if (!s.dirty) return;
  s.dirty = false;
  const auto start = std::chrono::steady_clock::now();
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  // While a handle or slider is dragged, a coarse density keeps the view in step with the mouse.
  const int res = (s.interacting && s.coarseWhileDragging) ? std::min(s.resolution, 128) : s.resolution;
  Lab2DFields& f = s.fields;
  const Rect xRect = dataRect(s.scene.view);
  f.resolution = res;
  f.from = computeStage(s.scene.flow, k, s.baseRect, xRect, res);
  if (t > 0.0)
    f.to = computeStage(s.scene.flow, k + 1, s.baseRect, xRect, res);
  else
    f.to = f.from;
  const Flow identity(2);
  if (!f.baseDensity.ok() || f.baseDensity.value.logProb.size() != res * res)
    f.baseDensity = densityGrid(identity, GridSpec{s.baseRect, res, res});
  f.baseGrid = warpGridLines(identity, s.baseRect, kGridLines, kGridVertices);
  f.clouds = layerSampleClouds(s.scene.flow, std::clamp(s.scene.view.samples, 100, 20000), s.scene.view.seed);
  ++f.version;
  f.computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace flowlab::app
