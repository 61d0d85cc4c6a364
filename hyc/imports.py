"""Spreadsheet imports of caregivers and of organisations with their contacts: row by row, all or nothing.

A file (CSV in any delimiter, UTF-8 or Windows-1252, or Excel) is read as text cells; its headers are guessed onto
fields, which the person may correct; each row then becomes one line of the report:
- "vide": a blank line, counted so that the report adds up to the file's rows;
- "refusee": a value that cannot be saved, with the reason in French (the same checks as the forms);
- "fusionnee": a person or an organisation already known (in the store or earlier in the file), by e-mail, RPPS or
  phone for a caregiver, by name for an organisation: the row fills only the record's empty fields and lists the
  values it did not overwrite;
- "creee": a new record.
Nothing is written while any row is refused, unless the person asks for the rest (`partial`). The writes go through
the same domain functions as the forms (duplicates, objections, audit events), in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import openpyxl
import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, select

from hyc import audit, caregivers, models, organisations, privacy, validation, vocab
from hyc.audit import Actor, WriteError
from hyc.i18n import FIELD_LABELS, Figure, Message, said, t
from hyc.text import fold
from hyc.validation import FormInvalid, blank

KINDS = ("caregivers", "organisations")
BLANK, CREATED, MERGED, REJECTED = "vide", "creee", "fusionnee", "refusee"
OUTCOMES = (CREATED, MERGED, REJECTED, BLANK)
DELIMITERS = (";", ",", "\t", "|")


class UnreadableFile(WriteError):
    """A file that is not a table this import reads."""


# --- Reading the file ---------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """A file's header and data rows, as cells (text from a CSV; text, numbers or dates from Excel)."""

    headers: list[str]
    rows: list[list]
    encoding: str | None = None
    delimiter: str | None = None


def read(data: bytes, filename: str) -> Sheet:
    """The table in a CSV or Excel file; UnreadableFile when it holds none."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_excel(data)
    return _read_text(data)


def _decoded(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-16 when it says so, UTF-8 when it decodes, else Windows-1252 (what French
    Excel writes as "CSV (séparateur : point-virgule)")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _delimiter(first_line: str) -> str:
    """The separator the header line uses most (a semicolon when none)."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _read_text(data: bytes) -> Sheet:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(Message("import.unreadable"))
    text, encoding = _decoded(data)
    delimiter = _delimiter(text.split("\n", 1)[0])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or all(blank(cell) for cell in rows[0]):
        raise UnreadableFile(Message("import.no_header"))
    return Sheet([c.strip() for c in rows[0]], rows[1:], encoding, delimiter)


def _read_excel(data: bytes) -> Sheet:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile(Message("import.unreadable")) from exc
    # Formulas come as their text (never computed): a name like "=HYPERLINK(…)" is kept as it was typed.
    rows = [[cell if cell is None or isinstance(cell, str | int | float | date) else str(cell) for cell in row]
            for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    while rows and all(blank(cell) for cell in rows[-1]):  # formatted but empty rows at the end of a sheet
        rows.pop()
    if not rows or all(blank(cell) for cell in rows[0]):
        raise UnreadableFile(Message("import.no_header"))
    return Sheet(["" if c is None else str(c).strip() for c in rows[0]], [list(r) for r in rows[1:]])


# --- Headers onto fields --------------------------------------------------------------------------------------


def simplified(text: object) -> str:
    """Folded (hyc.text: lower case, no accents, ligatures written out), words separated by one space: "N° RPPS" →
    "n rpps", "E-mail" → "e mail", "Cœur" → "coeur"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text))).split())


_EMAIL = ("email", "e mail", "mail", "courriel", "adresse mail", "adresse e mail", "adresse email",
          "adresse electronique")
_PHONE = ("telephone", "tel", "portable", "mobile", "phone", "numero de telephone", "num tel", "gsm",
          "telephone portable", "tel portable")

# Field → header words that name it, as `simplified` writes them.
HEADERS = {
    "caregivers": {
        "first_name": ("prenom", "first name", "firstname", "given name"),
        "last_name": ("nom", "nom de famille", "last name", "lastname", "surname", "family name", "nom d usage"),
        "full_name": ("nom complet", "nom et prenom", "prenom et nom", "nom prenom", "prenom nom", "full name",
                      "soignant", "identite"),
        "email": _EMAIL,
        "phone": _PHONE,
        "postcode": ("code postal", "cp", "postcode", "zip", "postal code"),
        "profession": ("profession", "metier", "job", "occupation"),
        "specialty": ("specialite", "specialty", "speciality"),
        "practice_setting": ("mode d exercice", "exercice", "lieu d exercice", "practice setting", "cadre d exercice"),
        "years_experience": ("annees d experience", "experience", "anciennete", "years of experience", "nb annees"),
        "rpps": ("rpps", "numero rpps", "n rpps", "no rpps", "num rpps"),
        "availability_days_per_month": ("disponibilite", "jours par mois", "dispo", "disponibilite jours mois"),
        "expected_day_rate": ("tjm", "tarif journalier", "taux journalier", "tarif jour", "day rate", "tarif"),
        "work_mode": ("mode de travail", "teletravail", "work mode"),
        "mission_types": ("missions", "types de mission", "missions souhaitees", "type de mission"),
        "legal_status": ("statut", "statut juridique", "legal status"),
        "consent_date": ("date de consentement", "consentement", "consent date", "date consentement",
                         "date du consentement"),
        "consent_method": ("mode de consentement", "recueil du consentement", "consent method"),
        "lawful_basis": ("base legale", "base juridique", "fondement", "fondement juridique", "base rgpd",
                         "lawful basis", "legal basis"),
        "source": ("source", "origine", "canal"),
        "notes": ("notes", "note", "commentaire", "commentaires", "remarques", "remarque"),
    },
    "organisations": {
        "name": ("organisation", "entreprise", "societe", "structure", "raison sociale", "nom de l organisation",
                 "nom de la structure", "nom de l entreprise", "client", "company", "organization"),
        "kind": ("type", "categorie", "type d organisation", "type de structure", "kind"),
        "makes_health_products": ("produits de sante", "fabricant de produits de sante", "industrie de sante"),
        "city": ("ville", "city", "commune"),
        "region": ("region",),
        "website": ("site", "site web", "site internet", "url", "website", "web"),
        "notes": ("notes", "note", "commentaire", "commentaires", "remarques"),
        "contact_first_name": ("prenom", "prenom du contact", "prenom contact", "first name"),
        "contact_last_name": ("nom", "nom du contact", "nom contact", "contact", "last name"),
        "contact_role": ("fonction", "poste", "role", "titre", "fonction du contact", "job title"),
        "contact_email": _EMAIL,
        "contact_phone": _PHONE,
    },
}
CONTACT_PREFIX = "contact_"


def _guesses(headers: list[str], kind: str) -> list[tuple[str | None, str | None, bool]]:
    """Each column's field (None: none), the header word that named it, and whether it was the whole header:
    whole headers first, then headers that contain a field's words ("Adresse e-mail pro"); a field goes to one
    column only."""
    words = {name: set(synonyms) for name, synonyms in HEADERS[kind].items()}
    plain = [simplified(h) for h in headers]
    found: list[tuple[str | None, str | None, bool]] = [(None, None, False)] * len(headers)
    for i, header in enumerate(plain):
        name = next((name for name, synonyms in words.items() if header in synonyms
                     and name not in (f for f, _, _ in found)), None)
        found[i] = (name, header, True) if name else found[i]
    for i, header in enumerate(plain):
        if found[i][0] is None and header:
            padded = f" {header} "
            taken = {f for f, _, _ in found}
            matches = [(len(s), name, s) for name, synonyms in words.items() if name not in taken
                       for s in synonyms if len(s) > 2 and f" {s} " in padded]
            if matches:
                _, name, word = max(matches)
                found[i] = (name, word, False)
    return found


def guess(headers: list[str], kind: str) -> list[str | None]:
    """The field each column's header names (None: left out), before its values are looked at."""
    return [name for name, _, _ in _guesses(headers, kind)]


def field_label(kind: str, name: str) -> Message:
    """A field's name as the person reads it."""
    if name == "full_name":
        return Message("import.full_name")
    if name.startswith(CONTACT_PREFIX):
        return Message("import.contact_field", field=Message(FIELD_LABELS[name.removeprefix(CONTACT_PREFIX)]))
    return Message(FIELD_LABELS[name])


def mapping_problems(kind: str, fields: list[str | None]) -> list[Message]:
    """What keeps a mapping from being imported: a field given two columns, a required field given none."""
    problems = [Message("import.twice", field=field_label(kind, name))
                for name, n in Counter(f for f in fields if f).items() if n > 1]
    chosen = set(fields)
    if kind == "caregivers":
        if "full_name" not in chosen and not {"first_name", "last_name"} <= chosen:
            problems.append(Message("import.needs_names"))
        if "profession" not in chosen:
            problems.append(Message("import.needs", field=field_label(kind, "profession")))
        if not chosen & {"email", "phone"}:
            problems.append(Message("import.needs_contact"))
    else:
        problems += [Message("import.needs", field=field_label(kind, name)) for name in ("name", "kind")
                     if name not in chosen]
    return problems


# --- Cells onto values -----------------------------------------------------------------------------------------

# The fields an import reads that hold codes, with their vocabularies (hyc.vocab, as the store's columns hold them).
_VOCABS = {name: terms for name, terms in (vocab.COLUMN_CODES["caregiver"] | vocab.COLUMN_CODE_LISTS["caregiver"]
                                            | vocab.COLUMN_CODES["organisation"]).items()
           if name in HEADERS["caregivers"] or name in HEADERS["organisations"]}
# Words people write for a code, beyond its French and English labels (as `simplified` writes them).
_SYNONYMS = {
    "profession": {
        "medecin": ("docteur", "medecin generaliste", "medecin specialiste"),
        "chirurgien_dentiste": ("dentiste", "chirurgienne dentiste"),
        "infirmier": ("infirmiere", "ide", "idel", "infirmier diplome d etat", "infirmier e"),
        "masseur_kinesitherapeute": ("kine", "kinesitherapeute", "masseuse kinesitherapeute", "mk"),
        "sage_femme": ("maieuticien", "sage femme"),
        "pharmacien": ("pharmacienne",),
        "manipulateur_erm": ("manipulateur radio", "manipulatrice radio", "manip radio", "manipulateur",
                             "manipulatrice", "merm", "manipulateur en electroradiologie medicale"),
        "ambulancier": ("ambulanciere",),
        "aide_soignant": ("aide soignante", "as"),
        "etudiant_sante": ("etudiant", "etudiante", "etudiant en medecine", "etudiante en medecine", "thesard",
                           "thesarde"),
    },
    "specialty": {
        "medecine_generale": ("generaliste", "mg", "medecin generaliste"),
        "cardiologie": ("cardiologue",), "radiologie": ("radiologue",), "psychiatrie": ("psychiatre",),
        "pediatrie": ("pediatre",), "anesthesie_reanimation": ("anesthesiste", "anesthesie", "reanimation"),
        "oncologie": ("oncologue",), "dermatologie": ("dermatologue",), "neurologie": ("neurologue",),
        "urgences": ("urgentiste", "urgences"), "gynecologie_obstetrique": ("gynecologue", "gynecologie"),
        "endocrinologie": ("endocrinologue", "diabetologue", "endocrinologie"),
        "gastro_enterologie": ("gastro enterologue", "gastro"), "pneumologie": ("pneumologue",),
        "ophtalmologie": ("ophtalmologue", "ophtalmo"), "chirurgie_orthopedique": ("chirurgien orthopediste",),
        "geriatrie": ("geriatre",), "medecine_interne": ("interniste",),
    },
    "practice_setting": {
        "hopital_public": ("hopital", "chu", "ch", "hospitalier", "hospitaliere", "salarie hopital"),
        "clinique_privee": ("clinique",), "liberal": ("liberale", "cabinet"),
        "remplacant": ("remplacante", "remplacements"), "centre_sante": ("centre de sante",),
        "interne_etudiant": ("interne", "etudiant", "etudiante"),
    },
    "work_mode": {"distanciel": ("a distance", "teletravail", "remote"), "presentiel": ("sur site", "presentiel"),
                  "les_deux": ("hybride", "les deux", "mixte")},
    "legal_status": {"micro_entreprise": ("auto entrepreneur", "micro entrepreneur", "auto entreprise"),
                     "societe": ("sasu", "eurl", "selarl", "sas", "sarl"), "portage": ("portage",),
                     "liberal": ("liberal", "liberale")},
    "kind": {"startup": ("start up", "startup", "jeune pousse"), "grand_groupe": ("groupe", "multinationale"),
             "medtech": ("dispositif medical", "medtech", "dm"), "data_ia": ("data", "ia", "intelligence artificielle"),
             "assurance": ("assureur", "mutuelle", "assurance"), "labo_universitaire": ("laboratoire universitaire",
                                                                                       "universite", "labo"),
             "ecole_ingenieurs": ("ecole", "ecole d ingenieurs"),
             "etablissement_sante": ("hopital", "clinique", "chu", "ehpad")},
}


def _lookup(name: str) -> dict[str, str]:
    terms = _VOCABS[name]
    words = {}
    for term in terms:
        for text in (term.code, term.fr, term.en, re.sub(r"\(.*?\)", "", term.fr)):
            words[simplified(text)] = term.code
    for code, synonyms in _SYNONYMS.get(name, {}).items():
        words.update(dict.fromkeys(synonyms, code))
    return words


_LOOKUPS = {name: _lookup(name) for name in _VOCABS}
_YES = {"oui", "o", "x", "1", "vrai", "yes", "y", "true"}
_NO = {"non", "n", "0", "faux", "no", "false", ""}
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
_BOOLEANS = ("makes_health_products", "ai_trained")
_DATES = ("consent_date", "profile_confirmed_on")


def _day(raw: object) -> date:
    """A date written dd/mm/yyyy (or dd/mm/yy, dd.mm.yyyy, yyyy-mm-dd) or stored as a date by Excel; ValueError
    when the text is no date or an impossible one (31/02)."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        return date(year + 2000 if year < 100 else year, month, day)
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day)
    raise ValueError(text)


def _text(raw: object) -> str:
    """A cell as text: an Excel whole number without ".0"."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _value(name: str, raw: object):
    """The value a form would get for a cell, or a Message saying why the cell cannot be read."""
    if name in _DATES:
        try:
            return _day(raw)
        except ValueError:
            return Message("import.bad_date", value=_text(raw))
    text = _text(raw)
    if name in _BOOLEANS:
        word = simplified(text)
        if word in _YES or word in _NO:
            return word in _YES
        return Message("import.bad_yes_no", value=text)
    if name == "mission_types":
        parts = [simplified(part) for part in re.split(r"[,;/+]", text) if part.strip()]
        codes = [_LOOKUPS[name].get(part) for part in parts]
        if None in codes:
            return Message("import.unknown_code", value=text, field=field_label("caregivers", name))
        return codes
    if name in _LOOKUPS:
        code = _LOOKUPS[name].get(simplified(text))
        return code if code else Message("import.unknown_code", value=text,
                                          field=field_label("organisations" if name in ("kind", "region")
                                                            else "caregivers", name))
    if name in ("phone", "contact_phone") and isinstance(raw, int | float) and len(text) == 9:
        return "0" + text  # Excel keeps 06 12 34 56 78 as the number 612345678
    return text


def _split_name(full: str) -> tuple[str, str]:
    """"Claire DUBOIS" or "DUBOIS Claire" → ("Claire", "DUBOIS"): words in capitals are the last name; otherwise the
    first word is the first name."""
    words = full.split()
    upper = [w for w in words if w.isupper() and len(w) > 1]
    if upper and len(upper) < len(words):
        return " ".join(w for w in words if w not in upper), " ".join(upper)
    return (words[0], " ".join(words[1:])) if len(words) > 1 else (full, "")


def cells(fields: list[str | None], row: list) -> tuple[dict, dict[str, Message]]:
    """A row's values by field (only the cells holding something) and the cells that could not be read."""
    data, problems = {}, {}
    for name, raw in zip(fields, row, strict=False):
        if name is None or blank(raw):
            continue
        value = _value(name, raw)
        if isinstance(value, Message):
            problems[name] = value
        elif name == "full_name":
            data["first_name"], data["last_name"] = _split_name(value)
        else:
            data[name] = value
    return data, problems


# --- The columns proposed ------------------------------------------------------------------------------------

SAMPLE = 200  # distinct values of a column read to judge a guess, the most frequent
DOUBT_ROWS = 3  # rows whose values do not fit a guessed field, at the least, to leave the column out
# Fields whose values have a form of their own: a column of other things does not fit them.
_TYPED = frozenset({*_VOCABS, *_DATES, *_BOOLEANS, "email", "phone", "rpps", "postcode", "years_experience",
                    "availability_days_per_month", "expected_day_rate", "contact_email", "contact_phone"})


@dataclass(frozen=True)
class Column:
    """How one column of the file is read: the field it goes to (None: left out) and why, in a sentence."""

    header: str
    field: str | None
    reason: Message
    doubtful: bool = False  # guessed from its header, left out because its values do not fit


def cell_problem(kind: str, name: str, raw: object) -> Message | None:
    """Why one cell cannot go to field `name` (its reading, then the form's rule for that field alone), or None."""
    value = _value(name, raw)
    if isinstance(value, Message):
        return value
    if name == "full_name" or name not in _TYPED:
        return None
    contact = name.startswith(CONTACT_PREFIX)
    field_name = name.removeprefix(CONTACT_PREFIX)
    if kind == "caregivers":
        # The form of the value is judged, not the day: a date to come is no reason to doubt a column of dates.
        clean = lambda data: caregivers.clean(data, today=date.max)  # noqa: E731
    else:
        clean = organisations.clean_contact if contact else organisations.clean
    try:
        clean({field_name: value})
    except FormInvalid as exc:
        return exc.errors.get(field_name)
    return None


def _misfits(kind: str, name: str, values: Counter) -> Counter:
    """Of a column's values (each with its number of rows), those that cannot go to field `name`."""
    return Counter({value: n for value, n in values.items() if cell_problem(kind, name, value) is not None})


def _values(sheet: Sheet, i: int) -> Counter:
    """A column's most frequent values as text, with their number of rows."""
    found = Counter(_text(row[i]) for row in sheet.rows if i < len(row) and not blank(row[i]))
    return Counter(dict(found.most_common(SAMPLE)))


def columns(sheet: Sheet, kind: str, chosen: dict[str, str | None] | None = None) -> list[Column]:
    """The field each column goes to, and why: the person's choice (`chosen`: header → field, or None to leave it
    out), else the field its header names unless most of its values do not fit that field (then it is left out,
    with the values that do not fit and the free fields they would fit), else none."""
    chosen = chosen or {}
    proposed = []
    guesses = _guesses(sheet.headers, kind)
    taken = {chosen[h] for h in sheet.headers if h in chosen} | {
        name for header, (name, _, _) in zip(sheet.headers, guesses, strict=True) if header not in chosen}
    for i, (header, (name, word, whole)) in enumerate(zip(sheet.headers, guesses, strict=True)):
        if header in chosen:
            field_name = chosen[header]
            proposed.append(Column(header, field_name, Message("import.why.chosen" if field_name else
                                                               "import.why.skipped")))
            continue
        if name is None:
            proposed.append(Column(header, None, Message("import.why.unknown")))
            continue
        values = _values(sheet, i)
        misfits = _misfits(kind, name, values) if name in _TYPED else Counter()
        bad = misfits.total()
        # Most rows, and at least a few: one wrong number in a small file is that row's problem, not the column's.
        if bad >= DOUBT_ROWS and bad * 2 > values.total():
            elsewhere = [other for other in HEADERS[kind] if other in _TYPED and other not in taken
                         and not _misfits(kind, other, values)][:3]
            proposed.append(Column(header, None, Message(
                "import.why.doubt", field=field_label(kind, name), bad=Figure(bad), total=Figure(values.total()),
                examples=", ".join(f"« {v} »" for v in list(misfits)[:3]),
                elsewhere=Message("import.why.elsewhere", fields=[field_label(kind, f) for f in elsewhere])
                if elsewhere else Message("import.why.nowhere")), doubtful=True))
            continue
        proposed.append(Column(header, name, Message("import.why.header" if whole else "import.why.word",
                                                     word=word)))
    return proposed


def field_named(kind: str, text: str) -> str | None:
    """The field a person names on the command line: its code ("work_mode"), or its label in either language
    ("Distance / site"), in any case and accents; None when no field has that name."""
    wanted = simplified(text)
    for name in HEADERS[kind]:
        label = field_label(kind, name)
        if wanted in (simplified(name), simplified(said(label, "fr")), simplified(said(label, "en"))):
            return name
    return None


def chosen(sheet: Sheet, kind: str, mapped: list[str], skipped: list[str]) -> dict[str, str | None]:
    """The person's choices as the command line takes them ("En-tête=champ", the field by its label or code; and
    headers to leave out): header → field, or None; FormInvalid naming a header the file does not have or a field
    that does not exist."""
    headers = {simplified(header): header for header in sheet.headers}

    def header_of(text: str) -> str:
        if simplified(text) not in headers:
            raise FormInvalid({"mapping": Message("import.no_such_column", header=text.strip(),
                                                  headers=", ".join(f"« {h} »" for h in sheet.headers))})
        return headers[simplified(text)]

    choices: dict[str, str | None] = {}
    for text in mapped:
        header, equals, name = text.rpartition("=")
        if not equals or not header.strip():
            raise FormInvalid({"mapping": Message("import.map_form", text=text)})
        field_name = field_named(kind, name)
        if field_name is None:
            raise FormInvalid({"mapping": Message("import.no_such_field", name=name.strip(), fields=", ".join(
                f"{said(field_label(kind, f), 'fr')} ({f})" for f in HEADERS[kind]))})
        choices[header_of(header)] = field_name
    choices.update(dict.fromkeys((header_of(text) for text in skipped), None))
    return choices


def stated_basis(basis: str | None, method: str | None, day: str | None) -> Basis:
    """The basis a person states for a whole file in words (a code or a label, a date dd/mm/yyyy), read as a
    spreadsheet's cells are; FormInvalid for a word or a date that cannot be read."""
    values, errors = {}, {}
    for name, text in (("lawful_basis", basis), ("consent_method", method), ("consent_date", day)):
        if text and text.strip():
            value = _value(name, text)
            (errors if isinstance(value, Message) else values)[name] = value
    if errors:
        raise FormInvalid(errors)
    return Basis(**values)


# --- The report ---------------------------------------------------------------------------------------------


@dataclass
class Line:
    """One row of the file in the report: its row number as a spreadsheet shows it (the header is row 1)."""

    row: int
    outcome: str
    name: str = ""
    details: list[Message] = field(default_factory=list)
    record: Record | None = None


@dataclass(eq=False)  # one record, whatever its values: compared and hashed by identity
class Record:
    """A caregiver, an organisation or a contact as the import leaves it: stored (`id`) or new (`id` None)."""

    values: dict
    id: int | None = None
    row: int | None = None  # the file's row that creates it
    filled: dict = field(default_factory=dict)  # a stored record's empty fields the file fills
    loaded: dict = field(default_factory=dict)  # a stored record's values as read, for the audit's "before"
    contacts: list[Record] = field(default_factory=list)  # an organisation's contacts


@dataclass
class Report:
    kind: str
    lines: list[Line]
    written: bool = False
    encoding: str | None = None
    delimiter: str | None = None

    def said(self, lang: str = "fr", *, done: bool = True) -> str:
        """What the import did ("Import enregistré : 1 fiche créée, 3 complétées."), or, with `done` False, what
        its button will do ("Importer : 2 créations, 1 fusion"); plurals right in each language."""
        counts = self.counts()
        created, merged = (Figure(counts[CREATED]), Figure(counts[MERGED]))
        if done:
            return t("imports.done", lang, created=t("imports.n_created", lang, n=created),
                     merged=t("imports.n_filled", lang, n=merged))
        return t("imports.go", lang, created=t("imports.n_new", lang, n=created),
                 merged=t("imports.n_merged", lang, n=merged))

    @property
    def wrote_rows(self) -> bool:
        """Written, and with at least one row created or merged: only then is there an import to speak of."""
        counts = self.counts()
        return self.written and counts[CREATED] + counts[MERGED] > 0

    def counts(self) -> dict[str, int]:
        found = Counter(line.outcome for line in self.lines)
        return {outcome: found[outcome] for outcome in OUTCOMES}

    @property
    def rejected(self) -> int:
        return self.counts()[REJECTED]

    def frame(self, lang: str = "fr") -> pd.DataFrame:
        """The report as a table: row, outcome (its label), name, record id, details."""
        return pd.DataFrame({
            "row": [line.row for line in self.lines],
            "outcome": [said(Message(f"import.outcome.{line.outcome}"), lang) for line in self.lines],
            "name": [line.name for line in self.lines],
            "record_id": pd.array([line.record.id if line.record else None for line in self.lines], dtype="Int64"),
            "details": [" ; ".join(said(d, lang) for d in line.details) for line in self.lines],
        })


def _reasons(kind: str, errors: dict[str, str]) -> list[Message]:
    """A refused row's reasons, each naming its field ("Téléphone : ce numéro n'est pas valide")."""
    return [Message("import.reason", field=field_label(kind, name), problem=problem)
            for name, problem in errors.items()]


def _shown(name: str, value: object) -> str:
    """A value as the report quotes it: a code by its label, a date dd/mm/yyyy, a phone as people write it."""
    name = name.removeprefix(CONTACT_PREFIX)
    if name in _VOCABS and name != "mission_types":
        return _VOCABS[name].label(value)
    if isinstance(value, date):
        return validation.fr_date(value)
    if name == "phone":
        return validation.phone_display(value)
    return str(value)


def _merge(kind: str, record: Record, incoming: dict, prefix: str = "") -> tuple[dict, list[Message]]:
    """What `incoming` adds to `record`: its values for the record's empty fields, and a conflict for each value
    that differs from one the record already holds (the record's is kept)."""
    fills, conflicts = {}, []
    for name, new in incoming.items():
        if blank(new) or name not in record.values:
            continue
        old = record.values[name]
        if blank(old):
            fills[name] = new
        elif old != new and not (isinstance(old, str) and isinstance(new, str) and simplified(old) == simplified(new)):
            conflicts.append(Message("import.conflict", field=field_label(kind, prefix + name),
                                     kept=_shown(name, old), ignored=_shown(name, new)))
    return fills, conflicts


def _full_name(values: dict) -> str:
    return " ".join(str(values.get(n) or "") for n in ("first_name", "last_name")).strip()


@dataclass(frozen=True)
class Basis:
    """The lawful basis the people a file creates are kept on, stated once for the file: consent (with its method
    and date) or legitimate interest. A row's own columns win over it."""

    lawful_basis: str | None = None
    consent_method: str | None = None
    consent_date: date | None = None

    FIELDS = ("lawful_basis", "consent_method", "consent_date")

    def check(self, today: date) -> None:
        """FormInvalid naming each missing or wrong part, by the caregiver form's own rules."""
        try:
            caregivers.clean(self.given(), today=today, basis_required=True)
        except FormInvalid as exc:
            if errors := {name: problem for name, problem in exc.errors.items() if name in self.FIELDS}:
                if not self.lawful_basis:  # said of the file, not of one profile
                    errors["lawful_basis"] = Message("import.basis_needed")
                raise FormInvalid(errors) from None

    def given(self, row: dict | None = None) -> dict:
        """The parts stated that a row takes where it says nothing of its own: the basis, and the consent's method
        and date when the row's basis (its own, or the file's) is consent."""
        row = row or {}
        given = {"lawful_basis": self.lawful_basis}
        if row.get("lawful_basis", self.lawful_basis) == "consentement":
            given |= {"consent_method": self.consent_method, "consent_date": self.consent_date}
        return {name: value for name, value in given.items() if value is not None}


class _Plan:
    """The records an import would leave, built row by row against the store (read in the write's transaction)."""

    def __init__(self, session: Session, kind: str, today: date, basis: Basis) -> None:
        self.session, self.kind, self.today, self.basis = session, kind, today, basis
        self.objections = privacy.objection_list(session) if kind == "caregivers" else None
        self.records: list[Record] = []  # new or filled, in the order they are written
        self.known: dict[tuple[str, object], Record] = {}  # (key field, value) → the record a row would meet
        self.loaded: dict[int, Record] = {}
        self.met: set[int] = set()  # the stored records a row meets, listed in `records`

    def stored(self, model, row_id: int, fields: tuple[str, ...]) -> Record:
        """A stored record, loaded once, with the values the checks read."""
        if row_id not in self.loaded:
            self.preload(model, [row_id], fields)
        record = self.loaded[row_id]
        if row_id not in self.met:
            self.met.add(row_id)
            self.records.append(record)
        return record

    def preload(self, model, row_ids: list[int], fields: tuple[str, ...]) -> None:
        """Load stored records in one query (an import meets hundreds); `stored` then finds them loaded. Their
        derived fields (a caregiver's département and region) are read too, for the audit's "before"."""
        wanted = sorted(set(row_ids) - set(self.loaded))
        if not wanted:
            return
        derived = caregivers.DERIVED["postcode"] if model is models.Caregiver else ()
        columns = ", ".join(f'"{name}"' for name in ("id", *fields, *derived))
        rows = self.session.connection().exec_driver_sql(
            f"select {columns} from {model.__tablename__} where id in (select unnest(cast(? as integer[])))",
            (wanted,)).all()
        for row_id, *values in rows:
            read = dict(zip((*fields, *derived), values, strict=True))
            self.loaded[row_id] = Record({name: read[name] for name in fields}, id=row_id, loaded=read)


_KEY_RULES = {"email": validation.email, "rpps": validation.rpps, "phone": validation.phone}


def _known(plan: _Plan, data: dict, problems: dict, store_keys: dict) -> tuple[list, dict]:
    """A row's keys (e-mail, RPPS, phone as stored; a key that cannot be read goes to `problems`) and the records,
    in the store or earlier in the file, that it meets by them."""
    keys = []
    for key, rule in _KEY_RULES.items():
        if key in data and key not in problems:
            try:
                keys.append((key, rule(str(data[key]), key)))
            except validation.InvalidInput as exc:
                problems[key] = exc.message
    targets = {}
    for key in keys:
        if key not in plan.known and key in store_keys:
            plan.known[key] = plan.stored(models.Caregiver, store_keys[key], caregivers.FIELDS)
        if key in plan.known:
            targets.setdefault(id(plan.known[key]), (plan.known[key], key[0]))
    return keys, targets


def _plan_caregiver(plan: _Plan, row: int, data: dict, problems: dict, store_keys: dict) -> Line:
    name = _full_name(data)
    keys, targets = _known(plan, data, problems, store_keys)
    if len(targets) > 1:
        said_twice = [Message("import.same_as", what=Message(f"error.same_{how}"), name=_full_name(r.values))
                      for r, how in targets.values()]
        return Line(row, REJECTED, name, [*_reasons("caregivers", problems),
                                          Message("import.two_records", records=said_twice)])
    if targets and problems:
        return Line(row, REJECTED, name, _reasons("caregivers", problems))
    if targets:
        return _merge_caregiver(plan, row, name, data, *next(iter(targets.values())))
    # A new person: every problem of the row at once, the cells that cannot be read and the form's rules on the rest.
    readable = {field_name: value for field_name, value in data.items() if field_name not in problems}
    try:
        values, _ = caregivers.clean(plan.basis.given(readable) | readable, today=plan.today, basis_required=True)
    except FormInvalid as exc:
        problems = exc.errors | problems
    if problems:
        return Line(row, REJECTED, name, _reasons("caregivers", problems))
    if plan.objections.holds(values):
        return Line(row, REJECTED, name, [privacy.Objected().message])
    record = Record(values, row=row)
    plan.records.append(record)
    plan.known.update({key: record for key in keys})
    return Line(row, CREATED, name, record=record)


def _merge_caregiver(plan: _Plan, row: int, name: str, data: dict, record: Record, how: str) -> Line:
    """A row of someone already known: it need not be a whole profile, only what it fills must fit the record."""

    def checked(changes: dict) -> dict:
        return validation.only_changes(lambda d: caregivers.clean(d, today=plan.today), record.values, changes,
                                       caregivers.DERIVED)[0]

    incoming = {}
    for field_name, value in data.items():
        try:  # as the record would store it (a phone in E.164), to compare with what it holds
            incoming[field_name] = checked({field_name: value})[field_name]
        except FormInvalid:
            incoming[field_name] = value  # quoted as typed; if it would fill a field, the check below refuses it
    fills, conflicts = _merge("caregivers", record, incoming)
    try:
        written = checked(fills)
    except FormInvalid as exc:
        return Line(row, REJECTED, name, _reasons("caregivers", exc.errors))
    if plan.objections.holds(written):  # an address or number of someone who objected is not taken either
        return Line(row, REJECTED, name, [privacy.Objected().message])
    record.values.update(written)
    if record.id is not None:
        record.filled.update(written)
    plan.known.update({(key, written[key]): record for key in _KEY_RULES if written.get(key)})
    return Line(row, MERGED, name, _merged_details("caregivers", record, how, fills, conflicts), record=record)


def _merged_details(kind: str, record: Record, how: str | None, fills: dict, conflicts: list) -> list[Message]:
    where = (Message("import.merged_row", row=record.row) if record.id is None
             else Message("import.merged_record", id=record.id))
    details = [Message("import.merged_by", where=where, how=Message(f"error.same_{how}")) if how else where]
    shown_fills = [field_label(kind, n) for n in fills if n not in ("departement", "region")]
    details.append(Message("import.filled", fields=shown_fills) if shown_fills else Message("import.nothing_new"))
    return details + conflicts


def _plan_organisation(plan: _Plan, row: int, data: dict, problems: dict, store_names: dict) -> Line:
    org_data = {n: v for n, v in data.items() if not n.startswith(CONTACT_PREFIX)}
    contact_data = {n.removeprefix(CONTACT_PREFIX): v for n, v in data.items() if n.startswith(CONTACT_PREFIX)}
    label = str(org_data.get("name") or "")
    if problems:
        return Line(row, REJECTED, label, _reasons("organisations", problems))
    key = ("name", organisations.name_key(str(org_data.get("name") or "")))
    if key not in plan.known and key[1] in store_names:
        plan.known[key] = plan.stored(models.Organisation, store_names[key[1]], organisations.ORGANISATION_FIELDS)
        plan.known[key].contacts = _stored_contacts(plan, plan.known[key].id)
    record = plan.known.get(key)
    details: list[Message] = []
    try:
        if record is None:
            record = Record(organisations.clean(org_data), row=row)
            outcome = CREATED
        else:
            checked, conflicts = _merge("organisations", record, org_data)
            organisations.clean(record.values | checked)  # the record stays whole with what the row fills
            details = _merged_details("organisations", record, None, checked, conflicts)
            outcome = MERGED
        contact_details = _plan_contact(record, contact_data) if contact_data else []
    except FormInvalid as exc:
        return Line(row, REJECTED, label, _reasons("organisations", exc.errors))
    if outcome == CREATED:
        plan.records.append(record)
        plan.known[key] = record
    else:
        record.values.update(checked)
        if record.id is not None:
            record.filled.update(checked)
    return Line(row, outcome, record.values["name"], details + contact_details, record=record)


def _stored_contacts(plan: _Plan, organisation_id: int) -> list[Record]:
    rows = plan.session.exec(select(models.Contact).where(models.Contact.organisation_id == organisation_id,
                                                          models.Contact.merged_into_id.is_(None))
                             .order_by(models.Contact.id)).all()
    return [Record({n: getattr(c, n) for n in organisations.CONTACT_FIELDS}, id=c.id) for c in rows]


def _same_contact(a: dict, b: dict) -> bool:
    """One person: the same e-mail, or phone, or first and last name."""
    return any(a.get(k) and a.get(k) == b.get(k) for k in ("email", "phone")) or (
        simplified(_full_name(a)) == simplified(_full_name(b)) != "")


def _plan_contact(organisation: Record, data: dict) -> list[Message]:
    """Add the row's contact to the organisation, or fill the one it already has (raises FormInvalid, marked as the
    contact's, when the contact cannot be saved)."""
    try:
        values = organisations.clean_contact(data)
        same = next((c for c in organisation.contacts if _same_contact(c.values, values)), None)
        if same is None:
            organisation.contacts.append(Record(values))
            return [Message("import.contact_added", name=_full_name(values))]
        fills, conflicts = _merge("organisations", same, values, CONTACT_PREFIX)
        organisations.clean_contact(same.values | fills)
    except FormInvalid as exc:  # named as the contact's fields
        raise FormInvalid({CONTACT_PREFIX + name: problem for name, problem in exc.errors.items()}) from None
    same.values.update(fills)
    if same.id is not None:
        same.filled.update(fills)
    what = Message("import.contact_filled", name=_full_name(same.values),
                   fields=[field_label("organisations", CONTACT_PREFIX + n) for n in fills]) if fills else \
        Message("import.contact_known", name=_full_name(same.values))
    return [what, *conflicts]


def _store_keys(session: Session, kind: str) -> dict:
    """The store's keys a row may meet: (field, value) → caregiver id, or an organisation's name key → id."""
    read = session.connection().exec_driver_sql
    if kind == "caregivers":
        rows = read("select id, email, rpps, phone from caregiver where erased_at is null").fetchall()
        return {(key, value): row[0] for row in rows
                for key, value in zip(("email", "rpps", "phone"), row[1:], strict=True) if value}
    # An organisation is met by its name key (hyc.organisations.name_key), as the form's own check meets it; the
    # oldest of a key wins (a near-duplicate set aside by the upgrade has none of its own).
    return {organisations.name_key(name): row_id for row_id, name in
            read("select id, name from organisation order by id desc").fetchall()}


def _met_in_store(rows: list[dict], store_keys: dict) -> list[int]:
    """The stored caregivers rows meet by e-mail, RPPS or phone."""
    met = []
    for data in rows:
        for key, rule in _KEY_RULES.items():
            if key in data:
                try:
                    found = store_keys.get((key, rule(str(data[key]), key)))
                except validation.InvalidInput:
                    continue
                if found:
                    met.append(found)
    return met


def plan(session: Session, kind: str, sheet: Sheet, fields: list[str | None], today: date,
         basis: Basis | None = None) -> tuple[Report, _Plan]:
    """The report of an import, and the records it would write, without writing anything."""
    basis = basis or Basis()
    if problems := mapping_problems(kind, fields):
        raise FormInvalid({"mapping": Message("import.mapping", problems=tuple(problems))})
    if kind == "caregivers" and (basis.lawful_basis or "lawful_basis" not in fields):
        basis.check(today)  # a file's people are kept on a basis: stated for the file, or in a column of its own
    work = _Plan(session, kind, today, basis)
    store = _store_keys(session, kind)
    planner = _plan_caregiver if kind == "caregivers" else _plan_organisation
    read = [None if all(blank(cell) for cell in row) else cells(fields, row) for row in sheet.rows]
    if kind == "caregivers":
        work.preload(models.Caregiver, _met_in_store([r[0] for r in read if r], store), caregivers.FIELDS)
    lines = []
    for number, row in enumerate(read, start=2):
        lines.append(Line(number, BLANK) if row is None else planner(work, number, *row, store))
    return Report(kind, lines, encoding=sheet.encoding, delimiter=sheet.delimiter), work


def _write(session: Session, actor: Actor, kind: str, work: _Plan) -> None:
    """Create the new records and fill the stored ones, through the domain's writes (audited): caregivers in bulk
    (a file of thousands), organisations and their contacts one by one."""
    if kind == "caregivers":
        new = [record for record in work.records if record.id is None]
        for record, caregiver_id in zip(new, caregivers.add_many(session, actor, [r.values for r in new]),
                                        strict=True):
            record.id = caregiver_id
        caregivers.fill_many(session, actor, [
            (record.id, {name: record.loaded.get(name) for name in record.filled}, record.filled)
            for record in work.records if record.filled and record.loaded])
        return
    for record in work.records:
        if record.id is None:
            record.id = organisations.add(session, actor, record.values).id
        elif record.filled:
            organisations.change(session, actor, record.id, record.filled, None)
        for contact in record.contacts:
            if contact.id is None:
                contact.id = organisations.add_contact(session, actor, record.id, contact.values).id
            elif contact.filled:
                organisations.change_contact(session, actor, contact.id, contact.filled, None)


AREAS = {"caregivers": "caregivers", "organisations": "organisations"}
REPORT_COLUMNS = {"row": "import.col.row", "outcome": "import.col.outcome", "name": "import.col.name",
                  "record_id": "import.col.record", "details": "import.col.details"}


def report_table(report: Report, lang: str = "fr") -> pd.DataFrame:
    """The report under its headers in `lang`, as it downloads."""
    return report.frame(lang).rename(columns={name: t(key, lang) for name, key in REPORT_COLUMNS.items()})


def run(engine: Engine, actor: Actor, kind: str, sheet: Sheet, fields: list[str | None], *, today: date,
        filename: str, write: bool, partial: bool = False, basis: Basis | None = None) -> Report:
    """The report of importing `sheet`, its new caregivers kept on `basis` (unless a row gives its own); with
    `write`, the import done in one transaction when no row is refused (or, with `partial`, the rows that are not),
    with an audit event of the counts."""

    def attempt() -> Report:
        with audit.transaction(engine, actor, AREAS[kind]) as session:
            report, work = plan(session, kind, sheet, fields, today, basis)
            if write and (partial or not report.rejected):
                _write(session, actor, kind, work)
                audit.log(session, actor, "import", kind.removesuffix("s"), None, None,
                          {"file": filename, **report.counts()})
                report.written = True
            else:
                session.rollback()
            return report

    return audit.unique_write(attempt)
