#version 330 core
// A quad covering the viewport, generated from gl_VertexID (no vertex buffers).
out vec2 vUv;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  vUv = corner;
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
