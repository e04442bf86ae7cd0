"""Peer for the sweep benchmark: per-task overhead of Python's multiprocessing.Pool with one
worker process and trivial tasks (chunksize 1, results in order), printed as JSON."""
import json
import multiprocessing
import sys
import time


def task(x):
    return x * x


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with multiprocessing.Pool(1) as pool:
        pool.map(task, range(10), chunksize=1)  # warm up
        start = time.perf_counter()
        for _ in pool.imap(task, range(n), chunksize=1):
            pass
        seconds = time.perf_counter() - start
    print(json.dumps({"tasks": n, "seconds": seconds}))
