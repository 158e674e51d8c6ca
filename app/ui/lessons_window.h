// The Lessons browser (View > Lessons, F2): the bundled scenes grouped by the six chapters of
// the teaching series; a click opens a lesson in the view it belongs to.
#pragma once

namespace flowlab::app {

struct AppState;

void drawLessonsWindow(AppState& state);

}  // namespace flowlab::app
