// Where a value sits in JSON text, so scene errors can say "file:line:col".
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace flowlab {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 continuation bytes are not counted)
};

// Line and column of the byte at `offset` (clamped to the text).
TextPosition positionOfOffset(const std::string& text, std::size_t offset);

// Byte offset where the value named by a JSON pointer ("/layers/2/omega") starts in `text`, which
// must be valid JSON. nullopt when the path does not exist. "" names the root value.
// Keys are compared as written (no unescaping), which is enough for scene files.
std::optional<std::size_t> offsetOfPointer(const std::string& text, const std::string& pointer);

// Offset of the first number literal outside strings that overflows a double (e.g. 1e999),
// which nlohmann-json rejects without a position.
std::optional<std::size_t> offsetOfOverflowingNumber(const std::string& text);

}  // namespace flowlab
