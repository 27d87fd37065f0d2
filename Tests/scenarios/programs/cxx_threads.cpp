// Starts N std::threads that all wait until the last has started, so that
// they count together against a task limit, the way a C++ program's worker
// pool starts. A refused thread throws std::system_error from the
// std::thread constructor; uncaught, libstdc++ ends the program through
// std::terminate: "terminate called after throwing an instance of
// 'std::system_error'" and "what():  Resource temporarily unavailable".
// With `catch`, it catches the exception and prints its code instead.
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

int main(int argc, char **argv) {
    int count = argc > 1 ? std::atoi(argv[1]) : 2;
    bool caught = argc > 2 && std::strcmp(argv[2], "catch") == 0;
    std::mutex lock;
    std::condition_variable started;
    bool go = false;
    std::vector<std::thread> workers;
    auto work = [&] {
        std::unique_lock<std::mutex> held(lock);
        started.wait(held, [&] { return go; });
    };
    for (int i = 0; i < count; i++) {
        if (caught) {
            try {
                workers.emplace_back(work);
            } catch (const std::system_error &e) {
                std::printf("refused thread %d: code %d: %s\n", i + 1, e.code().value(), e.what());
                break;
            }
        } else {
            workers.emplace_back(work);
        }
    }
    {
        std::lock_guard<std::mutex> held(lock);
        go = true;
    }
    started.notify_all();
    for (auto &w : workers) w.join();
    std::printf("started %zu threads\n", workers.size());
    return workers.size() == (size_t)count ? 0 : 1;
}
