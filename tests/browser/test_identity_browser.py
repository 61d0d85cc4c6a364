"""Issue 27: sign-in through the team's identity provider (OpenID Connect, Streamlit's st.login), against a local
test provider (oidc-provider-mock) started here: a team member's e-mail is admitted with its role, an unknown or
unverified one is refused with its sentence, and with HYC_PASSWORD_SIGN_IN=off no password form is offered."""

from __future__ import annotations

import secrets
from urllib.parse import urlparse

import duckdb
import pytest
from oidc_provider_mock import User, run_server_in_thread

from hyc import i18n, vocab
from tests.browser.conftest import DEMO_ACCOUNTS, Server, _free_port, errors_shown, wait_idle
from tests.conftest import build_store, t

UNVERIFIED = "non-verifie"  # a subject whose provider says its address is not verified


@pytest.fixture(scope="module")
def provider():
    users = [User(sub=UNVERIFIED, claims={"email": DEMO_ACCOUNTS["mentor"], "email_verified": False})]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def served(tmp_path, provider):
    """A server whose secrets name the test provider; `served(**env)` starts it with these settings."""
    started = []

    def start(**env) -> Server:
        port = _free_port()
        secrets_file = tmp_path / "secrets.toml"
        secrets_file.write_text(f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_urlsafe(32)}"
client_id = "hack-your-care"
client_secret = "{secrets.token_urlsafe(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""")
        path = tmp_path / "hyc.duckdb"
        build_store(path)
        started.append(Server(path, tmp_path / "streamlit.log", ("--secrets.files", str(secrets_file)), env, port))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def through_provider(page, url: str, subject: str | None = None, predefined: str | None = None) -> None:
    """From the sign-in page to the provider and back: type a subject (its e-mail is the subject) or pick a
    predefined one."""
    page.goto(f"{url}/")
    wait_idle(page)
    page.get_by_role("button", name=t("auth.with_identity")).click()
    page.get_by_role("heading", name="Authorize Client").wait_for(timeout=30_000)
    if predefined:
        page.get_by_role("button", name=predefined).click()
    else:
        page.get_by_placeholder("sub").fill(subject)
        page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=30_000)
    wait_idle(page)


def audit_of(server: Server, action: str) -> list[tuple]:
    server.stop()  # the store is read once the server let it go
    con = duckdb.connect(str(server.db_path), read_only=True)
    try:
        return con.execute("select actor_id, after from audit_event where action = ? order by id",
                           [action]).fetchall()
    finally:
        con.close()


def test_a_team_member_signs_in_through_the_provider_with_their_role(served, browser):
    server = served()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    through_provider(page, server.url, subject=DEMO_ACCOUNTS["mentor"].upper())  # the provider's own casing
    page.get_by_role("button", name=t("auth.sign_out")).wait_for(timeout=30_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert "Sophie Laurent" in sidebar.inner_text()
    assert vocab.ROLES.label("mentor", "fr") in sidebar.inner_text()
    assert urlparse(page.url).path == "/mentoring"  # a mentor's landing page
    assert errors_shown(page) == []
    # A founder's page stays refused to this mentor: the role is the account's.
    page.goto(f"{server.url}/team")
    wait_idle(page)
    refusal = i18n.t("auth.forbidden", "fr", allowed="§", role="§").split("§")[0].strip()
    assert page.get_by_text(refusal).count() == 1
    # Signing out forgets the provider's identity too: the next visit asks again.
    page.get_by_role("button", name=t("auth.sign_out")).click()
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name=t("auth.with_identity")).wait_for(timeout=30_000)
    page.goto(f"{server.url}/mentoring")
    wait_idle(page)
    assert page.get_by_role("button", name=t("auth.sign_out")).count() == 0
    context.close()
    [(actor, after)] = [row for row in audit_of(server, "sign_in")]
    assert actor == 4 and after == '{"method": "oidc"}'  # Sophie Laurent, id 4 in the demo team


def test_an_unknown_or_unverified_address_is_refused_and_another_account_can_be_used(served, browser):
    server = served(HYC_PASSWORD_SIGN_IN="off")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{server.url}/")
    wait_idle(page)
    assert page.get_by_role("textbox", name=t("auth.password")).count() == 0  # the provider is the only way in

    through_provider(page, server.url, subject="inconnu@example.org")
    assert page.get_by_text(i18n.t("error.identity_not_in_team", "fr")).is_visible()
    assert page.get_by_text("inconnu@example.org").is_visible()
    assert page.get_by_role("button", name=t("auth.sign_out")).count() == 0

    page.get_by_role("button", name=t("auth.other_identity")).click()  # the identity forgotten at the provider too
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name=t("auth.with_identity")).wait_for(timeout=30_000)
    through_provider(page, server.url, predefined=UNVERIFIED)
    assert page.get_by_text(i18n.t("error.identity_unverified", "fr")).is_visible()
    assert page.get_by_role("button", name=t("auth.sign_out")).count() == 0
    context.close()
    refused = audit_of(server, "sign_in_failed")
    assert refused == [(None, '{"method": "oidc"}')] * 2  # audited, without the stranger's address
    assert audit_of(server, "sign_in") == []
