// Runs the shared property battery (tests/support/bijector_properties.h) over every engine bijector.
#include "tests/core/bijectors/random_bijectors.h"
#include "tests/support/bijector_properties.h"

FLOWLAB_INSTANTIATE_BIJECTOR_PROPERTIES(Engine, engineBijectorCases())
