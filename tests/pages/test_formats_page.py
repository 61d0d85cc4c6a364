"""Pages in the reader's language (issue 28): a table's number columns carry the interface's printf formats
(never a named format the browser's locale writes), the Team page says roles in the reader's language, and the
audit log shows labels and readable changes rather than codes and JSON."""

import json
from datetime import datetime

import pytest

from hyc import accounts, schema
from hyc.models import PARIS
from tests.conftest import TODAY
from tests.helpers import FOUNDER as FOUNDER_ACTOR
from tests.pages.conftest import page, run_on

NNBSP = "\u202f"
# The formats written out by hand: sprintf-js groups thousands with the character after "'" (French), or a comma.
GRID = {"fr": {"euro": f"%'{NNBSP},.0f{NNBSP}€", "count": f"%'{NNBSP},.0f"},
        "en": {"euro": "€%,.0f", "count": "%,.0f"}}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_rates_tables_write_euros_and_counts_in_the_interfaces_language(on_demo, language):
    at = run_on(page("rates"), TODAY, lang=language)
    assert not at.exception
    config = json.loads(at.dataframe[0].proto.columns)
    for column in ("q1", "median", "q3", "min", "max", "expected_median"):
        assert config[column]["type_config"]["format"] == GRID[language]["euro"], column
    for column in ("n", "expected_n"):
        assert config[column]["type_config"]["format"] == GRID[language]["count"], column


def test_the_team_page_says_roles_in_the_readers_language(on_demo):
    english = run_on(page("team"), TODAY, lang="en").dataframe[0].value
    french = run_on(page("team"), TODAY, lang="fr").dataframe[0].value
    assert set(english.role) <= {"Founder", "Mentor", "Reader"} and "Founder" in set(english.role)
    assert set(french.role) <= {"Fondateur·rice", "Mentor", "Lecteur·rice"} and "Fondateur·rice" in set(french.role)
    assert set(english.active) <= {"Yes", "No"} and set(french.active) <= {"Oui", "Non"}


def test_the_audit_log_shows_labels_and_readable_changes(store):
    engine = schema.open_store(f"duckdb:///{store}")
    try:  # Léa Fontaine (3), a lectrice, becomes a mentor
        accounts.update(engine, FOUNDER_ACTOR, 3, {"role": "mentor"})
    finally:
        engine.dispose()
    today = datetime.now(PARIS).date()  # the event is written now
    for language, action, entity, before, after in (
            ("en", "Updated", "Account", "Role: Reader", "Role: Mentor"),
            ("fr", "Modification", "Compte", "Fonction : Lecteur·rice", "Fonction : Mentor")):
        at = run_on(page("audit_log"), today, lang=language)
        assert not at.exception
        events = at.dataframe[0].value
        row = events[(events.entity_id == 3)].iloc[0]
        assert (row.action, row.entity, row.before, row.after) == (action, entity, before, after)
        shown = " ".join(events.before.fillna("").tolist() + events.after.fillna("").tolist())
        assert "{" not in shown and '"' not in shown  # no raw JSON
