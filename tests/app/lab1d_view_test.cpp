// The 1D lab on a null ImGui context (tier 2): the fields the engine computes for every preset,
// the invalid state and its recovery, the layer slider, idle frames, and a drag undone by Ctrl+Z.
#include "app/views/lab1d/lab1d_view.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <set>
#include <string>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/ui/preset_catalog.h"
#include "app/ui/shell.h"
#include "app/views/lab1d/lab1d_layout.h"
#include "app/views/lab1d/lab1d_text.h"
#include "app/views/view_registry.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

std::string scenePath(const std::string& stem) { return (dataDir() / "assets" / "scenes" / (stem + ".json")).string(); }

double normalPdf(double x, double mean, double sd) {
  const double u = (x - mean) / sd;
  return std::exp(-0.5 * u * u) / (sd * std::sqrt(2.0 * std::numbers::pi));
}

// Index of the parameter called `name` in `layer`, or -1.
int parameterIndex(const Bijector& layer, const std::string& name) {
  const auto params = layer.parameters();
  for (int i = 0; i < static_cast<int>(params.size()); ++i)
    if (params[i].name == name) return i;
  return -1;
}

std::vector<double> allParameters(const Flow& flow) {
  std::vector<double> out;
  for (int i = 0; i < flow.layerCount(); ++i)
    for (const auto& p : flow.layer(i).parameters()) out.push_back(p.value);
  return out;
}

// "" when every field that claims ok() holds only finite numbers; else which one does not.
std::string nonFiniteField(const Lab1DFields& f) {
  if (f.curve.ok() && !(f.curve.value.x.allFinite() && f.curve.value.z.allFinite() && f.curve.value.slope.allFinite()))
    return "curve";
  if (f.baseDensity.ok() && !f.baseDensity.value.density.allFinite()) return "baseDensity";
  if (f.dataDensity.ok() && !(f.dataDensity.value.density.allFinite() && f.dataDensity.value.logProb.allFinite()))
    return "dataDensity";
  if (f.bands.ok() && !(f.bands.value.zEdges.allFinite() && f.bands.value.xEdges.allFinite())) return "bands";
  if (f.histogram.ok() && !f.histogram.value.density.allFinite()) return "histogram";
  if (f.mass.ok() && !std::isfinite(f.mass.value.total())) return "mass";
  return "";
}

class Lab1DViewTest : public ::testing::Test {
 protected:
  Lab1DViewTest() {
    state.views = makeViews();
    state.activate("1d");
    view = dynamic_cast<Lab1DView*>(state.findView("1d"));
  }
  void SetUp() override { ASSERT_NE(view, nullptr) << "no view with id 1d"; }

  Lab1DState& lab() { return view->labState(); }
  // Opens a bundled scene in the lab and recomputes its fields, as a frame would.
  void open(const std::string& stem) {
    ASSERT_TRUE(view->openScene(state, scenePath(stem))) << stem;
    recompute(lab());
  }
  // Sets a parameter of layer `layer` through the flow, then recomputes.
  void setParameter(int layer, const std::string& name, double value) {
    Bijector& b = lab().scene.flow.layer(layer);
    const int index = parameterIndex(b, name);
    ASSERT_GE(index, 0) << name;
    b.setParameter(index, value);
    lab().dirty = true;
    recompute(lab());
  }
  void shellFrame() { imgui.frame([&] { drawShell(state); }); }
  // The lab's panels as the shell laid them out in a frame drawn now.
  Lab1DLayout currentLayout() {
    shellFrame();
    EXPECT_TRUE(lab().layout.has_value());
    return *lab().layout;
  }
  void resize(float w, float h) { ImGui::GetIO().DisplaySize = ImVec2(w, h); }

  test::NullImGui imgui;
  AppState state;
  Lab1DView* view = nullptr;
};

TEST_F(Lab1DViewTest, EveryBundledPresetOpensWithCompleteFieldsAndUnitMass) {
  std::set<std::string> stems;
  for (const auto& p : presets(1)) stems.insert(std::filesystem::path(p.path).stem().string());
  for (const char* expected : {"affine_1d", "sine_1d", "composition_1d", "sinh_arcsinh_1d", "bimodal_spline_1d",
                               "sine_noninvertible_1d", "spike_1d"})
    EXPECT_EQ(stems.count(expected), 1u) << expected << " is not offered as a 1D preset";

  for (const auto& stem : stems) {
    SCOPED_TRACE(stem);
    open(stem);
    const Lab1DFields& f = lab().fields;
    EXPECT_EQ(nonFiniteField(f), "");
    ASSERT_TRUE(f.curve.ok()) << f.curve.status.message();
    EXPECT_EQ(f.curve.value.z.size(), lab().curvePoints);
    ASSERT_TRUE(f.baseDensity.ok());
    if (stem == "sine_noninvertible_1d") {
      EXPECT_FALSE(f.validity.ok());
      EXPECT_FALSE(f.curve.value.nonIncreasing.empty());
      EXPECT_FALSE(f.dataDensity.ok());
      EXPECT_FALSE(f.mass.ok());
      continue;
    }
    ASSERT_TRUE(f.validity.ok()) << f.validity.message();
    EXPECT_TRUE(f.curve.value.nonIncreasing.empty());
    ASSERT_TRUE(f.dataDensity.ok()) << f.dataDensity.status.message();
    ASSERT_EQ(f.dataDensity.value.x.size(), lab().curvePoints);
    EXPECT_DOUBLE_EQ(f.dataDensity.value.x(0), lab().scene.view.xMin);
    ASSERT_TRUE(f.bands.ok()) << f.bands.status.message();
    ASSERT_EQ(f.bands.value.xEdges.size(), 9);  // deciles
    for (int i = 0; i + 1 < 9; ++i) EXPECT_LT(f.bands.value.xEdges(i), f.bands.value.xEdges(i + 1));
    ASSERT_TRUE(f.histogram.ok()) << f.histogram.status.message();
    EXPECT_EQ(f.histogram.value.total, lab().samples);
    EXPECT_GT(f.histogram.value.counts.sum(), 0.9 * lab().samples);  // the window holds most samples
    ASSERT_TRUE(f.mass.ok()) << f.mass.status.message();
    EXPECT_NEAR(f.mass.value.total(), 1.0, 1e-4);
    // The drawn p_X curve integrates (trapezoid) to the gauge's in-window mass.
    const Vector& p = f.dataDensity.value.density;
    const double h = f.dataDensity.value.x(1) - f.dataDensity.value.x(0);
    const double trapezoid = h * (p.sum() - 0.5 * (p(0) + p(p.size() - 1)));
    EXPECT_NEAR(trapezoid, f.mass.value.visible, 1e-3);
  }
}

TEST_F(Lab1DViewTest, TwoDimensionalOrMalformedSceneIsRefusedAndTheSceneStays) {
  open("affine_1d");
  const std::vector<double> before = allParameters(lab().scene.flow);
  EXPECT_FALSE(view->openScene(state, scenePath("banana")));
  ASSERT_NE(state.messages.latest(), nullptr);
  EXPECT_EQ(state.messages.latest()->severity, Severity::Error);
  EXPECT_NE(state.messages.latest()->text.find("dim = 2"), std::string::npos) << state.messages.latest()->text;
  EXPECT_EQ(allParameters(lab().scene.flow), before);

  const auto bad = std::filesystem::temp_directory_path() / "flowlab_lab1d_view_test_bad.json";
  std::ofstream(bad) << "{\"version\": 1, \"dim\": 1, \"layers\": [ {\"type\": \"sine\", \"a\": ";
  EXPECT_FALSE(view->openScene(state, bad.string()));
  EXPECT_NE(state.messages.latest()->text.find(bad.string()), std::string::npos) << state.messages.latest()->text;
  EXPECT_EQ(allParameters(lab().scene.flow), before);
  EXPECT_EQ(lab().scene.flow.layer(0).type(), "affine");
  std::filesystem::remove(bad);
}

TEST_F(Lab1DViewTest, SineAmplitudeOneAndAHalfShowsTheFoldThenRecovers) {
  open("sine_1d");
  ASSERT_TRUE(lab().fields.validity.ok());
  setParameter(0, "a", 1.5);
  const Lab1DFields& f = lab().fields;
  ASSERT_FALSE(f.validity.ok());
  EXPECT_NE(f.validity.message().find("layer 1 (sine)"), std::string::npos) << f.validity.message();
  ASSERT_TRUE(f.curve.ok()) << "the folded curve is what the view must show";
  ASSERT_FALSE(f.curve.value.nonIncreasing.empty());
  // f'(z) = 1 + 1.5 cos z < 0 at z = π: that point lies in a highlighted interval.
  bool coversPi = false;
  for (const auto& [z0, z1] : f.curve.value.nonIncreasing) coversPi |= z0 <= std::numbers::pi && std::numbers::pi <= z1;
  EXPECT_TRUE(coversPi);
  EXPECT_EQ(nonFiniteField(f), "");
  EXPECT_FALSE(f.dataDensity.ok());
  EXPECT_FALSE(f.mass.ok());
  // Drawing the invalid state works (no assertion inside ImGui, no NaN geometry).
  for (int i = 0; i < 2; ++i) shellFrame();

  setParameter(0, "a", 0.9);
  EXPECT_TRUE(f.validity.ok()) << f.validity.message();
  EXPECT_TRUE(f.curve.value.nonIncreasing.empty());
  ASSERT_TRUE(f.dataDensity.ok());
  ASSERT_TRUE(f.mass.ok());
  EXPECT_NEAR(f.mass.value.total(), 1.0, 1e-4);
  EXPECT_TRUE(f.histogram.ok());
}

TEST_F(Lab1DViewTest, NaNParameterGivesACleanInvalidStatus) {
  open("sine_1d");
  setParameter(0, "a", std::numeric_limits<double>::quiet_NaN());
  const Lab1DFields& f = lab().fields;
  ASSERT_FALSE(f.validity.ok());
  EXPECT_NE(f.validity.message().find("layer 1 (sine)"), std::string::npos) << f.validity.message();
  EXPECT_NE(f.validity.message().find("not finite"), std::string::npos) << f.validity.message();
  EXPECT_EQ(nonFiniteField(f), "");
  EXPECT_FALSE(f.dataDensity.ok());
  EXPECT_FALSE(f.mass.ok());
  for (int i = 0; i < 2; ++i) shellFrame();
  setParameter(0, "a", 0.5);
  EXPECT_TRUE(f.validity.ok());
  EXPECT_TRUE(f.mass.ok());
}

TEST_F(Lab1DViewTest, AffineSlopeZeroHighlightsTheWholeCurve) {
  open("affine_1d");
  setParameter(0, "a", 0.0);
  const Lab1DFields& f = lab().fields;
  ASSERT_FALSE(f.validity.ok());
  EXPECT_NE(f.validity.message().find("layer 1 (affine)"), std::string::npos) << f.validity.message();
  ASSERT_TRUE(f.curve.ok());
  ASSERT_EQ(f.curve.value.nonIncreasing.size(), 1u);
  EXPECT_DOUBLE_EQ(f.curve.value.nonIncreasing[0].first, lab().zMin);
  EXPECT_DOUBLE_EQ(f.curve.value.nonIncreasing[0].second, lab().zMax);
  EXPECT_EQ(nonFiniteField(f), "");
  setParameter(0, "a", 2.0);
  EXPECT_TRUE(f.validity.ok());
}

TEST_F(Lab1DViewTest, LayerSliderAtZeroShowsTheBaseDensity) {
  open("composition_1d");  // affine x = 2z + 1, then sine
  // Same window on both axes, so p_X and p_Z are sampled at the same points.
  lab().scene.view.xMin = lab().zMin;
  lab().scene.view.xMax = lab().zMax;
  lab().visibleLayers = 0;
  lab().dirty = true;
  recompute(lab());
  const Lab1DFields& f = lab().fields;
  ASSERT_TRUE(f.dataDensity.ok() && f.baseDensity.ok());
  ASSERT_EQ(f.dataDensity.value.x.size(), f.baseDensity.value.x.size());
  EXPECT_LT((f.dataDensity.value.density - f.baseDensity.value.density).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(f.dataDensity.value.density(f.dataDensity.value.x.size() / 2), normalPdf(0.0, 0, 1), 1e-5);
  ASSERT_TRUE(f.mass.ok());
  EXPECT_NEAR(f.mass.value.total(), 1.0, 1e-4);

  // k = 1: the affine layer alone, p_X = N(1, 2²).
  lab().visibleLayers = 1;
  lab().dirty = true;
  recompute(lab());
  double worst = 0;
  for (int i = 0; i < f.dataDensity.value.x.size(); ++i)
    worst = std::max(worst, std::abs(f.dataDensity.value.density(i) - normalPdf(f.dataDensity.value.x(i), 1, 2)));
  EXPECT_LT(worst, 1e-12);

  // k = K: the sine layer changes it visibly.
  lab().visibleLayers = -1;
  lab().dirty = true;
  recompute(lab());
  worst = 0;
  for (int i = 0; i < f.dataDensity.value.x.size(); ++i)
    worst = std::max(worst, std::abs(f.dataDensity.value.density(i) - normalPdf(f.dataDensity.value.x(i), 1, 2)));
  EXPECT_GT(worst, 0.01);
}

TEST_F(Lab1DViewTest, IdleFramesEditNothingEvenWithTheMouseOverAKnot) {
  open("bimodal_spline_1d");  // one layer, so its knots are drag handles
  const std::vector<double> before = allParameters(lab().scene.flow);
  const bool couldUndo = lab().editor.history.canUndo();
  for (int i = 0; i < 30; ++i) shellFrame();
  EXPECT_EQ(allParameters(lab().scene.flow), before);
  EXPECT_FALSE(lab().dirty);

  // Hovering (no button) over the knot at (0, 0): a readout, still no edit.
  const Lab1DLayout l = currentLayout();
  ImGui::GetIO().MousePos = l.curve.toPixels(0.0, 0.0);
  for (int i = 0; i < 30; ++i) shellFrame();
  EXPECT_EQ(allParameters(lab().scene.flow), before);
  EXPECT_EQ(lab().editor.history.canUndo(), couldUndo);
  EXPECT_FALSE(lab().editor.history.canRedo());
  EXPECT_EQ(lab().dragKnot, -1);
  EXPECT_EQ(lab().visibleLayers, -1);
  ASSERT_TRUE(lab().hover.has_value()) << lab().hoverError;
  EXPECT_NEAR(lab().hover->z(0), 0.0, 0.05);
  EXPECT_NEAR(lab().hover->x(0), 0.0, 0.05);
  const Expected<Vector> lp = lab().scene.flow.logProb(lab().hover->x);
  ASSERT_TRUE(lp.ok());
  EXPECT_NEAR(lab().hover->logPx, lp.value(0), 1e-9);
  for (const auto& m : state.messages.all()) EXPECT_NE(m.severity, Severity::Error) << m.text;
}

TEST_F(Lab1DViewTest, DraggingTheAffineLineMovesBInTheSameFrameAndCtrlZUndoesIt) {
  open("affine_1d");  // x = 2z + 1
  for (int i = 0; i < 2; ++i) shellFrame();
  const Lab1DLayout l = currentLayout();
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 grab = l.curve.toPixels(0.5, 2.0);  // on the line
  io.MousePos = grab;
  shellFrame();
  io.MouseDown[0] = true;
  shellFrame();
  ASSERT_TRUE(lab().dragCurve) << "the press on the line did not start a drag";
  io.MousePos = ImVec2(grab.x, grab.y - 40.0f);
  shellFrame();
  double mz = 0, mx = 0;
  l.curve.toData(io.MousePos, mz, mx);
  const double dragged = mx - 2.0 * mz;
  const Bijector& layer = lab().scene.flow.layer(0);
  ASSERT_EQ(layer.type(), "affine");
  EXPECT_NEAR(layer.parameters()[1].value, dragged, 1e-9);
  EXPECT_GT(dragged, 1.5);  // 40 px up is well over half a unit of x here
  EXPECT_DOUBLE_EQ(layer.parameters()[0].value, 2.0);
  // Same frame: the bands' median edge is f(0) = b, and the gauge still reads 1.
  ASSERT_TRUE(lab().fields.bands.ok());
  EXPECT_NEAR(lab().fields.bands.value.xEdges(4), dragged, 1e-9);
  ASSERT_TRUE(lab().fields.mass.ok());
  EXPECT_NEAR(lab().fields.mass.value.total(), 1.0, 1e-4);
  io.MouseDown[0] = false;
  shellFrame();
  EXPECT_FALSE(lab().dragCurve);

  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  imgui.pressKey(keys::Z, true, [&] { drawShell(state); });
  ASSERT_EQ(lab().scene.flow.layer(0).type(), "affine");
  EXPECT_DOUBLE_EQ(lab().scene.flow.layer(0).parameters()[1].value, 1.0);
  EXPECT_DOUBLE_EQ(lab().scene.flow.layer(0).parameters()[0].value, 2.0);
  EXPECT_NEAR(lab().fields.bands.value.xEdges(4), 1.0, 1e-12);
  imgui.pressKey(keys::Y, true, [&] { drawShell(state); });
  EXPECT_NEAR(lab().scene.flow.layer(0).parameters()[1].value, dragged, 1e-9);
}

// Length in pixels of density p drawn in each panel.
double dataLength(const Lab1DLayout& l, double p) {
  return l.dataPanel.toPixels(0.0, 0.0).x - l.dataPanel.toPixels(p, 0.0).x;
}
double baseLength(const Lab1DLayout& l, double p) {
  return l.basePanel.toPixels(0.0, 0.0).y - l.basePanel.toPixels(0.0, p).y;
}

TEST_F(Lab1DViewTest, OneDensityIsDrawnAtOneLengthInBothPanelsAtEverySize) {
  for (const char* stem : {"sine_1d", "affine_1d", "composition_1d", "bimodal_spline_1d"}) {
    open(stem);
    for (const auto& [w, h] : {std::pair{1280.f, 720.f}, std::pair{1600.f, 1000.f}, std::pair{1024.f, 768.f}}) {
      SCOPED_TRACE(std::string(stem) + " at " + std::to_string(int(w)) + "x" + std::to_string(int(h)));
      resize(w, h);
      const Lab1DLayout l = currentLayout();
      EXPECT_GT(basePixelsPerDensity(l), 100.0);
      EXPECT_NEAR(dataPixelsPerDensity(l), basePixelsPerDensity(l), 1e-9);
      // p_Z's peak (1/sqrt(2 pi)) as long in the p_X panel as in the p_Z panel, and inside both.
      const double peak = normalPdf(0, 0, 1);
      EXPECT_NEAR(dataLength(l, peak), baseLength(l, peak), 0.01);
      EXPECT_LT(baseLength(l, peak), l.basePanel.max().y - l.basePanel.min().y);
      EXPECT_LT(dataLength(l, peak), l.dataPanel.max().x - l.dataPanel.min().x);
    }
  }
}

TEST_F(Lab1DViewTest, EditingTheMapKeepsTheDensityScaleAndFitChoosesItAgain) {
  open("affine_1d");  // x = 2z + 1: p_X peak 0.2, p_Z peak 0.4
  resize(1280, 720);
  const Lab1DLayout before = currentLayout();
  const double top = lab().densityTop;
  EXPECT_NEAR(top, 1.1 * normalPdf(0, 0, 1), 1e-3);
  // The slope drops to 0.5: p_X's peak (0.8) is twice p_Z's. p_Z must be drawn exactly as before.
  setParameter(0, "a", 0.5);
  const Lab1DLayout after = currentLayout();
  EXPECT_EQ(lab().densityTop, top);
  EXPECT_DOUBLE_EQ(basePixelsPerDensity(after), basePixelsPerDensity(before));
  EXPECT_DOUBLE_EQ(dataPixelsPerDensity(after), dataPixelsPerDensity(before));
  // ... and p_X runs off its panel at x = b, marked there.
  ASSERT_EQ(lab().drawn.clipMarks.size(), 1u);
  EXPECT_NEAR(lab().drawn.clipMarks[0].y, after.dataPanel.toPixels(0.0, 1.0).y, 2.0);
  EXPECT_NEAR(lab().drawn.clipMarks[0].x, after.dataPanel.min().x, 1.0);
  bool labelled = false;
  for (const auto& label : lab().drawn.labels) labelled |= label.text.find("clipped") != std::string::npos;
  EXPECT_TRUE(labelled);
  // Fit: the range now takes in p_X up to twice p_Z's peak, and no more.
  lab().refitDensity = true;
  currentLayout();
  EXPECT_NEAR(lab().densityTop, 1.1 * 2.0 * normalPdf(0, 0, 1), 1e-3);
  // Opening a scene fits again too.
  open("affine_1d");
  currentLayout();
  EXPECT_NEAR(lab().densityTop, top, 1e-12);
  EXPECT_TRUE(lab().drawn.clipMarks.empty());
}

TEST_F(Lab1DViewTest, LayoutHasNoOverlapOrClippingFromSmallScreensToFourK) {
  for (const auto& p : presets(1)) {
    open(std::filesystem::path(p.path).stem().string());
    for (const auto& [w, h] : {std::pair{1024.f, 768.f}, std::pair{1280.f, 720.f}, std::pair{1920.f, 1080.f},
                              std::pair{3840.f, 2160.f}}) {
      SCOPED_TRACE(p.path + " at " + std::to_string(int(w)) + "x" + std::to_string(int(h)));
      resize(w, h);
      // The longest readout: the pointer over the curve, with one term per layer.
      const Lab1DLayout probe = currentLayout();
      ImGui::GetIO().MousePos = probe.curve.toPixels(0.3, 0.0);
      const Lab1DLayout l = currentLayout();
      if (lab().fields.validity.ok()) {
        EXPECT_TRUE(lab().hover.has_value()) << lab().hoverError;
      }
      const Lab1DLayoutProblems problems = checkLab1DLayout(l, lab().drawn);
      EXPECT_EQ(problems.total(), 0) << problems.first;
      EXPECT_EQ(lab().drawn.readoutOverflow, 0.0f);
      EXPECT_GT(lab().drawn.labels.size(), 20u);
      for (const PlotFrame* f : {&l.curve, &l.dataPanel, &l.basePanel}) {
        EXPECT_GE(f->min().x, l.canvasMin.x);
        EXPECT_LE(f->max().x, l.canvasMax.x);
        EXPECT_GE(f->min().y, l.canvasMin.y);
        EXPECT_LE(f->max().y, l.canvasMax.y);
        EXPECT_GT(f->max().x - f->min().x, 100.0f);
        EXPECT_GT(f->max().y - f->min().y, 100.0f);
      }
      ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    }
  }
}

TEST_F(Lab1DViewTest, WrappedTextBreaksAtSpacesOnlyAndNeverInsideANumber) {
  imgui.frame([&] {
    const std::string text = "x = z + 0.9 sin(z): invertible because |a omega| = 0.9 < 1, here 12.345.";
    for (float width : {40.f, 80.f, 120.f, 200.f, 400.f}) {
      const std::string w = wrapLabelAtSpaces(text, width);
      std::string joined = w;
      std::replace(joined.begin(), joined.end(), '\n', ' ');
      EXPECT_EQ(joined, text) << width;  // only spaces became line breaks
      EXPECT_NE(w.find("0.9"), std::string::npos);
      EXPECT_NE(w.find("12.345"), std::string::npos);
      // Lines of more than one word fit the width.
      size_t start = 0;
      while (start <= w.size()) {
        const size_t end = std::min(w.find('\n', start), w.size());
        const std::string line = w.substr(start, end - start);
        if (line.find(' ') != std::string::npos) {
          EXPECT_LE(ImGui::CalcTextSize(line.c_str()).x, width) << line;
        }
        start = end + 1;
      }
    }
    EXPECT_EQ(wrapLabelAtSpaces("one\ntwo three", 1000.f), "one\ntwo three");
  });
}

TEST_F(Lab1DViewTest, PresetTextsAreTeachingLanguageWithoutBuildReferences) {
  int count = 0;
  for (const auto& p : presets(1)) {
    ++count;
    auto scene = loadSceneFile(p.path);
    ASSERT_TRUE(scene.ok()) << p.path;
    for (const std::string& text : {scene.value.name, scene.value.description}) {
      SCOPED_TRACE(p.path + ": " + text);
      EXPECT_FALSE(text.empty());
      std::string lower = text;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      EXPECT_EQ(lower.find("seed"), std::string::npos);
      EXPECT_EQ(lower.find("issue"), std::string::npos);
      EXPECT_EQ(lower.find("as written"), std::string::npos);
      // No zero-padded build numbers such as "003".
      for (size_t i = 0; i + 2 < text.size(); ++i)
        EXPECT_FALSE(text[i] == '0' && std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
                     (i == 0 || (!std::isdigit(static_cast<unsigned char>(text[i - 1])) && text[i - 1] != '.')))
            << "at " << i;
    }
  }
  EXPECT_EQ(count, 7);
}

}  // namespace
}  // namespace flowlab::app
