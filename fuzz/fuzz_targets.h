// The fuzzed entry points, shared by the libFuzzer harnesses (fuzz/*_fuzzer.cpp) and the unit test
// that replays every saved crash (tests/core/scene/fuzz_regressions_test.cpp). Each takes raw bytes,
// must never crash, hang or trip a sanitizer, and traps when an invariant breaks.
#pragma once

#include <cstddef>
#include <cstdint>

namespace flowlab::fuzz {

// parseScene; a scene that loads must write and read back (sceneToJson + parseScene); a valid flow
// is evaluated on a few points both ways.
void scene(const std::uint8_t* data, std::size_t size);
// parsePointsCsv in 1D (first byte even) or 2D; every value returned is finite.
void pointsCsv(const std::uint8_t* data, std::size_t size);
// parseScene + readCheckpoint; a checkpoint that reads has finite, in-range optimizer fields.
void checkpoint(const std::uint8_t* data, std::size_t size);

// parseTrainingScene; an error is "<fuzz>:line:col: reason"; a scene that reads has a config that
// validates, and writes and reads back to the same config (and, with weights, the same state).
void trainingScene(const std::uint8_t* data, std::size_t size);

}  // namespace flowlab::fuzz
