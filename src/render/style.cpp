#include "render/style.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

namespace regiomap::render {

using nlohmann::json;

// What an expression yields: nothing, a number, a text or a colour.
using StyleResult = std::variant<std::monostate, double, std::string, Colour>;

class Expression {
public:
    virtual ~Expression() = default;
    virtual StyleResult evaluate(const FeatureProperties& feature) const = 0;
    virtual std::vector<StyleValue::LegendEntry> legend() const { return {}; }
};

namespace {

enum class Yields { colour, number, text, value };

const char* describe(Yields yields) {
    switch (yields) {
        case Yields::colour: return "a colour";
        case Yields::number: return "a number";
        case Yields::text: return "a text";
        case Yields::value: return "a number or a text";
    }
    return "";
}

class StyleProblem {
public:
    StyleProblem(std::string file) : file_(std::move(file)) {}
    [[noreturn]] void fail(const std::string& path, const std::string& problem) const {
        throw DataError(file_, path, problem);
    }

private:
    std::string file_;
};

class Literal : public Expression {
public:
    explicit Literal(StyleResult value) : value_(std::move(value)) {}
    StyleResult evaluate(const FeatureProperties&) const override { return value_; }
    const StyleResult& value() const { return value_; }

private:
    StyleResult value_;
};

class Get : public Expression {
public:
    explicit Get(std::string name) : name_(std::move(name)) {}
    StyleResult evaluate(const FeatureProperties& feature) const override {
        auto found = feature.find(name_);
        if (found == feature.end()) return std::monostate{};
        return std::visit([](const auto& value) -> StyleResult { return value; }, found->second);
    }

private:
    std::string name_;
};

using ExpressionPointer = std::shared_ptr<const Expression>;

std::optional<Colour> literal_colour(const ExpressionPointer& expression) {
    if (auto* literal = dynamic_cast<const Literal*>(expression.get())) {
        if (auto* colour = std::get_if<Colour>(&literal->value())) return *colour;
    }
    return std::nullopt;
}

class Match : public Expression {
public:
    struct Branch {
        std::vector<PropertyValue> labels;
        ExpressionPointer output;
    };
    Match(ExpressionPointer input, std::vector<Branch> branches, ExpressionPointer fallback)
        : input_(std::move(input)), branches_(std::move(branches)), fallback_(std::move(fallback)) {}
    StyleResult evaluate(const FeatureProperties& feature) const override {
        StyleResult input = input_->evaluate(feature);
        for (const auto& branch : branches_) {
            for (const auto& label : branch.labels) {
                const bool same = std::visit(
                    [&](const auto& wanted) {
                        using T = std::decay_t<decltype(wanted)>;
                        if constexpr (std::is_same_v<T, std::monostate>) {
                            return false;
                        } else {
                            auto* held = std::get_if<T>(&input);
                            return held && *held == wanted;
                        }
                    },
                    label);
                if (same) return branch.output->evaluate(feature);
            }
        }
        return fallback_->evaluate(feature);
    }
    std::vector<StyleValue::LegendEntry> legend() const override {
        std::vector<StyleValue::LegendEntry> entries;
        for (const auto& branch : branches_) {
            auto colour = literal_colour(branch.output);
            if (!colour) return {};
            std::vector<std::string> names;
            for (const auto& label : branch.labels) {
                if (auto* text = std::get_if<std::string>(&label)) names.push_back(*text);
                if (auto* number = std::get_if<double>(&label)) names.push_back(fmt::format("{:g}", *number));
            }
            entries.push_back({fmt::format("{}", fmt::join(names, ", ")), *colour, std::nullopt, std::nullopt});
        }
        if (auto colour = literal_colour(fallback_)) entries.push_back({"", *colour, std::nullopt, std::nullopt});
        return entries;
    }

private:
    ExpressionPointer input_;
    std::vector<Branch> branches_;
    ExpressionPointer fallback_;
};

struct Stop {
    double at = 0;
    ExpressionPointer output;
};

std::optional<double> as_number(const StyleResult& value) {
    if (auto* number = std::get_if<double>(&value)) return *number;
    return std::nullopt;
}

class Step : public Expression {
public:
    Step(ExpressionPointer input, ExpressionPointer below, std::vector<Stop> stops)
        : input_(std::move(input)), below_(std::move(below)), stops_(std::move(stops)) {}
    StyleResult evaluate(const FeatureProperties& feature) const override {
        auto input = as_number(input_->evaluate(feature));
        if (!input) return std::monostate{};  // no value: the layer's default, never the lowest class
        const Expression* chosen = below_.get();
        for (const auto& stop : stops_) {
            if (*input >= stop.at) chosen = stop.output.get();
        }
        return chosen->evaluate(feature);
    }
    std::vector<StyleValue::LegendEntry> legend() const override {
        std::vector<StyleValue::LegendEntry> entries;
        auto colour = literal_colour(below_);
        if (!colour) return {};
        entries.push_back({fmt::format("< {:g}", stops_.front().at), *colour, std::nullopt, stops_.front().at});
        for (std::size_t i = 0; i < stops_.size(); ++i) {
            colour = literal_colour(stops_[i].output);
            if (!colour) return {};
            const bool last = i + 1 == stops_.size();
            entries.push_back({last ? fmt::format(">= {:g}", stops_[i].at)
                                    : fmt::format("{:g} - < {:g}", stops_[i].at, stops_[i + 1].at),
                               *colour, stops_[i].at, last ? std::nullopt : std::optional<double>(stops_[i + 1].at)});
        }
        return entries;
    }

private:
    ExpressionPointer input_;
    ExpressionPointer below_;
    std::vector<Stop> stops_;
};

class Interpolate : public Expression {
public:
    Interpolate(ExpressionPointer input, std::vector<Stop> stops) : input_(std::move(input)), stops_(std::move(stops)) {}
    StyleResult evaluate(const FeatureProperties& feature) const override {
        auto input = as_number(input_->evaluate(feature));
        if (!input) return std::monostate{};
        if (*input <= stops_.front().at) return stops_.front().output->evaluate(feature);
        if (*input >= stops_.back().at) return stops_.back().output->evaluate(feature);
        std::size_t upper = 1;
        while (stops_[upper].at < *input) ++upper;
        const Stop& low = stops_[upper - 1];
        const Stop& high = stops_[upper];
        const double t = (*input - low.at) / (high.at - low.at);
        StyleResult a = low.output->evaluate(feature), b = high.output->evaluate(feature);
        if (auto *x = std::get_if<double>(&a), *y = std::get_if<double>(&b); x && y) return *x + t * (*y - *x);
        if (auto *x = std::get_if<Colour>(&a), *y = std::get_if<Colour>(&b); x && y) {
            return Colour{x->red + t * (y->red - x->red), x->green + t * (y->green - x->green),
                          x->blue + t * (y->blue - x->blue), x->alpha + t * (y->alpha - x->alpha)};
        }
        return std::monostate{};
    }

private:
    ExpressionPointer input_;
    std::vector<Stop> stops_;
};

class Compiler {
public:
    explicit Compiler(const StyleProblem& problem) : problem_(problem) {}

    ExpressionPointer compile(const json& value, Yields yields, const std::string& path) const {
        if (value.is_array()) return compile_operator(value, yields, path);
        return compile_literal(value, yields, path);
    }

private:
    ExpressionPointer compile_literal(const json& value, Yields yields, const std::string& path) const {
        switch (yields) {
            case Yields::colour: {
                if (!value.is_string()) problem_.fail(path, "expected a colour such as \"#1b9e77\", not " + value.dump());
                auto parsed = parse_colour(value.get<std::string>());
                if (!parsed.colour) problem_.fail(path, parsed.problem);
                return std::make_shared<Literal>(*parsed.colour);
            }
            case Yields::number:
                if (!value.is_number() || !std::isfinite(value.get<double>())) {
                    problem_.fail(path, "expected a number, not " + value.dump());
                }
                return std::make_shared<Literal>(value.get<double>());
            case Yields::text:
                if (!value.is_string()) problem_.fail(path, "expected a text, not " + value.dump());
                return std::make_shared<Literal>(value.get<std::string>());
            case Yields::value:
                if (value.is_number() && std::isfinite(value.get<double>())) return std::make_shared<Literal>(value.get<double>());
                if (value.is_string()) return std::make_shared<Literal>(value.get<std::string>());
                problem_.fail(path, "expected a number or a text, not " + value.dump());
        }
        problem_.fail(path, "unreadable value");
    }

    ExpressionPointer compile_operator(const json& array, Yields yields, const std::string& path) const {
        if (array.empty() || !array[0].is_string()) {
            problem_.fail(path, "an expression is an array that starts with its operator, e.g. [\"get\", \"C\"]");
        }
        const std::string op = array[0].get<std::string>();
        auto at = [&](std::size_t i) { return fmt::format("{}[{}]", path, i); };
        if (op == "get") {
            if (array.size() != 2 || !array[1].is_string()) problem_.fail(path, "[\"get\", name] takes one property name");
            return std::make_shared<Get>(array[1].get<std::string>());
        }
        if (op == "match") {
            // ["match", input, label, output, label, output, ..., fallback]
            if (array.size() < 5 || array.size() % 2 != 1) {
                problem_.fail(path, "[\"match\", input, label, output, ..., fallback] needs labels and outputs in pairs "
                                    "and a fallback");
            }
            auto input = compile(array[1], Yields::value, at(1));
            std::vector<Match::Branch> branches;
            for (std::size_t i = 2; i + 1 < array.size(); i += 2) {
                Match::Branch branch;
                const json& labels = array[i];
                for (const json& label : labels.is_array() ? labels : json::array({labels})) {
                    if (label.is_string()) {
                        branch.labels.emplace_back(label.get<std::string>());
                    } else if (label.is_number()) {
                        branch.labels.emplace_back(label.get<double>());
                    } else {
                        problem_.fail(at(i), "a match label is a text, a number or an array of them");
                    }
                }
                branch.output = compile(array[i + 1], yields, at(i + 1));
                branches.push_back(std::move(branch));
            }
            auto fallback = compile(array.back(), yields, at(array.size() - 1));
            return std::make_shared<Match>(std::move(input), std::move(branches), std::move(fallback));
        }
        if (op == "step") {
            // ["step", input, output0, stop1, output1, ...]
            if (array.size() < 5 || array.size() % 2 != 1) {
                problem_.fail(path, "[\"step\", input, output, stop, output, ...] needs stops and outputs in pairs");
            }
            auto input = compile(array[1], Yields::number, at(1));
            auto below = compile(array[2], yields, at(2));
            return std::make_shared<Step>(std::move(input), std::move(below), stops(array, 3, yields, path));
        }
        if (op == "interpolate") {
            // ["interpolate", ["linear"], input, stop1, output1, ...]
            if (array.size() < 7 || array.size() % 2 != 1) {
                problem_.fail(path, "[\"interpolate\", [\"linear\"], input, stop, output, stop, output, ...] needs at "
                                    "least two stops");
            }
            if (array[1] != json::array({"linear"})) {
                problem_.fail(at(1), "only [\"linear\"] interpolation is supported, not " + array[1].dump());
            }
            if (yields != Yields::colour && yields != Yields::number) {
                problem_.fail(path, "interpolate yields numbers or colours, and this property takes " +
                                        std::string(describe(yields)));
            }
            auto input = compile(array[2], Yields::number, at(2));
            return std::make_shared<Interpolate>(std::move(input), stops(array, 3, yields, path));
        }
        problem_.fail(at(0), fmt::format("unknown operator '{}' (regiomap styles take get, match, step and interpolate)", op));
    }

    std::vector<Stop> stops(const json& array, std::size_t first, Yields yields, const std::string& path) const {
        std::vector<Stop> stops;
        for (std::size_t i = first; i + 1 < array.size(); i += 2) {
            const std::string where = fmt::format("{}[{}]", path, i);
            if (!array[i].is_number() || !std::isfinite(array[i].get<double>())) {
                problem_.fail(where, "a stop is a number, not " + array[i].dump());
            }
            const double at = array[i].get<double>();
            if (!stops.empty() && !(at > stops.back().at)) {
                problem_.fail(where, fmt::format("stops must rise: {:g} follows {:g}", at, stops.back().at));
            }
            stops.push_back({at, compile(array[i + 1], yields, fmt::format("{}[{}]", path, i + 1))});
        }
        return stops;
    }

    const StyleProblem& problem_;
};

struct PropertyRule {
    const char* name;
    const char* section;  // "paint" or "layout"
    StyleLayerType type;
    Yields yields;
};

const PropertyRule kProperties[] = {
    {"background-color", "paint", StyleLayerType::background, Yields::colour},
    {"fill-color", "paint", StyleLayerType::fill, Yields::colour},
    {"fill-opacity", "paint", StyleLayerType::fill, Yields::number},
    {"fill-outline-color", "paint", StyleLayerType::fill, Yields::colour},
    {"line-color", "paint", StyleLayerType::line, Yields::colour},
    {"line-width", "paint", StyleLayerType::line, Yields::number},
    {"line-opacity", "paint", StyleLayerType::line, Yields::number},
    {"text-field", "layout", StyleLayerType::symbol, Yields::text},
    {"text-size", "layout", StyleLayerType::symbol, Yields::number},
    {"text-color", "paint", StyleLayerType::symbol, Yields::colour},
    {"text-halo-color", "paint", StyleLayerType::symbol, Yields::colour},
    {"text-halo-width", "paint", StyleLayerType::symbol, Yields::number},
    {"circle-radius", "paint", StyleLayerType::circle, Yields::number},
    {"circle-color", "paint", StyleLayerType::circle, Yields::colour},
    {"circle-opacity", "paint", StyleLayerType::circle, Yields::number},
    {"circle-stroke-color", "paint", StyleLayerType::circle, Yields::colour},
    {"circle-stroke-width", "paint", StyleLayerType::circle, Yields::number},
};

std::string known_properties(StyleLayerType type, const std::string& section) {
    std::vector<std::string> names;
    for (const auto& rule : kProperties) {
        if (rule.type == type && section == rule.section) names.emplace_back(rule.name);
    }
    return names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
}

void require_only_keys(const StyleProblem& problem, const json& object, const std::string& path,
                       const std::set<std::string>& allowed) {
    for (const auto& [key, value] : object.items()) {
        if (!allowed.count(key)) {
            problem.fail(path.empty() ? key : path + "." + key,
                         fmt::format("unknown key (known: {})", fmt::join(allowed, ", ")));
        }
    }
}

}  // namespace

StyleValue::StyleValue(std::shared_ptr<const Expression> expression) : expression_(std::move(expression)) {}

Colour StyleValue::colour(const FeatureProperties& feature, const Colour& fallback) const {
    if (!expression_) return fallback;
    StyleResult result = expression_->evaluate(feature);
    if (auto* colour = std::get_if<Colour>(&result)) return *colour;
    if (auto* text = std::get_if<std::string>(&result)) {
        if (auto parsed = parse_colour(*text); parsed.colour) return *parsed.colour;
    }
    return fallback;
}

double StyleValue::number(const FeatureProperties& feature, double fallback) const {
    if (!expression_) return fallback;
    auto result = expression_->evaluate(feature);
    if (auto* number = std::get_if<double>(&result)) return *number;
    return fallback;
}

std::string StyleValue::text(const FeatureProperties& feature, const std::string& fallback) const {
    if (!expression_) return fallback;
    auto result = expression_->evaluate(feature);
    if (auto* text = std::get_if<std::string>(&result)) return *text;
    if (auto* number = std::get_if<double>(&result)) return fmt::format("{:g}", *number);
    return fallback;
}

std::vector<StyleValue::LegendEntry> StyleValue::legend_entries() const {
    return expression_ ? expression_->legend() : std::vector<LegendEntry>{};
}

const StyleValue* StyleLayer::property(const std::string& name) const {
    auto found = properties.find(name);
    return found == properties.end() ? nullptr : &found->second;
}

MapStyle parse_style(const json& style, const std::string& file_name) {
    StyleProblem problem(file_name);
    if (!style.is_object()) problem.fail("", "a style is a JSON object with \"layers\"");
    require_only_keys(problem, style, "", {"version", "name", "metadata", "layers"});
    if (style.contains("version") && style["version"] != 8) {
        problem.fail("version", "MapLibre styles are version 8, not " + style["version"].dump());
    }
    MapStyle result;
    result.file = file_name;
    if (style.contains("name")) {
        if (!style["name"].is_string()) problem.fail("name", "expected a text");
        result.name = style["name"].get<std::string>();
    }
    if (!style.contains("layers") || !style["layers"].is_array() || style["layers"].empty()) {
        problem.fail("layers", "a style needs a non-empty array of layers");
    }
    Compiler compiler(problem);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < style["layers"].size(); ++i) {
        const json& layer = style["layers"][i];
        const std::string path = fmt::format("layers[{}]", i);
        if (!layer.is_object()) problem.fail(path, "a layer is a JSON object");
        require_only_keys(problem, layer, path, {"id", "type", "source", "paint", "layout", "metadata"});
        StyleLayer parsed;
        if (!layer.contains("id") || !layer["id"].is_string()) problem.fail(path + ".id", "every layer needs an id");
        parsed.id = layer["id"].get<std::string>();
        if (!ids.insert(parsed.id).second) problem.fail(path + ".id", "layer id '" + parsed.id + "' is used twice");
        const std::string type = layer.value("type", "");
        static const std::map<std::string, StyleLayerType> types{{"background", StyleLayerType::background},
                                                                 {"fill", StyleLayerType::fill},
                                                                 {"line", StyleLayerType::line},
                                                                 {"symbol", StyleLayerType::symbol},
                                                                 {"circle", StyleLayerType::circle}};
        auto found_type = types.find(type);
        if (found_type == types.end()) {
            problem.fail(path + ".type", "type must be background, fill, line, symbol or circle, not '" + type + "'");
        }
        parsed.type = found_type->second;
        if (parsed.type != StyleLayerType::background) {
            if (!layer.contains("source") || !layer["source"].is_string()) {
                problem.fail(path + ".source", "a " + type + " layer names the source it draws");
            }
            parsed.source = layer["source"].get<std::string>();
        }
        for (const std::string section : {"paint", "layout"}) {
            if (!layer.contains(section)) continue;
            if (!layer[section].is_object()) problem.fail(path + "." + section, "expected an object of properties");
            for (const auto& [name, value] : layer[section].items()) {
                const std::string property_path = fmt::format("{}.{}.{}", path, section, name);
                const PropertyRule* rule = nullptr;
                for (const auto& candidate : kProperties) {
                    if (name == candidate.name && candidate.type == parsed.type && section == candidate.section) rule = &candidate;
                }
                if (!rule) {
                    problem.fail(property_path, fmt::format("unknown {} property for a {} layer (known: {})", section, type,
                                                            known_properties(parsed.type, section)));
                }
                parsed.properties.emplace(name, StyleValue(compiler.compile(value, rule->yields, property_path)));
            }
        }
        result.layers.push_back(std::move(parsed));
    }
    return result;
}

MapStyle read_style(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw DataError(file.string(), "", "cannot open the style file");
    json style;
    try {
        style = json::parse(in);
    } catch (const json::exception& error) {
        throw DataError(file.string(), "", std::string("not valid JSON: ") + error.what());
    }
    return parse_style(style, file.string());
}

}  // namespace regiomap::render
