// Data and user errors as values: core never throws for bad data, never prints, never exits.
#pragma once

#include <string>
#include <utility>

namespace flowlab {

// ok() or an explanation of what is wrong and where ("layer 2 (sine): not invertible: ...").
class Status {
 public:
  Status() = default;
  static Status okStatus() { return Status(); }
  static Status error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return message_.empty(); }
  explicit operator bool() const { return ok(); }
  const std::string& message() const { return message_; }

  // Prefixes the message with context, e.g. withContext("layer 2 (sine)").
  Status withContext(const std::string& where) const {
    return ok() ? *this : Status(where + ": " + message_);
  }

 private:
  explicit Status(std::string m) : message_(m.empty() ? std::string("unknown error") : std::move(m)) {}
  std::string message_;
};

// A value or the Status saying why there is none.
template <class T>
struct Expected {
  Status status;
  T value{};
  bool ok() const { return status.ok(); }
};

}  // namespace flowlab
