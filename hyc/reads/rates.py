"""Day rates by profession, specialty or mission type: the rates of signed contracts (the benchmark the team
quotes), the rates the pool expects beside them, and the offers caregivers declined as too low.

Quartiles and extremes come in whole euros (rounded half away from zero), as every place that shows them writes
them: the table, its download and the chart's hover say the same figure."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import db
from hyc.filters import RateFilter
from hyc.matches import SIGNED_STAGES

RATE_DIMENSIONS = {"profession": "c.profession", "specialty": "c.specialty", "mission_type": "r.mission_type"}
# Fewer agreed rates than this in a group make no reference: the page says so beside its median.
REFERENCE_MIN = 5
# An offer the caregiver turned down because its rate was too low: the rate typed on it is what was too low.
DECLINED_STAGE, DECLINED_REASON = "declinee_soignant", "tarif_insuffisant"

_QUARTILES = """count(*) as n, round(quantile_cont({v}, 0.25))::bigint as q1, round(median({v}))::bigint as median,
                round(quantile_cont({v}, 0.75))::bigint as q3, round(min({v}))::bigint as min,
                round(max({v}))::bigint as max"""


def _rates(engine: Engine, f: RateFilter, by: str, stage: str, stage_params: list) -> pd.DataFrame:
    """Quartiles per group of the rates typed on matches that meet `stage` (an SQL condition on `m`) and `f`."""
    column = RATE_DIMENSIONS[by]
    where, params = f.where()
    return db.read_df(engine, f"""
        select {column} as {by}, {_QUARTILES.format(v="m.agreed_day_rate")}
        from match m join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        where {stage} and {where} and m.agreed_day_rate is not null and {column} is not null
        group by all order by median desc, n desc, {by}
    """, [*stage_params, *params])


def rate_summary(engine: Engine, f: RateFilter, by: str) -> pd.DataFrame:
    """Quartiles of the agreed day rates of signed contracts (a match at a stage of SIGNED_STAGES: contrat signé,
    en mission, terminée) per profession, specialty or mission type, with their counts. A rate typed on a match
    still under way, or on one that ended before a contract, is no rate the team can quote."""
    return _rates(engine, f, by, "m.stage = any(?)", [list(SIGNED_STAGES)])


def declined_rate_summary(engine: Engine, f: RateFilter, by: str) -> pd.DataFrame:
    """Quartiles of the rates offered to caregivers who declined them as too low (stage "déclinée par le soignant",
    reason "tarif insuffisant", a rate typed), per profession, specialty or mission type: what was too low."""
    return _rates(engine, f, by, "m.stage = ? and m.exit_reason = ?", [DECLINED_STAGE, DECLINED_REASON])


def rate_summary_with_expected(engine: Engine, f: RateFilter, by: str) -> pd.DataFrame:
    """rate_summary with, on each group's line, the median day rate the pool expects for the same view
    (`expected_median`, from expected_rate_summary) and how many caregivers gave one (`expected_n`); both empty
    where no caregiver of the group gave a rate."""
    agreed = rate_summary(engine, f, by)
    expected = expected_rate_summary(engine, f, by)[[by, "median", "n"]].rename(
        columns={"median": "expected_median", "n": "expected_n"})
    joined = agreed.merge(expected, on=by, how="left")
    return joined.astype({"expected_median": "Int64", "expected_n": "Int64"})


def wider(f: RateFilter) -> RateFilter:
    """The next wider view when a view has too few agreed rates: the whole profession for this mission type."""
    return RateFilter(professions=f.professions, mission_types=f.mission_types)


def expected_rate_summary(engine: Engine, f: RateFilter, by: str) -> pd.DataFrame:
    """Quartiles of the day rates the pool expects (caregivers in the pool, a rate given), per profession,
    specialty or mission type wanted: the reference when too few rates were agreed."""
    column = {"profession": "c.profession", "specialty": "c.specialty", "mission_type": "w.wanted"}[by]
    # Per mission type, a caregiver counts once under each type they want.
    source = ("caregiver c, unnest(string_split(coalesce(c.mission_types, ''), ',')) as w(wanted)"
              if by == "mission_type" else "caregiver c")
    params: list = []
    clauses = ["not c.archived", "c.expected_day_rate is not null"]
    wanted = ("w.wanted = any(?)" if by == "mission_type"
              else "len(list_intersect(string_split(c.mission_types, ','), ?)) > 0")
    for values, sql in ((f.professions, "c.profession = any(?)"), (f.specialties, "c.specialty = any(?)"),
                        (f.mission_types, wanted)):
        if values:
            clauses.append(sql)
            params.append(list(values))
    return db.read_df(engine, f"""
        select {column} as {by}, {_QUARTILES.format(v="c.expected_day_rate")}
        from {source}
        where {" and ".join(clauses)} and {column} is not null and {column} <> ''
        group by all order by median desc, n desc, {by}
    """, params)


def reference(engine: Engine, f: RateFilter, by: str) -> tuple[str, pd.DataFrame]:
    """What to advise from when a view has too few agreed rates of signed contracts (fewer than REFERENCE_MIN in
    all): the signed contracts' rates of the whole profession for this mission type ("wider", with the pool's
    expected median beside each line, as the view's own table), else the rates the pool expects ("expected")."""
    broader = wider(f)
    if broader != f:
        summary = rate_summary_with_expected(engine, broader, by)
        if summary.n.sum() >= REFERENCE_MIN:
            return "wider", summary
    return "expected", expected_rate_summary(engine, f, by)
