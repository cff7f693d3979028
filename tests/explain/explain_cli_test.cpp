// `mcm explain` as a user runs it: JSON valid against schema/explain.schema.json
// on every seed and kernel test, verdicts agreeing with herd7, bad --state input.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "command_output.hpp"
#include "json_schema.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
const std::string kShared = MCM_SHARED_DIR;
const std::string kMcm = MCM_BINARY;

void checkCorpus(const std::string& corpus, const std::string& oracle) {
  std::map<std::string, std::string> observation;
  std::ifstream tsv(kShared + "/oracle/" + oracle);
  std::string line;
  std::getline(tsv, line);
  while (std::getline(tsv, line)) {
    std::stringstream f(line);
    std::string path, status, obs;
    f >> path >> status >> obs;
    if (status == "ok") observation[path] = obs;
  }
  const std::string dir = kShared + "/litmus/" + corpus;
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".litmus" && observation.count(fs::relative(e.path(), dir).string()))
      files.push_back(fs::relative(e.path(), dir).string());
  std::sort(files.begin(), files.end());
  std::string args;
  for (const auto& f : files) args += " " + dir + "/" + f;
  const auto o = mcm::testing::runCommand(kMcm + " explain --json" + args);
  ASSERT_EQ(o.status, 0) << o.err;
  const json doc = json::parse(o.out);
  std::ifstream schemaFile(std::string(MCM_SOURCE_DIR) + "/schema/explain.schema.json");
  for (const auto& e : mcm::testing::SchemaValidator(json::parse(schemaFile)).validate(doc)) ADD_FAILURE() << e;
  ASSERT_EQ(doc["explanations"].size(), files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const json& x = doc["explanations"][i];
    SCOPED_TRACE(files[i]);
    const std::string obs = observation[files[i]];
    const bool forall = x["outcome"].get<std::string>().rfind("not ", 0) == 0;
    EXPECT_EQ(x["verdict"], obs == (forall ? "Always" : "Never") ? "forbidden" : "allowed");
    if (x["verdict"] == "forbidden") EXPECT_FALSE(x["groups"].empty());
  }
}

TEST(ExplainCli, SeedJsonValidatesAndAgreesWithHerd7) { checkCorpus("seed", "herd7-seed.tsv"); }
TEST(ExplainCli, KernelJsonValidatesAndAgreesWithHerd7) { checkCorpus("kernel", "herd7-kernel.tsv"); }

TEST(ExplainCli, SbWithFullFencesIsAPropagationCycle) {
  const auto o = mcm::testing::runCommand(kMcm + " explain " + kShared + "/litmus/kernel/tools/SB+fencembonceonces.litmus");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("is forbidden"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Check propagation (acyclic pb"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("explanation.txt: 21. THE PROPAGATES-BEFORE RELATION: pb"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("a shortest cycle of pb (2 edges)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("fre"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("W[once] x=1"), std::string::npos) << o.out;
}

TEST(ExplainCli, AllowedOutcomeShowsAnExecution) {
  const auto o = mcm::testing::runCommand(kMcm + " explain " + kShared + "/litmus/seed/SB+poonceonces.litmus");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("is allowed"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("final state: 0:r0=0; 1:r0=0;"), std::string::npos) << o.out;
}

TEST(ExplainCli, StateOption) {
  const std::string sb = kShared + "/litmus/seed/SB+poonceonces.litmus";
  auto o = mcm::testing::runCommand(kMcm + " explain " + sb + " --state '0:r0=1; 1:r0=1;'");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("0:r0=1; 1:r0=1; is allowed"), std::string::npos) << o.out;
  o = mcm::testing::runCommand(kMcm + " explain " + sb + " --state 'z=1'");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("unknown location 'z' (the test's locations: x, y)"), std::string::npos) << o.err;
  o = mcm::testing::runCommand(kMcm + " explain " + sb + " --state '0:r0=7'");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("no candidate execution of SB+poonceonces ends in 0:r0=7;"), std::string::npos) << o.err;
  o = mcm::testing::runCommand(kMcm + " explain " + sb + " --state '5:r0=0'");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("unknown thread in '5:r0'"), std::string::npos) << o.err;
}

}  // namespace
