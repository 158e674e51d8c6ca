// Checks shared by the headless commands: option values read exactly as typed (no wrap-around,
// no silent rounding) and output that reports a failed write instead of exiting 0.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

namespace flowlab::app {

// A whole number in [lo, hi]: digits (or an exactly integral form such as 1e3, rewritten to 1000).
// "--n: 2.5 is not a whole number" / "--n: 1e9 is out of range [0, 100000000]".
CLI::Validator wholeNumber(long long lo, long long hi);
// A seed: digits only, so "-1" is refused instead of becoming 2^64 - 1.
CLI::Validator seedNumber();
// A finite real number ("nan" and "inf" are refused).
CLI::Validator finiteNumber();

// Flushes `out`; on failure prints "flowlab <command>: cannot write <what> (reason)" and returns false.
bool flushOutput(std::FILE* out, const char* command, const char* what);

}  // namespace flowlab::app
