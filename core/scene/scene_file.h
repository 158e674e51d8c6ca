// Scene files: a flow (dimension, base, layer stack with every parameter) plus view settings, as
// JSON. The format is documented in docs/scene-format.md.
//
// Loading never throws. A malformed or unreadable file gives a Status
// "path:line:col: reason" (line:col of the offending value, or of the syntax error); an invalid but
// well-formed flow (e.g. a sine with |a·ω| >= 1) loads, and SceneFile::flow.problems() lists why.
#pragma once

#include <cstdint>
#include <string>

#include "core/flow/flow.h"
#include "core/scene/json_read.h"

namespace flowlab {

// What the views show; every field has a default, so "view" may be omitted or partial.
struct ViewSettings {
  double xMin = -4, xMax = 4;  // data-space window, x axis ("x_range")
  double yMin = -4, yMax = 4;  // y axis ("y_range"); unused in 1D
  int resolution = 256;        // density grid cells per axis
  int gridLines = 17;          // lines per axis in the grid-warp view
  int samples = 2000;          // sample cloud / histogram size
  std::uint64_t seed = 1;      // sampling seed
  int visibleLayers = -1;      // layer slider: first k enabled layers; -1 = all
  Json extras = Json::object();  // unknown "view" fields, kept for the round trip
};

struct SceneFile {
  int dim = 1;  // 1 or 2 (= flow.dim())
  Flow flow{1};
  ViewSettings view;
  std::string name;                // optional "name"
  std::string description;         // optional "description"
  Json extras = Json::object();    // unknown top-level fields (e.g. "optimizer", "step", "training"), verbatim
};

// Parses scene JSON; `sourceName` prefixes error messages (a path, or e.g. "<clipboard>").
Expected<SceneFile> parseScene(const std::string& text, const std::string& sourceName);
// The JSON of a scene text, refusing what parseScene refuses (NUL bytes, nesting deeper than 128,
// syntax errors, numbers beyond a double), with "source:line:col: reason" messages.
Expected<Json> parseSceneJson(const std::string& text, const std::string& sourceName);
// A reader error "<json pointer>: reason" (core/scene/json_read.h) as "source:line:col: [context: ]reason",
// at the pointed value in `text` (or its nearest existing parent, for a missing field).
Status locateSceneError(const Status& s, const std::string& text, const std::string& source,
                        const std::string& context = "");
// Reads and parses a file ("path: cannot read file" when it cannot be opened).
Expected<SceneFile> loadSceneFile(const std::string& path);

// The scene as JSON (fails when a layer has no codec or a non-finite parameter, which JSON cannot hold).
Expected<Json> sceneToJson(const SceneFile& scene);
// sceneToJson pretty-printed (2-space indent) and written to `path`.
Status saveSceneFile(const SceneFile& scene, const std::string& path);

}  // namespace flowlab
