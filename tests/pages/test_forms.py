"""Each form under AppTest: a valid save lands in the store; a bad one shows its message and keeps the values."""

from __future__ import annotations

import json
import re
from datetime import date

from hyc import caregivers, db, mentoring, organisations, schema, validation, vocab
from hyc.audit import Actor
from hyc.i18n import Message
from tests.conftest import TODAY, t
from tests.pages.conftest import FOUNDER, MENTOR, READER, open_tab, page, run_on


def fetch(path, query: str, *params):
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        with db.raw(engine) as con:
            return con.execute(query, list(params)).fetchall()
    finally:
        engine.dispose()


def counts(path) -> dict[str, int]:
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        return db.table_counts(engine)
    finally:
        engine.dispose()


def open_page(name: str, member: int = FOUNDER, **query):
    """A page run as one team member (the sidebar's "Vous êtes"), the store released between runs."""
    return run_on(page(name), TODAY, member=member, **query)


def open_caregiver(caregiver_id: int, tab: str, member: int = FOUNDER):
    """A caregiver's record on the talent pool, one of its tabs open (only the open tab runs)."""
    return open_tab(open_page("talent_pool", member=member, caregiver=str(caregiver_id)),
                    f"caregiver_tabs.{caregiver_id}", tab)


def match_picker(at, request_id: int):
    """The request's match picker (its key changes with its labels, each match's stage in them)."""
    return next(s for s in at.selectbox if s.key and s.key.startswith(f"match_pick.{request_id}."))


def pick_match(at, request_id: int, match_id: int):
    return match_picker(at, request_id).select(match_id).run()


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
        elif w.type in ("text_input", "text_area") and isinstance(value, int | float):
            w.set_value(str(value))  # numbers are typed as text, the French way
        elif w.type == "text_input" and isinstance(value, date):
            w.set_value(value.strftime("%d/%m/%Y"))  # and so are dates
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


def open_full_intake(member: int = FOUNDER):
    """The call log's whole intake form (the page opens on the quick one)."""
    at = open_page("call_log", member)
    at.segmented_control(key="call.caregiver_mode").set_value("new").run()
    return at


# --- Call log ------------------------------------------------------------------------------------------

def test_an_intake_call_creates_the_caregiver_with_the_call(store):
    before = counts(store)
    at = open_full_intake()
    fill(at, INTAKE, call__summary="Accueil, intéressée par le bêta-test", caregiver__first_name="Inès",
         caregiver__last_name="Marchetti", caregiver__email="ines.marchetti@exemple.fr",
         caregiver__phone="04 95 12 34 56", caregiver__postcode="20200", caregiver__profession="infirmier",
         caregiver__mission_types=["beta_test"], caregiver__expected_day_rate=450)
    at = submit(at, t("calls.save"))
    assert shown_errors(at) == []
    assert any("Appel enregistré. Soignant créé." in s for s in shown_successes(at))
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
    at = open_full_intake()
    fill(at, INTAKE, call__occurred_at=date(2026, 12, 25), caregiver__first_name="Inès",
         caregiver__last_name="Marchetti", caregiver__email="ines@", caregiver__rpps="12345678901",
         caregiver__profession="medecin")
    at = submit(at, t("calls.save"))
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
    at = open_full_intake()
    fill(at, INTAKE, caregiver__first_name=first, caregiver__last_name=last, caregiver__email=email.upper(),
         caregiver__profession="medecin", call__summary="Rappel de sa part")
    at = submit(at, t("calls.save"))
    assert any(f"{first} {last} est déjà dans le vivier (même e-mail)" in e for e in shown_errors(at))
    assert counts(store) == before
    next(b for b in at.button if b.label.startswith("Noter cet appel sur sa fiche")).click()
    at.run()
    form = f"call_caregiver.{caregiver_id}"
    assert widget(at, form, "call.summary").value == "Rappel de sa part"
    at = submit(at, t("calls.save"))
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
    at = submit(at, t("calls.save"))
    assert shown_errors(at) == []
    rows = fetch(store, """select r.status, r.headcount, ct.email from request r join organisation o
                           on o.id = r.organisation_id join contact ct on ct.id = r.contact_id
                           where o.name = 'NeuroSim'""")
    assert rows == [("qualifiee", 5, "zoe@neurosim.io")]


def test_a_reader_cannot_log_a_call(store):
    at = open_page("call_log", member=READER)
    assert at.get("form") == []
    assert ("Cette page est réservée aux rôles : Fondateur·rice, Mentor. Votre rôle (Lecteur·rice) ne l'ouvre pas ; "
            "demandez à un·e fondateur·rice si vous en avez besoin.") in shown_errors(at)


# --- Caregiver record ---------------------------------------------------------------------------------

def test_editing_a_caregiver_saves_and_a_bad_value_is_kept_with_its_message(store):
    caregiver_id = fetch(store, "select min(id) from caregiver")[0][0]
    form = f"caregiver_edit.{caregiver_id}"
    at = open_caregiver(caregiver_id, "edit")
    fill(at, form, expected_day_rate=777)
    at = submit(at, t("form.save"))
    assert t("saved.caregiver") in shown_successes(at)
    assert fetch(store, "select expected_day_rate, row_version from caregiver where id = ?", caregiver_id) == [
        (777, 2)]
    fill(at, form, postcode="99999")
    at = submit(at, t("form.save"))
    assert "Ce code postal français n'existe pas." in shown_errors(at)
    assert widget(at, form, "postcode").value == "99999"
    assert fetch(store, "select row_version from caregiver where id = ?", caregiver_id) == [(2,)]


def test_a_save_on_a_stale_copy_is_refused_and_names_who_changed_what(store):
    caregiver_id = fetch(store, "select min(id) from caregiver")[0][0]
    form = f"caregiver_edit.{caregiver_id}"
    at = open_caregiver(caregiver_id, "edit")
    fill(at, form, years_experience=30)
    # Meanwhile a mentor saves the same record from another laptop.
    row = fetch(store, f"select {', '.join(caregivers.FIELDS)} from caregiver where id = ?", caregiver_id)[0]
    current = dict(zip(caregivers.FIELDS, row, strict=True))
    current["mission_types"] = (current["mission_types"] or "").split(",")
    engine = schema.open_store(f"duckdb:///{store}")
    caregivers.update(engine, Actor(MENTOR, "mentor", "Sophie Laurent"), caregiver_id,
                      current | {"notes": "Préfère être appelée le matin"}, expected_version=1, today=TODAY)
    engine.dispose()
    at = submit(at, t("form.save"))
    problem = " ".join(shown_errors(at))
    assert "Cette fiche a changé depuis que vous l'avez ouverte : Sophie Laurent l'a modifiée" in problem
    assert "(Notes)" in problem
    assert widget(at, form, "years_experience").value == "30"
    assert fetch(store, "select years_experience <> 30, notes from caregiver where id = ?", caregiver_id) == [
        (True, "Préfère être appelée le matin")]


def test_steps_and_a_mentoring_session_are_saved_from_the_record(store):
    caregiver_id = fetch(store, """select caregiver_id from onboarding_step where step = 'formation_ia'
                                   and status = 'a_faire' order by caregiver_id limit 1""")[0][0]
    at = open_page("talent_pool", member=MENTOR, caregiver=str(caregiver_id))
    fill(at, f"steps.{caregiver_id}", formation_ia="fait")
    at = submit(at, t("form.save_steps"))
    assert "1 étape(s) mise(s) à jour." in shown_successes(at)
    assert fetch(store, "select status from onboarding_step where caregiver_id = ? and step = 'formation_ia'",
                 caregiver_id) == [("fait",)]
    before = counts(store)["mentoring_session"]
    at = open_tab(at, f"caregiver_tabs.{caregiver_id}", "mentoring")
    form = f"session.{caregiver_id}"
    fill(at, form, topics=["tarif"], next_action="Relire le devis")
    at = submit(at, t("form.log_session"))
    assert "Donnez une échéance à cette prochaine action." in shown_errors(at)
    assert widget(at, form, "next_action").value == "Relire le devis"
    fill(at, form, next_action_due=date(2026, 12, 1))
    at = submit(at, t("form.log_session"))
    assert t("saved.session") in shown_successes(at)
    assert counts(store)["mentoring_session"] == before + 1
    assert fetch(store, "select mentor_id, topics, next_action from mentoring_session order by id desc limit 1") == [
        (MENTOR, "tarif", "Relire le devis")]


def test_a_record_s_forms_come_back_filled_after_another_record_or_tab_was_open(store):
    """Streamlit forgets the values of widgets a run does not draw: a record's forms, drawn again after another
    record or another tab was open, hold the record's values, and a save writes only what was changed."""
    first, other = [row[0] for row in fetch(store, "select id from caregiver where not archived order by id limit 2")]
    stored = dict(fetch(store, "select step, status from onboarding_step where caregiver_id = ?", first))
    row = fetch(store, "select expected_day_rate, practice_setting, specialty, row_version from caregiver "
                       "where id = ?", first)[0]
    at = open_caregiver(first, "steps")
    at.query_params["caregiver"] = str(other)
    at.run()
    at.query_params["caregiver"] = str(first)
    at.run()
    # Every step a person sets holds its value; "première mission faite" follows the matches and is only shown.
    by_hand = {step: status for step, status in stored.items() if step not in mentoring.FOLLOWS_MATCHES}
    assert {step: widget(at, f"steps.{first}", step).value for step in by_hand} == by_hand
    shown = at.text_input(key=f"steps.{first}.premiere_mission.shown")
    assert shown.disabled and shown.value == vocab.ONBOARDING_STEP_STATUSES.label(stored["premiere_mission"])
    at = submit(at, t("form.save_steps"))
    assert t("saved.nothing") in shown_successes(at)
    assert dict(fetch(store, "select step, status from onboarding_step where caregiver_id = ?", first)) == stored
    # The edit form, after the calls tab was open in between.
    form = f"caregiver_edit.{first}"
    at = open_tab(open_tab(at, f"caregiver_tabs.{first}", "edit"), f"caregiver_tabs.{first}", "calls")
    at = open_tab(at, f"caregiver_tabs.{first}", "edit")
    assert widget(at, form, "practice_setting").value == row[1]
    fill(at, form, expected_day_rate=(row[0] or 500) + 1)
    at = submit(at, t("form.save"))
    assert t("saved.caregiver") in shown_successes(at)
    assert fetch(store, "select expected_day_rate, practice_setting, specialty, row_version from caregiver "
                        "where id = ?", first) == [((row[0] or 500) + 1, row[1], row[2], row[3] + 1)]


def test_a_reader_sees_no_form_on_a_record(store):
    at = open_page("talent_pool", member=READER, caregiver="1")
    assert at.get("form") == []
    for tab in ("calls", "matches", "mentoring", "actions", "edit"):  # each tab runs only when open
        at = open_caregiver(1, tab, member=READER)
        assert not at.exception and at.get("form") == [], tab
    assert t("record.tab_edit") not in [tab.label for tab in at.tabs]
    at = open_page("requests", member=READER, request="1")
    assert at.get("form") == []


# --- Requests, matches, organisations -----------------------------------------------------------------

def test_a_request_moves_status(store):
    request_id = fetch(store, "select min(id) from request where status = 'en_recherche' and not archived")[0][0]
    at = open_page("requests", request=str(request_id))
    fill(at, f"request_status.{request_id}", status="candidats_proposes")
    at = submit(at, t("form.change_status"))
    assert "Besoin passé à « Candidats proposés »." in shown_successes(at)
    assert fetch(store, "select status from request where id = ?", request_id) == [("candidats_proposes",)]


def test_a_match_moved_stays_the_one_picked_and_its_terms_form_saves_without_a_false_notice(store):
    """Moving a match changes its picker's label (its stage) and the list's order: the picker keeps the same
    person, so that the next move is not made on someone else."""
    match_id, request_id = fetch(store, """
        select m.id, m.request_id from match m where m.stage = 'suggeree'
        and (select count(*) from match o where o.request_id = m.request_id) >= 3
        and m.id <> (select min(id) from match o where o.request_id = m.request_id) order by m.id limit 1""")[0]
    at = open_page("requests", request=str(request_id))
    pick_match(at, request_id, match_id)
    fill(at, f"match_stage.{match_id}", stage="contactee")
    at = submit_in(at, f"match_stage.{match_id}")
    assert fetch(store, "select stage from match where id = ?", match_id) == [("contactee",)]
    picker = match_picker(at, request_id)
    assert picker.value == match_id
    assert picker.format_func(picker.value).endswith(vocab.MATCH_STAGES.label("contactee"))
    # The move was this person's own: the terms form beside it does not say that someone else saved the match.
    assert t("form.changed_since") not in [i.value for i in at.info]
    fill(at, f"match_terms.{match_id}", agreed_days="3")
    at = submit_in(at, f"match_terms.{match_id}")
    assert t("saved.terms") in shown_successes(at)
    assert fetch(store, "select stage, agreed_days from match where id = ?", match_id) == [("contactee", 3)]


def test_a_contract_cannot_be_signed_while_compliance_is_open_and_the_form_says_which(store):
    match_id, request_id = fetch(store, "select id, request_id from match where stage = 'retenue' order by id")[0]
    at = open_page("requests", request=str(request_id))
    pick_match(at, request_id, match_id)
    # The conflict-of-interest check is undone in the terms form: the checklist is open again.
    fill(at, f"match_terms.{match_id}", conflict_checked=False)
    at = submit_in(at, f"match_terms.{match_id}")
    assert t("saved.terms") in shown_successes(at)
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
    assert t("saved.organisation") in shown_successes(at)
    fill(at, f"contact_new.{org_id}", first_name="Hugo", last_name="Lemaire", phone="01 23 45 67 89")
    at = submit(at, t("form.add_contact"))
    assert t("saved.contact") in shown_successes(at)
    assert fetch(store, "select phone from contact where organisation_id = ? and last_name = 'Lemaire'", org_id) == [
        ("+33123456789",)]


# --- Personal data ------------------------------------------------------------------------------------

def test_a_founder_exports_then_erases_a_person_from_the_page(store):
    caregiver_id, first, last, email = fetch(
        store, "select id, first_name, last_name, email from caregiver where email is not null order by id limit 1")[0]
    at = open_page("privacy")
    at.text_input(key="privacy.search").input(email).run()
    assert at.selectbox(key="privacy.pick").value == caregiver_id
    next(b for b in at.button if b.label == t("privacy.prepare_export")).click().run()
    assert [d.label for d in at.get("download_button")] == [t("privacy.download")]
    at.text_input(key="privacy.confirm").input("quelqu'un d'autre")
    at = submit(at, t("privacy.erase"))
    assert t("privacy.confirm_mismatch") in shown_errors(at)
    assert fetch(store, "select erased_at is null from caregiver where id = ?", caregiver_id) == [(True,)]
    at.text_input(key="privacy.confirm").input(f"{first} {last}")
    at = submit(at, t("privacy.erase"))
    assert not at.exception
    assert fetch(store, "select erased_at is not null, email from caregiver where id = ?", caregiver_id) == [
        (True, None)]
    # The page goes on reading the rewritten file.
    assert any(m.label == t("privacy.objections") and m.value == "1" for m in at.metric)


def test_a_match_proposed_moves_its_request_s_status_and_the_request_s_form_still_saves(store):
    """The first candidate proposed to the client makes the request "candidats proposés": a change made by this
    person's own move, which the request's edit form beside it must not take for someone else's save."""
    match_id, request_id = fetch(store, """
        select m.id, m.request_id from match m join request r on r.id = m.request_id
        where m.stage = 'interessee' and r.status = 'en_recherche' order by m.id limit 1""")[0]
    at = open_page("requests", request=str(request_id))
    pick_match(at, request_id, match_id)
    fill(at, f"match_stage.{match_id}", stage="proposee_client")
    at = submit_in(at, f"match_stage.{match_id}")
    assert fetch(store, "select status from request where id = ?", request_id) == [("candidats_proposes",)]
    assert t("form.changed_since") not in [i.value for i in at.info]
    form = f"request_edit.{request_id}"
    fill(at, form, headcount=7)
    at = submit_in(at, form)
    assert t("saved.request") in shown_successes(at)
    assert fetch(store, "select headcount, status from request where id = ?", request_id) == [
        (7, "candidats_proposes")]


def test_a_request_is_edited_from_its_record(store):
    request_id = fetch(store, "select min(id) from request where status = 'en_recherche'")[0][0]
    form = f"request_edit.{request_id}"
    at = open_page("requests", request=str(request_id))
    fill(at, form, headcount=0)
    at = submit_in(at, form)
    assert "Saisissez un nombre entier entre 1 et 100." in shown_errors(at)
    assert widget(at, form, "headcount").value == "0"
    fill(at, form, headcount=4, title="Panel élargi à quatre médecins")
    at = submit_in(at, form)
    assert t("saved.request") in shown_successes(at)
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
    assert t("saved.contact") in shown_successes(at)
    assert fetch(store, "select phone, role from contact where id = ?", contact_id) == [
        ("+33478123456", "Directrice médicale")]
    at.button(key=f"archive.contact.{contact_id}").click().run()
    assert fetch(store, "select archived from contact where id = ?", contact_id) == [(True,)]
    at.button(key=f"archive.contact.{contact_id}").click().run()
    assert fetch(store, "select archived from contact where id = ?", contact_id) == [(False,)]


def test_a_caregiver_is_archived_from_the_record_and_leaves_the_pool(store):
    caregiver_id = fetch(store, "select min(id) from caregiver where not archived")[0][0]
    pool = fetch(store, "select count(*) from caregiver where not archived")[0][0]
    at = open_caregiver(caregiver_id, "edit")
    at.button(key=f"archive.caregiver.{caregiver_id}").click().run()
    assert fetch(store, "select archived from caregiver where id = ?", caregiver_id) == [(True,)]
    assert any(f"Soignants correspondant aux filtres : {pool - 1}." in c.value.replace("\u202f", "")
               for c in at.caption)


def test_a_call_that_edits_an_organisation_changed_meanwhile_is_refused(store):
    org_id, name, kind = fetch(store, "select id, name, kind from organisation where row_version = 1 order by id")[0]
    at = open_page("call_log")
    at.segmented_control(key="call.with").set_value("organisation").run()
    at.selectbox(key="call.org_pick").select(org_id).run()  # the form is filled from version 1
    engine = schema.open_store(f"duckdb:///{store}")
    organisations.update(engine, Actor(2, "fondateur", "Julien Moreau"), org_id,
                         {"name": name, "kind": kind, "website": "https://www.exemple.fr"}, expected_version=1)
    engine.dispose()
    at.run()  # the page redraws on the newer version; the form still holds the older copy
    form = f"call_org.{org_id}.0.0"
    fill(at, form, organisation__city="Brest", call__summary="Point sur le besoin")
    calls_before = counts(store)["call"]
    at = submit(at, t("calls.save"))
    assert any("Julien Moreau l'a modifiée" in e for e in shown_errors(at))
    assert widget(at, form, "organisation.city").value == "Brest"
    assert counts(store)["call"] == calls_before
    assert fetch(store, "select city is distinct from 'Brest', website from organisation where id = ?", org_id) == [
        (True, "https://www.exemple.fr")]


def test_a_next_action_is_moved_from_the_caregiver_s_record(store):
    """The record's "Prochaines actions" tab: tick, pick a date, move; written with its audit event."""
    from datetime import timedelta

    from hyc import reads
    from hyc.ui.widgets import ids_digest
    call_id, caregiver_id = fetch(store, """select id, caregiver_id from call where next_action is not null
                                            and not next_action_done and caregiver_id is not null
                                            and next_action_due < ? order by id limit 1""", TODAY)[0]
    at = open_caregiver(caregiver_id, "actions")
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        week = reads.mentoring.week(engine, TODAY)
    finally:
        engine.dispose()
    mine = week[week.caregiver_id == caregiver_id]
    part = mine[(mine.source == "call") & (mine.id == call_id)].part.iloc[0]
    rows = mine[mine.part == part].head(200).reset_index(drop=True)
    key = f"caregiver_week.{caregiver_id}"
    at.session_state[f"{key}.part"] = part
    at.session_state[f"{key}.table.{part}.{ids_digest(rows)}"] = {
        "selection": {"rows": [int(rows.index[(rows.source == "call") & (rows.id == call_id)][0])], "columns": [],
                      "cells": []}}
    monday = TODAY + timedelta(days=7)
    at.session_state[f"{key}.due"] = monday
    at.run()
    next(b for b in at.button if b.key == f"{key}.move").click().run()
    assert not at.exception
    assert fetch(store, "select next_action_due from call where id = ?", call_id) == [(monday,)]
    assert fetch(store, "select count(*) from audit_event where entity = 'call' and entity_id = ? and action = "
                        "'update' and after like ?", call_id, f"%{monday.isoformat()}%") == [(1,)]


def test_a_save_after_eight_idle_hours_is_refused_and_asks_to_sign_in(store):
    from datetime import UTC, datetime, timedelta

    caregiver_id = fetch(store, "select min(id) from caregiver")[0][0]
    form = f"caregiver_edit.{caregiver_id}"
    at = open_caregiver(caregiver_id, "edit")
    fill(at, form, expected_day_rate=999)
    at.session_state["auth.last_seen"] = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=9)
    at = submit(at, t("form.save"))
    assert fetch(store, "select expected_day_rate <> 999, row_version from caregiver where id = ?", caregiver_id) == [
        (True, 1)]
    assert [b.label for b in at.button] == [t("auth.submit")]
    assert "Session terminée après 8 h sans activité : reconnectez-vous." in [i.value for i in at.info]


# --- Nothing saved is ever wrong or lost (issue 9) --------------------------------------------------------

def _match_with_compliance_under_way(store) -> tuple[int, int]:
    """A retained match of a public-hospital doctor with a health-products company: declaration and cumul
    both under way."""
    match_id, request_id, caregiver_id = fetch(store, """
        select m.id, m.request_id, m.caregiver_id from match m join request r on r.id = m.request_id
        join organisation o on o.id = r.organisation_id
        where m.stage = 'retenue' and o.makes_health_products order by m.id limit 1""")[0]
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        with db.raw(engine) as con:
            # The cumul is the doctor's own: their record says it, the match follows.
            con.execute("update caregiver set profession = 'medecin', practice_setting = 'hopital_public', "
                        "cumul_status = 'demandee' where id = ?", [caregiver_id])
            con.execute("update match set convention_status = 'a_declarer', cumul_status = 'demandee', "
                        "agreed_day_rate = 300, agreed_days = 2 where id = ?", [match_id])
    finally:
        engine.dispose()
    return match_id, request_id


def test_a_compliance_select_holding_a_value_cannot_be_emptied_and_a_rate_change_leaves_it_as_it_was(store):
    match_id, request_id = _match_with_compliance_under_way(store)
    at = open_page("requests", request=str(request_id))
    pick_match(at, request_id, match_id)
    form = f"match_terms.{match_id}"
    for field in ("convention_status", "cumul_status"):
        select = widget(at, form, field)
        assert select.value in ("a_declarer", "demandee")
        assert select.proto.required  # the browser offers no way to empty it (click in, Escape)
    fill(at, form, agreed_day_rate="350")
    at = submit_in(at, form)
    assert t("saved.terms") in shown_successes(at)
    assert fetch(store, "select agreed_day_rate, convention_status, cumul_status from match where id = ?",
                 match_id) == [(350, "a_declarer", "demandee")]
    [(after,)] = fetch(store, "select after from audit_event where entity = 'match' and entity_id = ? "
                              "order by id desc limit 1", match_id)
    assert json.loads(after) == {"agreed_day_rate": 350}


def test_a_compliance_select_sent_empty_is_refused_next_to_it_and_nothing_is_written(store):
    """What the browser sent before issue 9 (a select emptied by Escape): refused, never saved as a default."""
    match_id, request_id = _match_with_compliance_under_way(store)
    at = open_page("requests", request=str(request_id))
    pick_match(at, request_id, match_id)
    form = f"match_terms.{match_id}"
    widget(at, form, "convention_status").set_value(None)
    fill(at, form, agreed_day_rate="350")
    at = submit_in(at, form)
    assert "Ce champ est obligatoire." in shown_errors(at)
    assert widget(at, form, "agreed_day_rate").value == "350"
    assert fetch(store, "select agreed_day_rate, convention_status, cumul_status from match where id = ?",
                 match_id) == [(300, "a_declarer", "demandee")]


def test_an_optional_select_is_emptied_only_by_choosing_not_set(store):
    caregiver_id, setting = fetch(store, "select id, practice_setting from caregiver where practice_setting is not "
                                         "null and not archived order by id limit 1")[0]
    at = open_caregiver(caregiver_id, "edit")
    form = f"caregiver_edit.{caregiver_id}"
    select = widget(at, form, "practice_setting")
    assert select.value == setting and select.proto.required and select.options[0] == t("form.unset")
    select.select("")
    at = submit_in(at, form)
    assert t("saved.caregiver") in shown_successes(at)
    assert fetch(store, "select practice_setting from caregiver where id = ?", caregiver_id) == [(None,)]


def test_a_day_rate_of_a_trillion_is_refused_under_its_field_and_everything_typed_stays(store):
    before = counts(store)
    at = open_full_intake()
    fill(at, INTAKE, call__summary="Accueil", caregiver__first_name="Inès", caregiver__last_name="Marchetti",
         caregiver__phone="0692 12 34 56", caregiver__profession="infirmier",
         caregiver__expected_day_rate="1000000000000")
    at = submit(at, t("calls.save"))
    assert not at.exception
    assert "Un tarif journalier ne dépasse pas 20\u202f000\u202f€ : vérifiez la saisie." in shown_errors(at)
    assert widget(at, INTAKE, "caregiver.expected_day_rate").value == "1000000000000"
    assert widget(at, INTAKE, "caregiver.first_name").value == "Inès"
    assert widget(at, INTAKE, "call.summary").value == "Accueil"
    assert counts(store) == before
    fill(at, INTAKE, caregiver__expected_day_rate="1 200,50")
    at = submit(at, t("calls.save"))
    assert any("arrondi à 1\u202f201\u202f€" in s for s in shown_successes(at))
    assert fetch(store, "select phone, expected_day_rate from caregiver where last_name = 'Marchetti'") == [
        ("+262692123456", 1201)]


def test_the_talent_pool_finds_a_caregiver_by_the_phone_as_the_app_shows_it(on_demo, sql):
    caregiver_id, phone = sql("select id, phone from caregiver where phone like '+336%' and not archived "
                              "order by id limit 1")[0]
    shown = validation.phone_display(phone)  # "06 12 34 56 78"
    for typed in (shown, shown.replace(" ", ""), phone):
        at = open_page("talent_pool", q=typed)
        listed = next(df.value for df in at.dataframe if "first_name" in df.value.columns)
        assert caregiver_id in set(listed.id), typed


def test_the_privacy_page_lists_what_erasure_will_change_elsewhere(store):
    caregiver_id, first, last, email = fetch(
        store, "select id, first_name, last_name, email from caregiver where email is not null order by id limit 1")[0]
    other = fetch(store, "select id from call where caregiver_id is null order by id limit 1")[0][0]
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        with db.raw(engine) as con:
            con.execute("update call set summary = ? where id = ?", [f"À rappeler : {first} {last}", other])
    finally:
        engine.dispose()
    at = open_page("privacy")
    at.text_input(key="privacy.search").input(email).run()
    assert "1 texte d'une autre fiche nomme cette personne" in " ".join(c.value for c in at.caption)
    plan = next(df.value for df in at.dataframe if "record" in df.value.columns)
    assert plan.record.tolist() == [f"Appel n° {other}"] and plan.found.tolist() == ["nom"]


def test_the_privacy_page_says_in_red_when_an_erasure_is_not_yet_written_into_the_file(store):
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        with db.raw(engine) as con:  # an erasure recorded, its rewrite never finished
            con.execute("insert into audit_event (id, occurred_at, actor_id, action, entity, entity_id) "
                        "values (nextval('audit_event_id_seq'), now(), 1, 'effacement', 'caregiver', 1)")
    finally:
        engine.dispose()
    import hyc.db

    original = hyc.db.rewrite
    hyc.db.rewrite = lambda _engine: (_ for _ in ()).throw(hyc.db.StoreError("occupée"))
    try:
        at = open_page("privacy")
    finally:
        hyc.db.rewrite = original
    assert any(e.startswith("Un effacement n'est pas encore inscrit dans le fichier") for e in shown_errors(at))
    next(b for b in at.button if b.key == "privacy.rewrite_pending").click()
    at.run()
    assert not any(e.startswith("Un effacement n'est pas encore inscrit") for e in shown_errors(at))


def test_the_english_interface_shows_the_domain_refusals_in_english(store):
    from streamlit.testing.v1 import AppTest

    from hyc import i18n
    from tests.pages.conftest import APP, TIMEOUT, signed_in_as

    at = signed_in_as(AppTest.from_file(APP, default_timeout=TIMEOUT), FOUNDER)
    at.session_state["lang"] = "en"  # chosen before the first run, as a person's choice is
    at.switch_page("pages/team.py")
    at.run()
    fill(at, "account_new", email="nadia@", password="court")
    at = submit(at, i18n.t("team.add", "en"))
    errors = shown_errors(at)
    assert "This e-mail address is not valid." in errors
    assert "This field is required." in errors  # the name, the role
    assert "The password must have at least 12 characters." in errors
    assert not any("Ce champ" in e or "Cette adresse" in e for e in errors)


def test_the_talent_pool_shows_a_caregiver_who_gave_no_missions_wanted_nor_rate(store):
    """A profile logged in a hurry (no missions wanted, no rate, no appetite) is listed and opens like any other."""
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        caregiver, _ = caregivers.create(engine, Actor(1, "fondateur"), {
            "first_name": "Agathe", "last_name": "Pressée", "email": "agathe.pressee@exemple.fr",
            "profession": "infirmier"}, today=TODAY)
    finally:
        engine.dispose()
    at = open_page("talent_pool", caregiver=str(caregiver.id))
    assert not at.exception
    listed = next(d.value for d in at.dataframe if "mission_types" in d.value.columns)
    row = listed[listed.id == caregiver.id].iloc[0]
    assert row.mission_types == "–" and row.missions_done == 0
    assert "Agathe Pressée" in [h.value.replace("\\", "") for h in at.subheader]


def test_a_caregiver_record_shows_the_team_s_notes_as_written_without_opening_the_edit_tab(store):
    notes = "Préfère être appelée le matin.\n*Pas* le lundi : <b>garde</b> [site](https://exemple.fr)"
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        caregiver, _ = caregivers.create(engine, Actor(1, "fondateur"), {
            "first_name": "Lina", "last_name": "Matinale", "email": "lina.matinale@exemple.fr",
            "profession": "sage_femme", "notes": notes}, today=TODAY)
    finally:
        engine.dispose()
    at = open_page("talent_pool", caregiver=str(caregiver.id))
    shown = [m.value for m in at.markdown if m.value.startswith(f"**{t('col.notes')}**")]
    assert len(shown) == 1
    # Every markdown character escaped (nothing bold, no link), each line kept as a line.
    assert re.sub(r"\\(.)", r"\1", shown[0]) == f"**{t('col.notes')}** : " + notes.replace("\n", "  \n")
    assert "\\*Pas\\*" in shown[0] and "\\[site\\]" in shown[0]


def test_a_match_with_no_agreed_terms_shows_empty_fields_not_nan(store):
    """Agreed days are a small numeric column (float32 in pandas): its missing value is no Python float, and the
    form showed "nan" in the field, refused on save."""
    match_id, request_id = fetch(store, """
        select id, request_id from match where agreed_days is null and agreed_day_rate is null
        and stage not in ('terminee', 'declinee', 'refusee', 'abandonnee') order by id limit 1""")[0]
    at = open_page("requests", request=str(request_id))
    pick_match(at, request_id, match_id)
    assert widget(at, f"match_terms.{match_id}", "agreed_days").value in (None, "")
    assert widget(at, f"match_terms.{match_id}", "agreed_day_rate").value in (None, "")


def test_a_match_says_the_date_by_which_to_declare_counting_the_14_july(store):
    """A mission starting Thursday 23 July 2026: eight working days before, over the 14 July, is Friday 10 July."""
    match_id, request_id = fetch(store, """
        select m.id, m.request_id from match m join request r on r.id = m.request_id
        join organisation o on o.id = r.organisation_id
        where o.makes_health_products and m.stage in ('contactee', 'interessee') order by m.id limit 1""")[0]
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("update match set mission_start = '2026-07-23', convention_status = 'a_declarer', "
                                 "agreed_day_rate = 300, agreed_days = 2 where id = ?", (match_id,))
    finally:
        engine.dispose()
    at = open_page("requests", request=str(request_id))
    pick_match(at, request_id, match_id)
    assert t("form.file_by.declaration", date="10/07/2026", start="23/07/2026") in [i.value for i in at.info]


def test_a_caregiver_proposed_on_a_request_starts_when_the_request_does(store):
    from hyc import matches
    from tests.helpers import FOUNDER
    request_id, start = fetch(store, "select id, start_date from request where status = 'en_recherche' "
                                     "and start_date is not null order by id limit 1")[0]
    caregiver_id = fetch(store, "select min(id) from caregiver where not archived and id not in "
                                "(select caregiver_id from match where request_id = ?)", request_id)[0][0]
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        [match] = matches.add_candidates(engine, FOUNDER, request_id, [caregiver_id])
    finally:
        engine.dispose()
    assert fetch(store, "select mission_start from match where id = ?", match.id) == [(start,)]


def test_a_save_is_confirmed_at_the_top_of_its_form_and_as_a_toast(store):
    """Not below a long form that has just emptied itself: the first thing in the form, and a toast."""
    request_id = fetch(store, "select min(id) from request where status = 'en_recherche' and not archived")[0][0]
    at = open_page("requests", request=str(request_id))
    fill(at, f"request_status.{request_id}", status="candidats_proposes")
    at = submit(at, t("form.change_status"))
    said = "Besoin passé à « Candidats proposés »."
    assert any(said in unescaped(toast.value) for toast in at.toast)
    form = next(f for f in at.get("form") if f.proto.form.form_id == f"request_status.{request_id}")

    def leaves(node):
        children = getattr(node, "children", None)
        if not children:
            yield node
            return
        for child in children.values():
            yield from leaves(child)

    first = next(leaves(form))
    assert first.type == "success" and said in unescaped(first.value)


# --- The quick intake -----------------------------------------------------------------------------------

QUICK = "call_quick"
QUICK_CALL = dict(caregiver__first_name="Ségolène", caregiver__last_name="Quibergeon",
                  caregiver__phone="06 98 76 54 32", caregiver__profession="medecin",
                  caregiver__specialty="cardiologie", caregiver__postcode="69003",
                  call__summary="Cardiologue, intéressée par du conseil", call__next_action="Envoyer la grille")


def test_the_quick_intake_keeps_a_caregiver_only_with_their_consent_and_writes_nothing_without(store):
    before = counts(store)
    at = open_page("call_log", MENTOR)  # the page opens on the quick intake
    fill(at, QUICK, **QUICK_CALL)
    at = submit(at, t("calls.save"))
    assert shown_errors(at) == [t("error.consent_before_keeping")]
    assert counts(store) == before
    assert widget(at, QUICK, "caregiver.last_name").value == "Quibergeon"  # what was typed stays

    fill(at, QUICK, intake__consent=True)
    at = submit(at, t("calls.save"))
    assert shown_errors(at) == []
    assert any("Appel enregistré. Soignant créé." in s for s in shown_successes(at))
    [(cid, phone, region, consent_date, method, basis)] = fetch(
        store, "select id, phone, region, consent_date, consent_method, lawful_basis from caregiver "
               "where last_name = 'Quibergeon'")
    assert (phone, region, consent_date, method, basis) == ("+33698765432", "84", TODAY, "oral_appel", "consentement")
    [call] = fetch(store, "select kind, member_id, summary, next_action, next_action_due from call "
                          "where caregiver_id = ?", cid)
    # The call is the mentor's, now; its next action falls due a week later unless another date was picked.
    assert call == ("accueil_soignant", MENTOR, "Cardiologue, intéressée par du conseil", "Envoyer la grille",
                    date.fromordinal(TODAY.toordinal() + 7))
    after = counts(store)
    assert (after["caregiver"] - before["caregiver"], after["call"] - before["call"]) == (1, 1)
    assert widget(at, QUICK, "caregiver.last_name").value is None  # emptied for the next call


def test_a_quick_intake_s_consent_dated_in_the_future_is_said_under_its_date(store):
    before = counts(store)
    at = open_page("call_log", MENTOR)
    fill(at, QUICK, **QUICK_CALL, intake__consent=True, caregiver__consent_date=date.fromordinal(TODAY.toordinal() + 3))
    at = submit(at, t("calls.save"))
    assert at.session_state[f"form_note.{QUICK}.errors"] == {"caregiver.consent_date": Message("error.consent_future")}
    assert shown_errors(at) == [t("error.consent_future")]
    assert counts(store) == before


def test_the_record_of_a_quick_intake_lists_what_is_missing_and_shows_no_na(store):
    at = open_page("call_log", MENTOR)
    fill(at, QUICK, **QUICK_CALL, intake__consent=True)
    at = submit(at, t("calls.save"))
    [(cid,)] = fetch(store, "select id from caregiver where last_name = 'Quibergeon'")
    at = open_page("talent_pool", MENTOR, caregiver=str(cid))
    assert not at.exception
    [notice] = [unescaped(i.value) for i in at.info if "Profil à compléter" in i.value]
    # Given: phone, specialty, postcode, consent. Missing: what a complete profile holds beyond them (a doctor: RPPS).
    expected = ["E-mail", "Mode d'exercice", "Années d'expérience", "Numéro RPPS", "Disponibilité (j/mois)",
                "Distance / site", "Missions souhaitées", "Appétence numérique", "Tarif souhaité (€ / jour)",
                "Statut juridique", "Mentor"]
    assert notice == t("record.missing", fields=", ".join(expected))
    text = " ".join(unescaped(m.value) for m in [*at.markdown, *at.caption, *at.info, *at.subheader])
    assert "<NA>" not in text and not re.search(r"\b(None|nan|NaT)\b", text)


def test_a_founder_backs_up_from_the_team_page_and_sees_the_last_backup(store, tmp_path, monkeypatch):
    monkeypatch.setenv("HYC_BACKUP_DIR", str(tmp_path / "backups"))
    at = open_page("team")
    assert t("team.backup_none", folder=str(tmp_path / "backups")) in [i.value for i in at.info]
    next(b for b in at.button if b.key == "team.backup").click().run()
    [folder] = list((tmp_path / "backups").iterdir())
    rows = json.loads((folder / "manifest.json").read_text())["tables"]
    assert rows["caregiver"] == counts(store)["caregiver"]
    [caption] = [c.value for c in at.caption if c.value.startswith("Dernière sauvegarde")]
    assert f"{sum(rows.values()):,}".replace(",", "\u202f") in caption and str(tmp_path / "backups") in caption
    assert fetch(store, "select actor_id from audit_event where action = 'backup'") == [(FOUNDER,)]
