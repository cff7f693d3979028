#pragma once
// A loaded model: the flattened statement list (includes expanded, each file
// once) with every name resolved to a global slot, a local or a primitive.
// Private to the cat layer.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cat/ast.hpp"
#include "cat/model.hpp"

namespace mcm::cat {

enum class BaseKind { Set, Relation };

class Model {
 public:
  std::string title;
  std::vector<StmtList> files;             // owns the syntax trees
  std::vector<const Stmt*> stmts;          // top-level statements in execution order
  std::vector<std::vector<int>> stmtReads;  // per statement: global slots it may read
  std::vector<std::string> slotNames;      // per global slot
  std::map<std::string, std::pair<int, BaseKind>> baseSlots;  // base names the engine supplies
  std::map<std::string, int> finalSlots;   // name -> slot bound at the end of the model
  int valuesSlot = -1;  // read by different-values/same-values: stands for Environment::values
  std::vector<std::string> idNames;        // interned local names
};

}  // namespace mcm::cat
