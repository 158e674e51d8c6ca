// The views the app offers, in menu order (Ctrl+1, Ctrl+2, ...).
#pragma once

#include <memory>
#include <vector>

#include "app/ui/view.h"

namespace flowlab::app {

std::vector<std::unique_ptr<View>> makeViews();

}  // namespace flowlab::app
