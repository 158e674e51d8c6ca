// A user's own 2D points (drawn or imported) prepared once for training: validated, standardized
// by their OWN sample moments (x_std = (x_raw − mean) / stddev, population stddev, so the
// standardized points have mean 0 and standard deviation 1 exactly as the built-in sets have in
// expectation), split into train (80%) and test (20%) by a FIXED seed (the same points always give
// the same split, whatever the trainer's seed), and given an entropy floor ESTIMATE
// (Kozachenko–Leonenko, core/data/knn_entropy.h) with its standard error: own data has no known
// density, so the floor is labelled as an estimate wherever it is shown.
//
// Shared immutably (std::shared_ptr<const PointSet>) so that DatasetSpec / TrainerConfig copies
// stay cheap and a Trainer rebuilt from the same config reuses the same preparation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/data/toy_distributions.h"
#include "core/status.h"
#include "core/types.h"

namespace flowlab {

inline constexpr int kMinOwnPoints = 10;
inline constexpr int kMaxOwnPoints = 1'000'000;

struct PointSet {
  Batch raw;              // N by 2, exactly as given (what a checkpoint stores)
  Moments moments;        // sample mean and population standard deviation of raw, per coordinate
  Batch train, test;      // standardized rows: N − N/5 and N/5, disjoint, together every point once
  double floor = 0.0;     // entropy estimate (nats per point, standardized coordinates); NaN if unknown
  double floorStdError = 0.0;  // its standard error; NaN if unknown
  std::string floorNote;  // why the floor is unknown ("" when it is known)
  bool floorKnown() const { return floorNote.empty(); }
};

// Validates and prepares raw (N by 2). Refuses with a message saying what is wrong: not 2 columns,
// a non-finite value ("point 7 has a non-finite coordinate"), fewer than kMinOwnPoints or more than
// kMaxOwnPoints points, no spread in a coordinate ("the points have no spread: every point is
// (1, 2)"). Coinciding points that defeat the entropy estimate are NOT refused: the set trains, with
// the floor unknown (floor and floorStdError NaN, floorNote saying why).
Expected<std::shared_ptr<const PointSet>> makePointSet(const Batch& raw);

// The fixed split: row indices of raw in train order then test order (N − N/5 train rows first).
// Exposed for tests; a pure function of N.
std::vector<int> pointSplitOrder(int n);

}  // namespace flowlab
