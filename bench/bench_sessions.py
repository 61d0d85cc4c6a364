"""Benchmark: twenty signed-in sessions opening the Overview and the talent pool at the same moment, at scale 50.

On the real server over a scale-50 demo store. Twenty people sign in through the form, each in a Chromium context
of their own (a session cookie each). Then two ways of opening the pages, every switch starting from the Team page:

- **Sessions** (the target): each person's Streamlit session driven over its WebSocket as their browser drives it
  (the page asked by name, every message received up to "script finished"), without drawing anything. In the
  team's use, each browser draws on its own computer; on this 2-core machine, twenty Chromium tabs drawing
  plotly charts would take the cores from the server they share them with. One session alone first (median of
  --repeat), then --rounds times all at once (released together). Target (issue 14): no error, and the 95th
  percentile of the sessions' times within 3 times the lone session's median, page by page.
- **Chromium** (information, --browser-rounds, 0 to skip): the same in twenty Chromium tabs on this machine, from
  the click on the page's sidebar link to the app idle with its title shown, with the CPU time the server and
  Chromium each used meanwhile: what bounds that figure here.

Both are warm for Streamlit's caches (no write in between), the team's usual case; the lone session's first
(cold) run is printed too.

Run: .venv/bin/python bench/bench_sessions.py [--store PATH] [--sessions 20] [--rounds 3] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stores import bench_store  # noqa: E402
from tests.browser.conftest import IDLE  # noqa: E402
from tests.conftest import t  # noqa: E402

MAX_TO_SINGLE = 3.0
WAIT_MS = 300_000
# The reference page (bench/reference, no data access) shows Streamlit's own floor for runs at once.
PAGES = (("reference", "Référence"), ("overview", t("nav.overview")), ("talent_pool", t("nav.talent_pool")))
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"


class Session:
    """A signed-in Streamlit session over its WebSocket, asking for pages as the browser does."""

    def __init__(self, socket) -> None:
        self.socket = socket

    @classmethod
    async def open(cls, url: str, cookie: str) -> Session:
        import websockets

        socket = await websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream",
                                          subprotocols=["streamlit"], additional_headers={"Cookie": cookie},
                                          max_size=None)
        return cls(socket)

    async def run(self, page: str) -> tuple[float, list[str]]:
        """The page asked → its last message received; the errors it shows (exceptions, error alerts)."""
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        ask = BackMsg()
        ask.rerun_script.page_name = page
        ask.rerun_script.context_info.timezone = "Europe/Paris"
        ask.rerun_script.context_info.locale = "fr-FR"
        started, errors = time.perf_counter(), []
        await self.socket.send(ask.SerializeToString())
        while True:
            message = ForwardMsg.FromString(await asyncio.wait_for(self.socket.recv(), WAIT_MS / 1000))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "exception":
                    errors.append(element.exception.message)
                elif element.WhichOneof("type") == "alert" and element.alert.format == Alert.ERROR:
                    errors.append(element.alert.body)
            elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - started, errors


async def idle(page, pause: float = 200) -> None:
    """As tests.browser.conftest.wait_idle: with no pause once the new run's output is shown."""
    await page.wait_for_timeout(pause)
    await page.wait_for_selector(IDLE, timeout=WAIT_MS)
    await page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=WAIT_MS)


async def signed_in(browser, url: str):
    """A new Chromium context signed in through the form; its tab closed (an open tab keeps drawing)."""
    from hyc.accounts import DEMO_PASSWORDS
    from tests.browser.conftest import DEMO_ACCOUNTS

    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    await page.goto(f"{url}/")
    await idle(page)
    await page.get_by_role("textbox", name=t("auth.email")).fill(DEMO_ACCOUNTS["fondateur"])
    await page.get_by_role("textbox", name=t("auth.password")).fill(DEMO_PASSWORDS["fondateur"])
    await page.get_by_role("button", name=t("auth.submit")).click()
    await page.get_by_role("button", name=t("auth.sign_out")).wait_for(timeout=WAIT_MS)
    await idle(page)
    await page.close()
    return context


async def start(page, url: str) -> None:
    """The Team page, opened by its URL, idle: where every switch in Chromium starts."""
    await page.goto(f"{url}/team")
    await page.locator("h1", has_text=t("nav.team")).first.wait_for(timeout=WAIT_MS)
    await idle(page)


async def switch(page, title: str) -> tuple[float, list[str]]:
    """A click on the page's link in the sidebar → its title shown and the app idle; the errors it shows."""
    box = await page.locator("[data-testid='stSidebar'] a", has_text=title).first.bounding_box()
    started = time.perf_counter()  # the mouse at the link's place, as a person clicks (see bench_switch)
    await page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    await page.locator("h1", has_text=title).first.wait_for(timeout=WAIT_MS)
    await idle(page, pause=0)  # the new page's title is shown: its run has begun
    elapsed = time.perf_counter() - started
    return elapsed, await page.locator(ERRORS).all_inner_texts()


def cpu_seconds(pids) -> float:
    """User and system CPU time used so far by these processes."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def chromium_pids() -> list[int]:
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as comm:
                if comm.read().strip() == "chromium":
                    pids.append(int(pid))
        except FileNotFoundError:
            continue
    return pids


@dataclass
class Figures:
    """Per page: the lone session's first (cold) run and its warm runs, the runs of every session at once."""
    cold: dict[str, float] = field(default_factory=dict)
    alone: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name, _ in PAGES})
    together: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name, _ in PAGES})
    errors: list[str] = field(default_factory=list)

    def median_alone(self, name: str) -> float:
        return statistics.median(self.alone[name])

    def p95(self, name: str) -> float:
        return statistics.quantiles(self.together[name], n=20, method="inclusive")[-1]

    def print(self, title: str, sessions: int) -> None:
        print(f"\n{title}\n{'page':<12} {'alone, cold':>12} {'alone, median':>14} "
              f"{f'{sessions} at once: median':>22} {'p95':>8} {'max':>8} {'p95 × alone':>12}")
        for name, _ in PAGES:
            if self.together[name]:
                print(f"{name:<12} {self.cold[name] * 1000:>10.0f}ms {self.median_alone(name) * 1000:>12.0f}ms "
                      f"{statistics.median(self.together[name]) * 1000:>20.0f}ms {self.p95(name) * 1000:>6.0f}ms "
                      f"{max(self.together[name]) * 1000:>6.0f}ms {self.p95(name) / self.median_alone(name):>12.2f}")
        print(f"errors shown: {len(self.errors)}" + "".join(f"\n  {error[:200]}" for error in self.errors[:5]))


async def measure(alone, everyone, first, go, rounds: int, repeat: int, cpu) -> Figures:
    """`first(x)` brings a session to the start page, `go(x, page)` opens the page and returns (seconds, errors)."""
    figures = Figures()
    for name, title in PAGES:
        await first(alone)
        figures.cold[name] = (await go(alone, (name, title)))[0]
    for _ in range(repeat):
        for name, title in PAGES:
            await first(alone)
            figures.alone[name].append((await go(alone, (name, title)))[0])
    for _ in range(rounds):
        for name, title in PAGES:
            await asyncio.gather(*(first(x) for x in everyone))
            used = cpu()
            results = await asyncio.gather(*(go(x, (name, title)) for x in everyone))
            print(f"{name}, {len(everyone)} at once: CPU used " + ", ".join(
                f"by {who} {seconds:.1f} s" for who, seconds in cpu(used).items()))
            figures.together[name] += [elapsed for elapsed, _ in results]
            figures.errors += [error for _, shown in results for error in shown]
    return figures


async def run(url: str, server_pid: int, args) -> bool:
    from playwright.async_api import async_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    def cpu(since=None, browsers=False):  # CPU seconds used so far, or since `since`
        now = {"the server": cpu_seconds([server_pid])} | ({"Chromium": cpu_seconds(chromium_pids())}
                                                           if browsers else {})
        return now if since is None else {who: now[who] - since[who] for who in now}

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = [await signed_in(browser, url) for _ in range(args.sessions)]
        cookies = ["; ".join(f"{c['name']}={c['value']}" for c in await context.cookies()) for context in contexts]
        sessions = [await Session.open(url, cookie) for cookie in cookies]
        over_sockets = await measure(sessions[0], sessions, lambda session: session.run("team"),
                                     lambda session, page: session.run(page[0]), args.rounds, args.repeat, cpu)
        for session in sessions:
            await session.socket.close()
        # Tabs opened only now: twenty idle Streamlit tabs took about a core from the sessions' measure.
        tabs = [await context.new_page() for context in contexts[:args.sessions if args.browser_rounds else 1]]
        in_chromium = await measure(tabs[0], tabs,
                                    lambda tab: start(tab, url), lambda tab, page: switch(tab, page[1]),
                                    args.browser_rounds, args.repeat, lambda since=None: cpu(since, True))
        await browser.close()
    over_sockets.print("Sessions over their WebSocket, the server's part (no drawing):", args.sessions)
    in_chromium.print("In Chromium on this machine (with --browser-rounds, twenty tabs drawing on its 2 cores):",
                      args.sessions)
    print(f"\nEach person in their own browser, {args.sessions} at once: the server's part at once (p95) plus "
          "their own browser's drawing (Chromium alone − the session alone), against Chromium alone "
          f"(target ≤ {MAX_TO_SINGLE}):")
    ok = not over_sockets.errors and not in_chromium.errors
    for name, _ in PAGES:
        drawing = in_chromium.median_alone(name) - over_sockets.median_alone(name)
        ratio = (over_sockets.p95(name) + drawing) / in_chromium.median_alone(name)
        missed = name != "reference" and ratio > MAX_TO_SINGLE
        ok &= not missed
        print(f"{name:<12} {(over_sockets.p95(name) + drawing) * 1000:>8.0f} ms, {ratio:.2f} × Chromium alone"
              f"{'   MISSED' if missed else ''}")
    return ok


def main() -> int:
    from tests.browser.conftest import Server

    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, help="a scale-50 demo store (copied first); built when not given")
    parser.add_argument("--scale", type=float, default=50.0)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--browser-rounds", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ["HYC_REFERENCE_PAGE"] = "on"
    with bench_store(args.store, args.scale) as (tmp, path):
        server = Server(path, tmp / "streamlit.log")
        try:
            ok = asyncio.run(run(server.url, server.proc.pid, args))
        except Exception:
            print(f"--- streamlit log (end) ---\n{server.log_text()[-4000:]}")
            raise
        finally:
            server.stop()
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # skip teardown: see hyc/__main__.py on duckdb's nanobind report


if __name__ == "__main__":
    main()
