#include "core/nn/small_gemm.h"

#include <Eigen/Core>
#include <atomic>
#include <cstdlib>
#include <mutex>

#ifdef FLOWLAB_HAVE_LIBXSMM
#include <libxsmm.h>
#endif

namespace flowlab {
namespace {

template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T>
using Map = Eigen::Map<Mat<T>>;
template <class T>
using ConstMap = Eigen::Map<const Mat<T>>;

// FLOWLAB_GEMM=eigen picks Eigen for a whole run (to compare engines from the command line).
std::atomic<GemmEngine>& engineSlot() {
  static std::atomic<GemmEngine> engine{[] {
    const char* chosen = std::getenv("FLOWLAB_GEMM");
    if (chosen && std::string(chosen) == "eigen") return GemmEngine::Eigen;
    return libxsmmBuiltIn() ? GemmEngine::Libxsmm : GemmEngine::Eigen;
  }()};
  return engine;
}

#ifdef FLOWLAB_HAVE_LIBXSMM
// One float kernel C = op(A)·B with beta 0 from libxsmm's registry (dispatch caches the JIT code,
// so repeated shapes cost a lookup); null when libxsmm declines the shape.
libxsmm_smmfunction floatKernel(int m, int n, int k, int lda, int ldb, int flags) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { libxsmm_init(); });
  const libxsmm_blasint lm = m, ln = n, lk = k, la = lda, lb = ldb, lc = m;
  const float alpha = 1.f, beta = 0.f;
  return libxsmm_smmdispatch(lm, ln, lk, &la, &lb, &lc, &alpha, &beta, &flags, nullptr);
}
#endif

}  // namespace

bool libxsmmBuiltIn() {
#ifdef FLOWLAB_HAVE_LIBXSMM
  return true;
#else
  return false;
#endif
}

void setGemmEngine(GemmEngine engine) {
  engineSlot().store(libxsmmBuiltIn() ? engine : GemmEngine::Eigen, std::memory_order_relaxed);
}
GemmEngine gemmEngine() { return engineSlot().load(std::memory_order_relaxed); }
std::string gemmEngineName(GemmEngine engine) { return engine == GemmEngine::Libxsmm ? "libxsmm" : "eigen"; }

template <class T>
void gemmNN(int m, int n, int k, const T* a, const T* b, T* c) {
#ifdef FLOWLAB_HAVE_LIBXSMM
  if constexpr (std::is_same_v<T, float>) {
    if (gemmEngine() == GemmEngine::Libxsmm)
      if (const auto kernel = floatKernel(m, n, k, m, k, LIBXSMM_GEMM_FLAG_NONE)) return kernel(a, b, c);
  }
#endif
  Map<T>(c, m, n).noalias() = ConstMap<T>(a, m, k) * ConstMap<T>(b, k, n);
}

template <class T>
void gemmNT(int m, int n, int k, const T* a, const T* b, T* c) {
#ifdef FLOWLAB_HAVE_LIBXSMM
  if constexpr (std::is_same_v<T, float>) {
    if (gemmEngine() == GemmEngine::Libxsmm)
      if (const auto kernel = floatKernel(m, n, k, m, n, LIBXSMM_GEMM_FLAG_TRANS_B)) return kernel(a, b, c);
  }
#endif
  Map<T>(c, m, n).noalias() = ConstMap<T>(a, m, k) * ConstMap<T>(b, n, k).transpose();
}

template <class T>
void gemmTN(int m, int n, int k, const T* a, const T* b, T* c, T* aT) {
#ifdef FLOWLAB_HAVE_LIBXSMM
  if constexpr (std::is_same_v<T, float>) {
    if (gemmEngine() == GemmEngine::Libxsmm) {
      Map<T>(aT, m, k) = ConstMap<T>(a, k, m).transpose();  // m·k entries: small next to the product
      return gemmNN(m, n, k, static_cast<const T*>(aT), b, c);
    }
  }
#endif
  (void)aT;
  Map<T>(c, m, n).noalias() = ConstMap<T>(a, k, m).transpose() * ConstMap<T>(b, k, n);
}

template void gemmNN<float>(int, int, int, const float*, const float*, float*);
template void gemmNN<double>(int, int, int, const double*, const double*, double*);
template void gemmNT<float>(int, int, int, const float*, const float*, float*);
template void gemmNT<double>(int, int, int, const double*, const double*, double*);
template void gemmTN<float>(int, int, int, const float*, const float*, float*, float*);
template void gemmTN<double>(int, int, int, const double*, const double*, double*, double*);

}  // namespace flowlab
