// GIF export: what the encoder and the recorder write decodes back (with giflib's own decoder) to
// the frames, sizes, delays and colours that went in; crops and fits keep the right pixels.
#include <gtest/gtest.h>

#include <gif_lib.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "app/gl/offscreen_frame.h"
#include "app/platform/gif_recorder.h"
#include "app/platform/gif_writer.h"

namespace flowlab::app {
namespace {

namespace fs = std::filesystem;

// A test picture: a colour ramp plus a moving square (frame t), so frames differ.
FramePixels picture(int w, int h, int t) {
  FramePixels p;
  p.width = w, p.height = h;
  p.rgb.resize(size_t(w) * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      unsigned char* px = &p.rgb[(size_t(y) * w + x) * 3];
      const bool square = x >= 4 * t && x < 4 * t + 8 && y >= 5 && y < 13;
      px[0] = square ? 255 : static_cast<unsigned char>(x * 255 / (w - 1));
      px[1] = square ? 255 : static_cast<unsigned char>(y * 255 / (h - 1));
      px[2] = square ? 0 : 96;
    }
  return p;
}

struct Decoded {
  int width = 0, height = 0, frames = 0, delay = -1, error = 0;  // delay: the last frame's
  std::vector<int> delays;
  std::vector<std::vector<unsigned char>> rgb;  // per frame
  bool loops = false;
};

Decoded decode(const std::vector<unsigned char>& bytes) {
  struct Reader {
    const std::vector<unsigned char>* bytes;
    size_t at = 0;
  } reader{&bytes};
  Decoded d;
  GifFileType* gif = DGifOpen(&reader, [](GifFileType* g, GifByteType* out, int n) {
    auto* r = static_cast<Reader*>(g->UserData);
    const int take = int(std::min<size_t>(size_t(n), r->bytes->size() - r->at));
    std::copy_n(r->bytes->data() + r->at, take, out);
    r->at += size_t(take);
    return take;
  }, &d.error);
  if (!gif) return d;
  if (DGifSlurp(gif) != GIF_OK) {
    d.error = gif->Error;
    DGifCloseFile(gif, nullptr);
    return d;
  }
  d.width = gif->SWidth, d.height = gif->SHeight, d.frames = gif->ImageCount;
  for (int i = 0; i < gif->ImageCount; ++i) {
    const SavedImage& image = gif->SavedImages[i];
    GraphicsControlBlock gcb;
    if (DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK) d.delay = gcb.DelayTime, d.delays.push_back(gcb.DelayTime);
    const ColorMapObject* map = image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : gif->SColorMap;
    std::vector<unsigned char> rgb;
    for (int p = 0; p < image.ImageDesc.Width * image.ImageDesc.Height; ++p) {
      const GifColorType c = map->Colors[image.RasterBits[p]];
      rgb.insert(rgb.end(), {c.Red, c.Green, c.Blue});
    }
    d.rgb.push_back(std::move(rgb));
  }
  // The loop block comes before the first image, so giflib files it with that image.
  for (int i = 0; gif->ImageCount > 0 && i < gif->SavedImages[0].ExtensionBlockCount; ++i) {
    const ExtensionBlock& b = gif->SavedImages[0].ExtensionBlocks[i];
    if (b.Function == APPLICATION_EXT_FUNC_CODE && b.ByteCount == 11 &&
        std::string(reinterpret_cast<const char*>(b.Bytes), 11) == "NETSCAPE2.0")
      d.loops = true;
  }
  DGifCloseFile(gif, nullptr);
  return d;
}

// The mean and the largest difference of a channel between a decoded frame and the picture.
std::pair<double, int> channelError(const std::vector<unsigned char>& decoded, const FramePixels& p) {
  int worst = 0;
  double sum = 0;
  for (size_t i = 0; i < p.rgb.size(); ++i) {
    const int e = std::abs(int(decoded[i]) - int(p.rgb[i]));
    worst = std::max(worst, e), sum += e;
  }
  return {sum / double(p.rgb.size()), worst};
}

std::vector<unsigned char> readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(GifEncoder, FramesDecodeBackWithTheirSizeDelayAndColours) {
  GifEncoder gif(40, 20, 7);
  for (int t = 0; t < 5; ++t) ASSERT_EQ(gif.add(picture(40, 20, t)), "");
  ASSERT_EQ(gif.finish(), "");
  EXPECT_EQ(gif.frames(), 5);
  const Decoded d = decode(gif.bytes());
  ASSERT_EQ(d.error, 0) << GifErrorString(d.error);
  EXPECT_EQ(d.width, 40);
  EXPECT_EQ(d.height, 20);
  EXPECT_EQ(d.frames, 5);
  EXPECT_EQ(d.delay, 7);
  EXPECT_TRUE(d.loops) << "slides expect a GIF that loops";
  // 256 colours for a picture of 800 distinct colours: median cut keeps them close on average
  // (giflib first rounds each channel to 5 bits, so 4 is about the best possible mean).
  for (int t = 0; t < 5; ++t) {
    const auto [mean, worst] = channelError(d.rgb[size_t(t)], picture(40, 20, t));
    EXPECT_LE(mean, 8.0) << "frame " << t;
    EXPECT_LE(worst, 64) << "frame " << t;
  }
  // The moving square is white in its frame and not in the others' place.
  const auto at = [&](int frame, int x, int y) { return d.rgb[size_t(frame)][(size_t(y) * 40 + x) * 3 + 2]; };
  EXPECT_LT(at(3, 14, 8), 40) << "the square's blue channel is 0";
  EXPECT_GT(at(0, 14, 8), 60) << "where the square is not, blue is 96";
}

TEST(GifEncoder, AFrameOfAnotherSizeIsFittedToTheFirst) {
  GifEncoder gif(16, 16, 10);
  ASSERT_EQ(gif.add(picture(16, 16, 0)), "");
  ASSERT_EQ(gif.add(picture(30, 10, 1)), "");
  ASSERT_EQ(gif.finish(), "");
  const Decoded d = decode(gif.bytes());
  ASSERT_EQ(d.frames, 2);
  EXPECT_EQ(d.width, 16);
  EXPECT_EQ(d.height, 16);
}

TEST(GifEncoder, AGifWithoutFramesIsAnErrorNotAFile) {
  GifEncoder gif(8, 8, 7);
  EXPECT_NE(gif.finish(), "");
}

TEST(FramePixels, CropKeepsTheRectangleAndClipsToThePicture) {
  const FramePixels p = picture(40, 20, 0);
  const FramePixels c = cropPixels(p, 10, 4, 12, 6);
  ASSERT_EQ(c.width, 12);
  ASSERT_EQ(c.height, 6);
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 12; ++x)
      for (int k = 0; k < 3; ++k)
        ASSERT_EQ(c.rgb[(size_t(y) * 12 + x) * 3 + k], p.rgb[(size_t(y + 4) * 40 + x + 10) * 3 + k]);
  const FramePixels clipped = cropPixels(p, 35, 15, 20, 20);
  EXPECT_EQ(clipped.width, 5);
  EXPECT_EQ(clipped.height, 5);
  const FramePixels fitted = fitFrame(p, 44, 22);  // padded with the edge's colours
  EXPECT_EQ(fitted.rgb[(size_t(21) * 44 + 43) * 3], p.rgb[(size_t(19) * 40 + 39) * 3]);
}

fs::path freshFolder(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("flowlab_gif_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void waitIdle(const GifRecorder& r) {
  for (int i = 0; i < 2000 && r.busy(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

TEST(GifRecorder, TwoRecordingsGoToTwoNumberedFilesWithTheirOwnFrames) {
  const fs::path dir = freshFolder("numbered");
  GifRecorder r(nullptr);
  r.start(24, 18, 15, "", dir.string());
  for (int t = 0; t < 3; ++t) ASSERT_TRUE(r.push(picture(24, 18, t), true, t / 15.0));
  EXPECT_TRUE(r.recording());
  r.start(24, 18, 10, "", dir.string());  // stops and saves the first
  for (int t = 0; t < 2; ++t) ASSERT_TRUE(r.push(picture(24, 18, t), true, t / 15.0));
  r.stop();
  EXPECT_FALSE(r.push(picture(24, 18, 0), true, 1.0)) << "no frames after stop";
  waitIdle(r);
  const std::vector<SaveResult> results = r.takeResults();
  ASSERT_EQ(results.size(), 2u);
  for (const SaveResult& s : results) ASSERT_EQ(s.error, "");
  EXPECT_NE(results[0].path, results[1].path);
  const Decoded first = decode(readBytes(results[0].path)), second = decode(readBytes(results[1].path));
  EXPECT_EQ(first.frames, 3);
  EXPECT_EQ(first.delay, 7);  // 15 fps: 100/15 rounds to 7 centiseconds
  EXPECT_EQ(second.frames, 2);
  EXPECT_EQ(second.delay, 10);
  fs::remove_all(dir);
}

TEST(GifRecorder, EachFrameShowsUntilTheNextOnesTimeSoDroppedFramesKeepRealTime) {
  const fs::path dir = freshFolder("timing");
  GifRecorder r(nullptr);
  r.start(12, 12, 15, (dir / "t.gif").string(), dir.string());
  for (double t : {0.0, 0.1, 0.5, 0.52}) ASSERT_TRUE(r.push(picture(12, 12, 0), true, 10.0 + t));
  r.stop();
  waitIdle(r);
  ASSERT_EQ(r.takeResults().at(0).error, "");
  const Decoded d = decode(readBytes(dir / "t.gif"));
  // 0.1 s, 0.4 s, 0.02 s, and the last frame the nominal 1/15 s.
  EXPECT_EQ(d.delays, (std::vector<int>{10, 40, 2, 7}));
  fs::remove_all(dir);
}

TEST(GifRecorder, ANamedPathIsWrittenAndAnUnwritableOneReportsWhy) {
  const fs::path dir = freshFolder("named");
  GifRecorder r(nullptr);
  r.start(10, 10, 15, (dir / "out.gif").string(), dir.string());
  ASSERT_TRUE(r.push(picture(10, 10, 0), true, 0.0));
  r.stop();
  r.start(10, 10, 15, (dir / "missing" / "out.gif").string(), dir.string());
  ASSERT_TRUE(r.push(picture(10, 10, 0), true, 0.0));
  r.stop();
  waitIdle(r);
  const std::vector<SaveResult> results = r.takeResults();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].error, "");
  EXPECT_EQ(decode(readBytes(dir / "out.gif")).frames, 1);
  EXPECT_NE(results[1].error, "");
  EXPECT_NE(results[1].error.find("missing"), std::string::npos) << results[1].error;
  fs::remove_all(dir);
}

TEST(GifRecorder, WithoutWaitingAFullQueueDropsFramesAndCountsThem) {
  const fs::path dir = freshFolder("drop");
  GifRecorder r(nullptr);
  r.start(200, 200, 15, "", dir.string());
  int accepted = 0;
  for (int t = 0; t < 200; ++t) accepted += r.push(picture(200, 200, t % 40), false, t / 15.0) ? 1 : 0;
  EXPECT_EQ(accepted + r.framesDropped(), 200);
  EXPECT_EQ(r.framesQueued(), accepted);
  r.stop();
  waitIdle(r);
  const std::vector<SaveResult> results = r.takeResults();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].error, "");
  EXPECT_EQ(decode(readBytes(results[0].path)).frames, accepted);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace flowlab::app
