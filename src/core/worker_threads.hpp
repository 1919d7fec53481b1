// How many threads a parallel step may use: the cores, or REGIOMAP_THREADS when
// set (the benchmark uses REGIOMAP_THREADS=1 to compare with single-threaded tools).
#pragma once

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace regiomap {

inline std::size_t worker_threads(std::size_t tasks) {
    std::size_t cores = std::thread::hardware_concurrency();
    if (const char* limit = std::getenv("REGIOMAP_THREADS")) cores = std::strtoul(limit, nullptr, 10);
    return std::max<std::size_t>(1, std::min(tasks, cores));
}

}  // namespace regiomap
