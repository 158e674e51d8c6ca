#include "core/inspect/evidence.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/bijectors/linear.h"
#include "core/bijectors/planar.h"
#include "core/inspect/point_probe.h"
#include "core/random.h"
#include "core/scene/scene_file.h"

namespace flowlab {
namespace {

Flow scene(const std::string& name) {
  const auto s = loadSceneFile(std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/" + name);
  EXPECT_TRUE(s.ok()) << s.status.message();
  return s.value.flow;
}

// A planar layer whose reported log-det is off by `error`: what the probe's check must expose.
class SkewedPlanar : public Planar {
 public:
  SkewedPlanar(Vector u, Vector w, double b, double error) : Planar(u, w, b), error_(error) {}
  Transformed forward(const Batch& z) const override {
    Transformed t = Planar::forward(z);
    t.logAbsDet.array() += error_;
    return t;
  }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<SkewedPlanar>(*this); }

 private:
  double error_;
};

// A linear layer whose inverse breaks (NaN) for points right of x₁ = 1.
class BrokenRightOfOne : public Linear {
 public:
  BrokenRightOfOne() : Linear(Matrix::Identity(2, 2), Vector::Zero(2)) {}
  Transformed inverse(const Batch& x) const override {
    Transformed t = Linear::inverse(x);
    for (int i = 0; i < x.rows(); ++i)
      if (x(i, 0) > 1.0) t.value(i, 1) = std::nan("");
    return t;
  }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<BrokenRightOfOne>(*this); }
};

TEST(Evidence, FiniteDifferenceLogDetAgreesWithEveryLayerOfTheBundledStacks) {
  Rng rng(3);
  for (const char* name : {"banana.json", "stack_issue3.json", "linear_004.json", "radial.json", "coupling_003.json"}) {
    SCOPED_TRACE(name);
    const Flow flow = scene(name);
    for (int trial = 0; trial < 20; ++trial) {
      const auto p = probeAtBase(flow, rng.normalBatch(1, 2).row(0).transpose());
      ASSERT_TRUE(p.ok()) << p.status.message();
      for (const LayerTerm& t : p.value.terms)
        EXPECT_NEAR(t.logAbsDetFd, t.logAbsDet, 1e-6) << t.label;
    }
  }
}

TEST(Evidence, AnInjectedLogDetErrorShowsAtTheProbe) {
  Vector u(2), w(2);
  u << 0.8, -0.3;
  w << 1.1, 0.4;
  Flow flow(2);
  flow.append(std::make_unique<SkewedPlanar>(u, w, 0.2, 0.01));
  Vector z(2);
  z << 0.3, -0.7;
  const auto p = probeAtBase(flow, z);
  ASSERT_TRUE(p.ok());
  EXPECT_NEAR(p.value.terms[0].logAbsDet - p.value.terms[0].logAbsDetFd, 0.01, 1e-6);
}

TEST(Evidence, FirstNonFiniteNamesTheLayerAndThePoints) {
  Flow flow(2);
  Matrix A(2, 2);
  A << 1.2, 0.3, 0.1, 0.9;
  flow.append(std::make_unique<Linear>(A, Vector::Zero(2)));
  flow.append(std::make_unique<BrokenRightOfOne>());
  Batch x(4, 2);
  x << 0.0, 0.0, 2.0, 0.0, 0.5, 3.0, 1.5, -1.0;
  const NonFiniteSite site = locateFirstNonFinite(flow, x);
  ASSERT_TRUE(site.found);
  EXPECT_EQ(site.layer, 1);
  EXPECT_EQ(site.label, "layer 2 (linear)");
  EXPECT_EQ(site.what, "value");
  EXPECT_EQ(site.count, 2);
  EXPECT_EQ(site.firstPoint, 1);
  EXPECT_FALSE(site.bad(0));
  EXPECT_TRUE(site.bad(3));
  // A healthy flow reports nothing; a point that was NaN on input is nobody's fault.
  Flow healthy = scene("banana.json");
  Batch y = x;
  y(2, 0) = std::nan("");
  const NonFiniteSite none = locateFirstNonFinite(healthy, y);
  EXPECT_FALSE(none.found);
  EXPECT_EQ(none.count, 0);
}

}  // namespace
}  // namespace flowlab
