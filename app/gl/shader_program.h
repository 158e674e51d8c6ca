// A GLSL program built from files in shaders/ (loaded at run time). Compile and link errors come
// back with file:line, e.g. "shaders/heatmap.frag:12: 'foo' undeclared".
#pragma once

#include <string>

namespace flowlab::app {

class ShaderProgram {
 public:
  ShaderProgram() = default;
  ~ShaderProgram();
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  // Paths relative to dataDir() (e.g. "shaders/heatmap.frag"). Returns false and sets error().
  bool build(const std::string& vertexPath, const std::string& fragmentPath);
  bool ok() const { return program_ != 0; }
  const std::string& error() const { return error_; }
  unsigned id() const { return program_; }
  // -1 when the program has no active uniform of that name.
  int uniform(const char* name) const;

 private:
  unsigned program_ = 0;
  std::string error_;
};

// Rewrites a GLSL info log so "0:12(5): error: ..." reads "path:12: error: ...".
std::string annotateShaderLog(const std::string& log, const std::string& path);

}  // namespace flowlab::app
