#include "app/ui/app_state.h"

#include "app/ui/view.h"

namespace flowlab::app {

View* AppState::findView(const std::string& id) const {
  for (const auto& v : views)
    if (v->id() == id) return v.get();
  return nullptr;
}

void AppState::activate(const std::string& id) {
  if (View* v = findView(id)) {
    activeView = v;
    settings.view = id;
  } else {
    warn("unknown view '" + id + "'");
  }
}

}  // namespace flowlab::app
