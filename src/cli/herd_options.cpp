#include "cli/herd_options.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "support/diagnostic.hpp"

namespace mcm::cli {
namespace {

namespace fs = std::filesystem;

// Options that only shape herd's graph layout: a .cfg may set them, mcm draws with its own layout.
const std::set<std::string> kDisplayOptions = {
    "graph", "squished", "showevents", "movelabel", "fontsize", "xscale", "yscale", "arrowsize",
    "showinitrf", "showfinalrf", "splines", "pad", "showraw", "showthin", "oneinit", "showlegend", "showkind", "shortlegend", "showpo", "labelinit",
    "scale", "ptscale", "dotmode", "dotcom", "showobserved", "mono", "condensed", "showfr",
    "showcutoff", "showtoken", "penwidth", "symetric", "extrachars", "showdetails"};

// herd options mcm only accepts at their default value (they then change nothing).
const std::map<std::string, std::string> kDefaultOnly = {{"initwrites", "true"}};

// herd options mcm does not implement, with the reason given to the user.
const std::map<std::string, std::string> kUnsupported = {
    {"gv", "mcm opens no viewer (use -o DIR, with --svg for pictures)"},
    {"evince", "mcm opens no viewer (use -o DIR, with --svg for pictures)"},
    {"suffix", "mcm names graph files NAME.dot"},
    {"optace", "mcm always applies herd7's default (-optace iico)"},
    {"names", "mcm runs every file given"},
    {"excl", "mcm runs every file given"},
};

// herd options that only steer its graphs or debug traces: accepted and checked,
// they change nothing in the text output (as in herd without -o/-gv).
const std::set<std::string> kNoTextEffect = {"debug", "cycles", "showflag", "nshow"};

bool takesArgument(const std::string& name) {
  static const std::set<std::string> flags = {"v", "q", "gv", "evince", "json", "version", "svg"};
  return !flags.contains(name);
}

class Parser {
 public:
  explicit Parser(HerdOptions& out) : out_(out) {}

  // Applies one option; `where` prefixes errors ("" on the command line, "FILE:LINE:1: " in a .cfg).
  void apply(const std::string& name, const std::string& value, bool inConfig, const std::string& where) {
    auto fail = [&](const std::string& message) { throw OptionError{where + message}; };
    const std::string shown = inConfig ? fmt::format("'{}'", name) : fmt::format("-{}", name);
    if (name == "conf") return loadConfig(value);
    if (name == "I" || name == "set-libdir") return;  // collected before any -conf is read
    if (name == "model" || name == "cat") { out_.model = value; return; }
    if (name == "bell") { out_.bell = value; return; }
    if (name == "macros") { out_.macros = value; return; }
    if (name == "variant") {
      std::stringstream parts(value);
      for (std::string part; std::getline(parts, part, ',');)
        if (!part.empty()) out_.variants.insert(part);
      return;
    }
    if (name == "unroll") {
      int n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 0)
        fail(shown + " needs a non-negative integer, not '" + value + "'");
      out_.unroll = n;
      return;
    }
    if (name == "v") { out_.verbose = true; return; }
    if (name == "q") { out_.quiet = true; return; }
    if (name == "json" && !inConfig) { out_.json = true; return; }
    if (name == "version") { out_.version = true; return; }
    const auto boolean = [&]() {
      if (value != "true" && value != "false") fail(shown + " needs true or false, not '" + value + "'");
      return value == "true";
    };
    if (name == "svg" && !inConfig) { out_.svg = true; return; }
    if (name == "o") { out_.outputDir = value; return; }
    if (name == "show") {
      static const std::set<std::string> modes = {"none", "all", "prop", "neg", "cond", "wit"};
      if (!modes.contains(value)) fail(shown + " needs one of none, all, prop, neg, cond, wit, not '" + value + "'");
      out_.show = value;
      return;
    }
    if (name == "doshow" || name == "unshow") {
      std::stringstream parts(value);
      for (std::string part; std::getline(parts, part, ',');)
        if (!part.empty()) (name == "doshow" ? out_.doshow : out_.unshow).push_back(part);
      return;
    }
    if (name == "edgeattr") {
      std::stringstream parts(value);
      std::string rel, attr, val;
      if (!std::getline(parts, rel, ',') || !std::getline(parts, attr, ',') || !std::getline(parts, val) || rel.empty() || attr.empty())
        fail(shown + " needs RELATION,ATTRIBUTE,VALUE, not '" + value + "'");
      out_.edgeattr[rel][attr] = val;
      return;
    }
    if (name == "showinitwrites") { out_.showInitWrites = boolean(); return; }
    if (name == "skipchecks" || name == "skipcheck") {
      std::stringstream parts(value);
      for (std::string part; std::getline(parts, part, ',');)
        if (!part.empty()) out_.skipChecks.insert(part);
      return;
    }
    if (name == "strictskip") { out_.strictSkip = boolean(); return; }
    if (name == "through") {
      if (value != "none" && value != "invalid" && value != "all")
        fail(shown + " needs none, invalid or all, not '" + value + "'");
      out_.through = value != "none";
      return;
    }
    if (name == "throughflag") { out_.throughFlag = value; return; }
    if (name == "candidates") { out_.candidates = boolean(); return; }
    if (name == "badexecs") { out_.badExecs = boolean(); return; }
    if (name == "badflag") { out_.badFlag = value; return; }
    if (name == "hexa") { out_.hexa = boolean(); return; }
    if (name == "dumpes") { out_.dumpEvents = boolean(); return; }
    if (name == "outcomereads") { out_.outcomeReads = boolean(); return; }
    if (name == "exit") { out_.exitOnError = boolean(); return; }
    if (name == "speedcheck") {
      using Speed = exec::RunOptions::SpeedCheck;
      static const std::map<std::string, Speed> modes = {{"false", Speed::Off}, {"true", Speed::True}, {"fast", Speed::Fast}};
      auto it = modes.find(value);
      if (it == modes.end()) fail(shown + " needs false, true or fast, not '" + value + "'");
      out_.speedcheck = it->second;
      return;
    }
    if (name == "j" && !inConfig) {
      int n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 1)
        fail(shown + " needs a positive number of threads, not '" + value + "'");
      out_.jobs = n;
      return;
    }
    if (name == "maxcandidates" && !inConfig) {
      long long n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 1)
        fail(shown + " needs a positive number of candidate executions, not '" + value + "'");
      out_.maxCandidates = n;
      return;
    }
    if (name == "timeout") {
      double seconds = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
      if (ec != std::errc() || end != value.data() + value.size() || seconds <= 0)
        fail(shown + " needs a positive number of CPU seconds, not '" + value + "'");
      out_.timeout = seconds;
      return;
    }
    if (name == "conds" || name == "kinds") return readTable(name, value, name == "conds" ? out_.conds : out_.kinds);
    if (kNoTextEffect.contains(name)) {
      if (name == "nshow") {
        int n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc() || end != value.data() + value.size() || n < 0)
          fail(shown + " needs a non-negative integer, not '" + value + "'");
      }
      return;
    }
    if (kDisplayOptions.contains(name)) {
      if (inConfig) return;
      fail("unsupported option " + shown + ": mcm draws with its own layout (display options are only ignored in .cfg files)");
    }
    if (auto it = kDefaultOnly.find(name); it != kDefaultOnly.end()) {
      if (value == it->second) return;
      fail("unsupported option " + shown + " " + value + ": mcm only supports " + shown + " " + it->second);
    }
    if (auto it = kUnsupported.find(name); it != kUnsupported.end())
      fail("unsupported option " + shown + ": " + it->second);
    fail("unknown option " + shown);
  }

  // -conds / -kinds FILE: herd's rename files, `TEST-NAME VALUE` lines (`#` comments).
  void readTable(const std::string& option, const std::string& file, std::map<std::string, std::string>& table) {
    auto path = findInDirs(file, out_.includeDirs);
    if (!path) throw OptionError{"-" + option + ": cannot find '" + file + "'"};
    std::ifstream in(*path);
    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
      const std::size_t start = line.find_first_not_of(" \t\r");
      if (start == std::string::npos || line[start] == '#') continue;
      const std::size_t nameEnd = line.find_first_of(" \t\r", start);
      const std::size_t valueStart = nameEnd == std::string::npos ? nameEnd : line.find_first_not_of(" \t\r", nameEnd);
      if (valueStart == std::string::npos)
        throw OptionError{formatDiagnostic(*path, {lineNo, static_cast<int>(start) + 1}, "expected a test name and a value")};
      const std::size_t valueEnd = line.find_last_not_of(" \t\r");
      const std::string value = line.substr(valueStart, valueEnd + 1 - valueStart);
      if (option == "kinds" && !kindQuantifier(value))
        throw OptionError{formatDiagnostic(*path, {lineNo, static_cast<int>(valueStart) + 1},
                                           "expected a kind (Allow, Forbid or Require), found '" + value + "'")};
      table[line.substr(start, nameEnd - start)] = value;
    }
  }

  void loadConfig(const std::string& name) {
    auto path = findInDirs(name, out_.includeDirs);
    if (!path) throw OptionError{"cannot find configuration file '" + name + "'"};
    std::ifstream in(*path);
    if (!in) throw OptionError{"cannot read configuration file '" + *path + "'"};
    if (++depth_ > 8) throw OptionError{*path + ": error: configuration files include each other"};
    // Files the .cfg names are looked for next to it too.
    const fs::path parent = fs::path(*path).parent_path();
    const std::string dir = parent.empty() ? fs::current_path().string() : parent.string();
    bool known = false;
    for (const auto& d : out_.includeDirs) known = known || d == dir;
    if (!known) out_.includeDirs.push_back(dir);

    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
      if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
      std::size_t start = line.find_first_not_of(" \t\r");
      if (start == std::string::npos) continue;
      std::size_t keyEnd = line.find_first_of(" \t\r", start);
      std::string key = line.substr(start, keyEnd - start);
      std::string value;
      if (keyEnd != std::string::npos) {
        std::size_t v = line.find_first_not_of(" \t\r", keyEnd);
        std::size_t e = line.find_last_not_of(" \t\r");
        if (v != std::string::npos) value = line.substr(v, e + 1 - v);
      }
      // "FILE:LINE:COL: error: ", completed by the message.
      const std::string where = formatDiagnostic(*path, {lineNo, static_cast<int>(start) + 1}, "");
      if (key == "I" || key == "set-libdir") {
        out_.includeDirs.push_back(value);
        continue;
      }
      if (value.empty() && takesArgument(key) && key != "conf")
        throw OptionError{where + "'" + key + "' needs a value"};
      apply(key, value, true, where);
    }
    --depth_;
  }

 private:
  HerdOptions& out_;
  int depth_ = 0;
};

// `--conf` and `-conf` are the same option (`--conf=FILE` works too).
std::string optionName(const std::string& arg) {
  return arg.substr(arg.rfind("--", 0) == 0 ? 2 : 1);
}

}  // namespace

std::optional<litmus::Quantifier> kindQuantifier(const std::string& kind) {
  if (kind == "Allow" || kind == "Allowed") return litmus::Quantifier::Exists;
  if (kind == "Forbid" || kind == "Forbidden") return litmus::Quantifier::NotExists;
  if (kind == "Require" || kind == "Required") return litmus::Quantifier::Forall;
  return std::nullopt;
}

std::optional<std::string> findInDirs(const std::string& file, const std::vector<std::string>& dirs) {
  std::error_code ec;
  if (fs::is_regular_file(file, ec)) return file;
  if (fs::path(file).is_absolute()) return std::nullopt;
  for (const auto& dir : dirs) {
    fs::path candidate = fs::path(dir) / file;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return std::nullopt;
}

HerdOptions parseHerdArgs(const std::vector<std::string>& args) {
  HerdOptions out;
  // Pass 1: split into options and files, and collect the search path, which
  // herd applies wherever -I appears (the kernel's scripts put it after -conf).
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> libDirs;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 2 || arg[0] != '-') {
      out.files.push_back(arg);
      continue;
    }
    std::string name = optionName(arg);
    std::string value;
    if (auto eq = name.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = name.substr(eq + 1);  // --conf=FILE
      name.resize(eq);
      if (!takesArgument(name)) throw OptionError{"option --" + name + " takes no value"};
    } else if (takesArgument(name)) {
      if (i + 1 >= args.size()) throw OptionError{"option " + arg + " needs a value"};
      value = args[++i];
    }
    if (name == "I") out.includeDirs.push_back(value);
    if (name == "set-libdir") libDirs.push_back(value);
    options.emplace_back(name, value);
  }
  out.includeDirs.insert(out.includeDirs.end(), libDirs.begin(), libDirs.end());
  // Pass 2: apply options in order, so an option after -conf overrides the file.
  Parser parser(out);
  for (const auto& [name, value] : options) parser.apply(name, value, false, "");
  return out;
}

}  // namespace mcm::cli
