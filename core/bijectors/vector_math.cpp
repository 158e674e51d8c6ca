// Compiled with -ffast-math -fopenmp-simd (core/bijectors/CMakeLists.txt): glibc declares its
// vector math functions only under __FAST_MATH__, and these loops need nothing else from it.
// Nothing here compares or branches on values, so finite-math assumptions cannot change a result.
#include "core/bijectors/vector_math.h"

#include <algorithm>
#include <cmath>

namespace flowlab::detail {
namespace {

// Every element goes through the same vector code, the last few in a padded block: a point's
// result must not depend on where in a batch it sits (batch = row by row, exactly).
constexpr int kBlock = 8;

// Blocks are copied through aligned buffers so the compiler never peels a scalar first lane.
template <class F>
void blocks(const double* in, double* out, int n, F f) {
  alignas(64) double a[kBlock];
  alignas(64) double b[kBlock];
  for (int i = 0; i < n; i += kBlock) {
    const int m = std::min(kBlock, n - i);
    std::fill(a + m, a + kBlock, 0.0);
    std::copy(in + i, in + i + m, a);
    f(a, b);
    std::copy(b, b + m, out + i);
  }
}

void tanhBlock(const double* __restrict in, double* __restrict out) {
  const double* x = static_cast<const double*>(__builtin_assume_aligned(in, 64));
  double* y = static_cast<double*>(__builtin_assume_aligned(out, 64));
#pragma omp simd
  for (int i = 0; i < kBlock; ++i) y[i] = std::tanh(x[i]);
}
void sinBlock(const double* __restrict in, double* __restrict out) {
  const double* x = static_cast<const double*>(__builtin_assume_aligned(in, 64));
  double* y = static_cast<double*>(__builtin_assume_aligned(out, 64));
#pragma omp simd
  for (int i = 0; i < kBlock; ++i) y[i] = std::sin(x[i]);
}
void cosBlock(const double* __restrict in, double* __restrict out) {
  const double* x = static_cast<const double*>(__builtin_assume_aligned(in, 64));
  double* y = static_cast<double*>(__builtin_assume_aligned(out, 64));
#pragma omp simd
  for (int i = 0; i < kBlock; ++i) y[i] = std::cos(x[i]);
}

// One block of out = f(in) for the functions of VectorFunction.
#define FLOWLAB_VECTOR_BLOCK(name, expression)                                  \
  void name(const double* __restrict in, double* __restrict out) {             \
    const double* x = static_cast<const double*>(__builtin_assume_aligned(in, 64)); \
    double* y = static_cast<double*>(__builtin_assume_aligned(out, 64));        \
    _Pragma("omp simd") for (int i = 0; i < kBlock; ++i) y[i] = expression;     \
  }
FLOWLAB_VECTOR_BLOCK(asinhBlock, std::asinh(x[i]))
FLOWLAB_VECTOR_BLOCK(sinhBlock, std::sinh(x[i]))
FLOWLAB_VECTOR_BLOCK(expBlock, std::exp(x[i]))
FLOWLAB_VECTOR_BLOCK(logBlock, std::log(x[i]))
FLOWLAB_VECTOR_BLOCK(log1pBlock, std::log1p(x[i]))
FLOWLAB_VECTOR_BLOCK(hypotOneBlock, std::hypot(1.0, x[i]))
#undef FLOWLAB_VECTOR_BLOCK

}  // namespace

static_assert(kBlock % kMathLanes == 0, "a block is whole registers, so both forms run the same code");

void tanhLanes(const double* __restrict in, double* __restrict out) {
#pragma omp simd
  for (int i = 0; i < kMathLanes; ++i) out[i] = std::tanh(in[i]);
}

void sinCosLanes(const double* __restrict in, double* __restrict sine, double* __restrict cosine) {
#pragma omp simd
  for (int i = 0; i < kMathLanes; ++i) sine[i] = std::sin(in[i]);
#pragma omp simd
  for (int i = 0; i < kMathLanes; ++i) cosine[i] = std::cos(in[i]);
}

void vectorTanh(const double* in, double* out, int n) { blocks(in, out, n, tanhBlock); }

void vectorApply(VectorFunction f, const double* in, double* out, int n) {
  switch (f) {
    case VectorFunction::Asinh: return blocks(in, out, n, asinhBlock);
    case VectorFunction::Sinh: return blocks(in, out, n, sinhBlock);
    case VectorFunction::Exp: return blocks(in, out, n, expBlock);
    case VectorFunction::Log: return blocks(in, out, n, logBlock);
    case VectorFunction::Log1p: return blocks(in, out, n, log1pBlock);
    case VectorFunction::HypotOne: return blocks(in, out, n, hypotOneBlock);
  }
}

void vectorSinCos(const double* in, double* sine, double* cosine, int n) {
  blocks(in, sine, n, sinBlock);
  blocks(in, cosine, n, cosBlock);
}

}  // namespace flowlab::detail
