"""The talent pool's readers (hyc.reads.pool): each figure equals the same figure computed independently with
pandas over the raw tables."""

import pytest

from hyc import reads
from hyc.filters import CaregiverFilter
from hyc.reads.common import TABLE_ROW_LIMIT
from tests.conftest import fetch
from tests.reads.conftest import caregiver_filter_pandas, stages_of


@pytest.mark.parametrize("f", [
    CaregiverFilter(),
    CaregiverFilter(professions=("medecin",)),
    CaregiverFilter(professions=("infirmier", "sage_femme"), regions=("11", "84")),
    CaregiverFilter(stages=("pret_mission", "premiere_mission")),
    CaregiverFilter(work_modes=("distanciel",), min_availability=4),
    CaregiverFilter(mentors=(4,), professions=("medecin",)),
    CaregiverFilter(mission_types=("beta_test",)),
    CaregiverFilter(mission_types=("these", "stage_m2"), ready_only=True),
    CaregiverFilter(max_rate=600, professions=("medecin", "infirmier")),
])
def test_caregiver_filters(t, demo_engine, f):
    expected = caregiver_filter_pandas(stages_of(t), f)
    assert reads.pool.caregiver_count(demo_engine, f) == len(expected)
    assert set(reads.pool.caregivers(demo_engine, f, limit=None).id) == set(expected.index)
    assert len(reads.pool.caregivers(demo_engine, f)) == min(len(expected), TABLE_ROW_LIMIT)  # the rows shown
    by_region = reads.pool.caregiver_counts(demo_engine, f, "region")
    assert dict(zip(by_region.region, by_region.caregivers, strict=True)) == expected.region.value_counts().to_dict()

def test_text_search_ignores_case_and_accents(t, demo_engine):
    cg = t["caregiver"]
    someone = cg[cg.last_name.str.contains("é") & ~cg.archived].iloc[0]
    plain = someone.last_name.replace("é", "e").upper()
    found = reads.pool.caregivers(demo_engine, CaregiverFilter(text=plain))
    assert someone.id in set(found.id)
    by_phone = reads.pool.caregivers(demo_engine, CaregiverFilter(text=someone.phone[-6:]))
    assert someone.id in set(by_phone.id)


@pytest.mark.parametrize(("order", "column", "descending"), [
    ("rate", "expected_day_rate", False), ("availability", "availability_days_per_month", True),
    ("missions_done", "missions_done", True), ("name", "last_name", False)])
def test_the_pool_sorts_as_asked_and_counts_missions_done(t, demo_engine, order, column, descending):
    found = reads.pool.caregivers(demo_engine, CaregiverFilter(), order)
    values = found[column].dropna().tolist()
    assert values == sorted(values, reverse=descending)
    m = t["match"]
    done = m[m.stage == "terminee"].groupby("caregiver_id").size()
    assert found.set_index("id").missions_done.to_dict() == done.reindex(found.id).fillna(0).astype(int).to_dict()


@pytest.mark.parametrize(("order", "by", "ascending"), [
    ("recent", ["created_at", "id"], [False, False]), ("name", ["last_name", "first_name", "id"], True),
    ("availability", ["availability_days_per_month", "id"], [False, True]),
    ("rate", ["expected_day_rate", "id"], True), ("missions_done", ["missions_done", "id"], [False, True])])
def test_the_rows_shown_are_the_first_in_the_order_asked(t, demo_engine, order, by, ascending):
    """The first TABLE_ROW_LIMIT caregivers of the whole pool in that order (the query picks them on a few columns
    and reads only those whole), in that order."""
    cg = t["caregiver"][~t["caregiver"].archived].copy()
    m = t["match"]
    cg["missions_done"] = cg.id.map(m[m.stage == "terminee"].groupby("caregiver_id").size()).fillna(0).astype(int)
    expected = cg.sort_values(by, ascending=ascending, na_position="last").id.head(TABLE_ROW_LIMIT)
    shown = reads.pool.caregivers(demo_engine, CaregiverFilter(), order)
    assert len(cg) > TABLE_ROW_LIMIT and list(shown.id) == list(expected)


def finished_at_least(sql, n: int) -> set[int]:
    """Caregivers in the pool (not archived) with at least `n` finished matches: plain SQL."""
    return {cid for (cid,) in sql("""
        select caregiver_id from match where stage = 'terminee' group by 1 having count(*) >= ?
        intersect select id from caregiver where not archived""", [n])}


@pytest.mark.parametrize("n", [1, 2])
def test_the_missions_done_filter_keeps_those_with_at_least_n_finished_matches(sql, demo_engine, n):
    expected = finished_at_least(sql, n)
    assert expected and (n == 1 or expected < finished_at_least(sql, 1))  # the demo has some with one mission only
    f = CaregiverFilter(min_missions_done=n)
    found = reads.pool.caregivers(demo_engine, f, "missions_done", limit=None)
    assert set(found.id) == expected and reads.pool.caregiver_count(demo_engine, f) == len(expected)
    assert (found.missions_done >= n).all()
    by_profession = reads.pool.caregiver_counts(demo_engine, f, "profession")
    assert by_profession.caregivers.sum() == len(expected)
    # With another filter, both apply.
    profession = by_profession.profession.iloc[0]
    same = {cid for (cid,) in sql("select id from caregiver where profession = ?", [profession])}
    assert set(reads.pool.caregivers(demo_engine, CaregiverFilter(min_missions_done=n, professions=(profession,)),
                                     limit=None).id) == expected & same


def test_no_missions_done_asked_is_no_filter(demo_engine):
    assert CaregiverFilter(min_missions_done=0).where() == CaregiverFilter().where()
    assert reads.pool.caregiver_count(demo_engine, CaregiverFilter(min_missions_done=0)) == \
        reads.pool.caregiver_count(demo_engine, CaregiverFilter())


def test_the_missions_done_filter_leaves_archived_caregivers_out(engine):
    def sql(query, params=()):
        return fetch(engine, query, *params)

    [(cid,)] = sql("select caregiver_id from match where stage = 'terminee' group by 1 having count(*) >= 2 "
                   "order by 1 limit 1")
    with engine.begin() as conn:
        conn.exec_driver_sql("update caregiver set archived = true where id = ?", (cid,))
    found = set(reads.pool.caregivers(engine, CaregiverFilter(min_missions_done=2), limit=None).id)
    assert cid not in found and found == finished_at_least(sql, 2)
