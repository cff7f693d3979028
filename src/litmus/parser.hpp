#pragma once
// Reads a C litmus test in herd7's dialect into the AST of litmus/ast.hpp.
// Errors (including non-C architectures: "unsupported architecture LISA")
// throw mcm::Diagnostic positioned at the offending byte.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "litmus/ast.hpp"
#include "litmus/lexer.hpp"

namespace mcm::litmus {

Test parseLitmusFile(const std::string& path);
Test parseLitmusText(std::string_view text, const std::string& path);

// The architecture word that starts a litmus file ("C", "RISCV", ...), or "" if none.
std::string architectureOf(std::string_view text);

// Reads an assembly test's code section, which starts at `offset` (just after
// the init block): fills test.threads (index and position of each) and returns
// the offset where the final section (locations, filter, condition) begins.
// `lexer` gives positions and errors.
using CodeSectionReader = std::function<std::size_t(const Lexer& lexer, std::size_t offset, Test& test)>;

// A test of architecture `arch` whose header, init block and final section are
// herd's common format and whose code section `code` reads.
Test parseLitmusText(std::string_view text, const std::string& path, std::string_view arch,
                     const CodeSectionReader& code);

}  // namespace mcm::litmus
