"""An empty value shows as a dash, never as "<NA>", "None", "nan" or "NaT": every page, and the records of a
caregiver, an organisation and a request saved with as little as the forms allow, read under AppTest."""

import re

import pandas as pd
import pytest

from hyc import caregivers, matches, organisations, requests, schema
from tests.conftest import TODAY
from tests.helpers import FOUNDER
from tests.pages.conftest import page, run_on

NOTHING = re.compile(r"<NA>|\b(None|nan|NaN|NaT)\b")


@pytest.fixture
def sparse(store):
    """A caregiver, an organisation and a request holding only what is required, the caregiver on the request."""
    engine = schema.open_store(f"duckdb:///{store}")
    caregiver, _ = caregivers.create(engine, FOUNDER, {"first_name": "Ève", "last_name": "Minimale",
                                                       "phone": "06 11 22 33 44", "profession": "infirmier"},
                                     today=TODAY)
    organisation = organisations.create(engine, FOUNDER, {"name": "Vide SAS", "kind": "startup"})
    request, _ = requests.create(engine, FOUNDER, {"title": "Besoin minimal", "mission_type": "conseil",
                                                   "professions": ["infirmier"], "headcount": 1,
                                                   "organisation_id": organisation.id})
    matches.add_candidates(engine, FOUNDER, request.id, [caregiver.id])
    engine.dispose()
    return {"caregiver": caregiver.id, "organisation": organisation.id, "request": request.id}


def shown_text(at) -> list[str]:
    """Every text a person reads on the page: sentences, figures, and the text cells of every table."""
    texts = [str(e.value) for kind in ("markdown", "caption", "info", "success", "warning", "error", "subheader",
                                       "header", "title", "metric")
             for e in at.get(kind)]
    texts += [str(e.label) for e in at.get("metric")]
    for table in at.dataframe:
        frame = table.value
        for column in frame.columns:
            texts += [v for v in frame[column] if isinstance(v, str)]
    return texts


@pytest.mark.parametrize(("name", "record"), [
    ("talent_pool", "caregiver"), ("mentoring", "caregiver"), ("requests", "request"),
    ("requests", "organisation"), ("overview", None), ("matches", None), ("rates", None), ("call_log", None),
    ("privacy", None), ("audit_log", None), ("team", None),
])
def test_no_page_shows_na_for_an_empty_value(sparse, name, record):
    query = {record: str(sparse[record])} if record else {}
    at = run_on(page(name), TODAY, **query)
    assert not at.exception
    found = [text for text in shown_text(at) if NOTHING.search(text)]
    assert found == []
    if record:  # the record itself was drawn
        assert any(title in " ".join(shown_text(at)) for title in ("Minimale", "Vide SAS", "Besoin minimal"))


def test_the_scan_sees_an_na_when_there_is_one():
    """The check above can fail: a frame holding the text "<NA>" is caught."""
    class Shown:
        def get(self, kind):
            return []
        dataframe = [type("Table", (), {"value": pd.DataFrame({"a": ["ok", "<NA> ans"]})})()]
    assert [t for t in shown_text(Shown()) if NOTHING.search(t)] == ["<NA> ans"]
