// Fuzz target: a herd7 .cfg file, read through `-conf` as the command line reads it.
// A bad .cfg ends in OptionError (FILE:LINE:1: ...), the command line's positioned error.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "cli/herd_options.hpp"
#include "fuzz_input.hpp"

// The input lives in a file only while it is read: libFuzzer ends with _Exit, so nothing
// run at exit could remove it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/mcm-fuzz-" + std::to_string(getpid()) + ".cfg";
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), size);
  try {
    mcm::cli::parseHerdArgs({"-conf", path});
  } catch (const mcm::cli::OptionError&) {
  }
  std::remove(path.c_str());
  return 0;
}
