"""Overview page under AppTest: its figures equal the same figures computed with plain SQL."""

import re
from collections import Counter
from datetime import timedelta

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from hyc import db, reads, schema, ui, vocab
from hyc.ui import stuck as stuck_ui
from tests.conftest import TODAY, t
from tests.pages.conftest import APP, FOUNDER, OVERVIEW, TIMEOUT, metric, plotly_specs, run_on, signed_in_as


def attention_lists(at: AppTest) -> list[str]:
    """The buttons picking the list of what needs attention, as labelled."""
    return next(b for b in at.get("button_group") if b.key == "filter_widget.attention").options


def show_list(at: AppTest, name: str) -> AppTest:
    next(b for b in at.get("button_group") if b.key == "filter_widget.attention").set_value(name)
    return at.run()


def test_overview_figures_match_sql(on_demo, sql, demo_engine):
    at = run_on(OVERVIEW, TODAY)
    assert not at.exception
    end = TODAY + timedelta(days=1)
    pool = sql("select count(*) from caregiver where not archived and created_at < ?", [end])[0][0]
    signed_30 = sql("select count(*) from match_event where stage = 'contrat_signe' and occurred_at >= ? "
                    "and occurred_at < ?", [end - timedelta(days=30), end])[0][0]
    open_now = sql("select count(*) from request where not archived and status in "
                   "('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes')")[0][0]
    assert metric(at, t("overview.pool")) == ui.fmt_int(pool)
    assert metric(at, t("overview.signed")) == ui.fmt_int(signed_30)
    assert metric(at, t("overview.open_requests")) == ui.fmt_int(open_now)

    titles = [spec.title for spec in plotly_specs(at)]
    assert titles[:2] == [t("chart.pool_growth"),
                          t("chart.open_by_age")]
    # The funnel covers the matches put forward in the period picked: a quarter (91 days) by default, then all time.
    since = TODAY - timedelta(days=90)
    funnel = plotly_specs(at)[2].data[0]
    suggested = sql("""select count(distinct e.match_id) from match_event e join match m on m.id = e.match_id
                       where e.stage = 'suggeree' and m.created_at >= ?""", [since])[0][0]
    assert funnel.y[0] == "Suggérée" and funnel.x[0] == suggested
    assert any(t("overview.since", date=since.strftime("%d/%m/%Y")) in c.value for c in at.caption)
    next(b for b in at.get("button_group") if b.key == "filter_widget.period").set_value("all").run()
    every = sql("select count(distinct match_id) from match_event where stage = 'suggeree'")[0][0]
    assert plotly_specs(at)[2].data[0].x[0] == every > suggested
    assert any(t("overview.all_time") in c.value for c in at.caption)

    at_risk = sql("""select count(*) from request r where not archived and status in
                     ('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes')
                     and created_at < ?::date - interval 7 day
                     and not exists (select 1 from match m where m.request_id = r.id and m.stage not in
                                     ('declinee_soignant', 'refusee_client', 'abandonnee'))""", [TODAY])[0][0]
    # What needs attention, one list at a time, each counted on its button; the first (at risk) is shown.
    overdue = sql("""select (select count(*) from call where next_action is not null and not next_action_done
                                and next_action_due < ?)
                            + (select count(*) from mentoring_session where next_action is not null
                               and not next_action_done and next_action_due < ?)""", [TODAY, TODAY])[0][0]
    stuck = reads.stuck.stuck_work(demo_engine, TODAY)
    assert attention_lists(at) == [t("overview.at_risk", n=ui.fmt_int(at_risk)),
                                              t("overview.overdue", n=ui.fmt_int(overdue)),
                                              t("overview.stuck", n=ui.fmt_int(len(stuck)))]
    tables = [df.value for df in at.dataframe]
    assert len(tables) == 1 and len(tables[0]) == min(at_risk, ui.SHOWN)  # the oldest first; the file has all
    assert tables[0].link.str.startswith("/requests?request=").all()

    # The overdue actions, once picked: the most recently due first, each opening whom it concerns.
    at = show_list(at, "overdue")
    assert not at.exception
    [late] = [df.value for df in at.dataframe]
    assert overdue > 0 and len(late) == min(overdue, ui.SHOWN)
    assert (late.days_late >= 1).all() and late.days_late.is_monotonic_increasing
    assert late.link.str.match(r"^/(talent_pool\?caregiver|requests\?organisation)=\d+&lang=fr$").all()


def test_overview_in_english(on_demo, sql):
    at = signed_in_as(AppTest.from_file(APP, default_timeout=TIMEOUT), FOUNDER)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    pool = sql("select count(*) from caregiver where not archived")[0][0]
    assert metric(at, "Caregivers in the pool") == ui.fmt_int(pool)
    growth = plotly_specs(at)[0]
    assert growth.title == "Pool growth by profession (end of month)"
    assert vocab.PROFESSIONS.label("medecin", "en") in [trace.name for trace in growth.data]


def test_app_opens_on_the_overview(on_demo):
    at = signed_in_as(AppTest.from_file(APP, default_timeout=TIMEOUT), FOUNDER).run()
    assert not at.exception
    assert at.title[0].value == t("nav.overview")


def test_empty_store_says_what_to_do(on_empty):
    at = run_on(OVERVIEW, TODAY)
    assert not at.exception
    assert metric(at, t("overview.pool")) == "0"
    infos = [i.value for i in at.info]
    assert any("Le vivier est vide" in i for i in infos)
    assert any("Aucune proposition" in i for i in infos)
    assert any("Aucun besoin ouvert" in i for i in infos)
    assert not plotly_specs(at)


def test_a_stuck_match_is_listed_with_its_owner_at_its_threshold_not_the_day_before(on_demo, sql, monkeypatch):
    monkeypatch.setenv("HYC_STUCK_MATCH_DAYS", "suggeree=5")
    request_id, caregiver, owner, entered = sql("""
        select m.request_id, c.first_name || ' ' || c.last_name, tm.full_name, max(e.occurred_at)::date
        from match m join match_event e on e.match_id = m.id and e.stage = m.stage
        join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        join team_member tm on tm.id = r.owner_id
        where m.stage = 'suggeree' and not r.archived and r.status in ('en_recherche', 'candidats_proposes')
        group by all order by 4 desc limit 1""")[0]

    def listed(today):
        at = show_list(run_on(OVERVIEW, today), "stuck")
        assert not at.exception
        table = next(d.value for d in at.dataframe if "limit_days" in d.value.columns)
        # The tab counts every stuck item (the match, and the requests beyond the default thresholds).
        assert t("overview.stuck", n=ui.fmt_int(len(table))) in attention_lists(at)
        return table[table.link.str.contains(f"request={request_id}&") & (table.what == caregiver)]

    assert listed(entered + timedelta(days=4)).empty
    rows = listed(entered + timedelta(days=5))
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.owner, row.age_days, row.limit_days) == (owner, 5, 5)
    assert row.state == vocab.MATCH_STAGES.label("suggeree", "fr")


def test_requests_at_risk_show_the_oldest_two_hundred_and_download_them_all(store):
    engine = schema.open_store(f"duckdb:///{store}")
    with db.raw(engine) as con:  # 250 more open requests, a year old, nobody put on them
        con.execute("""insert into request select r.* replace (nextval('request_id_seq') as id,
                           timestamp '2025-11-01 09:00' as created_at, 'nouvelle' as status, false as archived)
                       from request r, range(250) where r.id = (select min(id) from request)""")
        at_risk = con.execute("""select count(*) from request r where not archived and status in
                     ('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes')
                     and created_at < ?::date - interval 7 day
                     and not exists (select 1 from match m where m.request_id = r.id and m.stage not in
                                     ('declinee_soignant', 'refusee_client', 'abandonnee'))""", [TODAY]).fetchone()[0]
    engine.dispose()
    at = run_on(OVERVIEW, TODAY)
    shown = at.dataframe[0].value
    assert at_risk > 250 and len(shown) == ui.SHOWN and (shown.age_days.diff().dropna() <= 0).all()
    notice = t("table.capped_download_all", shown=ui.fmt_int(ui.SHOWN), total=ui.fmt_int(at_risk))
    assert any(c.value == notice for c in at.caption)


def test_stuck_work_shows_its_first_rows_and_offers_every_row_for_download(store):
    engine = schema.open_store(f"duckdb:///{store}")
    with db.raw(engine) as con:  # 250 more new requests, untouched for a year: each is stuck (3 days allowed)
        con.execute("""insert into request select r.* replace (nextval('request_id_seq') as id,
                           timestamp '2025-11-01 09:00' as created_at,
                           timestamp '2025-11-01 09:00' as status_changed_at,
                           'nouvelle' as status, false as archived)
                       from request r, range(250) where r.id = (select min(id) from request)""")
    stuck = reads.stuck.stuck_work(engine, TODAY)
    engine.dispose()
    at = run_on(OVERVIEW, TODAY)
    assert t("overview.stuck", n=ui.fmt_int(len(stuck))) in attention_lists(at)
    assert not any("limit_days" in d.value.columns for d in at.dataframe)  # made once picked
    at = show_list(at, "stuck")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "limit_days" in d.value.columns)
    assert len(stuck) > 250 and len(table) == ui.SHOWN
    assert list(table.request_id) == list(stuck.request_id[:ui.SHOWN])  # the longest beyond their limit first
    notice = t("table.capped_download_all", shown=ui.fmt_int(ui.SHOWN), total=ui.fmt_int(len(stuck)))
    assert notice in [c.value for c in at.caption]
    helps = [b.proto.help for b in at.get("download_button")]
    assert helps.count(t("table.download_help", n=ui.fmt_int(len(stuck)))) == 2  # CSV and Excel: every row


def test_stuck_work_names_the_owners_with_the_most_and_counts_the_others(store, monkeypatch):
    monkeypatch.setattr(stuck_ui, "OWNERS_NAMED", 3)  # the demo at scale 1 has five owners with stuck work
    engine = schema.open_store(f"duckdb:///{store}")
    with db.raw(engine) as con:  # 40 more stuck requests for the first request's owner: clearly the first named
        con.execute("""insert into request select r.* replace (nextval('request_id_seq') as id,
                           timestamp '2025-11-01 09:00' as created_at,
                           timestamp '2025-11-01 09:00' as status_changed_at,
                           'nouvelle' as status, false as archived)
                       from request r, range(40) where r.id = (select min(id) from request)""")
        top_owner = con.execute("""select tm.full_name from request r join team_member tm on tm.id = r.owner_id
                                   where r.id = (select min(id) from request)""").fetchone()[0]
    stuck = reads.stuck.stuck_work(engine, TODAY)
    engine.dispose()
    counts = Counter(stuck.owner.fillna(t("stuck.no_owner")))
    ranked = sorted(counts.values(), reverse=True)
    assert len(counts) > 3 and counts.most_common(1)[0][0] == top_owner and ranked[0] > ranked[1]

    at = show_list(run_on(OVERVIEW, TODAY), "stuck")
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith(t("overview.stuck_by_owner", counts="")))
    named = [(owner.strip(), n) for owner, n in re.findall(r"([^,:;]+?) \((\d+)\)", caption)]
    assert len(named) == 3 and named[0] == (top_owner, str(counts[top_owner]))
    assert all(counts[owner] == int(n) for owner, n in named)
    assert sorted((int(n) for _, n in named), reverse=True) == ranked[:3]
    rest = t("overview.stuck_by_owner_more", counts="", owners=ui.fmt_int(len(counts) - 3),
             n=ui.fmt_int(sum(ranked[3:])))
    assert caption.endswith(rest.split(" : ", 1)[1])


def test_stuck_owners_are_all_named_when_they_are_few_or_one_more_than_the_five(monkeypatch):
    monkeypatch.setitem(st.session_state, "lang", "fr")  # outside a page run: the language of the strings expected
    stuck = pd.DataFrame({"owner": ["Inès Benali", None, "Inès Benali", "Marc Lefèvre"]})
    assert ui.owners_summary(stuck) == t("overview.stuck_by_owner", counts=", ".join(
        ["Inès Benali (2)", f"{t('stuck.no_owner')} (1)", "Marc Lefèvre (1)"]))
    # Six owners: the sixth is named rather than counted as "1 other owner".
    six = pd.DataFrame({"owner": [f"Responsable {i}" for i in range(6) for _ in range(6 - i)]})
    assert ui.owners_summary(six) == t("overview.stuck_by_owner", counts=", ".join(
        f"Responsable {i} ({6 - i})" for i in range(6)))


def test_a_short_list_is_as_tall_as_its_rows_and_a_long_one_scrolls():
    """The Overview's demo at scale 1 has 9 requests at risk: a 420-pixel table left a band of empty rows."""
    assert ui.fitted_height(9) == 38 + 9 * 35 < 420
    assert ui.fitted_height(0) == 38
    assert ui.fitted_height(ui.SHOWN) == 420 and ui.fitted_height(ui.SHOWN, 520) == 520
