// The lessons: every bundled scene (assets/scenes/*.json) that names its chapter of the teaching
// series, grouped by chapter. Only the metadata is read here ("chapter", "name" or "title",
// "description"); opening a lesson goes through the views' own loaders.
#pragma once

#include <string>
#include <vector>

namespace flowlab::app {

struct Lesson {
  int chapter = 0;          // 1..6
  int order = 1000;         // the scene's "lesson" (its place in the chapter); unnumbered ones last
  std::string title;        // the scene's "title", else its "name", else its file stem
  std::string description;  // several sentences
  std::string path;
};

struct Chapter {
  int number = 0;
  const char* title = "";  // "Change of variables in 1D", ...
  const char* line = "";   // one line on what it shows
};

// The six chapters of the series, in order.
const std::vector<Chapter>& chapters();
// Lessons of the bundled scenes, by chapter, then "lesson" number, then file name; read once and cached. Scenes without
// a valid "chapter" (an integer 1..6) are not lessons.
const std::vector<Lesson>& lessons();
// Reads the lessons of the scenes in `folder` (uncached; tests).
std::vector<Lesson> readLessons(const std::string& folder);

}  // namespace flowlab::app
