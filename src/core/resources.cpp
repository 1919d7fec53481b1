#include "core/resources.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace regiomap {

namespace {

// Set once by the command line before any command runs.
std::filesystem::path& chosen_folder() {
    static std::filesystem::path folder;
    return folder;
}

// <prefix>/bin/regiomap -> <prefix>/share/regiomap. Empty when the executable cannot be found
// (no /proc): the other roots still apply.
std::filesystem::path install_prefix_root() {
    std::error_code ec;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec || executable.empty()) return {};
    return (executable.parent_path() / ".." / "share" / "regiomap").lexically_normal();
}

std::string with_extension(std::string_view name, std::string_view extension) {
    std::string file(name);
    if (std::filesystem::path(file).extension() != extension) file += extension;
    return file;
}

bool is_file(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

}  // namespace

void set_resource_folder(const std::filesystem::path& folder) {
    if (!folder.empty()) {
        std::error_code ec;
        if (!std::filesystem::is_directory(folder, ec)) {
            throw UsageError("--resources " + folder.string() + ": not a folder");
        }
    }
    chosen_folder() = folder;
}

std::vector<ResourceRoot> resource_roots() {
    std::vector<ResourceRoot> roots;
    if (!chosen_folder().empty()) roots.push_back({chosen_folder(), "--resources"});
    if (const char* environment = std::getenv("REGIOMAP_RESOURCES"); environment && *environment) {
        roots.push_back({environment, "REGIOMAP_RESOURCES"});
    }
    if (auto prefix = install_prefix_root(); !prefix.empty()) roots.push_back({prefix, "install prefix"});
#ifdef REGIOMAP_SOURCE_DIR
    // The last fallback, for running from the build folder: the tree this binary was built from.
    roots.push_back({REGIOMAP_SOURCE_DIR, "source tree"});
#endif
    return roots;
}

std::filesystem::path find_resource(const std::filesystem::path& relative, std::string_view what) {
    std::string looked;
    for (const auto& root : resource_roots()) {
        const auto candidate = root.folder / relative;
        if (is_file(candidate)) return candidate;
        looked += fmt::format("\n  {} ({})", candidate.string(), root.origin);
    }
    throw ResourceError(fmt::format("{} not found; looked in:{}\n(give a folder holding {} with --resources DIR or "
                                    "REGIOMAP_RESOURCES, or install regiomap with 'cmake --install')",
                                    what, looked.empty() ? std::string("\n  (no resource folder known)") : looked,
                                    relative.string()));
}

std::filesystem::path find_style(std::string_view name) {
    return find_resource(std::filesystem::path("styles") / with_extension(name, ".json"),
                         fmt::format("map style '{}'", name));
}

std::filesystem::path find_qml(std::string_view name) {
    return find_resource(std::filesystem::path("styles") / with_extension(name, ".qml"),
                         fmt::format("QGIS style '{}'", name));
}

std::filesystem::path find_template(std::string_view name) {
    return find_resource(std::filesystem::path("templates") / std::string(name), fmt::format("template '{}'", name));
}

std::filesystem::path find_bundled_manifest() {
    return find_resource(std::filesystem::path("geodata") / "manifest.json", "the bundled manifest");
}

std::filesystem::path find_web_folder() {
    return find_resource(std::filesystem::path("web") / "index.html", "web/index.html").parent_path();
}

std::filesystem::path find_maplibre_folder() {
    return find_resource(std::filesystem::path("web") / "node_modules" / "maplibre-gl" / "dist" / "maplibre-gl.js",
                         "web/node_modules/maplibre-gl/dist/maplibre-gl.js (installed by 'npm ci --prefix web')")
        .parent_path();
}

std::filesystem::path find_font_folder(const std::vector<std::string>& font_files) {
    std::vector<std::pair<std::filesystem::path, std::string>> folders;
    if (const char* chosen = std::getenv("REGIOMAP_FONT_DIR"); chosen && *chosen) {
        folders.emplace_back(chosen, "REGIOMAP_FONT_DIR");
    }
    for (const auto& root : resource_roots()) folders.emplace_back(root.folder / "fonts", root.origin);
    folders.emplace_back("/usr/share/fonts/truetype/noto", "Debian fonts-noto-core");
    std::string looked;
    for (const auto& [folder, origin] : folders) {
        bool complete = true;
        for (const auto& file : font_files) complete = complete && is_file(folder / file);
        if (complete) return folder;
        looked += fmt::format("\n  {} ({})", folder.string(), origin);
    }
    std::string files;
    for (const auto& file : font_files) files += (files.empty() ? "" : ", ") + file;
    throw ResourceError(fmt::format("fonts {} not found together in one folder; looked in:{}\n(install Debian's "
                                    "fonts-noto-core, or set REGIOMAP_FONT_DIR to a folder holding them)",
                                    files, looked));
}

std::string read_resource_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ResourceError("cannot read " + file.string());
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw ResourceError("cannot read " + file.string());
    return text;
}

}  // namespace regiomap
