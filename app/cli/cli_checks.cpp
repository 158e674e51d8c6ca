#include "app/cli/cli_checks.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace flowlab::app {

CLI::Validator wholeNumber(long long lo, long long hi) {
  const std::string range = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        if (digits) {
          // Compare as text lengths first: strtoll would saturate a 30-digit number.
          const std::size_t firstNonZero = std::min(text.find_first_not_of('0'), text.size());
          const bool fits = text.size() - firstNonZero <= 18 && std::strtoll(text.c_str(), nullptr, 10) <= hi;
          if (!fits || std::strtoll(text.c_str(), nullptr, 10) < lo) return text + " is out of range " + range;
          return std::string();
        }
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v != std::floor(v))
          return "'" + text + "' is not a whole number";
        if (v < double(lo) || v > double(hi)) return text + " is out of range " + range;
        text = std::to_string(static_cast<long long>(v));
        return std::string();
      },
      "INT in " + range);
}

CLI::Validator seedNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
          return "'" + text + "' is not a seed (a whole number in [0, 18446744073709551615])";
        const std::size_t firstNonZero = std::min(text.find_first_not_of('0'), text.size());
        const std::string significant = text.substr(firstNonZero);
        if (significant.size() > 20 || (significant.size() == 20 && significant > "18446744073709551615"))
          return text + " is out of range [0, 18446744073709551615]";
        return std::string();
      },
      "SEED");
}

CLI::Validator finiteNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) return "'" + text + "' is not a number";
        if (!std::isfinite(v)) return "'" + text + "' is not a finite number";
        return std::string();
      },
      "NUMBER");
}

bool flushOutput(std::FILE* out, const char* command, const char* what) {
  errno = 0;
  if (std::fflush(out) == 0 && !std::ferror(out)) return true;
  const int err = errno;
  std::fprintf(stderr, "flowlab %s: cannot write %s (%s)\n", command, what, err ? std::strerror(err) : "write error");
  return false;
}

}  // namespace flowlab::app
