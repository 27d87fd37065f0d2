// C++ at -O2: a virtual call, a lambda through std::function and a frame
// with a landing pad (try/catch) between main and fork.
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

struct Launcher {
	virtual ~Launcher() = default;
	virtual int launch(int depth) = 0;
};

struct Forker : Launcher {
	__attribute__((noinline)) int launch(int depth) override
	{
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid > 0)
			waitpid(pid, nullptr, 0);
		if (pid < 0 && depth > 100)
			throw std::runtime_error("never");
		return pid < 0 ? depth : 0;
	}
};

__attribute__((noinline)) static int guarded(Launcher &l, int depth)
{
	try {
		return l.launch(depth + 1) + 1;
	} catch (const std::exception &e) {
		std::puts(e.what());
		return -1;
	}
}

int main()
{
	Forker f;
	Launcher *l = &f;
	std::function<int(int)> run = [l](int d) { return guarded(*l, d) * 2; };
	std::printf("cxx %d\n", run(3));
	return 0;
}
