// FlowLab's colours, defined once so every view uses the same code (base space one hue,
// data space another; warnings one colour everywhere).
#pragma once

#include <imgui.h>

namespace flowlab::app::theme {

inline const ImVec4 kSidebarBg{0.13f, 0.14f, 0.17f, 1.0f};
// Presentation mode (F5): a light, high-contrast chrome for projectors.
inline const ImVec4 kSidebarBgPresenting{0.90f, 0.90f, 0.88f, 1.0f};
inline const ImVec4 kStatusBarBgPresenting{0.82f, 0.82f, 0.80f, 1.0f};
// Multiplies the canvases' line widths and marker sizes (plot_frame.h's strokes): 1, or the
// presentation scale, set with the fonts so text and strokes grow together.
inline float strokeScale = 1.0f;
inline const ImVec4 kCanvasBg{0.96f, 0.96f, 0.95f, 1.0f};
inline const ImVec4 kStatusBarBg{0.10f, 0.11f, 0.13f, 1.0f};
inline const ImVec4 kInfoText{0.70f, 0.80f, 0.90f, 1.0f};
inline const ImVec4 kWarningText{1.00f, 0.75f, 0.25f, 1.0f};
inline const ImVec4 kErrorText{1.00f, 0.42f, 0.38f, 1.0f};
// Tooltips: near-white text on an opaque near-black box (contrast about 15:1).
inline const ImVec4 kTooltipText{0.95f, 0.95f, 0.96f, 1.0f};
inline const ImVec4 kTooltipBg{0.08f, 0.08f, 0.10f, 1.0f};

// Plot colours (packed ImU32, ABGR).
inline constexpr ImU32 kBaseSpace = IM_COL32(52, 120, 198, 255);   // z, p_Z: blue
inline constexpr ImU32 kDataSpace = IM_COL32(222, 112, 38, 255);   // x, p_X: orange
inline constexpr ImU32 kCurve = IM_COL32(40, 40, 48, 255);
inline constexpr ImU32 kAxis = IM_COL32(90, 90, 100, 255);
inline constexpr ImU32 kGridLine = IM_COL32(0, 0, 0, 28);
inline constexpr ImU32 kInvalid = IM_COL32(214, 48, 49, 255);      // non-invertible regions, warnings
inline constexpr ImU32 kInvalidFill = IM_COL32(214, 48, 49, 60);
inline constexpr ImU32 kBaseBandA = IM_COL32(52, 120, 198, 70);   // alternating decile bands in z
inline constexpr ImU32 kBaseBandB = IM_COL32(52, 120, 198, 25);
inline constexpr ImU32 kDataBandA = IM_COL32(222, 112, 38, 70);   // and their images in x
inline constexpr ImU32 kDataBandB = IM_COL32(222, 112, 38, 25);
inline constexpr ImU32 kHistogram = IM_COL32(222, 112, 38, 90);
inline constexpr ImU32 kConnector = IM_COL32(60, 60, 70, 90);
inline constexpr ImU32 kHover = IM_COL32(20, 20, 20, 200);
inline constexpr ImU32 kHandle = IM_COL32(20, 160, 120, 255);
inline constexpr ImU32 kPanelBg = IM_COL32(255, 255, 255, 255);
inline const ImVec4 kCanvasText{0.12f, 0.12f, 0.15f, 1.0f};
inline constexpr ImU32 kText = IM_COL32(30, 30, 36, 255);
inline constexpr ImU32 kTextMuted = IM_COL32(100, 100, 110, 255);

}  // namespace flowlab::app::theme
