#pragma once
// A compact byte format for what mcm builds once and keeps (the embedded models' snapshots):
// numbers as LEB128 varints (signed ones zig-zagged), strings once each in a table at the
// front. The reader checks every length against the bytes left and throws
// std::runtime_error on bytes the writer did not produce, never reading past the end.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostic.hpp"

namespace mcm {

class ByteWriter {
 public:
  void u(std::uint64_t v);
  void i(std::int64_t v) { u((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
  void str(const std::string& s);
  void pos(SourcePos p) {
    i(p.line);
    i(p.col);
  }
  void ints(const std::vector<int>& v);
  void strs(const std::vector<std::string>& v);
  // A part a reader may skip (ByteReader::skip) and read later (ByteReader::seek): what
  // `write` writes, preceded by its length.
  template <class F>
  void skippable(F&& write) {
    const std::size_t from = body_.size();
    write();
    insertLength(from);
  }
  std::string finish() const;  // the string table, then everything written

 private:
  void insertLength(std::size_t from);  // the length of body_[from..] as a number at `from`

  std::string body_;
  std::vector<std::string> strings_;
  std::map<std::string, std::size_t> index_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes);
  bool done() const { return at_ == in_.size(); }
  std::uint64_t u() {  // inline: a snapshot is mostly small numbers
    if (at_ < in_.size() && !(in_[at_] & 0x80)) return static_cast<unsigned char>(in_[at_++]);
    return longNumber();
  }
  std::size_t count() {  // a number of things that follow, each at least one byte long
    const std::uint64_t n = u();
    if (n > in_.size() - at_) bad();
    return static_cast<std::size_t>(n);
  }
  std::int64_t i() {
    const std::uint64_t v = u();
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
  }
  int small() {  // an int
    const std::int64_t v = i();
    if (v < INT32_MIN || v > INT32_MAX) bad();
    return static_cast<int>(v);
  }
  bool flag() { return u() != 0; }
  template <class E>
  E en() {
    return static_cast<E>(u());
  }
  const std::string& str() {
    const std::uint64_t k = u();
    if (k >= strings_.size()) bad();
    return strings_[k];
  }
  SourcePos pos() {
    SourcePos p;
    p.line = small();
    p.col = small();
    return p;
  }
  std::vector<int> ints();
  std::vector<std::string> strs();
  // A part ByteWriter::skippable wrote: passed over, its start returned for seek.
  std::size_t skip();
  std::size_t position() const { return at_; }
  void seek(std::size_t at) {
    if (at > in_.size()) bad();
    at_ = at;
  }
  [[noreturn]] static void bad() { throw std::runtime_error("unreadable snapshot (written by another mcm?)"); }

  // Held while reading one level of a nested structure: bytes nested deeper than any tree mcm
  // writes are refused before they exhaust the stack.
  class Nesting {
   public:
    explicit Nesting(ByteReader& r) : depth_(r.depth_) {
      if (++depth_ > kMaxDepth) bad();
    }
    ~Nesting() { --depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    int& depth_;
  };
  Nesting nest() { return Nesting(*this); }

 private:
  std::uint64_t longNumber();  // u() of more than one byte, or past the end

  static constexpr int kMaxDepth = 10'000;
  std::string_view in_;
  std::size_t at_ = 0;
  std::vector<std::string> strings_;
  int depth_ = 0;
};

}  // namespace mcm
