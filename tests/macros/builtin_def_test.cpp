// Our embedded lkmm.def against the kernel's linux-kernel.def: same macros, and
// every macro (and every corpus test) expands to the same primitive tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "litmus/parser.hpp"
#include "litmus/printer.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"

namespace fs = std::filesystem;

namespace {

namespace lit = mcm::litmus;
namespace mac = mcm::macros;

const std::string kShared = MCM_SHARED_DIR;

const mac::MacroTable& kernelDef() {
  static const mac::MacroTable table = mac::loadDefFile(kShared + "/models/lkmm/linux-kernel.def");
  return table;
}

bool hasCall(const lit::Expr& e) {
  if (e.kind == lit::Expr::Kind::Call) return true;
  for (const auto& a : e.args)
    if (hasCall(*a)) return true;
  return false;
}

bool hasCall(const lit::Stmt& s) {
  if (s.kind == lit::Stmt::Kind::Call) return true;
  if ((s.expr && hasCall(*s.expr)) || (s.target && hasCall(*s.target))) return true;
  for (const auto& a : s.args)
    if (hasCall(*a)) return true;
  for (const auto& b : s.body)
    if (hasCall(*b)) return true;
  return false;
}

// The expanded threads, rendered; fails the test if a Call survives.
std::string expandedText(const lit::Test& test, const mac::MacroTable& table) {
  lit::Test t = mac::expandMacros(test, table);
  std::string out;
  for (const auto& thread : t.threads)
    for (const auto& s : thread.body) {
      EXPECT_FALSE(hasCall(*s)) << test.path;
      out += lit::renderStmt(*s, "");
    }
  return out;
}

std::set<std::string> names(const std::map<std::string, mac::Macro, std::less<>>& table) {
  std::set<std::string> out;
  for (const auto& [name, macro] : table) out.insert(name);
  return out;
}

// `grep '^[a-zA-Z_]' linux-kernel.def | grep -c ') *{'` = 33 statement macros;
// the other 81 definition lines are expression macros.
TEST(BuiltinDef, KernelDefLoads) {
  EXPECT_EQ(kernelDef().statements().size(), 33u);
  EXPECT_EQ(kernelDef().expressions().size(), 81u);
}

// The kernel's macros plus mcm's sys_membarrier() and its spelling smp_memb() (docs/membarrier.md).
TEST(BuiltinDef, SameMacrosAsKernelDef) {
  std::set<std::string> kernelPlusMembarrier = names(kernelDef().statements());
  kernelPlusMembarrier.insert({"sys_membarrier", "smp_memb"});
  EXPECT_EQ(names(mcm::models::defaultModel().macros()->statements()), kernelPlusMembarrier);
  EXPECT_EQ(names(mcm::models::defaultModel().macros()->expressions()), names(kernelDef().expressions()));
}

// Each macro is called with distinct argument names a0, a1, ... so a swapped
// parameter order or a different tag or primitive shows up in the rendering.
TEST(BuiltinDef, EveryMacroExpandsLikeTheKernelDef) {
  auto check = [](const mac::Macro& macro) {
    std::string call = macro.name + "(";
    for (std::size_t i = 0; i < macro.params.size(); ++i) call += (i ? ", a" : "a") + std::to_string(i);
    call += ");";
    if (!macro.isStatement) call = "r = " + call;
    lit::Test test = lit::parseLitmusText("C t\n{}\nP0(int *a0) {\n" + call + "\n}\n", macro.name);
    std::string ours = expandedText(test, *mcm::models::defaultModel().macros());
    EXPECT_EQ(ours, expandedText(test, kernelDef())) << macro.name;
    EXPECT_EQ(ours.find(macro.name + "("), std::string::npos) << ours;
  };
  for (const auto& [name, macro] : kernelDef().statements()) check(macro);
  for (const auto& [name, macro] : kernelDef().expressions()) check(macro);
}

// Every C test of the corpora expands identically with both defs. The tests that
// cannot expand use macros absent from the def (c-dialect-census.md §3.5 and
// herd7's oracle, which reports these as errors):
//   grep -l 'smp_memb()' -r paulmck  -> the 5 files of manual/memb
//   grep -l 'spin_unlock_wait(' -r paulmck -> manual/atomic/C-unlock-wait-00.litmus
TEST(BuiltinDef, CorpusExpandsLikeTheKernelDef) {
  std::set<std::string> unknown;
  int expanded = 0;
  for (const std::string corpus : {"seed", "kernel", "paulmck"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kShared + "/litmus/" + corpus)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".litmus") continue;
      lit::Test test;
      try {
        test = lit::parseLitmusFile(entry.path().string());
      } catch (const mcm::Diagnostic&) {
        continue;  // non-C architectures; counted in litmus_tests
      }
      std::string relative = fs::relative(entry.path(), kShared + "/litmus").string();
      try {
        std::string ours = expandedText(test, *mcm::models::defaultModel().macros());
        EXPECT_EQ(ours, expandedText(test, kernelDef())) << relative;
        ++expanded;
      } catch (const mcm::Diagnostic& d) {
        unknown.insert(relative + ": " + d.message());
      }
    }
  }
  EXPECT_EQ(unknown, (std::set<std::string>{
                         "paulmck/manual/atomic/C-unlock-wait-00.litmus: unknown macro spin_unlock_wait",
                         "paulmck/manual/memb/C-Goldblatt-memb-1.litmus: unknown macro smp_memb",
                         "paulmck/manual/memb/C-Goldblatt-memb-2.litmus: unknown macro smp_memb",
                         "paulmck/manual/memb/C-Goldblatt-memb-3.litmus: unknown macro smp_memb",
                         "paulmck/manual/memb/C-memb-RCU-0.litmus: unknown macro smp_memb",
                         "paulmck/manual/memb/C-memb-RCU-1.litmus: unknown macro smp_memb",
                     }));
  // 5,471 C tests (see litmus_tests) minus the 6 above.
  EXPECT_EQ(expanded, 5465);
}

}  // namespace
