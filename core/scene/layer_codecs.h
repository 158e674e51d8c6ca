// The table that maps a scene layer's "type" to the code that reads and writes it.
//
// Each family of layers lists its entries in its own file (layer_codecs_1d.cpp, layer_codecs_nd.cpp,
// coupling_codecs.cpp); layerCodecs() concatenates those tables, so a new layer type is one entry
// in one file. Readers follow the error convention of core/scene/json_read.h.
#pragma once

#include <string>
#include <vector>

#include "core/bijector.h"
#include "core/scene/json_read.h"

namespace flowlab {

// Reads a layer object; `dim` is the dimension the layer must have, `where` its JSON pointer.
// The object still holds the common keys "type", "enabled" and "note" (readers check their own keys
// with checkLayerKeys); it is passed as is, never copied, so nested layers cost linear time.
using LayerReader = Expected<BijectorPtr> (*)(const Json& layer, int dim, const std::string& where);
// Writes a layer's own fields (the caller adds "type"); fails for a bijector it cannot describe.
using LayerWriter = Expected<Json> (*)(const Bijector& layer);

struct LayerCodec {
  std::string type;   // Bijector::type(), written as the layer's "type"
  int dim = 0;        // the only dimension this type exists in (1 for scalar layers), 0 for any
  LayerReader read;
  LayerWriter write;
};

// Every layer type a scene may hold.
const std::vector<LayerCodec>& layerCodecs();
const LayerCodec* findLayerCodec(const std::string& type);

// Reads {"type": ..., fields...} into a bijector of dimension dim (dispatching on "type").
Expected<BijectorPtr> readLayer(const Json& layer, int dim, const std::string& where);
// {"type": ..., fields...} for any bijector whose type has a codec.
Expected<Json> writeLayer(const Bijector& layer);

// checkKeys for a layer object: also allows the common keys "type", "enabled" and "note".
Status checkLayerKeys(const Json& layer, std::initializer_list<const char*> allowed, const std::string& where);

// Helper for writers: an object holding the named parameters (from Bijector::parameters()).
Expected<Json> parametersToJson(const Bijector& layer, const std::vector<std::string>& names);

// The per-family tables that layerCodecs() concatenates.
std::vector<LayerCodec> scalarLayerCodecs();    // layer_codecs_1d.cpp
std::vector<LayerCodec> vectorLayerCodecs();    // layer_codecs_nd.cpp
std::vector<LayerCodec> couplingLayerCodecs();  // coupling_codecs.cpp

}  // namespace flowlab
