#pragma once
// Reads a RISC-V litmus test in herd7's assembly format: the common header,
// init block and final section (litmus/parser), and a code section of columns
// `P0 | P1 ;` then one row of instructions per line, each cell `[LABEL:] [INSTRUCTION]`.
// Errors throw mcm::Diagnostic at FILE:LINE:COL naming what is wrong
// (unknown instruction, bad operand, malformed column, undefined label).
#include <string>
#include <string_view>

#include "riscv/program.hpp"

namespace mcm::riscv {

Test parseFile(const std::string& path);
Test parseText(std::string_view text, const std::string& path);

// A register name (`x5`, `t0`, `a0`, `zero`, ...) as its number, or -1.
int registerNumber(std::string_view name);

}  // namespace mcm::riscv
