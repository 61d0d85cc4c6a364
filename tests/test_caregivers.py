"""Writes on caregivers (issue 9): numbers that cannot crash, text without control characters, plausible dates,
a save that writes only what changed, and a person never created twice, even by ten saves at the same moment."""

import json
import threading
from datetime import date, timedelta

import pytest

from hyc import (
    audit,
    caregivers,
    db,
    vocab,
)
from hyc.calls import Part, log_call
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch
from tests.helpers import (
    FOUNDER,
    MENTOR,
    NOW,
    VALID_CALL,
    VALID_CAREGIVER,
    counts,
    new_caregiver,
)

# --- Numbers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["nan", "inf", "1e400", float("nan"), float("inf"), 1e400])
@pytest.mark.parametrize("field", ["expected_day_rate", "years_experience", "availability_days_per_month"])
def test_a_number_that_is_not_finite_is_refused_with_its_message_not_crashed_on(engine, field, typed):
    before = db.table_counts(engine)
    with pytest.raises(FormInvalid) as refused:
        caregivers.create(engine, FOUNDER, VALID_CAREGIVER | {field: typed}, today=TODAY)
    assert list(refused.value.errors) == [field]
    assert db.table_counts(engine) == before


def test_a_day_rate_too_large_for_its_meaning_is_refused_before_the_store_is_touched(engine):
    before = db.table_counts(engine)
    with pytest.raises(FormInvalid) as refused:
        caregivers.create(engine, FOUNDER, VALID_CAREGIVER | {"expected_day_rate": "1000000000000"}, today=TODAY)
    assert refused.value.errors == {"expected_day_rate": "Un tarif journalier ne dépasse pas 20\u202f000\u202f€ : "
                                                         "vérifiez la saisie."}
    assert db.table_counts(engine) == before


def test_a_french_amount_is_read_and_its_rounding_said(engine):
    caregiver, warnings = caregivers.create(engine, FOUNDER, VALID_CAREGIVER | {"expected_day_rate": "1 200,50"},
                                            today=TODAY)
    assert fetch(engine, "select expected_day_rate from caregiver where id = ?", caregiver.id) == [(1201,)]
    assert warnings["expected_day_rate"] == "Les tarifs sont en euros entiers : 1\u202f200,50 € est arrondi à " \
                                            "1\u202f201\u202f€."


# --- Text and dates --------------------------------------------------------------------------------------

def test_control_and_bidi_override_characters_are_stripped_from_every_text(engine):
    caregiver, _ = caregivers.create(engine, FOUNDER, VALID_CAREGIVER | {
        "first_name": "Ami\x00lie", "last_name": "\u202eRousseau", "notes": "ligne 1\u2066\nligne 2\x1b"},
        today=TODAY)
    assert fetch(engine, "select first_name, last_name, notes from caregiver where id = ?", caregiver.id) == [
        ("Amilie", "Rousseau", "ligne 1\nligne 2")]


@pytest.mark.parametrize("consent", [date(1800, 1, 1), "1800-01-01", date(1999, 12, 31)])
def test_a_consent_date_out_of_any_plausible_range_is_refused(engine, consent):
    with pytest.raises(FormInvalid) as refused:
        caregivers.create(engine, FOUNDER, VALID_CAREGIVER | {"consent_date": consent}, today=TODAY)
    assert refused.value.errors["consent_date"].startswith("Saisissez une date entre le 01/01/2000 et le ")


# --- Only what changed -----------------------------------------------------------------------------------

def test_an_update_writes_only_the_fields_given_and_a_stored_choice_is_never_replaced_by_a_default(engine):
    caregiver, _ = caregivers.create(engine, FOUNDER, VALID_CAREGIVER | {"cumul_status": "demandee",
                                                                         "legal_status": "micro_entreprise"},
                                     today=TODAY)
    before = fetch(engine, "select * from caregiver where id = ?", caregiver.id)[0]
    updated, _ = caregivers.update(engine, MENTOR, caregiver.id, {"expected_day_rate": "950"},
                                   expected_version=caregiver.row_version, today=TODAY)
    after = fetch(engine, "select * from caregiver where id = ?", caregiver.id)[0]
    columns = [c for (c,) in fetch(engine, "select column_name from information_schema.columns "
                                           "where table_name = 'caregiver' order by ordinal_position")]
    moved = {name for name, old, new in zip(columns, before, after, strict=True) if old != new}
    assert moved == {"expected_day_rate", "row_version", "updated_at"}
    [(diff,)] = fetch(engine, "select after from audit_event where entity = 'caregiver' and entity_id = ? "
                              "and action = 'update'", caregiver.id)
    assert json.loads(diff) == {"expected_day_rate": 950}


def test_a_change_is_checked_against_the_rest_of_the_record(engine):
    caregiver, _ = caregivers.create(engine, FOUNDER, VALID_CAREGIVER, today=TODAY)  # a cardiologist
    with pytest.raises(FormInvalid) as refused:
        caregivers.update(engine, FOUNDER, caregiver.id, {"profession": "infirmier"},
                          expected_version=caregiver.row_version, today=TODAY)
    assert refused.value.errors == {"specialty": "La spécialité ne concerne que les médecins et les étudiant(e)s "
                                                 "(leur domaine)."}
    updated, _ = caregivers.update(engine, FOUNDER, caregiver.id, {"profession": "infirmier", "specialty": None},
                                   expected_version=caregiver.row_version, today=TODAY)
    assert fetch(engine, "select profession, specialty, postcode from caregiver where id = ?", caregiver.id) == [
        ("infirmier", None, "20090")]


def test_a_postcode_change_moves_its_departement_and_region_with_it(engine):
    caregiver, _ = caregivers.create(engine, FOUNDER, VALID_CAREGIVER, today=TODAY)
    caregivers.update(engine, FOUNDER, caregiver.id, {"postcode": "97400"}, expected_version=caregiver.row_version,
                      today=TODAY)
    assert fetch(engine, "select postcode, departement, region from caregiver where id = ?", caregiver.id) == [
        ("97400", "974", "04")]


# --- Never twice, even at the same moment ----------------------------------------------------------------

def same_person(key: str, i: int) -> dict:
    """The i-th save of one person, alike by `key` only (an RPPS needs an e-mail or a phone beside it: each save
    types its own, so that only the RPPS can collide)."""
    data = VALID_CAREGIVER | {"first_name": "Inès", "last_name": "Marchetti", "email": None, "phone": None,
                              "rpps": None, key: VALID_CAREGIVER[key]}
    return data | ({"email": f"ines.{i}@exemple.fr"} if key == "rpps" else {})


def _at_once(n: int, save) -> list:
    """Run `save(i)` from n threads released together; each result or the exception it raised."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = save(i)
        except Exception as exc:  # noqa: BLE001 (the test looks at each refusal)
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize("key", ["phone", "rpps", "email"])
def test_ten_saves_of_the_same_new_caregiver_at_once_create_one_and_name_it_to_the_nine_others(engine, key):
    results = _at_once(10, lambda i: caregivers.create(engine, FOUNDER, same_person(key, i), today=TODAY)[0].id)
    created = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(created) == 1 and len(refused) == 9
    assert all(isinstance(r, caregivers.DuplicateCaregiver) for r in refused), refused
    assert {r.existing_id for r in refused} == set(created)
    assert all(str(r).startswith("Inès Marchetti est déjà dans le vivier") for r in refused)
    assert fetch(engine, "select count(*) from caregiver where first_name = 'Inès' and last_name = 'Marchetti'") == [
        (1,)]


def test_ten_intake_calls_of_the_same_new_caregiver_at_once_create_one(engine):
    results = _at_once(10, lambda i: log_call(engine, MENTOR, VALID_CALL, now=NOW, today=TODAY,
                                              caregiver=Part(data=same_person("phone", i))).call.caregiver_id)
    assert sum(isinstance(r, int) for r in results) == 1
    assert all(isinstance(r, caregivers.DuplicateCaregiver) for r in results if not isinstance(r, int)), results
    assert fetch(engine, "select count(*) from caregiver where last_name = 'Marchetti'") == [(1,)]
    assert fetch(engine, "select count(*) from call where caregiver_id in "
                         "(select id from caregiver where last_name = 'Marchetti')") == [(1,)]


def test_the_store_itself_refuses_a_second_phone_or_rpps_and_the_refusal_never_quotes_it(engine):
    """Even a write that skips the checks cannot land a duplicate; what reaches a person quotes no value."""
    caregiver, _ = caregivers.create(engine, FOUNDER, VALID_CAREGIVER, today=TODAY)
    for column, value in (("phone", "+33612345678"), ("rpps", VALID_CAREGIVER["rpps"])):
        with pytest.raises(audit.DuplicateKey) as refused, audit.transaction(engine, FOUNDER, "caregivers") as s:
            s.add(caregivers.models.Caregiver(first_name="X", last_name="Y", profession="medecin",
                                              **{column: value}))
        assert refused.value.column == column
        assert value not in str(refused.value)
    assert fetch(engine, "select count(*) from caregiver where phone = '+33612345678'") == [(1,)]


def test_create_caregiver_stores_normalised_values_with_its_track_and_audit(engine):
    before_version = db.data_version(engine)
    caregiver = new_caregiver(engine)
    row = fetch(engine, "select email, phone, departement, region, mission_types, notes from caregiver where id = ?",
                caregiver.id)[0]
    assert row == ("amelie.rousseau@exemple.fr", "+33612345678", "2A", "94", "conseil,atelier",
                   "<script>alert(1)</script>")
    steps = fetch(engine, "select count(*) from onboarding_step where caregiver_id = ? and status = 'a_faire'",
                  caregiver.id)[0][0]
    assert steps == len(vocab.ONBOARDING_STEPS)
    event = fetch(engine, "select actor_id, action, entity, after from audit_event where entity = 'caregiver' "
                          "and entity_id = ?", caregiver.id)
    assert [(e[0], e[1], e[2]) for e in event] == [(1, "create", "caregiver")]
    assert json.loads(event[0][3])["email"] == "amelie.rousseau@exemple.fr"
    assert db.data_version(engine) > before_version


BAD_CAREGIVERS = [
    ({"first_name": "  "}, "first_name", "Ce champ est obligatoire."),
    ({"last_name": ""}, "last_name", "Ce champ est obligatoire."),
    ({"profession": None}, "profession", "Ce champ est obligatoire."),
    ({"profession": "astronaute"}, "profession", "Choisissez une valeur de la liste."),
    ({"rpps": "1000000000"}, "rpps", "Le numéro RPPS compte 11 chiffres."),
    ({"rpps": "10000000008"}, "rpps",
     "Ce numéro RPPS n'est pas valide : sa clé (dernier chiffre) ne correspond pas."),
    ({"email": "amelie@"}, "email", "Cette adresse e-mail n'est pas valide."),
    ({"phone": "12 34"}, "phone", "Ce numéro de téléphone n'est pas valide."),
    ({"email": None, "phone": None}, "email",
     "Indiquez au moins un e-mail ou un téléphone pour pouvoir recontacter ce soignant."),
    ({"postcode": "2A000"}, "postcode", "Un code postal compte 5 chiffres (en Corse aussi : 20000 à 20620)."),
    ({"postcode": "99999"}, "postcode", "Ce code postal français n'existe pas."),
    ({"expected_day_rate": -50}, "expected_day_rate", "Le tarif journalier doit être positif."),
    ({"expected_day_rate": "beaucoup"}, "expected_day_rate",
     "Saisissez un montant en euros, par exemple 450 ou 1 200."),
    ({"years_experience": 75}, "years_experience", "Saisissez un nombre entier entre 0 et 60."),
    ({"availability_days_per_month": 40}, "availability_days_per_month",
     "Saisissez un nombre entier entre 0 et 31."),
    ({"consent_date": TODAY + timedelta(days=1)}, "consent_date", "Le consentement ne peut pas être daté du futur."),
    ({"consent_method": None}, "consent_method", "Précisez comment le consentement a été donné."),
    ({"profession": "infirmier"}, "specialty",
     "La spécialité ne concerne que les médecins et les étudiant(e)s (leur domaine)."),
    ({"profession": "aide_soignant", "specialty": None}, "rpps",
     "Les aides-soignant(e)s et ambulancier(e)s n'ont pas de numéro RPPS."),
    ({"mission_types": ["conseil", "voyage"]}, "mission_types", "Choisissez des valeurs de la liste."),
    ({"first_name": "x" * 81}, "first_name", "80 caractères au plus."),
    ({"mentor_id": "Sophie"}, "mentor_id", "Choisissez une valeur de la liste."),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_CAREGIVERS)
def test_a_bad_caregiver_is_refused_with_its_message_and_nothing_written(engine, changes, field, message):
    before = counts(engine)
    with pytest.raises(FormInvalid) as refused:
        new_caregiver(engine, **changes)
    assert refused.value.errors[field] == message
    assert counts(engine) == before


def test_unusual_day_rate_is_saved_with_a_warning(engine):
    caregiver, warnings = caregivers.create(engine, FOUNDER, VALID_CAREGIVER | {"expected_day_rate": 4500},
                                            today=TODAY)
    assert fetch(engine, "select expected_day_rate from caregiver where id = ?", caregiver.id) == [(4500,)]
    assert "Tarif inhabituel" in warnings["expected_day_rate"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"email": "AMELIE.ROUSSEAU@exemple.fr", "rpps": None, "phone": None}, "email"),
    ({"email": "autre@exemple.fr", "rpps": "10000000009", "phone": None}, "rpps"),
    ({"email": None, "rpps": None, "phone": "+33 6 12 34 56 78"}, "phone"),
])
def test_a_caregiver_is_never_created_twice(engine, changes, field):
    first = new_caregiver(engine)
    before = counts(engine)
    with pytest.raises(caregivers.DuplicateCaregiver) as duplicate:
        new_caregiver(engine, first_name="Autre", **changes)
    assert duplicate.value.existing_id == first.id and duplicate.value.field == field
    assert "Amélie Rousseau est déjà dans le vivier" in str(duplicate.value)
    assert counts(engine) == before


def test_update_records_the_diff_and_a_stale_copy_is_refused_naming_who_changed_what(engine):
    caregiver = new_caregiver(engine)
    opened = caregiver.row_version
    updated, _ = caregivers.update(engine, MENTOR, caregiver.id, VALID_CAREGIVER | {"expected_day_rate": 950},
                                   expected_version=opened, today=TODAY)
    assert updated.row_version == opened + 1
    change = fetch(engine, "select actor_id, before, after from audit_event where entity = 'caregiver' and "
                           "entity_id = ? and action = 'update'", caregiver.id)
    assert change == [(4, json.dumps({"expected_day_rate": 900}), json.dumps({"expected_day_rate": 950}))]
    before = counts(engine)
    with pytest.raises(audit.StaleRecord) as stale:
        caregivers.update(engine, FOUNDER, caregiver.id, VALID_CAREGIVER | {"years_experience": 13},
                          expected_version=opened, today=TODAY)
    assert "Sophie Laurent l'a modifiée" in str(stale.value) and "(Tarif souhaité (€ / jour))" in str(stale.value)
    assert fetch(engine, "select years_experience, expected_day_rate from caregiver where id = ?",
                 caregiver.id) == [(12, 950)]
    assert counts(engine) == before


def test_archive_and_restore_keep_the_row(engine):
    caregiver = new_caregiver(engine)
    caregivers.set_archived(engine, MENTOR, caregiver.id, True)
    assert fetch(engine, "select archived from caregiver where id = ?", caregiver.id) == [(True,)]
    caregivers.set_archived(engine, MENTOR, caregiver.id, False)
    assert fetch(engine, "select archived from caregiver where id = ?", caregiver.id) == [(False,)]
    actions = fetch(engine, "select action from audit_event where entity = 'caregiver' and entity_id = ? "
                            "order by id", caregiver.id)
    assert [a for (a,) in actions] == ["create", "archive", "restore"]


# --- A quick intake: consent before keeping, and what is left to complete ----------------------------------

QUICK = {"first_name": "Ségolène", "last_name": "Quibergeon", "phone": "06 98 76 54 32", "profession": "medecin",
         "postcode": "69003"}


def test_a_quick_intake_keeps_nobody_without_a_dated_consent(engine):
    before = counts(engine)
    with pytest.raises(FormInvalid) as refused:
        log_call(engine, FOUNDER, VALID_CALL, now=NOW, today=TODAY, caregiver=Part(data=QUICK), consent_required=True)
    assert set(refused.value.errors) == {"caregiver.consent_date"}
    assert counts(engine) == before
    kept = log_call(engine, FOUNDER, VALID_CALL, now=NOW, today=TODAY, consent_required=True,
                    caregiver=Part(data=QUICK | {"consent_date": TODAY, "consent_method": "oral_appel"}))
    assert fetch(engine, "select consent_date, consent_method from caregiver where id = ?",
                 kept.call.caregiver_id) == [(TODAY, "oral_appel")]
    # The whole intake form asks for no consent (a profile may rest on legitimate interest).
    log_call(engine, FOUNDER, VALID_CALL, now=NOW, today=TODAY,
             caregiver=Part(data=QUICK | {"phone": "06 98 76 54 33", "last_name": "Autre"}))


ALWAYS = ["years_experience", "availability_days_per_month", "work_mode", "mission_types", "digital_appetite",
          "expected_day_rate", "legal_status", "consent_date", "mentor_id"]


@pytest.mark.parametrize(("changes", "expected"), [
    # A doctor: a specialty and an RPPS are expected; the cumul only at a public hospital.
    ({}, ["email", "specialty", "practice_setting", *ALWAYS[:1], "rpps", *ALWAYS[1:]]),
    ({"practice_setting": "hopital_public"}, ["email", "specialty", *ALWAYS[:1], "rpps", "cumul_status", *ALWAYS[1:]]),
    # A care assistant has no RPPS and no specialty.
    ({"profession": "aide_soignant"}, ["email", "practice_setting", *ALWAYS]),
])
def test_what_a_profile_still_misses_in_the_order_of_the_form(changes, expected):
    assert caregivers.missing(QUICK | changes) == expected


def test_a_complete_profile_misses_nothing_and_blank_or_na_values_count_as_missing():
    import pandas as pd
    complete = VALID_CAREGIVER | {"digital_appetite": "a_l_aise", "legal_status": "micro_entreprise",
                                  "cumul_status": "obtenue"}
    assert caregivers.missing(complete) == []
    row = pd.Series(complete | {"email": "  ", "years_experience": pd.NA, "consent_date": pd.NaT,
                                "expected_day_rate": float("nan")})
    assert caregivers.missing(row) == ["email", "years_experience", "expected_day_rate", "consent_date"]
