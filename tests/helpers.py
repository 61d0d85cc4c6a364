"""What the write tests share: the acting members, valid inputs for each write, and small builders."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hyc import caregivers, db, matches, models, organisations, requests
from hyc.audit import Actor
from hyc.validation import FormInvalid
from tests.conftest import TODAY

NOW = datetime(2026, 11, 23, 10, 30)  # stored times are UTC, naive


FOUNDER = Actor(1, "fondateur", "Claire Dubois")


MENTOR = Actor(4, "mentor", "Sophie Laurent")


READER = Actor(3, "lecteur", "Léa Fontaine")


VALID_CAREGIVER = {
    "first_name": "Amélie", "last_name": "Rousseau", "email": "  Amelie.Rousseau@Exemple.FR ",
    "phone": "06 12 34 56 78", "postcode": "20090", "profession": "medecin", "specialty": "cardiologie",
    "practice_setting": "hopital_public", "years_experience": 12, "rpps": "10000000009",
    "availability_days_per_month": 4, "work_mode": "distanciel", "mission_types": ["conseil", "atelier"],
    "expected_day_rate": 900, "consent_date": date(2026, 11, 20), "consent_method": "oral_appel",
    "lawful_basis": "consentement", "mentor_id": 4, "notes": "<script>alert(1)</script>",
}


VALID_ORGANISATION = {"name": "Cardiotech", "kind": "medtech", "makes_health_products": True, "region": "11"}


VALID_CONTACT = {"first_name": "Marc", "last_name": "Petit", "email": "marc.petit@cardiotech.fr",
                 "phone": "+33 1 44 55 66 77"}


VALID_REQUEST = {"title": "Panel de cardiologues", "mission_type": "atelier", "professions": ["medecin"],
                 "specialties": ["cardiologie"], "headcount": 3}


VALID_CALL = {"occurred_at": NOW - timedelta(hours=1), "member_id": 4, "kind": "accueil_soignant",
              "duration_min": 25, "summary": "Premier échange", "outcome": "positif",
              "next_action": "Envoyer le contrat type", "next_action_due": date(2026, 11, 30)}


def counts(engine) -> dict[str, int]:
    return db.table_counts(engine)


def new_caregiver(engine, actor=FOUNDER, **changes) -> models.Caregiver:
    caregiver, _ = caregivers.create(engine, actor, VALID_CAREGIVER | changes, today=TODAY)
    return caregiver


def signable_match(engine, *, makes_health_products=True, **caregiver_changes):
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"makes_health_products": makes_health_products})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    caregiver = new_caregiver(engine, **caregiver_changes)
    [match] = matches.add_candidates(engine, FOUNDER, request.id, [caregiver.id, caregiver.id])
    for stage in ("contactee", "interessee", "proposee_client", "entretien", "retenue"):
        match = matches.move(engine, FOUNDER, match.id, stage, expected_version=match.row_version)
    return match


def assert_refused(engine, write, field: str, message: str) -> None:
    """`write(engine)` refused with `message` under `field`, and nothing written."""
    before = counts(engine)
    with pytest.raises(FormInvalid) as refused:
        write(engine)
    assert refused.value.errors[field] == message
    assert counts(engine) == before
