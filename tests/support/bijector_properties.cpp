#include "tests/support/bijector_properties.h"

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

namespace flowlab::test {
namespace {

// A draw that passed validate(), with its input points. Fails the test if the factory produced an
// invalid bijector (a factory bug would otherwise hide as "unspecified results").
struct Draw {
  BijectorPtr bijector;
  Batch points;
};

Draw nextDraw(const BijectorCase& c, Rng& rng) {
  Draw draw{c.make(rng), Batch()};
  EXPECT_TRUE(draw.bijector != nullptr) << c.name << ": factory returned null";
  if (!draw.bijector) return draw;
  const Status status = draw.bijector->validate();
  EXPECT_TRUE(status.ok()) << describe(*draw.bijector) << ": factory drew invalid parameters: " << status.message();
  draw.points = rng.normalBatch(c.points, draw.bijector->dim()) * c.inputScale;
  return draw;
}

double scaleOf(double v) { return std::max(1.0, std::abs(v)); }
double scaleOf(const Batch& m) { return std::max(1.0, m.cwiseAbs().maxCoeff()); }

bool allFinite(const Transformed& t) { return t.value.allFinite() && t.logAbsDet.allFinite(); }

Vector mapRow(const Bijector& b, const Vector& point, bool forward) {
  const Batch row = point.transpose();
  return (forward ? b.forward(row) : b.inverse(row)).value.row(0).transpose();
}

double logAbsDetOf(const Matrix& jacobian) { return std::log(std::abs(jacobian.fullPivLu().determinant())); }

// Runs check(draw, drawIndex) over the case's draws, stopping at the first draw that fails so a
// broken bijector reports one readable failure instead of 200.
template <class Check>
void forEachDraw(const BijectorCase& c, Check check) {
  Rng rng(c.seed);
  for (int d = 0; d < c.draws; ++d) {
    Draw draw = nextDraw(c, rng);
    if (!draw.bijector) return;
    std::ostringstream trace;
    trace << "draw " << d << ": " << describe(*draw.bijector);
    SCOPED_TRACE(trace.str());
    check(*draw.bijector, draw.points);
    if (::testing::Test::HasFailure()) return;
  }
}

void checkFiniteDifferenceLogAbsDet(const Bijector& b, const Batch& inputs, bool forward) {
  const Transformed t = forward ? b.forward(inputs) : b.inverse(inputs);
  for (Eigen::Index i = 0; i < inputs.rows(); ++i) {
    const Vector at = inputs.row(i).transpose();
    const Matrix jacobian = centralDifferenceJacobian([&](const Vector& v) { return mapRow(b, v, forward); }, at);
    const double expected = logAbsDetOf(jacobian);
    EXPECT_NEAR(t.logAbsDet(i), expected, 1e-6 * scaleOf(expected))
        << (forward ? "forward" : "inverse") << " log|det J| at point " << at.transpose();
  }
}

}  // namespace

void PrintTo(const BijectorCase& c, std::ostream* out) { *out << c.name; }

std::string bijectorCaseName(const ::testing::TestParamInfo<BijectorCase>& info) { return info.param.name; }

Matrix centralDifferenceJacobian(const std::function<Vector(const Vector&)>& map, const Vector& at,
                                 double relativeStep) {
  const Eigen::Index d = at.size();
  Matrix jacobian(d, d);
  for (Eigen::Index j = 0; j < d; ++j) {
    Vector plus = at, minus = at;
    const double h = relativeStep * scaleOf(at(j));
    plus(j) += h;
    minus(j) -= h;
    // Divide by the step actually represented in floating point, not the requested 2h.
    jacobian.col(j) = (map(plus) - map(minus)) / (plus(j) - minus(j));
  }
  return jacobian;
}

Matrix couplingPattern(int dim, const std::vector<int>& kept) {
  const double free = std::numeric_limits<double>::quiet_NaN();
  Matrix pattern = Matrix::Zero(dim, dim);
  std::vector<bool> isKept(dim, false);
  for (int k : kept) isKept[k] = true;
  for (int i = 0; i < dim; ++i) {
    if (isKept[i]) {
      pattern(i, i) = 1.0;
      continue;
    }
    pattern(i, i) = free;
    for (int k : kept) pattern(i, k) = free;
  }
  return pattern;
}

Matrix diagonalPattern(int dim) {
  Matrix pattern = Matrix::Zero(dim, dim);
  pattern.diagonal().setConstant(std::numeric_limits<double>::quiet_NaN());
  return pattern;
}

std::string describe(const Bijector& bijector) {
  std::ostringstream out;
  out.precision(17);
  out << bijector.type() << "(";
  const std::vector<Parameter> parameters = bijector.parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i)
    out << (i ? ", " : "") << parameters[i].name << "=" << parameters[i].value;
  out << ")";
  return out.str();
}

TEST_P(BijectorProperties, InverseUndoesForward) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& z) {
    const Batch back = b.inverse(b.forward(z).value).value;
    for (Eigen::Index i = 0; i < z.rows(); ++i)
      EXPECT_LE((back.row(i) - z.row(i)).cwiseAbs().maxCoeff(), 1e-9 * scaleOf(Batch(z.row(i))))
          << "z = " << z.row(i) << ", inverse(forward(z)) = " << back.row(i);
  });
}

TEST_P(BijectorProperties, ForwardUndoesInverse) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& x) {
    const Batch again = b.forward(b.inverse(x).value).value;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      EXPECT_LE((again.row(i) - x.row(i)).cwiseAbs().maxCoeff(), 1e-9 * scaleOf(Batch(x.row(i))))
          << "x = " << x.row(i) << ", forward(inverse(x)) = " << again.row(i);
  });
}

TEST_P(BijectorProperties, LogAbsDetsCancel) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& z) {
    const Transformed there = b.forward(z);
    const Transformed back = b.inverse(there.value);
    for (Eigen::Index i = 0; i < z.rows(); ++i)
      EXPECT_NEAR(there.logAbsDet(i) + back.logAbsDet(i), 0.0, 1e-9 * scaleOf(there.logAbsDet(i)))
          << "at z = " << z.row(i);
  });
}

TEST_P(BijectorProperties, ForwardLogAbsDetMatchesFiniteDifferences) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& z) { checkFiniteDifferenceLogAbsDet(b, z, true); });
}

TEST_P(BijectorProperties, InverseLogAbsDetMatchesFiniteDifferences) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& x) { checkFiniteDifferenceLogAbsDet(b, x, false); });
}

TEST_P(BijectorProperties, JacobianAtMatchesFiniteDifferences) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& z) {
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      const Vector at = z.row(i).transpose();
      const Matrix expected = centralDifferenceJacobian([&](const Vector& v) { return mapRow(b, v, true); }, at);
      const Matrix actual = b.jacobianAt(at);
      ASSERT_EQ(actual.rows(), b.dim());
      ASSERT_EQ(actual.cols(), b.dim());
      EXPECT_LE((actual - expected).cwiseAbs().maxCoeff(), 1e-6 * scaleOf(expected))
          << "at z = " << at.transpose() << "\njacobianAt:\n" << actual << "\nfinite differences:\n" << expected;
    }
  });
}

TEST_P(BijectorProperties, StructuralEntriesHold) {
  const BijectorCase& c = GetParam();
  if (!c.pattern) GTEST_SKIP() << c.name << " declares no Jacobian structure";
  forEachDraw(c, [&](const Bijector& b, const Batch& z) {
    const Matrix pattern = c.pattern(b);
    const Batch x = b.forward(z).value;
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      const Vector at = z.row(i).transpose();
      const Matrix numeric = centralDifferenceJacobian([&](const Vector& v) { return mapRow(b, v, true); }, at);
      const Matrix analytic = b.jacobianAt(at);
      for (Eigen::Index r = 0; r < pattern.rows(); ++r) {
        bool identityRow = true;
        for (Eigen::Index k = 0; k < pattern.cols(); ++k) {
          if (std::isnan(pattern(r, k))) {
            identityRow = false;
            continue;
          }
          identityRow = identityRow && pattern(r, k) == (r == k ? 1.0 : 0.0);
          EXPECT_NEAR(numeric(r, k), pattern(r, k), 1e-9) << "finite-difference J(" << r << ", " << k << ")";
          EXPECT_NEAR(analytic(r, k), pattern(r, k), 1e-12) << "jacobianAt J(" << r << ", " << k << ")";
        }
        // A pass-through coordinate must be copied bit for bit, not recomputed.
        if (identityRow) {
          EXPECT_EQ(x(i, r), z(i, r)) << "coordinate " << r << " should pass through unchanged";
        }
      }
    }
  });
}

TEST_P(BijectorProperties, OutputsAreFinite) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& random) {
    // Random points plus far points along every axis (4 standard deviations of the input scale).
    const double far = 4.0 * random.cwiseAbs().maxCoeff();
    Batch points(random.rows() + 2 * b.dim(), b.dim());
    points << random, far * Matrix::Identity(b.dim(), b.dim()), -far * Matrix::Identity(b.dim(), b.dim());
    const Transformed there = b.forward(points);
    const Transformed back = b.inverse(points);
    EXPECT_TRUE(allFinite(there)) << "forward of\n" << points << "\ngave\n" << there.value << "\n" << there.logAbsDet;
    EXPECT_TRUE(allFinite(back)) << "inverse of\n" << points << "\ngave\n" << back.value << "\n" << back.logAbsDet;
    EXPECT_EQ(there.value.rows(), points.rows());
    EXPECT_EQ(there.logAbsDet.size(), points.rows());
  });
}

TEST_P(BijectorProperties, BatchEqualsRowByRow) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& z) {
    const Transformed batch = b.forward(z);
    const Transformed batchInverse = b.inverse(z);
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      const Transformed one = b.forward(z.row(i));
      const Transformed oneInverse = b.inverse(z.row(i));
      EXPECT_LE((one.value.row(0) - batch.value.row(i)).cwiseAbs().maxCoeff(), 1e-12 * scaleOf(Batch(one.value)));
      EXPECT_NEAR(one.logAbsDet(0), batch.logAbsDet(i), 1e-12 * scaleOf(one.logAbsDet(0)));
      EXPECT_LE((oneInverse.value.row(0) - batchInverse.value.row(i)).cwiseAbs().maxCoeff(),
                1e-12 * scaleOf(Batch(oneInverse.value)));
    }
  });
}

TEST_P(BijectorProperties, NonFiniteRowsNeitherThrowNorLeakIntoOtherRows) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& clean) {
    if (clean.rows() < 8) return;  // the poisoned rows below need 8 points
    const double inf = std::numeric_limits<double>::infinity();
    Batch dirty = clean;
    dirty.row(1).setConstant(std::numeric_limits<double>::quiet_NaN());
    dirty.row(3).setConstant(inf);
    dirty(5, 0) = -inf;
    for (const bool forward : {true, false}) {
      Transformed out;
      ASSERT_NO_THROW(out = forward ? b.forward(dirty) : b.inverse(dirty)) << (forward ? "forward" : "inverse");
      const Transformed reference = forward ? b.forward(clean) : b.inverse(clean);
      ASSERT_EQ(out.value.rows(), dirty.rows());
      for (Eigen::Index i : {0, 2, 4, 6, 7}) {
        EXPECT_EQ(out.value.row(i), reference.value.row(i)) << "row " << i << (forward ? " forward" : " inverse");
        EXPECT_EQ(out.logAbsDet(i), reference.logAbsDet(i)) << "row " << i;
      }
    }
  });
}

TEST_P(BijectorProperties, CloneAndParametersRoundTrip) {
  forEachDraw(GetParam(), [](const Bijector& b, const Batch& z) {
    const Transformed reference = b.forward(z);
    BijectorPtr copy = b.clone();
    EXPECT_EQ(copy->type(), b.type());
    EXPECT_EQ(copy->forward(z).value, reference.value) << "clone() changed the map";
    const std::vector<Parameter> parameters = copy->parameters();
    std::set<std::string> names;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      EXPECT_FALSE(parameters[i].name.empty());
      EXPECT_TRUE(names.insert(parameters[i].name).second) << "duplicate parameter name " << parameters[i].name;
      copy->setParameter(static_cast<int>(i), parameters[i].value);
    }
    const Transformed after = copy->forward(z);
    EXPECT_EQ(after.value, reference.value) << "setParameter(i, parameters()[i].value) changed the map";
    EXPECT_EQ(after.logAbsDet, reference.logAbsDet);
  });
}

}  // namespace flowlab::test

// A binary that links the support library without instantiating the battery is fine.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(BijectorProperties);
