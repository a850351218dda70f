"""Run calls in threads that really collide, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection, connections

THREAD_TIMEOUT = 60  # seconds; a thread still running after this means a deadlock, and the test says so


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run each call in its own thread and return their results (or the exceptions they raised) in order.

    Every thread connects first and then waits at a barrier, so the calls start
    together rather than one connection's set-up apart. Each thread closes its
    connection when done: an open one would keep the test database from being dropped.
    """
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            connection.ensure_connection()
            barrier.wait(timeout=THREAD_TIMEOUT)
            results[index] = call()
        except Exception as error:  # reported by the test, not lost in the thread
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, call), daemon=True) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=THREAD_TIMEOUT)
    stuck = sum(thread.is_alive() for thread in threads)
    assert not stuck, f"{stuck} of {len(threads)} threads did not finish within {THREAD_TIMEOUT} s"
    return results


def raised(results: list[object]) -> list[BaseException]:
    return [result for result in results if isinstance(result, BaseException)]
