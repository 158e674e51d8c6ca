#include "app/views/welcome_view.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/lesson_catalog.h"
#include "app/ui/tooltip.h"
#include "app/plot/plot_frame.h"
#include "app/ui/theme.h"
#include "core/bijectors/rational_quadratic_spline_1d.h"

namespace flowlab::app {

void WelcomeView::sidebar(AppState& state) {
  ImGui::TextWrapped("Start here");
  ImGui::Spacing();
  for (const auto& v : state.views) {
    if (v->id() == id()) continue;
    if (ImGui::Button(v->title().c_str(), ImVec2(-1, 0))) state.activate(v->id());
  }
  ImGui::Spacing();
  if (ImGui::Button("Open scene...", ImVec2(-1, 0))) state.showOpenScene = true;
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextDisabled("Conventions");
  ImGui::TextWrapped("Forward is generative: x = f(z).");
  ImGui::TextWrapped("Blue is base space z, orange is data space x.");
}

void WelcomeView::canvas(AppState& state, ImVec2 origin, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const float cx = origin.x + size.x * 0.5f;
  // p_Z (blue) and its image under a bimodal spline (orange), computed by the engine once.
  if (!pictureReady_) {
    Flow warp(1);
    warp.append(std::make_unique<RationalQuadraticSpline1D>(std::vector<double>{-3, -1, 0, 1, 3},
                                                            std::vector<double>{-4, -2.5, 0, 2.5, 4},
                                                            std::vector<double>{1, 0.5, 4, 0.5, 1}));
    baseDensity_ = density1D(Flow(1), -5.0, 5.0, 300);
    dataDensity_ = density1D(warp, -5.0, 5.0, 300);
    pictureReady_ = true;
  }
  const char* title = "FlowLab";
  ImGui::SetWindowFontScale(2.0f);
  const ImVec2 ts = ImGui::CalcTextSize(title);
  const float titleY = origin.y + size.y * 0.04f;
  ImGui::SetCursorScreenPos(ImVec2(cx - ts.x * 0.5f, titleY));
  ImGui::TextColored(ImVec4(0.12f, 0.12f, 0.15f, 1), "%s", title);
  ImGui::SetWindowFontScale(1.0f);
  const char* tagline = "Normalizing flows, seen working. Start with a chapter, or pick a lab in the sidebar (Ctrl+1..4).";
  const ImVec2 tl = ImGui::CalcTextSize(tagline);
  const float taglineY = titleY + ts.y + em * 0.4f;
  dl->AddText(ImVec2(cx - tl.x * 0.5f, taglineY), theme::kText, tagline);
  // The picture between the title and the chapters.
  const float picTop = taglineY + em * 1.8f, picBottom = origin.y + size.y * 0.36f;
  const float w = size.x * 0.42f;
  if (picBottom - picTop > em * 2.0f) {
    const PlotFrame frame(ImVec2(cx - w * 0.5f, picTop), ImVec2(cx + w * 0.5f, picBottom), Range{-5, 5}, Range{0, 0.45});
    for (const auto* d : {&baseDensity_, &dataDensity_})
      if (d->ok())
        drawPolyline(dl, frame, d->value.x.data(), d->value.density.data(), static_cast<int>(d->value.x.size()),
                     d == &baseDensity_ ? theme::kBaseSpace : theme::kDataSpace, 2.5f);
  }
  drawChapterCards(state, ImVec2(origin.x + size.x * 0.05f, origin.y + size.y * 0.40f),
                   ImVec2(size.x * 0.90f, size.y * 0.56f));
}

void WelcomeView::drawChapterCards(AppState& state, ImVec2 at, ImVec2 area) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  // Three columns when there is room for cards about 14 em wide, else two.
  const int columns = area.x >= em * 42.0f ? 3 : 2;
  const int rows = (int(chapters().size()) + columns - 1) / columns;
  const float gap = em * 0.8f;
  const float cw = (area.x - gap * float(columns - 1)) / float(columns);
  const float ch = std::min((area.y - gap * float(rows - 1)) / float(rows), em * 7.0f);
  cards_.clear();
  if (thumbnails_.empty() && !pendingThumbnails_.valid()) {
    std::vector<std::string> firsts;
    for (const Chapter& c : chapters()) {
      const auto first = std::find_if(lessons().begin(), lessons().end(), [&](const Lesson& l) { return l.chapter == c.number; });
      firsts.push_back(first == lessons().end() ? std::string() : first->path);
    }
    pendingThumbnails_ = std::async(std::launch::async, [firsts] {
      std::vector<ChapterThumbnail> out;
      for (const std::string& path : firsts) out.push_back(path.empty() ? ChapterThumbnail{} : makeChapterThumbnail(path));
      return out;
    });
  }
  if (pendingThumbnails_.valid() && pendingThumbnails_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    thumbnails_ = pendingThumbnails_.get();
  for (size_t i = 0; i < chapters().size(); ++i) {
    const Chapter& c = chapters()[i];
    const ImVec2 mn(at.x + float(int(i) % columns) * (cw + gap), at.y + float(int(i) / columns) * (ch + gap));
    const ImVec2 mx(mn.x + cw, mn.y + ch);
    const Lesson* first = nullptr;
    int count = 0;
    for (const Lesson& l : lessons())
      if (l.chapter == c.number) count++, first = first ? first : &l;
    ImGui::SetCursorScreenPos(mn);
    ImGui::PushID(c.number);
    ImGui::BeginDisabled(first == nullptr);
    const bool clicked = ImGui::InvisibleButton("##card", ImVec2(cw, ch));
    ImGui::EndDisabled();
    const bool hot = ImGui::IsItemHovered();
    ImGui::PopID();
    cards_.push_back({mn, mx});
    dl->AddRect(mn, mx, hot && first ? theme::kDataSpace : theme::kAxis, em * 0.3f, 0, hot && first ? 2.0f : 1.0f);
    char head[96];
    std::snprintf(head, sizeof head, "%d  %s", c.number, c.title);
    const float pad = em * 0.6f;
    // The picture on the card's right under the title line; the description wraps beside it.
    const float below = pad + em * 1.5f;
    const float side = std::min(ch - below - pad, cw * 0.34f);
    const bool pictured = i < thumbnails_.size() && thumbnails_[i].kind != ChapterThumbnail::Kind::None && side > em * 2.5f;
    const float textWidth = pictured ? cw - 3 * pad - side : cw - 2 * pad;
    if (pictured)
      drawChapterThumbnail(dl, thumbnails_[i], ImVec2(mx.x - pad - side, mn.y + below), ImVec2(mx.x - pad, mn.y + below + side));
    dl->PushClipRect(mn, mx, true);
    dl->AddText(ImVec2(mn.x + pad, mn.y + pad), first ? theme::kText : theme::kTextMuted, head);
    // The description stops above the footer line rather than running into it.
    dl->PushClipRect(mn, ImVec2(mx.x, mx.y - pad - em * 1.1f), true);
    dl->AddText(ImGui::GetFont(), em * 0.9f, ImVec2(mn.x + pad, mn.y + pad + em * 1.5f), theme::kTextMuted, c.line,
                nullptr, textWidth);
    dl->PopClipRect();
    char foot[64];
    if (first) std::snprintf(foot, sizeof foot, "%d lessons: start with \"%s\"", count, first->title.c_str());
    else std::snprintf(foot, sizeof foot, "lessons to come");
    if (first && ImGui::CalcTextSize(foot).x * 0.9f > textWidth) std::snprintf(foot, sizeof foot, "%d lessons", count);
    dl->AddText(ImGui::GetFont(), em * 0.9f, ImVec2(mn.x + pad, mx.y - pad - em), first ? theme::kBaseSpace : theme::kTextMuted,
                foot);
    dl->PopClipRect();
    if (hot && first) showTooltip("Open the first lesson of chapter %d (all of them: View > Lessons, F2)", c.number);
    if (clicked && first && openSceneFile(state, first->path)) state.lessonsChapter = c.number;
  }
}

void WelcomeView::traceState(std::string& out) const {
  char buf[96];
  for (size_t i = 0; i < cards_.size(); ++i) {
    std::snprintf(buf, sizeof buf, " chapter%zu_px=%.0f,%.0f,%.0f,%.0f", i + 1, cards_[i].first.x, cards_[i].first.y,
                  cards_[i].second.x, cards_[i].second.y);
    out += buf;
  }
}

}  // namespace flowlab::app
