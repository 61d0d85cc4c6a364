"""The gate under AppTest: the sign-in form before anything, the menu of each role, refused pages, expiry."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from hyc import ui, vocab
from tests.conftest import TODAY, t
from tests.pages.conftest import APP, FOUNDER, MENTOR, READER, TIMEOUT, page, run_on, signed_in_as

ALL_PAGES = ("overview", "mentoring", "call_log", "talent_pool", "requests", "matches", "rates", "pivot", "privacy",
             "audit_log", "team", "console")
# What each role's menu holds, as the team agreed (issue 5): founders everything; mentors no founder pages;
# readers neither the founder pages nor the call log, where one writes.
MENUS = {
    FOUNDER: [t(f"nav.{p}") for p in ("overview", "mentoring", "call_log", "talent_pool", "requests", "matches",
                                      "rates", "pivot", "imports", "duplicates", "privacy", "audit_log", "team",
                                      "console")],
    MENTOR: [t(f"nav.{p}") for p in ("mentoring", "overview", "call_log", "talent_pool", "requests", "matches",
                                     "rates", "pivot", "imports")],
    READER: [t(f"nav.{p}") for p in ("overview", "mentoring", "talent_pool", "requests", "matches", "rates",
                                     "pivot")],
}


ROLES = {FOUNDER: "fondateur", MENTOR: "mentor", READER: "lecteur"}


def menu(at) -> list[str]:
    """The sidebar's menu (the landing page's own links, its day's digest, are in the main area)."""
    return [link.proto.label for link in at.sidebar.get("page_link")]


@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_page_shows_only_the_sign_in_form_before_sign_in(on_demo, name):
    at = run_on(page(name), TODAY, member=None, caregiver="1", request="1")
    assert not at.exception
    assert [b.label for b in at.button] == [t("auth.submit")]
    assert at.metric == [] and menu(at) == []
    # No data: only the empty chart and table that make the browser load their code while the person types.
    assert [len(table.value) for table in at.dataframe] == [0]
    assert [json.loads(chart.proto.spec)["data"] for chart in at.get("plotly_chart")] == [
        [{"type": "bar", "x": [], "y": []}]]


@pytest.mark.parametrize("member", list(MENUS), ids=["fondateur", "mentor", "lecteur"])
def test_each_role_sees_its_own_menu(on_demo, member):
    at = run_on(page("overview"), TODAY, member=member)
    assert not at.exception
    assert menu(at) == MENUS[member]


@pytest.mark.parametrize(("member", "name"), [(MENTOR, "privacy"), (MENTOR, "audit_log"), (MENTOR, "team"),
                                              (READER, "call_log"), (READER, "team"), (READER, "privacy")])
def test_a_page_outside_the_role_is_refused_when_its_url_is_typed_and_says_why(on_demo, member, name):
    at = run_on(page(name), TODAY, member=member)
    role = vocab.ROLES.label(ROLES[member])
    allowed = ", ".join(vocab.ROLES.label(r) for r in next(roles for p, _, _, roles in ui.PAGES if p == name))
    assert [e.value for e in at.error][-1] == (f"Cette page est réservée aux rôles : {allowed}. Votre rôle ({role}) "
                                               "ne l'ouvre pas ; demandez à un·e fondateur·rice si vous en avez "
                                               "besoin.")
    # …and offers the way to the role's own first page.
    first = t("nav.mentoring") if member == MENTOR else t("nav.overview")
    assert [link.proto.label for link in at.main.get("page_link")] == [f"Aller à « {first} »"]
    assert at.get("form") == [] and at.dataframe == []


def test_a_session_idle_for_eight_hours_signs_in_again(on_demo):
    at = signed_in_as(AppTest.from_file(APP, default_timeout=TIMEOUT), FOUNDER)
    at.session_state["auth.last_seen"] = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=8, minutes=1)
    at.run()
    assert [b.label for b in at.button] == [t("auth.submit")]
    assert "Session terminée après 8 h sans activité : reconnectez-vous." in [i.value for i in at.info]
    assert at.metric == []


def test_a_session_active_within_eight_hours_goes_on(on_demo):
    at = signed_in_as(AppTest.from_file(APP, default_timeout=TIMEOUT), FOUNDER)
    at.session_state["auth.last_seen"] = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=7, minutes=59)
    at.run()
    assert at.metric and t("auth.sign_out") in [b.label for b in at.button]


def test_sign_in_through_the_form_and_out_again(store):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input(key="sign_in.email").input("lea.fontaine@hackyourcare.fr")
    at.text_input(key="sign_in.password").input("mauvais mot de passe")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["E\\-mail ou mot de passe incorrect\\."]
    assert at.text_input(key="sign_in.password").value == ""  # not kept in the session
    at.text_input(key="sign_in.password").input("demo-lecteur-2026")
    at.button[0].click().run()
    assert at.metric, "the reader sees the Overview"
    assert menu(at) == MENUS[READER]
    next(b for b in at.button if b.label == t("auth.sign_out")).click().run()
    assert [b.label for b in at.button] == [t("auth.submit")] and at.metric == []
