#include "cli/command_args.hpp"

#include <fmt/format.h>

#include <thread>

#include "cli/herd_options.hpp"

namespace mcm::cli {

corpus::WorkerOptions defaultWorkerOptions() {
  corpus::WorkerOptions w;
  const unsigned cores = std::thread::hardware_concurrency();
  w.jobs = cores > 0 ? static_cast<int>(cores) : 1;
  w.timeoutSeconds = 60;
  w.memoryLimitBytes = std::size_t{4} << 30;
  return w;
}

const std::string& ArgCursor::value() {
  if (at_ + 1 >= args_.size()) throw OptionError{current() + " needs a value"};
  return args_[++at_];
}

double ArgCursor::number(double min) {
  const std::string& option = current();
  const std::string& text = value();
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
  }
  if (used != text.size() || v < min) throw OptionError{fmt::format("{} needs a number >= {}, got '{}'", option, min, text)};
  return v;
}

bool ArgCursor::workerOption(corpus::WorkerOptions& workers) {
  const std::string& a = current();
  if (a == "-j" || a == "--jobs") workers.jobs = static_cast<int>(number(1));
  else if (a == "--timeout") workers.timeoutSeconds = number(0);
  else if (a == "--memory") workers.memoryLimitBytes = static_cast<std::size_t>(number(64)) << 20;
  else return false;
  return true;
}

}  // namespace mcm::cli
