// The embedded model library: names, herd7 file names, the .cfg it writes, and
// exported files byte-identical to the sources in src/models/.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/models.hpp"

namespace {

namespace fs = std::filesystem;
using mcm::models::findEmbeddedModel;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// src/models/*/NAME: where an embedded file comes from.
fs::path sourceOf(const std::string& name) {
  for (const auto& dir : fs::directory_iterator(fs::path(MCM_SOURCE_DIR) / "src/models"))
    if (fs::exists(dir.path() / name)) return dir.path() / name;
  return {};
}

TEST(Registry, LkmmIsTheDefaultAndFoundByNameOrFileName) {
  const auto& lkmm = mcm::models::defaultModel();
  EXPECT_EQ(lkmm.name, "lkmm");
  EXPECT_EQ(findEmbeddedModel("lkmm"), &lkmm);
  EXPECT_EQ(findEmbeddedModel("lkmm.cat"), &lkmm);
  EXPECT_EQ(findEmbeddedModel("linux-kernel.cat"), nullptr);
  EXPECT_EQ(findEmbeddedModel("nosuch"), nullptr);
  EXPECT_EQ(findEmbeddedModel(""), nullptr);
}

TEST(Registry, EveryModelLoadsWithItsMacros) {
  for (const auto& m : mcm::models::embeddedModels()) {
    EXPECT_NE(m.model(), nullptr) << m.name;
    EXPECT_FALSE(m.macros()->statements().empty()) << m.name;
    EXPECT_EQ(m.model(), m.model()) << m.name << ": loaded once";
  }
}

TEST(Registry, LkmmCfgNamesItsFilesAndVariant) {
  EXPECT_EQ(mcm::models::defaultModel().cfgText(),
            "macros lkmm.def\nbell lkmm.bell\nmodel lkmm.cat\nvariant lkmmv2\n");
}

TEST(Export, WritesTheCfgAndTheSourceFilesUnchanged) {
  const fs::path dir = fs::temp_directory_path() / ("mcm-models-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (const auto& m : mcm::models::embeddedModels()) {
    const auto written = mcm::models::exportModel(m, dir.string());
    ASSERT_EQ(written.size(), m.files.size() + 1) << m.name;
    EXPECT_EQ(slurp(dir / (m.name + ".cfg")), m.cfgText());
    for (const auto& f : m.files)
      EXPECT_EQ(slurp(dir / f.name), slurp(sourceOf(f.name)))
          << m.name << ": " << f.name;
  }
  fs::remove_all(dir);
}

TEST(Export, UnwritableDirectoryIsAnError) {
  EXPECT_THROW(mcm::models::exportModel(mcm::models::defaultModel(), "/proc/mcm-no-such-dir"), std::runtime_error);
}

}  // namespace
