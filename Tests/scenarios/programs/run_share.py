"""Run by `forkexplain run` (its parent): prints `run PID TASKS`, run's
thread count from /proc while run waits for it, then forks children that
wait on a pipe until a fork is refused (`refused ERRNO after N`), at most
40, and lets them go. Scenarios 137 and 139 add the numbers up."""
import errno
import os

runner = os.getppid()
print("run", runner, len(os.listdir(f"/proc/{runner}/task")), flush=True)
r, w = os.pipe()
children = []
while len(children) < 40:
    try:
        pid = os.fork()
    except OSError as e:
        print("refused", errno.errorcode[e.errno], "after", len(children), flush=True)
        break
    if pid == 0:
        os.close(w)
        os.read(r, 1)
        os._exit(0)
    children.append(pid)
os.close(w)
for pid in children:
    os.waitpid(pid, 0)
