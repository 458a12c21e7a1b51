"""Screenshots of the main pages on desktop and phone, to look at before calling a change done.

    .venv/bin/python -m tests.browser.screenshots OUT_DIR

Builds the sample site into OUT_DIR/work, serves it on 127.0.0.1 and writes
OUT_DIR/<page>-<desktop|phone>[-dark].png.
"""

from __future__ import annotations

import functools
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, _QuietHandler
from tests.browser.site import build_site

PAGES = {
    "home": "",
    "article": "articles/2025/12/former-japanese-minister-calls-on-japan-taiwan-and-other/",
    "brief": "articles/2025/12/citing-more-than-1-000-fraud-cases/",
    "topic": "topics/politics/",
    "region": "regions/taiwan/",
    "regions": "regions/",
    "archive": "archive/",
    "search": "search/?q=賴清德",
    "missing": "no-such-page/",
}


def main(out: Path) -> None:
    work = out / "work"
    (work / "site").mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(work / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(work, url)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(url + path)
                    if name == "search":
                        page.wait_for_selector(".pagefind-ui__result", timeout=5000)
                    suffix = "" if scheme == "light" else "-dark"
                    page.screenshot(path=out / f"{name}-{device}{suffix}.png", full_page=True)
                context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
