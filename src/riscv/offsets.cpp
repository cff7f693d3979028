#include "riscv/offsets.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace mcm::riscv {

std::string offsetLocationName(const std::string& symbol, long long offset) {
  return fmt::format("{}{:+d}", symbol, offset);
}

namespace {

bool definesRd(Instruction::Kind k) {
  using K = Instruction::Kind;
  return k == K::AluImm || k == K::AluReg || k == K::Load || k == K::LoadReserve || k == K::StoreConditional ||
         k == K::Amo;
}

}  // namespace

std::vector<std::string> writtenOffsetLocations(const Test& test) {
  std::set<std::string> written;
  for (std::size_t t = 0; t < test.threads.size(); ++t) {
    std::map<int, std::string> base;  // register number -> the location it holds from the init block
    for (const auto& item : test.frame.init)
      if (item.loc.thread == static_cast<int>(t) && item.hasValue && item.value.isSymbol)
        base[item.loc.rank] = item.value.symbol;
    for (const auto& item : test.threads[t].code)
      if (!item.isLabel && definesRd(item.instruction.kind)) base.erase(item.instruction.rd);
    for (const auto& item : test.threads[t].code) {
      const Instruction& ins = item.instruction;
      if (item.isLabel || ins.kind != Instruction::Kind::Store || ins.imm == 0) continue;
      if (auto it = base.find(ins.rs1); it != base.end()) written.insert(offsetLocationName(it->second, ins.imm));
    }
  }
  return {written.begin(), written.end()};
}

}  // namespace mcm::riscv
