// Colours a W×H field of log-densities on the GPU (shaders/heatmap.frag) into a texture that
// ImGui can draw. One renderer per pane; the textures live as long as the renderer.
#pragma once

#include <cstdint>
#include <string>

#include "app/gl/shader_program.h"
#include "app/plot/colormap.h"

namespace flowlab::app {

struct HeatmapStyle {
  ColormapKind colormap = ColormapKind::Sequential;
  bool logScale = false;  // colour by log p instead of p
  float low = 0.0f;       // value at the bottom of the colormap (p, or log p when logScale)
  float high = 1.0f;      // value at the top
};

class HeatmapRenderer {
 public:
  HeatmapRenderer() = default;
  ~HeatmapRenderer();
  HeatmapRenderer(const HeatmapRenderer&) = delete;
  HeatmapRenderer& operator=(const HeatmapRenderer&) = delete;

  // logP: w*h floats, row-major from the bottom-left (core/eval/grid.h layout). Returns the GL
  // texture id of the coloured image (row 0 at the bottom), or 0 with error() set.
  unsigned render(const float* logP, int w, int h, const HeatmapStyle& style);
  // The texture of the last render if it was made for this `key` (the caller's field version) and
  // style; else 0. Lets a view skip re-uploading an unchanged field every frame.
  unsigned cached(std::uint64_t key, const HeatmapStyle& style) const;
  void setKey(std::uint64_t key) { key_ = key; }
  const std::string& error() const { return error_; }
  const ShaderProgram& program() const { return program_; }
  // Builds the program and the colormap tables; called by render().
  bool ensureReady();

 private:
  void resize(int w, int h);
  ShaderProgram program_;
  std::string error_;
  bool tried_ = false;
  unsigned vao_ = 0, fbo_ = 0, fieldTex_ = 0, outTex_ = 0;
  unsigned lut_[2] = {0, 0};
  int w_ = 0, h_ = 0;
  std::uint64_t key_ = 0;
  HeatmapStyle lastStyle_;
  bool hasRendered_ = false;
};

}  // namespace flowlab::app
