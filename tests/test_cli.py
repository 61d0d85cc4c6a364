"""Command line: demo loading, and one clear sentence when the store is held by another process."""

import os
import subprocess
import sys
from pathlib import Path

from hyc import db, schema
from tests.test_db import hold_lock

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, db_path, stdin: str | None = None):
    env = {**os.environ, "HYC_DB": str(db_path)}
    return subprocess.run([sys.executable, "-m", "hyc", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, input=stdin)


def test_users_add_makes_the_first_account_a_founder_then_needs_one(tmp_path):
    path = tmp_path / "users.duckdb"
    first = run_cli("users", "add", "--email", "Ana@HYC.fr", "--name", "Ana Lopes", "--role", "lecteur",
                    "--password-stdin", db_path=path, stdin="un-mot-de-passe-42\n")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "Compte créé : Ana Lopes <ana@hyc.fr>, Fondateur·rice (premier compte de la base)."
    weak = run_cli("users", "add", "--email", "b@hyc.fr", "--name", "Bea", "--by", "ana@hyc.fr",
                   "--password-stdin", db_path=path, stdin="court\n")
    assert (weak.returncode, weak.stderr.strip()) == (1, "Le mot de passe doit compter au moins 12 caractères.")
    orphan = run_cli("users", "add", "--email", "b@hyc.fr", "--name", "Bea", "--password-stdin", db_path=path,
                     stdin="un-mot-de-passe-43\n")
    assert orphan.returncode == 1 and "--by" in orphan.stderr and "Traceback" not in orphan.stderr
    second = run_cli("users", "add", "--email", "b@hyc.fr", "--name", "Bea", "--by", "ana@hyc.fr",
                     "--password-stdin", db_path=path, stdin="un-mot-de-passe-43\n")
    assert second.returncode == 0 and second.stdout.strip() == "Compte créé : Bea <b@hyc.fr>, Mentor."
    listed = run_cli("users", "list", db_path=path)
    assert "ana@hyc.fr" in listed.stdout and "b@hyc.fr" in listed.stdout and "$argon2" not in listed.stdout


def test_demo_then_counts(tmp_path):
    path = tmp_path / "cli.duckdb"
    done = run_cli("demo", "--scale", "0.05", "--seed", "3", "--today", "2026-11-23", db_path=path)
    assert done.returncode == 0, done.stderr
    assert "Démo chargée" in done.stdout and done.stderr == ""
    engine = schema.open_store(f"duckdb:///{path}")
    caregivers = db.table_counts(engine)["caregiver"]
    engine.dispose()
    assert f"caregiver {caregivers}" in done.stdout
    listed = run_cli("counts", db_path=path)
    assert "caregiver" in listed.stdout and str(caregivers) in listed.stdout
    assert listed.stdout.startswith("Base de démonstration")  # a demo store says so


def test_init_creates_demo_data_only_in_an_empty_store(tmp_path):
    path = tmp_path / "init.duckdb"
    first = run_cli("init", "--demo-if-empty", "--scale", "0.05", db_path=path)
    assert first.returncode == 0 and "données de démonstration" in first.stdout
    second = run_cli("init", "--demo-if-empty", "--scale", "0.05", db_path=path)
    assert second.returncode == 0 and "Base prête" in second.stdout


def test_a_locked_store_is_one_sentence_and_exit_1(tmp_path):
    path = tmp_path / "held.duckdb"
    schema.open_store(f"duckdb:///{path}").dispose()
    holder = hold_lock(path)
    try:
        done = run_cli("demo", "--scale", "0.05", db_path=path)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(path) in lines[0] and f"processus {holder.pid}" in lines[0]


def test_a_store_with_data_is_not_overwritten_by_the_demo(tmp_path):
    path = tmp_path / "full.duckdb"
    assert run_cli("demo", "--scale", "0.05", db_path=path).returncode == 0
    again = run_cli("demo", "--scale", "0.05", db_path=path)
    assert again.returncode == 1 and "--reset" in again.stderr and "Traceback" not in again.stderr


def test_a_backup_asked_while_the_app_holds_the_store_says_the_app_makes_them(tmp_path):
    path = tmp_path / "held.duckdb"
    schema.open_store(f"duckdb:///{path}").dispose()
    holder = hold_lock(path)
    try:
        done = run_cli("backup", "--to", str(tmp_path / "b"), db_path=path)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert str(path) in line and "fait elle-même une sauvegarde chaque jour" in line and "page Équipe" in line
    assert not (tmp_path / "b").exists()


# The file's people agreed by e-mail on 1 October 2026 (said as a person types it).
CONSENT = ("--basis", "Consentement", "--consent-method", "e-mail", "--consent-date", "01/10/2026")


def _caregivers_file(folder: Path) -> Path:
    """Two good rows, a blank line and a refused phone, in Windows-1252 with semicolons."""
    path = folder / "soignants.csv"
    path.write_bytes("Prénom;Nom;E-mail;Téléphone;Métier\r\nAnne;Ébrard;anne.ebrard@exemple.fr;06 71 00 00 41;"
                     "Infirmière\r\n;;;;\r\nBob;Court;bob.court@exemple.fr;0612;Médecin\r\nCléo;Vidal;;"
                     "+33 6 71 00 00 42;Kiné\r\n".encode("cp1252"))
    return path


def _caregiver_count(path: Path) -> int:
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        return db.table_counts(engine)["caregiver"]
    finally:
        engine.dispose()


def test_an_import_with_a_refused_row_writes_nothing_but_its_report_and_exits_1(tmp_path):
    store = tmp_path / "s.duckdb"
    assert run_cli("demo", "--scale", "0.05", db_path=store).returncode == 0
    before = _caregiver_count(store)
    done = run_cli("import", "caregivers", str(_caregivers_file(tmp_path)), *CONSENT, db_path=store)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Créée : 2, Fusionnée : 0, Refusée : 1, Ligne vide : 1 (total 4 lignes)" in done.stdout
    assert "Rien n'a été enregistré" in done.stderr and "--partial" in done.stderr
    assert _caregiver_count(store) == before
    report = (tmp_path / "soignants.rapport.csv").read_text(encoding="utf-8-sig").splitlines()
    assert report[0] == "Ligne;Résultat;Nom;Fiche n°;Détail" and len(report) == 5
    assert report[3].startswith("4;Refusée;Bob Court;;Téléphone")

    partial = run_cli("import", "caregivers", str(_caregivers_file(tmp_path)), "--partial", *CONSENT, db_path=store)
    assert partial.returncode == 1 and "Import enregistré : 2 fiches créées, 0 complétée." in partial.stdout
    assert _caregiver_count(store) == before + 2
    # A file whose only row is refused, with --partial: nothing to write, and the command says so.
    refused = tmp_path / "refuses.csv"
    refused.write_bytes("Prénom;Nom;E-mail;Téléphone;Métier\r\nBob;Court;bob.court@exemple.fr;0612;Médecin\r\n"
                        .encode("cp1252"))
    nothing = run_cli("import", "caregivers", str(refused), "--partial", *CONSENT, db_path=store)
    assert "Import enregistré" not in nothing.stdout
    assert "Rien n'a été enregistré : aucune ligne acceptée." in nothing.stderr
    assert _caregiver_count(store) == before + 2


def test_an_import_asked_while_the_app_holds_the_store_points_to_the_app(tmp_path):
    path = tmp_path / "held.duckdb"
    schema.open_store(f"duckdb:///{path}").dispose()
    holder = hold_lock(path)
    try:
        done = run_cli("import", "caregivers", str(_caregivers_file(tmp_path)), *CONSENT, db_path=path)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "page « Imports »" in done.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "soignants.rapport.csv").exists()


def test_the_production_path_never_loads_demo_data_and_refuses_a_demo_password(tmp_path):
    """What "Going live" runs, in its order: init (no demo), the first founder, counts."""
    from hyc.accounts import DEMO_PASSWORDS
    path = tmp_path / "prod.duckdb"
    first = run_cli("init", db_path=path)
    assert first.returncode == 0 and "Base prête" in first.stdout
    demo_password = run_cli("users", "add", "--email", "claire.dubois@hackyourcare.fr", "--name", "Claire Dubois",
                            "--password-stdin", db_path=path, stdin=DEMO_PASSWORDS["fondateur"] + "\n")
    assert demo_password.returncode == 1 and "compte de démonstration" in demo_password.stderr
    founder = run_cli("users", "add", "--email", "ana@hyc.fr", "--name", "Ana Lopes", "--password-stdin",
                      db_path=path, stdin="un-mot-de-passe-42\n")
    assert founder.returncode == 0, founder.stderr
    counts = run_cli("counts", db_path=path)
    assert "démonstration" not in counts.stdout
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        rows = {name: n for name, n in db.table_counts(engine).items() if n}
        assert not db.holds_demo(engine)
    finally:
        engine.dispose()
    # One account and its creation in the audit log: not one demo row.
    assert rows == {"team_member": 1, "audit_event": 1}


def _file_with_a_wrong_guess(folder: Path) -> Path:
    """A French spreadsheet as the team gets them: Windows-1252, semicolons, and a yes/no column whose title
    ("Télétravail possible") makes it look like the work mode (remote / on site)."""
    path = folder / "recrues.csv"
    path.write_bytes("Prénom;Nom;Adresse e-mail;Tél.;Métier;Télétravail possible;TJM\r\n"
                     "Anne;Ébrard;anne.ebrard@exemple.fr;06 71 00 00 41;Infirmière;oui;350\r\n"
                     "Bob;Court;bob.court@exemple.fr;0612;Médecin;non;douze\r\n"
                     "Cléo;Vidal;;+33 6 71 00 00 42;Kiné;Oui;\r\n"
                     "Dan;Roy;dan.roy@exemple.fr;06 71 00 00 43;Ostéopathe;non;400\r\n".encode("cp1252"))
    return path


def _people(path: Path, emails_or_phones: tuple[str, ...]):
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        with db.raw(engine) as con:
            return con.execute(
                "select first_name, work_mode, lawful_basis, consent_method, consent_date from caregiver "
                "where email in (select unnest(?)) or phone in (select unnest(?)) order by first_name",
                [list(emails_or_phones), list(emails_or_phones)]).fetchall()
    finally:
        engine.dispose()


def test_a_column_guessed_wrong_is_left_out_and_the_good_rows_are_imported_under_the_stated_basis(tmp_path):
    from datetime import date

    store = tmp_path / "s.duckdb"
    assert run_cli("init", db_path=store).returncode == 0
    path = _file_with_a_wrong_guess(tmp_path)
    # No basis stated, and no column for it: nothing is read further, the option to give is named.
    bare = run_cli("import", "caregivers", str(path), db_path=store)
    assert bare.returncode == 1 and "--basis : " in bare.stderr and "Traceback" not in bare.stderr
    assert _caregiver_count(store) == 0
    # Imposed on the yes/no column, the work mode refuses every row, each with all its problems at once.
    imposed = run_cli("import", "caregivers", str(path), *CONSENT, "--map", "Télétravail possible=Distance / site",
                      db_path=store)
    assert imposed.returncode == 1 and "Refusée : 4" in imposed.stdout and _caregiver_count(store) == 0
    report = (tmp_path / "recrues.rapport.csv").read_text(encoding="utf-8-sig").splitlines()
    bob = next(line for line in report if "Bob Court" in line)
    assert all(part in bob for part in ("Distance / site", "Téléphone", "Tarif")), bob
    assert "Profession" in next(line for line in report if "Dan Roy" in line)
    # As guessed: the column is left out with the values that made it doubtful, and the two good rows written.
    guessed = run_cli("import", "caregivers", str(path), *CONSENT, "--partial", db_path=store)
    line = next(line for line in guessed.stdout.splitlines() if line.strip().startswith("Télétravail possible"))
    assert "(colonne ignorée)" in line and "Distance / site" in line and "« oui »" in line, guessed.stdout
    assert '--skip "Télétravail possible"' in guessed.stdout
    assert "Créée : 2, Fusionnée : 0, Refusée : 2" in guessed.stdout, guessed.stdout + guessed.stderr
    people = _people(store, ("anne.ebrard@exemple.fr", "+33671000042"))
    assert people == [("Anne", None, "consentement", "email", date(2026, 10, 1)),
                      ("Cléo", None, "consentement", "email", date(2026, 10, 1))]
    # Left out on purpose, the same file says so, and meets the two people already written.
    skipped = run_cli("import", "caregivers", str(path), "--basis", "intérêt légitime", "--skip", "télétravail "
                      "possible", "--partial", db_path=store)
    assert "laissée de côté à votre demande" in skipped.stdout and "Fusionnée : 2" in skipped.stdout
    unknown = run_cli("import", "caregivers", str(path), *CONSENT, "--map", "Couleur=phone", db_path=store)
    assert unknown.returncode == 1 and "pas de colonne « Couleur »" in unknown.stderr
