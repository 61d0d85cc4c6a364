"""Issue 30 in Chromium, the team's journey: a health-products client asks for three cardiologists; the three
ranked first are shortlisted and receive the proposal by e-mail (previewed, then sent: the local SMTP server gets
three); one answers "intéressé(e)", recorded in one click; the terms agreed, their convention is generated and
downloaded. The preview and the result are photographed in /tmp/shots."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.browser.conftest import Server, errors_shown, sign_in, wait_idle
from tests.browser.test_matching_browser import tick_rows
from tests.conftest import build_store, local_smtp, t

SHOTS = Path("/tmp/shots")
START = date.today() + timedelta(days=90)  # time enough for the Ordre: the request's verdict is not red


@pytest.fixture
def mail_server():
    """A local SMTP server for the app's server process: its port, and what it receives."""
    with local_smtp() as server:
        yield server


@pytest.fixture
def proposals_server(tmp_path, mail_server):
    """A store where one open request of a health-products company asks for cardiologists, nobody on it yet; the
    server sends through the local SMTP server."""
    port, received = mail_server
    path = tmp_path / "hyc.duckdb"
    build_store(path)
    con = duckdb.connect(str(path))
    request_id = con.execute("select min(id) from request where status = 'en_recherche'").fetchall()[0][0]
    con.execute("""update request set professions = 'medecin', specialties = 'cardiologie', headcount = 3,
                   specialties_required = true, mission_type = 'conseil', work_mode = 'hybride', region = '11',
                   digital_appetites = null, budget_day_rate = 600, expected_days = 2, start_date = ?,
                   title = 'Trois cardiologues pour un avis' where id = ?""", [START, request_id])
    con.execute("""update organisation set makes_health_products = true
                   where id = (select organisation_id from request where id = ?)""", [request_id])
    con.execute("delete from match_event where match_id in (select id from match where request_id = ?)", [request_id])
    con.execute("delete from match where request_id = ?", [request_id])
    cardiologists = con.execute("""select count(*) from caregiver where not archived and profession = 'medecin'
                                   and specialty = 'cardiologie' and email is not null""").fetchall()[0][0]
    con.close()
    assert cardiologists >= 3
    srv = Server(path, tmp_path / "streamlit.log", env={"HYC_SMTP_HOST": "127.0.0.1", "HYC_SMTP_PORT": str(port),
                                                         "HYC_SMTP_SECURITY": "none"})
    yield srv, path, request_id, received
    srv.stop()


def test_three_cardiologists_receive_the_proposal_one_is_interested_and_gets_their_convention(proposals_server,
                                                                                             browser):
    server, path, request_id, received = proposals_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1300}, accept_downloads=True)
    sign_in(page, server.url, "fondateur")
    page.goto(f"{server.url}/requests?request={request_id}")
    wait_idle(page)

    # Three ranked cardiologists, ticked and shortlisted.
    page.get_by_role("tab", name=t("record.tab_candidates")).click()
    wait_idle(page)
    panel = page.get_by_role("tabpanel").filter(has=page.get_by_text(t("rank.pick_hint")))
    tick_rows(page, panel.locator("[data-testid='stDataFrame']").first, 3)
    page.get_by_role("button", name=t("shortlist.add", n=3)).click()
    page.get_by_text(t("shortlist.count", n=3)).wait_for(timeout=15_000)
    wait_idle(page)

    # "Envoyer la proposition": each message shown before it goes.
    page.get_by_role("button", name=t("proposals.send")).click()
    preview = page.locator(".st-key-proposal-preview-shortlist")
    preview.wait_for(timeout=15_000)
    wait_idle(page)
    assert preview.locator("[data-testid='stExpander']").count() == 3
    assert "Bonjour " in preview.locator("[data-testid='stText']").first.inner_text()
    preview.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "proposals-preview.png"), full_page=True)
    assert received == []

    page.get_by_role("button", name=t("proposals.confirm", n=3)).click()
    # The request's matches changed: the record shows them (its tabs' names count them), with the result on top.
    result = page.locator(f".st-key-proposal-result-matches-{request_id}:visible, "
                          f".st-key-proposal-result-shortlist-{request_id}:visible").first
    result.wait_for(timeout=30_000)
    wait_idle(page)
    assert errors_shown(page) == []
    assert len(received) == 3  # the local SMTP server got the three
    assert all("Trois cardiologues pour un avis" in m["Subject"] for m in received)
    result.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "proposals-result.png"), full_page=True)

    # One answers: "intéressé(e)", in one click on the request's matches.
    page.get_by_role("tab", name=t("record.tab_matches", n=3)).click()
    wait_idle(page)
    assert t("proposals.sent", n=3, names=[]).split(":")[0] in result.inner_text()
    answers = page.locator("[class*='st-key-answer-row-']:visible")
    assert answers.count() == 3
    first = answers.first
    interested_name = first.locator("[data-testid='stMarkdownContainer']").first.inner_text().split(" · ")[0]
    first.get_by_role("button", name=t("proposals.interested")).click()
    wait_idle(page)
    assert page.locator("[class*='st-key-answer-row-']:visible").count() == 2
    page.screenshot(path=str(SHOTS / "proposals-answered.png"), full_page=True)

    # Their terms agreed, their convention is generated and downloaded.
    which = page.get_by_role("combobox", name=t("form.which_match"))
    which.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    which.click()
    page.get_by_role("option").filter(has_text=f"{interested_name} · Intéressée").first.click()
    wait_idle(page)
    terms = page.locator("[data-testid='stForm']").filter(has=page.get_by_text(t("col.agreed_rate"))).first
    terms.get_by_role("textbox", name=t("field.agreed_day_rate")).fill("600")
    terms.get_by_role("textbox", name=t("field.agreed_days")).fill("2")
    terms.get_by_role("button", name=t("form.save")).click()
    wait_idle(page)
    # Saved on the match as the answer left it (this session's own move does not make the form stale).
    page.get_by_test_id("stAlertContentSuccess").get_by_text(t("saved.terms")).first.wait_for(timeout=15_000)
    convention = page.get_by_role("button", name=t("documents.kind.convention"), exact=True)
    convention.scroll_into_view_if_needed()
    with page.expect_download(timeout=30_000) as download:
        convention.click()
    saved = path.parent / download.value.suggested_filename
    download.value.save_as(str(saved))
    wait_idle(page)
    assert errors_shown(page) == []
    page.close()

    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as docx:
        text = docx.read("word/document.xml").decode()
    server.stop()  # the server holds the store's lock: read it once it has stopped
    con = duckdb.connect(str(path), read_only=True)
    try:
        stages = con.execute("""select c.first_name || ' ' || c.last_name, m.stage from match m
                                join caregiver c on c.id = m.caregiver_id where m.request_id = ?
                                order by 1""", [request_id]).fetchall()
        emails = con.execute("""select count(*) from call where kind = 'proposition_email' and request_id = ?""",
                             [request_id]).fetchall()
    finally:
        con.close()
    assert sorted(stage for _, stage in stages) == ["contactee", "contactee", "interessee"]
    assert dict(stages)[interested_name] == "interessee"
    assert emails == [(3,)]
    assert interested_name.split(" ")[-1] in text  # the convention names them
