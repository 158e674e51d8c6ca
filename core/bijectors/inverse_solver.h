// Which solver a numerical inverse runs (Planar, Sine1D; Radial's closed form has the same switch).
#pragma once

namespace flowlab {

// Lanes (the default): blocks of points iterate together in SIMD lanes (batch_root_finding.h).
// Gathered and PointByPoint are the earlier paths (the gathered batch solver, and the scalar
// solver of root_finding.h point by point; for Radial, both mean its row-by-row loop), callable
// so that benches and tests compare against them in the same run.
enum class InverseSolver { Lanes, Gathered, PointByPoint };

}  // namespace flowlab
