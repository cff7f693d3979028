#include "support/bytes.hpp"

namespace mcm {

void ByteWriter::u(std::uint64_t v) {
  do {
    body_ += static_cast<char>((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
    v >>= 7;
  } while (v != 0);
}

void ByteWriter::str(const std::string& s) {
  auto [it, fresh] = index_.emplace(s, strings_.size());
  if (fresh) strings_.push_back(s);
  u(it->second);
}

void ByteWriter::ints(const std::vector<int>& v) {
  u(v.size());
  for (int x : v) i(x);
}

void ByteWriter::strs(const std::vector<std::string>& v) {
  u(v.size());
  for (const auto& s : v) str(s);
}

void ByteWriter::insertLength(std::size_t from) {
  ByteWriter length;
  length.u(body_.size() - from);
  body_.insert(from, length.body_);
}

std::string ByteWriter::finish() const {
  ByteWriter head;
  head.u(strings_.size());
  for (const auto& s : strings_) {
    head.u(s.size());
    head.body_ += s;
  }
  return head.body_ + body_;
}

ByteReader::ByteReader(std::string_view bytes) : in_(bytes) {
  strings_.resize(count());
  for (auto& s : strings_) {
    const std::size_t n = count();
    s.assign(in_.substr(at_, n));
    at_ += n;
  }
}

std::uint64_t ByteReader::longNumber() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at_ >= in_.size()) bad();
    const auto byte = static_cast<unsigned char>(in_[at_++]);
    v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return v;
  }
  bad();
}

std::size_t ByteReader::skip() {
  const std::size_t n = count();
  const std::size_t start = at_;
  at_ += n;
  return start;
}

std::vector<int> ByteReader::ints() {
  std::vector<int> v(count());
  for (int& x : v) x = small();
  return v;
}

std::vector<std::string> ByteReader::strs() {
  std::vector<std::string> v(count());
  for (auto& s : v) s = str();
  return v;
}

}  // namespace mcm
