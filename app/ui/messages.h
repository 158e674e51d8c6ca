// The app's message log: warnings and errors shown to the user, with repeats batched
// ("... (x12)") so a per-frame problem does not flood the list.
#pragma once

#include <string>
#include <vector>

namespace flowlab::app {

enum class Severity { Info, Warning, Error };

struct Message {
  Severity severity = Severity::Info;
  std::string text;
  int count = 1;
  double time = 0.0;  // seconds since start, of the latest repeat
};

class Messages {
 public:
  void post(Severity severity, const std::string& text, double time = 0.0);
  const std::vector<Message>& all() const { return items_; }
  const Message* latest() const { return items_.empty() ? nullptr : &items_.back(); }
  void clear() { items_.clear(); }

 private:
  std::vector<Message> items_;
  static constexpr size_t kMaxItems = 200;
};

}  // namespace flowlab::app
