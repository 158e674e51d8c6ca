#include "app/ui/scene_files.h"

#include <chrono>
#include <filesystem>
#include <unistd.h>

#include <imgui.h>

#include "app/gl/screenshot.h"
#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/view.h"
#include "app/views/energy/energy_view.h"
#include "app/views/lab1d/lab1d_view.h"
#include "app/views/lab2d/lab2d_view.h"
#include "app/views/train/train_view.h"
#include "core/io/atomic_write.h"
#include "core/scene/scene_file.h"
#include "core/train/training_scene.h"

namespace flowlab::app {
namespace {
namespace fs = std::filesystem;

TrainState* trainOf(View& v) {
  auto* t = dynamic_cast<TrainView*>(&v);
  return t ? &t->trainState() : nullptr;
}

// Where the view's scene came from, in the view's own words: when this changes, the view opened
// another scene by itself (its preset list, Open model, Reset) and the document starts afresh.
std::string viewSource(View& v) {
  if (auto* l = dynamic_cast<Lab1DView*>(&v)) return l->scenePath();
  if (auto* l = dynamic_cast<Lab2DView*>(&v)) return l->scenePath();
  if (TrainState* s = trainOf(v)) return s->scenePath + "|" + s->loadedFrom;
  return "";
}

bool isTemporary(const std::string& path) {
  std::error_code ec;
  const std::string tmp = fs::temp_directory_path(ec).string();
  return !tmp.empty() && path.rfind(tmp + "/", 0) == 0;
}

// The file Save writes: the view's file, "" for a pasted scene or a temporary one.
std::string docPathOf(View& v) {
  std::string p;
  if (auto* l = dynamic_cast<Lab1DView*>(&v)) p = l->scenePath();
  if (auto* l = dynamic_cast<Lab2DView*>(&v)) p = l->scenePath();
  if (TrainState* s = trainOf(v)) p = s->loadedFrom.empty() ? s->scenePath : s->loadedFrom;
  return isTemporary(p) ? std::string() : p;
}

// Bundled lessons are the course's: Save asks for a file of the user's own instead.
bool isBundled(const std::string& path) {
  std::error_code ec;
  const std::string assets = fs::weakly_canonical(dataDir() / "assets", ec).string();
  const std::string p = fs::weakly_canonical(fs::absolute(path, ec), ec).string();
  return !assets.empty() && p.rfind(assets + "/", 0) == 0;
}

// The Training view has caught up with what it was asked (a scene opened, a model loaded).
bool trainSettled(const TrainState& s) { return s.synced() && !s.pendingLoad && !s.rebuildRequested; }

std::string fingerprint(View& v) {
  std::string text, why;
  if (!sceneText(v, text, &why)) return "!" + why;
  if (TrainState* s = trainOf(v)) text += "\nstep=" + std::to_string(s->snap->step);
  return text;
}

double secondsNow() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void refresh(AppState& state, View& v, bool force) {
  SceneDoc& d = state.files.docs[v.id()];
  if (const std::string id = viewSource(v); id != d.identity) {
    d.identity = id;
    d.path = docPathOf(v);
    d.baselinePending = true;
  }
  if (d.baselinePending) {
    if (TrainState* s = trainOf(v); s && !trainSettled(*s)) return;
    d.baseline = fingerprint(v);
    d.baselinePending = false;
    d.modified = false;
    return;
  }
  // A scene with many weights costs milliseconds to write out: then it is checked twice a second.
  const double now = secondsNow();
  if (!force && d.checkMs > 2.0 && now - d.checkedAt < 0.5) return;
  d.modified = fingerprint(v) != d.baseline;
  d.checkedAt = secondsNow();
  d.checkMs = (d.checkedAt - now) * 1000.0;
}

void execute(AppState& state, const PendingAction& a) {
  state.files.bypassGuard = true;
  if (a.kind == PendingKind::Quit) state.quitRequested = true;
  if (a.kind == PendingKind::OpenFile) openSceneFile(state, a.path);
  if (a.kind == PendingKind::OpenText) openSceneText(state, a.text, "<clipboard>");
  state.files.bypassGuard = false;
}

void finishSave(AppState& state, bool ok) {
  const PendingAction next = state.files.afterSave;
  state.files.afterSave = PendingAction{};
  if (ok && next.kind != PendingKind::None) execute(state, next);
}

// Writes the view's scene to `path`. Labs: at once; Training: the training thread writes the model
// (updateSceneFiles sees it finish). False, with the reason posted, when it cannot.
bool saveTo(AppState& state, View& v, const std::string& path) {
  SceneDoc& d = state.files.docs[v.id()];
  if (TrainState* s = trainOf(v)) {
    std::string why;
    if (!canWriteFile(path, &why)) {
      state.error("Save: " + why + " (nothing was written)");
      return false;
    }
    s->savePath = path;
    s->saveRequested = true;
    s->openIn2DRequested = false;
    d.savingTo = path;
    d.saveCommand = 0;
    return true;
  }
  std::string text, why;
  if (!sceneText(v, text, &why)) {
    state.error("Save: " + why);
    return false;
  }
  if (const Status st = writeFileAtomically(path, text); !st.ok()) {
    state.error("Save: " + st.message() + " (nothing changed)");
    return false;
  }
  if (auto* l = dynamic_cast<Lab1DView*>(&v)) l->setScenePath(path);
  if (auto* l = dynamic_cast<Lab2DView*>(&v)) l->setScenePath(path);
  d.identity = viewSource(v);
  d.path = path;
  d.baseline = text;
  d.baselinePending = false;
  d.modified = false;
  addRecentFile(state.settings, fs::absolute(path).string());
  state.info("saved " + path);
  finishSave(state, true);
  return true;
}

// A training save in flight: done when the training thread's snapshot says so.
void followTrainingSave(AppState& state, View& v) {
  SceneDoc& d = state.files.docs[v.id()];
  TrainState* s = trainOf(v);
  if (!s || d.savingTo.empty()) return;
  if (d.saveCommand == 0) d.saveCommand = s->saveCommand;
  const RunnerSnapshot& snap = *s->snap;
  const bool done = d.saveCommand != 0 ? snap.saveSeq >= d.saveCommand
                                       : (!s->saveRequested && s->saveCommand == 0 && snap.savePath == d.savingTo);
  if (!done) return;
  const bool ok = snap.saveError.empty() && snap.savePath == d.savingTo;
  if (ok) {
    d.path = d.savingTo;
    d.baseline = fingerprint(v);
    d.modified = false;
    addRecentFile(state.settings, fs::absolute(d.savingTo).string());
  }
  d.savingTo.clear();
  d.saveCommand = 0;
  finishSave(state, ok);
}

}  // namespace

bool sceneText(View& view, std::string& out, std::string* why) {
  Expected<Json> j{Status::error("the " + view.title() + " has no scene"), {}};
  if (auto* l = dynamic_cast<Lab1DView*>(&view)) j = sceneToJson(l->currentScene());
  if (auto* l = dynamic_cast<Lab2DView*>(&view)) j = sceneToJson(l->currentScene());
  if (auto* e = dynamic_cast<EnergyView*>(&view)) {  // the fit: flow, target and the fit's numbers
    const Expected<SceneFile> fit = e->fittedScene();
    j = fit.ok() ? sceneToJson(fit.value) : Expected<Json>{fit.status, {}};
  }
  if (TrainState* s = trainOf(view)) {
    TrainingScene t;
    t.title = s->sceneTitle;
    t.chapter = s->sceneChapter;
    t.description = s->sceneDescription;
    const Expected<TrainerConfig> config = trainerConfigFrom(s->settings, s->baseConfig);
    if (!config.ok()) {
      if (why) *why = config.status.message();
      return false;
    }
    t.config = config.value;
    j = trainingSceneToJson(t);
  }
  if (!j.status.ok()) {
    if (why) *why = j.status.message();
    return false;
  }
  out = j.value.dump(2) + "\n";
  return true;
}

View* viewForScene(AppState& state, const Json& j, std::string* why) {
  const bool object = j.is_object();
  const int dim = (object && j.contains("dim") && j["dim"].is_number_integer()) ? j["dim"].get<int>() : 0;
  if (object && j.contains("training")) {
    const bool flowInLab = j.contains("layers") && state.activeView && state.activeView->id() == "2d";
    if (View* train = state.findView("train"); train && !flowInLab) return train;
  }
  // A reverse-KL target (docs/scene-format.md): the Energy view fits it, unless the 2D lab asks
  // for the scene's flow.
  if (object && j.contains("target") && !j.contains("training")) {
    const bool flowInLab = state.activeView && state.activeView->id() == "2d";
    if (View* energy = state.findView("energy"); energy && !flowInLab) return energy;
  }
  for (const auto& v : state.views)
    if ((dim == 0 && v.get() == state.activeView) || (dim != 0 && v->acceptsDim(dim))) return v.get();
  if (why) *why = "no view shows a scene with dim = " + std::to_string(dim);
  return nullptr;
}

bool openSceneText(AppState& state, const std::string& text, const std::string& source) {
  const Expected<Json> j = parseSceneJson(text, source);
  if (!j.ok()) {
    state.error(j.status.message() + " (nothing changed)");
    return false;
  }
  if (!j.value.is_object()) {
    state.error(source + ": not a scene (a scene is a JSON object, {...}); nothing changed");
    return false;
  }
  std::string why;
  View* target = viewForScene(state, j.value, &why);
  if (!target) {
    state.error(source + ": " + why + " (nothing changed)");
    return false;
  }
  if (!confirmDiscard(state, target, PendingAction{PendingKind::OpenText, "", text})) return false;
  bool ok = false;
  if (auto* l = dynamic_cast<Lab1DView*>(target)) ok = l->openSceneText(state, text, source);
  else if (auto* l = dynamic_cast<Lab2DView*>(target)) ok = l->openSceneText(state, text, source);
  else if (trainOf(*target)) {
    // The Training view opens files: the checked text goes through a private temporary one.
    if (const Expected<TrainingScene> t = parseTrainingScene(text, source); !t.ok()) {
      state.error(t.status.message() + " (nothing changed)");
      return false;
    }
    const std::string tmp = (fs::temp_directory_path() / ("flowlab-pasted-" + std::to_string(::getpid()) + ".json")).string();
    if (const Status st = writeFileAtomically(tmp, text); !st.ok()) {
      state.error("Paste scene: " + st.message());
      return false;
    }
    ok = target->openScene(state, tmp);
  }
  if (!ok) return false;
  state.activate(target->id());
  SceneDoc& d = state.files.docs[target->id()];
  d.identity = viewSource(*target);
  d.path.clear();  // a pasted scene has no file yet: Save asks where
  d.baselinePending = true;
  return true;
}

std::string sceneName(const AppState& state) {
  View* v = state.activeView;
  if (!v) return "";
  std::string name;
  if (auto* l = dynamic_cast<Lab1DView*>(v)) name = l->labState().scene.name;
  if (auto* l = dynamic_cast<Lab2DView*>(v)) name = l->labState().scene.name;
  if (TrainState* s = trainOf(*v)) name = s->sceneTitle;
  if (name.empty()) {
    const auto it = state.files.docs.find(v->id());
    name = it != state.files.docs.end() && !it->second.path.empty() ? fs::path(it->second.path).stem().string()
                                                                     : "Untitled";
  }
  return name;
}

bool activeModified(const AppState& state) {
  if (!state.activeView) return false;
  const auto it = state.files.docs.find(state.activeView->id());
  return it != state.files.docs.end() && it->second.modified;
}

std::string windowTitle(const AppState& state) {
  View* v = state.activeView;
  if (!v || v->id() == "welcome") return "FlowLab";
  return "FlowLab \xE2\x80\x94 " + sceneName(state) + (activeModified(state) ? " \xE2\x80\xA2" : "");
}

void askSaveAs(AppState& state) {
  View* v = state.activeView;
  if (!v) return;
  const SceneDoc& d = state.files.docs[v->id()];
  std::error_code ec;
  TrainState* train = trainOf(*v);
  if (!d.path.empty() && !isBundled(d.path)) {
    state.files.saveAsPath = d.path;
  } else if (train && !train->savePath.empty()) {
    state.files.saveAsPath = train->savePath;  // the Training view's own default (~/flowlab-model.json)
  } else {
    // A new file in the working folder, named after the scene (or the lesson's file).
    std::string stem = d.path.empty() ? sceneName(state) : fs::path(d.path).stem().string();
    for (char& c : stem)
      if (c == ' ' || c == '/') c = '_';
    state.files.saveAsPath = (fs::current_path(ec) / (stem + ".json")).string();
  }
  state.files.saveAsError.clear();
  state.files.saveAsReplace = false;
  state.files.showSaveAs = true;
}

bool isSceneFile(const AppState& state, const std::string& path) {
  const View* v = state.activeView;
  if (!v) return false;
  const auto it = state.files.docs.find(v->id());
  return it != state.files.docs.end() && it->second.path == path;
}

namespace {

enum class SaveOutcome { Written, Asking, Failed };  // Written: done, or (Training) under way

SaveOutcome saveActive(AppState& state) {
  View* v = state.activeView;
  std::string text, why;
  if (!v || !sceneText(*v, text, &why)) {
    state.error("Save: " + (v ? why : std::string("no view")));
    return SaveOutcome::Failed;
  }
  SceneDoc& d = state.files.docs[v->id()];
  if (!d.path.empty() && !isBundled(d.path)) return saveTo(state, *v, d.path) ? SaveOutcome::Written : SaveOutcome::Failed;
  askSaveAs(state);
  return SaveOutcome::Asking;
}

}  // namespace

void saveScene(AppState& state) {
  if (saveActive(state) == SaveOutcome::Failed) state.files.afterSave = PendingAction{};
}

void answerUnsavedChanges(AppState& state, UnsavedAnswer answer) {
  const PendingAction action = state.files.pending;
  state.files.pending = PendingAction{};
  state.files.showConfirm = false;
  if (answer == UnsavedAnswer::Cancel) return;
  if (answer == UnsavedAnswer::Save) {
    state.files.afterSave = action;  // carried out once the save is done (finishSave)
    saveScene(state);
    return;
  }
  if (View* v = state.findView(state.files.confirmView)) {
    SceneDoc& d = state.files.docs[v->id()];
    d.baseline = fingerprint(*v);  // discarded: not asked about again
    d.modified = false;
  }
  execute(state, action);
}

bool saveSceneAs(AppState& state, const std::string& path) {
  return state.activeView && saveTo(state, *state.activeView, path);
}

void copyScene(AppState& state) {
  std::string text, why;
  if (!state.activeView || !sceneText(*state.activeView, text, &why)) {
    state.error("Copy scene: " + why);
    return;
  }
  ImGui::SetClipboardText(text.c_str());
  state.info("Scene copied to the clipboard as text (" + std::to_string(text.size()) +
             " characters): paste it in a message, or in FlowLab with Ctrl+Shift+V");
}

void pasteScene(AppState& state) {
  const char* text = ImGui::GetClipboardText();
  if (!text || !*text) {
    state.error("Paste scene: the clipboard holds no text (nothing changed)");
    return;
  }
  openSceneText(state, text, "<clipboard>");
}

bool confirmDiscard(AppState& state, View* target, const PendingAction& action) {
  if (state.files.bypassGuard || !target) return true;
  refresh(state, *target, true);
  if (!state.files.docs[target->id()].modified) return true;
  // A file that will not open replaces nothing: say why now instead of asking first.
  if (action.kind == PendingKind::OpenFile) {
    const Status s = trainOf(*target) ? loadTrainingScene(action.path).status : loadSceneFile(action.path).status;
    if (!s.ok()) {
      state.error(s.message() + " (nothing changed)");
      return false;
    }
  }
  if (state.activeView != target) state.activate(target->id());  // show what would be lost
  state.files.pending = action;
  state.files.confirmView = target->id();
  state.files.showConfirm = true;
  return false;
}

void sceneOpened(AppState& state, View& view, const std::string& path) {
  SceneDoc& d = state.files.docs[view.id()];
  d.identity = viewSource(view);
  d.path = isTemporary(path) ? std::string() : path;
  d.baselinePending = true;
  if (!isTemporary(path)) addRecentFile(state.settings, fs::absolute(path).string());
}

bool mayQuit(AppState& state) {
  if (!state.files.guardQuit || state.files.bypassGuard) return true;
  for (const auto& v : state.views)
    if (!confirmDiscard(state, v.get(), PendingAction{PendingKind::Quit, "", ""})) return false;
  return true;
}

void updateSceneFiles(AppState& state) {
  for (const auto& v : state.views) followTrainingSave(state, *v);
  if (state.activeView) refresh(state, *state.activeView, false);
}

}  // namespace flowlab::app
