// Build step: loads every embedded model and .def from its texts and writes their snapshots
// (cat::saveModel, macros::saveMacros) as the C++ source model_snapshots.cpp, which mcm is
// linked with.
//   mcm_snapshot OUT.cpp
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>

#include "models/models.hpp"

namespace {

// `const unsigned char kSnapshotK[] = {...};` and the line of snapshotOf that returns it.
void add(const std::string& name, const std::string& bytes, std::string& arrays, std::string& lookup) {
  const std::size_t k = std::count(lookup.begin(), lookup.end(), '\n');
  arrays += fmt::format("const unsigned char kSnapshot{}[] = {{", k);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    arrays += fmt::format("{}{},", i % 24 == 0 ? "\n" : "", static_cast<unsigned>(static_cast<unsigned char>(bytes[i])));
  arrays += "\n};\n\n";
  lookup += fmt::format("  if (name == \"{}\") return {{reinterpret_cast<const char*>(kSnapshot{}), sizeof kSnapshot{}}};\n",
                        name, k, k);
}

// A run of the model over a program without events: every definition is evaluated and no
// check can fail, so the snapshot records that the model's definitions evaluate (cat::saveModel).
void runOnEmptyProgram(const std::shared_ptr<const mcm::cat::Model>& model, const std::vector<std::string>& variants) {
  mcm::cat::Environment program;
  program.variants.insert(variants.begin(), variants.end());
  mcm::cat::Evaluator(model, program).run(program, [](const mcm::cat::Verdict&) {});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: mcm_snapshot OUT.cpp\n";
    return 2;
  }
  try {
    std::string arrays, lookup;
    std::set<std::string> defs;
    for (const auto& m : mcm::models::embeddedModels()) {
      const auto model = m.loadTexts();
      runOnEmptyProgram(model, m.variants);
      add(m.name, mcm::cat::saveModel(*model), arrays, lookup);
      if (!m.def.empty() && defs.insert(m.def).second) add(m.def, mcm::macros::saveMacros(m.loadDef()), arrays, lookup);
    }
    std::ofstream file(argv[1], std::ios::binary);
    file << "// Written by mcm_snapshot (src/models/snapshot_tool.cpp) when mcm was built: do not edit.\n"
            "#include \"models/snapshots.hpp\"\n\nnamespace mcm::models {\n\nnamespace {\n\n"
         << arrays << "}  // namespace\n\nstd::string_view snapshotOf(std::string_view name) {\n"
         << lookup << "  return {};\n}\n\n}  // namespace mcm::models\n";
    if (!file.flush()) throw std::runtime_error(std::string("cannot write ") + argv[1]);
  } catch (const std::exception& e) {
    std::cerr << "mcm_snapshot: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
