#pragma once
// herd7 without -variant mixed reads an access at an offset from a location
// (`sh x5,2(x6)` with x6=y) as an access to a location of its own, `y+2`, with
// no initial value: only the test's writes to it can be read. A test reading
// such a location that no thread writes is one herd7 rejects as mixed-size.
#include <string>
#include <vector>

#include "riscv/program.hpp"

namespace mcm::riscv {

// The name of the location at `offset` bytes from `symbol` ("y+2").
std::string offsetLocationName(const std::string& symbol, long long offset);

// The offset locations some thread writes, through a register that holds a
// location from the init block and is never redefined by its thread.
std::vector<std::string> writtenOffsetLocations(const Test& test);

}  // namespace mcm::riscv
