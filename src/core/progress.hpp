// Progress lines for stderr during long work (a load of a large layer): the
// caller reports every step, and at most one line each interval gets through,
// so a small load stays silent and a large one says how far it is.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace regiomap {

// Receives finished lines (without newline); results never go through it.
using ProgressSink = std::function<void(const std::string&)>;

class ThrottledProgress {
public:
    explicit ThrottledProgress(const ProgressSink& sink,
                               std::chrono::milliseconds interval = std::chrono::milliseconds(500))
        : sink_(sink), interval_(interval), last_(std::chrono::steady_clock::now()) {}

    // Safe to call from several threads; `line` is built only when it is shown.
    template <typename MakeLine>
    void step(MakeLine&& line) {
        if (!sink_) return;
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard<std::mutex> lock(mutex_);
        if (now - last_ < interval_) return;
        last_ = now;
        sink_(line());
    }

private:
    const ProgressSink& sink_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_;
    std::mutex mutex_;
};

}  // namespace regiomap
