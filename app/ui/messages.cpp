#include "app/ui/messages.h"

namespace flowlab::app {

void Messages::post(Severity severity, const std::string& text, double time) {
  for (auto& m : items_) {
    if (m.severity == severity && m.text == text) {
      ++m.count;
      m.time = time;
      return;
    }
  }
  items_.push_back({severity, text, 1, time});
  if (items_.size() > kMaxItems) items_.erase(items_.begin());
}

}  // namespace flowlab::app
