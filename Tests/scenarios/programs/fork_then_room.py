# Forks sleepers until a fork is refused, says so ("refused ERRNO after
# N"), lets its children go, says "room", and waits (at most 240 s, a
# scenario's bound) for the file argv[1] to exist (scenarios 286-288:
# `check` then runs beside it in the room made).
import os
import sys
import time

release = sys.argv[1]


def sleeper():
    pid = os.fork()
    if pid == 0:
        time.sleep(240)
        os._exit(0)
    return pid


children = []
try:
    for _ in range(20):
        children.append(sleeper())
except OSError as e:
    print("refused", e.errno, "after", len(children), flush=True)
for pid in children:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
print("room", flush=True)
for _ in range(4800):
    if os.path.exists(release):
        break
    time.sleep(0.05)
