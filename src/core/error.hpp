// The one error hierarchy of regiomap. Library code throws these with the
// context a user needs to find the problem (file, layer, feature or row);
// the command line catches them once in main and maps each kind to its
// documented exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace regiomap {

enum class ExitCode : int {
    ok = 0,
    data_error = 1,      // an input file or table is wrong (the message says which and where)
    usage_error = 2,     // the command line is wrong
    store_error = 3,     // the store is missing, unreadable or not a regiomap store
    not_found = 4,       // a municipality, layer or region asked for does not exist
    internal_error = 5,  // a library call failed in a way regiomap does not expect
    rules_violated = 6,  // applications check: the report is printed; some application breaks a rule
    output_refused = 7,  // an output file cannot or may not be written (the message says which and why)
    infeasible = 8,      // propose: the regions, bounds or fixed groups asked for cannot be met (the message says why)
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    virtual ExitCode exit_code() const { return ExitCode::internal_error; }
};

// Something in an input file: names the file and, where known, the feature or row.
class DataError : public Error {
public:
    DataError(const std::string& file, const std::string& where, const std::string& problem);
    ExitCode exit_code() const override { return ExitCode::data_error; }
    const std::string& file() const { return file_; }

private:
    std::string file_;
};

class StoreError : public Error {
public:
    StoreError(const std::string& store_path, const std::string& problem);
    ExitCode exit_code() const override { return ExitCode::store_error; }
};

class NotFoundError : public Error {
public:
    explicit NotFoundError(const std::string& message) : Error(message) {}
    ExitCode exit_code() const override { return ExitCode::not_found; }
};

class UsageError : public Error {
public:
    explicit UsageError(const std::string& message) : Error(message) {}
    ExitCode exit_code() const override { return ExitCode::usage_error; }
};

// An output file that may not be replaced (the store, an input, a file that is not a
// previous output) or cannot be written (the message gives the system's reason).
class OutputError : public Error {
public:
    OutputError(const std::string& file, const std::string& problem) : Error("cannot write " + file + ": " + problem) {}
    ExitCode exit_code() const override { return ExitCode::output_refused; }
};

// Not a failure of regiomap: the check ran and found violations, which it printed.
class RuleViolationsFound : public Error {
public:
    RuleViolationsFound() : Error("one or more applications break a rule") {}
    ExitCode exit_code() const override { return ExitCode::rules_violated; }
};

// What was asked cannot be met (propose: K and the population bounds); the message
// names the constraint, by how much it fails, and what would be feasible.
class InfeasibleRequest : public Error {
public:
    explicit InfeasibleRequest(const std::string& message) : Error(message) {}
    ExitCode exit_code() const override { return ExitCode::infeasible; }
};

// A geometry library call failed (GEOS, GDAL) where the input had been checked.
class GeometryError : public Error {
public:
    explicit GeometryError(const std::string& message) : Error(message) {}
};

}  // namespace regiomap
