#pragma once
// The cat files compiled into the binary: our standard library (stdlib.cat,
// cross.cat, cos-opt.cat) and our LKMM (lkmm.bell, lkmm.cat, lkmm-lock.cat).
#include <optional>
#include <string>
#include <string_view>

namespace mcm::cat {

std::optional<std::string_view> libraryFile(const std::string& name);

}  // namespace mcm::cat
