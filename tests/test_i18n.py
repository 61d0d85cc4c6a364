"""Interface strings: every key speaks French and English, with the same placeholders."""

import re
from pathlib import Path

import pytest

from hyc import i18n

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("key", sorted(i18n.CATALOG))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = i18n.CATALOG[key]
    assert set(entry) == set(i18n.LANGUAGES)
    assert set(re.findall(r"{(\w+)}", entry["fr"])) == set(re.findall(r"{(\w+)}", entry["en"]))


def test_t_fills_values_and_falls_back():
    assert i18n.t("app.store", "en", path="x.duckdb") == "Store: x.duckdb"
    assert i18n.t("app.store", path="x.duckdb") == "Base : x.duckdb"
    assert i18n.t("no.such.key") == "no.such.key"


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("hyc/**/*.py")]:
        used |= set(re.findall(r"""\b(?:t|Message)\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    assert used, "no key found: the pattern is out of date"
    assert used <= set(i18n.CATALOG), used - set(i18n.CATALOG)


def test_the_domain_speaks_through_the_catalog():
    """No sentence for a person is written in a domain module: each is a Message of the catalog."""
    french = re.compile(r"""(?:raise \w+\(|errors\[[^]]+\] = |fail\([^,]+, )f?["'][A-ZÀ-Ý]""")
    for path in ROOT.glob("hyc/*.py"):
        if path.name in ("cli.py", "demo.py", "vocab.py"):  # the command line speaks French; demo data is French
            continue
        assert not french.search(path.read_text()), path.name


def test_a_domain_message_is_french_and_says_itself_in_english():
    from hyc import validation
    from hyc.validation import Form

    form = Form({"expected_day_rate": "1000000000000", "years_experience": "75"})
    form.day_rate("expected_day_rate")
    form.integer("years_experience")
    rate, years = form.errors["expected_day_rate"], form.errors["years_experience"]
    assert rate == "Un tarif journalier ne dépasse pas 20\u202f000\u202f€ : vérifiez la saisie."
    assert i18n.said(rate, "en") == "A day rate does not go beyond €20,000: check what was typed."
    assert i18n.said(years, "en") == "Type a whole number between 0 and 60."
    with pytest.raises(validation.InvalidInput) as refused:
        validation.rpps("123")
    assert i18n.said(refused.value.message, "en") == "An RPPS number has 11 digits."


@pytest.mark.parametrize(("n", "lang", "text"), [
    (0, "fr", "Personne effacée ; 0 texte d'une autre fiche modifié"), (1, "fr", "Personne effacée ; 1 texte d'une"),
    (2, "fr", "Personne effacée ; 2 textes d'autres fiches modifiés"), (0, "en", "Person erased; 0 texts of other"),
    (1, "en", "Person erased; 1 text of another record changed"),
])
def test_a_count_reads_in_the_singular_or_the_plural_as_each_language_says(n, lang, text):
    assert i18n.t("privacy.erased", lang, n=n).startswith(text)


@pytest.mark.parametrize(("value", "euros", "digits", "fr", "en"), [
    (2760, True, 0, "2\u202f760\u202f€", "€2,760"), (212.5, True, 0, "212,50\u202f€", "€212.50"),
    (1982, False, 0, "1\u202f982", "1,982"), (6.5, False, 1, "6,5", "6.5"), (4.0, False, 2, "4", "4"),
    (1234567.25, False, 2, "1\u202f234\u202f567,25", "1,234,567.25")])
def test_a_figure_in_a_sentence_is_said_in_the_reader_s_language(value, euros, digits, fr, en):
    figure = i18n.Figure(value, euros=euros, digits=digits)
    assert figure == fr  # French as a string: logs and the command line
    assert figure.said("en") == en
    said = i18n.Message("verdict.way.days", n=figure, rate=i18n.Figure(690, euros=True))
    assert en in said.said("en") and "€690" in said.said("en") and fr in said
