"""Anti-gift rules: declaration below the thresholds of the arrêté of 7 August 2020, authorisation at or above."""

from datetime import date, timedelta

import pytest

from hyc import compliance


@pytest.mark.parametrize("rate, days, student, regime", [
    (600, 1, False, "declaration"),   # 75 €/h, 300 € a half-day, 600 € in all
    (600, 3, False, "declaration"),   # 1 800 € in all, below 2 000 €
    (1000, 2, False, "autorisation"),  # 2 000 € in all: at the threshold
    (1600, 1, False, "autorisation"),  # 200 €/h and 800 € a half-day
    (1590, 1, False, "declaration"),
    (600, 1, True, "declaration"),    # a student: 75 €/h, 300 € a half-day, 600 € in all
    (170, 5, True, "autorisation"),   # a student: 850 € in all, above 800 €
    (640, 1, True, "autorisation"),   # a student: 80 €/h
])
def test_regime(rate, days, student, regime):
    assert compliance.convention_regime(rate, days, student=student) == regime


def test_declaration_deadline_counts_eight_working_days():
    # Monday 14 December 2026: eight working days earlier is Wednesday 2 December.
    assert compliance.declaration_deadline(date(2026, 12, 14)) == date(2026, 12, 2)


# The French public holidays of these years, written by hand for the test (Easter Monday, Ascension and Whit
# Monday move each year).
HAND_HOLIDAYS = {date(2026, 5, 1), date(2026, 5, 8), date(2026, 5, 14), date(2026, 5, 25), date(2026, 7, 14),
                 date(2026, 8, 15), date(2027, 8, 15), date(2028, 8, 15)}


@pytest.mark.parametrize(("first_benefit", "deadline", "why"), [
    # Thursday 23 July 2026: back over Tuesday 14 July (fête nationale) and two week-ends.
    (date(2026, 7, 23), date(2026, 7, 10), "14 juillet"),
    # Wednesday 26 August 2026: back over Saturday 15 August (no working day lost: it is a Saturday).
    (date(2026, 8, 26), date(2026, 8, 14), "15 août un samedi"),
    # Tuesday 24 August 2027: back over Sunday 15 August 2027 (a Sunday: nothing lost either).
    (date(2027, 8, 24), date(2027, 8, 12), "15 août un dimanche"),
    # Thursday 24 August 2028: 15 August 2028 is a Tuesday, a working day lost.
    (date(2028, 8, 24), date(2028, 8, 11), "15 août un mardi"),
    # Friday 22 May 2026: back over Thursday 14 May (Ascension).
    (date(2026, 5, 22), date(2026, 5, 11), "Ascension"),
    # Friday 15 May 2026: back over Ascension, Friday 8 May (Victoire 1945) and Friday 1 May.
    (date(2026, 5, 15), date(2026, 4, 30), "Ascension, 8 mai et 1er mai"),
])
def test_the_declaration_deadline_counts_french_public_holidays_as_non_working(first_benefit, deadline, why):
    assert compliance.declaration_deadline(first_benefit) == deadline, why
    # Counted by hand: the deadline is the eighth working day before, so seven lie strictly between.
    between = [deadline + timedelta(days=i) for i in range(1, (first_benefit - deadline).days)]
    assert sum(d.weekday() < 5 and d not in HAND_HOLIDAYS for d in between) == 7


# --- Two calendar months, not 61 days -------------------------------------------------------------------------
# Written by hand: the same day two months earlier, or the month's last day when it has none (30 June for 31 August).

@pytest.mark.parametrize(("start", "latest"), [
    (date(2027, 8, 31), date(2027, 6, 30)),   # June has 30 days: 30 June, where 61 days said 1 July
    (date(2027, 7, 31), date(2027, 5, 31)),   # two months of 31 days (May, July)
    (date(2027, 3, 31), date(2027, 1, 31)),
    (date(2027, 4, 30), date(2027, 2, 28)),   # February 2027: 28 days
    (date(2028, 4, 30), date(2028, 2, 29)),   # a leap year
    (date(2027, 12, 31), date(2027, 10, 31)),
    (date(2028, 1, 15), date(2027, 11, 15)),  # over a new year
    (date(2027, 10, 1), date(2027, 8, 1)),
])
def test_the_authorisation_s_two_months_are_calendar_months(start, latest):
    assert compliance.latest_filing("autorisation", start) == latest


def test_the_earliest_start_is_the_first_day_whose_latest_filing_is_still_today_or_later():
    """The inverse of latest_filing, checked against a walk day by day over a year and a half of filing days."""
    for regime in ("autorisation", "declaration"):
        for offset in range(0, 560, 3):
            today = date(2026, 12, 1) + timedelta(days=offset)
            start = compliance.earliest_start(regime, today)
            assert compliance.latest_filing(regime, start) >= today
            assert compliance.latest_filing(regime, start - timedelta(days=1)) < today
    # Filed on 31 December: a start on 28 February 2027 would want a filing by 28 December; 1 March is the first.
    assert compliance.earliest_start("autorisation", date(2026, 12, 31)) == date(2027, 3, 1)


# --- A request's verdict: which threshold, by how much, and the way out --------------------------------------

def brute_most_days(rate, student=False):
    days = [d for d in range(1, 400) if not compliance.needs_authorisation(rate, d, student=student)]
    return max(days) if days else None


def brute_highest_rate(days, student=False):
    return max(r for r in range(1, 5000) if not compliance.needs_authorisation(r, days, student=student))


@pytest.mark.parametrize(("rate", "student"), [(690, False), (1000, False), (1999, False), (500, False),
                                               (1600, False), (150, True), (399, True), (640, True)])
def test_the_most_days_under_the_thresholds_is_the_last_whole_day_declared(rate, student):
    assert compliance.most_days_under(rate, student=student) == brute_most_days(rate, student)


@pytest.mark.parametrize(("days", "student"), [(1, False), (2, False), (3, False), (4, False), (7, False),
                                               (1, True), (2, True), (3, True)])
def test_the_highest_rate_under_the_thresholds_is_the_last_whole_euro_declared(days, student):
    assert compliance.highest_rate_under(days, student=student) == brute_highest_rate(days, student)


def test_the_verdict_names_the_threshold_crossed_with_its_figures_and_when_late_the_ways_out():
    start, today = date(2027, 1, 10), date(2026, 12, 7)
    verdict = compliance.verdict(makes_health_products=True, day_rate=690, days=4, start=start, today=today)
    assert verdict.regime == "autorisation" and verdict.late
    assert [c.period for c in verdict.crossed] == ["agreement"] and verdict.crossed[0].amount == 690 * 4
    said = [str(s) for s in verdict.sentences()]
    assert "690\u202f€ × 4 jours = 2\u202f760\u202f€ ≥ 2\u202f000\u202f€ par convention" in said[0]
    assert said[1].startswith("Hors délai") and "10/11/2026" in said[1]  # two calendar months before 10 January
    # Under the thresholds: 2 days at 690 € (1 380 €), or 499 € a day over 4 days; a declaration is still in
    # time (8 working days before 10 January 2027).
    assert "au plus 2 jours à 690\u202f€" in said[2] and "au plus 499\u202f€ par jour sur 4 jours" in said[2]
    assert compliance.declaration_deadline(start).strftime("%d/%m/%Y") in said[2]
    assert said[3].endswith(f"{compliance.earliest_start('autorisation', today):%d/%m/%Y}.")
    # In English, the same figures the English way.
    english = verdict.sentences()[0].said("en")
    assert "€690 × 4 days = €2,760 ≥ €2,000 an agreement" in english and "\u202f" not in english
    assert verdict.earliest_start == date(2027, 2, 7)


def test_the_verdict_is_calm_when_in_time_and_says_what_it_cannot_know():
    in_time = compliance.verdict(makes_health_products=True, day_rate=300, days=3, start=date(2027, 3, 1),
                                 today=date(2026, 12, 7))
    assert in_time.regime == "declaration" and not in_time.late and len(in_time.sentences()) == 2
    assert compliance.verdict(makes_health_products=False, day_rate=3000, days=9, start=None,
                              today=date(2026, 12, 7)) is None
    no_rate = compliance.verdict(makes_health_products=True, day_rate=None, days=3, start=date(2027, 3, 1),
                                 today=date(2026, 12, 7))
    assert no_rate.regime is None and "01/01/2027" in str(no_rate.sentences()[0])  # 2 months before 1 March
    hourly = compliance.verdict(makes_health_products=True, day_rate=1700, days=None, start=None,
                                today=date(2026, 12, 7))
    assert [c.period for c in hourly.crossed] == ["hour", "half_day"]
    assert "1\u202f700\u202f€ / 8 h = 212,50\u202f€ ≥ 200\u202f€ de l'heure" in str(hourly.sentences()[0])


# --- Stored states follow the facts ---------------------------------------------------------------------------

@pytest.mark.parametrize(("makes", "rate", "days", "stored", "student", "state"), [
    (False, None, None, "a_preparer", False, "non_requise"),
    (True, None, None, "non_requise", False, "a_preparer"),       # a health-products client: never "non requise"
    (True, 700, 2, "a_preparer", False, "a_declarer"),             # 1 400 €: under the thresholds
    (True, 700, 3, "a_declarer", False, "autorisation_a_demander"),  # 2 100 €: over 2 000 €
    (True, 300, 3, "a_preparer", True, "autorisation_a_demander"),   # a student: 900 € over 800 €
    (True, 700, 3, "declaree", False, "declaree"),                 # what a person did stays
    (False, 700, 3, "autorisee", False, "autorisee"),
])
def test_the_convention_state_is_derived_from_the_organisation_and_the_terms(makes, rate, days, stored, student,
                                                                             state):
    assert compliance.convention_state(makes, rate, days, stored, student=student) == state


@pytest.mark.parametrize(("profession", "setting", "recorded", "state"), [
    ("medecin", "hopital_public", "demandee", "demandee"),
    ("medecin", "hopital_public", None, "a_demander"),
    ("medecin", "hopital_public", "non_concerne", "a_demander"),  # a public-hospital doctor is always concerned
    ("medecin", "liberal", "obtenue", "non_concerne"),
    ("infirmier", "hopital_public", "demandee", "non_concerne"),
])
def test_the_cumul_state_comes_from_the_doctor_s_record(profession, setting, recorded, state):
    assert compliance.cumul_state(profession, setting, recorded) == state
