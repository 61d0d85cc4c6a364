"""Issue 28 in Chromium: a tick in a request's ranking, a change of its narrowing filters, an addition to the
shortlist, a search typed in the sidebar and a tick in the mentoring week each run their own part of the page (a
Streamlit fragment) and nothing else; a proposal, a write, runs the whole page (the request's tabs count the new
matches).

What the server ran is read from what it sent the browser over the WebSocket: each run ends with a
`script_finished` message that says whether it was the whole script or fragments only, and every element it drew
comes as a `delta` with its place in the page (`metadata.delta_path`). A fragment's run sends nothing for the
elements outside it: the record's title and facts, the other tabs, the page's charts are neither read nor drawn
again."""

from __future__ import annotations

import re

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.conftest import errors_shown, sign_in, wait_idle
from tests.browser.test_matching_browser import HEADER_HEIGHT, MARKER_WIDTH, ROW_HEIGHT
from tests.conftest import t

WHOLE = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FRAGMENT = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


class Runs:
    """The runs the server made for this page since the last `clear()`: their end status and what they drew."""

    def __init__(self, page) -> None:
        self.page = page
        self.messages: list[ForwardMsg] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._received))

    def _received(self, payload) -> None:
        if isinstance(payload, bytes | bytearray):
            msg = ForwardMsg()
            msg.ParseFromString(bytes(payload))
            self.messages.append(msg)

    def clear(self) -> None:
        self.messages.clear()

    def finished(self, timeout_ms: int = 30_000) -> list[int]:
        """The end status of each run since `clear()`, once one has ended (a loaded machine may start the click's
        run after the page looked idle)."""
        waited = 0
        while not self._ended() and waited < timeout_ms:
            self.page.wait_for_timeout(100)
            waited += 100
        return self._ended()

    def _ended(self) -> list[int]:
        return [m.script_finished for m in self.messages if m.WhichOneof("type") == "script_finished"]

    def drawn(self) -> list[str]:
        """The text of every element sent (markdown, headings, captions), to tell what was drawn again."""
        texts = []
        for m in self.messages:
            if m.WhichOneof("type") == "delta" and m.delta.WhichOneof("type") == "new_element":
                element = m.delta.new_element
                kind = element.WhichOneof("type")
                if kind in ("markdown", "heading"):
                    texts.append(getattr(element, kind).body)
        return texts

    def roots(self) -> set[tuple[int, ...]]:
        """Where in the page the run drew: the first two steps of each delta's path."""
        return {tuple(m.metadata.delta_path[:2]) for m in self.messages if m.WhichOneof("type") == "delta"}


def only_fragments(runs: Runs) -> None:
    finished = runs.finished()
    assert finished, "no run ended"
    assert WHOLE not in finished, f"the whole page ran again: {finished}"
    # A click whose callback names the fragment to run (the shortlist's add) ends its own run early for that one.
    assert FRAGMENT in finished and set(finished) <= {FRAGMENT, EARLY}


def searching_request(con) -> int:
    """An open request naming no specialty (many eligible people), for one person on an advisory mission (a list,
    not a panel)."""
    request_id = con.execute("""select min(id) from request where status = 'en_recherche'
                                and coalesce(specialties, '') = ''""").fetchall()[0][0]
    con.execute("update request set mission_type = 'conseil', headcount = 1 where id = ?", [request_id])
    return request_id


def ranking_grid(page):
    panel = page.get_by_role("tabpanel").filter(has=page.get_by_text(t("rank.pick_hint")))
    return panel.locator("[data-testid='stDataFrame']").first


def tick(page, rows: range) -> None:
    """Tick rows of the ranked list (its selection column, drawn on a canvas), each tick's run awaited."""
    grid = ranking_grid(page)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    for i in rows:
        page.mouse.click(box["x"] + MARKER_WIDTH, box["y"] + HEADER_HEIGHT + ROW_HEIGHT * i + ROW_HEIGHT / 2)
        wait_idle(page)


def matches_in_tab(page) -> int:
    pattern = re.escape(t("record.tab_matches", n=0)).replace("0", r"(\d+)")
    label = page.get_by_role("tab").filter(has_text=re.compile(pattern)).first.inner_text()
    return int(re.search(pattern, label).group(1))


def test_a_ranking_runs_its_ticks_filters_and_shortlist_alone_and_a_proposal_runs_the_page(prepared_server, browser):
    server, request_id = prepared_server(searching_request)
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    runs = Runs(page)
    sign_in(page, server.url, "fondateur")
    page.goto(f"{server.url}/requests?request={request_id}")
    wait_idle(page)
    page.get_by_role("tab", name=t("record.tab_candidates")).click()
    wait_idle(page)
    title = page.locator("h1").first.inner_text().strip()
    before = matches_in_tab(page)

    # A tick: the ranking's fragment alone, and the tick did its work (the ticked person's detail opens).
    runs.clear()
    tick(page, range(1))
    only_fragments(runs)
    assert not any(title in text for text in runs.drawn()), "the record's title was drawn again"
    assert page.locator("[data-testid='stExpander']").filter(has_text=t("rank.detail", name="", score=0)[:8]).count()
    tick(page, range(1, 3))
    only_fragments(runs)

    # Three to the shortlist: the shortlist box alone runs (not the ranking, not the page), and shows them.
    runs.clear()
    page.get_by_role("button", name=t("shortlist.add", n=3)).click()
    page.get_by_text(t("shortlist.count", n=3)).wait_for(timeout=15_000)
    wait_idle(page)
    only_fragments(runs)
    assert errors_shown(page) == []

    # A narrowing filter: the ranking alone again.
    runs.clear()
    page.get_by_text(t("rank.filter_ready")).click()
    wait_idle(page)
    only_fragments(runs)
    assert not any(title in text for text in runs.drawn())

    # The proposal writes: the whole page runs, and the matches' tab counts three more.
    runs.clear()
    page.get_by_role("button", name=t("shortlist.propose")).click()
    page.get_by_role("tab", name=t("record.tab_matches", n=before + 3)).wait_for(timeout=15_000)
    wait_idle(page)
    assert WHOLE in runs.finished()
    assert errors_shown(page) == []


def test_a_search_and_a_tick_in_the_week_run_their_part_alone(own_server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    runs = Runs(page)
    sign_in(page, own_server.url, "mentor")
    page.goto(f"{own_server.url}/mentoring")
    wait_idle(page)
    page.get_by_role("tab", name=re.compile(re.escape(t("mentoring.tab_actions", n=0)).replace("0", r"\d+"))).click()
    wait_idle(page)
    title = page.locator("h1").first.inner_text().strip()

    runs.clear()
    grid = page.get_by_role("tabpanel").locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + MARKER_WIDTH, box["y"] + HEADER_HEIGHT + ROW_HEIGHT / 2)
    wait_idle(page)
    only_fragments(runs)
    assert not any(title in text for text in runs.drawn())
    page.get_by_text(t("week.ticked", n=1)).wait_for(timeout=15_000)  # the tick did its work

    # A search typed in the sidebar: the search box alone, its results shown.
    runs.clear()
    search = page.get_by_role("textbox", name=t("search.label"))
    search.fill("a")
    search.press("Enter")
    wait_idle(page)
    page.locator("[data-testid='stSidebar']").get_by_text(t("search.kind.caregiver")).first.wait_for(timeout=15_000)
    only_fragments(runs)
    assert not any(title in text for text in runs.drawn())
    assert errors_shown(page) == []
