// Transcendentals over arrays in SIMD lanes (glibc's libmvec where the compiler can use it), for
// the batch Newton solvers of the numerical inverses: there tanh, sin and cos are nearly all the
// work. Accurate to a few ulp; NaN in gives NaN out.
#pragma once

namespace flowlab::detail {

void vectorTanh(const double* in, double* out, int n);
void vectorSinCos(const double* in, double* sine, double* cosine, int n);

}  // namespace flowlab::detail
