"""The rates page under AppTest: it counts the rates of signed contracts only and says so, shows the rates the pool
expects beside them, writes every quartile in whole euros, and, when asked, the offers declined as too low apart.
Expected figures come from plain SQL over the store."""

import json

import numpy as np
import pandas as pd
import pytest

from hyc import db, i18n, schema, ui, vocab
from hyc.ui.fmt import grid_format
from tests.conftest import TODAY, t
from tests.pages.conftest import page, plotly_specs, run_on

SIGNED = "('contrat_signe', 'en_mission', 'terminee')"
TOO_LOW = "m.stage = 'declinee_soignant' and m.exit_reason = 'tarif_insuffisant'"
EUROS = ["q1", "median", "q3", "min", "max"]


def whole(x) -> int:
    """To the whole euro, halves up (every rate is positive)."""
    return int(np.floor(float(x) + 0.5))


def per_profession(sql, condition: str) -> dict:
    """Per profession label: count, quartiles, min and max of the rates of the matches meeting `condition`."""
    found = sql(f"""
        select c.profession, count(*), quantile_cont(m.agreed_day_rate, 0.25), median(m.agreed_day_rate),
               quantile_cont(m.agreed_day_rate, 0.75), min(m.agreed_day_rate), max(m.agreed_day_rate)
        from match m join caregiver c on c.id = m.caregiver_id
        where {condition} and m.agreed_day_rate is not null group by 1""")
    return {vocab.PROFESSIONS.label(p): {"n": n, **{k: whole(v) for k, v in zip(EUROS, figures, strict=True)}}
            for p, n, *figures in found}


def shown(table: pd.DataFrame) -> dict:
    return {row.profession: {"n": int(row.n), **{k: int(row[k]) for k in EUROS}} for _, row in table.iterrows()}


def euro_columns_are_whole(at, index: int, columns: list[str]) -> bool:
    """Whole euros, in the table as in its download: integer values (Streamlit writes an integer column in euros
    without cents), shown as euros."""
    table = at.dataframe[index]
    config = json.loads(table.proto.columns)
    return all(pd.api.types.is_integer_dtype(table.value[c])
               and config[c]["type_config"]["format"] == grid_format("euro", "fr") for c in columns)


def on_file(path, query: str, params=None) -> list:
    """Plain SQL on the test's store file, the engine closed again before the page opens it."""
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        with db.raw(engine) as con:
            return con.execute(query, params or []).fetchall()
    finally:
        engine.dispose()


def test_the_page_counts_the_rates_of_signed_contracts_and_says_so(on_demo, sql):
    at = run_on(page("rates"), TODAY)
    assert not at.exception
    [(n,)] = sql(f"select count(*) from match where stage in {SIGNED} and agreed_day_rate is not null")
    [(every,)] = sql("select count(*) from match where agreed_day_rate is not null")
    assert n < every  # the demo has rates on matches that ended before a contract: they are left out
    captions = [c.value for c in at.caption]
    assert t("rates.caption", n=n, shown=ui.fmt_int(n)) in captions
    assert f"{n} tarifs des contrats signés : contrat signé, en mission ou terminée" in captions[0]
    table = at.dataframe[0].value
    assert shown(table) == per_profession(sql, f"m.stage in {SIGNED}")
    assert euro_columns_are_whole(at, 0, [*EUROS, "expected_median"])
    # The chart's boxes and hover say the same whole euros as the table.
    [chart] = plotly_specs(at)
    [hover] = [trace for trace in chart.data if trace.type == "scatter"]
    for row in table.itertuples():
        q1, median, q3, low, high, count = hover.customdata[hover.y.index(row.profession)]
        assert [q1, median, q3, low, high, count] == [row.q1, row.median, row.q3, row.min, row.max, row.n]
    assert "%{customdata[1]:,.0f} €" in hover.hovertemplate
    # In English, the same count and what it counts.
    english = run_on(page("rates"), TODAY, lang="en")
    assert i18n.t("rates.caption", "en", n=n, shown=f"{n:,}") in [c.value for c in english.caption]
    assert "rates of signed contracts: contract signed, on mission or completed" in english.caption[0].value


def test_beside_each_group_the_rate_the_pool_expects(on_demo, sql):
    at = run_on(page("rates"), TODAY)
    table = at.dataframe[0].value.set_index("profession")
    expected = {vocab.PROFESSIONS.label(p): (whole(median), n) for p, median, n in sql(
        """select profession, median(expected_day_rate), count(*) from caregiver
           where not archived and expected_day_rate is not null group by 1""")}
    assert {p: (int(row.expected_median), int(row.expected_n)) for p, row in table.iterrows()} == {
        p: expected[p] for p in table.index}
    assert at.dataframe[0].proto.column_order[-3:] == ["expected_median", "expected_n", "reference"]


@pytest.fixture
def too_low(store):
    """The test's store with rates on five offers of one profession declined as too low, one more declined for
    another reason, and one typed on a mere suggestion; the profession's code."""
    on_file(store, "update match set agreed_day_rate = null where exit_reason = 'tarif_insuffisant'")
    on_file(store, f"""update match set agreed_day_rate = 300 + 10 * id where id in (
                         select m.id from match m join caregiver c on c.id = m.caregiver_id
                         where {TOO_LOW} and c.profession = 'medecin' order by m.id limit 5)""")
    on_file(store, """update match set agreed_day_rate = 20000 where id in (
                        (select min(id) from match where stage = 'declinee_soignant' and exit_reason = 'pas_interesse'),
                        (select min(id) from match where stage = 'suggeree'))""")
    return store


def test_the_offers_declined_as_too_low_show_apart_when_asked_and_the_choice_is_kept(too_low):
    def sql(query: str):
        return on_file(too_low, query)

    at = run_on(page("rates"), TODAY)
    assert not at.exception
    # Off by default: one table, the signed contracts' rates, which the rates just typed leave as they were.
    assert t("rates.declined_title") not in [h.value for h in at.main.subheader]
    assert shown(at.dataframe[0].value) == per_profession(sql, f"m.stage in {SIGNED}")
    assert max(at.dataframe[0].value["max"]) < 20000
    at.toggle(key="filter_widget.declined").set_value(True).run()
    assert not at.exception and t("rates.declined_title") in [h.value for h in at.main.subheader]
    declined = at.dataframe[-1].value
    assert shown(declined) == per_profession(sql, TOO_LOW) and declined.n.tolist() == [5]
    assert t("rates.declined_caption", n=5, shown="5") in [c.value for c in at.caption]
    assert euro_columns_are_whole(at, -1, EUROS)
    agreed, apart = plotly_specs(at)
    assert apart.title == t("rates.declined_chart_profession")
    [hover] = [trace for trace in apart.data if trace.type == "scatter"]
    assert hover.customdata == [[declined[c][0] for c in [*EUROS, "n"]]]
    # Kept like the page's other filters: in the URL, and when the page is opened again.
    assert at.query_params["declined"] == "1"
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/rates.py").run()
    assert t("rates.declined_title") in [h.value for h in at.main.subheader]
    linked = run_on(page("rates"), TODAY, declined="1")
    assert t("rates.declined_title") in [h.value for h in linked.main.subheader]
    # Per mission type too, with the same counts.
    at.segmented_control(key="filter_widget.by").set_value("mission_type").run()
    [(n,)] = sql(f"select count(*) from match m where {TOO_LOW} and agreed_day_rate is not null")
    assert at.dataframe[-1].value.n.sum() == n == 5


def test_no_declined_offer_with_a_rate_says_so(store):
    on_file(store, "update match set agreed_day_rate = null where exit_reason = 'tarif_insuffisant'")
    at = run_on(page("rates"), TODAY, declined="1")
    assert not at.exception
    assert t("rates.declined_empty") in [i.value for i in at.info]
