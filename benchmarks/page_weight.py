"""What a reader waits for: bytes, requests and largest contentful paint of a page in headless Chromium.

    .venv/bin/python benchmarks/page_weight.py http://127.0.0.1:8124/blog/essential-guide-strength-training-runners/

For each width (a 390 px phone at 3x, a 1280 px desktop at 1x) and each network
profile (``none``: the local server as it is; ``slow-4g``: Lighthouse's mobile
settings, 150 ms round trips, 1.6 Mbit/s down, 750 kbit/s up and a 4x slower
CPU), the page is opened in a fresh browser context with an empty cache, once
to warm the server (renditions are generated on a page's first view) and then
measured ``--runs`` times (median shown). Until the load event and two quiet
seconds after it, it counts:

- requests: every request the page made (document, CSS, JS, images, fonts);
- transferred: bytes over the wire, from Resource Timing ``transferSize`` of
  the document and every resource (headers included, as served: the Django
  development server does not compress);
- LCP: the last ``largest-contentful-paint`` entry's time and element;
- after scrolling to the end: requests and bytes once every lazy image loaded.

Prints a Markdown table (paste it into docs/performance.md) and, with
``--json PATH``, writes the raw numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from dataclasses import asdict, dataclass, replace

CHROMIUM = os.environ.get("RUNSTRENGTH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

WIDTHS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
}
PROFILES = {
    "none": None,
    "slow-4g": {"latency": 150, "download": 1.6e6 / 8, "upload": 750e3 / 8, "cpu": 4},
}

LCP_SCRIPT = """
window.__lcp = null;
new PerformanceObserver(list => {
  const entries = list.getEntries();
  const last = entries[entries.length - 1];
  window.__lcp = {
    time: last.startTime,
    size: last.size,
    element: last.element ? last.element.tagName.toLowerCase() + (last.element.currentSrc ? ' ' + last.element.currentSrc.split('/').pop() : '') : '',
  };
}).observe({type: 'largest-contentful-paint', buffered: true});
"""

TOTALS_SCRIPT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {
    requests: 1 + resources.length,
    transferred: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    document: nav.transferSize,
    images: resources.filter(r => r.initiatorType === 'img' || /\\.(avif|webp|jpe?g|png)$/.test(r.name)).reduce((s, r) => s + r.transferSize, 0),
    ttfb: nav.responseStart,
    load: nav.loadEventEnd,
  };
}"""

SCROLL_SCRIPT = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += 300) {
    window.scrollTo(0, y);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}"""


@dataclass
class Result:
    url: str
    width: str
    profile: str
    requests: int
    transferred: int
    document: int
    images: int
    ttfb_ms: float
    load_ms: float
    lcp_ms: float | None
    lcp_element: str
    scrolled_requests: int
    scrolled_transferred: int


def measure(browser, url: str, width: str, profile: str) -> Result:
    context = browser.new_context(**WIDTHS[width])
    page = context.new_page()
    conditions = PROFILES[profile]
    if conditions:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": conditions["latency"],
                "downloadThroughput": conditions["download"],
                "uploadThroughput": conditions["upload"],
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": conditions["cpu"]})
    page.add_init_script(LCP_SCRIPT)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(2000)
    totals = page.evaluate(TOTALS_SCRIPT)
    lcp = page.evaluate("window.__lcp")
    page.evaluate(SCROLL_SCRIPT)
    page.wait_for_load_state("networkidle")
    scrolled = page.evaluate(TOTALS_SCRIPT)
    context.close()
    return Result(
        url=url,
        width=f"{width} ({WIDTHS[width]['viewport']['width']} px)",
        profile=profile,
        requests=totals["requests"],
        transferred=totals["transferred"],
        document=totals["document"],
        images=totals["images"],
        ttfb_ms=round(totals["ttfb"], 1),
        load_ms=round(totals["load"], 1),
        lcp_ms=round(lcp["time"], 1) if lcp else None,
        lcp_element=lcp["element"] if lcp else "",
        scrolled_requests=scrolled["requests"],
        scrolled_transferred=scrolled["transferred"],
    )


def median(runs: list[Result]) -> Result:
    """The run with the median LCP (so bytes, requests and element belong to one real run)."""
    ordered = sorted(runs, key=lambda r: r.lcp_ms if r.lcp_ms is not None else float("inf"))
    middle = ordered[len(ordered) // 2]
    return replace(middle, ttfb_ms=statistics.median(r.ttfb_ms for r in runs))


def kb(value: int) -> str:
    return f"{value / 1024:.1f} KB"


def table(results: list[Result]) -> str:
    lines = [
        "| width | network | requests | transferred | of which images | LCP | LCP element | after scrolling |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lcp = f"{r.lcp_ms:.0f} ms" if r.lcp_ms is not None else "n/a"
        lines.append(
            f"| {r.width} | {r.profile} | {r.requests} | {kb(r.transferred)} | {kb(r.images)} | {lcp} "
            f"| {r.lcp_element} | {r.scrolled_requests} requests, {kb(r.scrolled_transferred)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--widths", default="phone,desktop", help="comma-separated: phone, desktop")
    parser.add_argument("--profiles", default="none,slow-4g", help="comma-separated: none, slow-4g")
    parser.add_argument("--runs", type=int, default=3, help="measurements per width and profile; the median is shown")
    parser.add_argument("--json", dest="json_path", help="also write the raw numbers here")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for url in args.urls:
            warm = browser.new_context()
            warm.new_page().goto(url, wait_until="load")  # renditions are generated on a page's first view
            warm.close()
            for width in args.widths.split(","):
                for profile in args.profiles.split(","):
                    runs = [measure(browser, url, width, profile) for _ in range(args.runs)]
                    results.append(median(runs))
        browser.close()

    for url in args.urls:
        print(f"\n{url}\n")
        print(table([r for r in results if r.url == url]))
    if args.json_path:
        with open(args.json_path, "w") as handle:
            json.dump([asdict(r) for r in results], handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
