// libFuzzer harness: see fuzz/fuzz_targets.h. Built and run by scripts/fuzz.
#include "fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, unsigned long size) {
  flowlab::fuzz::trainingScene(data, size);
  return 0;
}
