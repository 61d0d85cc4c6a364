"""A pivot for everyone: one measure counted (or its median taken) by one or two dimensions, with the talent
pool's filters on the caregivers it concerns. Each measure is read from its own grain (caregivers, requests or
matches), and offers the dimensions that grain has."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from hyc import db
from hyc.filters import CAREGIVER_VIEW, CaregiverFilter
from hyc.matches import SIGNED_STAGES

# Dimensions: the SQL that gives each, by the aliases of the grains (c caregiver, r request, o organisation,
# m match).
DIMENSIONS = {
    "profession": "c.profession", "specialty": "c.specialty", "region": "c.region", "departement": "c.departement",
    "practice_setting": "c.practice_setting", "stage": "c.stage", "mission_type": "r.mission_type",
    "org_kind": "o.kind", "request_status": "r.status", "match_stage": "m.stage",
}
MONTH = {"caregivers": "c.created_at", "requests": "r.created_at", "matches": "m.created_at",
         "match_caregivers": "m.created_at", "signed": "s.signed_at", "median_rate": "m.created_at"}
CAREGIVER_DIMS = ("profession", "specialty", "region", "departement", "practice_setting", "stage")


@dataclass(frozen=True)
class Measure:
    source: str  # the FROM of its grain
    value: str  # the aggregate
    dimensions: tuple[str, ...]
    filtered: bool  # the caregiver filters apply (its rows concern caregivers)
    distinct: bool = False  # counts people, not rows: one may count in several cells, the cells add up to more


_MATCHES = ("match m join c on c.id = m.caregiver_id join request r on r.id = m.request_id "
            "join organisation o on o.id = r.organisation_id")
MEASURES = {
    "caregivers": Measure("c", "count(*)", (*CAREGIVER_DIMS, "month"), True),
    "requests": Measure("request r join organisation o on o.id = r.organisation_id", "count(*)",
                        ("mission_type", "org_kind", "request_status", "month"), False),
    "matches": Measure(_MATCHES, "count(*)", (*CAREGIVER_DIMS, "mission_type", "org_kind", "match_stage", "month"),
                       True),
    # The caregivers of those matches, each once per cell: by match stage, 'terminee' counts those who have done a
    # mission (hyc.filters.FINISHED_STAGE), whatever their number of missions.
    "match_caregivers": Measure(_MATCHES, "count(distinct m.caregiver_id)",
                                (*CAREGIVER_DIMS, "mission_type", "org_kind", "match_stage", "month"), True,
                                distinct=True),
    "signed": Measure(_MATCHES + " join signed s on s.match_id = m.id", "count(*)",
                      (*CAREGIVER_DIMS, "mission_type", "org_kind", "month"), True),
    "median_rate": Measure(_MATCHES, "median(m.agreed_day_rate)",
                           (*CAREGIVER_DIMS, "mission_type", "org_kind", "month"), True),
}


def pivot(engine: Engine, measure: str, dimensions: tuple[str, ...], f: CaregiverFilter) -> pd.DataFrame:
    """Rows of the dimensions' values (codes; the month as yyyy-mm) and `value`, largest first."""
    spec = MEASURES[measure]
    if not 1 <= len(dimensions) <= 2 or any(d not in spec.dimensions for d in dimensions):
        raise ValueError(f"{measure} by {dimensions}")
    columns = [f"strftime({MONTH[measure]}, '%Y-%m')" if d == "month" else DIMENSIONS[d] for d in dimensions]
    where, params = f.where() if spec.filtered else ("not r.archived", [])
    if measure == "median_rate":
        # The rates the team can quote, as on the Rates page: those of signed contracts.
        where += (" and m.agreed_day_rate is not null and m.stage in ("
                  + ", ".join(f"'{stage}'" for stage in SIGNED_STAGES) + ")")
    selected = ", ".join(f"{sql} as {name}" for sql, name in zip(columns, dimensions, strict=True))
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW},
        signed as (select match_id, min(occurred_at) as signed_at from match_event
                   where stage = 'contrat_signe' group by match_id)
        select {selected}, {spec.value} as value
        from {spec.source}
        where {where}
        group by all
        order by value desc, {", ".join(dimensions)}
    """, params)
