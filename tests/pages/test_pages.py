"""Talent pool, requests, matches, mentoring and rates under AppTest: figures equal plain SQL, filters change them,
filters survive a move to another page and come from the URL."""

import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from hyc import i18n, schema, ui, vocab
from hyc.reads.common import TABLE_ROW_LIMIT
from tests.conftest import TODAY, fetch, t
from tests.pages.conftest import (
    APP,
    FOUNDER,
    MENTOR,
    READER,
    TIMEOUT,
    metric,
    open_tab,
    page,
    plotly_specs,
    run_on,
    signed_in_as,
)

OPEN = "('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes')"


def caption_number(at, pattern: str) -> int:
    text = next(c.value for c in at.caption if re.search(pattern, c.value))
    return int(re.sub(r"\D", "", text.split(" ")[0]) or re.sub(r"\D", "", text))


def widget(at, name):
    return at.multiselect(key=f"filter_widget.{name}")


@pytest.mark.parametrize("name", ["talent_pool", "requests", "matches", "mentoring", "rates"])
def test_every_page_runs_on_the_demo_and_on_an_empty_store(name, on_demo):
    at = run_on(page(name), TODAY)
    assert not at.exception
    assert at.title[0].value


@pytest.mark.parametrize("name", ["talent_pool", "requests", "matches", "mentoring", "rates"])
def test_every_page_says_why_it_is_empty(name, on_empty):
    at = run_on(page(name), TODAY)
    assert not at.exception
    messages = [m.value for m in (*at.info, *at.success)]
    assert messages, "an empty store must say why the page is empty"


def test_talent_pool_count_and_profession_filter(on_demo, sql):
    at = run_on(page("talent_pool"), TODAY)
    total = sql("select count(*) from caregiver where not archived")[0][0]
    assert caption_number(at, "Soignants correspondant") == total
    widget(at, "profession").set_value(["medecin", "sage_femme"]).run()
    doctors = sql("select count(*) from caregiver where not archived "
                  "and profession in ('medecin', 'sage_femme')")[0][0]
    assert caption_number(at, "Soignants correspondant") == doctors < total
    assert at.query_params["profession"] == ["medecin", "sage_femme"]
    table = at.dataframe[0].value
    assert set(table.profession) == {"Médecin", "Sage-femme"}


def test_talent_pool_filter_comes_from_the_url(on_demo, sql):
    at = run_on(page("talent_pool"), TODAY, region="11", availability="4")
    expected = sql("select count(*) from caregiver where not archived and region = '11' "
                   "and availability_days_per_month >= 4")[0][0]
    assert caption_number(at, "Soignants correspondant") == expected
    assert widget(at, "region").value == ["11"]


def test_talent_pool_breakdown_by_region(on_demo, sql):
    at = open_tab(run_on(page("talent_pool"), TODAY, profession="infirmier"), "pool.tabs", "breakdown")
    region_map = next(spec for spec in plotly_specs(at) if spec.title.startswith("Soignants par région"))
    counts = dict(sql("select region, count(*) from caregiver where not archived and profession = 'infirmier' "
                      "group by 1"))
    shown = {label: int(n) for label, n in region_map.data[0].customdata}  # each bubble: its region, its count
    assert shown == {vocab.REGIONS.label(code): n for code, n in counts.items()}


def test_a_caregiver_record_opens_from_the_url(on_demo, sql):
    cid, first, last = sql("select id, first_name, last_name from caregiver where not archived limit 1")[0]
    at = run_on(page("talent_pool"), TODAY, caregiver=str(cid))
    assert not at.exception
    assert f"{first} {last}" in [h.value.replace("\\", "") for h in at.subheader]
    calls = sql("select count(*) from call where caregiver_id = ?", [cid])[0][0]
    assert f"Appels ({calls})" in [tab.label for tab in at.tabs]


def test_a_caregiver_record_runs_only_its_open_tab(on_demo, sql):
    # Opened during a call, the record shows its steps at once; each other tab (a table, a form) runs on its click.
    cid = sql("""select caregiver_id from call where caregiver_id is not null group by 1
                 having count(*) >= 2 order by 1 limit 1""")[0][0]
    calls = sql("select count(*) from call where caregiver_id = ?", [cid])[0][0]
    at = run_on(page("talent_pool"), TODAY, caregiver=str(cid))
    edit_fields = [w for w in at.get("text_input") if w.key and w.key.startswith(f"form.caregiver_edit.{cid}.")]
    tables = [d.value for d in at.dataframe]
    assert not edit_fields and not any("summary" in table.columns for table in tables)
    assert any("step" in table.columns for table in tables)  # the steps tab, open by default
    at = open_tab(at, f"caregiver_tabs.{cid}", "calls")
    shown = next(d.value for d in at.dataframe if "summary" in d.value.columns)
    assert len(shown) == calls and not any("step" in d.value.columns for d in at.dataframe)
    at = open_tab(at, f"caregiver_tabs.{cid}", "edit")
    assert [w for w in at.get("text_input") if w.key and w.key.startswith(f"form.caregiver_edit.{cid}.")]


def scrolls_to(at) -> list[str]:
    """The records a run brings into view (a script scrolling to their title bar)."""
    return re.findall(r"st-key-record_title_(\w+)", " ".join(h.proto.body for h in at.get("html")
                                                         if "scrollIntoView" in h.proto.body))


def test_a_record_is_brought_into_view_when_opened_from_elsewhere_not_at_each_click_nor_at_a_tick(on_demo, sql):
    cid = sql("select id from caregiver where not archived order by id limit 1")[0][0]
    at = run_on(page("talent_pool"), TODAY, caregiver=str(cid))  # a link, the search box
    assert scrolls_to(at) == ["caregiver"] and at.query_params["caregiver"] in (str(cid), [str(cid)])
    at = open_tab(at, f"caregiver_tabs.{cid}", "calls")  # a click in the record leaves the page where it is
    assert scrolls_to(at) == []
    # A row ticked in the list opens its record under it without moving the page: whoever ticks may tick more.
    listed = next(d.value for d in at.dataframe if "mission_types" in d.value.columns)
    at.session_state[f"pool_table.{ui.ids_digest(listed)}"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at.run()
    ticked = int(listed.id.iloc[3])
    assert at.query_params["caregiver"] in (str(ticked), [str(ticked)]) and ticked != cid
    assert scrolls_to(at) == []
    assert " ".join(sql("select first_name, last_name from caregiver where id = ?", [ticked])[0]) in [
        h.value.replace("\\", "") for h in at.subheader]


def test_a_request_opened_by_a_tick_in_its_list_of_one_tick_is_brought_into_view(on_demo, sql):
    at = run_on(page("requests"), TODAY)
    listed = next(d.value for d in at.dataframe if "age_days" in d.value.columns)
    at.session_state[f"requests_table.{ui.ids_digest(listed)}"] = {
        "selection": {"rows": [2], "columns": [], "cells": []}}
    at.run()
    ticked = int(listed.id.iloc[2])
    assert at.query_params["request"] in (str(ticked), [str(ticked)])
    assert scrolls_to(at) == ["request"]  # ticking is opening there: the record, a screen lower, comes into view


@pytest.mark.parametrize(("lang", "colon"), [("fr", "** : "), ("en", "**: ")])
def test_a_record_s_facts_put_the_colon_as_each_language_does(on_demo, sql, lang, colon):
    cid = sql("select id from caregiver where not archived order by id limit 1")[0][0]
    at = run_on(page("talent_pool"), TODAY, caregiver=str(cid), lang=lang)
    facts = [line for m in at.markdown for line in m.value.split("  \n") if line.startswith("**")]
    profession = i18n.t("col.profession", lang)
    assert f"**{profession}{colon}" in " ".join(facts)
    assert all(colon in line for line in facts if line.startswith(f"**{profession}"))
    other = "**: " if lang == "fr" else "** : "
    assert not any(other in line for line in facts)


def test_an_unknown_record_says_so(on_demo):
    at = run_on(page("talent_pool"), TODAY, caregiver="999999")
    assert any("n'existe pas" in w.value for w in at.warning)


def test_requests_open_by_default_then_all(on_demo, sql):
    at = run_on(page("requests"), TODAY)
    open_count = sql(f"select count(*) from request where not archived and status in {OPEN}")[0][0]
    assert caption_number(at, "besoins correspondent") == open_count
    at.toggle(key="filter_widget.open").set_value(False).run()
    assert caption_number(at, "besoins correspondent") == sql("select count(*) from request where not archived")[0][0]
    assert at.query_params["open"] in ("0", ["0"])


def test_requests_filter_by_mission_type(on_demo, sql):
    at = run_on(page("requests"), TODAY, mission="atelier")
    expected = sql(f"select count(*) from request where not archived and status in {OPEN} "
                   "and mission_type = 'atelier'")[0][0]
    assert caption_number(at, "besoins correspondent") == expected


def test_a_request_record_lists_its_matches(on_demo, sql):
    rid, title = sql("select r.id, r.title from request r where exists "
                     "(select 1 from match m where m.request_id = r.id) limit 1")[0]
    at = run_on(page("requests"), TODAY, request=str(rid))
    assert title in [h.value.replace("\\", "") for h in at.subheader]
    n = sql("select count(*) from match where request_id = ?", [rid])[0][0]
    assert f"Propositions et missions ({n})" in [tab.label for tab in at.tabs]


def test_an_organisation_record_opens_from_the_url(on_demo, sql):
    oid, name = sql("select id, name from organisation limit 1")[0]
    at = run_on(page("requests"), TODAY, organisation=str(oid))
    assert name in [h.value.replace("\\", "") for h in at.subheader]
    contacts = sql("select count(*) from contact where organisation_id = ?", [oid])[0][0]
    assert f"Contacts ({contacts})" in [tab.label for tab in at.tabs]
    # Its website is a link showing the address as typed (an autolink showed "www\\.exemple\\.fr").
    website = sql("select website from organisation where id = ?", [oid])[0][0]
    line = next(line for m in at.markdown for line in m.value.split("  \n")
                if line.startswith(f"**{t('col.website')}**"))
    text, target = re.fullmatch(r"\*\*[^*]+\*\* : \[(.*)\]\(<(.*)>\)", line).groups()
    assert re.sub(r"\\(.)", r"\1", text) == website == target


def test_matches_board_counts_and_filter(on_demo, sql):
    at = run_on(page("matches"), TODAY)
    contacted = sql("select count(*) from match where stage = 'contactee'")[0][0]
    assert metric(at, "Contactée") == ui.fmt_int(contacted)
    widget(at, "mission").set_value(["conseil"]).run()
    contacted_advice = sql("select count(*) from match m join request r on r.id = m.request_id "
                           "where m.stage = 'contactee' and r.mission_type = 'conseil'")[0][0]
    assert metric(at, "Contactée") == ui.fmt_int(contacted_advice)


def test_mentoring_figures_and_mentor_filter(on_demo, sql):
    at = run_on(page("mentoring"), TODAY)
    pool = sql("select count(*) from caregiver where not archived")[0][0]
    assert metric(at, t("mentoring.followed")) == ui.fmt_int(pool)
    mentor_id, name = sql("select id, full_name from team_member where role = 'mentor' order by full_name limit 1")[0]
    widget(at, "mentor").set_value([mentor_id]).run()
    mine = sql("select count(*) from caregiver where not archived and mentor_id = ?", [mentor_id])[0][0]
    assert metric(at, t("mentoring.followed")) == ui.fmt_int(mine)
    assert not next(tab for tab in at.tabs if tab.label == t("mentoring.tab_mine")).dataframe  # runs once open
    open_tab(at, "mentoring.tabs", "mine")
    my_table = next(tab for tab in at.tabs if tab.label == t("mentoring.tab_mine")).dataframe[0].value
    assert len(my_table) == min(mine, TABLE_ROW_LIMIT)  # the first rows; the download holds them all


def test_the_open_mentoring_tab_stays_open_when_a_filter_changes_its_count(on_demo, sql):
    at = run_on(page("mentoring"), TODAY)
    open_tab(at, "mentoring.tabs", "stalled")
    everyone = at.tabs[1].dataframe[0].value
    mentor_id = sql("select min(id) from team_member where role = 'mentor'")[0][0]
    widget(at, "mentor").set_value([mentor_id]).run()
    theirs = at.tabs[1].dataframe[0].value
    assert at.tabs[1].label == t("mentoring.tab_stalled", n=ui.fmt_int(len(theirs))) and 0 < len(theirs) < len(everyone)
    assert set(theirs.mentor) == {sql("select full_name from team_member where id = ?", [mentor_id])[0][0]}


def test_rates_summary_matches_sql(on_demo, sql):
    at = run_on(page("rates"), TODAY)
    summary = at.dataframe[0].value.set_index("profession")
    # Only the rates of signed contracts count (tests/pages/test_rates_page.py), in whole euros.
    signed = "m.stage in ('contrat_signe', 'en_mission', 'terminee')"
    median, n = sql("select median(agreed_day_rate), count(*) from match m join caregiver c on c.id = m.caregiver_id "
                    f"where c.profession = 'medecin' and agreed_day_rate is not null and {signed}")[0]
    assert summary.loc["Médecin", "n"] == n
    assert summary.loc["Médecin", "median"] == np.floor(median + 0.5)
    # The chart draws the same five figures per profession, computed here from every rate.
    rates = np.array([r for (r,) in sql("select agreed_day_rate from match m join caregiver c on c.id = m.caregiver_id "
                                        "where c.profession = 'medecin' and agreed_day_rate is not null "
                                        f"and {signed}")], dtype=float)
    [chart] = plotly_specs(at)
    boxes = [trace for trace in chart.data if trace.type == "box"]
    box = next(trace for trace in boxes if trace.name == "Médecin")
    expected = np.floor(np.array([rates.min(), *np.percentile(rates, [25, 50, 75]), rates.max()]) + 0.5)
    assert [box.lowerfence[0], box.q1[0], box.median[0], box.q3[0], box.upperfence[0]] == pytest.approx(expected)
    assert [trace.name for trace in boxes] == summary.index.tolist()  # highest median first, as the table
    # The hover says the same figures in French, for each row.
    [hover] = [trace for trace in chart.data if trace.type == "scatter"]
    q1, median, q3, low, high, n = hover.customdata[hover.y.index("Médecin")]
    assert [low, q1, median, q3, high] == pytest.approx(expected) and n == len(rates)
    assert "Médiane" in hover.hovertemplate and "fence" not in hover.hovertemplate
    at.segmented_control(key="filter_widget.by").set_value("mission_type").run()
    by_type = at.dataframe[0].value
    assert "Mission de conseil" in set(by_type.mission_type)


def test_filters_stay_when_moving_between_pages(on_demo):
    at = signed_in_as(AppTest.from_file(APP, default_timeout=TIMEOUT), FOUNDER)
    at.session_state["today"] = TODAY
    at.run()
    at.switch_page("pages/talent_pool.py").run()
    widget(at, "profession").set_value(["infirmier"]).run()
    at.switch_page("pages/requests.py").run()
    assert not at.exception
    assert widget(at, "profession").value == ["infirmier"]
    at.switch_page("pages/talent_pool.py").run()
    assert widget(at, "profession").value == ["infirmier"]
    assert at.query_params["profession"] in ("infirmier", ["infirmier"])


def test_a_mentor_lands_on_their_own_caregivers_with_the_whole_team_one_click_away(on_demo, sql):
    """The figures, the lists and the week are the mentor's by default; "Toute l'équipe" shows everyone's."""
    at = run_on(page("mentoring"), TODAY, member=MENTOR)
    mine = sql("select count(*) from caregiver where not archived and mentor_id = ?", [MENTOR])[0][0]
    pool = sql("select count(*) from caregiver where not archived")[0][0]
    assert at.tabs[0].label == t("mentoring.tab_mine")
    assert len(at.tabs[0].dataframe[0].value) == min(mine, TABLE_ROW_LIMIT) and mine > 0
    assert metric(at, t("mentoring.followed")) == ui.fmt_int(mine)
    [(my_overdue,)] = sql("""select count(*) from (
        select next_action_due as due from call where next_action is not null and not next_action_done
          and coalesce(next_action_owner_id, member_id) = ?
        union all
        select next_action_due from mentoring_session where next_action is not null and not next_action_done
          and coalesce(next_action_owner_id, mentor_id) = ?) where due < ?""", [MENTOR, MENTOR, TODAY])
    assert metric(at, t("mentoring.overdue")) == ui.fmt_int(my_overdue)
    next(b for b in at.get("button_group") if b.key == "scope.mentor").set_value("team").run()
    assert metric(at, t("mentoring.followed")) == ui.fmt_int(pool)
    next(b for b in at.get("button_group") if b.key == "scope.mentor").set_value("mine").run()
    assert metric(at, t("mentoring.followed")) == ui.fmt_int(mine)


def test_a_mentor_sees_the_stuck_work_they_own_and_the_team_s_one_click_away(on_demo, demo_engine, sql):
    from hyc import reads
    mine = reads.stuck.stuck_work(demo_engine, TODAY, MENTOR)
    everyone = reads.stuck.stuck_work(demo_engine, TODAY)
    [(name,)] = sql("select full_name from team_member where id = ?", [MENTOR])
    assert 0 < len(mine) < len(everyone)
    at = run_on(page("mentoring"), TODAY, member=MENTOR)
    open_tab(at, "mentoring.tabs", "stuck")
    tab = next(tab for tab in at.tabs if tab.label == t("mentoring.tab_stuck", n=ui.fmt_int(len(mine))))
    shown = next(d.value for d in tab.dataframe if "limit_days" in d.value.columns)
    assert set(shown.owner) == {name} and len(shown) == len(mine)
    assert t("mentoring.stuck_of", name=name) in [c.value for c in tab.caption]
    next(b for b in at.get("button_group") if b.key == "scope.mentor").set_value("team").run()
    assert t("mentoring.tab_stuck", n=ui.fmt_int(len(everyone))) in [tab.label for tab in at.tabs]


def test_the_week_of_next_actions_comes_in_four_parts_with_their_counts_and_an_action_is_marked_done(store):
    from hyc import reads
    from hyc.ui.widgets import ids_digest
    from tests.pages.test_forms import fetch
    at = open_tab(run_on(page("mentoring"), TODAY), "mentoring.tabs", "actions")
    counts = dict(fetch(store, """select part, count(*) from (
        select case when due < ?::date then 'overdue' when due = ?::date then 'today'
                    when due <= ?::date + interval 6 day then 'this_week' else 'later' end as part from (
            select next_action_due as due from call where next_action is not null and not next_action_done
            union all
            select next_action_due from mentoring_session where next_action is not null and not next_action_done))
        group by part""", TODAY, TODAY, TODAY))  # TODAY is a Monday: its week ends six days later
    week = next(b for b in at.get("button_group") if b.key == "mentoring.week.part")
    assert week.options == [t(f"week.{part}", n=ui.fmt_int(counts.get(part, 0))) for part in reads.mentoring.WEEK]
    assert week.value == "overdue"
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        rows = reads.mentoring.week(engine, TODAY)
    finally:
        engine.dispose()
    overdue = rows[rows.part == "overdue"].head(200)
    first = overdue.iloc[0]
    at.session_state[f"mentoring.week.table.overdue.{ids_digest(overdue)}"] = {
        "selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    next(b for b in at.button if b.key == "mentoring.week.done").click().run()
    table = "call" if first.source == "call" else "mentoring_session"
    assert fetch(store, f"select next_action_done from {table} where id = ?", int(first.id)) == [(True,)]
    week = next(b for b in at.get("button_group") if b.key == "mentoring.week.part")
    assert week.options[0] == t("week.overdue", n=ui.fmt_int(counts["overdue"] - 1))


@pytest.mark.parametrize(("name", "lang", "decimal", "thousands"), [
    ("overview", "fr", ",", "\u00a0"), ("overview", "en", ".", ","), ("rates", "fr", ",", "\u00a0"),
    ("talent_pool", "fr", ",", "\u00a0"), ("matches", "en", ".", ",")])
def test_every_chart_writes_its_numbers_in_the_interface_s_language(on_demo, name, lang, decimal, thousands):
    """"57,8 j" in French, "57.8 d" in English: plotly's separators follow the language, in every chart."""
    at = run_on(page(name), TODAY, lang=lang)
    if name == "talent_pool":
        open_tab(at, "pool.tabs", "breakdown")  # its charts run once their tab is open
    specs = plotly_specs(at)
    assert specs and all(spec.separators == decimal + thousands for spec in specs)


def test_the_language_picked_is_kept_across_pages_and_for_the_account_s_next_sessions(store):
    """A reader picks English: the next page is in English, and so is a new session of the same account (a
    reload, a new tab, the next sign-in) unless its link names a language."""
    from tests.pages.conftest import READER
    from tests.pages.test_forms import fetch
    at = run_on(page("rates"), TODAY, member=READER)
    assert at.title[0].value == t("rates.title")
    next(b for b in at.get("button_group") if b.key == "lang_choice").set_value("en").run()
    assert not at.exception and at.title[0].value == i18n.t("rates.title", "en")
    at.switch_page("pages/overview.py").run()
    assert at.title[0].value == i18n.t("overview.title", "en")
    assert fetch(store, "select lang from team_member where id = ?", READER) == [("en",)]
    again = run_on(page("matches"), TODAY, member=READER)
    assert again.title[0].value == i18n.t("matches.title", "en")
    assert next(b for b in again.get("button_group") if b.key == "lang_choice").value == "en"
    linked = run_on(page("matches"), TODAY, member=READER, lang="fr")
    assert linked.title[0].value == t("matches.title")
    # Another account keeps its own.
    assert run_on(page("matches"), TODAY, member=FOUNDER).title[0].value == t("matches.title")


def test_a_median_of_too_few_rates_says_so_and_the_page_offers_the_next_wider_view(on_demo, sql):
    """A profession, specialty and mission type with a single agreed rate: "1 tarif convenu : pas une référence",
    no box plot of one line, and the whole profession's agreed rates for that mission type (or, when they too are
    too few, the rates the pool expects), counted independently."""
    profession, specialty, mission = sql("""
        select c.profession, c.specialty, r.mission_type from match m join caregiver c on c.id = m.caregiver_id
        join request r on r.id = m.request_id where m.agreed_day_rate is not null and c.specialty is not null
        and m.stage in ('contrat_signe', 'en_mission', 'terminee')
        group by all having count(*) = 1 order by all limit 1""")[0]
    at = run_on(page("rates"), TODAY, profession=profession, specialty=specialty, mission=mission)
    assert not at.exception
    tables = [d.value for d in at.dataframe]
    assert tables[0].n.tolist() == [1] and tables[0].reference.tolist() == [t("rates.few.one", n=1)]
    assert not plotly_specs(at)
    assert t("rates.caption", n=1, shown="1") in [c.value for c in at.caption]
    [(whole,)] = sql("""select count(*) from match m join caregiver c on c.id = m.caregiver_id
                        join request r on r.id = m.request_id
                        where m.agreed_day_rate is not null and c.profession = ? and r.mission_type = ?
                        and m.stage in ('contrat_signe', 'en_mission', 'terminee')""",
                     [profession, mission])
    if whole >= 5:
        assert t("rates.reference_wider") in [h.value for h in at.main.subheader]
        assert tables[1].n.tolist() == [whole]
    else:
        assert t("rates.reference_expected") in [h.value for h in at.main.subheader]


def test_a_filter_carried_from_another_page_is_named_and_cleared_in_one_click(on_demo, sql):
    """Médecin picked on the talent pool: the requests page says the profession filter is active, and one click
    shows every request again."""
    at = run_on(page("talent_pool"), TODAY)
    widget(at, "profession").select("medecin").run()
    at.switch_page("pages/requests.py").run()
    notice = [c.value for c in at.caption if c.value.startswith(":material/filter_alt:")]
    assert notice and f"{t('filter.profession')} : {vocab.PROFESSIONS.label('medecin')}" in notice[0]
    [(doctors,)] = sql(f"""select count(*) from request r where not r.archived and r.status in {OPEN}
                           and list_contains(string_split(r.professions, ','), 'medecin')""")
    assert caption_number(at, "besoin") == doctors
    next(b for b in at.button if b.key == "filters.clear_all").click().run()
    [(every,)] = sql(f"select count(*) from request r where not r.archived and r.status in {OPEN}")
    assert caption_number(at, "besoin") == every
    assert not [c for c in at.caption if c.value.startswith(":material/filter_alt:")]
    at.switch_page("pages/talent_pool.py").run()
    assert widget(at, "profession").value == []


@pytest.mark.parametrize(("name", "query"), [("talent_pool", {}), ("call_log", {}), ("mentoring", {}),
                                             ("requests", {"request": "1"}), ("rates", {})])
def test_no_multiselect_offers_streamlit_s_english_select_all(store, name, query):
    """Streamlit adds an English "Select all" to a multiselect of up to 1,000 options unless told not to."""
    at = run_on(page(name), TODAY, **query)
    if name == "call_log":  # the whole intake form (the page opens on the quick one, with a single multiselect)
        at.segmented_control(key="call.caregiver_mode").set_value("new").run()
    assert at.multiselect and all(m.proto.select_all == 0 for m in at.multiselect)


def test_a_caregiver_opened_from_the_mentoring_page_opens_on_it(on_demo, sql):
    """The mentor stays where they were: the record opens under the lists, and the links of the page lead there."""
    cid, first, last = sql("select id, first_name, last_name from caregiver where not archived and mentor_id = ? "
                           "order by id limit 1", [MENTOR])[0]
    at = run_on(page("mentoring"), TODAY, member=MENTOR, caregiver=str(cid))
    assert not at.exception
    assert f"{first} {last}" in [h.value.replace("\\\\", "") for h in at.subheader]
    mine = at.tabs[0].dataframe[0].value
    assert mine.link.str.startswith("/mentoring?caregiver=").all()


def test_requests_at_risk_say_how_many_places_are_still_to_fill(on_demo, sql):
    at = run_on(page("overview"), TODAY)
    at_risk = next(d.value for d in at.dataframe if "to_fill" in d.value.columns)
    expected = dict(sql("select id, headcount from request"))
    ids = at_risk.link.str.extract(r"request=(\d+)")[0].astype(int)
    assert list(at_risk.to_fill) == [expected[i] for i in ids] and len(at_risk) > 0


def test_the_overview_counts_the_caregivers_to_call_back_and_the_mentoring_page_lists_them(on_demo, demo_engine):
    from hyc import reads
    from hyc.filters import CaregiverFilter
    expected = len(reads.mentoring.to_call_back(demo_engine, CaregiverFilter(), TODAY, limit=None))
    at = run_on(page("overview"), TODAY)
    assert metric(at, t("overview.to_call_back")) == ui.fmt_int(expected) and expected > 0
    at = run_on(page("mentoring"), TODAY)
    assert t("mentoring.tab_call_back", n=ui.fmt_int(expected)) in [tab.label for tab in at.tabs]


@pytest.mark.parametrize(("name", "member"), [("talent_pool", READER), ("overview", FOUNDER), ("mentoring", MENTOR)])
def test_every_table_offers_a_csv_and_an_excel_download_to_whoever_sees_it(on_demo, name, member):
    at = run_on(page(name), TODAY, member=member)
    assert not at.exception
    tables = [d for d in at.dataframe if len(d.value)]
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert len(tables) > 0 and labels == ["CSV", "Excel"] * len(tables)


def test_the_console_runs_a_query_shows_its_result_and_refuses_a_write_in_french(store):
    from hyc import console
    at = run_on(page("console"), TODAY)
    assert not at.exception
    at.text_area(key="console.sql").input("select profession, count(*) as n from caregiver group by 1 order by 2 desc")
    next(b for b in at.button if b.key == "console.run").click().run()
    shown = next(d.value for d in at.dataframe)
    engine = schema.open_store(f"duckdb:///{store}")
    expected = fetch(engine, "select profession, count(*) from caregiver group by 1 order by 2 desc")
    engine.dispose()
    assert list(zip(shown.profession, shown.n, strict=True)) == expected
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "Excel"]
    at.text_area(key="console.sql").input("delete from caregiver")
    next(b for b in at.button if b.key == "console.run").click().run()
    assert any("ne fait que lire" in e.value for e in at.error)
    assert not at.dataframe  # the old result is not left to be read as the new one
    # The schema explains every table, in French.
    assert len(at.expander) == len(console.TABLES)


def test_download_buttons_have_keys_unique_in_a_run_and_the_same_from_one_run_to_the_next(on_demo):
    """Keyed on the table's place in the run (an object's id() could come back within a run, and two buttons
    with one key stop the page). An organisation's record shows three tables without a key of their own."""
    at = run_on(page("requests"), TODAY, organisation="1")
    assert not at.exception
    first = [b.proto.id for b in at.get("download_button")]
    at.run()
    again = [b.proto.id for b in at.get("download_button")]
    assert len(first) == len(set(first)) > 2 and first == again


def test_the_pivot_counts_doctors_by_region_with_the_pool_s_filter_and_a_reader_downloads_it(on_demo, sql):
    at = run_on(page("pivot"), TODAY, member=READER, profession="medecin")
    assert not at.exception
    next(s for s in at.selectbox if s.key == "pivot.first").set_value("region").run()
    shown = next(d.value for d in at.dataframe)
    expected = dict(sql("select region, count(*) from caregiver where not archived and profession = 'medecin' "
                        "group by region"))
    from hyc import vocab
    labels = vocab.REGIONS.labels("fr")
    assert dict(zip(shown.region, shown.value, strict=True)) == {labels[r]: n for r, n in expected.items()}
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "Excel"]
    # Two dimensions: a wide table, one column per value of the second.
    next(s for s in at.selectbox if s.key == "pivot.second").set_value("practice_setting").run()
    wide = next(d.value for d in at.dataframe)
    assert "region" in wide.columns and len(wide.columns) > 2 and not at.exception


def test_a_mentor_saves_an_analysis_that_opens_with_its_measure_and_dimensions(store):
    import json


    def saved(query: str) -> list:
        engine = schema.open_store(f"duckdb:///{store}")
        try:
            return fetch(engine, query)
        finally:
            engine.dispose()

    at = run_on(page("pivot"), TODAY, member=MENTOR)
    next(s for s in at.selectbox if s.key == "pivot.measure").set_value("matches").run()
    next(s for s in at.selectbox if s.key == "pivot.first").set_value("mission_type").run()
    next(s for s in at.selectbox if s.key == "pivot.second").set_value("match_stage").run()
    at.text_input(key="pivot.name").input("Propositions par type et étape")
    next(b for b in at.button if b.key == "pivot.save").click().run()
    assert not at.exception
    [(question_id, name, kind, body)] = saved("select id, name, kind, body from saved_question")
    assert (name, kind) == ("Propositions par type et étape", "pivot")
    assert json.loads(body) == {"measure": "matches", "dimensions": ["mission_type", "match_stage"]}
    fresh = run_on(page("pivot"), TODAY, member=READER)
    assert not [b for b in fresh.button if b.key == "pivot.save"]  # a reader reads, and saves nothing
    next(s for s in fresh.selectbox if s.key == "pivot.open").set_value(question_id).run()
    assert [next(s for s in fresh.selectbox if s.key == k).value
            for k in ("pivot.measure", "pivot.first", "pivot.second")] == ["matches", "mission_type", "match_stage"]


def test_a_saved_console_question_opens_with_its_result(store):
    from hyc import console
    from tests.helpers import FOUNDER as founder  # the acting member (this module's FOUNDER is an id)
    engine = schema.open_store(f"duckdb:///{store}")
    [(pool,)] = fetch(engine, "select count(*) from caregiver")
    question = console.save_question(engine, founder, "Vivier", "select count(*) as n from caregiver")
    engine.dispose()
    at = run_on(page("console"), TODAY)
    next(s for s in at.selectbox if s.key == "console.open").set_value(question.id).run()
    assert at.text_area(key="console.sql").value == "select count(*) as n from caregiver"
    assert next(d.value for d in at.dataframe).n.tolist() == [pool]


def test_the_audit_log_names_each_change_and_what_it_changed_in_the_readers_language(store):
    from datetime import datetime

    from hyc.models import PARIS
    from tests.helpers import new_caregiver

    engine = schema.open_store(f"duckdb:///{store}")
    created = new_caregiver(engine)
    engine.dispose()
    today = datetime.now(PARIS).date()  # the change was made now
    for language in ("fr", "en"):
        at = run_on(page("audit_log"), today, lang=language)
        events = at.dataframe[0].value
        mine = events[events.entity_id == created.id]
        assert mine[["entity", "action"]].values.tolist() == [[i18n.t("entity.caregiver", language),
                                                                i18n.t("action.create", language)]]


def test_the_time_to_ready_chart_names_each_profession_with_its_count(on_demo, sql):
    at = run_on(page("mentoring"), TODAY)  # a fondatrice opens on the progress tab
    assert not at.exception
    chart = next(spec for spec in plotly_specs(at) if spec.title == t("chart.time_to_ready"))
    # Counted independently: caregivers with a first call and a "prêt(e) pour une mission" done after it.
    counts = dict(sql("""
        select c.profession, count(*) from caregiver c
        join (select caregiver_id, min(occurred_at) as ts from call where caregiver_id is not null group by 1) fc
          on fc.caregiver_id = c.id
        join onboarding_step s on s.caregiver_id = c.id and s.step = 'pret_mission' and s.status = 'fait'
        where not c.archived and s.changed_at >= fc.ts group by 1"""))
    expected = {f"{vocab.PROFESSIONS.label(code, 'fr')} ({ui.fmt_int(n)})" for code, n in counts.items()}
    assert set(chart.data[0].y) == expected and len(expected) > 1


DEMO_MARK = ":orange-badge[:material/science: " + t("app.demo") + "]"


def _marks(at) -> list[str]:
    return [e.value for e in at.sidebar if getattr(e, "value", None) == DEMO_MARK]


@pytest.mark.parametrize("name", ["overview", "talent_pool", "requests", "rates", "team"])
def test_a_demo_store_says_so_on_every_page_and_a_production_one_does_not(name, on_demo):
    at = run_on(page(name), TODAY)
    assert not at.exception and _marks(at) == [DEMO_MARK]


@pytest.mark.parametrize("name", ["overview", "talent_pool", "requests"])
def test_a_store_without_demo_data_shows_no_demo_mark(name, on_empty):
    at = run_on(page(name), TODAY)
    assert not at.exception and _marks(at) == []
