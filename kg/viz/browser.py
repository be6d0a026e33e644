"""Headless Chromium driven by Selenium, for the desk's browser tests, benchmark and screenshots.

Not used by kg itself: the desk is a file any browser opens. Selenium is in
the ``dev`` extra and the browser is Debian's ``chromium`` with its
``chromium-driver``; :func:`missing` says which is absent, so a caller can
skip with that reason.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

from kg.errors import KGError

__all__ = ["missing", "chromium", "wait_ready"]


def _binaries() -> tuple[str | None, str | None]:
    return shutil.which("chromium"), shutil.which("chromedriver")


def missing() -> str | None:
    """Why no browser can be driven here (None when one can)."""
    browser, driver = _binaries()
    if browser is None:
        return "chromium not found on PATH (Debian package 'chromium')"
    if driver is None:
        return "chromedriver not found on PATH (Debian package 'chromium-driver')"
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


def chromium(width: int = 1400, height: int = 900, profile: Path | None = None) -> Any:
    """A headless Chromium with networking to the outside world off (the desk needs none)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    reason = missing()
    if reason:
        raise KGError(f"cannot drive a browser: {reason}")
    browser, driver = _binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--hide-scrollbars", f"--window-size={width},{height}"):
        options.add_argument(flag)
    if profile is not None:
        options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(service=Service(driver), options=options)


def wait_ready(driver: Any, timeout: float = 60.0) -> dict[str, int]:
    """Wait until the desk has drawn its graph and its cards; its timings in ms since navigation began.

    ``ready`` is when the cards and filters are up, ``first_draw`` when the
    graph's canvas was first drawn, ``load`` the page's load event.
    """
    from selenium.webdriver.support.ui import WebDriverWait

    def timings(d: Any) -> dict[str, int] | None:
        return d.execute_script(
            "var h = document.documentElement, n = performance.getEntriesByType('navigation')[0];"
            "if (!h.hasAttribute('data-ready-ms') || !h.hasAttribute('data-first-draw-ms') || !n || !n.loadEventEnd) return null;"
            "return {ready: +h.getAttribute('data-ready-ms'), first_draw: +h.getAttribute('data-first-draw-ms'),"
            " load: Math.round(n.loadEventEnd)};"
        )

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(timings)
