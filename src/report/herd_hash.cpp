#include "report/herd_hash.hpp"

#include "litmus/locations.hpp"

#include <nettle/md5.h>

#include <algorithm>
#include <cstdint>

namespace mcm::report {
namespace {

using litmus::Location;

std::string locationText(const Location& loc) {
  return loc.isRegister() ? std::to_string(loc.thread) + ":" + loc.name : loc.name;
}

// herd's digests order locations by name bytes, even registers that its state
// lines order by their rank in the register file (RISC-V x5 < x10).
bool digestOrderLess(const Location& a, const Location& b) {
  Location ua = a, ub = b;
  ua.rank = ub.rank = -1;
  return litmus::displayOrderLess(ua, ub);
}

std::string md5(std::string_view data) {
  unsigned char digest[MD5_DIGEST_SIZE];
  md5_ctx context;
  md5_init(&context);
  md5_update(&context, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  md5_digest(&context, sizeof digest, digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// `T loc=v`, `T *loc=v` or `loc=v`, the value as written (`&` dropped, 0 when absent).
std::string initEntryText(const litmus::InitItem& item) {
  std::string value = item.hasValue ? item.valueText : "0";
  if (!value.empty() && value.front() == '&') value.erase(0, 1);
  std::string loc = locationText(item.loc);
  if (!item.type) return loc + "=" + value;
  const litmus::Type& type = *item.type;
  std::string prefix = type.base.empty() ? "" : type.base + " ";
  return prefix + std::string(type.pointers, '*') + loc + "=" + value;
}

std::string initText(const litmus::Test& test) {
  std::vector<const litmus::InitItem*> items;
  for (const auto& item : test.init) items.push_back(&item);
  std::stable_sort(items.begin(), items.end(), [](auto* a, auto* b) { return digestOrderLess(a->loc, b->loc); });
  std::vector<std::string> entries;
  for (const auto* item : items) {
    std::string entry = initEntryText(*item);
    if (entries.empty() || entries.back() != entry) entries.push_back(std::move(entry));
  }
  std::string out;
  for (const auto& entry : entries) out += (out.empty() ? "" : "; ") + entry;
  return out;
}

// `int *x` is printed `int* x`: [volatile ]base type, all its stars, a space, the name.
std::string paramText(const litmus::Param& param) {
  const litmus::Type& type = param.type;
  std::string text = type.isVolatile ? "volatile " : "";
  text += type.base;
  text.append(type.pointers, '*');
  text += ' ';
  return text + param.name;
}

std::string codeText(const litmus::Test& test) {
  std::string out;
  for (std::size_t i = 0; i < test.threads.size(); ++i) {
    const litmus::Thread& thread = test.threads[i];
    std::string params;
    for (const auto& param : thread.params) params += (params.empty() ? "" : ", ") + paramText(param);
    if (i > 0) out += "|";
    out += " P" + std::to_string(thread.index) + "(" + params + ") {\n" + thread.bodyText + "\n}\n ";
  }
  return out + ";\n";
}

std::string observedText(const litmus::Test& test) {
  std::vector<Location> locations = litmus::displayedLocations(test);
  std::stable_sort(locations.begin(), locations.end(), digestOrderLess);
  std::string out;
  for (const auto& loc : locations) out += (out.empty() ? "" : "; ") + locationText(loc);
  return out;
}

}  // namespace

HashInputs herdHashInputs(const litmus::Test& test) {
  return {initText(test), codeText(test), observedText(test)};
}

std::string herdHash(const litmus::Test& test) { return herdHash(test, codeText(test)); }

std::string herdHash(const litmus::Test& test, const std::string& code) {
  for (const auto& [key, value] : test.info)
    if (key == "Hash") return value;
  const HashInputs inputs{initText(test), code, observedText(test)};
  // The info digest covers only memory-type keys, which LKMM tests never have: it is
  // then the empty string, not MD5("").
  return hex(md5(md5(inputs.init) + md5(inputs.code) + md5(inputs.observed)));
}

}  // namespace mcm::report
