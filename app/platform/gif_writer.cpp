#include "app/platform/gif_writer.h"

#include <algorithm>

#include <gif_lib.h>

namespace flowlab::app {

struct GifEncoder::Handle {
  GifFileType* file = nullptr;
};

namespace {

std::string gifError(const char* what, int code) {
  const char* reason = GifErrorString(code);
  return std::string(what) + ": " + (reason ? reason : "unknown giflib error");
}

}  // namespace

FramePixels fitFrame(const FramePixels& frame, int width, int height) {
  if (frame.width == width && frame.height == height) return frame;
  FramePixels out;
  out.width = width, out.height = height;
  out.rgb.assign(size_t(width) * height * 3, 0);
  if (frame.width <= 0 || frame.height <= 0) return out;
  for (int y = 0; y < height; ++y) {
    const int sy = std::min(y, frame.height - 1);
    for (int x = 0; x < width; ++x) {
      const int sx = std::min(x, frame.width - 1);
      std::copy_n(&frame.rgb[(size_t(sy) * frame.width + sx) * 3], 3, &out.rgb[(size_t(y) * width + x) * 3]);
    }
  }
  return out;
}

int GifEncoder::write(void* gif, const unsigned char* data, int length) {
  auto* self = static_cast<GifEncoder*>(static_cast<GifFileType*>(gif)->UserData);
  self->bytes_.insert(self->bytes_.end(), data, data + length);
  return length;
}

GifEncoder::GifEncoder(int width, int height, int delayCentiseconds)
    : gif_(std::make_unique<Handle>()), width_(width), height_(height), delay_(delayCentiseconds) {
  int code = 0;
  gif_->file = EGifOpen(this, [](GifFileType* g, const GifByteType* d, int n) { return write(g, d, n); }, &code);
  if (!gif_->file) {
    error_ = gifError("cannot start the GIF", code);
    return;
  }
  EGifSetGifVersion(gif_->file, true);  // GIF89a: delays and looping
  if (EGifPutScreenDesc(gif_->file, width_, height_, 8, 0, nullptr) == GIF_ERROR) {
    error_ = gifError("cannot write the GIF header", gif_->file->Error);
    return;
  }
  // The NETSCAPE2.0 application block: loop forever (count 0), as slides expect.
  static const GifByteType kLoop[] = {1, 0, 0};
  if (EGifPutExtensionLeader(gif_->file, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
      EGifPutExtensionBlock(gif_->file, 11, "NETSCAPE2.0") == GIF_ERROR ||
      EGifPutExtensionBlock(gif_->file, 3, kLoop) == GIF_ERROR || EGifPutExtensionTrailer(gif_->file) == GIF_ERROR)
    error_ = gifError("cannot write the GIF's loop block", gif_->file->Error);
}

GifEncoder::~GifEncoder() {
  if (gif_->file) {
    int code = 0;
    EGifCloseFile(gif_->file, &code);
  }
}

std::string GifEncoder::add(const FramePixels& input, int delayCentiseconds) {
  if (!error_.empty()) return error_;
  if (!gif_->file) return "the GIF is already finished";
  const FramePixels frame = fitFrame(input, width_, height_);
  const size_t n = size_t(width_) * height_;
  std::vector<GifByteType> r(n), g(n), b(n), indices(n);
  for (size_t i = 0; i < n; ++i) r[i] = frame.rgb[3 * i], g[i] = frame.rgb[3 * i + 1], b[i] = frame.rgb[3 * i + 2];
  int colours = 256;
  GifColorType palette[256] = {};
  if (GifQuantizeBuffer(unsigned(width_), unsigned(height_), &colours, r.data(), g.data(), b.data(), indices.data(),
                        palette) == GIF_ERROR)
    return error_ = "cannot reduce frame " + std::to_string(frames_ + 1) + " to 256 colours";
  // GIF colour tables have a power-of-two size of at least 2 entries.
  int tableSize = 2;
  while (tableSize < colours) tableSize *= 2;
  ColorMapObject* map = GifMakeMapObject(tableSize, palette);
  GraphicsControlBlock control{};
  control.DisposalMode = DISPOSE_DO_NOT;
  control.DelayTime = delayCentiseconds > 0 ? std::min(delayCentiseconds, 65535) : delay_;
  control.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType extension[4];
  EGifGCBToExtension(&control, extension);
  bool ok = map && EGifPutExtension(gif_->file, GRAPHICS_EXT_FUNC_CODE, 4, extension) != GIF_ERROR &&
            EGifPutImageDesc(gif_->file, 0, 0, width_, height_, false, map) != GIF_ERROR;
  for (int y = 0; ok && y < height_; ++y)
    ok = EGifPutLine(gif_->file, indices.data() + size_t(y) * width_, width_) != GIF_ERROR;
  GifFreeMapObject(map);
  if (!ok) return error_ = gifError(("cannot write frame " + std::to_string(frames_ + 1)).c_str(), gif_->file->Error);
  ++frames_;
  return "";
}

std::string GifEncoder::finish() {
  if (!error_.empty()) return error_;
  if (!gif_->file) return "";
  if (frames_ == 0) return error_ = "the GIF has no frames";
  int code = 0;
  const int result = EGifCloseFile(gif_->file, &code);
  gif_->file = nullptr;
  if (result == GIF_ERROR) return error_ = gifError("cannot finish the GIF", code);
  return "";
}

}  // namespace flowlab::app
