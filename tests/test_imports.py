"""Spreadsheet imports: messy files written here, a report that adds up, merges that only fill, all or nothing."""

from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pytest

from hyc import caregivers, exports, imports, privacy, progress, validation
from hyc.audit import PermissionDenied
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch
from tests.helpers import FOUNDER, MENTOR, READER, VALID_CAREGIVER, counts, new_caregiver


def rpps(base: str) -> str:
    """A valid RPPS: ten digits and their Luhn key."""
    return base + validation.luhn_key(base)


KNOWN_RPPS = VALID_CAREGIVER["rpps"]  # the caregiver put in the store first (new_caregiver)
NEW_RPPS = rpps("1000077777")
BAD_RPPS = rpps("1000088888")[:-1] + str((int(rpps("1000088888")[-1]) + 1) % 10)  # the key digit off by one
# What the team states for a whole file: the people it lists agreed by e-mail on 1 October 2026.
BASIS = imports.Basis("consentement", "email", date(2026, 10, 1))
FORMULA = '=HYPERLINK("http://exemple.fr";"clic")'

# The header as a French spreadsheet writes it: accents, odd capitals, "N°", a column the import does not know.
HEADER = ["PRÉNOM", "Nom de Famille", "Adresse E-mail", "Tél. portable", "Code Postal", "Métier", "Spécialité",
          "N° RPPS", "Date de consentement", "Mode de consentement", "TJM", "Couleur préférée"]

# (row cells, expected outcome): the outcomes are what the rules say, written before the import runs.
ROWS = [
    (["Émilie", "Garnier", "emilie.garnier@exemple.fr", "06 71 00 00 01", "31000", "Infirmière", "", "", "03/10/2026",
      "E-mail", "350", "bleu"], imports.CREATED),
    ([""] * 12, imports.BLANK),
    (["Hugo", "Lefèvre", "HUGO.LEFEVRE@Exemple.FR", "+33 6 71 00 00 02", "", "Kiné", "", "", "", "", "", ""],
     imports.CREATED),
    # The same person as the first row (e-mail in other capitals, name without accent): fills nothing; the file's
    # other phone is listed as not taken.
    (["Emilie", "GARNIER", "Emilie.Garnier@exemple.fr", "0033 6 71 00 00 09", "", "infirmier", "", "", "", "", "",
      ""], imports.MERGED),
    # The caregiver already in the store, by RPPS written with spaces: fills nothing that is set, lists the conflict.
    (["Amélie", "Rousseau", "", "", "", "Médecin", "Cardiologue", " ".join([KNOWN_RPPS[:4], KNOWN_RPPS[4:]]), "", "",
      "1200", ""], imports.MERGED),
    (["Paul", "Martin", "paul.martin@exemple.fr", "06.71.00.00.03", "", "Médecin", "Généraliste", BAD_RPPS, "", "",
      "", ""], imports.REJECTED),  # the RPPS key is wrong
    (["Inès", "Roux", "ines.roux@exemple.fr", "(+33) 6 71 00 00 04", "", "Sage-femme", "", NEW_RPPS, "31/02/2026",
      "Formulaire papier", "", ""], imports.REJECTED),  # 31 February
    ([FORMULA, "Dupont", "", "671000005", "69003", "Pharmacienne", "", "", "", "", "", ""], imports.CREATED),
    (["Zoé", "Blanc", "zoe.blanc@exemple.fr", "06 71 00 00 06", "", "Ostéopathe", "", "", "", "", "", ""],
     imports.REJECTED),  # not a profession of the vocabulary
    # The e-mail of row 2 and the phone of row 4: two different people, refused rather than guessed.
    (["Léa", "Mixte", "emilie.garnier@exemple.fr", "06 71 00 00 02", "", "Infirmière", "", "", "", "", "", ""],
     imports.REJECTED),
    (["Jean", "Sansnom", "", "", "", "Médecin", "", "", "", "", "", ""], imports.REJECTED),  # no e-mail, no phone
    (["", "", "", "", "", "", "", "", "", "", "", ""], imports.BLANK),
]


def csv_file(rows, *, encoding="cp1252", delimiter=";", header=HEADER) -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(f'"{c}"' if delimiter in c or '"' in c else c
                                                       for c in (cell.replace('"', '""') for cell in cells))
                                        for cells, _ in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def import_caregivers(engine, actor, sheet, fields, **options):
    """imports.run on a caregivers' file, under the file's stated BASIS unless told otherwise."""
    return imports.run(engine, actor, "caregivers", sheet, fields, today=TODAY, filename="f.csv",
                       **{"basis": BASIS} | options)


def sheet_of(data: bytes, name="soignants.csv"):
    sheet = imports.read(data, name)
    return sheet, imports.guess(sheet.headers, "caregivers")


@pytest.fixture
def stored(engine):
    """The store with one caregiver the file meets by RPPS (VALID_CAREGIVER: a cardiologist, rate 900 €)."""
    caregiver = new_caregiver(engine, years_experience=None)
    return engine, caregiver


def test_a_windows_1252_file_with_semicolons_and_a_french_header_is_read_and_guessed():
    sheet, fields = sheet_of(csv_file(ROWS))
    assert (sheet.encoding, sheet.delimiter) == ("Windows-1252", ";")
    assert sheet.headers[0] == "PRÉNOM"
    assert fields == ["first_name", "last_name", "email", "phone", "postcode", "profession", "specialty", "rpps",
                      "consent_date", "consent_method", "expected_day_rate", None]
    assert len(sheet.rows) == len(ROWS)


@pytest.mark.parametrize("delimiter", [",", "\t", "|"])
def test_other_delimiters_and_utf_8_read_the_same(delimiter):
    sheet, fields = sheet_of(csv_file(ROWS, encoding="utf-8-sig", delimiter=delimiter))
    assert (sheet.encoding, sheet.delimiter) == ("UTF-8", delimiter)
    assert sheet.rows[0][0] == "Émilie" and fields[5] == "profession"


def test_every_row_gets_its_outcome_and_the_counts_add_up_to_the_file(stored):
    engine, _ = stored
    data = csv_file(ROWS)
    sheet, fields = sheet_of(data)
    report = import_caregivers(engine, FOUNDER, sheet, fields, write=False)
    assert [line.outcome for line in report.lines] == [outcome for _, outcome in ROWS]
    assert [line.row for line in report.lines] == list(range(2, len(ROWS) + 2))
    file_rows = data.decode("cp1252").count("\r\n") - 1  # every line but the header
    assert sum(report.counts().values()) == file_rows == len(ROWS)
    frame = report.frame()
    reasons = dict(zip(frame.row, frame.details, strict=True))
    assert "RPPS" in reasons[7] and "clé" in reasons[7]
    assert "31/02/2026" in reasons[8]
    assert "Ostéopathe" in reasons[10] and "Profession" in reasons[10]
    assert "deux fiches" in reasons[11]
    assert "e-mail ou un téléphone" in reasons[12].lower() or "e-mail" in reasons[12]
    assert "ligne 2" in reasons[5] and "06 71 00 00 09" in reasons[5] and "Prénom" not in reasons[5]


def test_a_refused_row_writes_nothing_not_even_the_good_rows(stored):
    engine, _ = stored
    before = counts(engine)
    sheet, fields = sheet_of(csv_file(ROWS))
    report = import_caregivers(engine, FOUNDER, sheet, fields, write=True)
    assert report.rejected == 5 and not report.written
    assert counts(engine) == before


def test_partial_writes_the_created_and_merged_rows_only(stored):
    engine, known = stored
    before = counts(engine)["caregiver"]
    sheet, fields = sheet_of(csv_file(ROWS))
    report = import_caregivers(engine, MENTOR, sheet, fields, write=True,
                         partial=True)
    assert report.written
    created = sum(1 for _, outcome in ROWS if outcome == imports.CREATED)
    assert counts(engine)["caregiver"] == before + created
    # Row 2 and its duplicate row 5: one person, the first phone kept, the postcode's region derived.
    (emilie,) = fetch(engine, "select phone, region, consent_date, expected_day_rate, profession from caregiver "
                              "where email = 'emilie.garnier@exemple.fr'")
    assert emilie == ("+33671000001", "76", date(2026, 10, 3), 350, "infirmier")
    # The stored caregiver: her rate (900) kept against the file's 1 200, her empty experience left empty.
    (amelie,) = fetch(engine, "select expected_day_rate, specialty, row_version from caregiver where id = ?",
                      known.id)
    assert amelie == (900, "cardiologie", 1)
    (formula,) = fetch(engine, "select first_name, phone, region from caregiver where last_name = 'Dupont' "
                               "and first_name like '=%'")
    assert formula == (FORMULA, "+33671000005", "84")
    events = fetch(engine, "select actor_id, after from audit_event where action = 'import'")
    assert len(events) == 1 and events[0][0] == MENTOR.id and '"creee": 3' in events[0][1]
    lines = {line.row: line for line in report.lines}
    assert lines[2].record.id == fetch(engine, "select id from caregiver where email = ?",
                                       "emilie.garnier@exemple.fr")[0][0]


def test_a_merge_fills_only_the_empty_fields_of_a_stored_record(stored):
    engine, known = stored
    rows = [(["Amélie", "Rousseau", "", "", "", "Médecin", "", KNOWN_RPPS, "", "", "", ""], None)]
    header = HEADER[:11] + ["Années d'expérience"]
    rows[0][0][11] = "7"
    sheet, fields = sheet_of(csv_file(rows, header=header))
    report = import_caregivers(engine, FOUNDER, sheet, fields, write=True)
    assert report.counts()[imports.MERGED] == 1 and report.written
    (row,) = fetch(engine, "select years_experience, expected_day_rate, email, row_version from caregiver "
                           "where id = ?", known.id)
    assert row == (7, 900, "amelie.rousseau@exemple.fr", 2)
    assert "Années d'expérience" in report.frame().details[0] or "expérience" in report.frame().details[0]


def test_a_file_without_a_refusal_is_written_whole_and_once(engine):
    good = [row for row in ROWS if row[1] in (imports.CREATED, imports.MERGED, imports.BLANK)
            and "Rousseau" not in row[0]]
    sheet, fields = sheet_of(csv_file(good))
    before = counts(engine)["caregiver"]
    first = import_caregivers(engine, FOUNDER, sheet, fields, write=True)
    assert first.written and first.rejected == 0
    assert counts(engine)["caregiver"] == before + 3
    again = import_caregivers(engine, FOUNDER, sheet, fields, write=True)
    assert again.counts()[imports.CREATED] == 0 and counts(engine)["caregiver"] == before + 3


def test_an_excel_file_keeps_numbers_dates_and_formulas_as_typed(engine):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Prénom", "NOM", "Téléphone", "Profession", "Date du consentement", "Mode de consentement",
                  "Tarif journalier"])
    sheet.append(["Nadia", "Benali", 671000011, "Sage-femme", date(2026, 9, 14), "À l'oral, pendant un appel", 480])
    sheet.append([None] * 7)
    sheet.append(["=1+1", "Calcul", "+33671000012", "Pharmacien(ne)", "14/09/2026", "E-mail", "450.0"])
    for _ in range(3):  # formatted empty rows at the end of a sheet are not rows of the file
        sheet.append([None] * 7)
    buffer = io.BytesIO()
    book.save(buffer)
    read = imports.read(buffer.getvalue(), "Soignants.XLSX")
    fields = imports.guess(read.headers, "caregivers")
    assert fields == ["first_name", "last_name", "phone", "profession", "consent_date", "consent_method",
                      "expected_day_rate"]
    report = import_caregivers(engine, FOUNDER, read, fields, write=True)
    assert [line.outcome for line in report.lines] == [imports.CREATED, imports.BLANK, imports.CREATED]
    rows = fetch(engine, "select first_name, phone, consent_date, expected_day_rate from caregiver "
                         "where last_name in ('Benali', 'Calcul') and phone like '+3367100001%' order by phone")
    assert rows == [("Nadia", "+33671000011", date(2026, 9, 14), 480), ("=1+1", "+33671000012", date(2026, 9, 14), 450)]


def test_an_imported_formula_name_cannot_run_in_an_export(engine):
    sheet, fields = sheet_of(csv_file([row for row in ROWS if row[0][0] == FORMULA]))
    import_caregivers(engine, FOUNDER, sheet, fields, write=True)
    frame = __import__("pandas").DataFrame(fetch(engine, "select first_name from caregiver where first_name like '=%'"),
                                           columns=["first_name"])
    text = exports.csv_bytes(frame).decode("utf-8-sig")
    assert f"'{FORMULA}" in text.replace('""', '"')
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame)))
    cell = book.active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_a_mapping_without_names_or_with_a_field_twice_is_refused_before_any_row(engine):
    sheet, fields = sheet_of(csv_file(ROWS))
    with pytest.raises(FormInvalid) as refused:
        import_caregivers(engine, FOUNDER, sheet, [None, *fields[1:]],
                    write=True)
    assert "prénom" in refused.value.errors["mapping"]
    twice = list(fields)
    twice[11] = "email"
    with pytest.raises(FormInvalid) as refused:
        import_caregivers(engine, FOUNDER, sheet, twice, write=True)
    assert "deux colonnes" in refused.value.errors["mapping"]


def test_a_reader_cannot_import_and_a_mentor_cannot_import_organisations(engine):
    sheet, fields = sheet_of(csv_file(ROWS))
    with pytest.raises(PermissionDenied):
        import_caregivers(engine, READER, sheet, fields, write=False)
    org = imports.read(b"Organisation;Type\nAcme;Start-up\n", "o.csv")
    with pytest.raises(PermissionDenied):
        imports.run(engine, MENTOR, "organisations", org, ["name", "kind"], today=TODAY, filename="f", write=False)


ORG_HEADER = ["Entreprise", "Type", "Ville", "Site web", "Prénom du contact", "Nom du contact", "Fonction", "Email",
              "Téléphone"]


def test_organisations_with_their_contacts_one_organisation_per_name(engine):
    (existing_id, existing_name, existing_city), = fetch(engine, "select id, name, city from organisation "
                                                                 "where city is not null order by id limit 1")
    contacts_before = fetch(engine, "select count(*) from contact where organisation_id = ?", existing_id)[0][0]
    rows = [
        (["Neurodata", "Data & IA", "Lyon", "https://neurodata.fr", "Anne", "Morel", "CEO", "anne@neurodata.fr",
          "04 72 00 00 01"], imports.CREATED),
        (["NEURODATA", "", "", "", "Yann", "Caron", "CTO", "yann@neurodata.fr", ""], imports.MERGED),
        (["Neurodata", "", "Paris", "", "Anne", "Morel", "", "anne@neurodata.fr", ""], imports.MERGED),
        ([existing_name.upper(), "", "Ailleurs", "", "Rita", "Nouvelle", "", "rita@exemple.fr", ""], imports.MERGED),
        (["", "", "", "", "", "", "", "", ""], imports.BLANK),
        (["Sans Type", "", "", "", "", "", "", "", ""], imports.REJECTED),
        (["Mauvais site", "PME", "", "neurodata.fr", "", "", "", "", ""], imports.REJECTED),
        (["Contact incomplet", "PME", "", "", "", "Seul", "", "x@exemple.fr", ""], imports.REJECTED),
        (["=cmd|' /C calc'!A0", "Autre", "", "", "", "", "", "", ""], imports.CREATED),
    ]
    sheet = imports.read(csv_file(rows, header=ORG_HEADER, encoding="utf-8"), "orgs.csv")
    fields = imports.guess(sheet.headers, "organisations")
    assert fields == ["name", "kind", "city", "website", "contact_first_name", "contact_last_name", "contact_role",
                      "contact_email", "contact_phone"]
    report = imports.run(engine, FOUNDER, "organisations", sheet, fields, today=TODAY, filename="o.csv", write=True,
                         partial=True)
    assert [line.outcome for line in report.lines] == [outcome for _, outcome in rows]
    details = report.frame().details.tolist()
    assert "Paris" in details[2] and "Lyon" in details[2]  # the city kept, the file's listed
    assert existing_city in details[3] and "Ailleurs" in details[3]
    assert "Type" in details[5] and "site" in details[6].lower() and "Prénom" in details[7]
    assert fetch(engine, "select kind, city, website from organisation where name = 'Neurodata'") == [
        ("data_ia", "Lyon", "https://neurodata.fr")]
    people = fetch(engine, "select c.first_name, c.role, c.phone from contact c join organisation o "
                           "on o.id = c.organisation_id where o.name = 'Neurodata' order by c.id")
    assert people == [("Anne", "CEO", "+33472000001"), ("Yann", "CTO", None)]
    assert fetch(engine, "select count(*) from contact where organisation_id = ?", existing_id)[0][0] == \
        contacts_before + 1
    assert fetch(engine, "select city from organisation where id = ?", existing_id)[0][0] == existing_city


def test_an_unreadable_file_says_so(engine):
    with pytest.raises(imports.UnreadableFile):
        imports.read(b"PK\x03\x04 not a workbook", "x.xlsx")
    with pytest.raises(imports.UnreadableFile):
        imports.read(b"\n\nPrenom;Nom\n", "x.csv")


@pytest.mark.parametrize(("created", "merged", "fr_done", "fr_go", "en_done"), [
    (1, 1, "Import enregistré : 1 fiche créée, 1 complétée.", "Importer : 1 création, 1 fusion",
     "Import saved: 1 record created, 1 filled in."),
    (2, 0, "Import enregistré : 2 fiches créées, 0 complétée.", "Importer : 2 créations, 0 fusion",
     "Import saved: 2 records created, 0 filled in."),
    (1500, 3, "Import enregistré : 1\u202f500 fiches créées, 3 complétées.",
     "Importer : 1\u202f500 créations, 3 fusions", "Import saved: 1,500 records created, 3 filled in.")])
def test_what_an_import_did_is_said_with_its_plurals_in_each_language(created, merged, fr_done, fr_go, en_done):
    lines = [imports.Line(i, imports.CREATED) for i in range(created)]
    lines += [imports.Line(i, imports.MERGED) for i in range(merged)]
    report = imports.Report("caregivers", [*lines, imports.Line(0, imports.REJECTED)], written=True)
    assert report.said() == fr_done and report.said(done=False) == fr_go and report.said("en") == en_done
    assert report.wrote_rows
    assert not imports.Report("caregivers", [imports.Line(2, imports.REJECTED)], written=True).wrote_rows


def test_an_imported_person_is_kept_as_a_form_keeps_one(engine):
    """The bulk creation an import uses against the form's own (caregivers.create): the same stored values, the
    same onboarding track and where they stand on it, an audit event each with the same snapshot."""
    values = {"first_name": "Amélie", "last_name": "Rousseau", "postcode": "69003", "profession": "medecin",
              "specialty": "cardiologie", "expected_day_rate": 900}
    form_made, _ = caregivers.create(engine, FOUNDER, values | {
        "email": "forme@exemple.fr", "phone": "06 71 00 00 61", "lawful_basis": "consentement",
        "consent_method": "email", "consent_date": date(2026, 10, 1)}, today=TODAY)
    header = ["Prénom", "Nom", "E-mail", "Téléphone", "Code postal", "Métier", "Spécialité", "TJM"]
    person = ["Amélie", "Rousseau", "import@exemple.fr", "06 71 00 00 62", "69003", "Médecin", "Cardiologie", "900"]
    sheet, fields = sheet_of(csv_file([(person, None)], header=header))
    report = import_caregivers(engine, FOUNDER, sheet, fields, write=True)
    (imported_id,) = [line.record.id for line in report.lines]
    stored = fetch(engine, "select * exclude (id, email, phone, created_at, updated_at) "
                           "from caregiver where id in (?, ?) order by id", form_made.id, imported_id)
    assert stored[0] == stored[1]
    steps = "select step, status, changed_at from onboarding_step where caregiver_id = ? order by step"
    assert fetch(engine, steps, imported_id) == fetch(engine, steps, form_made.id) and fetch(engine, steps,
                                                                                            imported_id)
    place = "select * exclude (caregiver_id) from caregiver_progress where caregiver_id = ?"
    assert fetch(engine, place, imported_id) == fetch(engine, place, form_made.id) != []
    assert progress.drift(engine).empty
    event = "select action, actor_id, after from audit_event where entity = 'caregiver' and entity_id = ?"
    ((action, actor_id, after),) = fetch(engine, event, imported_id)
    ((_, _, form_after),) = fetch(engine, event, form_made.id)
    assert (action, actor_id) == ("create", FOUNDER.id)
    mine, theirs = json.loads(after), json.loads(form_after)
    different = {"id", "email", "phone"}
    assert mine.keys() == theirs.keys() and mine["id"] == imported_id and mine["email"] == "import@exemple.fr"
    assert {k: v for k, v in mine.items() if k not in different} == {
        k: v for k, v in theirs.items() if k not in different}


def test_a_file_is_kept_on_a_stated_basis_or_a_column_of_its_own_and_refused_without_one(engine):
    header = ["Prénom", "Nom", "E-mail", "Métier", "Base légale"]
    rows = [(["Anne", "Ébrard", "anne@exemple.fr", "Infirmière", "Intérêt légitime"], imports.CREATED),
            (["Bob", "Court", "bob@exemple.fr", "Médecin", ""], imports.CREATED),
            (["Cléo", "Vidal", "cleo@exemple.fr", "Kiné", "consentement"], imports.CREATED)]
    sheet, fields = sheet_of(csv_file(rows, header=header))
    with pytest.raises(FormInvalid) as bare:  # neither stated nor in the file's columns
        import_caregivers(engine, FOUNDER, sheet, fields[:4] + [None], basis=None, write=False)
    assert set(bare.value.errors) == {"lawful_basis"}
    with pytest.raises(FormInvalid) as half:  # consent stated without its date
        import_caregivers(engine, FOUNDER, sheet, fields, basis=imports.Basis("consentement", "email"), write=False)
    assert set(half.value.errors) == {"consent_date"}
    # The column alone: Bob has none and Cléo's consent has no date, each said on their own row.
    alone = import_caregivers(engine, FOUNDER, sheet, fields, basis=None, write=False)
    assert [line.outcome for line in alone.lines] == [imports.CREATED, imports.REJECTED, imports.REJECTED]
    assert "base légale" in alone.frame().details[1] and "accord daté" in alone.frame().details[2]
    done = import_caregivers(engine, FOUNDER, sheet, fields, write=True)
    assert [line.outcome for line in done.lines] == [outcome for _, outcome in rows]
    assert fetch(engine, "select first_name, lawful_basis, consent_method, consent_date from caregiver "
                         "where email like '%@exemple.fr' and first_name in ('Anne', 'Bob', 'Cléo') "
                         "order by first_name") == [
        ("Anne", "interet_legitime", None, None),
        ("Bob", BASIS.lawful_basis, BASIS.consent_method, BASIS.consent_date),
        ("Cléo", "consentement", BASIS.consent_method, BASIS.consent_date)]


def test_a_refused_row_says_all_its_problems_at_once(engine):
    """A cell that cannot be read (an unknown profession) no longer hides the form's rules on the others."""
    header = ["Prénom", "Nom", "E-mail", "Téléphone", "Métier", "Spécialité", "TJM"]
    rows = [(["", "Blanc", "zoe.blanc@", "0612", "Ostéopathe", "Cardiologie", "-5"], imports.REJECTED)]
    sheet, fields = sheet_of(csv_file(rows, header=header))
    (line,) = import_caregivers(engine, FOUNDER, sheet, fields, write=False).lines
    named = {str(detail).split(" : ")[0] for detail in line.details}
    assert named == {imports.field_label("caregivers", name) for name in (
        "first_name", "email", "phone", "profession", "expected_day_rate")}, line.details


def test_a_guessed_column_whose_values_do_not_fit_is_left_out_with_what_they_look_like(engine):
    header = ["Nom complet", "Mail", "Métier", "Télétravail possible", "Disponibilité"]
    rows = [([f"Personne {i}", f"p{i}@exemple.fr", "Infirmière", "oui" if i % 3 else "non", str(i)], None)
            for i in range(1, 11)]
    sheet = imports.read(csv_file(rows, header=header), "f.csv")
    proposed = imports.columns(sheet, "caregivers")
    assert [c.field for c in proposed] == ["full_name", "email", "profession", None,
                                           "availability_days_per_month"]
    doubt = proposed[3]
    assert doubt.doubtful and not any(c.doubtful for c in proposed if c is not doubt)
    said = str(doubt.reason)
    assert imports.field_label("caregivers", "work_mode") in said and "« oui »" in said and "« non »" in said
    assert "10 valeurs sur 10" in said, said
    # The person's choice is the last word: imposed, or left out.
    imposed = imports.columns(sheet, "caregivers", {"Télétravail possible": "work_mode", "Mail": None})
    assert [c.field for c in imposed][1:4] == [None, "profession", "work_mode"]
    # Two bad values among ten do not make a column doubtful: they are those rows' problems.
    rows[0][0][1], rows[1][0][1] = "pas un mail", "non plus"
    sheet = imports.read(csv_file(rows, header=header), "f.csv")
    assert imports.columns(sheet, "caregivers")[1].field == "email"


def test_an_import_never_creates_a_person_on_the_objection_list(engine):
    gone = new_caregiver(engine, email="parti@exemple.fr", phone="06 71 00 00 71", rpps=None)
    privacy.erase(engine, FOUNDER, gone.id, reason="opposition")
    new_caregiver(engine, email="reste@exemple.fr", phone=None, rpps=None)
    header = ["Prénom", "Nom", "E-mail", "Téléphone", "Métier"]
    rows = [(["Re", "Venu", "autre@exemple.fr", "+33 6 71 00 00 71", "Infirmière"], imports.REJECTED),
            (["Nou", "Velle", "nouvelle@exemple.fr", "", "Infirmière"], imports.CREATED),
            # Someone in the store, whose empty phone the file would fill with the number of the one who objected.
            (["Amélie", "Rousseau", "reste@exemple.fr", "06 71 00 00 71", ""], imports.REJECTED)]
    sheet, fields = sheet_of(csv_file(rows, header=header))
    report = import_caregivers(engine, FOUNDER, sheet, fields, write=False)
    assert [line.outcome for line in report.lines] == [outcome for _, outcome in rows]
    assert report.lines[0].details == report.lines[2].details == [privacy.Objected().message]
