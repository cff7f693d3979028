#include "support/diagnostic.hpp"

#include <fmt/format.h>

namespace mcm {

std::string formatDiagnostic(const std::string& file, SourcePos pos, const std::string& message) {
  if (pos.line <= 0) return fmt::format("{}: error: {}", file, message);
  return fmt::format("{}:{}:{}: error: {}", file, pos.line, pos.col, message);
}

Diagnostic::Diagnostic(std::string file, SourcePos pos, std::string message, std::string herdMessage)
    : std::runtime_error(formatDiagnostic(file, pos, message)),
      file_(std::move(file)),
      pos_(pos),
      message_(std::move(message)),
      herdMessage_(std::move(herdMessage)) {}

std::string herdWarning(const Diagnostic& d) {
  if (d.herdMessage().empty()) return {};
  return fmt::format("Warning: File \"{}\": {} (User error)", d.file(), d.herdMessage());
}

}  // namespace mcm
