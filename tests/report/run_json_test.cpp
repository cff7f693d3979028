// `mcm run --json`: every seed and kernel test validates against
// schema/run.schema.json, and its numbers are herd7's (from the oracle).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "command_output.hpp"
#include "json_schema.hpp"
#include "report/oracle_blocks.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
const std::string kShared = MCM_SHARED_DIR;

json loadJson(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

mcm::testing::SchemaValidator runSchema() {
  return mcm::testing::SchemaValidator(loadJson(std::string(MCM_SOURCE_DIR) + "/schema/run.schema.json"));
}

TEST(RunJsonSchema, ValidatorRejectsWhatTheSchemaForbids) {
  const auto v = runSchema();
  EXPECT_FALSE(v.validate(json{{"tests", json::array()}, {"extra", 1}}).empty());
  EXPECT_FALSE(v.validate(json::object()).empty());
  json test = {{"name", "T"}, {"file", "T.litmus"}, {"model", "m"}, {"kind", "Allowed"}, {"condition", "exists (x=1)"},
               {"states", json::array({json{{"x", 1}, {"0:r0", "y"}}})}, {"positive", 1}, {"negative", 0},
               {"validated", true}, {"loop_cutoff", false}, {"observation", "Always"}, {"flags", json::array()},
               {"hash", "h"}, {"time", 0.0}};
  EXPECT_TRUE(v.validate(json{{"tests", {test}}}).empty());
  json bad = test;
  bad["observation"] = "Maybe";
  EXPECT_FALSE(v.validate(json{{"tests", {bad}}}).empty());
  bad = test;
  bad["states"][0]["x"] = 1.5;
  EXPECT_FALSE(v.validate(json{{"tests", {bad}}}).empty());
  bad = test;
  bad.erase("hash");
  EXPECT_FALSE(v.validate(json{{"tests", {bad}}}).empty());
}

struct OracleRow {
  std::string observation;
  long long positive = 0, negative = 0, states = 0;
};

std::map<std::string, OracleRow> readTsv(const std::string& path) {
  std::map<std::string, OracleRow> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string file, status;
    OracleRow r;
    fields >> file >> status >> r.observation >> r.positive >> r.negative >> r.states;
    if (status == "ok") rows[file] = r;
  }
  return rows;
}

void checkCorpus(const std::string& dir, const std::string& oracle) {
  const auto rows = readTsv(kShared + "/oracle/" + oracle + ".tsv");
  const auto blocks = mcm::testing::readOracleBlocks(kShared + "/oracle/" + oracle + ".out");
  std::string files;
  std::vector<std::string> relative;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".litmus") relative.push_back(fs::relative(e.path(), dir).string());
  std::sort(relative.begin(), relative.end());
  for (const auto& r : relative) files += " " + dir + "/" + r;
  const auto o = mcm::testing::runCommand(std::string(MCM_BINARY) + " run --json" + files);
  ASSERT_EQ(o.status, 0) << o.err;
  const json doc = json::parse(o.out);
  const auto errors = runSchema().validate(doc);
  for (const auto& e : errors) ADD_FAILURE() << e;
  ASSERT_EQ(doc["tests"].size(), relative.size());
  for (std::size_t i = 0; i < relative.size(); ++i) {
    const json& t = doc["tests"][i];
    SCOPED_TRACE(relative[i]);
    EXPECT_EQ(t["file"], dir + "/" + relative[i]);
    auto row = rows.find(relative[i]);
    if (row == rows.end()) continue;
    EXPECT_EQ(t["observation"], row->second.observation);
    EXPECT_EQ(t["positive"], row->second.positive);
    EXPECT_EQ(t["negative"], row->second.negative);
    EXPECT_EQ(t["states"].size(), static_cast<std::size_t>(row->second.states));
    EXPECT_EQ(t["hash"], mcm::testing::oracleHash(blocks.at(relative[i])));
  }
}

TEST(RunJson, SeedCorpusValidatesAndMatchesHerd7) { checkCorpus(kShared + "/litmus/seed", "herd7-seed"); }
TEST(RunJson, KernelCorpusValidatesAndMatchesHerd7) { checkCorpus(kShared + "/litmus/kernel", "herd7-kernel"); }

TEST(RunJson, StatesAreLocationValueMaps) {
  const auto o = mcm::testing::runCommand(std::string(MCM_BINARY) + " run --json " + kShared +
                                          "/litmus/seed/SB+poonceonces.litmus");
  ASSERT_EQ(o.status, 0) << o.err;
  const json t = json::parse(o.out)["tests"][0];
  // herd7: 0:r0=0; 1:r0=0; / 0:r0=0; 1:r0=1; / 0:r0=1; 1:r0=0; / 0:r0=1; 1:r0=1;
  const json expected = json::array({json{{"0:r0", 0}, {"1:r0", 0}}, json{{"0:r0", 0}, {"1:r0", 1}},
                                     json{{"0:r0", 1}, {"1:r0", 0}}, json{{"0:r0", 1}, {"1:r0", 1}}});
  EXPECT_EQ(t["states"], expected);
  EXPECT_EQ(t["name"], "SB+poonceonces");
  EXPECT_EQ(t["kind"], "Allowed");
  EXPECT_EQ(t["validated"], true);
  EXPECT_EQ(t["observation"], "Sometimes");
}

}  // namespace
