// Explanations as text for a reader and as JSON (schema/explain.schema.json).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "explain/explain.hpp"
#include "report/dot.hpp"
#include "report/herd_text.hpp"
#include "report/run_json.hpp"

namespace mcm::explain {
namespace {

std::string where(const std::string& file, SourcePos pos) {
  std::string base = file.substr(file.find_last_of('/') + 1);
  return fmt::format("{}:{}:{}", base.empty() ? file : base, pos.line, pos.col);
}

std::string edgeList(const Execution& x, const std::vector<Edge>& edges, const char* arrow) {
  std::string out;
  for (const auto& [a, b] : edges) {
    // Init writes are implicit in rf and co: the reader knows every location starts at its initial value.
    out += fmt::format("      {:<28} {} {}\n", eventText(x.events[a]), arrow, eventText(x.events[b]));
  }
  return out;
}

// The steps of one edge, a line per step: relation, then the event it reaches.
std::string stepLines(const Execution& x, const cat::EvidenceEdge& e) {
  // Set tests ([Mb]) on one event are gathered into one note after it.
  std::size_t width = 4;
  for (const auto& s : e.steps) width = std::max(width, s.relation.size());
  std::string out = fmt::format("          {:<{}} {}\n", "from", width, eventText(x.events[e.from])), sets;
  auto flushSets = [&] {
    if (!sets.empty()) out += fmt::format("          {:<{}} (in {})\n", "", width, sets);
    sets.clear();
  };
  for (const auto& s : e.steps) {
    if (s.from == s.to && s.relation.front() == '[') {
      const std::string name = s.relation.substr(1, s.relation.size() - 2);
      if ((", " + sets + ",").find(", " + name + ",") == std::string::npos) sets += (sets.empty() ? "" : ", ") + name;
      continue;
    }
    flushSets();
    out += fmt::format("          {:<{}} {}\n", s.relation, width, eventText(x.events[s.to]));
  }
  flushSets();
  return out;
}

std::string evidenceText(const Execution& x, const cat::CheckEvidence& ev) {
  std::string out;
  if (ev.negated != ev.flag) return fmt::format("    ({} {}{} holds)\n", ev.negated ? "~" : "", ev.kind, ev.expression);
  if (!ev.events.empty()) {
    out += fmt::format("    {} is not empty; it holds:\n", ev.expression);
    for (auto e : ev.events) out += fmt::format("      {}\n", eventText(x.events[e]));
    return out;
  }
  if (ev.kind == "acyclic")
    out += fmt::format("    a shortest cycle of {} ({} edge{}):\n", ev.expression, ev.edges.size(), ev.edges.size() == 1 ? "" : "s");
  else if (ev.kind == "irreflexive")
    out += fmt::format("    an event related to itself by {}:\n", ev.expression);
  else
    out += fmt::format("    {} is not empty; its pairs:\n", ev.expression);
  int i = 0;
  for (const auto& e : ev.edges) {
    out += fmt::format("      [{}] {}  --{}-->  {}\n", ++i, eventText(x.events[e.from]), ev.expression, eventText(x.events[e.to]));
    const bool trivial = e.steps.size() == 1 && e.steps[0].relation == ev.expression;
    if (trivial) continue;
    out += stepLines(x, e);
  }
  return out;
}

std::string executionText(const Execution& x) {
  std::string out = "    final state: " + report::renderStateLine(x.state) + "\n";
  if (!x.rf.empty()) out += "    rf (write -> read):\n" + edgeList(x, x.rf, "->");
  if (!x.co.empty()) out += "    co (coherence order):\n" + edgeList(x, x.co, "->");
  else if (x.failed) out += "    co: none yet (the check below rejects the candidate before co is chosen)\n";
  for (const auto& f : x.flagged) {
    out += fmt::format("    flag {} ({}):\n", f.check, where(f.file, f.pos));
    out += evidenceText(x, f);
  }
  return out;
}

nlohmann::json evidenceJson(const cat::CheckEvidence& ev) {
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& e : ev.edges) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : e.steps)
      steps.push_back({{"from", s.from}, {"to", s.to}, {"relation", s.relation}, {"named", s.named}});
    edges.push_back({{"from", e.from}, {"to", e.to}, {"steps", std::move(steps)}});
  }
  return {{"check", ev.check},         {"kind", ev.kind},   {"negated", ev.negated},     {"flag", ev.flag},
          {"expression", ev.expression}, {"file", ev.file}, {"line", ev.pos.line},       {"column", ev.pos.col},
          {"edges", std::move(edges)},   {"events", ev.events}};
}

nlohmann::json executionJson(const Execution& x) {
  nlohmann::json events = nlohmann::json::array();
  for (std::size_t i = 0; i < x.events.size(); ++i) {
    const auto& e = x.events[i];
    events.push_back({{"id", i},     {"thread", e.thread}, {"line", e.line},         {"kind", e.kind},
                      {"tags", e.tags}, {"location", e.location}, {"value", e.value}, {"text", eventText(e)}});
  }
  nlohmann::json flagged = nlohmann::json::array();
  for (const auto& f : x.flagged) flagged.push_back(evidenceJson(f));
  return {{"events", std::move(events)},
          {"state", report::stateJson(x.state)},
          {"rf", x.rf},
          {"co", x.co},
          {"final_writes", x.finalWrites},
          {"flags", x.flags},
          {"failed", x.failed ? evidenceJson(*x.failed) : nlohmann::json(nullptr)},
          {"flagged", std::move(flagged)}};
}

}  // namespace

std::string eventText(const exec::EventInfo& e) {
  std::string who = e.thread < 0 ? "init" : fmt::format("P{}:{}", e.thread, e.line);
  std::string access = report::accessKind(e);
  if (!e.location.empty()) access += " " + e.location + (e.value.empty() ? "" : "=" + e.value);
  return fmt::format("{:<6} {}", who, access);
}

std::string renderText(const Explanation& x) {
  std::string out;
  if (x.allowed) {
    out += fmt::format("{}: {} is allowed; {} of {} candidate execution{} ending in it {} rejected.\n", x.test,
                       x.outcome, x.rejected, x.candidates, x.candidates == 1 ? "" : "s", x.rejected == 1 ? "is" : "are");
    out += "An allowed execution that ends in it:\n" + executionText(*x.allowed);
    return out;
  }
  out += fmt::format("{}: {} is forbidden: the model rejects all {} candidate execution{} ending in it.\n", x.test,
                     x.outcome, x.candidates, x.candidates == 1 ? "" : "s");
  for (const auto& g : x.groups) {
    out += fmt::format("\nCheck {} ({} {}, {}) rejects {} of them first.\n", g.check.check,
                       g.check.negated ? "~" + g.check.kind : g.check.kind, g.check.expression,
                       where(g.check.file, g.check.pos), g.count);
    if (!g.section.empty()) out += "  explanation.txt: " + g.section + "\n";
    int i = 0;
    for (const auto& w : g.witnesses) {
      out += g.witnesses.size() == 1 ? "  Witness:\n" : fmt::format("  Candidate {}:\n", ++i);
      out += executionText(w);
      out += evidenceText(w, *w.failed);
    }
  }
  return out;
}

nlohmann::json renderJson(const Explanation& x) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : x.groups) {
    nlohmann::json witnesses = nlohmann::json::array();
    for (const auto& w : g.witnesses) witnesses.push_back(executionJson(w));
    groups.push_back({{"check", g.check.check},
                      {"kind", g.check.kind},
                      {"expression", g.check.expression},
                      {"file", g.check.file},
                      {"line", g.check.pos.line},
                      {"column", g.check.pos.col},
                      {"section", g.section},
                      {"count", g.count},
                      {"witnesses", std::move(witnesses)}});
  }
  return {{"test", x.test},
          {"outcome", x.outcome},
          {"verdict", x.allowed ? "allowed" : "forbidden"},
          {"candidates", x.candidates},
          {"rejected", x.rejected},
          {"groups", std::move(groups)},
          {"allowed", x.allowed ? executionJson(*x.allowed) : nlohmann::json(nullptr)}};
}

}  // namespace mcm::explain
