"""What a person filters on, as plain values, and the SQL conditions they become.

Filters are frozen dataclasses of tuples so that cached readers can be keyed on them; each turns
itself into a parameterised WHERE clause over a known table alias.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from hyc import search


def _codes(column: str, values: tuple, params: list) -> str:
    params.append(list(values))
    return f"{column} = any(?)"


@dataclass(frozen=True)
class CaregiverFilter:
    """Criteria on caregivers; applies to a query exposing the columns of `caregiver_view` as `c`."""

    professions: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    min_availability: int = 0
    work_modes: tuple[str, ...] = ()
    appetites: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    mentors: tuple[int, ...] = ()
    text: str = ""

    def where(self) -> tuple[str, list]:
        params: list = []
        clauses = ["not c.archived"]
        for attr, column in (("professions", "c.profession"), ("specialties", "c.specialty"),
                             ("regions", "c.region"), ("departements", "c.departement"),
                             ("settings", "c.practice_setting"), ("appetites", "c.digital_appetite"),
                             ("stages", "c.stage"), ("mentors", "c.mentor_id")):
            values = getattr(self, attr)
            if values:
                clauses.append(_codes(column, values, params))
        if self.work_modes:
            # Someone who works both ways fits a remote or an on-site search.
            clauses.append(_codes("c.work_mode", (*self.work_modes, "les_deux"), params))
        if self.min_availability:
            clauses.append("c.availability_days_per_month >= ?")
            params.append(self.min_availability)
        if self.text.strip():
            condition, text_params = search.caregiver_condition(self.text, "c")
            clauses.append(condition)
            params += text_params
        return " and ".join(clauses), params


@dataclass(frozen=True)
class RequestFilter:
    """Criteria on requests; applies to a query exposing request `r` and organisation `o`."""

    org_kinds: tuple[str, ...] = ()
    mission_types: tuple[str, ...] = ()
    professions: tuple[str, ...] = ()
    owners: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()

    def where(self) -> tuple[str, list]:
        params: list = []
        clauses = ["not r.archived"]
        for attr, column in (("org_kinds", "o.kind"), ("mission_types", "r.mission_type"),
                             ("owners", "r.owner_id"), ("statuses", "r.status")):
            values = getattr(self, attr)
            if values:
                clauses.append(_codes(column, values, params))
        if self.professions:
            clauses.append("len(list_intersect(string_split(r.professions, ','), ?)) > 0")
            params.append(list(self.professions))
        return " and ".join(clauses), params


@dataclass(frozen=True)
class RateFilter:
    """Criteria on agreed day rates; applies to a query exposing caregiver `c` and request `r`."""

    professions: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()
    mission_types: tuple[str, ...] = ()

    def where(self) -> tuple[str, list]:
        params: list = []
        clauses = ["m.agreed_day_rate is not null"]
        for attr, column in (("professions", "c.profession"), ("specialties", "c.specialty"),
                             ("mission_types", "r.mission_type")):
            values = getattr(self, attr)
            if values:
                clauses.append(_codes(column, values, params))
        return " and ".join(clauses), params


def is_empty(f: CaregiverFilter | RequestFilter | RateFilter) -> bool:
    return all(getattr(f, field.name) == field.default for field in fields(f))
