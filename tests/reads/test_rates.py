"""Day rates (hyc.reads.rates): each figure equals the same figure computed independently, with pandas or plain SQL
over the raw tables. Only signed contracts make the benchmark; the offers declined as too low are counted apart."""

import numpy as np
import pandas as pd
import pytest

from hyc import db, reads, schema
from hyc.filters import RateFilter

SIGNED = "('contrat_signe', 'en_mission', 'terminee')"
COLUMN = {"profession": "c.profession", "specialty": "c.specialty", "mission_type": "r.mission_type"}


def whole(x) -> int:
    """Euros to the whole euro, halves away from zero (every rate is positive)."""
    return int(np.floor(float(x) + 0.5))


def quartiles(rates: pd.Series) -> dict:
    rates = rates.astype(float)
    return {"n": len(rates), "q1": whole(rates.quantile(0.25)), "median": whole(rates.median()),
            "q3": whole(rates.quantile(0.75)), "min": whole(rates.min()), "max": whole(rates.max())}


def matches_with_groups(t) -> pd.DataFrame:
    m = t["match"].merge(t["caregiver"][["id", "profession", "specialty"]].rename(columns={"id": "caregiver_id"}))
    return m.merge(t["request"][["id", "mission_type"]].rename(columns={"id": "request_id"}))


def rows(df: pd.DataFrame, by: str) -> dict:
    figures = ["n", "q1", "median", "q3", "min", "max"]
    return {key: {k: int(v) for k, v in row.items()} for key, row in df.set_index(by)[figures].iterrows()}


@pytest.fixture
def scratch(store_path):
    """An engine on the test's own copy of the demo store, written with plain SQL (rates typed, a stage moved) as
    no hyc write would: the invariants the `engine` fixture checks after a test are not this module's business."""
    engine = schema.open_store(f"duckdb:///{store_path}")
    yield engine
    engine.dispose()


def run(engine, query: str, params=None):
    with db.raw(engine) as con:
        return con.execute(query, params or []).fetchall()


@pytest.mark.parametrize("by", ["profession", "specialty", "mission_type"])
def test_rate_summary_counts_the_rates_of_signed_contracts_only(t, demo_engine, by):
    m = matches_with_groups(t)
    signed = m[m.stage.isin(["contrat_signe", "en_mission", "terminee"])].dropna(subset=["agreed_day_rate", by])
    got = reads.rates.rate_summary(demo_engine, RateFilter(), by)
    assert rows(got, by) == {key: quartiles(part.agreed_day_rate) for key, part in signed.groupby(by)}
    assert got["median"].is_monotonic_decreasing  # highest median first
    # Fewer than every rate typed: the demo has rates on matches that ended before a contract.
    assert got.n.sum() < len(m.dropna(subset=["agreed_day_rate", by]))
    doctors = reads.rates.rate_summary(demo_engine, RateFilter(professions=("medecin",)), "profession")
    [(n,)] = run(demo_engine, f"""select count(*) from match m join caregiver c on c.id = m.caregiver_id
                                  where c.profession = 'medecin' and m.stage in {SIGNED}
                                  and m.agreed_day_rate is not null""")
    assert doctors.profession.tolist() == ["medecin"] and doctors.n.tolist() == [n]


def test_a_rate_typed_on_a_suggestion_or_a_declined_offer_is_no_benchmark(scratch):
    """Rates written on a match still at "suggérée" and on offers the caregiver declined change nothing of the
    benchmark, however far off they are; the one declined as too low shows in its own table."""
    engine = scratch
    before = reads.rates.rate_summary(engine, RateFilter(), "profession")
    [(suggested,)] = run(engine, "select min(id) from match where stage = 'suggeree'")
    declined = [i for (i,) in run(engine, """select id from match where stage = 'declinee_soignant'
                                             and agreed_day_rate is null order by exit_reason, id""")]
    [(too_low,)] = run(engine, """select min(id) from match where stage = 'declinee_soignant'
                                  and exit_reason = 'tarif_insuffisant' and agreed_day_rate is null""")
    run(engine, "update match set agreed_day_rate = 9000 where id = ? or id = ? or id = ?",
        [suggested, declined[0], too_low])
    after = reads.rates.rate_summary(engine, RateFilter(), "profession")
    pd.testing.assert_frame_equal(after, before)
    assert after["max"].max() < 9000
    [(profession,)] = run(engine, "select c.profession from match m join caregiver c on c.id = m.caregiver_id "
                                  "where m.id = ?", [too_low])
    too_low_rates = reads.rates.declined_rate_summary(engine, RateFilter(), "profession").set_index("profession")
    assert too_low_rates.loc[profession, "max"] == 9000


def test_the_offers_declined_as_too_low_are_counted_exactly_and_in_whole_euros(scratch):
    """Stage "déclinée par le soignant", reason "tarif insuffisant", a rate typed: those and no other. Two rates of
    601 € and 602 € have a median of 601,50 €, written 602 €; their quartiles 601,25 € and 601,75 €, 601 € and 602 €."""
    engine = scratch
    run(engine, "update match set agreed_day_rate = null where exit_reason = 'tarif_insuffisant'")
    [(profession,)] = run(engine, """select c.profession from match m join caregiver c on c.id = m.caregiver_id
                                     where m.exit_reason = 'tarif_insuffisant' group by all
                                     having count(*) >= 2 order by count(*) desc, 1 limit 1""")
    two = [i for (i,) in run(engine, """select m.id from match m join caregiver c on c.id = m.caregiver_id
                                        where m.exit_reason = 'tarif_insuffisant' and c.profession = ?
                                        order by m.id limit 2""", [profession])]
    run(engine, "update match set agreed_day_rate = 601 where id = ?", [two[0]])
    run(engine, "update match set agreed_day_rate = 602 where id = ?", [two[1]])
    # Declined for another reason, or turned down by the client as too dear: not what caregivers found too low.
    run(engine, """update match set agreed_day_rate = 300 where id in (
                       (select min(id) from match where stage = 'declinee_soignant' and exit_reason = 'pas_interesse'),
                       (select min(id) from match where exit_reason = 'tarif_trop_eleve'))""")
    got = reads.rates.declined_rate_summary(engine, RateFilter(), "profession")
    assert rows(got, "profession") == {profession: {"n": 2, "q1": 601, "median": 602, "q3": 602, "min": 601,
                                                    "max": 602}}
    for column in ("q1", "median", "q3", "min", "max"):
        assert pd.api.types.is_integer_dtype(got[column])


@pytest.mark.parametrize("by", ["profession", "mission_type"])
def test_the_declined_offers_per_group_equal_plain_sql(demo_engine, by):
    got = reads.rates.declined_rate_summary(demo_engine, RateFilter(), by)
    expected = run(demo_engine, f"""
        select {COLUMN[by]}, count(*), median(m.agreed_day_rate) from match m
        join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        where m.stage = 'declinee_soignant' and m.exit_reason = 'tarif_insuffisant'
        and m.agreed_day_rate is not null group by 1""")
    assert expected, "the demo has an offer declined as too low, with its rate"
    assert {key: (n, whole(median)) for key, n, median in expected} == {
        row[by]: (row.n, row["median"]) for _, row in got.iterrows()}


def test_the_pool_s_expected_median_stands_beside_each_group_s_agreed_rates(t, demo_engine):
    got = reads.rates.rate_summary_with_expected(demo_engine, RateFilter(), "profession").set_index("profession")
    cg = t["caregiver"]
    pool = cg[~cg.archived & cg.expected_day_rate.notna()].groupby("profession").expected_day_rate
    assert got.expected_median.to_dict() == {p: whole(pool.median()[p]) for p in got.index}
    assert got.expected_n.to_dict() == {p: int(pool.size()[p]) for p in got.index}
    # The agreed figures are rate_summary's, line for line.
    agreed = reads.rates.rate_summary(demo_engine, RateFilter(), "profession").set_index("profession")
    pd.testing.assert_frame_equal(got[agreed.columns], agreed)


def test_the_pool_s_expected_rates_per_profession_and_per_mission_wanted(t, demo_engine):
    cg = t["caregiver"]
    pool = cg[~cg.archived & cg.expected_day_rate.notna()]
    by_profession = reads.rates.expected_rate_summary(demo_engine, RateFilter(), "profession").set_index("profession")
    expected = pool.groupby("profession").expected_day_rate.agg(["size", "median"])
    assert by_profession.n.to_dict() == expected["size"].to_dict()
    assert by_profession["median"].to_dict() == {p: whole(v) for p, v in expected["median"].items()}
    wanted = pool.assign(wanted=pool.mission_types.fillna("").str.split(",")).explode("wanted")
    wanted = wanted[wanted.wanted != ""]
    by_mission = reads.rates.expected_rate_summary(demo_engine, RateFilter(mission_types=("these",)),
                                                   "mission_type")
    assert by_mission.set_index("mission_type").n.to_dict() == {"these": int((wanted.wanted == "these").sum())}


def test_the_wider_reference_counts_signed_contracts_only(scratch):
    """A view with too few signed rates falls back on its profession for the mission type only when that has
    REFERENCE_MIN signed rates: rates typed on matches still under way do not make it one."""
    engine = scratch
    profession, mission = run(engine, f"""
        select c.profession, r.mission_type
        from match m join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        where c.specialty is not null group by 1, 2
        having count(*) filter (where m.stage in {SIGNED} and m.agreed_day_rate is not null) < 5
        order by count(*) desc, 1, 2 limit 1""")[0]
    # The specialty of most caregivers of the pool who give a rate and want this mission type.
    [(specialty,)] = run(engine, """select mode(specialty) from caregiver where not archived and profession = ?
                                    and expected_day_rate is not null
                                    and list_contains(string_split(mission_types, ','), ?)""", [profession, mission])
    view = RateFilter(professions=(profession,), mission_types=(mission,), specialties=(specialty,))
    # Enough rates typed on this profession and mission type, on matches that are not signed contracts.
    unsigned = [i for (i,) in run(engine, f"""
        select m.id from match m join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        where c.profession = ? and r.mission_type = ? and m.stage not in {SIGNED}
        and m.agreed_day_rate is null order by m.id limit 5""", [profession, mission])]
    assert len(unsigned) == 5
    run(engine, "update match set agreed_day_rate = 500 where id = any(?)", [unsigned])
    kind, shown = reads.rates.reference(engine, view, "profession")
    assert kind == "expected"
    [(n,)] = run(engine, """select count(*) from caregiver where not archived and expected_day_rate is not null
                            and profession = ? and specialty = ?
                            and list_contains(string_split(mission_types, ','), ?)""",
                  [profession, specialty, mission])
    assert shown.n.sum() == n
    # Signed, those rates make the profession a reference.
    run(engine, "update match set stage = 'contrat_signe' where id = any(?)", [unsigned])
    kind, shown = reads.rates.reference(engine, view, "profession")
    [(signed,)] = run(engine, f"""select count(*) from match m join caregiver c on c.id = m.caregiver_id
                                  join request r on r.id = m.request_id where c.profession = ? and r.mission_type = ?
                                  and m.stage in {SIGNED} and m.agreed_day_rate is not null""", [profession, mission])
    assert kind == "wider" and shown.n.tolist() == [signed] and signed >= 5 and n > 0
    assert shown.expected_median.notna().all()
