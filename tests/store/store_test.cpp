// The store under hostile conditions (issue 7): what killed loads leave behind,
// stores behind symbolic links, stores edited by another program.
#include "store/store.hpp"

#include "../support.hpp"
#include "core/error.hpp"
#include "core/output.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <sys/wait.h>
#include <unistd.h>

using namespace regiomap;
using namespace regiomap::test;

namespace {

std::filesystem::path small_manifest_file(const TemporaryFolder& folder) {
    return write_manifest(folder, small_manifest({boundary_layer("split", small("regions_60_40.geojson"))}));
}

// A process id that is certainly not running: a child that has exited and been reaped.
pid_t finished_process() {
    pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

std::size_t files_in(const std::filesystem::path& folder) {
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("a load removes the temporaries of killed loads and keeps those of running ones") {
    TemporaryFolder folder;
    auto manifest = small_manifest_file(folder);
    auto store = folder / "regiomap.sqlite";
    const auto dead = folder / fmt::format(".regiomap.sqlite.tmp-{}", finished_process());
    const auto dead_journal = folder / fmt::format(".regiomap.sqlite.tmp-{}-journal", finished_process());
    const auto running = folder / fmt::format(".regiomap.sqlite.tmp-{}", ::getppid());  // our parent runs
    const auto unrelated = folder / ".other.sqlite.tmp-1";
    for (const auto& file : {dead, dead_journal, running, unrelated}) std::ofstream(file) << "half a store";
    load({manifest, store, false}, silent);
    CHECK_FALSE(std::filesystem::exists(dead));
    CHECK_FALSE(std::filesystem::exists(dead_journal));
    CHECK(std::filesystem::exists(running));
    CHECK(std::filesystem::exists(unrelated));

    // Older than a day: removed even when its process id is in use again.
    std::filesystem::last_write_time(running, std::filesystem::file_time_type::clock::now() - std::chrono::hours(25));
    load({manifest, store, false}, silent);
    CHECK_FALSE(std::filesystem::exists(running));
    CHECK(Store(store).layers().size() == 2);
}

TEST_CASE("a store that is a symbolic link stays a link and its target is replaced") {
    TemporaryFolder folder;
    auto manifest = small_manifest_file(folder);
    std::filesystem::create_directory(folder / "data");
    auto real = folder / "data" / "real.sqlite";
    auto link = folder / "regiomap.sqlite";
    load({manifest, real, false}, silent);
    std::filesystem::create_symlink(real, link);
    load({manifest, link, false}, silent);
    CHECK(std::filesystem::is_symlink(link));
    CHECK(std::filesystem::read_symlink(link) == real);
    CHECK(Store(link).layers().size() == 2);
    CHECK(files_in(folder / "data") == 1);  // the new store, no temporary
    CHECK(files_in(folder.path()) == 3);    // manifest, link, data/
}

TEST_CASE("a store whose folder is a file is refused with the reason") {
    TemporaryFolder folder;
    auto manifest = small_manifest_file(folder);
    std::ofstream(folder / "file") << "x";
    CHECK_THROWS_AS(load({manifest, folder / "file" / "regiomap.sqlite", false}, silent), StoreError);
    CHECK_THROWS_WITH(load({manifest, folder / "file" / "regiomap.sqlite", false}, silent),
                      Catch::Contains("is not a folder"));
}

TEST_CASE("a store with a row naming a missing municipality is reported as inconsistent, not a crash") {
    TemporaryFolder folder;
    auto manifest = small_manifest_file(folder);
    auto store = folder / "regiomap.sqlite";
    load({manifest, store, false}, silent);
    {
        Database database(store, Database::Mode::create);
        database.execute("DELETE FROM municipalities WHERE code = 'GM9002'");
    }
    try {
        Store opened(store);
        FAIL("opened an inconsistent store");
    } catch (const StoreError& error) {
        CHECK_THAT(error.what(), Catch::Contains("store is inconsistent") && Catch::Contains("run 'regiomap load' again"));
        CHECK(error.exit_code() == ExitCode::store_error);
    }
}

TEST_CASE("a store missing a membership is reported as inconsistent") {
    TemporaryFolder folder;
    auto manifest = small_manifest_file(folder);
    auto store = folder / "regiomap.sqlite";
    load({manifest, store, false}, silent);
    {
        Database database(store, Database::Mode::create);
        database.execute("DELETE FROM memberships WHERE layer_id = 'split' AND municipality_code = 'GM9003'");
    }
    CHECK_THROWS_WITH(Store(store), Catch::Contains("municipality GM9003 has no region in layer split"));
}
