#include "app/ui/stack_editor.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: Ctrl+click leaves the slider for the text field

#include "app/ui/keys.h"
#include "app/ui/theme.h"
#include "app/ui/shortcuts.h"
#include "app/ui/tooltip.h"
#include "core/library/layer_library.h"

namespace flowlab::app {
namespace {

// The formula of a layer type, from the engine's library.
std::string formulaOf(const std::string& type, int dim) {
  for (const auto& k : layerKinds(dim))
    if (k.type == type) return k.formula;
  return {};
}

std::string subscript(int n) {
  static const char* digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string out;
  for (char c : std::to_string(n)) out += digits[c - '0'];
  return out;
}

// The text field that replaces a slider after Ctrl+click. Returns true when it set the value.
bool drawTypedEntry(Flow& flow, int index, int p, StackEditorState& ui, const char* label) {
  Bijector& layer = flow.layer(index);
  if (ui.focusTyping) {
    ImGui::SetKeyboardFocusHere();
    ui.focusTyping = false;
  }
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4.0f);
  const bool enter = ImGui::InputText(label, ui.typed, sizeof ui.typed,
                                      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  if (ImGui::IsItemHovered()) showTooltip("Type a value and press Enter (nan and inf are accepted); Escape cancels");
  bool changed = false;
  if (enter) {
    double v = 0;
    if (parseTypedNumber(ui.typed, v)) {
      ui.history.record(flow);
      layer.setParameter(p, v);
      ui.typingProblem.clear();
      changed = true;
    } else {
      ui.typingProblem = std::string("'") + ui.typed + "' is not a number; the value stays as it was";
    }
    ui.typingLayer = ui.typingParameter = -1;
  } else if (!ImGui::IsItemActive() && !ImGui::IsItemActivated() && !ui.focusTyping &&
             ImGui::IsMouseClicked(0) && !ImGui::IsItemHovered()) {
    ui.typingLayer = ui.typingParameter = -1;  // clicked elsewhere: cancel
  } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ui.typingLayer = ui.typingParameter = -1;
  }
  return changed;
}

bool drawParameters(Flow& flow, int index, StackEditorState& ui) {
  bool changed = false;
  Bijector& layer = flow.layer(index);
  const auto params = layer.parameters();
  const bool selected = ui.selected == index;
  if (selected) ui.sliderRects.clear();
  if (params.empty()) ImGui::TextDisabled("learned weights (no hand-set parameters)");
  for (int p = 0; p < static_cast<int>(params.size()); ++p) {
    const Parameter& param = params[p];
    const std::string label = parameterLabel(param.name);
    double v = param.value;
    ImGui::PushID(p);
    if (ui.typingLayer == index && ui.typingParameter == p) {
      changed |= drawTypedEntry(flow, index, p, ui, label.c_str());
      if (selected) ui.sliderRects.push_back({ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
      ImGui::PopID();
      continue;
    }
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4.0f);
    // ImGui's own Ctrl+click field takes digits only; ours (drawTypedEntry) takes nan and inf too.
    const bool ctrl = ImGui::GetIO().KeyCtrl;
    const bool edited = ImGui::SliderScalar(label.c_str(), ImGuiDataType_Double, &v, &param.softMin, &param.softMax,
                                            "%.4g", ImGuiSliderFlags_NoInput);
    if (selected) ui.sliderRects.push_back({ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    if (ImGui::IsItemActivated() && ctrl) {
      ui.typingLayer = index;
      ui.typingParameter = p;
      std::snprintf(ui.typed, sizeof ui.typed, "%.17g", param.value);
      ui.focusTyping = true;
      ImGui::ClearActiveID();
    } else if (ImGui::IsItemActivated()) {
      ui.history.record(flow);  // the undo point is the value before the drag
    }
    if (ImGui::IsItemHovered())
      showTooltip("%s\nDrag, or Ctrl+click to type any value (even outside %.3g .. %.3g, or nan)",
                  param.help.empty() ? label.c_str() : oneBasedHelp(param.help).c_str(), param.softMin, param.softMax);
    if (edited && !ctrl && ui.typingParameter < 0 && v != param.value) {
      layer.setParameter(p, v);
      changed = true;
    }
    ImGui::PopID();
  }
  if (!ui.typingProblem.empty() && selected) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    textWrappedAtSpaces(ui.typingProblem);
    ImGui::PopStyleColor();
  }
  return changed;
}

void showProblem(const Status& problem) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
  textWrappedAtSpaces(withParameterLabels(problem.message()));
  ImGui::PopStyleColor();
}

}  // namespace

std::string parameterLabel(const std::string& name) {
  static const std::regex coordinate(R"(^(\d+)\.(.+)$)");      // elementwise: "1.a"
  static const std::regex matrix(R"(^([ALU])(\d)(\d)$)");      // "A01"
  static const std::regex vector(R"(^([buwzxd])(\d+)$)");       // "b0", "u1", spline "z3"
  static const std::regex centre(R"(^z0_(\d+)$)");              // radial centre coordinate
  std::smatch m;
  if (std::regex_match(name, m, coordinate)) return std::to_string(std::stoi(m[1]) + 1) + "." + parameterLabel(m[2]);
  if (std::regex_match(name, m, matrix))
    return m[1].str() + subscript(std::stoi(m[2]) + 1) + subscript(std::stoi(m[3]) + 1);
  if (std::regex_match(name, m, centre)) return "z₀ (" + std::to_string(std::stoi(m[1]) + 1) + ")";
  if (std::regex_match(name, m, vector)) return m[1].str() + subscript(std::stoi(m[2]) + 1);
  return name;
}

std::string withParameterLabels(const std::string& message) {
  static const std::regex name(R"(\b([ALU]\d\d|[buw]\d)\b)");
  std::string out;
  auto begin = message.cbegin();
  for (std::sregex_iterator it(message.begin(), message.end(), name), end; it != end; ++it) {
    out.append(begin, message.cbegin() + it->position(0));
    out += parameterLabel(it->str());
    begin = message.cbegin() + it->position(0) + it->length(0);
  }
  out.append(begin, message.cend());
  return out;
}

std::string oneBasedHelp(const std::string& help) {
  static const std::regex position(R"(\b(row|column|coordinate|knot) (\d+))");
  std::string out;
  auto begin = help.cbegin();
  for (std::sregex_iterator it(help.begin(), help.end(), position), end; it != end; ++it) {
    out.append(begin, help.cbegin() + it->position(0));
    out += (*it)[1].str() + " " + std::to_string(std::stoi((*it)[2]) + 1);
    begin = help.cbegin() + it->position(0) + it->length(0);
  }
  out.append(begin, help.cend());
  return out;
}

std::string wrapAtSpaces(const std::string& text, float width, float fontSize) {
  ImFont* font = ImGui::GetFont();
  const float size = fontSize > 0.0f ? fontSize : ImGui::GetFontSize();
  auto widthOf = [&](const std::string& s) { return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s.c_str()).x; };
  std::string out, line;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t brk = text.find_first_of(" \n", start);
    const size_t stop = brk == std::string::npos ? text.size() : brk;
    const std::string word = text.substr(start, stop - start);
    const std::string joined = line.empty() ? word : line + " " + word;
    if (!line.empty() && widthOf(joined) > width) {
      out += line + "\n";
      line = word;
    } else {
      line = joined;
    }
    if (brk != std::string::npos && text[brk] == '\n') {
      out += line + "\n";
      line.clear();
    }
    if (brk == std::string::npos) break;
    start = brk + 1;
  }
  return out + line;
}

void textWrappedAtSpaces(const std::string& text) {
  const std::string wrapped = wrapAtSpaces(text, std::max(1.0f, ImGui::GetContentRegionAvail().x));
  ImGui::TextUnformatted(wrapped.c_str());
}

bool parseTypedNumber(const char* text, double& value) {
  while (std::isspace(static_cast<unsigned char>(*text))) ++text;
  if (!*text) return false;
  char* end = nullptr;
  const double v = std::strtod(text, &end);
  if (end == text) return false;
  while (std::isspace(static_cast<unsigned char>(*end))) ++end;
  if (*end) return false;
  value = v;
  return true;
}

bool drawStackEditor(Flow& flow, StackEditorState& ui) {
  bool changed = false;
  const float em = ImGui::GetFontSize();
  int removeAt = -1, duplicateAt = -1, moveFrom = -1, moveTo = -1;
  for (int i = 0; i < flow.layerCount(); ++i) {
    ImGui::PushID(i);
    bool enabled = flow.isEnabled(i);
    if (ImGui::Checkbox("##on", &enabled)) {
      ui.history.record(flow);
      flow.setEnabled(i, enabled);
      changed = true;
    }
    if (ImGui::IsItemHovered()) showTooltip("Enable or disable this layer");
    ImGui::SameLine();
    const Status valid = flow.layer(i).validate();
    const std::string title = std::to_string(i + 1) + ". " + flow.layer(i).type();
    if (!valid.ok()) ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    const bool open = ImGui::TreeNodeEx("##layer", ui.selected == i ? ImGuiTreeNodeFlags_DefaultOpen : 0, "%s",
                                        title.c_str());
    if (!valid.ok()) ImGui::PopStyleColor();
    if (ImGui::IsItemToggledOpen()) ui.selected = open ? i : -1;
    if (ImGui::IsItemHovered()) showTooltip("%s", formulaOf(flow.layer(i).type(), flow.dim()).c_str());
    // Row actions, right-aligned: up, down, duplicate, remove.
    ImGui::SameLine(ImGui::GetContentRegionMax().x - em * 6.4f);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up) && i > 0) moveFrom = i, moveTo = i - 1;
    if (ImGui::IsItemHovered()) showTooltip("Move towards the base (acts earlier)");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##down", ImGuiDir_Down) && i + 1 < flow.layerCount()) moveFrom = i, moveTo = i + 1;
    if (ImGui::IsItemHovered()) showTooltip("Move towards the data (acts later)");
    ImGui::SameLine();
    if (ImGui::SmallButton("+")) duplicateAt = i;
    if (ImGui::IsItemHovered()) showTooltip("Duplicate this layer");
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) removeAt = i;
    if (ImGui::IsItemHovered()) showTooltip("Remove this layer (Ctrl+Z brings it back)");
    if (open) {
      ImGui::TextDisabled("%s", formulaOf(flow.layer(i).type(), flow.dim()).c_str());
      changed |= drawParameters(flow, i, ui);
      if (!valid.ok()) showProblem(valid);
      ImGui::TreePop();
    } else if (!valid.ok()) {
      showProblem(valid);
    }
    ImGui::PopID();
  }
  if (moveFrom >= 0) {
    ui.history.record(flow);
    flow.move(moveFrom, moveTo);
    if (ui.selected == moveFrom) ui.selected = moveTo;
    changed = true;
  }
  if (duplicateAt >= 0) {
    ui.history.record(flow);
    flow.insert(duplicateAt + 1, flow.layer(duplicateAt).clone(), flow.isEnabled(duplicateAt));
    ui.selected = duplicateAt + 1;
    changed = true;
  }
  if (removeAt >= 0) {
    ui.history.record(flow);
    flow.remove(removeAt);
    ui.selected = -1;
    changed = true;
  }
  if (flow.layerCount() == 0) ImGui::TextDisabled("No layers: the flow is the identity, p_X = p_Z.");

  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##add", "Add layer...")) {
    for (const auto& kind : layerKinds(flow.dim())) {
      if (ImGui::Selectable(kind.type.c_str())) {
        if (BijectorPtr b = makeDefaultLayer(kind.type, flow.dim())) {
          ui.history.record(flow);
          flow.append(std::move(b));
          ui.selected = flow.layerCount() - 1;
          changed = true;
        }
      }
      if (ImGui::IsItemHovered()) showTooltip("%s\n%s", kind.formula.c_str(), kind.help.c_str());
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool handleUndoShortcuts(Flow& flow, StackEditorState& ui) {
  if (shortcutPressed(Action::Undo)) return ui.history.undo(flow);
  if (shortcutPressed(Action::Redo) || shortcutPressed(Action::RedoShift)) return ui.history.redo(flow);
  return false;
}

}  // namespace flowlab::app
