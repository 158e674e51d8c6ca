// Transcendentals over arrays in SIMD lanes (glibc's libmvec where the compiler can use it), for
// the batch Newton solvers of the numerical inverses: there tanh, sin and cos are nearly all the
// work. Accurate to a few ulp; NaN in gives NaN out.
#pragma once

namespace flowlab::detail {

void vectorTanh(const double* in, double* out, int n);
void vectorSinCos(const double* in, double* sine, double* cosine, int n);

// The same functions on exactly kMathLanes values (one lane block of the root finders; any
// alignment), with no copies: the same vector code as above, so the results are the same too.
inline constexpr int kMathLanes = 8;
void tanhLanes(const double* in, double* out);
void sinCosLanes(const double* in, double* sine, double* cosine);

}  // namespace flowlab::detail
