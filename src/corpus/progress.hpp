#pragma once
// Progress of a long corpus run on stderr: a live bar on a terminal, plain
// lines (one per ~5 %) otherwise, so logs stay readable.
#include <chrono>
#include <cstddef>
#include <cstdio>

namespace mcm::corpus {

class Progress {
 public:
  Progress(std::size_t total, std::FILE* out);
  void update(std::size_t done, std::size_t mismatches);
  void finish();

 private:
  std::size_t total_;
  std::FILE* out_;
  bool terminal_;
  std::size_t lastReported_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mcm::corpus
