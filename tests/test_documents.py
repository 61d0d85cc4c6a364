"""The convention, the Ordre's filing and the mission letter drafted from a match's terms (hyc.exchange.documents):
every figure read back from the Word files, computed here from the inputs and the rules as the law states them
(8 working days counted back over French public holidays, two calendar months), never copied from the app; each
generation audited, marked out of date once the terms change, and nothing of it that erasure would have to find."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

import docx
import holidays
import pytest
from dateutil.relativedelta import relativedelta

from hyc import accounts, audit, matches, models, organisations, privacy, requests, schema
from hyc.audit import Actor
from hyc.exchange import documents
from tests.conftest import TODAY, fetch
from tests.helpers import FOUNDER, MENTOR, VALID_CAREGIVER, VALID_ORGANISATION, VALID_REQUEST, new_caregiver

NNBSP = "\u202f"  # what French writes between thousands and before "€"


@pytest.fixture
def engine(tmp_path):
    """An empty store with its first founder (id 1, the helpers' FOUNDER): quick, and every row the test's own."""
    engine = schema.open_store(f"duckdb:///{tmp_path / 'documents.duckdb'}")
    accounts.create(engine, None, {"full_name": "Claire Dubois", "email": "claire@hackyourcare.fr",
                                   "role": "fondateur", "password": "premier-compte-2026"})
    yield engine
    engine.dispose()


def euros(amount: float) -> str:
    """1 250 €, 62,50 € (cents only when there are some): written here, not by the app."""
    text = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return text.replace(",", NNBSP).replace(".", ",") + NNBSP + "€"


def declaration_deadline(start: date) -> date:
    """8 working days before the first benefit: Monday to Friday, French public holidays not counted."""
    french = holidays.France(years=range(start.year - 1, start.year + 1))
    day, left = start, 8
    while left:
        day -= timedelta(days=1)
        if day.weekday() < 5 and day not in french:
            left -= 1
    return day


def match_with_terms(engine, *, org_name: str, rate: int, days: float, start: date, makes: bool = True,
                     **caregiver) -> models.Match:
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": org_name, "city": "Lyon",
                                                                      "makes_health_products": makes})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    person = new_caregiver(engine, **({"mentor_id": None} | caregiver))
    [match] = matches.add_candidates(engine, FOUNDER, request.id, [person.id])
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {
        "agreed_day_rate": str(rate), "agreed_days": str(days).replace(".", ","), "mission_start": start},
        expected_version=match.row_version)
    return match


def text_of(content: bytes) -> str:
    """Everything a reader of the Word file sees: paragraphs, tables, headers and footers."""
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def drafted(engine, match_id: int, today: date = TODAY) -> dict[str, str]:
    return {kind: text_of(documents.generate(engine, FOUNDER, match_id, kind, today=today))
            for kind in documents.KINDS}


DOCTOR = {"first_name": "Amélie", "last_name": "Rousseau", "rpps": VALID_CAREGIVER["rpps"]}
REFERENCES = ("L.1453-3 à L.1453-12", "décret n° 2020-730", "arrêté du 7 août 2020")


def test_a_declaration_the_three_drafts_say_every_figure_and_the_deadline_over_a_public_holiday(engine):
    # 500 € × 2,5 days: 62,50 € an hour, 250 € a half-day, 1 250 € in all, under 200 € / 800 € / 2 000 €.
    rate, days, start = 500, 2.5, date(2027, 5, 12)
    match = match_with_terms(engine, org_name="Dupont & Fils Médical", rate=rate, days=days, start=start,
                             practice_setting="liberal")
    deadline = declaration_deadline(start)
    assert deadline == date(2027, 4, 29)  # Ascension, Thursday 6 May 2027, is not a working day
    docs = drafted(engine, match.id)
    for kind, text in docs.items():
        assert "Projet à relire" in text, kind
        for value in ("Dupont & Fils Médical", "Amélie Rousseau", "Médecin", start.strftime("%d/%m/%Y"),
                      euros(rate), euros(rate * days), "2,5 jours", deadline.strftime("%d/%m/%Y")):
            assert value in text, (kind, value)
    convention, filing, letter = (docs[k] for k in documents.KINDS)
    assert f"numéro RPPS {DOCTOR['rpps']}" in convention and DOCTOR["rpps"] in filing
    assert "soumise à déclaration" in convention and "autorisation préalable" not in convention
    assert all(reference in convention for reference in REFERENCES)
    assert "Transparence Santé" in convention and "Transparence Santé" in letter
    assert "Déclaration d'une convention" in filing and "Régime\nDéclaration" in filing
    assert f"{euros(rate / 8)} de l'heure" in filing and f"{euros(rate / 2)} la demi-journée" in filing
    assert f"{euros(200)} par heure, {euros(800)} par demi-journée, {euros(2000)} par convention" in filing
    assert "Seuils atteints" not in filing and "cumul" not in convention  # a liberal doctor, under every threshold
    assert "Bonjour Amélie," in letter and "Claire Dubois, pour Hack Your Care" in letter


def test_an_authorisation_two_calendar_months_the_threshold_crossed_and_the_cumul_of_a_hospital_doctor(engine):
    rate, days, start = 900, 3, date(2027, 8, 31)
    match = match_with_terms(engine, org_name="Cardiotech", rate=rate, days=days, start=start,
                             practice_setting="hopital_public")
    deadline = start - relativedelta(months=2)
    assert deadline == date(2027, 6, 30)  # calendar months: 31 August → 30 June, not 61 days (1 July)
    docs = drafted(engine, match.id)
    convention, filing, letter = (docs[k] for k in documents.KINDS)
    for kind, text in docs.items():
        for value in ("Projet à relire", "Cardiotech", "Amélie Rousseau", "31/08/2027", euros(rate),
                      euros(rate * days), "3 jours", deadline.strftime("%d/%m/%Y")):
            assert value in text, (kind, value)
    assert "l'autorisation préalable" in convention and "soumise à déclaration" not in convention
    assert f"{euros(rate)} × 3 jours = {euros(rate * days)} ≥ {euros(2000)} par convention" in convention
    assert "Demande d'autorisation d'une convention" in filing and "Régime\nAutorisation préalable" in filing
    assert "deux mois" in filing and "dépassée" not in filing
    # A public-hospital doctor: the employer's cumul authorisation, in all three.
    assert "autorisation de cumul" in convention and "autorisation de cumul" in filing
    assert "autorisation de cumul" in letter and "doit être autorisée au préalable" in letter


def test_the_filing_says_when_its_date_is_past_and_the_earliest_start_a_request_made_that_day_allows(engine):
    match = match_with_terms(engine, org_name="Cardiotech", rate=900, days=3, start=date(2027, 8, 31))
    today = date(2027, 7, 15)
    filing = text_of(documents.generate(engine, FOUNDER, match.id, "declaration_ordre", today=today))
    earliest = today  # the first start whose latest filing, two calendar months before it, is not past
    while earliest - relativedelta(months=2) < today:
        earliest += timedelta(days=1)
    assert "cette date est dépassée au 15/07/2027" in filing
    assert f"un début au plus tôt le {earliest:%d/%m/%Y}" in filing


def test_a_student_gets_the_student_thresholds_where_a_professional_would_only_declare(engine):
    # 300 € × 3 = 900 €: under the professionals' 2 000 €, at or above the students' 800 €.
    rate, days, start = 300, 3, date(2027, 3, 15)
    match = match_with_terms(engine, org_name="Neuro Start", rate=rate, days=days, start=start,
                             first_name="Jules", last_name="Marchand", email="jules.marchand@exemple.fr",
                             phone="06 98 76 54 32", profession="etudiant_sante", rpps=None,
                             practice_setting="interne_etudiant")
    deadline = start - relativedelta(months=2)
    docs = drafted(engine, match.id)
    convention, filing, letter = (docs[k] for k in documents.KINDS)
    for kind, text in docs.items():
        for value in ("Projet à relire", "Jules Marchand", "Étudiant(e) en santé", euros(rate), euros(rate * days),
                      "15/03/2027", deadline.strftime("%d/%m/%Y")):
            assert value in text, (kind, value)
    assert f"{euros(80)} par heure, {euros(320)} par demi-journée, {euros(800)} par convention" in filing
    assert "pour les étudiants" in convention and "l'autorisation préalable" in convention
    assert f"= {euros(900)} ≥ {euros(800)} par convention" in filing
    assert "RPPS" not in convention and "Numéro RPPS\nnon renseigné" in filing  # none known: none written
    assert "cumul" not in convention


def test_each_generation_is_recorded_and_audited_without_a_name_or_a_file(engine):
    match = match_with_terms(engine, org_name="Cardiotech", rate=900, days=3, start=date(2027, 8, 31))
    before = fetch(engine, "select count(*) from audit_event")[0][0]
    drafted(engine, match.id)
    rows = fetch(engine, """select kind, member_id, agreed_day_rate, agreed_days, mission_start, regime
                            from match_document where match_id = ? order by id""", match.id)
    assert rows == [(kind, 1, 900, 3.0, date(2027, 8, 31), "autorisation") for kind in documents.KINDS]
    events = fetch(engine, """select actor_id, action, entity, entity_id, after from audit_event
                              where action = 'document' order by id""")
    assert fetch(engine, "select count(*) from audit_event")[0][0] == before + 3
    assert [(a, act, e, i) for a, act, e, i, _ in events] == [(1, "document", "match", match.id)] * 3
    assert [json.loads(after)["document"] for *_, after in events] == list(documents.KINDS)
    assert json.loads(events[0][-1]) | {"document": None} == {
        "document": None, "agreed_day_rate": 900, "agreed_days": 3.0, "mission_start": "2027-08-31"}
    # Nothing the person could be found by: no name in the rows or their audit copies.
    stored = json.dumps(fetch(engine, "select * from match_document"), default=str)
    stored += "".join(after for *_, after in events)
    assert "Rousseau" not in stored and "Amélie" not in stored and VALID_CAREGIVER["rpps"] not in stored


def test_a_document_drafted_before_the_terms_changed_is_out_of_date_and_up_to_date_again_if_they_come_back(engine):
    match = match_with_terms(engine, org_name="Cardiotech", rate=900, days=3, start=date(2027, 8, 31))
    documents.record(engine, FOUNDER, match.id, "convention")  # what the interface's button records
    [first] = documents.generated(engine, match.id).itertuples()
    assert first.current and first.member == "Claire Dubois"
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"agreed_day_rate": "950"},
                                    expected_version=match.row_version)
    assert documents.generated(engine, match.id).current.tolist() == [False]
    documents.generate(engine, FOUNDER, match.id, "convention", today=TODAY)
    listed = documents.generated(engine, match.id)
    assert listed.agreed_day_rate.tolist() == [950, 900] and listed.current.tolist() == [True, False]
    # A new start date is new terms too; back to the first terms, the first draft is current again.
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"mission_start": date(2027, 9, 6)},
                                    expected_version=match.row_version)
    assert documents.generated(engine, match.id).current.tolist() == [False, False]
    matches.update_terms(engine, FOUNDER, match.id, {"agreed_day_rate": "900", "mission_start": date(2027, 8, 31)},
                         expected_version=match.row_version)
    assert documents.generated(engine, match.id).current.tolist() == [False, True]


def test_without_terms_or_without_health_products_or_rights_nothing_is_drafted_nor_recorded(engine):
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"makes_health_products": False})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    [match] = matches.add_candidates(engine, FOUNDER, request.id, [new_caregiver(engine, mentor_id=None).id])
    assert documents.kinds_for(False) == ("lettre_mission",)
    with pytest.raises(documents.TermsUnknown):
        documents.generate(engine, FOUNDER, match.id, "lettre_mission", today=TODAY)
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"agreed_day_rate": "600", "agreed_days": "2"},
                                    expected_version=match.row_version)
    for kind in documents.ANTI_GIFT_KINDS:  # no health product: no anti-gift convention, no Ordre
        with pytest.raises(documents.NotApplicable):
            documents.generate(engine, FOUNDER, match.id, kind, today=TODAY)
    for who in (MENTOR, Actor(3, "lecteur", "Léa Fontaine")):
        with pytest.raises(audit.PermissionDenied):
            documents.generate(engine, who, match.id, "lettre_mission", today=TODAY)
    assert fetch(engine, "select count(*) from match_document")[0][0] == 0
    assert fetch(engine, "select count(*) from audit_event where action = 'document'")[0][0] == 0
    letter = text_of(documents.generate(engine, FOUNDER, match.id, "lettre_mission", today=TODAY))
    assert "anti-cadeaux" not in letter and f"{euros(1200)} au total" in letter and "[date à préciser]" in letter


def test_erasure_keeps_the_generations_which_name_nobody_and_the_export_lists_them(engine):
    match = match_with_terms(engine, org_name="Cardiotech", rate=900, days=3, start=date(2027, 8, 31))
    drafted(engine, match.id)
    rows = fetch(engine, "select * from match_document order by id")
    archive = privacy.export(engine, FOUNDER, match.caregiver_id)
    exported = json.loads(zipfile.ZipFile(io.BytesIO(archive)).read("donnees.json"))
    assert [d["kind"] for d in exported["match_document"]] == list(documents.KINDS)
    privacy.erase(engine, FOUNDER, match.caregiver_id)
    assert fetch(engine, "select * from match_document order by id") == rows
    assert documents.generated(engine, match.id).current.tolist() == [True] * 3
    # A download after the erasure says the erased record, not the person.
    letter = text_of(documents.draft(engine, match.id, "lettre_mission", today=TODAY, by="Claire Dubois"))
    assert "Rousseau" not in letter and "Personne" in letter


def test_a_store_made_before_step_19_gets_the_table(tmp_path):
    engine = schema.open_store(f"duckdb:///{tmp_path / 'old.duckdb'}")
    try:
        with engine.begin() as conn:  # as a store at step 18 was: no table, no step 19
            conn.exec_driver_sql("drop table match_document")
            conn.exec_driver_sql("delete from schema_version where version >= 19")
        assert schema.upgrade(engine)[0] == 19
        assert fetch(engine, "select count(*) from match_document") == [(0,)]
    finally:
        engine.dispose()
