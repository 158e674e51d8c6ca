#include "app/gl/heatmap_renderer.h"

#include <glad/gl.h>

#include <vector>

namespace flowlab::app {
namespace {

unsigned makeLut(ColormapKind kind) {
  std::vector<unsigned char> rgba(256 * 4);
  const auto& table = colormapTable(kind);
  for (int i = 0; i < 256; ++i) {
    rgba[4 * i + 0] = static_cast<unsigned char>(table[i].r * 255.0f + 0.5f);
    rgba[4 * i + 1] = static_cast<unsigned char>(table[i].g * 255.0f + 0.5f);
    rgba[4 * i + 2] = static_cast<unsigned char>(table[i].b * 255.0f + 0.5f);
    rgba[4 * i + 3] = 255;
  }
  unsigned tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return tex;
}

void setFilters(GLint filter) {
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

}  // namespace

HeatmapRenderer::~HeatmapRenderer() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  const unsigned textures[] = {fieldTex_, outTex_, lut_[0], lut_[1]};
  for (unsigned t : textures)
    if (t) glDeleteTextures(1, &t);
}

bool HeatmapRenderer::ensureReady() {
  if (program_.ok()) return true;
  if (tried_) return false;  // a broken shader is reported once, not rebuilt every frame
  tried_ = true;
  if (!program_.build("shaders/fullscreen.vert", "shaders/heatmap.frag")) {
    error_ = program_.error();
    return false;
  }
  glGenVertexArrays(1, &vao_);  // a core profile needs a bound VAO even without vertex buffers
  glGenFramebuffers(1, &fbo_);
  lut_[0] = makeLut(ColormapKind::Sequential);
  lut_[1] = makeLut(ColormapKind::Diverging);
  return true;
}

void HeatmapRenderer::resize(int w, int h) {
  if (w == w_ && h == h_) return;
  w_ = w;
  h_ = h;
  if (!fieldTex_) glGenTextures(1, &fieldTex_);
  glBindTexture(GL_TEXTURE_2D, fieldTex_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, w, h, 0, GL_RED, GL_FLOAT, nullptr);
  setFilters(GL_NEAREST);
  if (!outTex_) glGenTextures(1, &outTex_);
  glBindTexture(GL_TEXTURE_2D, outTex_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  setFilters(GL_LINEAR);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, outTex_, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

unsigned HeatmapRenderer::cached(std::uint64_t key, const HeatmapStyle& style) const {
  const bool same = hasRendered_ && key == key_ && style.colormap == lastStyle_.colormap &&
                    style.logScale == lastStyle_.logScale && style.low == lastStyle_.low && style.high == lastStyle_.high;
  return same ? outTex_ : 0;
}

unsigned HeatmapRenderer::render(const float* logP, int w, int h, const HeatmapStyle& style) {
  if (w <= 0 || h <= 0 || !ensureReady()) return 0;
  lastStyle_ = style;
  hasRendered_ = true;
  GLint previousFbo = 0, viewport[4];
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFbo);
  glGetIntegerv(GL_VIEWPORT, viewport);
  resize(w, h);
  glBindTexture(GL_TEXTURE_2D, fieldTex_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RED, GL_FLOAT, logP);

  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, w, h);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(program_.id());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, fieldTex_);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, lut_[style.colormap == ColormapKind::Sequential ? 0 : 1]);
  glUniform1i(program_.uniform("uField"), 0);
  glUniform1i(program_.uniform("uColormap"), 1);
  glUniform1f(program_.uniform("uLow"), style.low);
  glUniform1f(program_.uniform("uHigh"), style.high);
  glUniform1i(program_.uniform("uLogScale"), style.logScale ? 1 : 0);
  glUniform1f(program_.uniform("uOpacity"), 1.0f);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray(0);
  glActiveTexture(GL_TEXTURE0);
  glUseProgram(0);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFbo));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  return outTex_;
}

}  // namespace flowlab::app
