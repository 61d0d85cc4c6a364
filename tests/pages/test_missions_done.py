"""The talent pool's "missions done ≥ N" filter and the pivot's distinct caregivers, under AppTest: the figures
equal plain SQL, the filter comes from the URL and writes itself there."""

import re

from tests.conftest import TODAY, t
from tests.pages.conftest import page, run_on


def pool_count(at) -> int:
    text = next(c.value for c in at.caption if c.value.startswith("Soignants correspondant"))
    return int(re.sub(r"\D", "", text))


def test_the_talent_pool_keeps_those_with_at_least_n_missions_done_from_the_url(on_demo, sql):
    at = run_on(page("talent_pool"), TODAY, missions_done="2")
    assert not at.exception
    expected = sql("""select count(*) from caregiver where not archived and id in (
                          select caregiver_id from match where stage = 'terminee' group by 1 having count(*) >= 2)
                   """)[0][0]
    assert pool_count(at) == expected > 0
    assert at.number_input(key="filter_widget.missions_done").value == 2
    assert any(t("filter.missions_done_at_least", n=2) in c.value for c in at.caption)  # the active filters say it
    at.number_input(key="filter_widget.missions_done").set_value(0).run()
    assert pool_count(at) == sql("select count(*) from caregiver where not archived")[0][0]
    assert "missions_done" not in at.query_params


def test_a_number_of_missions_that_is_no_number_in_the_url_is_no_filter(on_demo, sql):
    at = run_on(page("talent_pool"), TODAY, missions_done="deux")
    assert not at.exception
    assert pool_count(at) == sql("select count(*) from caregiver where not archived")[0][0]


def test_the_pivot_counts_distinct_caregivers_of_the_matches_and_says_the_cells_do_not_add_up(on_demo, sql):
    at = run_on(page("pivot"), TODAY)
    next(s for s in at.selectbox if s.key == "pivot.measure").set_value("match_caregivers").run()
    next(s for s in at.selectbox if s.key == "pivot.first").set_value("match_stage").run()
    assert not at.exception
    shown = next(d.value for d in at.dataframe)
    finished = sql("""select count(distinct caregiver_id) from match where stage = 'terminee'
                      and caregiver_id in (select id from caregiver where not archived)""")[0][0]
    assert dict(zip(shown.match_stage, shown.value, strict=True))["Terminée"] == finished
    assert any(c.value == t("pivot.distinct_note") for c in at.caption)
