"""Browser tests: the real server on a free port, driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.conftest import build_store, plain_connection, t

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
IDLE = ("[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db_path: Path, log_path: Path, options: tuple[str, ...] = (), env: dict | None = None,
                 port: int | None = None) -> None:
        self.port = port or _free_port()
        self.db_path = db_path
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        # No scheduled backup of a test store (it would write in the project's data/backups).
        env = {**os.environ, "HYC_DB": str(db_path), "HYC_BACKUP_HOUR": "off", **(env or {})}
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.headless", "true", "--server.address", "127.0.0.1", *options],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode() == "ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the server did not start:\n{self.log_text()}")

    def log_text(self) -> str:
        if not self.log.closed:  # a test may have stopped it to read the store
            self.log.flush()
        return self.log_path.read_text()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def served_store(tmp_path_factory):
    """A demo store for the server, and the figures the tests expect, read before the server locks it."""
    path = tmp_path_factory.mktemp("served") / "hyc.duckdb"
    url = build_store(path)
    con = plain_connection(url)
    expected = {"pool": con.execute("select count(*) from caregiver where not archived").fetchall()[0][0],
                # Someone the search box finds alone by their name, with calls to show on their record's tab.
                "called": con.execute("""
                    select c.id, c.first_name || ' ' || c.last_name, count(*) from caregiver c
                    join call on call.caregiver_id = c.id
                    where not c.archived and (select count(*) from caregiver d
                                              where d.first_name = c.first_name and d.last_name = c.last_name) = 1
                    group by all order by c.id limit 1""").fetchall()[0]}
    con.close()
    return path, expected


@pytest.fixture(scope="session")
def server(served_store, tmp_path_factory):
    path, _ = served_store
    srv = Server(path, tmp_path_factory.mktemp("log") / "streamlit.log")
    yield srv
    srv.stop()


@pytest.fixture
def own_server(tmp_path):
    """A server on a store of its own, for a test that writes: the shared one keeps its expected figures."""
    path = tmp_path / "hyc.duckdb"
    build_store(path)
    srv = Server(path, tmp_path / "streamlit.log")
    yield srv
    srv.stop()


@pytest.fixture
def prepared_server(tmp_path):
    """Servers on stores of the test's own, each shaped first: `prepared_server(prepare)` builds the demo store,
    calls `prepare(con)` with a plain DuckDB connection to it (to change rows, and to read the figures the test
    expects while no server holds the file), starts a server on it and returns the server and what `prepare`
    returned."""
    started: list[Server] = []

    def start(prepare=None):
        path = tmp_path / f"hyc{len(started)}.duckdb"
        build_store(path)
        con = duckdb.connect(str(path))
        try:
            found = prepare(con) if prepare else None
        finally:
            con.close()
        started.append(Server(path, tmp_path / f"streamlit{len(started)}.log"))
        return started[-1], found

    start.servers = started
    yield start
    for srv in started:
        srv.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test prints the server's log (of a server fixture, or of those prepared_server started)."""
    outcome = yield
    report = outcome.get_result()
    funcargs = getattr(item, "funcargs", {})
    servers = [v for v in funcargs.values() if isinstance(v, Server)]
    servers += [s for v in funcargs.values() for s in getattr(v, "servers", ())]
    if report.failed:
        for srv in servers:
            report.sections.append(("streamlit server log", srv.log_text()[-6000:]))


class FrenchBrowser:
    """Chromium as the team has it: every page and context in French (fr-FR), so that what the browser itself
    formats, the amounts of a table, reads "1 500 €" as they see it."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_page(self, **options):
        return self._browser.new_page(**{"locale": "fr-FR", **options})

    def new_context(self, **options):
        return self._browser.new_context(**{"locale": "fr-FR", **options})

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield FrenchBrowser(b)
        b.close()


# Demo accounts (README); the passwords are hyc.accounts.DEMO_PASSWORDS.
DEMO_ACCOUNTS = {"fondateur": "claire.dubois@hackyourcare.fr", "mentor": "sophie.laurent@hackyourcare.fr",
                 "lecteur": "lea.fontaine@hackyourcare.fr"}


def sign_in(page, url: str, role: str) -> None:
    """Sign in through the form, as a person does; the session cookie then serves every page of the context."""
    from hyc.accounts import DEMO_PASSWORDS

    page.goto(f"{url}/")
    wait_idle(page)
    page.get_by_role("textbox", name=t("auth.email")).fill(DEMO_ACCOUNTS[role])
    page.get_by_role("textbox", name=t("auth.password")).fill(DEMO_PASSWORDS[role])
    page.get_by_role("button", name=t("auth.submit")).click()
    page.get_by_role("button", name=t("auth.sign_out")).wait_for(timeout=30_000)
    wait_idle(page)


def signed_in_context(browser, url: str, role: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    sign_in(page, url, role)
    page.close()
    return context


@pytest.fixture(scope="session")
def founder(browser, server):
    """A browser signed in as the demo fondatrice on the shared server."""
    context = signed_in_context(browser, server.url, "fondateur")
    yield context
    context.close()


def wait_idle(page, timeout: float = 30_000, pause: float = 200) -> None:
    """Wait until the script has finished and no skeleton is left. A click's rerun starts a moment after the
    click (a round trip to the server): without the pause, the page could be read as idle before it began. A
    caller that has already seen the new run's output (a benchmark timing it) waits with no pause."""
    page.wait_for_timeout(pause)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


# What a page shows as an error: an exception, or a red alert other than a request's verdict (its news).
ERRORS = ("[data-testid='stException'], "
          "[data-testid='stAlertContentError']:not(.st-key-request-verdict [data-testid='stAlertContentError'])")


def errors_shown(page) -> list[str]:
    return page.locator(ERRORS).all_inner_texts()


def metric_value(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text()


def digits(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def dialogs_shown(page) -> int:
    """Streamlit shows a dialog such as 'Page not found' when a link is wrong."""
    return page.locator("[role=dialog]").count()
