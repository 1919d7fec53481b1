// How many threads a parallel step may use: the cores, or REGIOMAP_THREADS when
// set (the benchmark uses REGIOMAP_THREADS=1 to compare with single-threaded tools).
#pragma once

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <thread>
#include <vector>

namespace regiomap {

inline std::size_t worker_threads(std::size_t tasks) {
    std::size_t cores = std::thread::hardware_concurrency();
    if (const char* limit = std::getenv("REGIOMAP_THREADS")) cores = std::strtoul(limit, nullptr, 10);
    return std::max<std::size_t>(1, std::min(tasks, cores));
}

// Runs `work(worker)` for worker = 0 .. workers-1, worker 0 on the calling thread, and
// waits for all. An exception a worker throws is kept; once every worker has finished,
// the first of them (by worker number) is rethrown. A worker that should stop the others
// early on failure does so itself (e.g. by exhausting the shared task counter) and rethrows.
template <typename Work>
void run_workers(std::size_t workers, const Work& work) {
    std::vector<std::exception_ptr> failures(workers);
    auto guarded = [&](std::size_t worker) {
        try {
            work(worker);
        } catch (...) {
            failures[worker] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t worker = 1; worker < workers; ++worker) threads.emplace_back(guarded, worker);
    guarded(0);
    for (auto& thread : threads) thread.join();
    for (const auto& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
}

}  // namespace regiomap
