// The 2D lab's fields, from the engine, through a cache of stages: each prefix k of the stack at
// each resolution is computed once per edit, so Play, stepping and redraws reuse what they have.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/views/lab2d/lab2d_state.h"
#include "core/eval/round_trip.h"

namespace flowlab::app {
namespace {

constexpr int kGridLines = 17;
constexpr int kGridVertices = 96;
constexpr int kPatchesPerAxis = 11;

}  // namespace

std::uint64_t nextFieldId() {
  static std::uint64_t id = 0;
  return ++id;
}

namespace {

StageFields computeStage(const Flow& full, int k, const Rect& zRect, const Rect& xRect, int resolution) {
  StageFields st;
  st.layers = k;
  st.id = nextFieldId();
  const Flow shown = full.prefix(k);
  st.validity = shown.validate();
  st.density = densityGrid(shown, GridSpec{xRect, resolution, resolution});
  st.grid = warpGridLines(shown, zRect, kGridLines, kGridVertices);
  st.patches = jacobianPatches(shown, zRect, kPatchesPerAxis, kPatchesPerAxis, 0.45);
  return st;
}

void appendNumber(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g,", v);
  out += buf;
}

// What the fields depend on apart from k and the resolution: every layer (identity, type, enabled,
// parameters; learned weights cannot change in the lab, so a layer's identity stands for them).
std::string flowSignature(const Flow& flow) {
  std::string sig;
  for (int i = 0; i < flow.layerCount(); ++i) {
    const Bijector& layer = flow.layer(i);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%p:%s:%d:", static_cast<const void*>(&layer), layer.type().c_str(),
                  flow.isEnabled(i) ? 1 : 0);
    sig += buf;
    for (const auto& p : layer.parameters()) appendNumber(sig, p.value);
    sig += ';';
  }
  return sig;
}

}  // namespace

std::string rectSignature(const Rect& r) {
  std::string sig;
  for (double v : {r.xMin, r.xMax, r.yMin, r.yMax}) appendNumber(sig, v);
  return sig;
}

namespace {

const StageFields& cachedStage(Lab2DState& s, int k, int res, const Rect& xRect) {
  auto it = s.cache.stages.find({k, res});
  if (it == s.cache.stages.end()) {
    it = s.cache.stages.emplace(std::pair{k, res}, computeStage(s.scene.flow, k, s.baseRect, xRect, res)).first;
    ++s.cache.computed;
  }
  return it->second;
}

}  // namespace

const char* colourScaleName(ColourScale c) {
  return c == ColourScale::PerPane ? "per_pane" : c == ColourScale::Log ? "log" : "shared";
}

bool parseColourScale(const std::string& name, ColourScale& out) {
  for (ColourScale c : {ColourScale::Shared, ColourScale::PerPane, ColourScale::Log})
    if (name == colourScaleName(c)) {
      out = c;
      return true;
    }
  return false;
}

Rect dataRect(const Lab2DState& s) {
  const ViewSettings& v = s.scene.view;
  return Rect{v.xMin, v.xMax, v.yMin, v.yMax};
}

void setDataRect(Lab2DState& s, const Rect& r) {
  ViewSettings& v = s.scene.view;
  v.xMin = r.xMin, v.xMax = r.xMax, v.yMin = r.yMin, v.yMax = r.yMax;
  s.dirty = true;
}

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
  // The same resolution while a handle or slider is dragged or the morph plays: the engine's field
  // at 256² keeps in step with a drag (bench/lab/inverse_solvers_bench.cpp), so no coarse fallback.
  const int res = s.resolution;
  Lab2DFields& f = s.fields;
  const Rect xRect = dataRect(s);
  const std::string flowSig = flowSignature(s.scene.flow);
  const std::string signature = flowSig + "|" + rectSignature(s.baseRect) + rectSignature(xRect);
  if (signature != s.cache.signature) {
    s.cache.signature = signature;
    s.cache.stages.clear();
  }
  f.resolution = res;
  const StageFields& from = cachedStage(s, k, res, xRect);
  if (f.from.id != from.id) f.from = from;
  const StageFields& to = t > 0.0 ? cachedStage(s, k + 1, res, xRect) : from;
  if (f.to.id != to.id) f.to = to;
  const Flow identity(2);
  const GridSpec baseSpec{s.baseRect, res, res};
  if (!f.baseDensity.ok() || f.baseDensity.value.grid.width != res || rectSignature(f.baseDensity.value.grid.rect) !=
                                                                           rectSignature(s.baseRect)) {
    f.baseDensity = densityGrid(identity, baseSpec);
    f.baseId = nextFieldId();
    f.baseGrid = warpGridLines(identity, s.baseRect, kGridLines, kGridVertices);
  }
  if (s.cache.cloudSignature != flowSig || !s.cache.clouds.ok()) {
    s.cache.cloudSignature = flowSig;
    s.cache.clouds = layerSampleClouds(s.scene.flow, std::clamp(s.scene.view.samples, 100, 20000), s.scene.view.seed);
  }
  f.clouds = s.cache.clouds;
  recomputeEvidence(s, flowSig, res);
  ++f.version;
  f.computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace flowlab::app
