// Editing a point set by hand (the Training view's draw tool): a brush that sprays a small
// Gaussian cloud where the pointer is, and an eraser. Points are rows of an N by 2 batch in the
// coordinates of the pane they are drawn on.
#pragma once

#include <Eigen/Core>

#include "core/random.h"
#include "core/types.h"

namespace flowlab {

struct Brush {
  double spread = 0.1;  // standard deviation of the sprayed cloud, per coordinate
  int perDab = 8;       // points added per dab
};

// `points` with brush.perDab new rows appended, drawn from N(centre, spread² I). A spread <= 0
// or non-finite centre adds nothing (the caller shows why). At most `maxPoints` rows are kept:
// dabs past it add nothing.
Batch sprayPoints(const Batch& points, const Eigen::Vector2d& centre, const Brush& brush, Rng& rng,
                  int maxPoints = 100000);
// `points` without the rows within `radius` of `centre` (order of the others kept).
Batch erasePoints(const Batch& points, const Eigen::Vector2d& centre, double radius);

}  // namespace flowlab
