"""The console page (AppTest): a query that fails or runs too long is a sentence in the reader's language shown in an
error box, never a crash page; the question asked in words works on the labelled view; the examples open and run;
the help lists the codes with their labels."""

import pytest

from hyc import console, schema
from hyc.ui.fmt import plain
from tests.conftest import TODAY, fetch, t
from tests.pages.conftest import page, run_on


def shown(at) -> list[str]:
    """The error boxes' text, as the reader sees it (markdown's escapes aside)."""
    return [e.value for e in at.error]


def ask(at, sql: str):
    at.text_area(key="console.sql").input(sql)
    return next(b for b in at.button if b.key == "console.run").click().run()


def expected(store, sql: str) -> list:
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        return fetch(engine, sql)
    finally:
        engine.dispose()


def test_a_failing_query_is_a_french_sentence_in_an_error_box_and_the_next_one_runs(store):
    at = ask(run_on(page("console"), TODAY), "select nom from caregiver")
    assert not at.exception
    assert shown(at) == [plain(t("console.unknown_column", name="nom"))]
    assert not at.dataframe
    at = ask(at, "select 1 // 0")
    assert shown(at) == [plain(t("console.division_by_zero"))]
    at = ask(at, "select count(*) from caregiver")
    assert not at.error and next(d.value for d in at.dataframe)["count(*)"].tolist() == list(
        expected(store, "select count(*) from caregiver")[0])


def test_an_endless_query_stops_at_the_time_limit_with_a_sentence_not_a_crash(store, monkeypatch):
    monkeypatch.setattr(console, "TIME_LIMIT", 1.0)
    at = ask(run_on(page("console"), TODAY), "with recursive r(n) as (select 1 union all select n + 1 from r) "
                                             "select * from r")
    assert not at.exception
    [error] = shown(at)
    assert error.startswith("Requête arrêtée après ") and plain("(limite : 1 s)") in error
    # In English, the same in English.
    at = ask(run_on(page("console"), TODAY, lang="en"), "select * from caregiver where last_name = Dupont")
    assert shown(at) == [plain('Unknown column "Dupont": check its name under "Tables and columns" '
                               "(text goes between single quotes: 'Occitanie').")]


def test_the_question_asked_in_words_works_on_the_labelled_view(store):
    at = ask(run_on(page("console"), TODAY), "select id, profession, region from caregiver_fr "
                                             "where profession = 'Masseur-kinésithérapeute' and region = 'Occitanie' "
                                             "order by id")
    assert not at.exception and not at.error
    rows = next(d.value for d in at.dataframe)
    ids = [i for (i,) in expected(store, "select id from caregiver where profession = 'masseur_kinesitherapeute' "
                                         "and region = '76' order by id")]
    assert rows.id.tolist() == ids and len(ids) > 0
    assert set(rows.profession) == {"Masseur-kinésithérapeute"} and set(rows.region) == {"Occitanie"}


def test_an_example_opens_in_the_query_and_runs(store):
    at = run_on(page("console"), TODAY)
    picker = next(s for s in at.selectbox if s.key == "console.example")
    assert picker.options == [t(key) for key, _ in console.EXAMPLES]
    at = picker.set_value("console.example.pool").run()
    assert not at.exception and not at.error
    body = dict(console.EXAMPLES)["console.example.pool"]
    assert at.text_area(key="console.sql").value == body
    rows = next(d.value for d in at.dataframe)
    assert rows.soignants.sum() == expected(store, "select count(*) from caregiver "
                                                   "where not archived and erased_at is null")[0][0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_help_lists_each_coded_column_s_codes_with_their_labels(on_demo, lang):
    at = run_on(page("console"), TODAY, lang=lang)
    assert not at.exception
    [caregiver] = [e for e in at.expander if e.label.startswith("`caregiver`")]
    text = "\n".join(m.value for m in caregiver.markdown)
    assert "`caregiver_fr`" in text and "`caregiver_en`" in text
    said = {"fr": ("Masseur-kinésithérapeute", "Occitanie", "Mission de conseil"),
            "en": ("Physiotherapist", "Occitanie", "Advisory mission")}[lang]
    for code, label in zip(("masseur_kinesitherapeute", "76", "conseil"), said, strict=True):
        assert f"`{code}` {plain(label)}" in text
