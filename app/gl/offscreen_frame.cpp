#include "app/gl/offscreen_frame.h"

#include <glad/gl.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace flowlab::app {

FramePixels renderOffscreen(ImDrawData* drawData, int width, int height, const float clear[3]) {
  FramePixels out;
  GLint maxSize = 0;
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
  if (!drawData || width <= 0 || height <= 0 || width > maxSize || height > maxSize) return out;
  GLint previous = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
  GLuint fbo = 0, colour = 0;
  glGenFramebuffers(1, &fbo);
  glGenRenderbuffers(1, &colour);
  glBindRenderbuffer(GL_RENDERBUFFER, colour);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
    glViewport(0, 0, width, height);
    glClearColor(clear[0], clear[1], clear[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(drawData);
    std::vector<unsigned char> pixels(size_t(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_COLOR_ATTACHMENT0);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    out.width = width, out.height = height;
    out.rgb.resize(pixels.size());
    const size_t row = size_t(width) * 3;  // GL's rows go bottom-up, pictures' top-down
    for (int y = 0; y < height; ++y) std::memcpy(&out.rgb[y * row], &pixels[(height - 1 - y) * row], row);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous));
  glDeleteRenderbuffers(1, &colour);
  glDeleteFramebuffers(1, &fbo);
  return out;
}

FramePixels cropPixels(const FramePixels& p, int x, int y, int w, int h) {
  const int x0 = std::clamp(x, 0, p.width), y0 = std::clamp(y, 0, p.height);
  const int x1 = std::clamp(x + w, x0, p.width), y1 = std::clamp(y + h, y0, p.height);
  FramePixels out;
  out.width = x1 - x0, out.height = y1 - y0;
  out.rgb.resize(size_t(out.width) * out.height * 3);
  for (int r = 0; r < out.height; ++r)
    std::memcpy(&out.rgb[size_t(r) * out.width * 3], &p.rgb[(size_t(y0 + r) * p.width + x0) * 3], size_t(out.width) * 3);
  return out;
}

}  // namespace flowlab::app
