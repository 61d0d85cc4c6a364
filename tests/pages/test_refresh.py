"""After a write, the reads the team made lately are computed again at the new version before anyone asks
(hyc.ui.store.Refresher): the next visit to a page finds them ready, and shows the write."""

import threading
import uuid
from datetime import datetime

import pytest

from hyc import db, organisations, requests, schema
from hyc.models import PARIS
from hyc.ui import store as ui_store
from tests.conftest import t
from tests.helpers import FOUNDER, VALID_ORGANISATION, VALID_REQUEST
from tests.pages.conftest import OVERVIEW, metric, page, run_on

TODAY = datetime.now(PARIS).date()  # a request created now is open today (the demo's pinned day is before it)


@pytest.fixture
def queries(monkeypatch):
    """How many queries the pages (and the refresher) sent to the store through hyc.db.read_df."""
    sent = []
    real = db.read_df

    def counted(engine, sql, params=None):
        sent.append(sql)
        return real(engine, sql, params)

    monkeypatch.setattr(db, "read_df", counted)
    return sent


def open_requests(store_path) -> int:
    engine = schema.open_store(f"duckdb:///{store_path}")
    try:
        with db.raw(engine) as con:
            return con.execute("select count(*) from request where not archived and status in "
                               "('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes')").fetchall()[0][0]
    finally:
        engine.dispose()


def new_request(store_path) -> None:
    """A write made elsewhere (another member's session): a new request, so one more open request."""
    engine = schema.open_store(f"duckdb:///{store_path}")
    try:
        org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": f"Cardiotech {uuid.uuid4()}"})
        requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    finally:
        engine.dispose()


def test_after_a_write_the_refresh_leaves_the_overview_ready_and_up_to_date(store, queries):
    at = run_on(OVERVIEW, TODAY)
    assert metric(at, t("overview.open_requests")) == str(open_requests(store))

    # Without a refresh, the first visit after a write runs the page's queries again.
    new_request(store)
    queries.clear()
    at.run()
    assert len(queries) >= 10
    assert metric(at, t("overview.open_requests")) == str(open_requests(store))

    # With it, the same visit sends none, and shows the new request.
    new_request(store)
    queries.clear()
    assert ui_store.refresher.refresh() >= 10
    assert len(queries) >= 10
    queries.clear()
    at.run()
    assert not at.exception
    assert queries == []
    assert metric(at, t("overview.open_requests")) == str(open_requests(store))


def test_a_refresh_stops_at_the_next_write_and_an_erasure_forgets_every_read(store, queries, monkeypatch):
    run_on(OVERVIEW, TODAY)
    real = db.data_version
    asked = []

    def moving(engine):  # a write lands after the round has begun
        asked.append(1)
        return real(engine) + len(asked)

    monkeypatch.setattr(db, "data_version", moving)
    queries.clear()
    assert ui_store.refresher.refresh() == 0
    assert queries == []
    monkeypatch.setattr(db, "data_version", real)
    assert ui_store.refresher.refresh() >= 10

    ui_store.forget_reads()
    assert ui_store.refresher.refresh() == 0
    queries.clear()
    run_on(OVERVIEW, TODAY)  # nothing cached is left either: the page reads the store again
    assert len(queries) >= 10


def test_in_the_served_app_a_write_seen_by_any_run_refreshes_the_other_pages(store, queries, monkeypatch):
    monkeypatch.setattr(ui_store.refresher, "background", lambda: True)  # as in the served app
    done = threading.Event()
    real_refresh = ui_store.refresher.refresh

    def refresh():
        try:
            return real_refresh()
        finally:
            done.set()

    monkeypatch.setattr(ui_store.refresher, "refresh", refresh)
    at = run_on(OVERVIEW, TODAY)  # a founder on the Overview
    new_request(store)
    run_on(page("audit_log"), TODAY)  # a teammate's run on another page sees the write first
    assert done.wait(30)
    queries.clear()
    at.run()  # the founder's next visit
    assert not at.exception
    assert queries == []
    assert metric(at, t("overview.open_requests")) == str(open_requests(store))
