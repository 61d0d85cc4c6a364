"""The anti-gift rules (Code de la santé publique, L.1453-3 and following, in force since 1 October 2020).

An agreement between a health professional (or student) and a company that makes or sells health
products is declared to the Ordre when its amounts stay below the thresholds of the arrêté of
7 August 2020, and needs the Ordre's prior authorisation at or above any of them.
"""

from __future__ import annotations

from datetime import date, timedelta

# Thresholds in euros: per hour, per half-day, per agreement.
THRESHOLDS = {
    "professional": {"hour": 200, "half_day": 800, "agreement": 2000},
    "student": {"hour": 80, "half_day": 320, "agreement": 800},
}
# A day rate is read as two half-days of four hours: the arrêté sets hourly and half-day amounts.
HOURS_PER_DAY = 8
# A declaration reaches the Ordre at least 8 working days before the first benefit.
DECLARATION_NOTICE_WORKING_DAYS = 8
# The Ordre answers an authorisation request within two months.
AUTHORISATION_DELAY_DAYS = 61


def convention_regime(day_rate: float, days: float, *, student: bool) -> str:
    """'declaration' or 'autorisation' for an agreement at this day rate over this many days."""
    limits = THRESHOLDS["student" if student else "professional"]
    hourly = day_rate / HOURS_PER_DAY
    half_day = day_rate / 2
    total = day_rate * days
    at_or_above = hourly >= limits["hour"] or half_day >= limits["half_day"] or total >= limits["agreement"]
    return "autorisation" if at_or_above else "declaration"


def declaration_deadline(first_benefit: date) -> date:
    """The last day on which a declaration can reach the Ordre (working days: Monday to Friday)."""
    day = first_benefit
    left = DECLARATION_NOTICE_WORKING_DAYS
    while left:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day
