// Key codes as Dear ImGui 1.86's GLFW backend stores them in io.KeysDown (GLFW's numbering).
// Panels test keys through these names so tests on a null ImGui context can press them too.
#pragma once

namespace flowlab::app::keys {

inline constexpr int Space = 32;
inline constexpr int Num1 = 49, Num2 = 50, Num3 = 51, Num4 = 52, Num5 = 53, Num6 = 54;
inline constexpr int B = 66, C = 67, D = 68, I = 73, O = 79, Q = 81, R = 82, S = 83, T = 84, Z = 90, Y = 89, V = 86;
inline constexpr int Equal = 61, Minus = 45;
inline constexpr int Escape = 256, Right = 262, Left = 263, PageUp = 266, PageDown = 267;
inline constexpr int F1 = 290, F2 = 291, F5 = 294, F9 = 298, F11 = 300, F12 = 301;
inline constexpr int kMaxKey = 512;

}  // namespace flowlab::app::keys
