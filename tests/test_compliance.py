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
