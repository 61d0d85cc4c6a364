"""Agreed day rates by profession, specialty or mission type."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import db
from hyc.filters import RateFilter

RATE_DIMENSIONS = {"profession": "c.profession", "specialty": "c.specialty", "mission_type": "r.mission_type"}
# Fewer agreed rates than this in a group make no reference: the page says so beside its median.
REFERENCE_MIN = 5

_QUARTILES = """count(*) as n, quantile_cont({v}, 0.25) as q1, median({v}) as median, quantile_cont({v}, 0.75) as q3,
                min({v}) as min, max({v}) as max"""


def rate_summary(engine: Engine, f: RateFilter, by: str) -> pd.DataFrame:
    """Quartiles of agreed day rates per profession, specialty or mission type, with their counts."""
    column = RATE_DIMENSIONS[by]
    where, params = f.where()
    return db.read_df(engine, f"""
        select {column} as {by}, {_QUARTILES.format(v="m.agreed_day_rate")}
        from match m join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        where {where} and {column} is not null
        group by all order by median desc
    """, params)


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
        group by all order by median desc
    """, params)


def reference(engine: Engine, f: RateFilter, by: str) -> tuple[str, pd.DataFrame]:
    """What to advise from when a view has too few agreed rates (fewer than REFERENCE_MIN in all): the agreed rates
    of the whole profession for this mission type ("wider"), else the rates the pool expects ("expected")."""
    broader = wider(f)
    if broader != f:
        summary = rate_summary(engine, broader, by)
        if summary.n.sum() >= REFERENCE_MIN:
            return "wider", summary
    return "expected", expected_rate_summary(engine, f, by)
