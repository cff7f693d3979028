#pragma once
// A small JSON Schema validator for the schemas in schema/: the keywords they
// use (type, enum, required, properties, additionalProperties, items, minimum,
// $ref to #/$defs/NAME, oneOf). Any other keyword is an error, so a schema
// cannot silently say more than is checked.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mcm::testing {

class SchemaValidator {
 public:
  explicit SchemaValidator(nlohmann::json schema) : root_(std::move(schema)) {}

  // Every violation, as "PATH: what" (empty when the document is valid).
  std::vector<std::string> validate(const nlohmann::json& doc) const {
    std::vector<std::string> errors;
    check(root_, doc, "$", errors);
    return errors;
  }

 private:
  static bool hasType(const nlohmann::json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
  }

  const nlohmann::json& resolve(const std::string& ref) const {
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
    return root_.at("$defs").at(ref.substr(prefix.size()));
  }

  void check(const nlohmann::json& s, const nlohmann::json& v, const std::string& path,
             std::vector<std::string>& errors) const {
    static const std::set<std::string> annotations = {"$schema", "$id", "title", "description", "$defs"};
    for (const auto& [key, _] : s.items()) {
      static const std::set<std::string> known = {"type", "enum", "required", "properties", "additionalProperties",
                                                  "items", "minimum", "$ref", "oneOf"};
      if (!known.contains(key) && !annotations.contains(key)) throw std::runtime_error("unsupported keyword " + key);
    }
    if (s.contains("$ref")) check(resolve(s["$ref"]), v, path, errors);
    if (s.contains("type")) {
      bool ok = false;
      if (s["type"].is_string()) ok = hasType(v, s["type"]);
      else
        for (const auto& t : s["type"]) ok = ok || hasType(v, t);
      if (!ok) return errors.push_back(path + ": expected type " + s["type"].dump() + ", found " + v.dump());
    }
    if (s.contains("enum")) {
      bool found = false;
      for (const auto& e : s["enum"]) found = found || e == v;
      if (!found) errors.push_back(path + ": " + v.dump() + " is not one of " + s["enum"].dump());
    }
    if (s.contains("minimum") && v.is_number() && v.get<double>() < s["minimum"].get<double>())
      errors.push_back(path + ": " + v.dump() + " is below the minimum " + s["minimum"].dump());
    if (s.contains("oneOf")) {
      int matches = 0;
      for (const auto& alt : s["oneOf"]) {
        std::vector<std::string> sub;
        check(alt, v, path, sub);
        matches += sub.empty();
      }
      if (matches != 1) errors.push_back(path + ": matches " + std::to_string(matches) + " of oneOf's schemas, not 1");
    }
    if (v.is_object()) {
      for (const auto& r : s.value("required", nlohmann::json::array()))
        if (!v.contains(r.get<std::string>())) errors.push_back(path + ": missing " + r.dump());
      const nlohmann::json props = s.value("properties", nlohmann::json::object());
      for (const auto& [key, item] : v.items()) {
        const std::string sub = path + "." + key;
        if (props.contains(key)) check(props[key], item, sub, errors);
        else if (s.contains("additionalProperties")) {
          const auto& extra = s["additionalProperties"];
          if (extra.is_boolean()) {
            if (!extra.get<bool>()) errors.push_back(sub + ": not allowed");
          } else {
            check(extra, item, sub, errors);
          }
        }
      }
    }
    if (v.is_array() && s.contains("items"))
      for (std::size_t i = 0; i < v.size(); ++i) check(s["items"], v[i], path + "[" + std::to_string(i) + "]", errors);
  }

  nlohmann::json root_;
};

}  // namespace mcm::testing
