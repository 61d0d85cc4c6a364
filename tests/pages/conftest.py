"""Helpers for AppTest page tests: point the app at a store, read metrics and charts back."""

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from hyc import accounts, schema

# The demo team: 1 Claire Dubois (fondateur), 3 Léa Fontaine (lecteur), 4 Sophie Laurent (mentor).
FOUNDER, READER, MENTOR = 1, 3, 4
TIMEOUT = 30  # seconds: the first run imports pandas, plotly and opens the store
ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
OVERVIEW = str(ROOT / "pages" / "overview.py")


@pytest.fixture
def on_demo(monkeypatch, demo_url):
    monkeypatch.setenv("HYC_DB", demo_url.removeprefix("duckdb:///"))


@pytest.fixture
def store(monkeypatch, store_path):
    """The test's own copy of the seeded store (a save, a sign-in), served to the pages."""
    monkeypatch.setenv("HYC_DB", str(store_path))
    return store_path


@pytest.fixture
def on_empty(monkeypatch, empty_url):
    """A store with no data but its first account (a fondatrice, id 1), as `users add` leaves it."""
    engine = schema.open_store(empty_url)
    accounts.create(engine, None, {"full_name": "Claire Dubois", "email": "claire@hackyourcare.fr",
                                   "role": "fondateur", "password": "premier-compte-2026"})
    engine.dispose()
    monkeypatch.setenv("HYC_DB", empty_url.removeprefix("duckdb:///"))


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def _unpack(value):
    """plotly 7 packs numeric arrays as {"dtype", "bdata" (base64)}: back to a list."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist()
    return value


def plotly_specs(at):
    """Each chart's traces (with x and y unpacked) and layout."""
    specs = []
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        traces = [SimpleNamespace(**{k: _unpack(v) for k, v in trace.items()}) for trace in spec["data"]]
        specs.append(SimpleNamespace(data=traces, title=spec["layout"]["title"]["text"],
                                     separators=spec["layout"].get("separators")))
    return specs


def signed_in_as(at: AppTest, member: int | None) -> AppTest:
    """The session state a sign-in leaves (hyc.ui.auth); None: not signed in."""
    if member is not None:
        at.session_state["auth.member_id"] = member
        at.session_state["auth.last_seen"] = datetime.now(UTC).replace(tzinfo=None)
    return at


def run_on(path: str, today, member: int | None = FOUNDER, **query) -> AppTest:
    """Run one page the way the server does (app.py, then the page), with the day pinned, signed in as
    `member` (the demo's first fondatrice by default) and the URL's query parameters set."""
    at = signed_in_as(AppTest.from_file(APP, default_timeout=TIMEOUT), member)
    at.session_state["today"] = today
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(str(Path(path).relative_to(ROOT)))
    return at.run()


def open_tab(at: AppTest, key: str, name: str) -> AppTest:
    """Open one of ui.lazy_tabs's tabs by its name, as a click on it does, and run again."""
    at.session_state[f"{key}.name"] = name
    return at.run()


def page(name: str) -> str:
    return str(ROOT / "pages" / f"{name}.py")
