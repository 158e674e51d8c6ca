// Learning-rate schedules of the trainer.
//   constant: lr(t) = peak
//   cosine:   linear warm-up over `warmup` steps, then
//             lr(t) = peak · (f + (1 - f) · ½(1 + cos(π · (t - warmup) / (total - warmup))))
//             down to f·peak at t = total, and f·peak after (training may continue past `total`).
#pragma once

#include <optional>
#include <string>

namespace flowlab {

enum class LrScheduleKind { Constant, Cosine };

struct LrSchedule {
  LrScheduleKind kind = LrScheduleKind::Cosine;
  int warmup = 200;
  int total = 2000;
  double finalFraction = 0.0;  // f; 0 ends at lr 0: for open-ended training use Constant or f > 0
  bool operator==(const LrSchedule&) const = default;
};

// Learning rate for step t (0-based) of a schedule peaking at `peak`.
double learningRateAt(const LrSchedule& schedule, double peak, long long t);

std::string lrScheduleName(LrScheduleKind kind);  // "constant" / "cosine"
std::optional<LrScheduleKind> lrScheduleFromName(const std::string& name);

}  // namespace flowlab
