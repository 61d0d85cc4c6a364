"""Command line: python -m hyc init | demo | counts | users add | users list | backup | restore | import | annuaire.

Errors a person can act on (a locked store, a non-empty store) are one sentence on stderr and exit
status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from datetime import date, datetime
from pathlib import Path

from hyc import (
    accounts,
    annuaire,
    audit,
    backups,
    config,
    db,
    demo,
    exports,
    i18n,
    imports,
    privacy,
    reads,
    schema,
    vocab,
)
from hyc.audit import Actor, WriteError
from hyc.models import PARIS
from hyc.validation import FormInvalid


def _init(args: argparse.Namespace) -> int:
    engine = schema.open_store()
    try:
        if privacy.finish_rewrite(engine):
            print("Réécriture du fichier terminée : un effacement l'attendait depuis un arrêt brutal.")
        if args.demo_if_empty and sum(db.table_counts(engine).values()) == 0:
            started = time.perf_counter()
            counts = demo.build(engine, scale=args.scale, seed=args.seed)
            print(f"Base créée avec des données de démonstration ({counts['caregiver']} soignants) "
                  f"en {time.perf_counter() - started:.1f} s : {config.load().db_path}")
        else:
            print(f"Base prête : {config.load().db_path}")
    finally:
        engine.dispose()
    return 0


def _demo(args: argparse.Namespace) -> int:
    engine = schema.open_store()
    try:
        started = time.perf_counter()
        counts = demo.build(engine, scale=args.scale, seed=args.seed, today=args.today, reset=args.reset)
        elapsed = time.perf_counter() - started
    finally:
        engine.dispose()
    summary = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"Démo chargée en {elapsed:.1f} s (échelle {args.scale:g}, graine {args.seed}) : {summary}")
    return 0


def _counts(_args: argparse.Namespace) -> int:
    engine = schema.open_store()
    try:
        if db.holds_demo(engine):
            print("Base de démonstration : soignants et comptes inventés (mots de passe du README).")
        for name, n in db.table_counts(engine).items():
            print(f"{name:20} {n:>10}")
    finally:
        engine.dispose()
    return 0


def _backup(args: argparse.Namespace) -> int:
    engine = _open_or_point_to_app("error.backup_while_running")  # the app runs: it makes the backups itself
    if engine is None:
        return 1
    try:
        made = backups.backup(engine, Path(args.to or config.load().backup_dir), datetime.now(PARIS))
    finally:
        engine.dispose()
    rows = sum(made.counts.values())
    print(f"Sauvegarde écrite : {made.folder} ({rows} lignes, {made.size_bytes / 1e6:.1f} Mo, "
          f"schéma v{made.schema_version})")
    return 0


def _restore(args: argparse.Namespace) -> int:
    engine = schema.open_store()
    try:
        compared = backups.restore(engine, Path(args.folder))
    finally:
        engine.dispose()
    for name, (kept, back) in compared.items():
        note = "" if kept == back else "  (doublons mis de côté par les étapes de mise à jour : voir le journal)"
        print(f"{name:20} {kept:>10} → {back:>10}{note}")
    print(f"Sauvegarde restaurée dans {config.load().db_path}")
    return 0


def _open_or_point_to_app(while_running: str):
    """The store, or None after saying (on stderr) that the running app holds it and where to do the work there."""
    try:
        return schema.open_store()
    except db.StoreLocked as exc:
        print(f"{exc} {i18n.Message(while_running)}", file=sys.stderr)
        return None


# Where the command line's words for a file's basis go, to name the option a refusal is about.
_BASIS_OPTIONS = {"lawful_basis": "--basis", "consent_method": "--consent-method", "consent_date": "--consent-date"}


def _refused(exc: FormInvalid) -> int:
    for name, problem in exc.errors.items():
        print(f"{_BASIS_OPTIONS[name]} : {problem}" if name in _BASIS_OPTIONS else str(problem), file=sys.stderr)
    return 1


def _import(args: argparse.Namespace) -> int:
    """Import a CSV or Excel file; the report goes beside it. Nothing is written while a row is refused, unless
    --partial; the exit status is 1 when a row is refused."""
    path = Path(args.file)
    try:
        sheet = imports.read(path.read_bytes(), path.name)
    except (OSError, imports.UnreadableFile) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        columns = imports.columns(sheet, args.kind, imports.chosen(sheet, args.kind, args.map, args.skip))
        basis = imports.stated_basis(args.basis, args.consent_method, args.consent_date)
    except FormInvalid as exc:
        return _refused(exc)
    print("Colonnes :")
    for column in columns:
        label = imports.field_label(args.kind, column.field) if column.field else "(colonne ignorée)"
        print(f"  {column.header or '(sans titre)'} → {label} : {column.reason}")
    if doubtful := [column.header for column in columns if column.doubtful]:
        print(f'  Pour imposer un champ : --map "{doubtful[0]}=champ" ; pour confirmer : --skip "{doubtful[0]}".')
    engine = _open_or_point_to_app("error.import_while_running")
    if engine is None:
        return 1
    try:
        actor = _founder(engine, args.by) if args.by else audit.COMMAND_LINE
        report = imports.run(engine, actor, args.kind, sheet, [column.field for column in columns],
                             today=args.today or date.today(), filename=path.name, write=True, partial=args.partial,
                             basis=basis)
    except FormInvalid as exc:
        return _refused(exc)
    finally:
        engine.dispose()
    target = path.with_name(f"{path.stem}.rapport.csv")
    target.write_bytes(exports.csv_bytes(imports.report_table(report)))
    counts = report.counts()
    print(", ".join(f"{i18n.t(f'import.outcome.{outcome}')} : {counts[outcome]}" for outcome in imports.OUTCOMES)
          + f" (total {len(report.lines)} lignes)")
    if report.wrote_rows:
        print(f"{report.said()} Rapport complet : {target}")
    elif report.written:
        print(f"{i18n.t('imports.nothing_written')} Rapport complet : {target}", file=sys.stderr)
    else:
        print(f"Rien n'a été enregistré : {counts[imports.REJECTED]} ligne(s) refusée(s). Corrigez-les, ou relancez "
              f"avec --partial pour enregistrer les autres. Rapport complet : {target}", file=sys.stderr)
    return 1 if counts[imports.REJECTED] else 0


def _annuaire(args: argparse.Namespace) -> int:
    """Check every caregiver's RPPS against the Annuaire Santé extract (or the zip holding it)."""
    engine = _open_or_point_to_app("error.import_while_running")
    if engine is None:
        return 1
    started = time.perf_counter()
    try:
        done = annuaire.check(engine, None, Path(args.file), today=args.today or date.today())
    except (OSError, annuaire.NotTheExtract) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"{done.lines} lignes lues en {time.perf_counter() - started:.1f} s ({done.adeli_lines} lignes ADELI "
          f"ignorées). {done.checked} soignants avec un RPPS : {done.found} trouvés, {done.not_found} absents de "
          f"l'annuaire ; {done.to_review} désaccords à revoir (page Imports, onglet Annuaire santé).")
    return 0


def _users_add(args: argparse.Namespace) -> int:
    """Create an account; the password is asked twice on the terminal (or read from stdin), never echoed."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mot de passe (12 caractères au moins) : ")
        if getpass.getpass("Le même, encore : ") != password:
            print("Les deux mots de passe diffèrent : rien n'a été créé.", file=sys.stderr)
            return 1
    try:
        accounts.check_password(password)
    except FormInvalid as exc:
        print(exc.errors["password"], file=sys.stderr)
        return 1
    engine = schema.open_store()
    try:
        first = db.scalar(engine, "select count(*) from team_member") == 0
        founder = None if first else _founder(engine, args.by)
        member = accounts.create(engine, founder, {"full_name": args.name, "email": args.email,
                                                   "role": args.role, "password": password})
    except FormInvalid as exc:
        print(" ".join(f"{name} : {message}" for name, message in exc.errors.items()), file=sys.stderr)
        return 1
    except WriteError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    role = vocab.ROLES.label(member.role)
    print(f"Compte créé : {member.full_name} <{member.email}>, {role}" + (" (premier compte de la base)."
                                                                          if first else "."))
    return 0


def _founder(engine, email: str | None) -> Actor:
    """The fondateur·rice on whose behalf a later account is created (--by), for the audit trail."""
    row = db.read_df(engine, "select id, full_name, role from team_member where email = ? and active",
                     [(email or "").strip().lower()])
    if row.empty or row.role.iloc[0] != "fondateur":
        raise WriteError("Indiquez avec --by l'e-mail d'un·e fondateur·rice actif·ve : seul·e un·e fondateur·rice "
                         "crée des comptes.")
    return Actor(int(row.id.iloc[0]), "fondateur", row.full_name.iloc[0])


def _users_list(_args: argparse.Namespace) -> int:
    engine = schema.open_store()
    try:
        team = reads.admin.team_accounts(engine)
    finally:
        engine.dispose()
    for row in team.itertuples():
        state = "actif" if row.active else "désactivé"
        print(f"{row.email:40} {row.full_name:28} {vocab.ROLES.label(row.role):16} {state}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m hyc", description="Hack Your Care : outils de la base.")
    sub = p.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="crée la base ou la met à jour")
    init.add_argument("--demo-if-empty", action="store_true", help="charge la démo si la base est vide")
    init.add_argument("--scale", type=float, default=config.load().demo_scale)
    init.add_argument("--seed", type=int, default=1)
    init.set_defaults(run=_init)
    dm = sub.add_parser("demo", help="charge des données de démonstration réalistes")
    dm.add_argument("--scale", type=float, default=1.0, help="1 ≈ 1 500 soignants ; 50 ≈ 75 000")
    dm.add_argument("--seed", type=int, default=1)
    dm.add_argument("--today", type=date.fromisoformat, default=None,
                    help="dernier jour de l'historique (AAAA-MM-JJ ; aujourd'hui par défaut)")
    dm.add_argument("--reset", action="store_true", help="efface toutes les données avant de charger")
    dm.set_defaults(run=_demo)
    counts = sub.add_parser("counts", help="nombre de lignes par table")
    counts.set_defaults(run=_counts)
    users = sub.add_parser("users", help="comptes de l'équipe").add_subparsers(dest="action", required=True)
    add = users.add_parser("add", help="crée un compte (le premier d'une base est fondateur·rice)")
    add.add_argument("--email", required=True)
    add.add_argument("--name", required=True, help="prénom et nom")
    add.add_argument("--role", default="mentor", choices=vocab.ROLES.codes)
    add.add_argument("--by", help="e-mail du ou de la fondateur·rice qui crée le compte (sauf le premier)")
    add.add_argument("--password-stdin", action="store_true", help="lit le mot de passe sur l'entrée standard")
    add.set_defaults(run=_users_add)
    listing = users.add_parser("list", help="liste les comptes")
    listing.set_defaults(run=_users_list)
    bk = sub.add_parser("backup", help="écrit une sauvegarde datée (Parquet et manifest)")
    bk.add_argument("--to", help="dossier parent (HYC_BACKUP_DIR par défaut)")
    bk.set_defaults(run=_backup)
    rs = sub.add_parser("restore", help="restaure une sauvegarde dans une base vide")
    rs.add_argument("folder", help="le dossier de la sauvegarde (hyc-AAAA-MM-JJ-HHMMSS)")
    rs.set_defaults(run=_restore)
    imp = sub.add_parser("import", help="importe des soignants ou des organisations d'un fichier CSV ou Excel")
    imp.add_argument("kind", choices=imports.KINDS)
    imp.add_argument("file", help="le fichier .csv ou .xlsx (le rapport est écrit à côté)")
    imp.add_argument("--partial", action="store_true",
                     help="enregistre les lignes acceptées même si d'autres sont refusées")
    imp.add_argument("--map", action="append", default=[], metavar='"En-tête=champ"',
                     help="impose le champ d'une colonne (le champ par son nom, « Téléphone », ou son code, phone) ; "
                          "répétable")
    imp.add_argument("--skip", action="append", default=[], metavar='"En-tête"',
                     help="laisse une colonne de côté ; répétable")
    imp.add_argument("--basis", help="base légale des soignants créés : consentement ou « intérêt légitime » "
                                     "(obligatoire sauf si le fichier a une colonne « Base légale »)")
    imp.add_argument("--consent-method", help="comment le consentement a été recueilli : formulaire en ligne, e-mail, "
                                              "à l'oral pendant un appel, formulaire papier")
    imp.add_argument("--consent-date", help="date du consentement, JJ/MM/AAAA")
    imp.add_argument("--by", help="e-mail du ou de la fondateur·rice au nom de qui l'import est noté au journal")
    imp.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)
    imp.set_defaults(run=_import)
    an = sub.add_parser("annuaire", help="vérifie les RPPS dans l'extrait de l'Annuaire Santé")
    an.add_argument("file", help="PS_LibreAcces_Personne_activite_….txt, ou le .zip téléchargé")
    an.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)
    an.set_defaults(run=_annuaire)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except db.StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1

