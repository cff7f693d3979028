#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>

#include "models/models.hpp"
#include "models/snapshots.hpp"
#include "riscv/annotations.hpp"
#include "support/permanent_memory.hpp"

// The embedded files (CMakeLists.txt: mcm_embed_text).
extern const std::string_view mcm_model_lkmm_cat;
extern const std::string_view mcm_model_lkmm_bell;
extern const std::string_view mcm_model_lkmm_lock_cat;
extern const std::string_view mcm_model_lkmm_def;
extern const std::string_view mcm_model_sc_cat;
extern const std::string_view mcm_model_tso_cat;
extern const std::string_view mcm_model_riscv_ppo_cat;
extern const std::string_view mcm_model_rvwmo_cat;
extern const std::string_view mcm_model_rvtso_cat;

namespace mcm::models {

namespace {

namespace fs = std::filesystem;

std::string_view textOf(const EmbeddedModel& m, const std::string& name) {
  for (const auto& f : m.files)
    if (f.name == name) return f.text;
  throw std::logic_error("embedded model " + m.name + " has no file " + name);
}

// Loaded models (by model name) and macro tables (by .def name: models sharing
// a .def share one table), shared by every thread. Kept to the end of the process, and not
// freed then: taking a model's syntax trees apart node by node cost a short run an eighth
// of its instructions.
template <class T>
std::shared_ptr<const T> cached(const std::string& name, const std::function<std::shared_ptr<const T>()>& load) {
  static std::mutex mutex;
  static auto& loaded = *new std::map<std::string, std::shared_ptr<const T>>;
  std::lock_guard lock(mutex);
  auto& slot = loaded[name];
  if (!slot) slot = load();
  return slot;
}

}  // namespace

std::shared_ptr<const cat::Model> EmbeddedModel::model() const {
  return cached<cat::Model>(name, [this] {
    const std::string_view snapshot = snapshotOf(name);
    if (snapshot.empty()) return loadTexts();
    const PermanentMemory kept;  // the model stays to the end of the process (cached)
    return cat::restoreModel(snapshot);
  });
}

std::shared_ptr<const cat::Model> EmbeddedModel::loadTexts() const {
  cat::TextFiles texts;
  for (const auto& f : files) texts.emplace(f.name, f.text);
  return cat::loadModelFromTexts(texts, cat, bell, arch == "RISCV" ? riscv::annotationSets() : std::vector<std::string>{});
}

std::shared_ptr<const macros::MacroTable> EmbeddedModel::macros() const {
  if (def.empty()) return defaultModel().macros();  // an ISA model: C tests keep the default's macros
  return cached<macros::MacroTable>(def, [this] {
    const std::string_view snapshot = snapshotOf(def);
    if (snapshot.empty()) return std::make_shared<const macros::MacroTable>(loadDef());
    const PermanentMemory kept;  // as the model
    return std::make_shared<const macros::MacroTable>(macros::restoreMacros(snapshot, defPath()));
  });
}

std::string EmbeddedModel::defPath() const { return "<builtin " + def + ">"; }

macros::MacroTable EmbeddedModel::loadDef() const {
  return macros::parseDefText(textOf(*this, def), defPath());
}

std::string EmbeddedModel::cfgText() const {
  std::string out = def.empty() ? "" : "macros " + def + "\n";
  if (!bell.empty()) out += "bell " + bell + "\n";
  out += "model " + cat + "\n";
  for (const auto& v : variants) out += "variant " + v + "\n";
  return out;
}

const std::vector<EmbeddedModel>& embeddedModels() {
  static const std::vector<EmbeddedModel> all = [] {
    // sc and tso are LKMM plus one check: they read LKMM's files (its bell, lock model and def).
    const std::vector<File> lkmm = {{"lkmm.cat", mcm_model_lkmm_cat},
                                    {"lkmm.bell", mcm_model_lkmm_bell},
                                    {"lkmm-lock.cat", mcm_model_lkmm_lock_cat},
                                    {"lkmm.def", mcm_model_lkmm_def}};
    auto withLkmm = [&](File own) {
      std::vector<File> files = {own};
      files.insert(files.end(), lkmm.begin(), lkmm.end());
      return files;
    };
    return std::vector<EmbeddedModel>{
        {"lkmm", "the current Linux-kernel memory model (mcm's formulation, variant lkmmv2)", "lkmm.cat",
         "lkmm.bell", "lkmm.def", {"lkmmv2"}, lkmm},
        {"sc", "sequential consistency, with LKMM's locks, RCU and SRCU (sc.cat says what each primitive means)",
         "sc.cat", "lkmm.bell", "lkmm.def", {"lkmmv2"}, withLkmm({"sc.cat", mcm_model_sc_cat})},
        {"tso", "total store order (x86-like), with LKMM's locks, RCU and SRCU (see tso.cat)", "tso.cat",
         "lkmm.bell", "lkmm.def", {"lkmmv2"}, withLkmm({"tso.cat", mcm_model_tso_cat})},
        {"rvwmo", "RISC-V weak memory order (mcm's formulation of the ISA manual's RVWMO; default for RISC-V tests)",
         "rvwmo.cat", "", "", {}, {{"rvwmo.cat", mcm_model_rvwmo_cat}, {"riscv-ppo.cat", mcm_model_riscv_ppo_cat}},
         "RISCV"},
        {"rvtso", "RISC-V total store order, Ztso (RVWMO plus: loads acquire, stores release)", "rvtso.cat", "", "",
         {}, {{"rvtso.cat", mcm_model_rvtso_cat}, {"riscv-ppo.cat", mcm_model_riscv_ppo_cat}}, "RISCV"},
    };
  }();
  return all;
}

const EmbeddedModel& defaultModel() { return embeddedModels().front(); }

const EmbeddedModel& defaultModel(std::string_view arch) {
  if (arch == "RISCV") return *findEmbeddedModel("rvwmo");
  return defaultModel();
}

const EmbeddedModel* findEmbeddedModel(std::string_view name) {
  for (const auto& m : embeddedModels())
    if (name == m.name || name == m.cat) return &m;
  return nullptr;
}

std::vector<std::string> exportModel(const EmbeddedModel& model, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create directory '" + dir + "': " + ec.message());
  std::vector<std::string> written;
  auto write = [&](const std::string& name, std::string_view text) {
    const std::string path = (fs::path(dir) / name).string();
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write '" + path + "'");
    written.push_back(path);
  };
  write(model.name + ".cfg", model.cfgText());
  for (const auto& f : model.files) write(f.name, f.text);
  return written;
}

}  // namespace mcm::models
