"""Helpers for AppTest page tests: point the app at a store, read metrics and charts back."""

import base64
import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 30  # seconds: the first run imports pandas, plotly and opens the store
ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
OVERVIEW = str(ROOT / "pages" / "overview.py")


@pytest.fixture
def on_demo(monkeypatch, demo_url):
    monkeypatch.setenv("HYC_DB", demo_url.removeprefix("duckdb:///"))


@pytest.fixture
def on_empty(monkeypatch, empty_url):
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
        specs.append(SimpleNamespace(data=traces, title=spec["layout"]["title"]["text"]))
    return specs


def run_on(path: str, today, state: dict | None = None, **query) -> AppTest:
    """Run one page the way the server does (app.py, then the page), with the day pinned, `state` in the
    session (the acting member…) and the URL's query parameters set."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["today"] = today
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(str(Path(path).relative_to(ROOT)))
    return at.run()


def page(name: str) -> str:
    return str(ROOT / "pages" / f"{name}.py")
