// The first screen: what FlowLab is and where to start.
#pragma once

#include "app/ui/view.h"
#include "core/flow/view_1d.h"

namespace flowlab::app {

class WelcomeView : public View {
 public:
  std::string id() const override { return "welcome"; }
  std::string title() const override { return "Welcome"; }
  void sidebar(AppState& state) override;
  void canvas(AppState& state, ImVec2 origin, ImVec2 size) override;

 private:
  bool pictureReady_ = false;
  Expected<Density1D> baseDensity_, dataDensity_;
};

}  // namespace flowlab::app
