#include "corpus/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <string>

namespace mcm::corpus {

namespace {
std::string duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  return s >= 60 ? fmt::format("{}m{:02}s", s / 60, s % 60) : fmt::format("{}s", s);
}
}  // namespace

Progress::Progress(std::size_t total, std::FILE* out)
    : total_(total), out_(out), terminal_(isatty(fileno(out)) != 0), start_(std::chrono::steady_clock::now()) {}

void Progress::update(std::size_t done, std::size_t mismatches) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta = done > 0 ? elapsed * static_cast<double>(total_ - done) / static_cast<double>(done) : 0;
  const std::size_t step = total_ / 20 + 1;
  if (!terminal_ && done != total_ && done < lastReported_ + step) return;
  lastReported_ = done;
  constexpr int kWidth = 30;
  const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
  const std::string line = fmt::format("{}/{} tests, {} mismatches, {} elapsed, ETA {}", done, total_, mismatches,
                                       duration(elapsed), duration(eta));
  if (terminal_)
    fmt::print(out_, "\r[{}{}] {}\x1b[K", std::string(filled, '#'), std::string(kWidth - filled, ' '), line);
  else
    fmt::print(out_, "progress: {}\n", line);
  std::fflush(out_);
}

void Progress::finish() {
  if (terminal_) fmt::print(out_, "\n");
}

}  // namespace mcm::corpus
