"""What a person filters on, as plain values, and the SQL conditions they become, next to the view they apply to.

Filters are frozen dataclasses of tuples so that cached readers can be keyed on them; each turns
itself into a parameterised WHERE clause over a known table alias.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from hyc import search, vocab

# "Has done a mission", the one rule: at least one of the caregiver's matches is at this stage (finished). The
# step "Première mission faite" follows it (hyc.mentoring.follow_first_mission), the pool counts and filters on it.
FINISHED_STAGE = "terminee"
# How many missions each caregiver has done (those who have done none have no row).
MISSIONS_DONE = (f"select caregiver_id, count(*) as missions_done from match where stage = '{FINISHED_STAGE}' "
                 "group by caregiver_id")

# Caregivers with where they stand on the track (kept in caregiver_progress by hyc.progress): `c.stage`,
# `c.ready`, `c.placed_once` (has done a mission: the step follows the finished matches), `c.last_progress_at`, and
# the mentor's name `c.mentor`.
CAREGIVER_VIEW = f"""
    c as (
        select cg.*, coalesce(p.stage, '{vocab.NO_STAGE}') as stage, coalesce(p.ready, false) as ready,
               coalesce(p.placed_once, false) as placed_once, p.last_progress_at,
               tm.full_name as mentor
        from caregiver cg
        left join caregiver_progress p on p.caregiver_id = cg.id
        left join team_member tm on tm.id = cg.mentor_id
    )"""


def _code_clauses(f, columns: dict[str, str], params: list) -> list[str]:
    """`column = any(?)` for each field of `f` (name → column) holding codes; the codes go to `params`."""
    clauses = []
    for attr, column in columns.items():
        values = getattr(f, attr)
        if values:
            params.append(list(values))
            clauses.append(f"{column} = any(?)")
    return clauses


@dataclass(frozen=True)
class CaregiverFilter:
    """Criteria on caregivers; applies to a query over CAREGIVER_VIEW (`with {CAREGIVER_VIEW} … from c`)."""

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
    mission_types: tuple[str, ...] = ()  # wants at least one of them
    ready_only: bool = False
    max_rate: int = 0  # expected day rate at most this (0: any); people who gave none are left out
    min_missions_done: int = 0  # at least this many finished matches (0: any)
    text: str = ""

    def where(self) -> tuple[str, list]:
        params: list = []
        clauses = ["not c.archived", *_code_clauses(self, {
            "professions": "c.profession", "specialties": "c.specialty", "regions": "c.region",
            "departements": "c.departement", "settings": "c.practice_setting", "appetites": "c.digital_appetite",
            "stages": "c.stage", "mentors": "c.mentor_id"}, params)]
        if self.work_modes:
            # Someone who works both ways fits a remote or an on-site search.
            params.append([*self.work_modes, "les_deux"])
            clauses.append("c.work_mode = any(?)")
        if self.mission_types:
            params.append(list(self.mission_types))
            clauses.append("len(list_intersect(string_split(c.mission_types, ','), ?)) > 0")
        if self.ready_only:
            clauses.append("c.ready")
        if self.max_rate:
            clauses.append("c.expected_day_rate <= ?")
            params.append(self.max_rate)
        if self.min_availability:
            clauses.append("c.availability_days_per_month >= ?")
            params.append(self.min_availability)
        if self.min_missions_done > 0:
            # One aggregate over the finished matches, not a count per caregiver row (the pool is benchmarked).
            clauses.append(f"c.id in (select fin.caregiver_id from match fin where fin.stage = '{FINISHED_STAGE}' "
                           "group by fin.caregiver_id having count(*) >= ?)")
            params.append(self.min_missions_done)
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
    specialties: tuple[str, ...] = ()  # asks for at least one of them
    text: str = ""  # every word in the title, the description, the organisation's or the contact's name (hyc.search)

    def where(self) -> tuple[str, list]:
        params: list = []
        clauses = ["not r.archived", *_code_clauses(self, {
            "org_kinds": "o.kind", "mission_types": "r.mission_type", "owners": "r.owner_id", "statuses": "r.status"},
            params)]
        if self.professions:
            clauses.append("len(list_intersect(string_split(r.professions, ','), ?)) > 0")
            params.append(list(self.professions))
        if self.specialties:
            clauses.append("len(list_intersect(string_split(r.specialties, ','), ?)) > 0")
            params.append(list(self.specialties))
        if self.text.strip():
            condition, text_params = search.request_condition(self.text, "r")
            clauses.append(condition)
            params += text_params
        return " and ".join(clauses), params


@dataclass(frozen=True)
class RateFilter:
    """Criteria on agreed day rates; applies to a query exposing caregiver `c` and request `r`."""

    professions: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()
    mission_types: tuple[str, ...] = ()

    def where(self) -> tuple[str, list]:
        params: list = []
        clauses = ["m.agreed_day_rate is not null", *_code_clauses(self, {
            "professions": "c.profession", "specialties": "c.specialty", "mission_types": "r.mission_type"}, params)]
        return " and ".join(clauses), params


def is_empty(f: CaregiverFilter | RequestFilter | RateFilter) -> bool:
    return all(getattr(f, field.name) == field.default for field in fields(f))
