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
  // `herdMessage`: herd7's wording of the same error, when scripts grep for it
  // (judgelitmus.sh looks for `: Unknown macro NAME`); empty otherwise.
  Diagnostic(std::string file, SourcePos pos, std::string message, std::string herdMessage = {});
  const std::string& file() const { return file_; }
  SourcePos pos() const { return pos_; }
  const std::string& message() const { return message_; }
  const std::string& herdMessage() const { return herdMessage_; }

 private:
  std::string file_;
  SourcePos pos_;
  std::string message_;
  std::string herdMessage_;
};

// `FILE:LINE:COL: error: MESSAGE` (or `FILE: error: MESSAGE` without a position).
std::string formatDiagnostic(const std::string& file, SourcePos pos, const std::string& message);

// What herd7 prints for the same error: `Warning: File "FILE": MESSAGE (User error)`;
// empty when the diagnostic has no herd wording.
std::string herdWarning(const Diagnostic& d);

}  // namespace mcm
