"""Anti-gift rules: declaration below the thresholds of the arrêté of 7 August 2020, authorisation at or above."""

from datetime import date

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
