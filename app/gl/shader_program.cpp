#include "app/gl/shader_program.h"

#include <glad/gl.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "app/platform/config_paths.h"

namespace flowlab::app {
namespace {

bool readFile(const std::string& path, std::string& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

unsigned compile(GLenum kind, const std::string& path, std::string& error) {
  std::string source;
  const std::string full = (dataDir() / path).string();
  if (!readFile(full, source)) {
    error = full + ": cannot read shader file";
    return 0;
  }
  const unsigned shader = glCreateShader(kind);
  const char* text = source.c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint okFlag = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &okFlag);
  if (!okFlag) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(std::max(1, length));
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    error = annotateShaderLog(log.data(), path);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

std::string annotateShaderLog(const std::string& log, const std::string& path) {
  // Mesa: "0:12(5): error: ..."; NVIDIA: "0(12) : error ...".
  static const std::regex mesa(R"((^|\n)\d+:(\d+)\(\d+\): )");
  static const std::regex nvidia(R"((^|\n)\d+\((\d+)\) : )");
  std::string out = std::regex_replace(log, mesa, "$1" + path + ":$2: ");
  out = std::regex_replace(out, nvidia, "$1" + path + ":$2: ");
  while (!out.empty() && (out.back() == '\n' || out.back() == '\0')) out.pop_back();
  return out;
}

ShaderProgram::~ShaderProgram() {
  if (program_) glDeleteProgram(program_);
}

bool ShaderProgram::build(const std::string& vertexPath, const std::string& fragmentPath) {
  error_.clear();
  const unsigned vs = compile(GL_VERTEX_SHADER, vertexPath, error_);
  if (!vs) return false;
  const unsigned fs = compile(GL_FRAGMENT_SHADER, fragmentPath, error_);
  if (!fs) {
    glDeleteShader(vs);
    return false;
  }
  const unsigned program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint linked = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &linked);
  if (!linked) {
    GLint length = 0;
    glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(std::max(1, length));
    glGetProgramInfoLog(program, length, nullptr, log.data());
    error_ = vertexPath + " + " + fragmentPath + ": link failed: " + log.data();
    glDeleteProgram(program);
    return false;
  }
  if (program_) glDeleteProgram(program_);
  program_ = program;
  return true;
}

int ShaderProgram::uniform(const char* name) const { return program_ ? glGetUniformLocation(program_, name) : -1; }

}  // namespace flowlab::app
