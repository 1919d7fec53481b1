// Finding styles, templates, fonts and the bundled manifest at run time: the
// order of the resource roots and the message when something is nowhere.
#include "core/resources.hpp"

#include "../support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>

using namespace regiomap;
using namespace regiomap::test;

namespace {

// Sets (or unsets) an environment variable for one test and puts back what was there.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char* name, const std::optional<std::string>& value) : name_(name) {
        if (const char* before = std::getenv(name)) before_ = before;
        if (value) {
            ::setenv(name, value->c_str(), 1);
        } else {
            ::unsetenv(name);
        }
    }
    ~ScopedEnvironment() {
        if (before_) {
            ::setenv(name_, before_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    const char* name_;
    std::optional<std::string> before_;
};

// --resources for one test.
class ScopedResourceFolder {
public:
    explicit ScopedResourceFolder(const std::filesystem::path& folder) { set_resource_folder(folder); }
    ~ScopedResourceFolder() { set_resource_folder({}); }
    ScopedResourceFolder(const ScopedResourceFolder&) = delete;
    ScopedResourceFolder& operator=(const ScopedResourceFolder&) = delete;
};

void write(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

const std::filesystem::path kSourceStyles = REGIOMAP_SOURCE_STYLES_DIR;

}  // namespace

TEST_CASE("from the build folder the styles and the manifest come from the source tree") {
    ScopedEnvironment no_environment("REGIOMAP_RESOURCES", std::nullopt);
    CHECK(std::filesystem::equivalent(find_qml("incongruence"), kSourceStyles / "incongruence.qml"));
    CHECK(std::filesystem::equivalent(find_style("regions.json"), kSourceStyles / "regions.json"));
    CHECK(std::filesystem::equivalent(find_bundled_manifest(), kBundledManifest));
    const auto roots = resource_roots();
    REQUIRE(roots.size() == 2);
    CHECK(roots[0].origin == "install prefix");
    CHECK(roots[0].folder.filename() == "regiomap");
    CHECK(roots[1].origin == "source tree");
}

TEST_CASE("the folder of the resources option comes before REGIOMAP_RESOURCES, which comes before the rest, file by file") {
    TemporaryFolder option, environment;
    write(option / "styles" / "incongruence.qml", "<qgis>option</qgis>");
    write(environment / "styles" / "incongruence.qml", "<qgis>environment</qgis>");
    write(environment / "templates" / "report.html", "<html/>");
    ScopedEnvironment variable("REGIOMAP_RESOURCES", environment.path().string());
    CHECK(find_qml("incongruence") == environment / "styles" / "incongruence.qml");
    {
        ScopedResourceFolder chosen(option.path());
        CHECK(find_qml("incongruence") == option / "styles" / "incongruence.qml");
        CHECK(read_resource_text(find_qml("incongruence.qml")) == "<qgis>option</qgis>");
        // what the chosen folder lacks comes from the next root that has it
        CHECK(find_template("report.html") == environment / "templates" / "report.html");
        CHECK(std::filesystem::equivalent(find_style("incongruence"), kSourceStyles / "incongruence.json"));
        CHECK(resource_roots().front().origin == "--resources");
    }
    CHECK(resource_roots().front().origin == "REGIOMAP_RESOURCES");
}

TEST_CASE("a resource found nowhere names every place looked in") {
    TemporaryFolder environment;
    ScopedEnvironment variable("REGIOMAP_RESOURCES", environment.path().string());
    try {
        find_template("no-such-template.html");
        FAIL("found a template that is not there");
    } catch (const ResourceError& error) {
        const std::string message = error.what();
        CHECK_THAT(message, Catch::StartsWith("template 'no-such-template.html' not found; looked in:\n  "));
        CHECK_THAT(message, Catch::Contains((environment / "templates" / "no-such-template.html").string() +
                                            " (REGIOMAP_RESOURCES)"));
        CHECK_THAT(message, Catch::Contains("share/regiomap/templates/no-such-template.html (install prefix)"));
        CHECK_THAT(message, Catch::Contains("/templates/no-such-template.html (source tree)"));
        CHECK_THAT(message, Catch::Contains("--resources DIR"));
        CHECK(error.exit_code() == ExitCode::data_error);
    }
    CHECK_THROWS_WITH(set_resource_folder(environment / "absent"), Catch::Contains("not a folder"));
    CHECK_THROWS_AS(set_resource_folder(environment / "absent"), UsageError);
}

TEST_CASE("fonts: REGIOMAP_FONT_DIR first, then fonts/ in the resource roots, only where all the faces are") {
    TemporaryFolder own, resources;
    write(own / "A.ttf", "a");  // B.ttf is missing: this folder does not count
    write(resources / "fonts" / "A.ttf", "a");
    write(resources / "fonts" / "B.ttf", "b");
    ScopedEnvironment font_dir("REGIOMAP_FONT_DIR", own.path().string());
    ScopedEnvironment variable("REGIOMAP_RESOURCES", resources.path().string());
    CHECK(find_font_folder({"A.ttf", "B.ttf"}) == resources / "fonts");
    CHECK(find_font_folder({"A.ttf"}) == own.path());
    CHECK_THROWS_WITH(find_font_folder({"A.ttf", "C.ttf"}),
                      Catch::StartsWith("fonts A.ttf, C.ttf not found together in one folder; looked in:\n  " +
                                        own.path().string() + " (REGIOMAP_FONT_DIR)") &&
                          Catch::Contains("/usr/share/fonts/truetype/noto (Debian fonts-noto-core)"));
}
