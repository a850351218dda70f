"""manage.py bench_site (make bench): throughput and latency of the pages that carry the load.

It builds a fresh database in a temporary folder (or a scratch PostgreSQL
database with --postgres), seeds it, starts gunicorn with 2 workers on
127.0.0.1 in production settings, and drives it with wrk:

- a bare page (a small template, no database): the ceiling;
- a section page, as an anonymous reader;
- the question page of a 40-question quiz, as many signed-in students;
- submitting 40 answers, each request a different student's attempt; its
  throughput is read off the server's clock (attempts graded per second
  between the 5th and 95th percentile gradings: the steady part of the run),
  since wrk divides by its whole duration even after the last attempt is in.

It prints requests per second, p50 and p99 latency, each page's throughput as
a share of the bare ceiling, and the queries each request makes. Everything it
starts is stopped and everything it creates is removed, also on Ctrl-C.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

TARGETS = {"section": 0.8, "questions": 0.3, "submit": 0.1}
CSRF_TOKEN = "b" * 32  # the CSRF secret the benchmark's clients hold (cookie and form field)
BENCH_DATABASE = "historysite_bench"


@dataclass(frozen=True)
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    queries: int | None = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(name: str, output: str) -> Result:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and p50 and p99 and total):
        raise CommandError(f"Could not read wrk's output for {name}:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    error_count = int(errors.group(1)) if errors else 0
    if socket_errors:
        error_count += sum(int(n) for n in socket_errors.groups())
    return Result(name, float(rps.group(1)), _ms(p50.group(1)), _ms(p99.group(1)), int(total.group(1)), error_count)


STEADY = (0.05, 0.95)  # the share of gradings, by time, that the submit rate counts between


def grading_window(times: Sequence[datetime]) -> dict[str, float]:
    """The steady part of the submits: how many gradings came after the one at the 5th percentile,
    up to the one at the 95th, and the seconds between those two. The first ones (workers warming
    up) and the last stragglers are left out of the rate; their latency shows in p99."""
    times = sorted(times)
    if len(times) < 2:
        return {"graded": len(times), "counted": 0, "seconds": 0.0}
    first, last = (round(share * (len(times) - 1)) for share in STEADY)
    return {"graded": len(times), "counted": last - first, "seconds": (times[last] - times[first]).total_seconds()}


def submit_rate(measured: Result, window: dict) -> Result:
    """The submit's throughput by the server's clock: gradings per second in the steady window.
    wrk divides by its whole duration, even when every attempt was in early."""
    if window["counted"] < 1 or window["seconds"] <= 0:
        raise CommandError(f"Too few submits were graded to measure a rate: {window}.")
    return replace(measured, rps=window["counted"] / window["seconds"])


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rotating_get_script(targets: list[tuple[str, str]]) -> str:
    """wrk script: GET each (path, cookie) in turn, round and round."""
    rows = ",\n".join(f"  {{{_lua_string(path)}, {_lua_string(cookie)}}}" for path, cookie in targets)
    return f"""local targets = {{
{rows}
}}
local i = 0
request = function()
  i = i % #targets + 1
  return wrk.format("GET", targets[i][1], {{["Cookie"] = targets[i][2]}})
end
"""


def submit_once_script(targets: list[tuple[str, str]], body: str, threads: int) -> str:
    """wrk script: each thread POSTs its share of (path, cookie) once, then stops."""
    rows = ",\n".join(f"  {{{_lua_string(path)}, {_lua_string(cookie)}}}" for path, cookie in targets)
    return f"""local targets = {{
{rows}
}}
local body = {_lua_string(body)}
local threads = {threads}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  share = {{}}
  for k = id, #targets, threads do table.insert(share, targets[k]) end
  sent, done = 0, 0
end
request = function()
  -- After its share, a thread repeats its last submit (already graded: a quick redirect)
  -- until the answers in flight are back and it stops.
  sent = math.min(sent + 1, #share)
  local target = share[sent]
  return wrk.format("POST", target[1], {{
    ["Cookie"] = target[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }}, body)
end
response = function(status, headers, body)
  done = done + 1
  if done >= #share then wrk.thread:stop() end
end
"""


class Command(BaseCommand):
    help = "Benchmark the section page, the 40-question page and submitting against a bare page (needs wrk)."

    def add_arguments(self, parser):
        parser.add_argument("--step", choices=["seed", "queries", "graded"], help=argparse_hidden())
        parser.add_argument("--workdir", type=Path, help=argparse_hidden())
        parser.add_argument("--questions", type=int, default=40)
        parser.add_argument("--readers", type=int, default=100, help="Students loading their question pages.")
        parser.add_argument("--submits", type=int, default=3000, help="Attempts seeded to be submitted once each.")
        parser.add_argument("--duration", type=int, default=8, help="Seconds per measurement.")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--postgres", action="store_true", help=f"Use a scratch database {BENCH_DATABASE!r}.")
        parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (for inspection).")

    # The two steps that run inside the benchmark's own environment ----------------------------

    def handle(self, *args, **options):
        if options["step"] == "seed":
            return self._seed(options["workdir"], options["questions"], options["readers"], options["submits"])
        if options["step"] == "queries":
            return self._count_queries(options["workdir"])
        if options["step"] == "graded":
            return self._time_grading(options["workdir"])
        return self._run(options)

    def _seed(self, workdir: Path, questions: int, readers: int, submits: int) -> None:
        from django.db import connection
        from django.utils import timezone

        from lessons.models import Section
        from quizzes.benchmark import attempts_in_progress, students_with_sessions, submit_body
        from quizzes.seeding import seed_quiz

        now = timezone.now()
        quiz = seed_quiz(slug="bench-40", questions=questions)
        spare = 5  # for counting queries without disturbing the measured ones
        students = students_with_sessions(readers + submits + spare, prefix="bench", now=now)
        attempts = attempts_in_progress(quiz, [user for user, _ in students], now=now)
        cookie = "sessionid={}; csrftoken=" + CSRF_TOKEN
        pages = [
            (attempt.get_absolute_url(), cookie.format(key))
            for attempt, (_, key) in zip(attempts, students, strict=True)
        ]
        section = Section.objects.select_related("lesson").order_by("number").first()
        plan = {
            "section": section.get_absolute_url(),
            "questions": pages[:readers],
            "submits": pages[readers : readers + submits],
            "submit_ids": [attempt.pk for attempt in attempts[readers : readers + submits]],
            "spare": pages[readers + submits :],
            "body": submit_body(attempts[0], CSRF_TOKEN),
        }
        (workdir / "plan.json").write_text(json.dumps(plan))
        if connection.vendor == "postgresql":
            # Statistics for the planner, as autovacuum gathers after a bulk load: without them
            # PostgreSQL guesses 400 responses per attempt and scans every option (30 ms a paper).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _count_queries(self, workdir: Path) -> None:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        plan = json.loads((workdir / "plan.json").read_text())
        counts = {}

        def count(name: str, method: str, path: str, cookie: str = "", body: str = "") -> None:
            client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie)
            with CaptureQueriesContext(connection) as queries:
                if method == "GET":
                    response = client.get(path)
                else:
                    response = client.generic("POST", path, body, "application/x-www-form-urlencoded")
            assert response.status_code in (200, 302), (name, response.status_code)
            counts[name] = len(queries)

        page, cookie = plan["spare"][0]
        count("bare", "GET", "/bench/bare/")
        count("section", "GET", plan["section"])  # a cache hit, as in the measurement
        count("questions (first view)", "GET", page, cookie)
        count("questions", "GET", page, cookie)  # its questions are now cached, as in the measurement
        count("submit", "POST", plan["spare"][2][0], plan["spare"][2][1], plan["body"])
        (workdir / "queries.json").write_text(json.dumps(counts))

    def _time_grading(self, workdir: Path) -> None:
        """The measured attempts' gradings, by the server's clock (grading_window)."""
        from quizzes.models import Attempt

        plan = json.loads((workdir / "plan.json").read_text())
        times = Attempt.objects.filter(pk__in=plan["submit_ids"], submitted_at__isnull=False).values_list(
            "submitted_at", flat=True
        )
        (workdir / "graded.json").write_text(json.dumps(grading_window(list(times))))

    # The orchestration -------------------------------------------------------------------------

    def _run(self, options) -> None:
        wrk = shutil.which("wrk")
        if wrk is None:
            raise CommandError("wrk is not installed: apt-get install -y wrk (make bench installs it when it can).")
        started = time.monotonic()
        workdir = Path(tempfile.mkdtemp(prefix="historysite-bench-"))
        env = self._environment(workdir, options["postgres"])
        server = None
        try:
            self._prepare(env, workdir, options)
            port = _free_port()
            server = self._start_gunicorn(env, port, workdir)
            base = f"http://127.0.0.1:{port}"
            plan = json.loads((workdir / "plan.json").read_text())
            results = self._measure(wrk, base, plan, workdir, options)
            self._manage(env, "bench_site", "--step", "graded", "--workdir", str(workdir))
            results["submit"] = submit_rate(results["submit"], json.loads((workdir / "graded.json").read_text()))
            self._manage(env, "bench_site", "--step", "queries", "--workdir", str(workdir))
            queries = json.loads((workdir / "queries.json").read_text())
        finally:
            if server is not None:
                self._stop(server)
            if options["postgres"]:
                self._drop_database()
            if not options["keep"]:
                shutil.rmtree(workdir, ignore_errors=True)
        self._report(results, queries, time.monotonic() - started)

    def _environment(self, workdir: Path, postgres: bool) -> dict[str, str]:
        if postgres:
            self._drop_database()
            self._postgres("CREATE DATABASE " + BENCH_DATABASE)
            database = f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}"
        else:
            database = f"sqlite:///{workdir / 'bench.sqlite3'}"
        env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
            "DATABASE_URL": database,
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_BENCHMARK": "1",
            # Plain HTTP on loopback: no redirect to HTTPS, no Secure-only cookies.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        if self._redis_answers():
            env["REDIS_URL"] = "redis://127.0.0.1:6379/14"  # a database of its own, emptied below
        else:
            env.pop("REDIS_URL", None)
        return env

    def _redis_answers(self) -> bool:
        try:
            import redis

            client = redis.Redis.from_url("redis://127.0.0.1:6379/14", socket_connect_timeout=0.5)
            client.flushdb()
            return True
        except Exception:  # no Redis here: each worker keeps its own memory cache instead
            return False

    def _postgres(self, sql: str) -> None:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
            connection.execute(sql)

    def _drop_database(self) -> None:
        self._postgres(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")

    def _manage(self, env: dict[str, str], *args: str) -> None:
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]
        completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            raise CommandError(f"{' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")

    def _prepare(self, env: dict[str, str], workdir: Path, options) -> None:
        self.stdout.write("Preparing a fresh database and static files...")
        self._manage(env, "migrate", "--noinput")
        self._manage(env, "load_essay")
        self._manage(env, "load_questions")
        self._manage(env, "collectstatic", "--noinput")
        self._manage(
            env, "bench_site", "--step", "seed", "--workdir", str(workdir),
            "--questions", str(options["questions"]), "--readers", str(options["readers"]),
            "--submits", str(options["submits"]),
        )  # fmt: skip

    def _start_gunicorn(self, env: dict[str, str], port: int, workdir: Path) -> subprocess.Popen:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
        server = subprocess.Popen(
            [str(gunicorn), "history_site.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
             "--no-control-socket", "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return server
            except OSError:
                time.sleep(0.2)
            if server.poll() is not None:
                break
        self._stop(server)
        raise CommandError(f"gunicorn did not start:\n{(workdir / 'gunicorn.log').read_text()}")

    def _stop(self, server: subprocess.Popen) -> None:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()

    def _wrk(self, wrk: str, name: str, url: str, options, *, script: Path | None = None, seconds=None) -> Result:
        command = [wrk, f"-t{options['threads']}", f"-c{options['connections']}",
                   f"-d{seconds or options['duration']}s", "--latency", "--timeout", "10s"]  # fmt: skip
        if script is not None:
            command += ["-s", str(script)]
        completed = subprocess.run([*command, url], capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            raise CommandError(f"wrk failed for {name}: {completed.stderr}")
        return parse_wrk(name, completed.stdout)

    def _measure(self, wrk: str, base: str, plan: dict, workdir: Path, options) -> dict[str, Result]:
        readers = workdir / "questions.lua"
        readers.write_text(rotating_get_script(plan["questions"]))
        submits = workdir / "submits.lua"
        submits.write_text(submit_once_script(plan["submits"], plan["body"], options["threads"]))
        results = {}
        self.stdout.write("Measuring the bare page (the ceiling; again at the end)...")
        self._wrk(wrk, "warm-up", f"{base}/bench/bare/", options, seconds=2)
        results["bare"] = self._wrk(wrk, "bare", f"{base}/bench/bare/", options)
        self.stdout.write("Measuring the section page...")
        self._wrk(wrk, "warm-up", base + plan["section"], options, seconds=2)
        results["section"] = self._wrk(wrk, "section", base + plan["section"], options)
        self.stdout.write("Measuring the 40-question page...")
        self._wrk(wrk, "warm-up", base, options, script=readers, seconds=4)
        results["questions"] = self._wrk(wrk, "questions", base, options, script=readers)
        self.stdout.write("Measuring submits...")
        results["submit"] = self._wrk(wrk, "submit", base, options, script=submits, seconds=options["duration"] * 2)
        self.stdout.write("Measuring the bare page again...")
        again = self._wrk(wrk, "bare", f"{base}/bench/bare/", options)
        # The ceiling is the better of the two runs (the machine's speed drifts): ratios err low, never high.
        results["bare"] = max(results["bare"], again, key=lambda result: result.rps)
        return results

    def _report(self, results: dict[str, Result], queries: dict[str, int], elapsed: float) -> None:
        ceiling = results["bare"].rps
        labels = {
            "bare": "bare page (ceiling)",
            "section": "section page (anonymous)",
            "questions": "question page, 40 questions",
            "submit": "submit 40 answers",
        }
        self.stdout.write("")
        header = f"{'page':<30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'× bare':>7} {'target':>7}"
        self.stdout.write(f"{header} {'queries':>8} {'errors':>7}")
        for key, result in results.items():
            ratio = result.rps / ceiling if ceiling else 0
            target = TARGETS.get(key)
            verdict = f"≥ {target}" if target else ""
            mark = "" if target is None else (" ✓" if ratio >= target else " ✗")
            self.stdout.write(
                f"{labels[key]:<30} {result.rps:>8.0f} {result.p50_ms:>8.2f} {result.p99_ms:>8.2f} "
                f"{ratio:>7.3f} {verdict:>7}{mark:2} {queries.get(key, '-'):>6} {result.errors:>7}"
            )
        self.stdout.write(
            f"\nQueries for a question page's first view (before its questions are cached): "
            f"{queries.get('questions (first view)', '-')}."
        )
        self.stdout.write(f"gunicorn, 2 workers, {os.cpu_count()} CPUs; finished in {elapsed:.0f} s.")


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS
