// Reading of attribute tables (CSV, and any other tabular format OGR reads,
// such as GeoPackage or XLSX) through GDAL, so quoting, encodings and
// formats are handled by one well-kept reader.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace regiomap {

class Table {
public:
    struct Row {
        std::size_t number = 0;  // 1 = the first data row; for CSV the file line is number + 1
        std::vector<std::string> values;
        std::vector<unsigned char> geometry;  // WKB, for formats with geometry (GeoJSON, GeoPackage); else empty
        std::string geometry_crs;             // "EPSG:xxxx" as declared, or empty
    };

    // Throws DataError when the file is missing, empty, unreadable, has no rows,
    // or holds text that is not UTF-8 (naming row and column).
    static Table read(const std::filesystem::path& file);

    // Index of a column; throws DataError naming the file, the column and the columns there are.
    std::size_t column(const std::string& name) const;
    bool has_column(const std::string& name) const;
    // The column written as any of `names` (English and Dutch headers, e.g. {"name", "naam"}),
    // matched without regard to case, accents, spaces or underscores; nullopt when none is.
    // Throws DataError when two columns of the file mean the same.
    std::optional<std::size_t> column_named(const std::vector<std::string_view>& names) const;

    // "row 3 (line 4)" for CSV, "row 3" otherwise: the place to name in a message.
    std::string where(const Row& row) const;

    const std::string& path() const { return path_; }
    const std::vector<std::string>& columns() const { return columns_; }
    const std::vector<Row>& rows() const { return rows_; }

private:
    std::string path_;
    bool is_csv_ = false;
    std::vector<std::string> columns_;
    std::vector<Row> rows_;
};

// True when `text` is well-formed UTF-8 (no stray Latin-1 bytes, no overlong or
// surrogate forms). Every text regiomap reads must be: it goes into the store and
// into JSON, which takes nothing else.
bool is_utf8(std::string_view text);

// Checks that a file exists and is not empty; throws DataError otherwise.
void require_readable_file(const std::filesystem::path& file);

}  // namespace regiomap
