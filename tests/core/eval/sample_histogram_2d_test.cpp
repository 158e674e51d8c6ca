// A seeded 2D sample histogram agrees with the density grid (chi-square), and the same test
// rejects a slightly different flow.
#include <gtest/gtest.h>

#include <cmath>

#include "core/eval/density_grid.h"
#include "tests/core/eval/eval_test_scenes.h"

namespace flowlab {
namespace {

// Chi-square of n samples of `sampled` against cell probabilities of `reference` on a coarse
// 12 by 12 grid over `box` (probabilities from a 20× finer density grid); cells expecting fewer
// than 5 samples are pooled with the outside of the box. Writes the degrees of freedom.
double chiSquare2D(const Flow& sampled, const Flow& reference, const Rect& box, int n, int& dof) {
  const int coarse = 12, fine = 20;
  const DensityGrid d = densityGrid(reference, {box, coarse * fine, coarse * fine}).value;
  std::vector<double> p(coarse * coarse, 0.0), counts(coarse * coarse, 0.0);
  for (int row = 0; row < coarse * fine; ++row)
    for (int col = 0; col < coarse * fine; ++col)
      p[(row / fine) * coarse + col / fine] += d.density(row * coarse * fine + col) * d.grid.cellArea();
  const Batch s = sampled.sample(n, 77).value;
  double outside = 0;
  for (int i = 0; i < n; ++i) {
    const int col = static_cast<int>(std::floor((s(i, 0) - box.xMin) / box.width() * coarse));
    const int row = static_cast<int>(std::floor((s(i, 1) - box.yMin) / box.height() * coarse));
    if (col < 0 || col >= coarse || row < 0 || row >= coarse) outside += 1;
    else counts[row * coarse + col] += 1;
  }
  double chi2 = 0, pooledP = 1, pooledCount = outside;
  dof = 0;
  for (int c = 0; c < coarse * coarse; ++c) {
    if (n * p[c] < 5) continue;
    chi2 += (counts[c] - n * p[c]) * (counts[c] - n * p[c]) / (n * p[c]);
    pooledP -= p[c];
    ++dof;
  }
  for (int c = 0; c < coarse * coarse; ++c)
    if (n * p[c] < 5) pooledCount += counts[c];
  chi2 += (pooledCount - n * pooledP) * (pooledCount - n * pooledP) / (n * pooledP);
  return chi2;  // dof bins + 1 pooled bin, minus 1 constraint = dof
}

// Wilson–Hilferty: the 0.999 quantile of chi-square with k degrees of freedom.
double chiSquare999(int k) {
  const double a = 2.0 / (9.0 * k);
  return k * std::pow(1 - a + 3.0902 * std::sqrt(a), 3);
}

TEST(SampleHistogram2D, AgreesWithTheDensityGrid) {
  const Flow banana = test::exampleFlow("banana.json");
  const Rect box{-5, 5, -4, 8};
  int dof = 0;
  const double chi2 = chiSquare2D(banana, banana, box, 20000, dof);
  EXPECT_GT(dof, 30);
  EXPECT_LT(chi2, chiSquare999(dof)) << "dof " << dof;
  Flow bent = banana;
  bent.layer(1).setParameter(4, 0.66);  // t2: 0.6 -> 0.66
  EXPECT_GT(chiSquare2D(bent, banana, box, 20000, dof), chiSquare999(dof));
}

}  // namespace
}  // namespace flowlab
