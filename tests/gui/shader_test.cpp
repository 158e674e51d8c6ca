// Tier 3: every shader program compiles and links on a real GL 3.3 context, each uniform the app
// sets exists with the type it is set as, and the heatmap pass colours a known field correctly.
#include <gtest/gtest.h>

#include <glad/gl.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "app/gl/heatmap_renderer.h"
#include "app/gl/shader_program.h"
#include "app/platform/window.h"
#include "app/plot/colormap.h"
#include "tests/gui/png_image.h"

namespace flowlab::app {
namespace {

class GlContext : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::haveDisplay()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (scripts/test does)";
    WindowOptions o;
    o.visible = false;
    o.width = 64;
    o.height = 64;
    window_ = std::make_unique<Window>(o);
    ASSERT_TRUE(window_->ok()) << window_->error();
  }
  std::unique_ptr<Window> window_;
};

std::map<std::string, GLenum> activeUniforms(unsigned program) {
  std::map<std::string, GLenum> out;
  GLint count = 0;
  glGetProgramiv(program, GL_ACTIVE_UNIFORMS, &count);
  for (GLint i = 0; i < count; ++i) {
    char name[128];
    GLsizei length = 0;
    GLint size = 0;
    GLenum type = 0;
    glGetActiveUniform(program, static_cast<GLuint>(i), sizeof name, &length, &size, &type, name);
    out[std::string(name, length)] = type;
  }
  return out;
}

TEST_F(GlContext, HeatmapProgramHasEveryUniformTheRendererSetsWithItsType) {
  ShaderProgram program;
  ASSERT_TRUE(program.build("shaders/fullscreen.vert", "shaders/heatmap.frag")) << program.error();
  const auto uniforms = activeUniforms(program.id());
  const std::map<std::string, GLenum> expected = {
      {"uField", GL_SAMPLER_2D}, {"uColormap", GL_SAMPLER_2D}, {"uLow", GL_FLOAT},
      {"uHigh", GL_FLOAT},       {"uLogScale", GL_INT},        {"uOpacity", GL_FLOAT},
  };
  for (const auto& [name, type] : expected) {
    ASSERT_TRUE(uniforms.count(name)) << name << " is not an active uniform of heatmap.frag";
    EXPECT_EQ(uniforms.at(name), type) << name;
  }
}

TEST_F(GlContext, BrokenShaderReportsFileAndLine) {
  const std::string log = annotateShaderLog("0:12(5): error: `foo' undeclared\n", "shaders/heatmap.frag");
  EXPECT_EQ(log, "shaders/heatmap.frag:12: error: `foo' undeclared");
  ShaderProgram program;
  EXPECT_FALSE(program.build("shaders/fullscreen.vert", "shaders/no_such_file.frag"));
  EXPECT_NE(program.error().find("no_such_file.frag"), std::string::npos) << program.error();
}

TEST_F(GlContext, HeatmapColoursThePeakBrightAndTheBackgroundDark) {
  // A Gaussian bump of log-densities on 32x32: the centre must come out as the colormap's top,
  // a corner as its bottom.
  const int n = 32;
  std::vector<float> logP(n * n);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const float x = (c + 0.5f) / n * 8 - 4, y = (r + 0.5f) / n * 8 - 4;
      logP[r * n + c] = -0.5f * (x * x + y * y) - std::log(2 * float(M_PI));
    }
  HeatmapRenderer renderer;
  const float peak = 1.0f / (2 * float(M_PI));
  const unsigned tex = renderer.render(logP.data(), n, n, HeatmapStyle{ColormapKind::Sequential, false, 0.0f, peak});
  ASSERT_NE(tex, 0u) << renderer.error();
  std::vector<unsigned char> rgba(n * n * 4);
  glBindTexture(GL_TEXTURE_2D, tex);
  glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  auto at = [&](int r, int c) { return &rgba[(r * n + c) * 4]; };
  const Rgb top = colormapTable(ColormapKind::Sequential)[255], bottom = colormapTable(ColormapKind::Sequential)[0];
  const unsigned char* centre = at(n / 2, n / 2);
  const unsigned char* corner = at(0, 0);
  EXPECT_NEAR(centre[0], top.r * 255, 12);
  EXPECT_NEAR(centre[1], top.g * 255, 12);
  EXPECT_NEAR(corner[0], bottom.r * 255, 4);
  EXPECT_NEAR(corner[2], bottom.b * 255, 4);
  // Log scale on [log peak - 9, log peak] brightens the tails: the corner is no longer the bottom colour.
  renderer.render(logP.data(), n, n, HeatmapStyle{ColormapKind::Sequential, true, std::log(peak) - 9.0f, std::log(peak)});
  glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  glBindTexture(GL_TEXTURE_2D, tex);
  glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  const int cornerSum = at(n / 4, n / 4)[0] + at(n / 4, n / 4)[1] + at(n / 4, n / 4)[2];
  EXPECT_GT(cornerSum, int((bottom.r + bottom.g + bottom.b) * 255) + 60);
  EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

}  // namespace
}  // namespace flowlab::app
