"""The "Documents" part of a match on the request's record, under AppTest: its buttons for a match with terms, the
generation recorded by a click and listed "à jour", then "périmé" once the terms change; not for a reader."""

from __future__ import annotations

from hyc import db, matches, schema
from hyc.audit import Actor
from hyc.exchange import documents
from tests.conftest import TODAY, t
from tests.pages.conftest import READER, page, run_on


def fetch(path, query: str, *params):
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        with db.raw(engine) as con:
            return con.execute(query, list(params)).fetchall()
    finally:
        engine.dispose()


def a_match_with_terms(store) -> tuple[int, int]:
    """A live match with an agreed rate and days, on the request of an organisation that makes health products."""
    return fetch(store, """
        select m.id, m.request_id from match m join request r on r.id = m.request_id
        join organisation o on o.id = r.organisation_id
        where o.makes_health_products and m.agreed_day_rate > 0 and m.agreed_days > 0
          and m.stage in ('retenue', 'entretien', 'proposee_client') order by m.id limit 1""")[0]


def open_match(store, match_id: int, request_id: int, member: int | None = None):
    at = run_on(page("requests"), TODAY, **({"member": member} if member else {}), request=str(request_id))
    picker = next((s for s in at.selectbox if s.key and s.key.startswith(f"match_pick.{request_id}.")), None)
    if picker is not None and picker.value != match_id:
        at = picker.select(match_id).run()
    return at


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_a_match_with_terms_offers_its_three_documents_and_lists_each_generation_up_to_date_then_out_of_date(store):
    match_id, request_id = a_match_with_terms(store)
    at = open_match(store, match_id, request_id)
    assert not at.exception
    assert t("documents.title") in markdown(at)
    buttons = {b.key: b for b in at.download_button if b.key and b.key.startswith(f"document.{match_id}.")}
    assert list(buttons) == [f"document.{match_id}.{kind}" for kind in documents.KINDS]
    assert [b.proto.label for b in buttons.values()] == [t(f"documents.kind.{k}") for k in documents.KINDS]
    assert t("documents.none_yet") in [c.value for c in at.caption]
    # A click records the generation (the file itself is drafted by the download): listed at once, up to date.
    errors = [e.value for e in at.error]  # the request's own (its anti-gift verdict, once its dates are past)
    at = buttons[f"document.{match_id}.convention"].click().run()
    assert not at.exception and [e.value for e in at.error] == errors
    assert fetch(store, "select kind, member_id from match_document where match_id = ?", match_id) == [
        ("convention", 1)]
    assert fetch(store, "select count(*) from audit_event where action = 'document' and entity_id = ?",
                 match_id) == [(1,)]
    shown = markdown(at)
    assert t("documents.kind.convention") in shown and t("documents.current") in shown
    assert t("documents.stale") not in shown and "Claire Dubois" in shown
    # The terms change (another person, another page): the convention listed is out of date.
    rate, version = fetch(store, "select agreed_day_rate, row_version from match where id = ?", match_id)[0]
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        matches.update_terms(engine, Actor(1, "fondateur", "Claire Dubois"), match_id,
                             {"agreed_day_rate": str(rate + 50)}, expected_version=version)
    finally:
        engine.dispose()
    at = open_match(store, match_id, request_id)
    shown = markdown(at)
    assert t("documents.stale") in shown and t("documents.current") not in shown
    assert t("documents.stale_note") in [c.value for c in at.caption]


def test_a_reader_sees_no_document_buttons(store):
    match_id, request_id = a_match_with_terms(store)
    at = open_match(store, match_id, request_id, member=READER)
    assert not at.exception
    assert not [b for b in at.download_button if b.key and b.key.startswith("document.")]
