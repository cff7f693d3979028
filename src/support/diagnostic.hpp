#pragma once
// Positioned errors shared by every front end (litmus, .def, cat).
// Rendered as `FILE:LINE:COL: error: MESSAGE`, the format compilers use,
// so editors and scripts can jump to the spot.
#include <stdexcept>
#include <string>

namespace mcm {

struct SourcePos {
  int line = 0;  // 1-based; 0 means "no position"
  int col = 0;   // 1-based byte column
};

class Diagnostic : public std::runtime_error {
 public:
  Diagnostic(std::string file, SourcePos pos, std::string message);
  const std::string& file() const { return file_; }
  SourcePos pos() const { return pos_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  SourcePos pos_;
  std::string message_;
};

// `FILE:LINE:COL: error: MESSAGE` (or `FILE: error: MESSAGE` without a position).
std::string formatDiagnostic(const std::string& file, SourcePos pos, const std::string& message);

}  // namespace mcm
