"""Every write function: what a valid save stores, what a bad one says, and that a refused one writes nothing."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from hyc import accounts, audit, caregivers, db, matches, mentoring, models, organisations, privacy, requests, vocab
from hyc.audit import Actor
from hyc.calls import Part, log_call
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch

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


# --- Caregivers ---------------------------------------------------------------------------------------

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
    ({"profession": "infirmier"}, "specialty", "La spécialité ne concerne que les médecins."),
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


# --- Organisations, contacts, requests ----------------------------------------------------------------

def test_organisation_contact_and_request_are_created_updated_and_moved(engine):
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION)
    contact = organisations.create_contact(engine, FOUNDER, org.id, VALID_CONTACT)
    assert fetch(engine, "select phone from contact where id = ?", contact.id) == [("+33144556677",)]
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id,
                                                                   "contact_id": contact.id})
    assert fetch(engine, "select status, professions from request where id = ?", request.id) == [
        ("nouvelle", "medecin")]
    moved = requests.move(engine, FOUNDER, request.id, "qualifiee", expected_version=request.row_version)
    statuses = fetch(engine, "select status from request_event where request_id = ? order by id", request.id)
    assert [s for (s,) in statuses] == ["nouvelle", "qualifiee"]
    with pytest.raises(FormInvalid) as refused:
        requests.move(engine, FOUNDER, request.id, "terminee", expected_version=moved.row_version)
    assert refused.value.errors["status"] == ("Un besoin « Qualifiée » ne peut passer qu'à : En recherche, "
                                              "Annulée, Perdue.")
    organisations.update(engine, FOUNDER, org.id, VALID_ORGANISATION | {"city": "Lyon"},
                         expected_version=org.row_version)
    assert fetch(engine, "select city from organisation where id = ?", org.id) == [("Lyon",)]


BAD_OTHERS = [
    (lambda e: organisations.create(e, FOUNDER, VALID_ORGANISATION | {"kind": None}), "kind",
     "Ce champ est obligatoire."),
    (lambda e: organisations.create(e, FOUNDER, VALID_ORGANISATION | {"website": "cardiotech"}), "website",
     "Saisissez une adresse complète, par exemple https://www.exemple.fr."),
    (lambda e: organisations.create_contact(e, FOUNDER, 1, VALID_CONTACT | {"email": "marc@@x.fr"}), "email",
     "Cette adresse e-mail n'est pas valide."),
    (lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 1, "headcount": 0}), "headcount",
     "Saisissez un nombre entier entre 1 et 100."),
    (lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 1, "professions": ["infirmier"]}),
     "specialties", "Les spécialités ne s'appliquent qu'aux médecins : ajoutez « Médecin » aux professions."),
    (lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 10**9}), "organisation_id",
     "Cette organisation n'existe pas."),
    (lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 1, "budget_day_rate": 0}),
     "budget_day_rate", "Le tarif journalier doit être positif."),
    (lambda e: mentoring.log_session(e, MENTOR, {"caregiver_id": 1, "mentor_id": 4, "occurred_at": NOW,
                                                 "topics": []}, now=NOW), "topics", "Ce champ est obligatoire."),
    (lambda e: mentoring.log_session(e, MENTOR, {"caregiver_id": 1, "mentor_id": 4, "topics": ["tarif"],
                                                 "occurred_at": NOW + timedelta(days=1)}, now=NOW),
     "occurred_at", "Une séance passée ne peut pas être dans le futur."),
    (lambda e: mentoring.log_session(e, MENTOR, {"caregiver_id": 1, "mentor_id": 4, "topics": ["tarif"],
                                                 "occurred_at": NOW, "next_action": "Rappeler"}, now=NOW),
     "next_action_due", "Donnez une échéance à cette prochaine action."),
]


@pytest.mark.parametrize(("write", "field", "message"), BAD_OTHERS)
def test_other_bad_inputs_are_refused_with_their_message_and_nothing_written(engine, write, field, message):
    before = counts(engine)
    with pytest.raises(FormInvalid) as refused:
        write(engine)
    assert refused.value.errors[field] == message
    assert counts(engine) == before


def test_an_organisation_name_is_unique_whatever_its_case(engine):
    organisations.create(engine, FOUNDER, VALID_ORGANISATION)
    with pytest.raises(FormInvalid) as refused:
        organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "CARDIOTECH"})
    assert refused.value.errors["name"] == "« Cardiotech » existe déjà : choisissez-la dans la liste."


# --- Matches and compliance ---------------------------------------------------------------------------

def signable_match(engine, *, makes_health_products=True, **caregiver_changes):
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"makes_health_products": makes_health_products})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    caregiver = new_caregiver(engine, **caregiver_changes)
    [match] = matches.add_candidates(engine, FOUNDER, request.id, [caregiver.id, caregiver.id])
    for stage in ("contactee", "interessee", "proposee_client", "entretien", "retenue"):
        match = matches.move(engine, FOUNDER, match.id, stage, expected_version=match.row_version)
    return match


def test_a_match_moves_only_along_the_allowed_moves_and_an_exit_needs_its_reason(engine):
    match = signable_match(engine)
    assert [s for (s,) in fetch(engine, "select stage from match_event where match_id = ? order by id", match.id)] == [
        "suggeree", "contactee", "interessee", "proposee_client", "entretien", "retenue"]
    with pytest.raises(FormInvalid) as refused:
        matches.move(engine, FOUNDER, match.id, "terminee", expected_version=match.row_version)
    assert refused.value.errors["stage"].startswith("Une proposition « Retenue » ne peut passer qu'à : Contrat signé")
    with pytest.raises(FormInvalid) as refused:
        matches.move(engine, FOUNDER, match.id, "refusee_client", expected_version=match.row_version)
    assert refused.value.errors["reason"] == "Indiquez la raison de cette sortie."
    with pytest.raises(FormInvalid) as refused:
        matches.move(engine, FOUNDER, match.id, "refusee_client", reason="sans_reponse",
                     expected_version=match.row_version)
    assert refused.value.errors["reason"].startswith("Cette raison ne correspond pas")
    out = matches.move(engine, FOUNDER, match.id, "refusee_client", reason="autre_candidat",
                       expected_version=match.row_version)
    assert fetch(engine, "select stage, exit_reason from match where id = ?", out.id) == [
        ("refusee_client", "autre_candidat")]


def test_a_contract_cannot_be_signed_while_a_compliance_step_is_open(engine):
    match = signable_match(engine)  # a public-hospital cardiologist, an organisation that makes health products
    before = counts(engine)
    with pytest.raises(matches.ComplianceOpen) as refused:
        matches.move(engine, FOUNDER, match.id, "contrat_signe", expected_version=match.row_version)
    assert refused.value.gaps == [
        "l'absence de conflit d'intérêts n'est pas vérifiée",
        "le tarif et le nombre de jours convenus manquent (ils décident du régime de la convention)",
        "l'autorisation de cumul d'activité de l'hôpital n'est pas obtenue",
    ]
    assert counts(engine) == before
    # 900 € a day for 5 days: 4,500 € is over the 2,000 € per agreement, so the Ordre must authorise it.
    terms = {"agreed_day_rate": 900, "agreed_days": 5, "conflict_checked": True, "cumul_status": "obtenue",
             "convention_status": "declaree", "convention_submitted_on": date(2026, 11, 2)}
    match, warnings = matches.update_terms(engine, FOUNDER, match.id, terms, expected_version=match.row_version)
    assert "demande l'autorisation de l'Ordre" in warnings["convention_status"]
    with pytest.raises(matches.ComplianceOpen) as refused:
        matches.move(engine, FOUNDER, match.id, "contrat_signe", expected_version=match.row_version)
    assert refused.value.gaps == ["la convention n'est pas autorisée par l'Ordre (montants au-dessus des seuils)"]
    match, _ = matches.update_terms(engine, FOUNDER, match.id, terms | {
        "convention_status": "autorisee", "convention_decided_on": date(2026, 11, 16)},
        expected_version=match.row_version)
    signed = matches.move(engine, FOUNDER, match.id, "contrat_signe", expected_version=match.row_version)
    assert fetch(engine, "select stage from match where id = ?", signed.id) == [("contrat_signe",)]
    # Once signed, the checklist cannot be reopened.
    with pytest.raises(matches.ComplianceOpen):
        matches.update_terms(engine, FOUNDER, match.id, terms | {"conflict_checked": False},
                             expected_version=signed.row_version)
    assert fetch(engine, "select conflict_checked from match where id = ?", signed.id) == [(True,)]


def test_no_agreement_is_asked_of_an_organisation_that_makes_no_health_product(engine):
    match = signable_match(engine, makes_health_products=False, practice_setting="liberal")
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"conflict_checked": True},
                                    expected_version=match.row_version)
    signed = matches.move(engine, FOUNDER, match.id, "contrat_signe", expected_version=match.row_version)
    assert signed.stage == "contrat_signe"


def test_a_declaration_sent_late_is_flagged_with_its_deadline(engine):
    match = signable_match(engine, practice_setting="liberal")
    # 300 € a day for 2 days stays under every threshold: a declaration is enough.
    _, warnings = matches.update_terms(engine, FOUNDER, match.id, {
        "agreed_day_rate": 300, "agreed_days": 2, "conflict_checked": True, "mission_start": date(2026, 12, 7),
        "convention_status": "declaree", "convention_submitted_on": date(2026, 11, 30)},
        expected_version=match.row_version)
    # Eight working days before Monday 7 December: Wednesday 25 November.
    assert "au plus tard le 25/11/2026" in warnings["convention_submitted_on"]


# --- Mentoring ----------------------------------------------------------------------------------------

def test_steps_move_and_a_session_is_logged(engine):
    caregiver = new_caregiver(engine)
    changed = mentoring.move_steps(engine, MENTOR, caregiver.id, {"appel_accueil": "fait", "profil_complet":
                                                                  "en_cours", "tarif_defini": "a_faire"})
    assert changed == ["appel_accueil", "profil_complet"]
    assert fetch(engine, "select step, status from onboarding_step where caregiver_id = ? and status <> 'a_faire' "
                         "order by step", caregiver.id) == [("appel_accueil", "fait"), ("profil_complet", "en_cours")]
    row = mentoring.log_session(engine, MENTOR, {
        "caregiver_id": caregiver.id, "mentor_id": 4, "occurred_at": NOW, "topics": ["tarif", "statut_juridique"],
        "notes": "Micro-entreprise conseillée", "next_action": "Relire le contrat", "next_action_due": TODAY},
        now=NOW)
    assert fetch(engine, "select topics, next_action_due from mentoring_session where id = ?", row.id) == [
        ("statut_juridique,tarif", TODAY)]
    mentoring.close_action(engine, MENTOR, "mentoring_session", row.id, today=TODAY)
    assert fetch(engine, "select next_action_done from mentoring_session where id = ?", row.id) == [(True,)]


# --- Call log -----------------------------------------------------------------------------------------

def test_an_intake_call_creates_the_caregiver_and_ticks_the_welcome_call_in_one_save(engine):
    before = counts(engine)
    logged = log_call(engine, MENTOR, VALID_CALL, now=NOW, today=TODAY, caregiver=Part(data=VALID_CAREGIVER))
    assert logged.created == ["caregiver"]
    caregiver_id = logged.call.caregiver_id
    assert fetch(engine, "select last_name from caregiver where id = ?", caregiver_id) == [("Rousseau",)]
    assert fetch(engine, "select status from onboarding_step where caregiver_id = ? and step = 'appel_accueil'",
                 caregiver_id) == [("fait",)]
    after = counts(engine)
    assert (after["call"] - before["call"], after["caregiver"] - before["caregiver"]) == (1, 1)


def test_a_bad_intake_writes_nothing_and_names_each_field_of_each_part(engine):
    before = counts(engine)
    with pytest.raises(FormInvalid) as refused:
        log_call(engine, MENTOR, VALID_CALL | {"occurred_at": NOW + timedelta(hours=2)}, now=NOW, today=TODAY,
                 caregiver=Part(data=VALID_CAREGIVER | {"rpps": "12345678901"}))
    assert refused.value.errors == {
        "call.occurred_at": "Un appel passé ne peut pas être dans le futur.",
        "caregiver.rpps": "Ce numéro RPPS n'est pas valide : sa clé (dernier chiffre) ne correspond pas.",
    }
    assert counts(engine) == before


def test_a_call_about_a_known_caregiver_updates_the_profile_unless_the_copy_is_stale(engine):
    caregiver = new_caregiver(engine)
    logged = log_call(engine, MENTOR, VALID_CALL | {"kind": "mentorat"}, now=NOW, today=TODAY,
                      caregiver=Part(id=caregiver.id, data=VALID_CAREGIVER | {"availability_days_per_month": 8},
                                     version=caregiver.row_version))
    assert logged.updated == ["caregiver"]
    assert fetch(engine, "select availability_days_per_month from caregiver where id = ?", caregiver.id) == [(8,)]
    before = counts(engine)
    with pytest.raises(audit.StaleRecord):
        log_call(engine, MENTOR, VALID_CALL, now=NOW, today=TODAY,
                 caregiver=Part(id=caregiver.id, data=VALID_CAREGIVER, version=caregiver.row_version))
    assert counts(engine) == before


def test_a_qualification_call_creates_organisation_contact_and_a_qualified_request(engine):
    logged = log_call(engine, FOUNDER, VALID_CALL | {"kind": "qualification_besoin", "member_id": 1}, now=NOW,
                      today=TODAY, organisation=Part(data=VALID_ORGANISATION), contact=Part(data=VALID_CONTACT),
                      request=Part(data=VALID_REQUEST))
    assert logged.created == ["organisation", "contact", "request"]
    call = logged.call
    assert fetch(engine, "select r.status, r.contact_id, o.name from request r join organisation o on "
                         "o.id = r.organisation_id where r.id = ?", call.request_id) == [
        ("qualifiee", call.contact_id, "Cardiotech")]


def test_a_call_must_say_with_whom(engine):
    with pytest.raises(FormInvalid) as refused:
        log_call(engine, FOUNDER, VALID_CALL | {"kind": "autre"}, now=NOW, today=TODAY)
    assert refused.value.errors == {
        "call.party": "Indiquez avec qui a eu lieu l'appel : un soignant ou une organisation."}


# --- Roles --------------------------------------------------------------------------------------------

ACCOUNT = {"full_name": "Nadia Kaci", "email": "nadia.kaci@hackyourcare.fr", "role": "lecteur",
           "password": "un-long-mot-de-passe-7"}
# Every write function of hyc, each with arguments it accepts, and the area its role must cover.
WRITES = {
    "caregivers.create": ("caregivers", lambda e, a: caregivers.create(e, a, VALID_CAREGIVER, today=TODAY)),
    "caregivers.update": ("caregivers", lambda e, a: caregivers.update(
        e, a, 1, VALID_CAREGIVER | {"email": "x1@exemple.fr", "phone": None, "rpps": None}, expected_version=1,
        today=TODAY)),
    "caregivers.set_archived": ("caregivers", lambda e, a: caregivers.set_archived(e, a, 1, True)),
    "organisations.create": ("organisations", lambda e, a: organisations.create(e, a, VALID_ORGANISATION)),
    "organisations.update": ("organisations", lambda e, a: organisations.update(
        e, a, 1, VALID_ORGANISATION, expected_version=1)),
    "organisations.create_contact": ("organisations", lambda e, a: organisations.create_contact(
        e, a, 1, VALID_CONTACT)),
    "organisations.update_contact": ("organisations", lambda e, a: organisations.update_contact(
        e, a, 1, VALID_CONTACT, expected_version=1)),
    "organisations.set_archived": ("organisations", lambda e, a: organisations.set_archived(
        e, a, "organisation", 1, True)),
    "requests.create": ("requests", lambda e, a: requests.create(e, a, VALID_REQUEST | {"organisation_id": 1})),
    "requests.update": ("requests", lambda e, a: requests.update(
        e, a, _open_request(e), VALID_REQUEST | {"organisation_id": _org_of(e, _open_request(e))},
        expected_version=1)),
    "requests.move": ("requests", lambda e, a: requests.move(e, a, _open_request(e), "annulee", expected_version=1)),
    "requests.set_archived": ("requests", lambda e, a: requests.set_archived(e, a, 1, True)),
    "matches.add_candidates": ("matches", lambda e, a: matches.add_candidates(e, a, _open_request(e), [1])),
    "matches.move": ("matches", lambda e, a: matches.move(e, a, _early_match(e), "abandonnee", reason="sans_reponse",
                                                          expected_version=1)),
    "matches.update_terms": ("matches", lambda e, a: matches.update_terms(
        e, a, _early_match(e), {"agreed_day_rate": 500}, expected_version=1)),
    "mentoring.move_steps": ("mentoring", lambda e, a: mentoring.move_steps(e, a, 1, {"formation_ia": "en_cours"})),
    "mentoring.log_session": ("mentoring", lambda e, a: mentoring.log_session(
        e, a, {"caregiver_id": 1, "mentor_id": 4, "occurred_at": NOW, "topics": ["tarif"]}, now=NOW)),
    "mentoring.close_action": ("mentoring", lambda e, a: mentoring.close_action(
        e, a, "mentoring_session", 1, today=TODAY)),
    "calls.log_call": ("calls", lambda e, a: log_call(e, a, VALID_CALL | {"kind": "mentorat"}, now=NOW, today=TODAY,
                                                      caregiver=Part(id=1))),
    "calls.log_call (new organisation)": ("organisations", lambda e, a: log_call(
        e, a, VALID_CALL | {"kind": "qualification_besoin"}, now=NOW, today=TODAY,
        organisation=Part(data=VALID_ORGANISATION))),
    "accounts.create": ("team", lambda e, a: accounts.create(e, a, ACCOUNT)),
    "accounts.update": ("team", lambda e, a: accounts.update(e, a, 3, ACCOUNT | {"role": "lecteur"})),
    "accounts.unlock": ("team", lambda e, a: accounts.unlock(e, a, 3)),
    "privacy.export": ("privacy", lambda e, a: privacy.export(e, a, 1)),
    "privacy.erase": ("privacy", lambda e, a: privacy.erase(e, a, 1)),
}


def _open_request(engine) -> int:
    return fetch(engine, "select min(id) from request where status = 'en_recherche'")[0][0]


def _org_of(engine, request_id: int) -> int:
    return fetch(engine, "select organisation_id from request where id = ?", request_id)[0][0]


def _early_match(engine) -> int:
    return fetch(engine, "select min(id) from match where stage = 'suggeree' and row_version = 1")[0][0]


@pytest.mark.parametrize("actor", [FOUNDER, MENTOR, READER], ids=["fondateur", "mentor", "lecteur"])
@pytest.mark.parametrize("name", list(WRITES))
def test_each_role_writes_only_what_it_may(engine, actor, name):
    area, write = WRITES[name]
    before = counts(engine)
    if area in audit.ROLE_AREAS[actor.role]:
        write(engine, actor)
        assert counts(engine)["audit_event"] > before["audit_event"]
        return
    with pytest.raises(audit.PermissionDenied) as refused:
        write(engine, actor)
    assert "ne permet pas cette modification" in str(refused.value)
    assert counts(engine) == before


def test_the_roles_are_those_the_team_agreed():
    assert audit.ROLE_AREAS["mentor"] == {"caregivers", "mentoring", "calls"}
    assert audit.ROLE_AREAS["lecteur"] == set()
    assert audit.ROLE_AREAS["fondateur"] == {area for area, _ in WRITES.values()}
