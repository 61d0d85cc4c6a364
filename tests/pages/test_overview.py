"""Overview page under AppTest: its figures equal the same figures computed with plain SQL."""

from streamlit.testing.v1 import AppTest

from hyc import ui, vocab
from tests.pages.conftest import APP, OVERVIEW, TIMEOUT, metric, plotly_specs


def test_overview_figures_match_sql(on_demo, sql):
    at = AppTest.from_file(OVERVIEW, default_timeout=TIMEOUT).run()
    assert not at.exception
    pool = sql("select count(*) from caregiver where not archived")[0][0]
    open_requests = sql("select count(*) from request where not archived and status in "
                        "('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes')")[0][0]
    signed = sql("select count(distinct match_id) from match_event where stage = 'contrat_signe'")[0][0]
    assert metric(at, "Soignants dans le vivier") == ui.fmt_int(pool)
    assert metric(at, "Besoins ouverts") == ui.fmt_int(open_requests)
    assert metric(at, "Contrats signés") == ui.fmt_int(signed)

    specs = plotly_specs(at)
    assert len(specs) == 3
    by_profession = dict(sql("select profession, count(*) from caregiver where not archived group by 1"))
    bars = specs[0].data[0]
    shown = dict(zip(bars.y, map(int, bars.x), strict=True))
    assert shown == {vocab.PROFESSIONS.label(code): n for code, n in by_profession.items()}
    assert specs[0].title == "Soignants du vivier par profession"
    funnel = specs[2].data[0]
    suggested = sql("select count(distinct match_id) from match_event where stage = 'suggeree'")[0][0]
    assert funnel.y[0] == "Suggérée" and funnel.x[0] == suggested


def test_overview_in_english(on_demo, sql):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    pool = sql("select count(*) from caregiver where not archived")[0][0]
    assert metric(at, "Caregivers in the pool") == ui.fmt_int(pool)
    assert plotly_specs(at)[0].data[0].y[0] == "Physician"


def test_app_opens_on_the_overview(on_demo):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Vue d'ensemble"


def test_empty_store_says_what_to_do(on_empty):
    at = AppTest.from_file(OVERVIEW, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert metric(at, "Soignants dans le vivier") == "0"
    infos = [i.value for i in at.info]
    assert any("Le vivier est vide" in i for i in infos)
    assert any("Aucune proposition" in i for i in infos)
    assert not plotly_specs(at)
