// The first screen: what FlowLab is and where to start: the chapters of the teaching series.
#pragma once

#include <future>
#include <utility>
#include <vector>

#include "app/ui/view.h"
#include "app/views/welcome_thumbnails.h"
#include "core/flow/view_1d.h"

namespace flowlab::app {

class WelcomeView : public View {
 public:
  std::string id() const override { return "welcome"; }
  std::string title() const override { return "Welcome"; }
  void sidebar(AppState& state) override;
  void canvas(AppState& state, ImVec2 origin, ImVec2 size) override;
  // " chapterN_px=x0,y0,x1,y1" per chapter card (journeys click them).
  void traceState(std::string& out) const override;
  bool animating() const override { return pendingThumbnails_.valid(); }

 private:
  // The six chapters of the series as cards, each a click away from its first lesson.
  void drawChapterCards(AppState& state, ImVec2 at, ImVec2 area);
  std::vector<std::pair<ImVec2, ImVec2>> cards_;  // of the last canvas
  bool pictureReady_ = false;
  // One per chapter, made on a worker when the cards first show (a training scene's dataset takes
  // half a second to check): the cards draw their text at once and the pictures when ready.
  std::vector<ChapterThumbnail> thumbnails_;
  std::future<std::vector<ChapterThumbnail>> pendingThumbnails_;
  Expected<Density1D> baseDensity_, dataDensity_;
};

}  // namespace flowlab::app
