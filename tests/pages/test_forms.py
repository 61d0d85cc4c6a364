"""Each form under AppTest: a valid save lands in the store; a bad one shows its message and keeps the values."""

from __future__ import annotations

from datetime import date

from hyc import caregivers, db, organisations
from hyc.audit import Actor
from tests.conftest import TODAY
from tests.pages.conftest import FOUNDER, MENTOR, READER, page, run_on


def fetch(path, query: str, *params):
    engine = db.open_store(f"duckdb:///{path}")
    try:
        with db.raw(engine) as con:
            return con.execute(query, list(params)).fetchall()
    finally:
        engine.dispose()


def counts(path) -> dict[str, int]:
    engine = db.open_store(f"duckdb:///{path}")
    try:
        return db.table_counts(engine)
    finally:
        engine.dispose()


def open_page(name: str, member: int = FOUNDER, **query):
    """A page run as one team member (the sidebar's "Vous êtes"), the store released between runs."""
    return run_on(page(name), TODAY, member=member, **query)


def widget(at, form: str, field: str):
    """The widget of one form field, whatever its kind."""
    key = f"form.{form}.{field}"
    for kind in ("text_input", "text_area", "selectbox", "multiselect", "number_input", "date_input", "checkbox",
                 "time_input"):
        found = [w for w in at.get(kind) if w.key == key]
        if found:
            return found[0]
    raise KeyError(key)


def fill(at, form: str, **values) -> None:
    for field, value in values.items():
        w = widget(at, form, field.replace("__", "."))
        if w.type == "multiselect":
            for option in value:
                w.select(option)
        elif w.type in ("selectbox",):
            w.select(value)
        elif w.type == "checkbox":
            w.check() if value else w.uncheck()
        else:
            w.set_value(value)


def submit(at, label: str):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def submit_in(at, form: str):
    """The submit button of one form, when several forms on a page share a label."""
    next(b for b in at.button if b.form_id == form).click()
    return at.run()


def unescaped(markdown: str) -> str:
    """Text as read on screen: stored and typed text is shown with markdown's characters escaped."""
    return markdown.replace("\\", "")


def shown_errors(at) -> list[str]:
    return [unescaped(e.value) for e in at.error]


def shown_successes(at) -> list[str]:
    return [unescaped(s.value) for s in at.success]


INTAKE = "call_caregiver.new"


# --- Call log ------------------------------------------------------------------------------------------

def test_an_intake_call_creates_the_caregiver_with_the_call(store):
    before = counts(store)
    at = open_page("call_log")
    fill(at, INTAKE, call__summary="Accueil, intéressée par le bêta-test", caregiver__first_name="Inès",
         caregiver__last_name="Marchetti", caregiver__email="ines.marchetti@exemple.fr",
         caregiver__phone="04 95 12 34 56", caregiver__postcode="20200", caregiver__profession="infirmier",
         caregiver__mission_types=["beta_test"], caregiver__expected_day_rate=450)
    at = submit(at, "Enregistrer l'appel")
    assert shown_errors(at) == []
    assert any("Appel enregistré. soignant créé." in s for s in shown_successes(at))
    rows = fetch(store, "select id, phone, departement, mission_types from caregiver where email = ?",
                 "ines.marchetti@exemple.fr")
    assert [r[1:] for r in rows] == [("+33495123456", "2B", "beta_test")]
    calls = fetch(store, "select kind, member_id, summary from call where caregiver_id = ?", rows[0][0])
    assert calls == [("accueil_soignant", FOUNDER, "Accueil, intéressée par le bêta-test")]
    after = counts(store)
    assert (after["caregiver"] - before["caregiver"], after["call"] - before["call"]) == (1, 1)
    # The form is emptied for the next call.
    assert widget(at, INTAKE, "caregiver.first_name").value is None


def test_a_bad_intake_shows_each_message_under_its_field_keeps_the_values_and_writes_nothing(store):
    before = counts(store)
    at = open_page("call_log")
    fill(at, INTAKE, call__occurred_at=date(2026, 12, 25), caregiver__first_name="Inès",
         caregiver__last_name="Marchetti", caregiver__email="ines@", caregiver__rpps="12345678901",
         caregiver__profession="medecin")
    at = submit(at, "Enregistrer l'appel")
    errors = shown_errors(at)
    assert "Un appel passé ne peut pas être dans le futur." in errors
    assert "Cette adresse e-mail n'est pas valide." in errors
    assert "Ce numéro RPPS n'est pas valide : sa clé (dernier chiffre) ne correspond pas." in errors
    assert any(e.startswith("3 champs sont à corriger") for e in errors)
    assert widget(at, INTAKE, "caregiver.email").value == "ines@"
    assert widget(at, INTAKE, "caregiver.rpps").value == "12345678901"
    assert widget(at, INTAKE, "caregiver.first_name").value == "Inès"
    assert counts(store) == before


def test_a_known_caregiver_is_offered_instead_of_a_duplicate_with_what_was_typed(store):
    email, first, last, caregiver_id = fetch(
        store, "select email, first_name, last_name, id from caregiver where email is not null order by id limit 1")[0]
    before = counts(store)
    at = open_page("call_log")
    fill(at, INTAKE, caregiver__first_name=first, caregiver__last_name=last, caregiver__email=email.upper(),
         caregiver__profession="medecin", call__summary="Rappel de sa part")
    at = submit(at, "Enregistrer l'appel")
    assert any(f"{first} {last} est déjà dans le vivier (même e-mail)" in e for e in shown_errors(at))
    assert counts(store) == before
    next(b for b in at.button if b.label.startswith("Noter cet appel sur sa fiche")).click()
    at.run()
    form = f"call_caregiver.{caregiver_id}"
    assert widget(at, form, "call.summary").value == "Rappel de sa part"
    at = submit(at, "Enregistrer l'appel")
    assert shown_errors(at) == []
    assert fetch(store, "select count(*) from call where caregiver_id = ? and summary = 'Rappel de sa part'",
                 caregiver_id) == [(1,)]
    assert counts(store)["caregiver"] == before["caregiver"]


def test_a_qualification_call_creates_organisation_contact_and_request(store):
    at = open_page("call_log")
    at.segmented_control(key="call.with").set_value("organisation").run()
    form = "call_org.-1.-1.-1"
    fill(at, form, organisation__name="NeuroSim", organisation__kind="startup", contact__first_name="Zoé",
         contact__last_name="Arnaud", contact__email="zoe@neurosim.io", request__title="Panel de neurologues",
         request__mission_type="atelier", request__professions=["medecin"], request__specialties=["neurologie"],
         request__headcount=5)
    at = submit(at, "Enregistrer l'appel")
    assert shown_errors(at) == []
    rows = fetch(store, """select r.status, r.headcount, ct.email from request r join organisation o
                           on o.id = r.organisation_id join contact ct on ct.id = r.contact_id
                           where o.name = 'NeuroSim'""")
    assert rows == [("qualifiee", 5, "zoe@neurosim.io")]


def test_a_reader_cannot_log_a_call(store):
    at = open_page("call_log", member=READER)
    assert at.get("form") == []
    assert "Cette page n'est pas ouverte au rôle Lecteur·rice." in shown_errors(at)


# --- Caregiver record ---------------------------------------------------------------------------------

def test_editing_a_caregiver_saves_and_a_bad_value_is_kept_with_its_message(store):
    caregiver_id = fetch(store, "select min(id) from caregiver")[0][0]
    form = f"caregiver_edit.{caregiver_id}"
    at = open_page("talent_pool", caregiver=str(caregiver_id))
    fill(at, form, expected_day_rate=777)
    at = submit(at, "Enregistrer")
    assert "Fiche du soignant enregistrée." in shown_successes(at)
    assert fetch(store, "select expected_day_rate, row_version from caregiver where id = ?", caregiver_id) == [
        (777, 2)]
    fill(at, form, postcode="99999")
    at = submit(at, "Enregistrer")
    assert "Ce code postal français n'existe pas." in shown_errors(at)
    assert widget(at, form, "postcode").value == "99999"
    assert fetch(store, "select row_version from caregiver where id = ?", caregiver_id) == [(2,)]


def test_a_save_on_a_stale_copy_is_refused_and_names_who_changed_what(store):
    caregiver_id = fetch(store, "select min(id) from caregiver")[0][0]
    form = f"caregiver_edit.{caregiver_id}"
    at = open_page("talent_pool", caregiver=str(caregiver_id))
    fill(at, form, years_experience=30)
    # Meanwhile a mentor saves the same record from another laptop.
    row = fetch(store, f"select {', '.join(caregivers.FIELDS)} from caregiver where id = ?", caregiver_id)[0]
    current = dict(zip(caregivers.FIELDS, row, strict=True))
    current["mission_types"] = (current["mission_types"] or "").split(",")
    engine = db.open_store(f"duckdb:///{store}")
    caregivers.update(engine, Actor(MENTOR, "mentor", "Sophie Laurent"), caregiver_id,
                      current | {"notes": "Préfère être appelée le matin"}, expected_version=1, today=TODAY)
    engine.dispose()
    at = submit(at, "Enregistrer")
    problem = " ".join(shown_errors(at))
    assert "Cette fiche a changé depuis que vous l'avez ouverte : Sophie Laurent l'a modifiée" in problem
    assert "(Notes)" in problem
    assert widget(at, form, "years_experience").value == 30
    assert fetch(store, "select years_experience <> 30, notes from caregiver where id = ?", caregiver_id) == [
        (True, "Préfère être appelée le matin")]


def test_steps_and_a_mentoring_session_are_saved_from_the_record(store):
    caregiver_id = fetch(store, """select caregiver_id from onboarding_step where step = 'formation_ia'
                                   and status = 'a_faire' order by caregiver_id limit 1""")[0][0]
    at = open_page("talent_pool", member=MENTOR, caregiver=str(caregiver_id))
    fill(at, f"steps.{caregiver_id}", formation_ia="fait")
    at = submit(at, "Enregistrer les étapes")
    assert "1 étape(s) mise(s) à jour." in shown_successes(at)
    assert fetch(store, "select status from onboarding_step where caregiver_id = ? and step = 'formation_ia'",
                 caregiver_id) == [("fait",)]
    before = counts(store)["mentoring_session"]
    form = f"session.{caregiver_id}"
    fill(at, form, topics=["tarif"], next_action="Relire le devis")
    at = submit(at, "Noter la séance")
    assert "Donnez une échéance à cette prochaine action." in shown_errors(at)
    assert widget(at, form, "next_action").value == "Relire le devis"
    fill(at, form, next_action_due=date(2026, 12, 1))
    at = submit(at, "Noter la séance")
    assert "Séance de mentorat notée." in shown_successes(at)
    assert counts(store)["mentoring_session"] == before + 1
    assert fetch(store, "select mentor_id, topics, next_action from mentoring_session order by id desc limit 1") == [
        (MENTOR, "tarif", "Relire le devis")]


def test_a_reader_sees_no_form_on_a_record(store):
    at = open_page("talent_pool", member=READER, caregiver="1")
    assert at.get("form") == []
    at = open_page("requests", member=READER, request="1")
    assert at.get("form") == []


# --- Requests, matches, organisations -----------------------------------------------------------------

def test_a_request_moves_status_and_gets_candidates(store):
    request_id = fetch(store, "select min(id) from request where status = 'en_recherche' and not archived")[0][0]
    at = open_page("requests", request=str(request_id))
    fill(at, f"request_status.{request_id}", status="candidats_proposes")
    at = submit(at, "Changer le statut")
    assert "Besoin passé à « Candidats proposés »." in shown_successes(at)
    assert fetch(store, "select status from request where id = ?", request_id) == [("candidats_proposes",)]
    candidates = [row[0] for row in fetch(store, """
        select c.id from caregiver c, request r where r.id = ? and not c.archived
          and list_contains(string_split(r.professions, ','), c.profession)
          and c.id not in (select caregiver_id from match where request_id = r.id)
        order by c.id limit 2""", request_id)]
    before = counts(store)["match"]
    w = widget(at, f"candidates.{request_id}", "caregiver_ids")
    for option in candidates:
        w.select(option)
    at = submit(at, "Proposer ces soignants")
    assert "2 soignant(s) proposé(s) sur ce besoin." in shown_successes(at)
    assert counts(store)["match"] == before + 2


def test_a_contract_cannot_be_signed_while_compliance_is_open_and_the_form_says_which(store):
    match_id, request_id = fetch(store, "select id, request_id from match where stage = 'retenue' order by id")[0]
    at = open_page("requests", request=str(request_id))
    at.selectbox(key=f"match_pick.{request_id}").select(match_id).run()
    # The conflict-of-interest check is undone in the terms form: the checklist is open again.
    fill(at, f"match_terms.{match_id}", conflict_checked=False)
    at = submit_in(at, f"match_terms.{match_id}")
    assert "Conditions et conformité enregistrées." in shown_successes(at)
    fill(at, f"match_stage.{match_id}", stage="contrat_signe")
    at = submit_in(at, f"match_stage.{match_id}")
    problem = " ".join(shown_errors(at))
    assert "Le contrat ne peut pas être signé tant que ces points sont ouverts" in problem
    assert "l'absence de conflit d'intérêts n'est pas vérifiée" in problem
    assert fetch(store, "select stage, conflict_checked from match where id = ?", match_id) == [("retenue", False)]


def test_an_organisation_is_edited_and_gets_a_contact(store):
    org_id = fetch(store, "select min(id) from organisation")[0][0]
    at = open_page("requests", organisation=str(org_id))
    fill(at, f"organisation_edit.{org_id}", website="pas un site")
    at = submit_in(at, f"organisation_edit.{org_id}")
    assert "Saisissez une adresse complète, par exemple https://www.exemple.fr." in shown_errors(at)
    fill(at, f"organisation_edit.{org_id}", website="https://www.exemple.fr")
    at = submit_in(at, f"organisation_edit.{org_id}")
    assert "Organisation enregistrée." in shown_successes(at)
    fill(at, f"contact_new.{org_id}", first_name="Hugo", last_name="Lemaire", phone="01 23 45 67 89")
    at = submit(at, "Ajouter le contact")
    assert "Contact enregistré." in shown_successes(at)
    assert fetch(store, "select phone from contact where organisation_id = ? and last_name = 'Lemaire'", org_id) == [
        ("+33123456789",)]


# --- Personal data ------------------------------------------------------------------------------------

def test_a_founder_exports_then_erases_a_person_from_the_page(store):
    caregiver_id, first, last, email = fetch(
        store, "select id, first_name, last_name, email from caregiver where email is not null order by id limit 1")[0]
    at = open_page("privacy")
    at.text_input(key="privacy.search").input(email).run()
    assert at.selectbox(key="privacy.pick").value == caregiver_id
    next(b for b in at.button if b.label == "Préparer l'export").click().run()
    assert [d.label for d in at.get("download_button")] == ["Télécharger le zip"]
    confirm = at.text_input[-1]
    confirm.input("quelqu'un d'autre")
    at = submit(at, "Effacer définitivement")
    assert "Le nom tapé ne correspond pas : rien n'a été effacé." in shown_errors(at)
    assert fetch(store, "select erased_at is null from caregiver where id = ?", caregiver_id) == [(True,)]
    at.text_input[-1].input(f"{first} {last}")
    at = submit(at, "Effacer définitivement")
    assert not at.exception
    assert fetch(store, "select erased_at is not null, email from caregiver where id = ?", caregiver_id) == [
        (True, None)]
    # The page goes on reading the rewritten file.
    assert any(m.label == "Liste d'opposition" and m.value == "1" for m in at.metric)


def test_a_request_is_edited_from_its_record(store):
    request_id = fetch(store, "select min(id) from request where status = 'en_recherche'")[0][0]
    form = f"request_edit.{request_id}"
    at = open_page("requests", request=str(request_id))
    fill(at, form, headcount=0)
    at = submit_in(at, form)
    assert "Saisissez un nombre entier entre 1 et 100." in shown_errors(at)
    assert widget(at, form, "headcount").value == 0
    fill(at, form, headcount=4, title="Panel élargi à quatre médecins")
    at = submit_in(at, form)
    assert "Besoin enregistré." in shown_successes(at)
    assert fetch(store, "select headcount, title from request where id = ?", request_id) == [
        (4, "Panel élargi à quatre médecins")]


def test_a_contact_is_edited_and_archived_then_restored(store):
    org_id, contact_id = fetch(store, """select organisation_id, min(id) from contact where not archived
                                         group by organisation_id order by organisation_id limit 1""")[0]
    at = open_page("requests", organisation=str(org_id))
    at.selectbox(key=f"contact_pick.{org_id}").select(contact_id).run()
    form = f"contact_edit.{contact_id}"
    fill(at, form, phone="12")
    at = submit_in(at, form)
    assert "Ce numéro de téléphone n'est pas valide." in shown_errors(at)
    fill(at, form, phone="0478 12 34 56", role="Directrice médicale")
    at = submit_in(at, form)
    assert "Contact enregistré." in shown_successes(at)
    assert fetch(store, "select phone, role from contact where id = ?", contact_id) == [
        ("+33478123456", "Directrice médicale")]
    at.button(key=f"archive.contact.{contact_id}").click().run()
    assert fetch(store, "select archived from contact where id = ?", contact_id) == [(True,)]
    at.button(key=f"archive.contact.{contact_id}").click().run()
    assert fetch(store, "select archived from contact where id = ?", contact_id) == [(False,)]


def test_a_caregiver_is_archived_from_the_record_and_leaves_the_pool(store):
    caregiver_id = fetch(store, "select min(id) from caregiver where not archived")[0][0]
    pool = fetch(store, "select count(*) from caregiver where not archived")[0][0]
    at = open_page("talent_pool", caregiver=str(caregiver_id))
    at.button(key=f"archive.caregiver.{caregiver_id}").click().run()
    assert fetch(store, "select archived from caregiver where id = ?", caregiver_id) == [(True,)]
    assert any(f"Soignants correspondant aux filtres : {pool - 1}." in c.value.replace("\u202f", "")
               for c in at.caption)


def test_a_call_that_edits_an_organisation_changed_meanwhile_is_refused(store):
    org_id, name, kind = fetch(store, "select id, name, kind from organisation where row_version = 1 order by id")[0]
    at = open_page("call_log")
    at.segmented_control(key="call.with").set_value("organisation").run()
    at.selectbox(key="call.org_pick").select(org_id).run()  # the form is filled from version 1
    engine = db.open_store(f"duckdb:///{store}")
    organisations.update(engine, Actor(2, "fondateur", "Julien Moreau"), org_id,
                         {"name": name, "kind": kind, "website": "https://www.exemple.fr"}, expected_version=1)
    engine.dispose()
    at.run()  # the page redraws on the newer version; the form still holds the older copy
    form = f"call_org.{org_id}.0.0"
    fill(at, form, organisation__city="Brest", call__summary="Point sur le besoin")
    calls_before = counts(store)["call"]
    at = submit(at, "Enregistrer l'appel")
    assert any("Julien Moreau l'a modifiée" in e for e in shown_errors(at))
    assert widget(at, form, "organisation.city").value == "Brest"
    assert counts(store)["call"] == calls_before
    assert fetch(store, "select city is distinct from 'Brest', website from organisation where id = ?", org_id) == [
        (True, "https://www.exemple.fr")]


def test_next_actions_are_marked_done_from_the_mentoring_page(store):
    due = fetch(store, """select 'call:' || id from call where next_action is not null and not next_action_done
                          and next_action_due <= ?::date + interval 7 day order by next_action_due limit 2""", TODAY)
    assert len(due) == 2
    at = open_page("mentoring", member=MENTOR)
    w = widget(at, "close_actions", "done")
    for (choice,) in due:
        w.select(choice)
    at = submit(at, "Marquer comme faites")
    assert f"{len(due)} action(s) marquée(s) comme faite(s)." in shown_successes(at)
    ids = [int(choice.split(":")[1]) for (choice,) in due]
    assert fetch(store, f"select count(*) from call where next_action_done and id in ({', '.join(map(str, ids))})") == [
        (len(due),)]


def test_a_save_after_eight_idle_hours_is_refused_and_asks_to_sign_in(store):
    from datetime import UTC, datetime, timedelta

    caregiver_id = fetch(store, "select min(id) from caregiver")[0][0]
    form = f"caregiver_edit.{caregiver_id}"
    at = open_page("talent_pool", caregiver=str(caregiver_id))
    fill(at, form, expected_day_rate=999)
    at.session_state["auth.last_seen"] = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=9)
    at = submit(at, "Enregistrer")
    assert fetch(store, "select expected_day_rate <> 999, row_version from caregiver where id = ?", caregiver_id) == [
        (True, 1)]
    assert [b.label for b in at.button] == ["Se connecter"]
    assert "Session terminée après 8 h sans activité : reconnectez-vous." in [i.value for i in at.info]
