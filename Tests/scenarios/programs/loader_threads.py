"""A data loader's shape without PyTorch: forks argv[1] worker processes
(multiprocessing, fork start method), each of which starts argv[2]
threads once all are forked and holds them for 3 s, as a DataLoader's
workers do when the dataset's libraries start their own pools. A refused
thread ends its worker with CPython's traceback ("RuntimeError: can't
start new thread") on stderr and status 3; the main process prints
"loaded WxT" when every worker started all of its threads, else
"worker N failed" and exits 1."""
import multiprocessing
import os
import sys
import threading
import time
import traceback


def worker(threads, go):
    go.wait(60)
    try:
        for _ in range(threads):
            threading.Thread(target=time.sleep, args=(3,), daemon=True).start()
    except RuntimeError:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(3)
    time.sleep(3)
    os._exit(0)


if __name__ == "__main__":
    workers, threads = int(sys.argv[1]), int(sys.argv[2])
    ctx = multiprocessing.get_context("fork")
    go = ctx.Event()
    procs = [ctx.Process(target=worker, args=(threads, go)) for _ in range(workers)]
    for p in procs:
        p.start()
    # Every worker is forked before any starts a thread: the limit then
    # refuses a thread, not a fork.
    go.set()
    for p in procs:
        p.join(30)
    failed = [i for i, p in enumerate(procs) if p.exitcode != 0]
    if failed:
        print(f"worker {failed[0]} failed", flush=True)
        sys.exit(1)
    print(f"loaded {workers}x{threads}", flush=True)
