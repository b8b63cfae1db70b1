"""The load test: `python -m bench.load OUT.json` (DATABASE_URL set by the driver).

N threads (BENCH_LOAD_USERS, 50) save values for BENCH_LOAD_SECONDS (60)
through a real gunicorn serving config.wsgi. Threads go in pairs: the two
threads of a pair sign in as the same entry user (token from
POST /api/v1/auth/token/) and share a small pool of that user's values in
reports still open for entry (draft or returned), so they step on each
other's toes. Each save is a read (GET /api/v1/values/{id}/: the version)
then PATCH /api/v1/values/{id}/ with that version; on 409
the value is re-read (GET) and the write retried — correct behaviour,
counted as conflicts, not errors. Errors are 5xx answers and connection
failures (anything else unexpected is counted apart).

Afterwards, per value: the versions handed to successful writes must be
exactly initial+1 … initial+k (each once), the stored version initial+k, the
stored numerator the one of the last successful write, and k more audit
history records. Any value breaking one of these is a lost update.
"""

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict

import django

from .common import PY, ROOT, env_int, percentile, write_json

POOL = 8  # values per pair of threads: small, so the pair collides now and then


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pick_pools(n_pairs):
    """[(username, [(value id, measure, denominator)])] — values open for entry, POOL per entry user."""
    from bench import synthetic
    from indicators.models import EDITABLE_STATUSES, DataValue, Period, Submission
    from units.models import Membership, Role

    units = synthetic.synthetic_units()
    last = Period.objects.filter(submissions__unit__in=units).order_by("-end").first()
    open_units = set(Submission.objects.filter(unit__in=units, period=last, status__in=EDITABLE_STATUSES)
                     .values_list("unit_id", flat=True))
    entry = {m.unit_id: m.user.username for m in Membership.objects.filter(
        unit__in=units, role=Role.ENTRY, user__username__startswith=synthetic.USER_PREFIX).select_related("user")}
    by_user = defaultdict(list)
    rng = random.Random(3)
    values = (DataValue.objects.filter(unit_id__in=open_units, period=last, period__is_locked=False)
              .select_related("unit", "indicator").order_by("id"))
    for v in values:
        owner = v.unit.parent_id if v.unit.kind == "school" else v.unit_id
        if owner in entry:
            by_user[entry[owner]].append((v.pk, v.indicator.measure, v.denominator))
    pools = []
    for username in sorted(by_user, key=lambda u: (-len(by_user[u]), u)):
        candidates = by_user[username]
        if len(candidates) >= POOL:
            pools.append((username, rng.sample(candidates, POOL)))
        if len(pools) == n_pairs:
            break
    return pools, last


def snapshot(ids):
    from indicators.models import DataValue

    history = DataValue.history.model
    counts = Counter(history.objects.filter(id__in=ids).values_list("id", flat=True))
    return {v.pk: (v.version, v.numerator, v.denominator, counts.get(v.pk, 0))
            for v in DataValue.objects.filter(pk__in=ids)}


class Server:
    """gunicorn config.wsgi on a free local port, with the benchmark's database."""

    def __init__(self):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)
        args = os.environ.get("BENCH_GUNICORN_ARGS", "-w 4 -k gthread --threads 4").split()
        self.cmd = [os.path.join(os.path.dirname(PY), "gunicorn"), "config.wsgi:application",
                    "-b", f"127.0.0.1:{self.port}", *args, "--log-level", "warning", "--timeout", "60"]
        env = dict(os.environ)
        # Several gunicorn processes and no Redis here: no figure cache (each process's own would go stale).
        env.update(DEBUG="false", ALLOWED_HOSTS="127.0.0.1,localhost", FIGURE_CACHE_SECONDS="0",
                   SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-key-not-a-secret",
                   API_USER_RATE="1000000/min")  # the load test measures speed, not the per-user limit
        self.proc = subprocess.Popen(self.cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {open(self.log.name).read()[-2000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/dang-nhap/")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in time")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def errors_logged(self):
        text = open(self.log.name, errors="replace").read()
        return [line for line in text.splitlines() if "Traceback" in line or "ERROR" in line][:10]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.c = Counter()
        self.latencies = []
        self.writes = []  # (value id, version returned, numerator sent)
        self.samples = []  # unexpected answers, a few

    def add(self, **kw):
        with self.lock:
            self.c.update(kw)

    def unexpected(self, text):
        with self.lock:
            self.c["other_4xx"] += 1
            if len(self.samples) < 5:
                self.samples.append(text[:300])


def worker(port, token, pool, stats, stop_at, seed, think):
    """One user's thread until the deadline: open a value (GET: its version), save it (PATCH with that version).

    On 409 (someone saved in between) the value is re-read and the save retried with the figure typed.
    """
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    def request(method, path, body=None):
        nonlocal conn
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            return None, b""

    def read(value_id):
        status, payload = request("GET", f"/api/v1/values/{value_id}/")
        stats.add(reads=1)
        if status == 200:
            return json.loads(payload)["version"]
        if status is None or status >= 500:
            stats.add(errors=1)
        else:
            stats.unexpected(f"GET {status} {payload[:200]!r}")
        return None

    while time.time() < stop_at:
        value_id, measure, den = rng.choice(pool)
        if measure == "percent":
            num = rng.randint(0, int(den))
        elif measure == "count":
            num = rng.randint(0, 500)
        else:
            num = rng.randint(0, 1)
        version = read(value_id)
        while version is not None and time.time() < stop_at:
            if think:
                time.sleep(think)
            body = json.dumps({"numerator": num, "version": version})
            t0 = time.perf_counter()
            status, payload = request("PATCH", f"/api/v1/values/{value_id}/", body)
            latency = time.perf_counter() - t0
            if status == 200:
                data = json.loads(payload)
                with stats.lock:
                    stats.c["ok"] += 1
                    stats.latencies.append(latency)
                    stats.writes.append((value_id, data["version"], num))
                break
            if status == 409:
                stats.add(conflicts=1)
                version = read(value_id)  # re-read, then retry
                continue
            if status is None or status >= 500:
                stats.add(errors=1)
            else:
                stats.unexpected(f"PATCH {status} {payload[:200]!r}")
            break
    conn.close()


def verify(before, writes):
    """Lost updates: values whose final state is not the sum of their successful writes."""
    after = snapshot(list(before))
    per_value = defaultdict(list)
    for value_id, version, num in writes:
        per_value[value_id].append((version, num))
    lost = []
    for value_id, (v0, _, _, h0) in before.items():
        got = sorted(per_value.get(value_id, []))
        v1, num1, _, h1 = after[value_id]
        versions = [v for v, _ in got]
        ok = (versions == list(range(v0 + 1, v0 + 1 + len(got))) and v1 == v0 + len(got) and h1 - h0 == len(got)
              and (not got or num1 == got[-1][1]))
        if not ok:
            lost.append({"value": value_id, "initial_version": v0, "writes": len(got), "final_version": v1,
                         "history_added": h1 - h0, "versions_returned": versions[:10]})
    return lost


def main():
    out_path = sys.argv[1]
    django.setup()
    users = env_int("BENCH_LOAD_USERS", 50)
    seconds = env_int("BENCH_LOAD_SECONDS", 60)
    think = env_int("BENCH_LOAD_THINK_MS", 0) / 1000
    from bench import synthetic

    pools, period = pick_pools((users + 1) // 2)
    if not pools:
        raise SystemExit("no values open for entry in the latest period: regenerate the synthetic data")
    ids = [v for _, pool in pools for v, _, _ in pool]
    before = snapshot(ids)
    server = Server()
    result = {"threads": users, "seconds": seconds, "pairs": len(pools), "values": len(ids), "period": period.code,
              "server": " ".join(server.cmd[1:])}
    try:
        server.wait_ready()
        tokens = {}
        t0 = time.perf_counter()
        for username, _ in pools:  # sequentially: each sign-in costs a full password hash on the server
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            conn.request("POST", "/api/v1/auth/token/", json.dumps({"username": username, "password": synthetic.PASSWORD}),
                         {"Content-Type": "application/json"})
            resp = conn.getresponse()
            body = resp.read()
            if resp.status != 200:
                raise RuntimeError(f"token for {username} → {resp.status}: {body[:200]!r}")
            tokens[username] = json.loads(body)["token"]
            conn.close()
        result["token_seconds"] = round(time.perf_counter() - t0, 2)
        stats = Stats()
        stop_at = time.time() + seconds
        threads = []
        for i in range(users):
            username, pool = pools[(i // 2) % len(pools)]
            threads.append(threading.Thread(target=worker, args=(
                server.port, tokens[username], pool, stats, stop_at, 1000 + i, think), daemon=True))
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=seconds + 120)
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    lost = verify(before, stats.writes)
    lat = stats.latencies or [0.0]
    result.update({
        "elapsed": round(elapsed, 1), "ok": stats.c["ok"], "conflicts": stats.c["conflicts"],
        "reads": stats.c["reads"], "errors": stats.c["errors"], "other_4xx": stats.c["other_4xx"],
        "unexpected": stats.samples, "lost": len(lost), "lost_detail": lost[:5],
        "writes_per_s": round(stats.c["ok"] / elapsed, 1) if elapsed else None,
        "p50": percentile(lat, 50), "p95": percentile(lat, 95), "max": max(lat),
        "server_errors_logged": server.errors_logged(),
    })
    write_json(out_path, result)


if __name__ == "__main__":
    main()
