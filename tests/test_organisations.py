"""Writes on organisations and their contacts: a name never twice, what a bad input says."""


import pytest

from hyc import organisations
from hyc.validation import FormInvalid
from tests.helpers import (
    FOUNDER,
    VALID_CONTACT,
    VALID_ORGANISATION,
    assert_refused,
)


def test_an_organisation_name_is_unique_whatever_its_case(engine):
    organisations.create(engine, FOUNDER, VALID_ORGANISATION)
    with pytest.raises(FormInvalid) as refused:
        organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "CARDIOTECH"})
    assert refused.value.errors["name"] == "« Cardiotech » existe déjà : choisissez-la dans la liste."


BAD_ORGANISATIONS = [
    (lambda e: organisations.create(e, FOUNDER, VALID_ORGANISATION | {"kind": None}), "kind",
     "Ce champ est obligatoire."),
    (lambda e: organisations.create(e, FOUNDER, VALID_ORGANISATION | {"website": "cardiotech"}), "website",
     "Saisissez une adresse complète, par exemple https://www.exemple.fr."),
    (lambda e: organisations.create_contact(e, FOUNDER, 1, VALID_CONTACT | {"email": "marc@@x.fr"}), "email",
     "Cette adresse e-mail n'est pas valide."),
]


@pytest.mark.parametrize(("write", "field", "message"), BAD_ORGANISATIONS)
def test_bad_inputs_are_refused_with_their_message_and_nothing_written(engine, write, field, message):
    assert_refused(engine, write, field, message)
