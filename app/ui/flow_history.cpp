#include "app/ui/flow_history.h"

namespace flowlab::app {

void FlowHistory::record(const Flow& current) {
  undo_.push_back(current);
  if (undo_.size() > kDepth) undo_.pop_front();
  redo_.clear();
}

bool FlowHistory::undo(Flow& current) {
  if (undo_.empty()) return false;
  redo_.push_back(current);
  current = undo_.back();
  undo_.pop_back();
  return true;
}

bool FlowHistory::redo(Flow& current) {
  if (redo_.empty()) return false;
  undo_.push_back(current);
  current = redo_.back();
  redo_.pop_back();
  return true;
}

void FlowHistory::clear() {
  undo_.clear();
  redo_.clear();
}

}  // namespace flowlab::app
