#include "cat/stdlib.hpp"

#include <map>

extern const std::string_view mcm_cat_stdlib_cat;
extern const std::string_view mcm_cat_cross_cat;
extern const std::string_view mcm_cat_cos_opt_cat;

namespace mcm::cat {

std::optional<std::string_view> libraryFile(const std::string& name) {
  static const std::map<std::string, std::string_view> files = {
      {"stdlib.cat", mcm_cat_stdlib_cat},
      {"cross.cat", mcm_cat_cross_cat},
      {"cos-opt.cat", mcm_cat_cos_opt_cat},
  };
  auto it = files.find(name);
  if (it == files.end()) return std::nullopt;
  return it->second;
}

}  // namespace mcm::cat
