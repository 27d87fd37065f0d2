"""One process of a pooled program: starts up to N threads (argv[1]) that
wait, as a worker's pool does, and says "started N" when all run, or
"refused after K" when Python's Thread.start() raised (pthread_create
refused: "can't start new thread"). It then keeps its threads until its
stdin closes or 120 s pass, so the others and the snapshot see them."""
import sys
import threading

want = int(sys.argv[1])
stop = threading.Event()
started = 0
try:
    for _ in range(want):
        threading.Thread(target=stop.wait, args=(120,), daemon=True).start()
        started += 1
    print(f"started {started}", flush=True)
except RuntimeError as error:
    print(f"refused after {started}: {error}", flush=True)
sys.stdin.read()
stop.set()
