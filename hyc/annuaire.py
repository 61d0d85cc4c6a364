"""The caregivers' RPPS checked against the Annuaire Santé extract (PS_LibreAcces_Personne_activite).

The extract is pipe-separated, with a header line, one line per declared activity, about 2.4 million lines: DuckDB
streams it and keeps only the lines of our caregivers' RPPS, never the whole file in memory. For each caregiver with
an RPPS: found or not, the directory's professions and specialties against ours (any agreeing line agrees), the modes
of practice (libéral, salarié), the date. A disagreement waits for a mentor, who updates the record from the
directory or dismisses it; a dismissal holds until the directory says something else.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from hyc import audit, caregivers, db, models, vocab
from hyc.audit import Actor, WriteError
from hyc.i18n import Message
from hyc.imports import simplified

RPPS_COLUMN, PROFESSION_COLUMN = "Identifiant PP", "Code profession"
SPECIALTY_COLUMN, MODE_COLUMN = "Libellé savoir-faire", "Libellé mode exercice"
TYPE_COLUMN = "Type d'identifiant PP"  # 8: RPPS, 0: ADELI
NEEDED = (RPPS_COLUMN, PROFESSION_COLUMN, SPECIALTY_COLUMN, MODE_COLUMN)
# The extract's columns in its order (each line also ends with a "|"); the check reads the five named above.
EXTRACT_HEADER = (
    TYPE_COLUMN, RPPS_COLUMN, "Identification nationale PP", "Code civilité d'exercice", "Libellé civilité d'exercice",
    "Code civilité", "Libellé civilité", "Nom d'exercice", "Prénom d'exercice", PROFESSION_COLUMN,
    "Libellé profession", "Code catégorie professionnelle", "Libellé catégorie professionnelle",
    "Code type savoir-faire", "Libellé type savoir-faire", "Code savoir-faire", SPECIALTY_COLUMN,
    "Code mode exercice", MODE_COLUMN, "Numéro SIRET site", "Numéro SIREN site", "Numéro FINESS site",
    "Numéro FINESS établissement juridique", "Identifiant technique de la structure", "Raison sociale site",
    "Enseigne commerciale site", "Complément destinataire (coord. structure)",
    "Complément point géographique (coord. structure)", "Numéro Voie (coord. structure)",
    "Indice répétition voie (coord. structure)", "Code type de voie (coord. structure)",
    "Libellé type de voie (coord. structure)", "Libellé Voie (coord. structure)",
    "Mention distribution (coord. structure)",
    "Bureau cedex (coord. structure)", "Code postal (coord. structure)", "Code commune (coord. structure)",
    "Libellé commune (coord. structure)", "Code pays (coord. structure)", "Libellé pays (coord. structure)",
    "Téléphone (coord. structure)", "Téléphone 2 (coord. structure)", "Télécopie (coord. structure)",
    "Adresse e-mail (coord. structure)", "Code Département (structure)", "Libellé Département (structure)",
    "Ancien identifiant de la structure", "Autorité d'enregistrement", "Code secteur d'activité",
    "Libellé secteur d'activité", "Code section tableau pharmaciens", "Libellé section tableau pharmaciens",
    "Code rôle", "Libellé rôle", "Code genre activité", "Libellé genre activité",
)
RPPS_TYPE = "8"
EXTRACT_NAME = "Personne_activite"

# Words of the directory's savoir-faire labels ("Qualifié en Médecine Générale", "Radio-diagnostic") that say each of
# our specialties, as `simplified` writes them.
SPECIALTY_WORDS = {
    "medecine_generale": ("medecine generale",), "cardiologie": ("cardiolog",), "radiologie": ("radio",),
    "psychiatrie": ("psychiatr",), "pediatrie": ("pediatr",), "anesthesie_reanimation": ("anesthes",),
    "oncologie": ("oncolog",), "dermatologie": ("dermato",), "neurologie": ("neurolog",),
    "urgences": ("urgence",), "gynecologie_obstetrique": ("gynecolog", "obstetr"), "endocrinologie": ("endocrin",),
    "gastro_enterologie": ("gastro",), "pneumologie": ("pneumo",), "ophtalmologie": ("ophtalmo",),
    "chirurgie_orthopedique": ("orthoped",), "geriatrie": ("geriatr",), "medecine_interne": ("medecine interne",),
    "sante_publique": ("sante publique",), "biologie_medicale": ("biologie medicale",),
}


class NotTheExtract(WriteError):
    """A file that is not the directory's extract."""


@dataclass(frozen=True)
class Checked:
    """What one check found: the file's lines, the ADELI ones ignored, and our caregivers by outcome."""

    lines: int
    adeli_lines: int
    checked: int
    found: int
    not_found: int
    to_review: int


def specialty_of(label: str | None) -> str | None:
    """Our specialty code for a directory savoir-faire label, if we have one."""
    plain = simplified(label or "")
    return next((code for code, words in SPECIALTY_WORDS.items() if any(w in plain for w in words)), None)


@contextmanager
def _extract(path: Path) -> Iterator[Path]:
    """The extract itself: the file, or the Personne_activite member of the zip the open-data site serves (copied to
    a temporary file by chunks, never read whole)."""
    if not zipfile.is_zipfile(path):
        yield path
        return
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.namelist() if EXTRACT_NAME.lower() in m.lower()]
        if not members:
            raise NotTheExtract(Message("annuaire.no_member", name=EXTRACT_NAME))
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "extract.txt"
            with archive.open(members[0]) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
            yield target


def _layout(path: Path) -> tuple[list[str], str]:
    """The header's columns and the file's encoding (UTF-8, or Latin-1 for older extracts)."""
    with path.open("rb") as f:
        first = f.readline(1 << 16)
    try:
        header, encoding = first.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        header, encoding = first.decode("latin-1"), "latin-1"
    columns = [c.strip() for c in header.rstrip("\r\n").split("|")]
    missing = [c for c in NEEDED if c not in columns]
    if missing:
        raise NotTheExtract(Message("annuaire.not_extract", columns=missing))
    return columns, encoding


def _directory_lines(con, path: Path) -> tuple[pd.DataFrame, int, int]:
    """Our caregivers' lines of the extract (one per activity), the file's line count and its ADELI lines, in one
    pass of DuckDB over the file."""
    columns, encoding = _layout(path)
    quoted = str(path).replace("'", "''")
    is_rpps = (f'"{TYPE_COLUMN}" = \'{RPPS_TYPE}\'' if TYPE_COLUMN in columns
               else f'regexp_full_match("{RPPS_COLUMN}", \'[0-9]{{11}}\')')
    grouped = con.execute(f"""
        with line as (
            select {is_rpps} as rpps_line, "{RPPS_COLUMN}" as rpps, "{PROFESSION_COLUMN}" as profession_code,
                   "{SPECIALTY_COLUMN}" as specialty, "{MODE_COLUMN}" as mode
            from read_csv('{quoted}', delim = '|', header = true, all_varchar = true, quote = '', escape = '',
                          null_padding = true, encoding = '{encoding}', parallel = true)),
        ours as (select distinct rpps from caregiver where rpps is not null and erased_at is null)
        select l.rpps_line, o.rpps, case when o.rpps is not null then l.profession_code end as profession_code,
               case when o.rpps is not null then l.specialty end as specialty,
               case when o.rpps is not null then l.mode end as mode, count(*) as n
        from line l left join ours o on l.rpps_line and l.rpps = o.rpps
        group by all""").df()
    lines = int(grouped.n.sum())
    adeli = int(grouped.loc[~grouped.rpps_line.fillna(False).astype(bool), "n"].sum())
    return grouped[grouped.rpps.notna()].drop(columns=["rpps_line", "n"]), lines, adeli


def _joined(values: pd.Series) -> str | None:
    kept = sorted({v.strip() for v in values.dropna() if v.strip()})
    return " ; ".join(kept) or None


def _results(ours: pd.DataFrame, found: pd.DataFrame, today: date) -> pd.DataFrame:
    """One row per caregiver with an RPPS: what the directory says and whether it agrees with the record."""
    found = found.assign(profession=found.profession_code.map(vocab.ANNUAIRE_PROFESSION_CODES),
                         specialty_code=found.specialty.map(specialty_of))
    by_rpps = found.groupby("rpps").agg(
        professions=("profession", lambda s: ",".join(sorted(set(s.dropna()))) or None),
        specialties=("specialty", _joined), modes=("mode", _joined),
        specialty_codes=("specialty_code", lambda s: set(s.dropna()))).reset_index()
    out = ours.merge(by_rpps, on="rpps", how="left")
    out["found"] = out.rpps.isin(set(found.rpps))
    out["profession_agrees"] = [(isinstance(listed, str) and p in listed.split(",")) if hit else None
                                for p, listed, hit in zip(out.profession, out.professions, out.found, strict=True)]
    out["specialty_agrees"] = [(s in codes) if hit and isinstance(s, str) and isinstance(listed, str) else None
                               for s, codes, listed, hit in
                               zip(out.specialty, out.specialty_codes, out.specialties, out.found, strict=True)]
    agrees = out.found & out.profession_agrees.fillna(False).astype(bool) & out.specialty_agrees.ne(False)
    out["status"] = agrees.map({True: "conforme", False: "a_revoir"})
    out["checked_on"] = today
    return out


_FACTS = ("found", "professions", "specialties")


def check(engine: Engine, actor: Actor | None, path: Path, *, today: date) -> Checked:
    """Check every caregiver's RPPS against the extract at `path` (or the zip holding it) and store the results;
    a disagreement dismissed before stays dismissed while the directory says the same."""
    if actor is not None:
        audit.require(actor, "team")
    with _extract(Path(path)) as extract, db.raw(engine) as con:
        found, lines, adeli = _directory_lines(con, extract)
        ours = con.execute("select id as caregiver_id, rpps, profession, specialty from caregiver "
                           "where rpps is not null and erased_at is null").df()
        results = _results(ours, found, today)
        before = con.execute("select caregiver_id, found, professions, specialties, status, decided_by, decided_at "
                             "from rpps_check").df()
        results = results.merge(before, on="caregiver_id", how="left", suffixes=("", "_before"))
        same = pd.Series(True, index=results.index)
        for name in _FACTS:
            same &= results[name].astype("object").fillna("") == results[f"{name}_before"].astype("object").fillna("")
        kept = same & results.status.eq("a_revoir") & results.status_before.eq("ecartee")
        results.loc[kept, "status"] = "ecartee"
        results.loc[~kept, ["decided_by", "decided_at"]] = None
        table = results[["caregiver_id", "rpps", "checked_on", "found", "professions", "specialties", "modes",
                         "profession_agrees", "specialty_agrees", "status", "decided_by", "decided_at"]]
        counts = Checked(lines, adeli, len(results), int(results.found.sum()), int((~results.found).sum()),
                         int(results.status.eq("a_revoir").sum()))
        con.execute("begin")
        try:
            con.register("checked_now", table)
            con.execute("delete from rpps_check")
            con.execute("insert into rpps_check by name select * from checked_now")
            con.unregister("checked_now")
            con.execute("insert into audit_event (id, occurred_at, actor_id, action, entity, entity_id, after) "
                        "values (nextval('audit_event_id_seq'), ?, ?, 'check', 'rpps_check', null, ?)",
                        [models.utcnow(), actor.id if actor else None,
                         json.dumps({"file": Path(path).name, **counts.__dict__}, ensure_ascii=False)])
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return counts


def to_review(engine: Engine) -> pd.DataFrame:
    """The disagreements waiting for a mentor, with what the directory says, the oldest check first."""
    return db.read_df(engine, """
        select r.caregiver_id, c.first_name || ' ' || c.last_name as caregiver, r.rpps, c.profession, c.specialty,
               r.found, r.professions, r.specialties, r.modes, r.profession_agrees, r.specialty_agrees, r.checked_on,
               m.full_name as mentor
        from rpps_check r join caregiver c on c.id = r.caregiver_id
        left join team_member m on m.id = c.mentor_id
        where r.status = 'a_revoir'
        order by r.checked_on, c.last_name, c.first_name""")


def last_check(engine: Engine, caregiver_id: int) -> dict | None:
    rows = db.read_df(engine, "select * from rpps_check where caregiver_id = ?", [caregiver_id])
    return None if rows.empty else rows.iloc[0].to_dict()


def proposed_changes(row: dict) -> dict:
    """What accepting the directory's word writes on the record: its profession when ours is not among its own
    (the first it lists), and its specialty when we have one for its savoir-faire and ours disagrees."""
    changes = {}
    listed = (row.get("professions") or "").split(",")
    if row.get("profession_agrees") is False and listed[0]:
        changes["profession"] = listed[0]
    if row.get("specialty_agrees") is False or (changes.get("profession") == "medecin"):
        codes = [specialty_of(label) for label in (row.get("specialties") or "").split(" ; ")]
        if code := next((c for c in codes if c), None):
            changes["specialty"] = code
    if changes.get("profession", "medecin") != "medecin":
        changes["specialty"] = None  # only doctors have a specialty here
    return changes


def decide(engine: Engine, actor: Actor, caregiver_id: int, accept: bool, *, today: date) -> dict:
    """A mentor's decision on a disagreement: accept (the record takes the directory's profession and specialty)
    or dismiss; both recorded in the audit log. Returns the changes written on the record."""
    with audit.transaction(engine, actor, "caregivers") as session:
        row = session.get(models.RppsCheck, caregiver_id)
        if row is None or row.status != "a_revoir":
            raise WriteError(Message("annuaire.already_decided"))
        changes = proposed_changes(row.model_dump()) if accept else {}
        if accept and not changes:
            raise WriteError(Message("annuaire.nothing_to_accept"))
        if changes:
            values, _ = caregivers.clean_changes(session.get(models.Caregiver, caregiver_id), changes, today=today)
            caregivers.change(session, actor, caregiver_id, values, None)
        before = audit.snapshot(row)
        row.status, row.decided_by, row.decided_at = ("acceptee" if accept else "ecartee"), actor.id, models.utcnow()
        audit.log(session, actor, "accept" if accept else "dismiss", "rpps_check", caregiver_id, before,
                  audit.snapshot(row))
    return changes
