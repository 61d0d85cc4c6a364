"""Stored text written into the interface's markdown: inert, a website as a link only when it is one."""

import re

import pytest

from hyc.ui.fmt import Markdown, plain, web_link


def unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize(("typed", "target"), [
    ("https://www.associationfischer.fr", "https://www.associationfischer.fr"),
    ("www.exemple.fr/equipe_medicale?page=2", "https://www.exemple.fr/equipe_medicale?page=2"),
    ("exemple.fr", "https://exemple.fr"),
    ("HTTP://Exemple.fr:8080/a(b)", "HTTP://Exemple.fr:8080/a(b)"),
])
def test_a_website_is_a_link_showing_the_address_as_typed(typed, target):
    link = web_link(f"  {typed} ")
    assert isinstance(link, Markdown)
    text, href = re.fullmatch(r"\[(.*)\]\(<(.*)>\)", link).groups()
    assert unescaped(text) == typed and href == target


@pytest.mark.parametrize("typed", ["pas de site", "javascript:alert(1)", "<b>x</b>.fr", "http://a.fr/<script>",
                                   "https://exemple .fr", "mailto:a@b.fr"])
def test_text_that_is_no_web_address_stays_inert_text(typed):
    shown = web_link(typed)
    assert not isinstance(shown, Markdown) and shown == plain(typed) and unescaped(shown) == typed
