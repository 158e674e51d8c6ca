#include "app/views/view_registry.h"

#include "app/views/compare/compare_view.h"
#include "app/views/energy/energy_view.h"
#include "app/views/lab1d/lab1d_view.h"
#include "app/views/lab2d/lab2d_view.h"
#include "app/views/train/train_view.h"
#include "app/views/welcome_view.h"

namespace flowlab::app {

std::vector<std::unique_ptr<View>> makeViews() {
  std::vector<std::unique_ptr<View>> views;
  views.push_back(std::make_unique<WelcomeView>());
  views.push_back(std::make_unique<Lab1DView>());
  views.push_back(std::make_unique<Lab2DView>());
  views.push_back(std::make_unique<TrainView>());
  views.push_back(std::make_unique<EnergyView>());
  views.push_back(std::make_unique<CompareView>());
  return views;
}

}  // namespace flowlab::app
