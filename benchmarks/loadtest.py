"""``python -m benchmarks.loadtest`` (``make loadtest``): the demo under gunicorn, loaded by wrk from a second process.

It drops and creates the PostgreSQL database ``runstrength_load``, empties
Redis database 12 (the cache, ours alone), migrates, loads the demo
(``load_runstrength_demo``) and adds a plain Wagtail blog post (the
``benchmarks.baseline`` app) carrying the same words and tags as the demo's
fullest article. gunicorn then serves ``benchmarks.load_settings`` with two sync
workers on 127.0.0.1, DEBUG off, and for each target wrk warms the URL up and
then holds ``--connections`` connections open for ``--duration`` seconds, with
``benchmarks/loadtest.lua`` reporting latency percentiles, requests and every
response outside 2xx. Results go to ``benchmarks/results/load-latest.json`` and
``load-latest.md`` (plus a timestamped copy that git ignores); the table is
printed at the end. Any socket error or non-2xx response fails the run, naming
the URL. gunicorn is stopped, the database dropped and Redis emptied whatever
happens.

Environment (the flags below win): ``LOAD_CONNECTIONS`` (8), ``LOAD_DURATION``
(seconds, 20), ``LOAD_THREADS`` (wrk threads, 2), ``LOAD_WARMUP`` (seconds of
load before each measurement, 5), ``LOAD_TIMEOUT`` (seconds after which wrk
counts a request as an error, 2), ``LOAD_WORKERS`` (gunicorn workers, 2),
``LOAD_POSTGRES_URL`` (``postgres://postgres@127.0.0.1:5432/runstrength_load``),
``LOAD_REDIS_URL`` (``redis://127.0.0.1:6379/12``), ``LOAD_PORT`` (0: any free port).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import resource
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from benchmarks.__main__ import drop_postgres, git, postgres_admin, recreate_postgres

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
EXAMPLE_DIR = ROOT / "example_project"
RESULTS_DIR = BENCH_DIR / "results"
LUA_SCRIPT = BENCH_DIR / "loadtest.lua"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/runstrength_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"
SETTINGS_MODULE = "benchmarks.load_settings"
# Sequential requests before the warm-up load: the first one's body is checked, so a wrong page fails early.
CHECK_REQUESTS = 5
FRAGMENT_PATTERN = "*wagtail_runstrength:fragment:*"
GENERATION_QUERY = "SELECT token FROM wagtail_runstrength_fragmentgeneration ORDER BY id DESC LIMIT 1"


@dataclass
class Target:
    key: str
    label: str
    path: str
    # The title a page must show, or the id an API response must carry: proof the URL serves the right object.
    expect: str | int
    baseline: str | None = None


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=int(_env("LOAD_CONNECTIONS", "8")))
    parser.add_argument("--duration", type=int, default=int(_env("LOAD_DURATION", "20")), help="seconds per target")
    parser.add_argument("--threads", type=int, default=int(_env("LOAD_THREADS", "2")), help="wrk threads")
    parser.add_argument(
        "--warmup", type=int, default=int(_env("LOAD_WARMUP", "5")), help="seconds of load before each measurement"
    )
    parser.add_argument("--workers", type=int, default=int(_env("LOAD_WORKERS", "2")), help="gunicorn sync workers")
    parser.add_argument(
        "--timeout",
        type=int,
        default=int(_env("LOAD_TIMEOUT", "2")),
        help="seconds after which wrk counts a request as an error (wrk's own default: 2)",
    )
    parser.add_argument("--port", type=int, default=int(_env("LOAD_PORT", "0")), help="0: any free port")
    parser.add_argument(
        "--report-only", action="store_true", help="write load-latest.md again from load-latest.json, loading nothing"
    )
    parser.add_argument("--postgres-url", default=_env("LOAD_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    parser.add_argument("--redis-url", default=_env("LOAD_REDIS_URL", DEFAULT_REDIS_URL))
    args = parser.parse_args()
    if args.threads > args.connections:
        parser.error("wrk needs at least as many connections as threads")
    return args


def server_env(args: argparse.Namespace, media_root: Path, port: int) -> dict[str, str]:
    """The demo's own environment variables, pointed at this run's database, cache and media."""
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": args.postgres_url,
        "REDIS_URL": args.redis_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "RUNSTRENGTH_MEDIA_ROOT": str(media_root),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }


# The site: the demo and a plain twin of its fullest article


def prepare_site(env: dict[str, str]) -> dict:
    """Migrate, load the demo and add the plain twin, in this process; what the targets need to know."""
    os.environ.update(env)
    sys.path.insert(0, str(EXAMPLE_DIR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from wagtail_runstrength.models import ArticlePage
    from wagtail_runstrength.readtime import count_words

    try:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_runstrength_demo", verbosity=0)
        # The demo's featured guide is its fullest article; chosen by word count so a content change cannot
        # leave the load test on a thin one.
        article = max(ArticlePage.objects.live().public(), key=lambda page: page.word_count)
        post = create_plain_twin(article)
        return {
            "article": {"id": article.pk, "url": article.url, "title": article.title, "words": article.word_count},
            "blog_post": {
                "id": post.pk,
                "url": post.url,
                "title": post.title,
                # Unescaped as a browser shows it: "&#x27;" would count as words of its own.
                "words": count_words([post.title, post.intro, unescape(post.body)]),
            },
            "tags": sorted(article.tags.names()),
        }
    finally:
        # gunicorn opens its own connections; this one would only stop the database being dropped.
        connections.close_all()


def create_plain_twin(article):
    """A plain blog post with the article's words (``visible_text_parts()``, what its read time counts) and tags.

    Title as title; the introduction's first paragraph as ``intro`` (cut at a
    word within its 250 characters); the rest of the introduction, the hero
    caption and the text of every block as the rich-text body, one paragraph
    each, as a plain blog would hold them.
    """
    from django.utils.html import format_html_join

    from benchmarks.baseline.models import BlogIndexPage, BlogPage

    home = article.get_site().root_page
    index = BlogIndexPage(
        title="Plain blog", slug="plain-blog", intro="<p>The same words, as a plain Wagtail blog.</p>"
    )
    home.add_child(instance=index)
    index.save_revision().publish()

    title, intro_html, *rest = article.visible_text_parts()
    first, *more = _paragraphs(intro_html)
    intro, remainder = _split_at_word(first, BlogPage._meta.get_field("intro").max_length)
    paragraphs = [text for text in (remainder, *more, *rest) if text.strip()]
    post = BlogPage(
        title=title,
        slug=article.slug,
        date=article.date,
        intro=intro,
        body=format_html_join("\n", "<p>{}</p>", ((text,) for text in paragraphs)),
    )
    index.add_child(instance=post)
    post.tags.set(list(article.tags.all()))
    post.save_revision().publish()
    return post


def _paragraphs(html_text: str) -> list[str]:
    """The plain text of each paragraph of a rich-text value."""
    from django.utils.html import strip_tags

    return [text for chunk in re.split(r"</p>", html_text) if (text := unescape(strip_tags(chunk)).strip())]


def _split_at_word(text: str, limit: int) -> tuple[str, str]:
    if len(text) <= limit:
        return text, ""
    cut = text.rfind(" ", 0, limit + 1)
    return text[:cut], text[cut + 1 :]


def targets(site: dict) -> list[Target]:
    article, post = site["article"], site["blog_post"]
    return [
        Target("article", "Article page", article["url"], article["title"], baseline="blog_post"),
        Target("blog_post", "Plain blog post", post["url"], post["title"]),
        Target(
            "api_article", "API v2 article detail", f"/api/v2/articles/{article['id']}/", article["id"], "api_blog_post"
        ),
        Target("api_blog_post", "API v2 page detail (plain blog post)", f"/api/v2/pages/{post['id']}/", post["id"]),
        # The read paths headless frontends use for the same article (issue 16): one cached representation.
        Target(
            "api_pages_article",
            "API v2 pages detail, article",
            f"/api/v2/pages/{article['id']}/",
            article["id"],
            "api_blog_post",
        ),
        Target(
            "api_find_article",
            "API v2 pages find/?html_path=, article",
            f"/api/v2/pages/find/?html_path={article['url']}",
            article["id"],
            "api_blog_post",
        ),
        Target(
            "api_v3_article",
            "API v3 page detail, article",
            f"/api/v3/pages/{article['id']}/",
            article["id"],
            "api_v3_blog_post",
        ),
        Target("api_v3_blog_post", "API v3 page detail (plain blog post)", f"/api/v3/pages/{post['id']}/", post["id"]),
    ]


# The server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "clinic_site.wsgi:application",
        "--chdir", str(ROOT), "--pythonpath", str(EXAMPLE_DIR),
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
        "--error-logfile", str(log), "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})


def wait_until_up(server: subprocess.Popen, port: int, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode} before answering:\n{_tail(log)}")
        try:
            if get(port, "/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port} within {timeout:.0f} s:\n{_tail(log)}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text().splitlines()[-lines:])
    except OSError:
        return "(no log)"


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# CPU: where the machine's time went during a run (Linux /proc)

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_fields(pid: int | str) -> list[str]:
    """``/proc/<pid>/stat`` after the command name (which may hold spaces): state, ppid, ... utime is [11]."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def child_pids(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_proc_fields(entry.name)[1]) == parent:
                    pids.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return pids


def cpu_snapshot(worker_pids: list[int]) -> dict | None:
    """CPU seconds so far: gunicorn's workers, this process's finished children (wrk), the whole machine."""
    try:
        machine = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        workers = sum(int(f[11]) + int(f[12]) for f in map(_proc_fields, worker_pids)) / CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return None
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "workers": workers,
        "wrk": children.ru_utime + children.ru_stime,
        # idle and iowait are the time nobody used
        "busy": (sum(machine) - machine[3] - machine[4]) / CLOCK_TICKS,
        "total": sum(machine) / CLOCK_TICKS,
    }


def cpu_used(before: dict | None, after: dict | None, requests: int) -> dict | None:
    if before is None or after is None:
        return None
    used = {key: after[key] - before[key] for key in before}
    other = max(used["busy"] - used["workers"] - used["wrk"], 0)
    return {
        "server_ms_per_request": round(used["workers"] * 1000 / max(requests, 1), 2),
        "server_share": round(used["workers"] / used["total"], 3),
        "wrk_share": round(used["wrk"] / used["total"], 3),
        # PostgreSQL and Redis serving these requests, and whatever else ran on the machine.
        "other_share": round(other / used["total"], 3),
    }


# Load


def wrk_command(args: argparse.Namespace, url: str, seconds: int) -> list[str]:
    return [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--timeout", f"{args.timeout}s",
        "-s", str(LUA_SCRIPT.relative_to(ROOT)), url,
    ]  # fmt: skip


def run_wrk(args: argparse.Namespace, url: str, seconds: int) -> dict:
    done = subprocess.run(wrk_command(args, url, seconds), cwd=ROOT, capture_output=True, text=True, check=False)
    line = next((line for line in done.stdout.splitlines() if line.startswith("LOADTEST_RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed on {url} (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    raw = json.loads(line.removeprefix("LOADTEST_RESULT "))
    socket_errors = sum(raw[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": round(seconds_run, 2),
        "rps": round(raw["requests"] / seconds_run, 1),
        **{f"{name}_ms": round(raw[f"{name}_us"] / 1000, 1) for name in ("p50", "p90", "p95", "p99", "min", "max")},
        "mean_ms": round(raw["mean_us"] / 1000, 1),
        "stdev_ms": round(raw["stdev_us"] / 1000, 1),
        "kb_per_response": round(raw["bytes"] / max(raw["requests"], 1) / 1024, 1),
        "non2xx": raw["non2xx"],
        "first_bad_status": raw["first_bad_status"] or None,
        "socket_errors": {key: raw[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts")},
        "errors": raw["non2xx"] + socket_errors,
    }


def check_target(port: int, target: Target) -> str | None:
    """``None`` when the URL answers 2xx with the right object every time, else what went wrong."""
    for n in range(CHECK_REQUESTS):
        try:
            status, body = get(port, target.path)
        except OSError as error:
            return f"no answer ({error})"
        if not 200 <= status < 300:
            return f"status {status}"
        if n == 0:
            if isinstance(target.expect, int):
                found = json.loads(body).get("id")
                if found != target.expect:
                    return f"the response is for id {found}, not {target.expect}"
            elif target.expect not in unescape(body.decode()):
                return f"the page does not show “{target.expect}”"
    return None


def fragment_state(redis_client, database_url: str) -> dict:
    """The cached fragments (straight from Redis) and the current generation (from the database; ``fragment_cache.py``)."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        row = connection.execute(GENERATION_QUERY).fetchone()
    return {
        "keys": {key.decode() for key in redis_client.scan_iter(FRAGMENT_PATTERN)},
        "generation": row[0] if row else None,
    }


def _fragment_names(keys: set[str]) -> list[str]:
    """``...wagtail_runstrength:fragment:article:<digest>`` -> ``article``."""
    return sorted({key.split(":fragment:", 1)[1].split(":", 1)[0] for key in keys})


def measure(args: argparse.Namespace, port: int, target: Target, redis_client, worker_pids: list[int]) -> dict:
    """Check the URL, warm it up under the same load, then the measured run."""
    url = f"http://127.0.0.1:{port}{target.path}"
    result: dict = {"label": target.label, "path": target.path, "baseline": target.baseline}
    print(f"\n== {target.label}: {target.path}", flush=True)
    start = fragment_state(redis_client, args.postgres_url)
    problem = check_target(port, target)
    if problem:
        result["failure"] = f"before the load: {problem}"
        return result
    failures = []
    if args.warmup:
        result["warmup"] = run_wrk(args, url, args.warmup)
        print(f"   warm-up {args.warmup} s: {_summary(result['warmup'])}", flush=True)
        if result["warmup"]["errors"]:
            failures.append(f"during the warm-up: {_errors(result['warmup'])}")
    result["load_average_before"] = round(os.getloadavg()[0], 2)
    before, cpu_before = fragment_state(redis_client, args.postgres_url), cpu_snapshot(worker_pids)
    result.update(run_wrk(args, url, args.duration))
    after, cpu_after = fragment_state(redis_client, args.postgres_url), cpu_snapshot(worker_pids)
    result["cpu"] = cpu_used(cpu_before, cpu_after, result["requests"])
    # What this URL's first requests stored, still there when the run began, and no new generation during the
    # run: every measured request could be answered from the cache.
    stored = before["keys"] - start["keys"]
    result["fragment_cache"] = {
        "stored_by_warmup": _fragment_names(stored),
        "fragments_before_run": len(before["keys"]),
        "generation_unchanged": before["generation"] is not None and before["generation"] == after["generation"],
    }
    print(f"   measured {args.duration} s: {_summary(result)}", flush=True)
    if result["errors"]:
        failures.append(_errors(result))
    if failures:
        result["failure"] = "; ".join(failures)
    return result


def _summary(run: dict) -> str:
    return (
        f"{run['requests']} requests, {run['rps']} /s, p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, "
        f"p99 {run['p99_ms']} ms, errors {run['errors']}"
    )


def _errors(run: dict) -> str:
    parts = []
    if run["non2xx"]:
        parts.append(f"{run['non2xx']} responses outside 2xx (first: {run['first_bad_status']})")
    parts += [f"{count} {name.replace('_', ' ')}" for name, count in run["socket_errors"].items() if count]
    return ", ".join(parts)


# Report


def _ratio(ours: float | None, base: float | None) -> float | None:
    return round(ours / base, 2) if ours is not None and base else None


FIGURES = ("rps", "p50_ms", "p95_ms", "p99_ms", "cpu_ms")


def _figures(row: dict) -> dict[str, float | None]:
    """The figures a row is compared on; ``cpu_ms`` is gunicorn's workers' CPU time per request."""
    return {key: row.get(key) for key in FIGURES[:-1]} | {"cpu_ms": (row.get("cpu") or {}).get("server_ms_per_request")}


def add_ratios(results: dict) -> None:
    rows = results["targets"]
    for row in rows.values():
        base = rows.get(row["baseline"]) if row.get("baseline") else None
        if base and "rps" in row and "rps" in base:
            ours, theirs = _figures(row), _figures(base)
            row["ratio"] = {key: _ratio(ours[key], theirs[key]) for key in FIGURES}


def _cell(row: dict, key: str) -> str:
    value = _figures(row)[key]
    if value is None:
        return "–"
    ratio = row.get("ratio", {}).get(key)
    text = f"{value:,.1f}"
    return f"{text} (×{ratio})" if ratio is not None else text


def _other_cpu(row: dict) -> str:
    cpu = row.get("cpu")
    return f"{cpu['other_share']:.0%}" if cpu else "–"


def markdown(results: dict) -> str:
    meta, site = results["meta"], results["site"]
    settings = meta["settings"]
    load = meta["load_average"]
    failures = {key: row["failure"] for key, row in results["targets"].items() if row.get("failure")}
    lines = [
        "# Load test: the demo under gunicorn against a plain Wagtail blog",
        "",
        f"`{meta['command']}` on {meta['started']} ({meta['seconds']:.0f} s in all), commit `{meta['commit']}`"
        + (" (with uncommitted changes in the tree)." if meta["dirty"] else "."),
        f"{meta['machine']}; Python {meta['python']}, Django {meta['django']}, Wagtail {meta['wagtail']}, "
        f"gunicorn {meta['gunicorn']}, {meta['postgres']}, Redis {meta['redis']}, {meta['wrk']}.",
        f"Server: gunicorn, {settings['workers']} sync workers on 127.0.0.1, `benchmarks.load_settings` (the demo's "
        "settings plus the baseline app), DEBUG off, PostgreSQL, Django's cache on "
        f"Redis (`{meta['cache']}`, the fragment cache on).",
        f"Load, from a second process on loopback, per target: `{meta['wrk_command']}` after {CHECK_REQUESTS} "
        f"checked requests and {settings['warmup']} s of the same load as a warm-up (not counted), so the "
        "figures are the steady state: fragments cached, renditions made, every worker holding its database "
        "connection.",
        f"Load average (1 min) at the start → before the first target → after the last: {load['start']} → "
        f"{load['before']} → {load['after']}. wrk, gunicorn, PostgreSQL and Redis share the machine's "
        f"{meta['cpus']} CPUs.",
        *busy_note(load["start"], meta["cpus"]),
        "",
        f"The article ({site['article']['words']} words a reader sees) and its plain-blog twin "
        f"({site['blog_post']['words']} words in title, intro and body) carry the same text and tags "
        f"({', '.join(site['tags'])}).",
        "",
        "| Target | Requests/s | p50 ms | p95 ms | p99 ms | Errors | Requests | KB | Server CPU ms/request | Other CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results["targets"].values():
        name = f"↳ {row['label']}" if not row.get("baseline") else row["label"]
        errors = "**failed**: " + row["failure"] if row.get("failure") else str(row.get("errors", "–"))
        requests = f"{row['requests']:,}" if "requests" in row else "–"
        figures = " | ".join(_cell(row, key) for key in FIGURES[:4])
        size = row.get("kb_per_response", "–")
        lines.append(
            f"| {name} `{row['path']}` | {figures} | {errors} | {requests} | {size} | {_cell(row, 'cpu_ms')} | "
            f"{_other_cpu(row)} |"
        )
    lines += [
        "",
        "(×N) is ours divided by the plain-blog row under it: below 1 for requests/s means fewer answered, above "
        "1 for a latency means slower. Latency is wrk's, from writing the request to the end of the response; "
        "gunicorn's sync workers close the connection after each response, so every request also opens a new "
        "loopback connection (not in the latency, in the requests/s); a request wrk gave up on (a timeout) has no "
        "latency, so a row with timeouts understates its p99. KB: the response body, uncompressed. Server CPU: "
        "the CPU time gunicorn's workers spent per request (from /proc, PostgreSQL's and Redis's not included), "
        "which other work on the machine changes less than requests/s and latency. Other CPU: the share of the machine's CPU time during the "
        "run used by neither gunicorn nor wrk, i.e. PostgreSQL and Redis serving these requests plus anything "
        "else running; a row far above its pair was disturbed.",
        "",
        fragment_note(results["targets"]),
        "",
        "**Zero errors: met**, no socket error and no response outside 2xx."
        if not failures
        else f"**Zero errors: not met** (a request that takes over {settings['timeout']} s counts as a timeout):",
    ]
    if failures:
        lines.append("")
        lines += [f"- `{results['targets'][key]['path']}`: {failure}" for key, failure in failures.items()]
    return "\n".join(lines) + "\n"


def busy_note(load_start: float, cpus: int) -> list[str]:
    if load_start < cpus / 2:
        return []
    return [
        f"**Busy machine**: the load average was already {load_start} before the run began, so other work "
        "shared the CPUs; requests/s are lower and latencies higher than on a quiet machine, the ratios less so."
    ]


def _in_sentence(label: str) -> str:
    """``Article page`` -> ``the article page``; ``API v2 ...`` keeps its capitals."""
    return "the " + (label if label[:2].isupper() else label[0].lower() + label[1:])


def fragment_note(rows: dict) -> str:
    measured = [row for row in rows.values() if row.get("fragment_cache")]
    if not measured:
        return "Fragment cache: not observed (nothing was measured)."
    cached = [
        f"{_in_sentence(row['label'])} ({', '.join(f'`{name}`' for name in row['fragment_cache']['stored_by_warmup'])})"
        for row in measured
        if row["fragment_cache"]["stored_by_warmup"]
    ]
    uncached = [_in_sentence(row["label"]) for row in measured if not row["fragment_cache"]["stored_by_warmup"]]
    replaced = [_in_sentence(row["label"]) for row in measured if not row["fragment_cache"]["generation_unchanged"]]
    text = "Fragment cache: " + (
        f"the first requests of {' and '.join(cached)} stored these fragments before the measured runs"
        if cached
        else "no target stored a fragment"
    )
    if uncached:
        text += f"; {' and '.join(uncached)} stored none (no fragment cache on that path)"
    if replaced:
        return (
            text + f". **Not steady**: the generation changed during the run of {' and '.join(replaced)}, "
            "so some of those requests rendered again."
        )
    return text + ". The generation never changed during a measured run, so the cached rows were answered warm."


# The run


def versions(postgres_version: str, redis_client) -> dict:
    import django
    import gunicorn
    import wagtail

    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "gunicorn": gunicorn.__version__,
        "postgres": f"PostgreSQL {postgres_version}",
        "redis": redis_client.info("server")["redis_version"],
        "wrk": " ".join((wrk.stdout or wrk.stderr).split()[:2]),
    }


def machine() -> str:
    model = ""
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs" + (f" ({model})" if model else "")


def command_line() -> str:
    overrides = [f"{k}={shlex.quote(v)}" for k, v in sorted(os.environ.items()) if k.startswith("LOAD_")]
    command = os.environ.get("LOAD_COMMAND") or shlex.join(["python", "-m", "benchmarks.loadtest", *sys.argv[1:]])
    return " ".join([*(o for o in overrides if not o.startswith(("LOAD_COMMAND=", "LOAD_ARGS="))), command])


def _terminate(signum, frame) -> None:
    # SystemExit unwinds through main()'s finally: gunicorn stopped, database dropped, even when killed.
    raise SystemExit(128 + signum)


def main() -> None:
    args = parse_args()
    if args.report_only:
        text = markdown(json.loads((RESULTS_DIR / "load-latest.json").read_text()))
        (RESULTS_DIR / "load-latest.md").write_text(text)
        print(text)
        return
    signal.signal(signal.SIGTERM, _terminate)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `apt-get install wrk` (make loadtest does it when run as root)")
    import redis

    started_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    # Before anything imports the code: colleagues may commit while the load runs.
    commit, dirty = git("rev-parse", "--short", "HEAD"), bool(git("status", "--porcelain", "--untracked-files=no"))
    started = time.perf_counter()
    load_start = round(os.getloadavg()[0], 2)
    redis_client = redis.Redis.from_url(args.redis_url)
    try:
        redis_client.ping()
    except redis.RedisError as error:
        raise SystemExit(f"Redis did not answer at {args.redis_url}: {error}") from None
    postgres_version = recreate_postgres(args.postgres_url)
    if postgres_version is None:
        raise SystemExit(f"PostgreSQL did not answer at {args.postgres_url} ({postgres_admin(args.postgres_url)[1]})")
    redis_client.flushdb()

    work_dir = Path(tempfile.mkdtemp(prefix="runstrength-load-"))
    port = args.port or free_port()
    env = server_env(args, work_dir / "media", port)
    log = work_dir / "gunicorn.log"
    server = None
    rows: dict[str, dict] = {}
    try:
        print(f"== Preparing {args.postgres_url} and {args.redis_url}: migrate, demo, plain twin", flush=True)
        site = prepare_site(env)
        print(f"   article {site['article']['url']}, twin {site['blog_post']['url']}", flush=True)
        print(f"== gunicorn, {args.workers} sync workers on 127.0.0.1:{port}", flush=True)
        server = start_gunicorn(env, port, args.workers, log)
        wait_until_up(server, port, log)
        worker_pids = child_pids(server.pid)
        load_before = round(os.getloadavg()[0], 2)
        for target in targets(site):
            rows[target.key] = measure(args, port, target, redis_client, worker_pids)
        load_after = round(os.getloadavg()[0], 2)
        if any(row.get("failure") for row in rows.values()):
            print(f"\n== gunicorn's log:\n{_tail(log)}", flush=True)
    finally:
        if server is not None:
            stop_gunicorn(server)
        drop_postgres(args.postgres_url)
        redis_client.flushdb()
        shutil.rmtree(work_dir, ignore_errors=True)

    results = {
        "meta": {
            "command": command_line(),
            "wrk_command": shlex.join(wrk_command(args, "http://127.0.0.1:<port><path>", args.duration)),
            "started": started_at.isoformat(),
            "seconds": round(time.perf_counter() - started, 1),
            "commit": commit,
            "dirty": dirty,
            "machine": machine(),
            "cache": args.redis_url,
            "cpus": os.cpu_count(),
            "load_average": {"start": load_start, "before": load_before, "after": load_after},
            "settings": {
                "connections": args.connections,
                "threads": args.threads,
                "duration": args.duration,
                "warmup": args.warmup,
                "timeout": args.timeout,
                "workers": args.workers,
                "worker_class": "sync",
            },
            **versions(postgres_version, redis_client),
        },
        "site": site,
        "targets": rows,
    }
    add_ratios(results)
    text = markdown(results)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = started_at.strftime("%Y%m%dT%H%M%SZ")
    for name in ("load-latest.json", f"load-{stamp}.json"):
        (RESULTS_DIR / name).write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS_DIR / "load-latest.md").write_text(text)
    print("\n" + text)
    print(f"Written to {RESULTS_DIR / 'load-latest.md'} and {RESULTS_DIR / 'load-latest.json'}")
    failed = [row["path"] for row in rows.values() if row.get("failure")]
    if failed:
        raise SystemExit(f"Load test failed: errors on {', '.join(failed)}")


if __name__ == "__main__":
    main()
