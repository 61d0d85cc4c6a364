"""A request's ranked candidates, its panel and the shortlist, under AppTest."""

from __future__ import annotations

from hyc import matches, matching, schema, vocab
from hyc.ui.fmt import fmt_int
from hyc.ui.widgets import ids_digest
from tests.conftest import TODAY, t
from tests.pages.conftest import page, run_on
from tests.pages.test_forms import counts, fetch


def open_request(request_id: int):
    """A request's record with its ranking tab open (the tab runs only when open)."""
    at = run_on(page("requests"), TODAY, request=str(request_id))
    at.session_state[f"request_tabs.{request_id}"] = t("record.tab_candidates")
    return at.run()


def ranked_table(at):
    assert not at.exception, at.exception
    return next(d.value for d in at.dataframe if "weak" in d.value.columns and "group" not in d.value.columns)


def tick(at, request_id: int, rows: list[int]):
    """Tick rows of the ranked table, as a person does (the table's key follows the rows it shows)."""
    key = f"rank.table.{request_id}.{ids_digest(ranked_table(at))}"
    at.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return at.run()


def panel_table(at):
    return next(d.value for d in at.dataframe if "group" in d.value.columns)


def ranking_of(path, request_id: int) -> matching.Ranking:
    """The ranking as the tab first shows it: an on-site mission's region, a remote mission's remote workers."""
    [(mode, region)] = fetch(path, "select work_mode, region from request where id = ?", request_id)
    narrowing = matching.Narrowing(regions=(region,) if mode == "presentiel" else (), remote=mode == "distanciel")
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        return matching.rank(engine, request_id, TODAY, None, narrowing)
    finally:
        engine.dispose()


def _searching_request(path) -> int:
    """A request naming no specialty, with matches: many eligible people to rank (a specialty named is a must)."""
    return fetch(path, "select min(id) from request where status = 'en_recherche' "
                       "and coalesce(specialties, '') = '' and id in (select request_id from match)")[0][0]


def test_the_ranking_tab_lists_every_eligible_caregiver_best_first_and_counts_who_is_left_out(store):
    request_id = _searching_request(store)
    # Eligible, counted independently: in the pool, of a profession asked, not on the request yet.
    [(eligible,)] = fetch(store, """
        select count(*) from caregiver c, request r where r.id = ? and not c.archived and c.erased_at is null
          and list_contains(string_split(r.professions, ','), c.profession)
          and c.id not in (select caregiver_id from match where request_id = r.id)""", request_id)
    [(other,)] = fetch(store, """
        select count(*) from caregiver c, request r where r.id = ? and not c.archived
          and not list_contains(string_split(r.professions, ','), c.profession)""", request_id)
    at = open_request(request_id)
    captions = [c.value for c in at.caption]
    assert any(c.startswith(t("rank.count", n=eligible, shown=fmt_int(eligible))) for c in captions)
    assert any(t("rank.excluded.other_profession", n=other) in c for c in captions)
    shown = ranked_table(at)
    expected = ranking_of(store, request_id).rows.head(100)
    assert list(shown.id) == list(expected.id) and list(shown.score) == list(expected.score)
    assert shown.score.is_monotonic_decreasing


def test_ticked_candidates_show_their_score_s_parts_and_go_to_the_shortlist_then_onto_the_request(store):
    request_id = _searching_request(store)
    at = open_request(request_id)
    top = ranked_table(at).head(3)
    tick(at, request_id, [0, 1, 2])
    assert [e.label for e in at.expander][:3] == [t("rank.detail", name=row["name"], score=row.score)
                                                  for _, row in top.iterrows()]
    # The first one's parts, a line each ("| Spécialité | 20 / 20 | … |"), add up to the score.
    detail = next(m.value for m in at.markdown if m.value.startswith(f"| {t('col.part')} |"))
    points = [line.split(" | ")[1] for line in detail.splitlines()[2:]]
    assert sum(int(p.split(" / ")[0]) for p in points) == top.score.iloc[0]
    next(b for b in at.button if b.key == f"rank.add.{request_id}").click()
    at.run()
    assert at.session_state["shortlist"] == [int(i) for i in top.id]
    before = counts(store)
    next(b for b in at.button if b.key == "shortlist.propose").click()
    at.run()
    assert not at.exception and at.session_state["shortlist"] == []
    assert fetch(store, f"""select caregiver_id, stage from match where request_id = ? and caregiver_id in
                            ({", ".join("?" * 3)}) order by caregiver_id""", request_id, *[int(i) for i in top.id]) \
        == sorted((int(i), "suggeree") for i in top.id)
    after = counts(store)
    assert after["match"] == before["match"] + 3 and after["audit_event"] > before["audit_event"]


def test_a_shortlist_over_the_cap_takes_what_fits_and_says_so(store):
    request_id = _searching_request(store)
    at = open_request(request_id)
    top = [int(i) for i in ranked_table(at).id.head(3)]
    others = [i for (i,) in fetch(store, "select id from caregiver order by id")  if i not in top]
    at.session_state["shortlist"] = others[:matches.MAX_AT_ONCE - 1]  # one seat left
    tick(at, request_id, [0, 1, 2])
    next(b for b in at.button if b.key == f"rank.add.{request_id}").click()
    at.run()
    assert at.session_state["shortlist"] == others[:matches.MAX_AT_ONCE - 1] + top[:1]
    assert t("shortlist.full", cap=matches.MAX_AT_ONCE, n=2) in [w.value for w in at.warning]


def test_a_workshop_s_panel_seats_each_specialty_asked_and_a_swap_to_anyone_is_kept_with_the_request(store):
    request_id = fetch(store, """select min(id) from request where status = 'en_recherche' and mission_type = 'atelier'
                                 and headcount > 3 and professions = 'medecin'""")[0][0]
    at = open_request(request_id)  # a workshop of several: the panel is on by default
    seated = panel_table(at)
    ranking = ranking_of(store, request_id)
    headcount = fetch(store, "select headcount from request where id = ?", request_id)[0][0]
    assert len(seated) == min(headcount, len(ranking.rows))
    # Each specialty asked that the list holds has a seat before any holds two (as the table labels them).
    asked = {vocab.SPECIALTIES.label(code) for code in
             set(ranking.request["specialties"].split(",")) & set(ranking.rows.specialty)}
    assert set(seated.specialty) == asked if len(seated) >= len(asked) else seated.specialty.nunique() == len(seated)
    counts_ = seated.specialty.value_counts()
    assert counts_.max() - counts_.min() <= 1  # round the specialties, never 5, 4 and 1
    # Replace the first member by the best of the list off the panel, of whatever specialty.
    first = int(seated.id.iloc[0])
    coming = int(ranking.rows[~ranking.rows.id.isin(seated.id)].id.iloc[0])
    at.selectbox(key=f"panel.{request_id}.leaving").select(first)
    at.selectbox(key=f"panel.{request_id}.coming").select(coming).run()
    next(b for b in at.button if b.key == f"panel.{request_id}.swap").click()
    at.run()
    after = panel_table(at)
    assert int(after.id.iloc[0]) == coming and first not in set(after.id)
    assert any(c.value.startswith(t("panel.swapped", out=seated["name"].iloc[0], by=after["name"].iloc[0]))
               for c in at.success)
    kept = [int(i) for i in fetch(store, "select panel from request where id = ?", request_id)[0][0].split(",")]
    assert kept == [coming, *[int(i) for i in seated.id.iloc[1:]]]
    # A new session (a reload) shows the panel kept; discarding it brings the proposed one back.
    again = open_request(request_id)
    assert list(panel_table(again).id) == kept
    next(b for b in again.button if b.key == f"panel.{request_id}.discard").click()
    again.run()
    assert fetch(store, "select panel from request where id = ?", request_id) == [(None,)]
    assert list(panel_table(again).id) == list(seated.id)


def test_the_ranking_runs_only_once_its_tab_is_open(store):
    request_id = _searching_request(store)
    at = run_on(page("requests"), TODAY, request=str(request_id))
    assert not [d for d in at.dataframe if "weak" in d.value.columns]
    at.session_state[f"request_tabs.{request_id}"] = t("record.tab_candidates")
    assert [d for d in at.run().dataframe if "weak" in d.value.columns]


def test_a_reader_sees_no_ranking_tab_to_write_from(store):
    from tests.pages.conftest import READER
    request_id = _searching_request(store)
    at = run_on(page("requests"), TODAY, member=READER, request=str(request_id))
    assert not [d for d in at.dataframe if "weak" in d.value.columns]
    assert not [b for b in at.button if (b.key or "").startswith(("rank.", "shortlist."))]


def test_ticks_never_move_to_other_people_when_the_list_changes(store):
    """A filter that changes the rows shown starts a new table: nothing stays ticked on whoever now sits there."""
    request_id = _searching_request(store)
    at = tick(open_request(request_id), request_id, [3])
    assert next(b for b in at.button if b.key == f"rank.add.{request_id}").label == t("shortlist.add", n=1)
    at.selectbox(key=f"rank.avail.{request_id}").select(8).run()
    assert next(b for b in at.button if b.key == f"rank.add.{request_id}").label == t("shortlist.add", n=0)
    assert not [e for e in at.expander if e.label.startswith(t("rank.detail", name="", score=0)[:9])]


def test_someone_already_on_the_request_is_named_not_dropped_in_silence(store):
    request_id = _searching_request(store)
    at = open_request(request_id)
    fresh = [int(i) for i in ranked_table(at).id.head(2)]
    [(on_it, name)] = fetch(store, """select c.id, concat_ws(' ', c.first_name, c.last_name) from match m
                                      join caregiver c on c.id = m.caregiver_id where m.request_id = ?
                                      and not c.archived order by c.id limit 1""", request_id)
    at.session_state["shortlist"] = [*fresh, on_it]
    at.run()
    next(b for b in at.button if b.key == "shortlist.propose").click()
    at.run()
    assert any(t("shortlist.already", names=[name]) in toast.value.replace("\\", "") for toast in at.toast)
    assert fetch(store, "select count(*) from match where request_id = ? and caregiver_id = ?", request_id,
                 on_it) == [(1,)]
    assert at.session_state["shortlist"] == []


def test_an_archived_caregiver_in_the_shortlist_is_marked_and_left_unticked(store):
    request_id = _searching_request(store)
    at = open_request(request_id)
    fresh = int(ranked_table(at).id.iloc[0])
    [(archived, name)] = fetch(store, "select id, concat_ws(' ', first_name, last_name) from caregiver "
                                      "where archived and erased_at is null order by id limit 1")
    at.session_state["shortlist"] = [fresh, archived]
    at.run()
    picked = next(m for m in at.multiselect if m.label == t("shortlist.picked"))
    assert picked.value == [fresh]
    next(b for b in at.button if b.key == "shortlist.propose").click()
    at.run()
    assert fetch(store, "select count(*) from match where request_id = ? and caregiver_id in (?, ?)", request_id,
                 fresh, archived) == [(1,)]
    assert at.session_state["shortlist"] == [archived]


# --- The request's own verdict (issue 26) -------------------------------------------------------------------------

def _health_request(store, **values) -> int:
    """A searching request of a health-products client, shaped by `values`."""
    request_id = _searching_request(store)
    sets = ", ".join(f"{name} = ?" for name in values)
    fetch(store, f"update request set {sets} where id = ?", *values.values(), request_id)
    fetch(store, "update organisation set makes_health_products = true where id = "
                 "(select organisation_id from request where id = ?)", request_id)
    return request_id


def test_a_request_too_late_for_the_authorisation_says_so_in_red_with_its_figures_and_ways_out(store):
    from datetime import date

    from dateutil.relativedelta import relativedelta
    start = date(2027, 1, 4)  # two calendar months before: 4 November 2026, before TODAY (23 November)
    request_id = _health_request(store, budget_day_rate=690, expected_days=4, start_date=start)
    at = open_request(request_id)
    [verdict] = [e.value for e in at.error if t("record.verdict") in e.value]
    # Written out by hand: 690 € × 4 = 2 760 €; 2 days (1 380 €) and 499 € × 4 (1 996 €) stay under 2 000 €.
    assert "690\u202f€ × 4 jours = 2\u202f760\u202f€ ≥ 2\u202f000\u202f€ par convention" in verdict
    assert f"au plus tard le {start - relativedelta(months=2):%d/%m/%Y}" in verdict
    assert "au plus 2 jours à 690\u202f€" in verdict and "au plus 499\u202f€ par jour sur 4 jours" in verdict
    assert f"au plus tôt le {TODAY + relativedelta(months=2):%d/%m/%Y}" in verdict
    # Above the candidates, in a word: the request is too late, said once, not on every row.
    assert any(c.value.startswith(f":red[**{t('rank.verdict_late')}**]") for c in at.caption)
    shown = ranked_table(at)
    assert not shown.friction.str.contains(t("rank.mark.late")).any()


def test_a_request_in_time_under_the_thresholds_says_its_date_calmly(store):
    from datetime import date
    start = date(2027, 3, 1)
    request_id = _health_request(store, budget_day_rate=300, expected_days=3, start_date=start)
    at = open_request(request_id)
    assert not [e for e in at.error if t("record.verdict") in e.value]
    [verdict] = [i.value for i in at.info if t("record.verdict") in i.value]
    from hyc import compliance
    assert f"À déclarer au plus tard le {compliance.declaration_deadline(start):%d/%m/%Y}" in verdict
    assert "900\u202f€ en tout" in verdict
