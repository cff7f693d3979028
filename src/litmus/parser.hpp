#pragma once
// Reads a C litmus test in herd7's dialect into the AST of litmus/ast.hpp.
// Errors (including non-C architectures: "unsupported architecture LISA")
// throw mcm::Diagnostic positioned at the offending byte.
#include <string>
#include <string_view>

#include "litmus/ast.hpp"

namespace mcm::litmus {

Test parseLitmusFile(const std::string& path);
Test parseLitmusText(std::string_view text, const std::string& path);

}  // namespace mcm::litmus
