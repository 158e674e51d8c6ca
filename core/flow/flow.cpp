#include "core/flow/flow.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/random.h"

namespace flowlab {
namespace {

// Index of the first row holding a non-finite value (in value or logAbsDet), or -1.
int firstNonFiniteRow(const Transformed& t) {
  if (t.value.allFinite() && t.logAbsDet.allFinite()) return -1;  // the usual case, in one vector pass
  for (Eigen::Index i = 0; i < t.value.rows(); ++i)
    if (!t.value.row(i).allFinite() || !std::isfinite(t.logAbsDet(i))) return static_cast<int>(i);
  return -1;
}

std::string describeRow(const Batch& points, int row) {
  std::ostringstream os;
  os.precision(6);
  os << "(";
  for (Eigen::Index j = 0; j < points.cols(); ++j) os << (j ? ", " : "") << points(row, j);
  os << ")";
  return os.str();
}

// Checks one layer's output, naming the layer and the offending input point.
Status checkOutput(const Transformed& t, const Batch& input, const std::string& label, const char* direction) {
  const int bad = firstNonFiniteRow(t);
  if (bad < 0) return Status::okStatus();
  return Status::error(label + ": non-finite " + direction + " value at point " + std::to_string(bad) + " " +
                       describeRow(input, bad));
}

// One layer in one direction. A throwing bijector is a bug in that bijector, but the views call
// this every frame, so its message becomes a Status naming the layer instead of escaping.
Status apply(const Bijector& layer, const Batch& in, bool inverse, const std::string& label, Transformed& out) {
  try {
    out = inverse ? layer.inverse(in) : layer.forward(in);
  } catch (const std::exception& e) {
    return Status::error(label + ": " + (inverse ? "inverse" : "forward") + " failed: " + e.what());
  }
  return checkOutput(out, in, label, inverse ? "inverse" : "forward");
}

Status validateLayer(const Bijector& layer, const std::string& label) {
  try {
    return layer.validate().withContext(label);
  } catch (const std::exception& e) {
    return Status::error(label + ": validate failed: " + e.what());
  }
}

}  // namespace

Vector FlowTrace::totalLogAbsDet() const {
  Vector total = Vector::Zero(values.empty() ? 0 : values.front().rows());
  for (const Vector& l : logAbsDets) total += l;
  return total;
}

Flow::Flow(int dim) : base_(dim) {}

Flow::Flow(const Flow& other) : base_(other.base_) {
  layers_.reserve(other.layers_.size());
  for (const Layer& l : other.layers_) layers_.push_back({l.bijector->clone(), l.enabled});
}

Flow& Flow::operator=(const Flow& other) {
  if (this != &other) {
    Flow copy(other);
    *this = std::move(copy);
  }
  return *this;
}

int Flow::enabledCount() const {
  int n = 0;
  for (const Layer& l : layers_) n += l.enabled;
  return n;
}

void Flow::checkLayer(const BijectorPtr& bijector) const {
  if (!bijector) throw std::invalid_argument("Flow: cannot add a null bijector");
  if (bijector->dim() != dim())
    throw std::invalid_argument("Flow: expected a bijector of dim " + std::to_string(dim()) + ", got " +
                                bijector->type() + " of dim " + std::to_string(bijector->dim()));
}

void Flow::append(BijectorPtr bijector, bool enabled) { insert(layerCount(), std::move(bijector), enabled); }

void Flow::insert(int index, BijectorPtr bijector, bool enabled) {
  checkLayer(bijector);
  if (index < 0 || index > layerCount()) throw std::out_of_range("Flow::insert: index out of range");
  layers_.insert(layers_.begin() + index, Layer{std::move(bijector), enabled});
}

void Flow::remove(int index) {
  if (index < 0 || index >= layerCount()) throw std::out_of_range("Flow::remove: index out of range");
  layers_.erase(layers_.begin() + index);
}

void Flow::move(int from, int to) {
  if (from < 0 || from >= layerCount() || to < 0 || to >= layerCount())
    throw std::out_of_range("Flow::move: index out of range");
  Layer l = std::move(layers_[from]);
  layers_.erase(layers_.begin() + from);
  layers_.insert(layers_.begin() + to, std::move(l));
}

std::string Flow::layerLabel(int index) const {
  return "layer " + std::to_string(index + 1) + " (" + layers_.at(index).bijector->type() + ")";
}

Flow Flow::prefix(int k) const {
  Flow out(dim());
  for (const Layer& l : layers_) {
    if (out.layerCount() >= k) break;
    if (l.enabled) out.append(l.bijector->clone());
  }
  return out;
}

Status Flow::validate() const {
  for (int k = 0; k < layerCount(); ++k) {
    if (!layers_[k].enabled) continue;
    const Status s = validateLayer(*layers_[k].bijector, layerLabel(k));
    if (!s.ok()) return s;
  }
  return Status::okStatus();
}

std::vector<std::string> Flow::problems() const {
  std::vector<std::string> out;
  for (int k = 0; k < layerCount(); ++k) {
    if (!layers_[k].enabled) continue;
    const Status s = validateLayer(*layers_[k].bijector, layerLabel(k));
    if (!s.ok()) out.push_back(s.message());
  }
  return out;
}

Status Flow::checkInput(const Batch& points, const char* what) const {
  if (points.cols() != dim())
    return Status::error(std::string(what) + " must have " + std::to_string(dim()) + " column(s), got " +
                         std::to_string(points.cols()));
  for (Eigen::Index i = 0; i < points.rows(); ++i)
    if (!points.row(i).allFinite())
      return Status::error(std::string(what) + " " + std::to_string(i) + " is not finite");
  return validate();
}

Expected<FlowTrace> Flow::forwardTrace(const Batch& z) const {
  Expected<FlowTrace> out;
  out.status = checkInput(z, "point");
  if (!out.ok()) return out;
  FlowTrace& trace = out.value;
  trace.values.push_back(z);
  for (int k = 0; k < layerCount(); ++k) {
    if (!layers_[k].enabled) continue;
    Transformed t;
    out.status = apply(*layers_[k].bijector, trace.values.back(), false, layerLabel(k), t);
    if (!out.ok()) return out;
    trace.values.push_back(std::move(t.value));
    trace.logAbsDets.push_back(std::move(t.logAbsDet));
    trace.layers.push_back(k);
  }
  return out;
}

Expected<FlowTrace> Flow::inverseTrace(const Batch& x) const {
  Expected<FlowTrace> out;
  out.status = checkInput(x, "point");
  if (!out.ok()) return out;
  FlowTrace& trace = out.value;
  trace.values.push_back(x);
  for (int k = layerCount() - 1; k >= 0; --k) {
    if (!layers_[k].enabled) continue;
    Transformed t;
    out.status = apply(*layers_[k].bijector, trace.values.back(), true, layerLabel(k), t);
    if (!out.ok()) return out;
    trace.values.push_back(std::move(t.value));
    trace.logAbsDets.push_back(-t.logAbsDet);  // forward log-det at the layer's input
    trace.layers.push_back(k);
  }
  std::reverse(trace.values.begin(), trace.values.end());
  std::reverse(trace.logAbsDets.begin(), trace.logAbsDets.end());
  std::reverse(trace.layers.begin(), trace.layers.end());
  return out;
}

Expected<Transformed> Flow::forward(const Batch& z) const {
  Expected<Transformed> out;
  out.status = checkInput(z, "point");
  if (!out.ok()) return out;
  out.value = {z, Vector::Zero(z.rows())};
  if (z.rows() == 0) return out;  // nothing to map (some layers' kernels assume a row)
  for (int k = 0; k < layerCount(); ++k) {
    if (!layers_[k].enabled) continue;
    Transformed t;
    out.status = apply(*layers_[k].bijector, out.value.value, false, layerLabel(k), t);
    if (!out.ok()) return out;
    out.value.value = std::move(t.value);
    out.value.logAbsDet += t.logAbsDet;
  }
  return out;
}

Expected<Transformed> Flow::inverse(const Batch& x) const {
  Expected<Transformed> out;
  out.status = checkInput(x, "point");
  if (!out.ok()) return out;
  out.value = {x, Vector::Zero(x.rows())};
  if (x.rows() == 0) return out;
  for (int k = layerCount() - 1; k >= 0; --k) {
    if (!layers_[k].enabled) continue;
    Transformed t;
    out.status = apply(*layers_[k].bijector, out.value.value, true, layerLabel(k), t);
    if (!out.ok()) return out;
    out.value.value = std::move(t.value);
    out.value.logAbsDet += t.logAbsDet;
  }
  return out;
}

Expected<Vector> Flow::logProb(const Batch& x) const {
  Expected<Vector> out;
  Expected<Transformed> back = inverse(x);
  out.status = back.status;
  if (!out.ok()) return out;
  out.value = base_.logProb(back.value.value) + back.value.logAbsDet;
  return out;
}

Expected<Batch> Flow::sample(int n, std::uint64_t seed) const {
  Expected<Batch> out;
  if (n < 0) {
    out.status = Status::error("sample count must be >= 0, got " + std::to_string(n));
    return out;
  }
  Rng rng(seed);
  Expected<Transformed> fwd = forward(base_.sample(n, rng));
  out.status = fwd.status;
  if (out.ok()) out.value = std::move(fwd.value.value);
  return out;
}

}  // namespace flowlab
