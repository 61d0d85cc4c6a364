"""The RPPS checked against a small extract written here in the directory's layout."""

from __future__ import annotations

import zipfile

import pytest

from hyc import annuaire, validation
from hyc.audit import PermissionDenied, WriteError
from tests.conftest import TODAY, fetch
from tests.helpers import FOUNDER, MENTOR, new_caregiver

LIBERAL, SALARIE = "Libéral, indépendant, bénévole", "Salarié"


def rpps(base: str) -> str:
    return base + validation.luhn_key(base)


def extract_line(kind: str, identifier: str, profession: str, specialty: str, mode: str) -> str:
    """One activity line in the extract's layout: every column, the five the check reads filled in."""
    values = dict.fromkeys(annuaire.EXTRACT_HEADER, "")
    values.update({annuaire.TYPE_COLUMN: kind, annuaire.RPPS_COLUMN: identifier, "Nom d'exercice": "NOM",
                   annuaire.PROFESSION_COLUMN: profession, annuaire.SPECIALTY_COLUMN: specialty,
                   annuaire.MODE_COLUMN: mode, "Libellé commune (coord. structure)": "Lyon"})
    return "|".join(values[c] for c in annuaire.EXTRACT_HEADER) + "|"


def write_extract(path, lines) -> None:
    path.write_text("\n".join(["|".join(annuaire.EXTRACT_HEADER) + "|", *lines]) + "\n", encoding="utf-8")


@pytest.fixture
def people(engine):
    """Five caregivers with an RPPS, each meeting one case of the extract."""
    def person(n: int, **values):
        return new_caregiver(engine, email=f"annuaire{n}@exemple.fr", phone=f"06 72 00 00 0{n}",
                             rpps=rpps(f"19000000{n:02d}"), mentor_id=4, **values).id
    return {
        "agrees": person(1, specialty="cardiologie"),
        "profession": person(2, specialty="cardiologie"),
        "specialty": person(3, specialty="psychiatrie"),
        "several": person(4, specialty="pediatrie"),
        "unknown": person(5, profession="infirmier", specialty=None, practice_setting="liberal"),
    }


def lines_for(engine, people, *, profession_of_2="60"):
    r = {name: fetch(engine, "select rpps from caregiver where id = ?", cid)[0][0] for name, cid in people.items()}
    return [
        extract_line("8", r["agrees"], "10", "Cardiologie et maladies vasculaires", LIBERAL),
        extract_line("8", r["profession"], profession_of_2, "", SALARIE),
        extract_line("8", r["specialty"], "10", "Qualifié en Médecine Générale", LIBERAL),
        extract_line("8", r["several"], "10", "Qualifié en Médecine Générale", SALARIE),
        extract_line("8", r["several"], "10", "Pédiatrie", LIBERAL),
        extract_line("0", "751234567", "60", "", LIBERAL),  # ADELI: ignored, counted
        extract_line("8", rpps("1999999999"), "10", "Pédiatrie", LIBERAL),  # someone we do not know
    ]


def test_each_case_of_the_extract_is_found_compared_and_counted(engine, people, tmp_path):
    path = tmp_path / "PS_LibreAcces_Personne_activite_202611230000.txt"
    lines = lines_for(engine, people)
    write_extract(path, lines)
    done = annuaire.check(engine, FOUNDER, path, today=TODAY)
    with_rpps = fetch(engine, "select count(*) from caregiver where rpps is not null and erased_at is null")[0][0]
    assert (done.lines, done.adeli_lines, done.checked) == (len(lines), 1, with_rpps)
    assert (done.found, done.not_found) == (4, with_rpps - 4)
    rows = {cid: fetch(engine, "select found, profession_agrees, specialty_agrees, status, modes, checked_on "
                               "from rpps_check where caregiver_id = ?", cid)[0] for cid in people.values()}
    assert rows[people["agrees"]] == (True, True, True, "conforme", LIBERAL, TODAY)
    assert rows[people["profession"]][:4] == (True, False, None, "a_revoir")
    assert rows[people["specialty"]][:4] == (True, True, False, "a_revoir")
    assert rows[people["several"]] == (True, True, True, "conforme", f"{LIBERAL} ; {SALARIE}", TODAY)
    assert rows[people["unknown"]][:4] == (False, None, None, "a_revoir")
    review = annuaire.to_review(engine)
    assert set(people.values()) - set(review.caregiver_id) == {people["agrees"], people["several"]}
    assert done.to_review == len(review)
    assert fetch(engine, "select count(*) from audit_event where action = 'check' and entity = 'rpps_check'")[0][0] == 1


def test_accepting_updates_the_record_and_dismissing_holds_until_the_directory_changes(engine, people, tmp_path):
    path = tmp_path / "extract.txt"
    write_extract(path, lines_for(engine, people))
    annuaire.check(engine, FOUNDER, path, today=TODAY)
    assert annuaire.decide(engine, MENTOR, people["specialty"], True, today=TODAY) == {"specialty": "medecine_generale"}
    assert annuaire.decide(engine, MENTOR, people["profession"], True, today=TODAY) == {"profession": "infirmier",
                                                                                          "specialty": None}
    assert fetch(engine, "select profession, specialty from caregiver where id in (?, ?) order by id",
                 people["profession"], people["specialty"]) == [("infirmier", None), ("medecin", "medecine_generale")]
    with pytest.raises(WriteError, match="rien que la fiche puisse reprendre"):
        annuaire.decide(engine, MENTOR, people["unknown"], True, today=TODAY)
    assert annuaire.decide(engine, MENTOR, people["unknown"], False, today=TODAY) == {}
    with pytest.raises(WriteError, match="déjà été traité"):
        annuaire.decide(engine, MENTOR, people["unknown"], False, today=TODAY)
    events = fetch(engine, "select action, actor_id from audit_event where entity = 'rpps_check' "
                           "and entity_id is not null order by id")
    assert events == [("accept", MENTOR.id), ("accept", MENTOR.id), ("dismiss", MENTOR.id)]
    # The same extract again: the dismissal holds. The directory learns about the person: it is compared again.
    annuaire.check(engine, FOUNDER, path, today=TODAY)
    status = "select status from rpps_check where caregiver_id = ?"
    assert fetch(engine, status, people["unknown"])[0][0] == "ecartee"
    assert fetch(engine, status, people["profession"])[0][0] == "conforme"  # the record now says infirmier
    r5 = fetch(engine, "select rpps from caregiver where id = ?", people["unknown"])[0][0]
    write_extract(path, [*lines_for(engine, people), extract_line("8", r5, "60", "", LIBERAL)])
    annuaire.check(engine, FOUNDER, path, today=TODAY)
    assert fetch(engine, status, people["unknown"])[0][0] == "conforme"


def test_a_zip_from_the_open_data_site_is_read_and_another_file_is_refused(engine, people, tmp_path):
    inner = tmp_path / "PS_LibreAcces_Personne_activite_202611230000.txt"
    write_extract(inner, lines_for(engine, people))
    archive = tmp_path / "PS_LibreAcces_202611230000.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(inner, inner.name)
        z.writestr("PS_LibreAcces_Dipl_AutExerc_202611230000.txt", "autre|fichier\n")
    assert annuaire.check(engine, FOUNDER, archive, today=TODAY).found == 4
    other = tmp_path / "soignants.csv"
    other.write_text("Prénom;Nom\nA;B\n", encoding="utf-8")
    with pytest.raises(annuaire.NotTheExtract, match="Identifiant PP"):
        annuaire.check(engine, FOUNDER, other, today=TODAY)


def test_only_founders_run_the_check(engine, tmp_path):
    with pytest.raises(PermissionDenied):
        annuaire.check(engine, MENTOR, tmp_path / "x.txt", today=TODAY)
