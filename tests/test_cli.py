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
    done = run_cli("import", "caregivers", str(_caregivers_file(tmp_path)), db_path=store)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Créée : 2, Fusionnée : 0, Refusée : 1, Ligne vide : 1 (total 4 lignes)" in done.stdout
    assert "Rien n'a été enregistré" in done.stderr and "--partial" in done.stderr
    assert _caregiver_count(store) == before
    report = (tmp_path / "soignants.rapport.csv").read_text(encoding="utf-8-sig").splitlines()
    assert report[0] == "Ligne;Résultat;Nom;Fiche n°;Détail" and len(report) == 5
    assert report[3].startswith("4;Refusée;Bob Court;;Téléphone")

    partial = run_cli("import", "caregivers", str(_caregivers_file(tmp_path)), "--partial", db_path=store)
    assert partial.returncode == 1 and "Import enregistré : 2 fiches créées, 0 complétée." in partial.stdout
    assert _caregiver_count(store) == before + 2
    # A file whose only row is refused, with --partial: nothing to write, and the command says so.
    refused = tmp_path / "refuses.csv"
    refused.write_bytes("Prénom;Nom;E-mail;Téléphone;Métier\r\nBob;Court;bob.court@exemple.fr;0612;Médecin\r\n"
                        .encode("cp1252"))
    nothing = run_cli("import", "caregivers", str(refused), "--partial", db_path=store)
    assert "Import enregistré" not in nothing.stdout
    assert "Rien n'a été enregistré : aucune ligne acceptée." in nothing.stderr
    assert _caregiver_count(store) == before + 2


def test_an_import_asked_while_the_app_holds_the_store_points_to_the_app(tmp_path):
    path = tmp_path / "held.duckdb"
    schema.open_store(f"duckdb:///{path}").dispose()
    holder = hold_lock(path)
    try:
        done = run_cli("import", "caregivers", str(_caregivers_file(tmp_path)), db_path=path)
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
