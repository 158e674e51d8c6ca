// Assertions on Status values for the bijector tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/status.h"

namespace flowlab::test {

// Passes when status is an error whose message contains `fragment`.
inline ::testing::AssertionResult failsWith(const Status& status, const std::string& fragment) {
  if (status.ok()) return ::testing::AssertionFailure() << "status is ok, expected an error containing \"" << fragment << "\"";
  if (status.message().find(fragment) == std::string::npos)
    return ::testing::AssertionFailure() << "message \"" << status.message() << "\" lacks \"" << fragment << "\"";
  return ::testing::AssertionSuccess();
}

}  // namespace flowlab::test
