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

import holidays
import numpy as np

from hyc.i18n import Message

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
# The Ordre answers an authorisation request within two months.
AUTHORISATION_DELAY_DAYS = 61


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
    deadline, or two months before the start for an authorisation."""
    if regime == "autorisation":
        return start - timedelta(days=AUTHORISATION_DELAY_DAYS)
    return declaration_deadline(start)


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
    if makes_health_products:
        regime = "declaration"
        if agreed_day_rate and agreed_days:
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
