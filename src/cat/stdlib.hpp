#pragma once
// Our standard library of cat files, compiled into the binary (stdlib.cat,
// cross.cat, cos-opt.cat); embedded models live in src/models/.
#include <optional>
#include <string>
#include <string_view>

namespace mcm::cat {

std::optional<std::string_view> libraryFile(const std::string& name);

}  // namespace mcm::cat
