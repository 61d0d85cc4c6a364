"""The server's start computes the reads the pages open with (hyc.ui.opening): after it, every page's first run at
its default filters finds all its reads ready and sends no query to the store."""

from datetime import datetime

import pytest
import streamlit as st

from hyc import db
from hyc.models import PARIS
from hyc.ui import opening, shell
from hyc.ui import store as ui_store
from tests.pages.conftest import FOUNDER, MENTOR, READER, page, run_on

TODAY = datetime.now(PARIS).date()
VERSION_SQL = "select count(*) from audit_event"  # the data version, read once per run whatever the cache holds


@pytest.fixture
def queries(monkeypatch):
    """The queries sent to the store through hyc.db, the data version's aside."""
    sent = []
    for name in ("read_df", "read_arrow_df", "scalar"):
        real = getattr(db, name)

        def counted(engine, sql, params=None, real=real):
            if sql != VERSION_SQL:
                sent.append(sql)
            return real(engine, sql, params)

        monkeypatch.setattr(db, name, counted)
    return sent


def made() -> set:
    return set(ui_store.refresher._recent)


def every_page(role: str) -> list[str]:
    return [name for name, _title, _icon in shell.pages_for(role)]


@pytest.mark.parametrize(("member", "role"), [(FOUNDER, "fondateur"), (MENTOR, "mentor"), (READER, "lecteur")])
def test_after_the_warm_start_every_page_opens_without_a_query(on_demo, queries, member, role):
    st.cache_data.clear()
    ui_store.forget_reads()
    assert opening.warm(TODAY) >= 30
    warmed = made()
    for name in every_page(role):
        queries.clear()
        at = run_on(page(name), TODAY, member=member)
        assert not at.exception, name
        assert made() <= warmed, (name, made() - warmed)  # no read this list does not know
        assert queries == [], (name, queries)


def test_without_the_warm_start_the_overview_queries_the_store(on_demo, queries):
    """The test above can fail: a cold page does query."""
    st.cache_data.clear()
    ui_store.forget_reads()
    run_on(page("overview"), TODAY)
    assert len(queries) >= 10
