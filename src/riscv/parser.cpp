#include "riscv/parser.hpp"
#include "riscv/offsets.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "litmus/lexer.hpp"
#include "litmus/parser.hpp"

namespace mcm::riscv {

namespace {

// ABI names, as herd's RISC-V register table has them (x26 has no `s10` there).
const std::map<std::string, int, std::less<>>& abiNames() {
  static const std::map<std::string, int, std::less<>> names = {
      {"zero", 0}, {"ra", 1},  {"sp", 2},  {"gp", 3},  {"tp", 4},  {"t0", 5},  {"t1", 6},  {"t2", 7},
      {"s0", 8},   {"fp", 8},  {"s1", 9},  {"a0", 10}, {"a1", 11}, {"a2", 12}, {"a3", 13}, {"a4", 14},
      {"a5", 15},  {"a6", 16}, {"a7", 17}, {"s2", 18}, {"s3", 19}, {"s4", 20}, {"s5", 21}, {"s6", 22},
      {"s7", 23},  {"s8", 24}, {"s9", 25}, {"s11", 27}, {"t3", 28}, {"t4", 29}, {"t5", 30}, {"t6", 31}};
  return names;
}

bool isFinalKeyword(std::string_view word) {
  return word == "exists" || word == "forall" || word == "final" || word == "locations" || word == "filter" ||
         word == "~exists" || word == "~";
}

std::string_view trimmed(std::string_view s, std::size_t& offset) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
    ++offset;
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// One cell of the code table: its text (comments blanked) and where it starts.
struct Cell {
  std::string_view text;
  std::size_t offset = 0;
};

class CodeReader {
 public:
  CodeReader(const litmus::Lexer& lx, std::vector<Thread>& threads) : lx_(lx), src_(lx.source()), threads_(threads) {}

  std::size_t read(std::size_t at, litmus::Test& frame) {
    // Comments become blanks, so cells keep their offsets.
    blanked_ = std::string(src_);
    std::vector<std::vector<Cell>> rows;
    while (true) {
      at = skipBlanks(at);
      if (at >= src_.size() || isFinalKeyword(wordAt(at))) break;
      const std::size_t end = rowEnd(at);
      rows.push_back(splitRow(at, end));
      at = end + 1;
    }
    if (rows.empty()) fail(at, "expected the thread names `P0 | P1 ... ;`");
    const std::vector<Cell>& header = rows.front();
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i].text != fmt::format("P{}", i))
        fail(header[i].offset, fmt::format("expected thread name P{}, found '{}'", i, header[i].text));
      litmus::Thread t;
      t.index = static_cast<int>(i);
      t.pos = lx_.posAt(header[i].offset);
      frame.threads.push_back(std::move(t));
    }
    threads_.assign(header.size(), Thread{});
    for (std::size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].size() != header.size())
        fail(rows[r].front().offset, fmt::format("malformed row: {} columns, but {} threads", rows[r].size(),
                                                 header.size()));
      for (std::size_t i = 0; i < header.size(); ++i) readCell(rows[r][i], threads_[i]);
    }
    for (std::size_t i = 0; i < threads_.size(); ++i) checkLabels(threads_[i]);
    return at;
  }

 private:
  [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
    lx_.fail(lx_.posAt(offset), message);
  }

  std::size_t skipBlanks(std::size_t at) {
    while (at < src_.size()) {
      if (std::isspace(static_cast<unsigned char>(src_[at]))) {
        ++at;
      } else if (src_.compare(at, 2, "(*") == 0) {
        at = skipComment(at);
      } else {
        break;
      }
    }
    return at;
  }

  // Blanks a nested `(* ... *)` comment; returns the offset after it.
  std::size_t skipComment(std::size_t start) {
    const std::size_t end = litmus::nestedCommentEnd(src_, start);
    if (end == std::string_view::npos) fail(start, "unterminated comment '(*'");
    std::fill(blanked_.begin() + start, blanked_.begin() + end, ' ');
    return end;
  }

  std::string_view wordAt(std::size_t at) const {
    std::size_t end = at;
    while (end < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[end])) || src_[end] == '~')) ++end;
    return src_.substr(at, end - at);
  }

  // The `;` that ends the row starting at `at` (comments skipped).
  std::size_t rowEnd(std::size_t at) {
    while (at < src_.size()) {
      if (src_.compare(at, 2, "(*") == 0) {
        at = skipComment(at);
      } else if (src_[at] == ';') {
        return at;
      } else {
        ++at;
      }
    }
    fail(at, "expected ';' at the end of the row, found end of file");
  }

  std::vector<Cell> splitRow(std::size_t from, std::size_t to) const {
    std::vector<Cell> cells;
    std::size_t start = from;
    for (std::size_t i = from; i <= to; ++i) {
      if (i == to || blanked_[i] == '|') {
        std::size_t offset = start;
        std::string_view text = trimmed(std::string_view(blanked_).substr(start, i - start), offset);
        cells.push_back({text, offset});
        start = i + 1;
      }
    }
    return cells;
  }

  void readCell(const Cell& cell, Thread& thread) {
    std::string_view text = cell.text;
    std::size_t offset = cell.offset;
    // Leading `LABEL:` definitions.
    while (true) {
      std::size_t i = 0;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
      if (i == 0 || i >= text.size() || text[i] != ':') break;
      CodeItem label;
      label.isLabel = true;
      label.label = std::string(text.substr(0, i));
      label.instruction.pos = lx_.posAt(offset);
      thread.code.push_back(std::move(label));
      text.remove_prefix(i + 1);
      offset += i + 1;
      text = trimmed(text, offset);
    }
    if (text.empty()) return;
    CodeItem item;
    item.instruction = InstructionParser(*this, text, offset).parse();
    thread.code.push_back(std::move(item));
  }

  void checkLabels(const Thread& thread) const {
    std::set<std::string> defined;
    for (const auto& item : thread.code)
      if (item.isLabel && !defined.insert(item.label).second)
        lx_.fail(item.instruction.pos, fmt::format("label {} is defined twice", item.label));
    for (const auto& item : thread.code) {
      const Instruction& ins = item.instruction;
      if (!item.isLabel && !ins.label.empty() && !defined.count(ins.label))
        lx_.fail(ins.pos, fmt::format("label {} is not defined in this thread", ins.label));
    }
  }

  // One instruction: `mnemonic operand,operand,...`.
  class InstructionParser {
   public:
    InstructionParser(const CodeReader& r, std::string_view text, std::size_t offset)
        : r_(r), text_(text), base_(offset) {}

    Instruction parse() {
      ins_.pos = r_.lx_.posAt(base_);
      std::size_t i = 0;
      while (i < text_.size() && !std::isspace(static_cast<unsigned char>(text_[i]))) ++i;
      mnemonic_ = std::string(text_.substr(0, i));
      at_ = i;
      decode();
      skipSpace();
      if (at_ < text_.size()) failHere(fmt::format("unexpected '{}' after the operands of {}", text_.substr(at_), mnemonic_));
      return ins_;
    }

   private:
    [[noreturn]] void failHere(const std::string& message) const { r_.fail(base_ + at_, message); }
    [[noreturn]] void unknown() const {
      r_.fail(base_, fmt::format("unknown instruction '{}'", text_));
    }

    void skipSpace() {
      while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
    }
    void expect(char c) {
      skipSpace();
      if (at_ >= text_.size() || text_[at_] != c)
        failHere(fmt::format("expected '{}' in {}", c, mnemonic_));
      ++at_;
    }
    std::string_view word() {
      skipSpace();
      std::size_t start = at_;
      while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_')) ++at_;
      return text_.substr(start, at_ - start);
    }
    int reg() {
      skipSpace();
      const std::size_t start = at_;
      std::string_view w = word();
      int n = registerNumber(w);
      if (n < 0) {
        at_ = start;
        failHere(fmt::format("expected a register in {}, found '{}'", mnemonic_, w.empty() ? text_.substr(at_) : w));
      }
      return n;
    }
    long long number() {
      skipSpace();
      const std::size_t start = at_;
      bool negative = false;
      if (at_ < text_.size() && text_[at_] == '-') {
        negative = true;
        ++at_;
      }
      std::string_view w = word();
      long long v = 0;
      bool ok = !w.empty();
      try {
        std::size_t used = 0;
        v = std::stoll(std::string(w), &used, 0);
        ok = ok && used == w.size();
      } catch (const std::exception&) {
        ok = false;
      }
      if (!ok) {
        at_ = start;
        failHere(fmt::format("expected a number in {}", mnemonic_));
      }
      return negative ? -v : v;
    }
    // `imm(reg)` or `(reg)`; `zeroOnly`: the offset must be 0 (lr, sc, amo).
    void address(bool zeroOnly) {
      skipSpace();
      if (at_ < text_.size() && text_[at_] != '(') {
        const std::size_t start = at_;
        ins_.imm = number();
        if (zeroOnly && ins_.imm != 0) {
          at_ = start;
          failHere(fmt::format("{} takes no offset", mnemonic_));
        }
      }
      expect('(');
      ins_.rs1 = reg();
      expect(')');
    }

    // `.aq`, `.rl`, `.aq.rl` suffixes of `rest`; true if all of rest was read.
    bool order(std::string_view rest) {
      if (rest.empty()) ins_.order = Order::Rlx;
      else if (rest == ".aq") ins_.order = Order::Acq;
      else if (rest == ".rl") ins_.order = Order::Rel;
      else if (rest == ".aq.rl" || rest == ".aqrl") ins_.order = Order::AcqRel;
      else return false;
      return true;
    }
    bool width(char c) {
      switch (c) {
        case 'b': ins_.width = Width::Byte; return true;
        case 'h': ins_.width = Width::Half; return true;
        case 'w': ins_.width = Width::Word; return true;
        case 'd': ins_.width = Width::Double; return true;
        default: return false;
      }
    }

    void decode() {
      const std::string& m = mnemonic_;
      static const std::map<std::string, Alu, std::less<>> imm = {
          {"addi", Alu::Add}, {"andi", Alu::And}, {"ori", Alu::Or}, {"xori", Alu::Xor}, {"slti", Alu::Slt}};
      static const std::map<std::string, Alu, std::less<>> regs = {{"add", Alu::Add}, {"sub", Alu::Sub},
                                                                   {"and", Alu::And}, {"or", Alu::Or},
                                                                   {"xor", Alu::Xor}, {"slt", Alu::Slt}};
      static const std::map<std::string, Cond, std::less<>> branches = {
          {"beq", Cond::Eq}, {"bne", Cond::Ne}, {"blt", Cond::Lt}, {"bge", Cond::Ge}};
      static const std::map<std::string, AmoOp, std::less<>> amos = {{"amoswap", AmoOp::Swap}, {"amoadd", AmoOp::Add},
                                                                     {"amoand", AmoOp::And}, {"amoor", AmoOp::Or},
                                                                     {"amoxor", AmoOp::Xor}};
      using K = Instruction::Kind;
      if (m == "li") {
        ins_.kind = K::AluImm;
        ins_.alu = Alu::Or;
        ins_.aluName = "ori";
        ins_.rd = reg();
        expect(',');
        ins_.imm = number();
        return;
      }
      if (auto it = imm.find(m); it != imm.end()) {
        ins_.kind = K::AluImm;
        ins_.alu = it->second;
        ins_.aluName = m;
        ins_.rd = reg();
        expect(',');
        ins_.rs1 = reg();
        expect(',');
        ins_.imm = number();
        return;
      }
      if (auto it = regs.find(m); it != regs.end()) {
        ins_.kind = K::AluReg;
        ins_.alu = it->second;
        ins_.aluName = m;
        ins_.rd = reg();
        expect(',');
        ins_.rs1 = reg();
        expect(',');
        ins_.rs2 = reg();
        return;
      }
      if (m == "j") {
        ins_.kind = K::Jump;
        ins_.label = std::string(word());
        if (ins_.label.empty()) failHere("expected a label after j");
        return;
      }
      if (auto it = branches.find(m); it != branches.end()) {
        ins_.kind = K::Branch;
        ins_.cond = it->second;
        ins_.aluName = m;
        ins_.rs1 = reg();
        expect(',');
        ins_.rs2 = reg();
        expect(',');
        ins_.label = std::string(word());
        if (ins_.label.empty()) failHere(fmt::format("expected a label in {}", m));
        return;
      }
      if (m == "fence" || m == "fence.tso" || m == "fence.i") {
        ins_.kind = K::Fence;
        if (m != "fence") {
          ins_.fence = m;
          return;
        }
        skipSpace();
        if (at_ == text_.size()) {
          ins_.fence = "fence.rw.rw";
          return;
        }
        std::string_view pred = word();
        expect(',');
        std::string_view succ = word();
        auto set = [](std::string_view s) { return s == "r" || s == "w" || s == "rw"; };
        if (!set(pred) || !set(succ)) r_.fail(base_, fmt::format("bad fence '{}': expected fence r|w|rw,r|w|rw", text_));
        ins_.fence = fmt::format("fence.{}.{}", pred, succ);
        return;
      }
      // Memory accesses: l<w>[u][.aq][.rl], s<w>..., lr.<w>..., sc.<w>..., amo<op>.<w>...
      if (m.rfind("lr.", 0) == 0 || m.rfind("sc.", 0) == 0) {
        if (m.size() < 4 || !width(m[3]) || (ins_.width != Width::Word && ins_.width != Width::Double) ||
            !order(std::string_view(m).substr(4)))
          unknown();
        ins_.kind = m[0] == 'l' ? K::LoadReserve : K::StoreConditional;
        ins_.rd = reg();
        expect(',');
        if (ins_.kind == K::StoreConditional) {
          ins_.rs2 = reg();
          expect(',');
        }
        address(true);
        return;
      }
      if (m.rfind("amo", 0) == 0) {
        const std::size_t dot = m.find('.');
        auto it = dot == std::string::npos ? amos.end() : amos.find(std::string_view(m).substr(0, dot));
        if (it == amos.end() || dot + 1 >= m.size() || !width(m[dot + 1]) ||
            (ins_.width != Width::Word && ins_.width != Width::Double) || !order(std::string_view(m).substr(dot + 2)))
          unknown();
        ins_.kind = K::Amo;
        ins_.amo = it->second;
        ins_.rd = reg();
        expect(',');
        ins_.rs2 = reg();
        expect(',');
        address(true);
        return;
      }
      if (m.size() >= 2 && (m[0] == 'l' || m[0] == 's') && width(m[1])) {
        std::string_view rest = std::string_view(m).substr(2);
        if (m[0] == 'l' && !rest.empty() && rest[0] == 'u') {
          ins_.isUnsigned = true;
          rest.remove_prefix(1);
        }
        if (!order(rest)) unknown();
        if (m[0] == 'l') {
          ins_.kind = K::Load;
          ins_.rd = reg();
        } else {
          ins_.kind = K::Store;
          ins_.rs2 = reg();
        }
        expect(',');
        address(false);
        return;
      }
      unknown();
    }

    const CodeReader& r_;
    std::string_view text_;
    std::size_t base_;
    std::size_t at_ = 0;
    std::string mnemonic_;
    Instruction ins_;
  };

  const litmus::Lexer& lx_;
  std::string_view src_;
  std::string blanked_;
  std::vector<Thread>& threads_;
};

// Registers of the frame (init, locations, condition) named canonically `xN`, ranked by N.
void canonical(litmus::Location& loc, const std::string& file) {
  if (!loc.isRegister()) return;
  const int n = registerNumber(loc.name);
  if (n < 0) throw Diagnostic(file, loc.pos, fmt::format("unknown RISC-V register {}", loc.name));
  loc.name = fmt::format("x{}", n);
  loc.rank = n;
}

litmus::PropPtr canonicalProp(const litmus::PropPtr& p, const std::string& file) {
  if (!p) return p;
  auto copy = std::make_shared<litmus::Prop>(*p);
  if (copy->kind == litmus::Prop::Kind::Atom) {
    canonical(copy->lhs, file);
    if (copy->rhsLoc) canonical(*copy->rhsLoc, file);
  }
  for (auto& a : copy->args) a = canonicalProp(a, file);
  return copy;
}

}  // namespace

int registerNumber(std::string_view name) {
  if (name.size() >= 2 && name[0] == 'x' && std::all_of(name.begin() + 1, name.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    if (name.size() > 3 || (name.size() == 3 && name[1] == '0')) return -1;
    const int n = std::stoi(std::string(name.substr(1)));
    return n < 32 ? n : -1;
  }
  auto it = abiNames().find(name);
  return it == abiNames().end() ? -1 : it->second;
}

Test parseText(std::string_view text, const std::string& path) {
  Test test;
  litmus::CodeSectionReader reader = [&test](const litmus::Lexer& lx, std::size_t offset, litmus::Test& frame) {
    return CodeReader(lx, test.threads).read(offset, frame);
  };
  test.frame = litmus::parseLitmusText(text, path, "RISCV", reader);
  test.asWritten = test.frame;
  litmus::Test& f = test.frame;
  for (auto& item : f.init) canonical(item.loc, path);
  for (auto& loc : f.locations) canonical(loc, path);
  f.filter = canonicalProp(f.filter, path);
  if (f.condition) f.condition->prop = canonicalProp(f.condition->prop, path);
  for (std::size_t i = 0; i < f.init.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (f.init[i].loc == f.init[j].loc)
        throw Diagnostic(path, f.init[i].loc.pos, fmt::format("location {}:{} is initialised twice",
                                                               f.init[i].loc.thread, f.init[i].loc.name));
  f.uninitialised = writtenOffsetLocations(test);
  return test;
}

Test parseFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Diagnostic(path, {}, "cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parseText(buffer.str(), path);
}

}  // namespace mcm::riscv
