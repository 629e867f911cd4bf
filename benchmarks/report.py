"""Turns the workers' results into the target checks and the markdown report."""

from __future__ import annotations

# Issue 16 retired the first cold target (1.5×) for 3.0×; the warm one is the speed-and-scale work's.
COLD_TARGET = 3.0
WARM_TARGET = 1.0
DB_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def _ratio(ours: float | None, base: float | None) -> float | None:
    return round(ours / base, 2) if ours is not None and base else None


def add_ratios(results: dict) -> None:
    """Every figure of a row that has a plain-blog counterpart also as a ratio to it (``ratio`` beside each side)."""
    for db in results["databases"].values():
        for size in db["sizes"].values():
            for row in size["rows"].values():
                for name in ("cold", "warm"):
                    sides = row.get(name)
                    if not sides or "baseline" not in sides:
                        continue
                    ours, base = sides["ours"], sides["baseline"]
                    sides["ratio"] = {
                        key: _ratio(ours[key], base[key]) for key in ("median_ms", "p95_ms", "queries", "bytes")
                    }


def check_targets(results: dict) -> list[dict]:
    """The issue's targets, per database and size: met or not, with the figures that decide it."""
    checks = []
    for db_key, db in results["databases"].items():
        sizes = db["sizes"]
        for size_key, size in sizes.items():
            rows = size["rows"]
            article, large = rows.get("article", {}), rows.get("article_large", {})
            check = {"database": db_key, "articles": int(size_key)}
            for name, target in (("cold", COLD_TARGET), ("warm", WARM_TARGET)):
                ratio = article.get(name, {}).get("ratio", {}).get("median_ms")
                check[f"{name}_ratio"] = ratio
                check[f"{name}_met"] = ratio is not None and ratio <= target
            counts = {
                name: (
                    article.get(name, {}).get("ours", {}).get("queries"),
                    large.get(name, {}).get("ours", {}).get("queries"),
                )
                for name in ("cold", "warm")
                if name in article
            }
            check["queries"] = counts
            check["queries_constant_in_blocks"] = all(a == b for a, b in counts.values())
            checks.append(check)
        for row_key in (
            "article",
            "index",
            "api_v2_detail",
            "api_v2_pages_detail",
            "api_v2_find",
            "api_v2_listing",
            "api_v3_detail",
        ):
            per_size = {
                int(k): v["rows"]
                .get(row_key, {})
                .get("warm", v["rows"].get(row_key, {}).get("cold", {}))
                .get("ours", {})
                .get("queries")
                for k, v in sizes.items()
            }
            db.setdefault("queries_by_size", {})[row_key] = per_size
    return checks


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _x(value: float | None) -> str:
    return f" (×{value:.1f})" if value is not None else ""


def _kb(value: int | None) -> str:
    return "–" if value is None else f"{value / 1024:.1f}"


def _row_lines(row: dict) -> list[str]:
    if "skipped" in row:
        return [f"| {row['label']} | skipped: {row['skipped']} | | | | | | |"]
    cold, warm = row.get("cold", {}), row.get("warm", {})
    first = cold or warm
    ours_c, ours_w = cold.get("ours", {}), warm.get("ours", {})
    rc, rw = cold.get("ratio", {}), warm.get("ratio", {})
    queries = " / ".join(str(s["queries"]) for s in (ours_c, ours_w) if s)
    lines = [
        f"| {row['label']} | {_ms(ours_c.get('median_ms'))}{_x(rc.get('median_ms'))} | {_ms(ours_c.get('p95_ms'))} "
        f"| {_ms(ours_w.get('median_ms'))}{_x(rw.get('median_ms'))} | {_ms(ours_w.get('p95_ms'))} "
        f"| {queries}{_x((rc or rw).get('queries'))} | {_kb(first['ours']['bytes'])}{_x((rc or rw).get('bytes'))} "
        f"| {'/'.join(str(s['n']) for s in (ours_c, ours_w) if s)} |"
    ]
    if "baseline" in first:
        base_c, base_w = cold.get("baseline", {}), warm.get("baseline", {})
        lines.append(
            f"| ↳ plain blog | {_ms(base_c.get('median_ms'))} | {_ms(base_c.get('p95_ms'))} "
            f"| {_ms(base_w.get('median_ms'))} | {_ms(base_w.get('p95_ms'))} "
            f"| {' / '.join(str(s['queries']) for s in (base_c, base_w) if s)} | {_kb(first['baseline']['bytes'])} "
            f"| {'/'.join(str(s['n']) for s in (base_c, base_w) if s)} |"
        )
    elif row.get("note"):
        lines.append(f"| ↳ {row['note']} | | | | | | | |")
    return lines


def markdown(results: dict, checks: list[dict]) -> str:
    meta = results["meta"]
    out = [
        "# Benchmark results",
        "",
        f"`{meta['command']}` on {meta['started']} ({meta['seconds']:.0f} s in all), "
        f"commit `{meta['commit']}`{' with uncommitted changes' if meta['dirty'] else ''}.",
        f"{meta['machine']}; Python {meta['python']}, Django {meta['django']}, Wagtail {meta['wagtail']}, "
        f"{meta['postgres'] or 'no PostgreSQL'}, SQLite {meta['sqlite']}; cache: {meta['cache']}.",
        f"Up to {meta['reps']} timed requests per figure after {meta['warmup']} warm-up requests, "
        f"fewer once a row's two sides have taken {meta['budget']:.0f} s (at least 5, or 3 when a request takes "
        "over 1.5 s); `n` says how many. "
        "Each row's two sides are timed in turns.",
        "Load average (1 min) on this shared machine, before → after each database: "
        + "; ".join(
            f"{DB_NAMES.get(k, k)} {db['load_average']['before'][0]:.1f} → {db['load_average']['after'][0]:.1f}"
            for k, db in results["databases"].items()
            if "load_average" in db
        )
        + ".",
        "",
    ]
    words = next((db["word_counts"] for db in results["databases"].values() if "word_counts" in db), None)
    if words:
        out += [
            f"The article and its plain-blog twin carry the same text: {words['article_visible_text']:,} words a "
            f"reader sees on the article (title, intro, caption, blocks, exercise names and summaries), "
            f"{words['baseline_title_intro_body']:,} in the blog post's title, intro and body.",
            "",
        ]
    for db_key, reason in results.get("skipped", {}).items():
        out += [f"**{DB_NAMES.get(db_key, db_key)} skipped:** {reason}", ""]

    out += [
        "## Targets",
        "",
        "Article page median time against the plain blog's, no page-level cache. *Cold*: Django's cache cleared "
        "before every request, so the package's fragment cache (and Wagtail's own caches) start empty and every "
        "block, exercise card and related card is rendered; *warm*: not cleared, so the article's document comes "
        "from the fragment cache (`wagtail_runstrength/fragment_cache.py`) and only Wagtail's routing runs.",
        "",
        f"| Database | Articles | Cold ≤ {COLD_TARGET}× | Warm ≤ {WARM_TARGET}× | Queries: article / 4× the blocks (cold, warm) |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for check in checks:
        queries = ", ".join(f"{a} / {b}" for a, b in check["queries"].values())
        constant = "constant" if check["queries_constant_in_blocks"] else "**grows**"
        out.append(
            f"| {DB_NAMES.get(check['database'], check['database'])} | {check['articles']:,} "
            f"| {_met(check['cold_met'], check['cold_ratio'])} | {_met(check['warm_met'], check['warm_ratio'])} "
            f"| {queries}: {constant} |"
        )
    out.append("")

    for db_key, db in results["databases"].items():
        name = DB_NAMES.get(db_key, db_key)
        for size_key, size in db["sizes"].items():
            out += [
                f"## {name}, {int(size_key):,} articles",
                "",
                "| Row | Cold median ms | Cold p95 | Warm median ms | Warm p95 | Queries cold / warm | KB | n |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            for row in size["rows"].values():
                out += _row_lines(row)
            out.append("")
        out += [
            f"Queries per request by size ({name}, warm): "
            + "; ".join(
                f"{key} " + " → ".join(str(v) for v in per.values())
                for key, per in db.get("queries_by_size", {}).items()
            ),
            "",
        ]

    out += _generation_section(results)
    out += _related_section(results)
    out += _fixes_section(results)
    out += _cold_start_section(results)
    return "\n".join(out).rstrip() + "\n"


def _met(met: bool, ratio: float | None) -> str:
    if ratio is None:
        return "–"
    return f"{'met' if met else '**not met**'} ({ratio:.1f}×)"


def _generation_section(results: dict) -> list[str]:
    out = [
        "## Bulk generation",
        "",
        "Articles and as many plain-blog posts added in bulk (no signals, no search or reference index, "
        "no revisions); PostgreSQL time includes `ANALYZE`.",
        "",
        "| Database | Step to | Added | Seconds | Writing | ANALYZE | Model instances built | Write signals |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for db_key, db in results["databases"].items():
        total = 0.0
        for size_key, size in db["sizes"].items():
            gen = size["generation"]
            total += gen["seconds"]
            out.append(
                f"| {DB_NAMES.get(db_key, db_key)} | {int(size_key):,} | {gen.get('added', 0):,} | {gen['seconds']:.1f} "
                f"| {gen.get('write_seconds', 0):.1f} | {gen.get('analyse_seconds', 0):.1f} "
                f"| {gen.get('model_instances_built', 0)} | {gen.get('write_signals_sent', 0)} |"
            )
        out.append(f"| {DB_NAMES.get(db_key, db_key)} | total | | {total:.1f} | | | | |")
    out += [
        "",
        "Fixtures made the ordinary way first (pages with revisions, snippets, images and their renditions): "
        + ", ".join(
            f"{DB_NAMES.get(k, k)} {db['fixtures_seconds']:.1f} s (migrate {db['migrate_seconds']:.1f} s)"
            for k, db in results["databases"].items()
        )
        + ".",
        "",
        "Where each database's run went, in seconds: "
        + "; ".join(
            f"{DB_NAMES.get(k, k)} {db.get('worker_seconds', 0):.0f} in all ("
            + ", ".join(
                f"{int(size):,}: " + " ".join(f"{phase} {s:.0f}" for phase, s in entry.get("seconds", {}).items())
                for size, entry in db["sizes"].items()
            )
            + ")"
            for k, db in results["databases"].items()
        )
        + ".",
        "",
    ]
    return out


def _related_section(results: dict) -> list[str]:
    out = [
        "## Related posts",
        "",
        "`related_articles(page)` for the full-structure article (automatic scoring, limit 3), and the scoring query "
        "alone (`scored_candidates(page)[:3]`), in a warm process.",
        "",
        "| Database | Articles | related_articles() median ms | p95 | Queries | Scoring query median ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for db_key, db in results["databases"].items():
        for size_key, size in db["sizes"].items():
            rel = size["related"]
            ra, sq = rel["related_articles"], rel["scoring_query"]
            out.append(
                f"| {DB_NAMES.get(db_key, db_key)} | {int(size_key):,} | {_ms(ra['median_ms'])} | {_ms(ra['p95_ms'])} "
                f"| {ra['queries']} | {_ms(sq['median_ms'])} |"
            )
    out.append("")
    for db_key, db in results["databases"].items():
        high = max(db["sizes"], key=int)
        if "1000" not in db["sizes"] or int(high) <= 1000:
            continue
        a = db["sizes"]["1000"]["related"]["scoring_query"]["median_ms"]
        b = db["sizes"][high]["related"]["scoring_query"]["median_ms"]
        out.append(
            f"{DB_NAMES.get(db_key, db_key)}: {int(high) // 1000:,}× the articles (1,000 → {int(high):,}) made the "
            f"scoring query {b / a:,.0f}× slower ({_ms(a)} → {_ms(b)} ms).  "
        )
    out.append("")
    for db_key, db in results["databases"].items():
        size_key = max(db["sizes"], key=int)
        explain = db["sizes"][size_key]["related"].get("explain")
        if explain and db_key == "postgres":
            out += [
                f"`EXPLAIN (ANALYZE, BUFFERS)` of the scoring query, {DB_NAMES[db_key]}, {int(size_key):,} articles:",
                "",
                "```",
                explain,
                "```",
                "",
            ]
    return out


def _fixes_section(results: dict) -> list[str]:
    db = results["databases"].get("postgres")
    if not db or not any("fixes" in size for size in db["sizes"].values()):
        return []
    out = [
        "## Prototyped fixes (PostgreSQL, indexes created and dropped again by the harness)",
        "",
        "| Articles | Query | Median ms | Same result as the package's query |",
        "| ---: | --- | ---: | --- |",
    ]
    labels = {
        "current": "related: the package's query",
        "jit_off": "related: same, JIT off",
        "aggregate": "related: GROUP BY over the signal tables",
        "aggregate_indexed": "related: same + index (tag_id, content_object_id)",
        "recent_window": "related: newest {window} visible articles only + index on date",
        "current_count": "index: count, with DISTINCT (as now)",
        "current_first_page": "index: first 12 cards, with DISTINCT (as now)",
        "no_distinct_count": "index: count without DISTINCT",
        "no_distinct_first_page": "index: first 12 cards without DISTINCT",
        "no_distinct_first_page_date_index": "index: same + index on date",
    }
    for size_key, size in db["sizes"].items():
        fixes = size.get("fixes")
        if not fixes:
            continue
        for group in ("related", "index"):
            for key, entry in fixes[group].items():
                same = entry.get("same_as_current")
                out.append(
                    f"| {int(size_key):,} | {labels[key].format(window=fixes['window'])} | {_ms(entry['median_ms'])} "
                    f"| {'' if same is None else ('yes' if same else 'no')} |"
                )
    out.append("")
    return out


def _cold_start_section(results: dict) -> list[str]:
    out = [
        "## Whole process: a fresh interpreter serving its first request",
        "",
        "| Database | Articles | Page | Process wall ms | Django setup ms | First request ms |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    found = False
    for db_key, db in results["databases"].items():
        for size_key, size in db["sizes"].items():
            for page, figures in size.get("cold_start", {}).items():
                found = True
                out.append(
                    f"| {DB_NAMES.get(db_key, db_key)} | {int(size_key):,} | {'article' if page == 'article' else 'plain blog post'} "
                    f"| {_ms(figures['process_ms'])} | {_ms(figures['setup_ms'])} | {_ms(figures['first_request_ms'])} |"
                )
    out.append("")
    return out if found else []
