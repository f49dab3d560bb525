"""A Dask LocalCluster for tests/test_dask.py, in a process of its own, so the test process runs no Dask threads.

Run as a script: starts two single-threaded worker processes on 127.0.0.1, prints one JSON line
with the scheduler's address, then answers one command per line on standard input with one
JSON line: `pids` (each worker's process id), `processing` (the tasks each worker is running),
`sent` (how many times each make-report task was sent to a worker, from the scheduler's
transition log) and `wait` (until two workers are up again). It stops at the end of its input.
"""

from __future__ import annotations

import json
import os
import sys


def _sent(dask_scheduler) -> dict[str, int]:
    """On the scheduler: how many times each make-report task went to a worker."""
    counts: dict[str, int] = {}
    for entry in dask_scheduler.transition_log:
        key, finish = str(entry[0]), entry[2]
        if key.startswith("make-report-") and finish == "processing":
            counts[key] = counts.get(key, 0) + 1
    return counts


def main() -> None:
    """Start the cluster, say where it is, answer commands until the input ends."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        print(json.dumps({"address": cluster.scheduler_address}), flush=True)
        for line in sys.stdin:
            command = line.strip()
            if command == "pids":
                answer = client.run(os.getpid)
            elif command == "processing":
                answer = {worker: [str(key) for key in keys] for worker, keys in client.processing().items()}
            elif command == "sent":
                answer = client.run_on_scheduler(_sent)
            elif command == "wait":
                client.wait_for_workers(2, timeout=120)
                answer = True
            else:
                answer = {"error": f"unknown command {command!r}"}
            print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
