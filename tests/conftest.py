"""Shared fixtures: temporary stores seeded by hyc.demo at a small fixed seed."""

from __future__ import annotations

import os
import shutil
import socket
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pytest

from hyc import db, demo, i18n, schema

# Pages run under AppTest open the store as the app does, which starts the daily backups: not in tests (they
# would write in the project's data/backups); the tests of the schedule switch it on for themselves.
os.environ["HYC_BACKUP_HOUR"] = "off"

# A fixed end of history, so that every run sees the same rows.
TODAY = date(2026, 11, 23)
SEED = 7
SCALE = 0.2  # 300 caregivers: every view has something to show, and it loads in well under a second


def build_store(path: Path, scale: float = SCALE, seed: int = SEED) -> str:
    """A store file filled with demo data; the engine is closed again so other processes may open it."""
    url = f"duckdb:///{path}"
    engine = schema.open_store(url)
    try:
        demo.build(engine, scale=scale, seed=seed, today=TODAY)
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session", autouse=True)
def _secret_key_outside_the_repository(tmp_path_factory):
    """The objection list's key file (HYC_SECRET_FILE) of the test run, servers included."""
    os.environ["HYC_SECRET_FILE"] = str(tmp_path_factory.mktemp("secret") / "hyc.secret")


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory) -> str:
    """Built once per session: generating and loading is the costly part, and tests only read it."""
    return build_store(tmp_path_factory.mktemp("demo") / "hyc.duckdb")


@pytest.fixture
def demo_engine(demo_url):
    engine = schema.open_store(demo_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store_path(demo_url, tmp_path) -> Path:
    """A copy of the seeded store file for a test that writes: the session's demo store is only read."""
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_url.removeprefix("duckdb:///"), path)
    return path


@pytest.fixture
def engine(store_path):
    """An engine on the test's own copy of the seeded store."""
    engine = schema.open_store(f"duckdb:///{store_path}")
    yield engine
    from hyc import progress
    drift = progress.drift(engine)  # whatever the test wrote, where each caregiver stands is still true
    spans = progress.span_drift(engine)  # and when each match event ended
    engine.dispose()
    assert drift.empty, f"caregiver_progress out of step for {drift.caregiver_id.tolist()[:10]}"
    assert spans.empty, f"match_event.left_at out of step for matches {spans.match_id.unique().tolist()[:10]}"


def t(key: str, **values) -> str:
    """An interface string as a French reader sees it: page tests look strings up, so a copy edit breaks none."""
    return i18n.t(key, "fr", **values)


def fetch(engine, query: str, *params):
    """Plain SQL on an engine, for figures computed independently of hyc."""
    with db.raw(engine) as con:
        return con.execute(query, list(params)).fetchall()


@pytest.fixture
def empty_url(tmp_path) -> str:
    url = f"duckdb:///{tmp_path / 'empty.duckdb'}"
    schema.open_store(url).dispose()
    return url


@pytest.fixture
def sql(demo_engine):
    """Plain SQL on the demo store, for expected figures computed independently of hyc.reads."""
    def run(query: str, params=None):
        with db.raw(demo_engine) as con:
            return con.execute(query, params or []).fetchall()
    return run


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """st.cache_data and st.cache_resource outlive AppTest instances within one pytest process."""
    yield
    import sys
    if "hyc.ui.store" in sys.modules:
        sys.modules["hyc.ui.store"].forget_reads()  # the reads made lately too
    if "streamlit" in sys.modules:
        import streamlit as st
        st.cache_data.clear()
        st.cache_resource.clear()


def plain_connection(url: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(url.removeprefix("duckdb:///"))


@contextmanager
def local_smtp(refused: set[str] | None = None):
    """A local SMTP server (aiosmtpd) on a free port: yields its port and the list the messages it receives go to,
    as parsed e-mails. An address put in `refused` is refused at RCPT (550), as a server refuses an unknown
    mailbox."""
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    received, refused = [], refused if refused is not None else set()

    class Keep:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's)
            if address in refused:
                return "550 5.1.1 Mailbox unavailable"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            received.append(message_from_bytes(envelope.original_content, policy=policy.default))
            return "250 OK"

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


def point_at(monkeypatch, port: int) -> None:
    """The app's SMTP settings pointed at a local server."""
    monkeypatch.setenv("HYC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HYC_SMTP_PORT", str(port))
    monkeypatch.setenv("HYC_SMTP_SECURITY", "none")


@pytest.fixture
def smtp_server(monkeypatch):
    """A local SMTP server, and the settings that point the app at it: yields what it receives."""
    with local_smtp() as (port, received):
        point_at(monkeypatch, port)
        yield received
