"""Writes on organisations and their contacts: create, update (never over someone else's change), archive."""

from __future__ import annotations

import re

from sqlalchemy import Engine
from sqlmodel import Session, select

from hyc import audit, matches, models, validation, vocab
from hyc.audit import Actor
from hyc.i18n import Message
from hyc.text import fold
from hyc.validation import PARAGRAPH, Form

ORGANISATION_FIELDS = ("name", "kind", "makes_health_products", "city", "region", "website", "notes")
CONTACT_FIELDS = ("first_name", "last_name", "role", "email", "phone")


def clean(data: dict) -> dict:
    f = Form(data)
    values = {
        "name": f.text("name", required=True, max_length=160),
        "kind": f.code("kind", vocab.ORGANISATION_KINDS, required=True),
        "makes_health_products": f.boolean("makes_health_products"),
        "city": f.text("city", max_length=80),
        "region": f.code("region", vocab.REGIONS),
        "website": f.text("website", max_length=200),
        "notes": f.text("notes", max_length=PARAGRAPH),
    }
    site = values["website"]
    if site and not (site.startswith(("http://", "https://")) and "." in site):
        f.fail("website", Message("error.website"))
    f.finish()
    return values


def clean_contact(data: dict) -> dict:
    f = Form(data)
    values = {
        "first_name": f.text("first_name", required=True, max_length=80),
        "last_name": f.text("last_name", required=True, max_length=80),
        "role": f.text("role", max_length=120),
        "email": f.checked("email", validation.email),
        "phone": f.checked("phone", validation.phone),
    }
    f.finish()
    return values


# Legal forms, as a name may carry them or not ("Medilab SAS" is "Médilab").
LEGAL_FORMS = frozenset({"sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "scop", "scm", "sel", "selarl", "selas",
                         "gie", "eirl", "ei", "inc", "ltd", "llc", "gmbh", "ag", "bv", "nv", "plc", "corp", "co",
                         "cie", "group", "groupe"})


def bare_name(name: str) -> str:
    """The name as written, its legal form and the punctuation around its words set aside ("OncoFlow SAS" →
    "OncoFlow", "Pharma-Rossi SARL" → "Pharma Rossi"). A name made only of a legal form keeps it."""
    words = re.findall(r"[^\W_]+", name)
    return " ".join([word for word in words if fold(word) not in LEGAL_FORMS] or words)


def name_key(name: str) -> str:
    """The name as two saves compare it: its words folded (case, accents, ligatures), the punctuation and spaces
    between them and its legal form set aside: "Médilab SAS", "MEDILAB" and "Médilab." are one organisation, and
    so are "Pharma-Rossi" and "Pharma Rossi". A name made only of a legal form keeps it."""
    words = re.findall(r"[^\W_]+", fold(name))
    kept = [word for word in words if word not in LEGAL_FORMS] or words
    return " ".join(kept)


def _same_name(session: Session, key: str, other_than: int | None = None) -> models.Organisation | None:
    query = select(models.Organisation).where(models.Organisation.name_key == key)
    if other_than is not None:
        query = query.where(models.Organisation.id != other_than)
    return session.exec(query).first()


def add(session: Session, actor: Actor, values: dict) -> models.Organisation:
    key = name_key(values["name"])
    same_name = _same_name(session, key)
    if same_name:
        raise validation.FormInvalid({"name": Message("error.organisation_exists", name=same_name.name)})
    org = models.Organisation(**values, name_key=key)
    session.add(org)
    session.flush()
    audit.log(session, actor, "create", "organisation", org.id, None, audit.snapshot(org))
    return org


def add_contact(session: Session, actor: Actor, organisation_id: int, values: dict) -> models.Contact:
    if session.get(models.Organisation, organisation_id) is None:
        raise audit.NotFound("this_organisation")
    contact = models.Contact(organisation_id=organisation_id, **values)
    session.add(contact)
    session.flush()
    audit.log(session, actor, "create", "contact", contact.id, None, audit.snapshot(contact))
    return contact


def _change(session: Session, actor: Actor, model, entity: str, row_id: int, values: dict,
            expected_version: int | None):
    row = session.get(model, row_id)
    if row is None:
        raise audit.NotFound()
    audit.check_version(session, row, entity, expected_version)
    if entity == "organisation" and "name" in values:  # renamed: its key follows, and stays its own
        values = values | {"name_key": name_key(values["name"])}
        same_name = _same_name(session, values["name_key"], other_than=row_id)
        if same_name:
            raise validation.FormInvalid({"name": Message("error.organisation_exists", name=same_name.name)})
    audit.apply(session, actor, row, entity, values)
    if entity == "organisation" and "makes_health_products" in values:  # its matches' convention states follow
        matches.follow_facts(session, actor, organisation_id=row_id)
    return row


def change(session: Session, actor: Actor, organisation_id: int, values: dict,
           expected_version: int | None) -> models.Organisation:
    return _change(session, actor, models.Organisation, "organisation", organisation_id, values, expected_version)


def change_contact(session: Session, actor: Actor, contact_id: int, values: dict,
                   expected_version: int | None) -> models.Contact:
    return _change(session, actor, models.Contact, "contact", contact_id, values, expected_version)


def _changes(row, fields: tuple[str, ...], clean_fn, changes: dict) -> dict:
    """The values to write for the fields a person changed, checked against the rest of the record."""
    stored = {name: getattr(row, name) for name in fields}
    return validation.only_changes(lambda data: (clean_fn(data), {}), stored, changes)[0]


def clean_changes(organisation: models.Organisation, changes: dict) -> dict:
    return _changes(organisation, ORGANISATION_FIELDS, clean, changes)


def clean_contact_changes(contact: models.Contact, changes: dict) -> dict:
    return _changes(contact, CONTACT_FIELDS, clean_contact, changes)


def create(engine: Engine, actor: Actor, data: dict) -> models.Organisation:
    values = clean(data)

    def write() -> models.Organisation:
        with audit.transaction(engine, actor, "organisations") as session:
            return add(session, actor, values)

    return audit.unique_write(write)  # two creations at once: the later one is told the organisation exists


def _update(engine: Engine, actor: Actor, model, entity: str, row_id: int, changes: dict,
            expected_version: int | None, clean_fn):
    with audit.transaction(engine, actor, "organisations") as session:
        row = session.get(model, row_id)
        if row is None:
            raise audit.NotFound()
        audit.check_not_merged(row)
        audit.check_version(session, row, entity, expected_version)
        return _change(session, actor, model, entity, row_id, clean_fn(row, changes), None)


def update(engine: Engine, actor: Actor, organisation_id: int, changes: dict, *,
           expected_version: int | None) -> models.Organisation:
    """Write the fields a person changed, refused when the record moved on since `expected_version`."""
    return _update(engine, actor, models.Organisation, "organisation", organisation_id, changes, expected_version,
                   clean_changes)


def create_contact(engine: Engine, actor: Actor, organisation_id: int, data: dict) -> models.Contact:
    values = clean_contact(data)
    with audit.transaction(engine, actor, "organisations") as session:
        return add_contact(session, actor, organisation_id, values)


def update_contact(engine: Engine, actor: Actor, contact_id: int, changes: dict, *,
                   expected_version: int | None) -> models.Contact:
    return _update(engine, actor, models.Contact, "contact", contact_id, changes, expected_version,
                   clean_contact_changes)


def set_archived(engine: Engine, actor: Actor, entity: str, row_id: int, archived: bool):
    """Archive or restore an organisation or a contact."""
    model = {"organisation": models.Organisation, "contact": models.Contact}[entity]
    with audit.transaction(engine, actor, "organisations") as session:
        return audit.archive(session, actor, session.get(model, row_id), entity, archived)
