// Undo and redo for a flow being edited: snapshots taken when an edit starts.
#pragma once

#include <deque>

#include "core/flow/flow.h"

namespace flowlab::app {

class FlowHistory {
 public:
  // Call before a change: the current flow becomes the undo point; redo is cleared.
  void record(const Flow& current);
  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }
  // Replace `current` with the previous (next) snapshot; false when there is none.
  bool undo(Flow& current);
  bool redo(Flow& current);
  void clear();

 private:
  std::deque<Flow> undo_, redo_;
  static constexpr size_t kDepth = 100;
};

}  // namespace flowlab::app
