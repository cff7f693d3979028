#pragma once
// Reading the arguments of `mcm corpus` and `mcm compare`: one at a time, with
// the worker options (-j, --timeout, --memory) both commands share.
#include <string>
#include <vector>

#include "corpus/workers.hpp"

namespace mcm::cli {

// All cores, 60 s and 4 GiB per test.
corpus::WorkerOptions defaultWorkerOptions();

class ArgCursor {
 public:
  explicit ArgCursor(const std::vector<std::string>& args) : args_(args) {}
  // Moves to the next argument; false after the last.
  bool next() { return ++at_ < args_.size(); }
  const std::string& current() const { return args_[at_]; }
  // The argument after the current option, as its value (OptionError if none).
  const std::string& value();
  // The option's value as a number >= min (OptionError otherwise).
  double number(double min);
  // Applies -j/--jobs N, --timeout S or --memory MB to `workers`; false if the
  // current argument is none of them.
  bool workerOption(corpus::WorkerOptions& workers);

 private:
  const std::vector<std::string>& args_;
  std::size_t at_ = static_cast<std::size_t>(-1);
};

}  // namespace mcm::cli
