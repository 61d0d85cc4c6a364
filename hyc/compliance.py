"""Compliance of a match, in one place: which steps apply, what is missing, what the rules warn about.

The anti-gift rules (Code de la santé publique, L.1453-3 and following, in force since 1 October 2020): an
agreement between a health professional (or student) and a company that makes or sells health products is
declared to the Ordre when its amounts stay below the thresholds of the arrêté of 7 August 2020, and needs the
Ordre's prior authorisation at or above any of them. A public-hospital doctor also needs the employer's
authorisation to hold a second activity (autorisation de cumul).

Pure functions of plain values: the write functions (hyc.matches) and the forms (which fields to show, what is
still open) ask the same questions here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

import holidays
import numpy as np
from dateutil.relativedelta import relativedelta

from hyc.i18n import Figure, Message

# Thresholds in euros: per hour, per half-day, per agreement.
THRESHOLDS = {
    "professional": {"hour": 200, "half_day": 800, "agreement": 2000},
    "student": {"hour": 80, "half_day": 320, "agreement": 800},
}
# A day rate is read as two half-days of four hours: the arrêté sets hourly and half-day amounts.
HOURS_PER_DAY = 8
# A declaration reaches the Ordre at least 8 working days before the first benefit.
DECLARATION_NOTICE_WORKING_DAYS = 8
# French public holidays, computed for any year asked (the package's own rules, not a hand-written list).
_FRENCH_HOLIDAYS = holidays.France()
# The Ordre answers an authorisation request within two months: calendar months (31 August -> 30 June), not 61
# days.
AUTHORISATION_DELAY = relativedelta(months=2)


def needs_authorisation(day_rate, days, *, student):
    """Whether an agreement at this day rate over this many days reaches a threshold (at or above any of them
    needs the Ordre's authorisation). Works on plain numbers and, element-wise, on numpy arrays or pandas Series
    (the ranking asks it of every candidate at once)."""
    limits = {period: np.where(student, THRESHOLDS["student"][period], THRESHOLDS["professional"][period])
              for period in ("hour", "half_day", "agreement")}
    reached = ((day_rate / HOURS_PER_DAY >= limits["hour"]) | (day_rate / 2 >= limits["half_day"])
               | (day_rate * days >= limits["agreement"]))
    return bool(reached) if np.ndim(reached) == 0 else reached


def convention_regime(day_rate: float, days: float, *, student: bool) -> str:
    """'declaration' or 'autorisation' for an agreement at this day rate over this many days."""
    return "autorisation" if needs_authorisation(day_rate, days, student=student) else "declaration"


def working_day(day: date) -> bool:
    """Monday to Friday, not a French public holiday (metropolitan calendar: Alsace-Moselle's and the overseas
    departments' own days are not counted)."""
    return day.weekday() < 5 and day not in _FRENCH_HOLIDAYS


def declaration_deadline(first_benefit: date) -> date:
    """The last day on which a declaration can reach the Ordre: 8 working days before the first benefit."""
    day = first_benefit
    left = DECLARATION_NOTICE_WORKING_DAYS
    while left:
        day -= timedelta(days=1)
        if working_day(day):
            left -= 1
    return day


def latest_filing(regime: str, start: date) -> date:
    """The last day on which the Ordre can be asked in time for a mission starting on `start`: the declaration
    deadline, or two calendar months before the start for an authorisation."""
    if regime == "autorisation":
        return start - AUTHORISATION_DELAY
    return declaration_deadline(start)


def earliest_start(regime: str, filed_on: date) -> date:
    """The first start date for which the Ordre asked on `filed_on` is still in time: the inverse of latest_filing,
    found by walking forward (month ends make "two months later" and "two months before" disagree: filed on 31
    December, a start on 28 February is too soon, its latest filing being 28 December)."""
    start = filed_on + (AUTHORISATION_DELAY if regime == "autorisation" else timedelta(days=1))
    while latest_filing(regime, start) < filed_on:
        start += timedelta(days=1)
    return start


@dataclass(frozen=True)
class Checklist:
    """Which compliance steps one match needs."""

    convention: bool  # an agreement under the anti-gift rules: the organisation makes or sells health products
    convention_regime: str | None  # "declaration" or "autorisation", once the agreed rate and days are known
    cumul: bool  # a public-hospital doctor needs the employer's authorisation for a second activity


# Who needs the employer's authorisation to hold a second activity.
CUMUL_PROFESSION, CUMUL_SETTING = "medecin", "hopital_public"


def cumul_applies(profession, practice_setting):
    """Whether a public-hospital doctor's cumul authorisation is needed (element-wise on Series too)."""
    return (profession == CUMUL_PROFESSION) & (practice_setting == CUMUL_SETTING)


def checklist(*, makes_health_products: bool, profession: str | None, practice_setting: str | None,
              agreed_day_rate: float | None, agreed_days: float | None) -> Checklist:
    """The steps a match needs, from its organisation, its caregiver and its agreed terms."""
    regime = None
    if makes_health_products and agreed_day_rate and agreed_days:
        regime = convention_regime(agreed_day_rate, agreed_days, student=profession == "etudiant_sante")
    return Checklist(bool(makes_health_products), regime, cumul_applies(profession, practice_setting))


def gaps(needs: Checklist, *, conflict_checked: bool, agreed_day_rate: float | None, agreed_days: float | None,
         convention_status: str | None, cumul_status: str | None) -> list[str]:
    """The required steps still open, in French, in the order they are done."""
    open_ = []
    if not conflict_checked:
        open_.append(Message("error.gap_conflict"))
    if needs.convention:
        if not (agreed_day_rate and agreed_days):
            open_.append(Message("error.gap_terms"))
        elif needs.convention_regime == "declaration" and convention_status not in ("declaree", "autorisee"):
            open_.append(Message("error.gap_declaration"))
        elif needs.convention_regime == "autorisation" and convention_status != "autorisee":
            open_.append(Message("error.gap_authorisation"))
    if needs.cumul and cumul_status != "obtenue":
        open_.append(Message("error.gap_cumul"))
    return open_


def warnings(needs: Checklist, *, convention_status: str | None, mission_start: date | None,
             convention_submitted_on: date | None) -> dict[str, str]:
    """What the rules say about these terms beyond what is refused: the regime, and the declaration deadline."""
    said = {}
    if needs.convention_regime == "autorisation" and convention_status in ("a_declarer", "declaree"):
        said["convention_status"] = Message("error.warn_authorisation")
    if needs.convention_regime == "declaration" and mission_start:
        deadline = declaration_deadline(mission_start)
        if convention_submitted_on is None or convention_submitted_on > deadline:
            said["convention_submitted_on"] = Message("error.warn_deadline", date=f"{deadline:%d/%m/%Y}")
    return said


# --- What a stored state must say: derived from the facts it depends on -------------------------------------------

# Convention states that only say what is still to do: the store derives them from the organisation and the terms.
# The others ("déclarée", "autorisation demandée", "autorisée", "refusée") record what a person did, and stay.
PENDING_CONVENTION = ("non_requise", "a_preparer", "a_declarer", "autorisation_a_demander")
# A public-hospital doctor's cumul states that their own record can hold.
CUMUL_RECORDED = ("a_demander", "demandee", "obtenue", "refusee")


def _same_shape(value, like):
    """A 0-d result as a plain str (one match), else the array (many)."""
    return str(value) if np.ndim(like) == 0 else value


def convention_state(makes_health_products, agreed_day_rate, agreed_days, stored, *, student):
    """The convention state a match must hold: "non requise" without health products; with them, "à préparer"
    until the agreed rate and days give the regime, then "à déclarer" or "autorisation à demander"; a state
    recording what was done is kept. Element-wise on arrays too (a store-wide check)."""
    rate = np.asarray(agreed_day_rate, dtype=float)
    days = np.asarray(agreed_days, dtype=float)
    known = ~np.isnan(rate) & ~np.isnan(days) & (rate > 0) & (days > 0)
    authorisation = needs_authorisation(np.nan_to_num(rate), np.nan_to_num(days), student=np.asarray(student))
    derived = np.where(~np.asarray(makes_health_products, dtype=bool), "non_requise",
                       np.where(~known, "a_preparer",
                                np.where(authorisation, "autorisation_a_demander", "a_declarer")))
    stored = np.asarray(stored, dtype=object)
    pending = np.isin(stored, PENDING_CONVENTION) | (stored == None)  # noqa: E711 (element-wise)
    return _same_shape(np.where(pending, derived, stored), agreed_day_rate)


def cumul_state(profession, practice_setting, recorded):
    """The cumul state a match must hold: a public-hospital doctor's comes from their own record ("à demander"
    while it says nothing), anyone else is "non concerné(e)". Element-wise on arrays too."""
    recorded = np.asarray(recorded, dtype=object)
    own = np.where(np.isin(recorded, CUMUL_RECORDED), recorded, "a_demander")
    applies = np.asarray(cumul_applies(np.asarray(profession, dtype=object),
                                       np.asarray(practice_setting, dtype=object)), dtype=bool)
    return _same_shape(np.where(applies, own, "non_concerne"), profession)


# --- A request's verdict: the regime its days and budget call for, and the way out when time has run out ---------

@dataclass(frozen=True)
class Crossing:
    """One threshold reached: what the terms come to for its period, against its limit."""

    period: str  # "hour", "half_day" or "agreement"
    amount: float
    limit: int


def crossings(day_rate: float, days: float | None, *, student: bool) -> list[Crossing]:
    """The thresholds an agreement at this day rate over these days reaches (the total only when days are known)."""
    limits = THRESHOLDS["student" if student else "professional"]
    amounts = {"hour": day_rate / HOURS_PER_DAY, "half_day": day_rate / 2,
               "agreement": day_rate * days if days else None}
    return [Crossing(period, amount, limits[period]) for period, amount in amounts.items()
            if amount is not None and amount >= limits[period]]


def most_days_under(day_rate: float, *, student: bool) -> int | None:
    """The most whole days at this rate that stay under every threshold; None when the rate alone reaches one."""
    if crossings(day_rate, None, student=student):
        return None
    limit = THRESHOLDS["student" if student else "professional"]["agreement"]
    most = ceil(limit / day_rate) - 1  # strictly under: a total at the limit already needs authorisation
    return most if most >= 1 else None


def highest_rate_under(days: float | None, *, student: bool) -> int:
    """The highest whole day rate that stays under every threshold over these days (the rate's own limits when
    the days are unknown)."""
    limits = THRESHOLDS["student" if student else "professional"]
    caps = [limits["hour"] * HOURS_PER_DAY, limits["half_day"] * 2]
    if days:
        caps.append(limits["agreement"] / days)
    return ceil(min(caps)) - 1


@dataclass(frozen=True)
class Verdict:
    """What the anti-gift rules ask of a request, for its budget and days: the regime (None while no rate is
    known), the thresholds reached, the date by which the Ordre must be asked, and when that date is past, the
    ways out: fewer days or a lower rate to stay under the thresholds (then declared), or a later start."""

    regime: str | None
    student: bool
    day_rate: float | None
    days: float | None
    crossed: tuple[Crossing, ...]
    start: date | None
    file_by: dict[str, date]  # the latest filing per regime that may apply
    late: bool
    most_days: int | None = None
    highest_rate: int | None = None
    declaration_in_time: bool = False
    earliest_start: date | None = None

    def sentences(self) -> list:
        """What the request's record and the ranking's header say, in order (Messages)."""
        said = []
        if self.regime is None:
            said.append(Message("verdict.no_rate", **{f"by_{k}": _d(v) for k, v in self.file_by.items()})
                        if self.start else Message("verdict.no_rate_undated"))
            return said
        thresholds = "student" if self.student else "professional"
        if self.regime == "autorisation":
            said.append(Message(f"verdict.autorisation.{thresholds}",
                                crossed=crossing_sentences(self.day_rate, self.days, student=self.student)))
        else:
            said.append(Message(f"verdict.declaration.{thresholds}", rate=euros(self.day_rate),
                                total=euros(self.day_rate * self.days) if self.days else "—"))
        if self.start is None:
            said.append(Message("verdict.undated"))
        elif not self.late:
            said.append(Message(f"verdict.file_by.{self.regime}", date=_d(self.file_by[self.regime]),
                                start=_d(self.start)))
        else:
            said.append(Message(f"verdict.late.{self.regime}", date=_d(self.file_by[self.regime]),
                                start=_d(self.start)))
            if self.regime == "autorisation":
                said.extend(self._under_thresholds())
            said.append(Message(f"verdict.later_start.{self.regime}", date=_d(self.earliest_start)))
        return said

    def _under_thresholds(self) -> list:
        ways = []
        if self.most_days:
            ways.append(Message("verdict.way.days", n=self.most_days, rate=euros(self.day_rate)))
        if self.days:
            days = int(self.days) if float(self.days).is_integer() else _n(self.days)
            ways.append(Message("verdict.way.rate", rate=euros(self.highest_rate), n=days))
        if not ways:
            return []
        key = "verdict.way.declare_in_time" if self.declaration_in_time else "verdict.way.declare_late"
        return [Message(key, ways=tuple(ways), date=_d(self.file_by["declaration"]))]


def verdict(*, makes_health_products: bool, day_rate: float | None, days: float | None, start: date | None,
            today: date, student: bool = False) -> Verdict | None:
    """The request's own verdict (None when the organisation makes no health product)."""
    if not makes_health_products:
        return None
    day_rate = float(day_rate) if day_rate and day_rate > 0 else None
    days = float(days) if days and days > 0 else None
    file_by = {regime: latest_filing(regime, start) for regime in ("declaration", "autorisation")} if start else {}
    if day_rate is None:
        return Verdict(None, student, None, days, (), start, file_by, late=False)
    crossed = tuple(crossings(day_rate, days, student=student))
    regime = "autorisation" if crossed else "declaration"
    late = bool(start) and today > file_by[regime]
    if not late:
        return Verdict(regime, student, day_rate, days, crossed, start, file_by, late=False)
    return Verdict(regime, student, day_rate, days, crossed, start, file_by, late=True,
                   most_days=most_days_under(day_rate, student=student),
                   highest_rate=highest_rate_under(days, student=student),
                   declaration_in_time=today <= file_by["declaration"],
                   earliest_start=earliest_start(regime, today))


def euros(value) -> str:
    """"2 760 €", "212,50 €" (said "€2,760" in English): whole euros unless cents matter."""
    if value is None or value != value:
        return "—"
    return Figure(float(value), euros=True)


def _n(value: float) -> str:
    return Figure(float(value), digits=2)


def _d(day: date | None) -> str:
    return "—" if day is None else f"{day:%d/%m/%Y}"


def crossing_sentences(day_rate: float, days: float | None, *, student: bool) -> tuple:
    """The thresholds an agreement reaches, each said with its figures (a tuple: said as clauses)."""
    return tuple(_crossing(c, day_rate, days) for c in crossings(day_rate, days, student=student))


def _crossing(c: Crossing, day_rate: float, days: float | None) -> Message:
    """"690 € × 4 jours = 2 760 € ≥ 2 000 € par convention"."""
    if c.period == "agreement":
        return Message("verdict.crossed.agreement", rate=euros(day_rate), n=_n(days), amount=euros(c.amount),
                       limit=euros(c.limit))
    return Message(f"verdict.crossed.{c.period}", rate=euros(day_rate), amount=euros(c.amount), limit=euros(c.limit))
