"""The benchmark's databases and synthetic data: create, migrate, generate or reuse (marker)."""

import json
import os
import re
import subprocess
import time
from urllib.parse import urlparse, urlunparse

import psycopg2

from .common import DEFAULT_URL, PY, ROOT, SIZES, vn

MARKER_TABLE = "bench_marker"


def base_url():
    """The full-size database URL; refuses anything but PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "").strip() or DEFAULT_URL
    scheme = urlparse(url).scheme
    if scheme not in ("postgres", "postgresql", "pgsql", "postgis"):
        raise SystemExit(
            f"make bench needs PostgreSQL: DATABASE_URL is “{url}”.\n"
            "Unset DATABASE_URL to use the dedicated database cds_kpi_bench on 127.0.0.1, or point it at "
            "PostgreSQL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/cds_kpi_bench make bench"
        )
    return url


def size_url(size):
    """full: the base database; tenth: `<name>_tenth` on the same server."""
    url = base_url()
    if size == "full":
        return url
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"{parts.path.rstrip('/')}_{size}"))


def _connect(url, dbname=None):
    p = urlparse(url)
    return psycopg2.connect(
        host=p.hostname or "127.0.0.1", port=p.port or 5432, user=p.username or "postgres",
        password=p.password, dbname=dbname or p.path.lstrip("/"),
    )


def ensure_database(url):
    """Create the database when missing (connecting to the server's `postgres` database)."""
    name = urlparse(url).path.lstrip("/")
    conn = _connect(url, "postgres")
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{name}"')
                print(f"  created database {name}")
    finally:
        conn.close()


def django_env(url, **extra):
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-key-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    })
    env.pop("REDIS_URL", None)  # reports run in-process (eager) here: the worker is not what we measure
    env["FIGURE_CACHE_SECONDS"] = "600"  # one process per measurement: its memory is a shared cache
    env.update(extra)
    return env


def migrate(url):
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=django_env(url), check=True)


def _wanted(size):
    return {**SIZES[size], "version": _generator_version()}


def _generator_version():
    text = (ROOT / "bench" / "synthetic" / "catalog.py").read_text(encoding="utf-8")
    m = re.search(r"^GENERATOR_VERSION = (\d+)", text, re.M)
    return int(m.group(1)) if m else 0


def read_marker(url):
    conn = _connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (key text PRIMARY KEY, params text NOT NULL, "
                        "generated_at timestamptz NOT NULL DEFAULT now(), seconds double precision, n_values bigint)")
            conn.commit()
            cur.execute(f"SELECT params, generated_at, seconds, n_values FROM {MARKER_TABLE} WHERE key = 'synthetic'")
            row = cur.fetchone()
            if row is None:
                return None
            cur.execute("SELECT count(*) FROM indicators_datavalue v JOIN units_reportingunit u ON u.id = v.unit_id "
                        "WHERE u.code = 'SYN' OR u.code LIKE 'SYN.%%'")
            n_values = cur.fetchone()[0]
            return {"params": json.loads(row[0]), "generated_at": row[1], "seconds": row[2], "n_values": row[3],
                    "n_values_now": n_values}
    finally:
        conn.close()


def write_marker(url, params, seconds, n_values):
    conn = _connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(f"DELETE FROM {MARKER_TABLE} WHERE key = 'synthetic'")
            cur.execute(f"INSERT INTO {MARKER_TABLE} (key, params, seconds, n_values) VALUES ('synthetic', %s, %s, %s)",
                        [json.dumps(params, sort_keys=True), seconds, n_values])
        conn.commit()
    finally:
        conn.close()


def ensure_data(size):
    """Database ready with the synthetic province of `size`. Returns {"url", "generated", "seconds", ...}."""
    url = size_url(size)
    ensure_database(url)
    migrate(url)
    wanted = _wanted(size)
    marker = read_marker(url)
    regenerate = os.environ.get("BENCH_REGENERATE", "").lower() in ("1", "true", "yes")
    if (marker and not regenerate and marker["params"] == wanted and marker["n_values"] == marker["n_values_now"]
            and marker["n_values"]):
        print(f"  {size}: reusing synthetic data generated {marker['generated_at']:%d/%m/%Y %H:%M} "
              f"({vn(marker['n_values'])} values, generated in {marker['seconds']:.1f} s)")
        return {"url": url, "generated": False, "seconds": marker["seconds"], "n_values": marker["n_values"]}
    p = SIZES[size]
    cmd = [PY, "-m", "bench.make_synthetic", "--units", str(p["units"]), "--indicators", str(p["indicators"]),
           "--quarters", str(p["quarters"]), "--seed", str(p["seed"]), "--flush"]
    print(f"  {size}: generating ({' '.join(cmd[2:])}) …", flush=True)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=django_env(url), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"bench.make_synthetic failed:\n{done.stdout}\n{done.stderr}")
    m = re.search(r"trong ([\d.]+) giây \(kỳ", done.stdout)
    seconds = float(m.group(1)) if m else wall
    n_values = int(re.search(r"^\s+values\s+(\d+)", done.stdout, re.M).group(1))
    steps = re.search(r"^Thời gian từng bước.*$", done.stdout, re.M)
    print(f"  {size}: generated {vn(n_values)} values in {seconds:.1f} s (wall {wall:.1f} s incl. flush and "
          f"startup){'; ' + steps.group(0) if steps else ''}")
    write_marker(url, wanted, seconds, n_values)
    return {"url": url, "generated": True, "seconds": seconds, "wall": wall, "n_values": n_values}
