#include "core/train/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace flowlab {

double learningRateAt(const LrSchedule& s, double peak, long long t) {
  if (s.kind == LrScheduleKind::Constant) return peak;
  if (t < s.warmup) return peak * double(t + 1) / double(s.warmup);
  const double span = std::max(1, s.total - s.warmup);
  const double progress = std::clamp(double(t - s.warmup) / span, 0.0, 1.0);
  const double f = s.finalFraction;
  return peak * (f + (1.0 - f) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress)));
}

std::string lrScheduleName(LrScheduleKind kind) { return kind == LrScheduleKind::Cosine ? "cosine" : "constant"; }

std::optional<LrScheduleKind> lrScheduleFromName(const std::string& name) {
  if (name == "cosine") return LrScheduleKind::Cosine;
  if (name == "constant") return LrScheduleKind::Constant;
  return std::nullopt;
}

}  // namespace flowlab
