// The matrix products of the MLPs' hot path, with a choice of engine: Eigen's GEMM, or libxsmm's
// JIT-generated small-GEMM kernels (Debian's libxsmm-dev; built in with -DFLOWLAB_LIBXSMM=ON).
// For the trainer's 64 × 64 × 256 float products libxsmm's kernels measured 96 vs 59 GFLOP/s (A·B)
// and 66 vs 56 (A·Bᵀ) against Eigen's GEMM on the project's 2-core AMD EPYC, and a whole training
// step 1.09× (bench/train: TrainStep/engine:*), so it is the default for float where it is built
// in; double products always use Eigen.
//
// All matrices are column-major with leading dimension = rows. C is m × n.
#pragma once

#include <string>

namespace flowlab {

enum class GemmEngine { Eigen, Libxsmm };

bool libxsmmBuiltIn();
// The process-wide engine for float products (benches and tests switch it; the default is
// libxsmm when built in, unless the environment says FLOWLAB_GEMM=eigen). Setting Libxsmm where
// it is not built in keeps Eigen.
void setGemmEngine(GemmEngine engine);
GemmEngine gemmEngine();
std::string gemmEngineName(GemmEngine engine);

// C = A · B            (A: m × k, B: k × n)
template <class T>
void gemmNN(int m, int n, int k, const T* a, const T* b, T* c);
// C = A · Bᵀ           (A: m × k, B: n × k)
template <class T>
void gemmNT(int m, int n, int k, const T* a, const T* b, T* c);
// C = Aᵀ · B           (A: k × m, B: k × n); aT: scratch of m·k entries for the transposed A
// (libxsmm 1.17 generates no kernel for a transposed A).
template <class T>
void gemmTN(int m, int n, int k, const T* a, const T* b, T* c, T* aT);

}  // namespace flowlab
