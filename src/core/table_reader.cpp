#include "core/table_reader.hpp"

#include "core/error.hpp"
#include "core/gdal_errors.hpp"
#include "core/name_matching.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fmt/format.h>

namespace regiomap {

void require_readable_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw DataError(file.string(), "", "file not found");
    if (std::filesystem::is_directory(file, ec)) {
        return;  // some OGR formats (Shapefile folders) are directories
    }
    if (std::filesystem::file_size(file, ec) == 0) throw DataError(file.string(), "", "file is empty");
}

bool is_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        std::uint32_t code = length == 1 ? byte : byte & (0x7Fu >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0u) != 0x80u) return false;
            code = (code << 6) | (next & 0x3Fu);
        }
        static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

Table Table::read(const std::filesystem::path& file) {
    require_readable_file(file);
    GDALAllRegister();
    // CSV gets its header row and every value as text; other formats (GeoJSON, GeoPackage,
    // XLSX) are opened as they are, since they do not take these options.
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool is_csv = extension == ".csv";
    const char* csv_driver[] = {"CSV", nullptr};
    const char* csv_options[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", nullptr};
    QuietGdalErrors quiet;
    CPLErrorReset();
    GDALDatasetUniquePtr dataset(GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                   is_csv ? csv_driver : nullptr, is_csv ? csv_options : nullptr,
                                                   nullptr));
    if (!dataset || dataset->GetLayerCount() == 0) {
        throw DataError(file.string(), "", "not a table GDAL can read" + last_gdal_message());
    }
    Table table;
    table.path_ = file.string();
    table.is_csv_ = std::string(dataset->GetDriver()->GetDescription()) == "CSV";
    OGRLayer* layer = dataset->GetLayer(0);
    OGRFeatureDefn* definition = layer->GetLayerDefn();
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
        table.columns_.emplace_back(definition->GetFieldDefn(i)->GetNameRef());
    }
    std::size_t number = 0;
    for (auto& feature : *layer) {
        Row row;
        row.number = ++number;
        for (int i = 0; i < definition->GetFieldCount(); ++i) {
            row.values.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
            if (!is_utf8(row.values.back())) {
                throw DataError(table.path_, table.where(row) + ", column " + table.columns_[static_cast<std::size_t>(i)],
                                "text is not UTF-8 (Latin-1 or another legacy encoding?); save the file as UTF-8");
            }
        }
        if (const OGRGeometry* shape = feature->GetGeometryRef(); shape && !shape->IsEmpty()) {
            row.geometry.resize(static_cast<std::size_t>(shape->WkbSize()));
            shape->exportToWkb(wkbNDR, row.geometry.data(), wkbVariantIso);
            if (const OGRSpatialReference* crs = layer->GetSpatialRef()) {
                const char* authority = crs->GetAuthorityName(nullptr);
                const char* code = crs->GetAuthorityCode(nullptr);
                if (authority && code) row.geometry_crs = std::string(authority) + ":" + code;
            }
        }
        table.rows_.push_back(std::move(row));
    }
    if (table.rows_.empty()) throw DataError(table.path_, "", "the table has a header but no rows");
    return table;
}

bool Table::has_column(const std::string& name) const {
    return std::find(columns_.begin(), columns_.end(), name) != columns_.end();
}

std::optional<std::size_t> Table::column_named(const std::vector<std::string_view>& names) const {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const std::string header = normalize_name(columns_[i]);
        const bool matches = std::any_of(names.begin(), names.end(),
                                         [&](std::string_view name) { return normalize_name(name) == header; });
        if (!matches) continue;
        if (found) {
            throw DataError(path_, "", fmt::format("columns '{}' and '{}' both mean {}; keep one", columns_[*found],
                                                   columns_[i], names.front()));
        }
        found = i;
    }
    return found;
}

std::size_t Table::column(const std::string& name) const {
    auto found = std::find(columns_.begin(), columns_.end(), name);
    if (found == columns_.end()) {
        throw DataError(path_, "", fmt::format("missing column '{}' (columns present: {})", name,
                                               fmt::join(columns_, ", ")));
    }
    return static_cast<std::size_t>(found - columns_.begin());
}

std::string Table::where(const Row& row) const {
    if (is_csv_) return fmt::format("row {} (line {})", row.number, row.number + 1);
    return fmt::format("row {}", row.number);
}

}  // namespace regiomap
