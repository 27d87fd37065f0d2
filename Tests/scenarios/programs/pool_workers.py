"""A multiprocessing Pool of N workers (argv[1]) with the fork start
method, as a data job starts one: prints "started N" when every worker
answered, else lets the fork's error end it with Python's traceback."""
import multiprocessing
import sys


def square(x):
    return x * x


if __name__ == "__main__":
    workers = int(sys.argv[1])
    with multiprocessing.get_context("fork").Pool(processes=workers) as pool:
        assert pool.map(square, range(workers)) == [x * x for x in range(workers)]
    print(f"started {workers}", flush=True)
