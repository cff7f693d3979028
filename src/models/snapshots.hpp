#pragma once
// The embedded models and .def files loaded when mcm was built (cat::saveModel,
// macros::saveMacros), by model name ("lkmm") or file name ("lkmm.def"): written by the
// build's snapshot tool (snapshot_tool.cpp) as model_snapshots.cpp; the tool itself is linked
// with no_snapshots.cpp. Empty when there is none.
#include <string_view>

namespace mcm::models {

std::string_view snapshotOf(std::string_view name);

}  // namespace mcm::models
