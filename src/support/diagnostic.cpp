#include "support/diagnostic.hpp"

#include <fmt/format.h>

namespace mcm {

std::string formatDiagnostic(const std::string& file, SourcePos pos, const std::string& message) {
  if (pos.line <= 0) return fmt::format("{}: error: {}", file, message);
  return fmt::format("{}:{}:{}: error: {}", file, pos.line, pos.col, message);
}

Diagnostic::Diagnostic(std::string file, SourcePos pos, std::string message)
    : std::runtime_error(formatDiagnostic(file, pos, message)),
      file_(std::move(file)),
      pos_(pos),
      message_(std::move(message)) {}

}  // namespace mcm
