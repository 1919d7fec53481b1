// Where regiomap finds, at run time, what it ships beside its code: map styles
// (styles/*.json), QGIS styles (styles/*.qml), report templates (templates/),
// fonts, the bundled data (geodata/manifest.json) and the workbench page (web/).
//
// A resource is looked up in these folders ("resource roots"), in this order;
// the first that holds the file wins, so a folder of your own needs to hold only
// what it changes:
//   1. the folder given with `regiomap --resources DIR` (set_resource_folder)
//   2. the folder in the environment variable REGIOMAP_RESOURCES
//   3. the install prefix: <folder of the executable>/../share/regiomap
//   4. the source tree regiomap was built from (for running from the build folder)
// A resource found nowhere is a ResourceError listing every place looked in.
#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace regiomap {

// A needed file that is in none of the resource roots (exit code 1, as bad input:
// the installation or the folder given is incomplete).
class ResourceError : public Error {
public:
    explicit ResourceError(const std::string& message) : Error(message) {}
    ExitCode exit_code() const override { return ExitCode::data_error; }
};

struct ResourceRoot {
    std::filesystem::path folder;
    std::string origin;  // "--resources", "REGIOMAP_RESOURCES", "install prefix", "source tree"
};

// The folder of `--resources DIR` (empty: none). Throws UsageError when it is not a folder.
void set_resource_folder(const std::filesystem::path& folder);

// The resource roots in lookup order, as they are now (the environment is read on each call).
// Roots that do not exist are listed too, so an error can say where it looked.
std::vector<ResourceRoot> resource_roots();

// `relative` (e.g. "styles/regions.json") under the first root that holds it; throws ResourceError
// naming `what` and every candidate path.
std::filesystem::path find_resource(const std::filesystem::path& relative, std::string_view what);

// styles/NAME.json (NAME may carry the extension): a map style.
std::filesystem::path find_style(std::string_view name);
// styles/NAME.qml (NAME may carry the extension): a QGIS layer style.
std::filesystem::path find_qml(std::string_view name);
// templates/NAME: a report template.
std::filesystem::path find_template(std::string_view name);
// geodata/manifest.json: the bundled data's manifest (the default of `regiomap load`).
std::filesystem::path find_bundled_manifest();

// web/: the workbench page of `regiomap serve` (index.html, app.js, style.css), the first root
// holding web/index.html; throws ResourceError listing where it looked.
std::filesystem::path find_web_folder();
// MapLibre GL JS as `npm ci --prefix web` puts it (web/node_modules/maplibre-gl/dist/), the first
// root holding its maplibre-gl.js; throws ResourceError listing where it looked.
std::filesystem::path find_maplibre_folder();

// The first folder holding every one of `font_files`: $REGIOMAP_FONT_DIR, then fonts/ in each
// resource root, then /usr/share/fonts/truetype/noto (Debian's fonts-noto-core); throws
// ResourceError listing the folders looked in.
std::filesystem::path find_font_folder(const std::vector<std::string>& font_files);

// The whole text of a resource file; throws ResourceError when it cannot be read.
std::string read_resource_text(const std::filesystem::path& file);

}  // namespace regiomap
