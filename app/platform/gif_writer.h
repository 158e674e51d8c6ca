// Animated GIF encoding with giflib: frames of one size, each quantized to its own 256-colour
// palette (median cut), looping forever, with one delay between frames.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/gl/screenshot.h"

namespace flowlab::app {

// Encodes frame by frame into memory, so a recording never holds more than one raw frame.
class GifEncoder {
 public:
  // delayCentiseconds: the time each frame shows (GIF's unit; 7 is about 15 frames a second).
  GifEncoder(int width, int height, int delayCentiseconds);
  ~GifEncoder();
  GifEncoder(const GifEncoder&) = delete;
  GifEncoder& operator=(const GifEncoder&) = delete;

  // A frame of another size is cropped or padded (with its edge colour) to the first size. It
  // shows for delayCentiseconds (default: the encoder's). Returns "" or giflib's reason.
  std::string add(const FramePixels& frame, int delayCentiseconds = 0);
  // Ends the file; the bytes are then in bytes(). Returns "" or the reason.
  std::string finish();
  const std::vector<unsigned char>& bytes() const { return bytes_; }
  int frames() const { return frames_; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  static int write(void* gif, const unsigned char* data, int length);
  struct Handle;
  std::unique_ptr<Handle> gif_;
  std::vector<unsigned char> bytes_;
  std::string error_;
  int width_, height_, delay_, frames_ = 0;
};

// The pixels fitted to width x height: cropped, or padded by repeating the last row and column.
FramePixels fitFrame(const FramePixels& frame, int width, int height);

}  // namespace flowlab::app
