#pragma once
// The model library embedded in the binary, by name: `lkmm` (the current
// Linux-kernel memory model, the default) and the others registered in
// registry.cpp. Each is a plain herd7 model: a .cat (with its .bell and the
// .cat files it includes) and a .def giving the C macros their primitives, so
// `mcm model export` can write it out for herd7 or `mcm run -conf`.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cat/model.hpp"
#include "macros/macros.hpp"

namespace mcm::models {

struct File {
  std::string name;       // e.g. "lkmm.cat"
  std::string_view text;  // compiled into the binary
};

struct EmbeddedModel {
  std::string name;                   // e.g. "lkmm"
  std::string summary;                // one line, for `mcm model list`
  std::string cat;                    // the main .cat file, e.g. "lkmm.cat"
  std::string bell;                   // its .bell file ("" if none)
  std::string def;                    // its macros, e.g. "lkmm.def" ("" for an ISA model: macros() gives the default's)
  std::vector<std::string> variants;  // herd variants it runs with, e.g. "lkmmv2"
  std::vector<File> files;            // every file: cat, bell, included .cat files, def
  std::string arch = "C";             // the tests it is meant for ("C", "RISCV")

  // Loaded once (thread-safe), from the snapshot taken when mcm was built. Throw
  // mcm::Diagnostic only if the embedded text is broken.
  std::shared_ptr<const cat::Model> model() const;
  // Parses and resolves the model's texts (what the snapshot holds, done again).
  std::shared_ptr<const cat::Model> loadTexts() const;
  std::shared_ptr<const macros::MacroTable> macros() const;
  // Parses the model's .def (what the snapshot holds, done again); needs def.
  macros::MacroTable loadDef() const;
  // A herd7 .cfg naming the model's files (for `-conf`).
  std::string cfgText() const;

 private:
  std::string defPath() const;  // how diagnostics name the embedded .def
};

const std::vector<EmbeddedModel>& embeddedModels();  // the default model first
const EmbeddedModel& defaultModel();                 // lkmm
const EmbeddedModel& defaultModel(std::string_view arch);  // lkmm for C, rvwmo for RISCV

// By name ("sc"), or as herd7 users name the model file ("sc.cat"); nullptr if unknown.
const EmbeddedModel* findEmbeddedModel(std::string_view name);

// Writes NAME.cfg and the model's files into DIR (created if missing); returns
// the paths written. Throws std::runtime_error if a file cannot be written.
std::vector<std::string> exportModel(const EmbeddedModel& model, const std::string& dir);

}  // namespace mcm::models
