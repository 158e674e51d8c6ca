// Transcendentals over arrays in SIMD lanes (glibc's libmvec where the compiler can use it), for
// the batch Newton solvers of the numerical inverses: there tanh, sin and cos are nearly all the
// work. Accurate to a few ulp; NaN in gives NaN out.
#pragma once

namespace flowlab::detail {

void vectorTanh(const double* in, double* out, int n);
void vectorSinCos(const double* in, double* sine, double* cosine, int n);
// out = f(in) elementwise, f one of these (for the closed-form inverses' array paths).
enum class VectorFunction { Asinh, Sinh, Exp, Log, Log1p, HypotOne /* hypot(1, x) */ };
void vectorApply(VectorFunction f, const double* in, double* out, int n);

// The same functions on exactly kMathLanes values (one lane block of the root finders; any
// alignment), with no copies: the same vector code as above, so the results are the same too.
// kMathLanes is one SIMD register of doubles on the target: 8 with AVX-512, 4 with AVX, else 2.
#if defined(__AVX512F__)
inline constexpr int kMathLanes = 8;
#elif defined(__AVX__)
inline constexpr int kMathLanes = 4;
#else
inline constexpr int kMathLanes = 2;
#endif
void tanhLanes(const double* in, double* out);
void sinCosLanes(const double* in, double* sine, double* cosine);

}  // namespace flowlab::detail
