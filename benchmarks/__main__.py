"""``python -m benchmarks`` (``make bench``): every database and size, then the report.

For each database it prepares an empty database (SQLite: a file under
``benchmarks/.data/``; PostgreSQL: ``runstrength_bench``, dropped and created
again, skipped with a message when the server does not answer), runs
``benchmarks.worker`` in a process of its own, then merges the results into
``benchmarks/results/latest.json`` and ``latest.md`` (plus a timestamped copy
that git ignores) and prints the markdown.

Environment (the flags below win): ``BENCH_SIZES`` (default ``10,1000,100000``),
``BENCH_DATABASES`` (``sqlite,postgres``), ``BENCH_REPS`` (30), ``BENCH_WARMUP`` (3), ``BENCH_BUDGET``
(seconds per row and pass, 10), ``BENCH_COLD_START_RUNS`` (3), ``BENCH_POSTGRES_URL``
(``postgres://postgres@127.0.0.1:5432/runstrength_bench``), ``BENCH_CACHE_URL``
(default: Redis database 13 on 127.0.0.1 when it answers, else ``locmem://``),
``BENCH_KEEP_DATABASES=1`` to keep the databases afterwards.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import report

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / ".data"
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/runstrength_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=_env("BENCH_SIZES", "10,1000,100000"), help="article counts, grown in order")
    parser.add_argument(
        "--databases", default=_env("BENCH_DATABASES", "sqlite,postgres"), help="sqlite and/or postgres"
    )
    parser.add_argument("--reps", type=int, default=int(_env("BENCH_REPS", "30")), help="timed requests per figure")
    parser.add_argument(
        "--budget", type=float, default=float(_env("BENCH_BUDGET", "10")), help="seconds per row and pass"
    )
    parser.add_argument("--warmup", type=int, default=int(_env("BENCH_WARMUP", "3")), help="untimed requests first")
    parser.add_argument("--cold-start-runs", type=int, default=int(_env("BENCH_COLD_START_RUNS", "3")))
    parser.add_argument("--cold", action="store_true", help="only the cold pass (cache cleared before each request)")
    parser.add_argument(
        "--warm-cache", action="store_true", help="only the warm pass (the cache kept between requests)"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="write latest.md again from latest.json, measuring nothing"
    )
    parser.add_argument(
        "--keep-databases",
        action="store_true",
        default=_env("BENCH_KEEP_DATABASES", "") == "1",
        help="keep the SQLite file and the PostgreSQL database afterwards",
    )
    return parser.parse_args()


def postgres_admin(url: str):
    """A connection to the server's ``postgres`` database, or the reason there is none."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    try:
        return psycopg.connect(
            dbname="postgres",
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            host=config["HOST"] or None,
            port=config["PORT"] or None,
            autocommit=True,
            connect_timeout=3,
        ), config["NAME"]
    except psycopg.Error as error:
        return None, str(error).strip().splitlines()[0]


def recreate_postgres(url: str) -> str | None:
    """Drop and create the benchmark database; the server's version, or ``None`` when it does not answer."""
    admin, name = postgres_admin(url)
    if admin is None:
        return None
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        return admin.execute("SHOW server_version").fetchone()[0]


def drop_postgres(url: str) -> None:
    admin, name = postgres_admin(url)
    if admin is not None:
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def choose_cache() -> str:
    if os.environ.get("BENCH_CACHE_URL"):
        return os.environ["BENCH_CACHE_URL"]
    try:
        import redis

        redis.Redis.from_url(DEFAULT_REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 (any failure means: no Redis, use the local cache)
        return "locmem://"
    return DEFAULT_REDIS_URL


def run_worker(db_key: str, url: str, cache_url: str, args: argparse.Namespace, passes: str) -> dict:
    out = DATA_DIR / f"{db_key}.json"
    out.unlink(missing_ok=True)
    media = DATA_DIR / f"media-{db_key}"
    shutil.rmtree(media, ignore_errors=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "BENCH_DATABASE_URL": url,
        "BENCH_CACHE_URL": cache_url,
        "BENCH_MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }
    command = [
        sys.executable, "-m", "benchmarks.worker", "--out", str(out), "--sizes", args.sizes, "--passes", passes,
        "--reps", str(args.reps), "--warmup", str(args.warmup), "--budget", str(args.budget), "--cold-start-runs", str(args.cold_start_runs),
        "--prototype-fixes",
    ]  # fmt: skip
    started, load_before = time.perf_counter(), os.getloadavg()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    result = json.loads(out.read_text())
    result["worker_seconds"] = round(time.perf_counter() - started, 1)
    # Other work on the machine slows every figure; the load average says how much there was.
    result["load_average"] = {
        "before": [round(x, 2) for x in load_before],
        "after": [round(x, 2) for x in os.getloadavg()],
    }
    return result


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def versions() -> dict:
    import django
    import wagtail

    return {"python": platform.python_version(), "django": django.get_version(), "wagtail": wagtail.__version__}


def command_line() -> str:
    """How this run was started, with the ``BENCH_*`` variables that changed it."""
    overrides = [f"{k}={shlex.quote(v)}" for k, v in sorted(os.environ.items()) if k.startswith("BENCH_")]
    command = os.environ.get("BENCH_COMMAND") or shlex.join(["python", "-m", "benchmarks", *sys.argv[1:]])
    return " ".join([*(o for o in overrides if not o.startswith("BENCH_COMMAND=")), command])


def write_report(results: dict) -> str:
    report.add_ratios(results)
    results["targets"] = report.check_targets(results)
    text = report.markdown(results, results["targets"])
    (RESULTS_DIR / "latest.md").write_text(text)
    return text


def main() -> None:
    args = parse_args()
    if args.report_only:
        print(write_report(json.loads((RESULTS_DIR / "latest.json").read_text())))
        return
    passes = (
        "cold" if args.cold and not args.warm_cache else "warm" if args.warm_cache and not args.cold else "cold,warm"
    )
    started_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    started = time.perf_counter()
    DATA_DIR.mkdir(exist_ok=True)
    RESULTS_DIR.mkdir(exist_ok=True)
    cache_url = choose_cache()
    postgres_url = _env("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    results: dict = {"databases": {}, "skipped": {}}
    postgres_version = ""

    for db_key in [name.strip() for name in args.databases.split(",") if name.strip()]:
        if db_key == "sqlite":
            path = DATA_DIR / "bench.sqlite3"
            for leftover in DATA_DIR.glob("bench.sqlite3*"):
                leftover.unlink()
            url = f"sqlite:///{path}"
        elif db_key == "postgres":
            postgres_version = recreate_postgres(postgres_url)
            if postgres_version is None:
                reason = f"PostgreSQL did not answer at {postgres_url} ({postgres_admin(postgres_url)[1]})"
                print(f"\n== Skipping PostgreSQL: {reason}", flush=True)
                results["skipped"][db_key] = reason
                continue
            url = postgres_url
        else:
            raise SystemExit(f"unknown database {db_key!r}: use sqlite and/or postgres")
        print(f"\n== {report.DB_NAMES[db_key]}: sizes {args.sizes}, passes {passes}, cache {cache_url}", flush=True)
        try:
            results["databases"][db_key] = run_worker(db_key, url, cache_url, args, passes)
        finally:
            if not args.keep_databases:
                if db_key == "postgres":
                    drop_postgres(postgres_url)
                else:
                    for leftover in DATA_DIR.glob("bench.sqlite3*"):
                        leftover.unlink()

    results["meta"] = {
        "command": command_line(),
        "started": started_at.isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "postgres": f"PostgreSQL {postgres_version}" if postgres_version else "",
        "sqlite": sqlite3.sqlite_version,
        "cache": cache_url,
        "reps": args.reps,
        "budget": args.budget,
        "warmup": args.warmup,
        "sizes": args.sizes,
        **versions(),
    }
    text = write_report(results)
    stamp = started_at.strftime("%Y%m%dT%H%M%SZ")
    for name in ("latest.json", f"{stamp}.json"):
        (RESULTS_DIR / name).write_text(json.dumps(results, indent=2, default=str) + "\n")
    print("\n" + text)
    print(f"Written to {RESULTS_DIR / 'latest.md'} and {RESULTS_DIR / 'latest.json'}")


if __name__ == "__main__":
    main()
