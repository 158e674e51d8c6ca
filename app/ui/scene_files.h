// Scene files for every view: Save (Ctrl+S), Save As (Ctrl+Shift+S), Open recent, Copy scene and
// Paste scene (the whole scene as JSON text on the clipboard, so a student can send exactly what
// they see in a chat message), the window title with the scene's name and a modified mark, and the
// question (Save / Discard / Cancel) before unsaved changes are lost by quitting or opening.
//
// A view's scene is "modified" when its JSON text differs from the text it had when it was opened
// or saved: exact, and it needs no cooperation from the undo history (undoing back to the saved
// state clears the mark). The Training view's scene is its settings; its progress (the step)
// counts as a change too, and Save writes the model with its weights (a checkpoint).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/scene/json_read.h"

namespace flowlab::app {

struct AppState;
class View;

// What the user asked for that would lose unsaved changes; carried out once they answered.
enum class PendingKind { None, Quit, OpenFile, OpenText };
struct PendingAction {
  PendingKind kind = PendingKind::None;
  std::string path;  // OpenFile
  std::string text;  // OpenText: pasted scene text
};

// One view's scene as a document.
struct SceneDoc {
  std::string identity = "\x01";  // the view's own source path as last seen; a change = another scene
  std::string path;               // where Save writes ("" untitled; a bundled lesson asks where)
  std::string baseline;           // the scene's text when opened or saved
  bool baselinePending = true;    // take the baseline once the view has caught up
  bool modified = false;
  std::string savingTo;           // Training: a save in flight to this path
  std::uint64_t saveCommand = 0;  // and its command in the training thread's queue
  double checkedAt = -1e9;        // app time of the last check, and what it cost
  double checkMs = 0.0;
};

struct SceneFiles {
  std::map<std::string, SceneDoc> docs;  // by view id
  bool showSaveAs = false;               // the Save As dialog
  std::string saveAsPath, saveAsError;
  bool saveAsReplace = false;            // the path exists: the next Save replaces it
  bool showConfirm = false;              // the unsaved-changes question
  std::string confirmView;               // about this view's scene
  PendingAction pending;                 // what waits for that answer
  PendingAction afterSave;               // carried out once the save the answer asked for is done
  bool guardQuit = true;                 // false for scripted runs: they quit without asking
  bool bypassGuard = false;              // set while carrying out an answered action
  // Centres of the question's buttons as last drawn (pixels; --trace-state, for journeys).
  float saveAt[2] = {0, 0}, discardAt[2] = {0, 0}, cancelAt[2] = {0, 0};
  bool confirmShown = false, saveAsShown = false;  // drawn this frame
};

// The scene of a view as JSON text (what Save writes and Copy scene puts on the clipboard); false
// with `why` for a view without a scene (Welcome) or a scene JSON cannot hold.
bool sceneText(View& view, std::string& out, std::string* why = nullptr);
// The view a scene belongs to: a training scene the Training view (unless it is a model with
// weights and the 2D lab is in use), else the lab of its "dim" (the active view without one).
View* viewForScene(AppState& state, const Json& scene, std::string* why);
// Opens scene text in the view it belongs to (a pasted scene; `source` names it in messages).
// Malformed text posts the loader's message ("<clipboard>:line:col: reason") and changes nothing.
bool openSceneText(AppState& state, const std::string& text, const std::string& source);
// The active view's scene name ("Untitled" when it has none), and "FlowLab — name •" (• = modified).
std::string sceneName(const AppState& state);
std::string windowTitle(const AppState& state);
bool activeModified(const AppState& state);

// Save writes to the scene's file, or asks where (Save As) when it has none or it is a bundled
// lesson. Both post the outcome; a failed save changes nothing on disk.
void saveScene(AppState& state);
bool saveSceneAs(AppState& state, const std::string& path);
// Shows the Save As dialog, filled with the scene's file or a new name in the working folder.
void askSaveAs(AppState& state);
// Whether `path` is the active scene's own file (Save As over it needs no "replace?").
bool isSceneFile(const AppState& state, const std::string& path);
void copyScene(AppState& state);
void pasteScene(AppState& state);

// The guard before losing changes: true when `target`'s scene may be replaced now; otherwise the
// action waits for the user's answer and false is returned.
bool confirmDiscard(AppState& state, View* target, const PendingAction& action);
// After a scene was opened from a file: it is the document's file now, unmodified, and recent.
void sceneOpened(AppState& state, View& view, const std::string& path);
// Quitting (window close, Ctrl+Q): true when nothing would be lost; otherwise the question shows.
bool mayQuit(AppState& state);

// The answer to the unsaved-changes question: Save (then carry on), Discard (carry on), Cancel.
enum class UnsavedAnswer { Save, Discard, Cancel };
void answerUnsavedChanges(AppState& state, UnsavedAnswer answer);

// Every frame after the views' update: modified marks, saves in flight, answered actions.
void updateSceneFiles(AppState& state);
// The Save As dialog and the unsaved-changes question.
void drawSceneFileDialogs(AppState& state);
// File menu items: Save, Save As, Open recent, Copy scene, Paste scene.
void drawSceneFileMenu(AppState& state);
// Ctrl+S, Ctrl+Shift+S, Ctrl+Shift+C, Ctrl+Shift+V.
void handleSceneFileShortcuts(AppState& state);

}  // namespace flowlab::app
