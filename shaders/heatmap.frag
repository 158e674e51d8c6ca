#version 330 core
// Colours a scalar field of log-densities with a colormap lookup table.
//   uLogScale = 0: colour by p = exp(log p) on [uLow, uHigh]
//   uLogScale = 1: colour by log p on [uLow, uHigh]
// Cells the engine could not evaluate hold a huge negative sentinel and come out as the lowest colour.
in vec2 vUv;
out vec4 fragColour;

uniform sampler2D uField;     // R32F, log p at cell centres, row 0 at the bottom
uniform sampler2D uColormap;  // 256 x 1 RGBA8
uniform float uLow;
uniform float uHigh;
uniform int uLogScale;
uniform float uOpacity;

void main() {
  float logP = texture(uField, vUv).r;
  float value = uLogScale == 1 ? logP : exp(logP);
  float t = clamp((value - uLow) / max(uHigh - uLow, 1e-30), 0.0, 1.0);
  // Sample texel centres so t = 0 and t = 1 hit the first and last entries exactly.
  vec3 colour = texture(uColormap, vec2((t * 255.0 + 0.5) / 256.0, 0.5)).rgb;
  fragColour = vec4(colour, uOpacity);
}
