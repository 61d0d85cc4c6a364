"""Many at once, in Chromium: ten people signed in at the same time, each saving twenty calls on the call log, lose
none and see no error; and a command-line write while the app runs is refused with the clear French sentence,
the store and what the app saved left as they were."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from hyc.accounts import DEMO_PASSWORDS
from hyc.i18n import Message
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ERRORS, IDLE, ROOT, errors_shown, sign_in
from tests.browser.test_imports_browser import store_copy
from tests.browser.test_journeys_browser import VIEWPORT, log_intake, read_store
from tests.conftest import build_store, t

SESSIONS, CALLS_EACH = 10, 20
# Counted per table before and after: what a command-line import, backup or restore would have written.
TABLES = ("caregiver", "call", "organisation", "contact", "request", "match", "onboarding_step", "audit_event")


def note(session: int, call: int) -> str:
    return f"Appel simultané n° {call + 1:02d} de la session {session + 1:02d}"


def run_cli(*args: str, store: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HYC_DB": str(store), "HYC_BACKUP_HOUR": "off"}
    return subprocess.run([sys.executable, "-m", "hyc", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def counts_of(con) -> dict[str, int]:
    return {table: con.execute(f"select count(*) from {table}").fetchall()[0][0] for table in TABLES}


def audit_of(con) -> dict[tuple[str, str], int]:
    """Audit events by action and entity."""
    return {(action, entity): n for action, entity, n in con.execute(
        "select action, entity, count(*) from audit_event group by all").fetchall()}


def by_command_line(con) -> int:
    """Audit events written by the command line (no member acts: hyc.audit.COMMAND_LINE)."""
    return con.execute("select count(*) from audit_event where actor_id is null").fetchall()[0][0]


# --- Ten sessions driven at once (Playwright's async API: one sync instance cannot be shared between threads) ----


async def idle(page, timeout: float = 180_000) -> None:
    """tests.browser.conftest.wait_idle, awaited."""
    await page.wait_for_timeout(200)
    await page.wait_for_selector(IDLE, timeout=timeout)
    await page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


async def until(page, check, what: str, timeout: float = 180.0) -> None:
    """Poll `check()` until it holds; an error shown on the page ends the wait at once."""
    deadline = time.monotonic() + timeout
    while not await check():
        errors = await page.locator(ERRORS).all_inner_texts()
        if errors:
            raise AssertionError(f"{what}: {errors}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still waiting after {timeout:.0f} s")
        await page.wait_for_timeout(150)


async def one_session(browser, url: str, k: int, email: str, password: str, organisation: str, shots: Path
                      ) -> dict:
    """Sign in, open the call log on an organisation, save twenty calls one after the other, each once its
    confirmation is drawn; returns the errors shown along the way."""
    context = await browser.new_context(locale="fr-FR", viewport=VIEWPORT)
    context.set_default_timeout(180_000)  # ten sessions on two cores: a run may wait its turn
    page = await context.new_page()
    seen = []
    try:
        await page.goto(f"{url}/")
        await page.get_by_role("textbox", name=t("auth.email")).wait_for()
        await idle(page)
        await page.get_by_role("textbox", name=t("auth.email")).fill(email)
        await page.get_by_role("textbox", name=t("auth.password")).fill(password)
        await page.get_by_role("button", name=t("auth.submit")).click()
        await page.get_by_role("button", name=t("auth.sign_out")).wait_for(timeout=180_000)
        await idle(page)
        await page.goto(f"{url}/call_log")
        await page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=180_000)
        await idle(page)
        await page.locator("[data-testid='stButtonGroup']").get_by_text(t("calls.with_organisation")).click()
        box = page.get_by_role("combobox", name=t("col.organisation"), exact=True)
        await box.wait_for(timeout=180_000)
        await idle(page)
        await box.click()
        await page.keyboard.type(organisation)
        await page.get_by_role("option", name=organisation, exact=True).click(timeout=180_000)
        form = page.locator("[data-testid='stForm']")
        summary = form.get_by_role("textbox", name=t("col.summary"), exact=True)
        # The organisation known, its part of the form is folded, to update only if needed.
        await form.get_by_text(f"{t('calls.organisation_section')} · {t('calls.update_if_needed')}").wait_for(
            timeout=180_000)
        await idle(page)
        assert await box.input_value() == organisation
        for i in range(CALLS_EACH):
            await summary.fill(note(k, i))
            await form.get_by_role("button", name=t("calls.save")).click()
            # A save empties the form (a refusal keeps what was typed) and confirms at its top.
            await until(page, lambda: _emptied(summary), f"session {k + 1}, call {i + 1}")
            await page.get_by_test_id("stAlertContentSuccess").get_by_text(t("calls.saved")).wait_for(
                timeout=180_000)
            await idle(page)
            seen += await page.locator(ERRORS).all_inner_texts()
    except Exception as exc:
        shot = Path(shots) / f"session-{k + 1:02d}.png"
        await page.screenshot(path=str(shot), full_page=True)
        text = await page.locator("[data-testid='stMain']").inner_text()
        raise AssertionError(f"session {k + 1} ({email}): {exc}\nscreenshot {shot}\npage:\n{text[:1500]}") from exc
    finally:
        await context.close()
    return {"session": k, "errors": seen}


async def _emptied(summary) -> bool:
    return await summary.input_value() == ""


def test_ten_sessions_at_once_save_two_hundred_calls_none_lost_none_twice(prepared_server, tmp_path):
    from playwright.async_api import async_playwright

    def prepare(con):
        """Ten people who write: the demo's founders and mentors, and mentors joining them (with the demo's
        password) to make ten, one account each (one account signing in from two browsers at the same instant may
        be refused, which is not what this test is about); one organisation each, that its name picks out alone;
        the row counts and the audit trail."""
        [(top, password_hash)] = con.execute("""select (select max(id) from team_member), password_hash
                                                from team_member where role = 'mentor' and active limit 1""").fetchall()
        demo_writers = con.execute("select count(*) from team_member where role in ('fondateur', 'mentor') and active"
                                   ).fetchall()[0][0]
        for n in range(1, SESSIONS - demo_writers + 1):
            con.execute("""insert into team_member (id, email, full_name, role, password_hash, active, created_at)
                           values (?, ?, ?, 'mentor', ?, true, current_timestamp::timestamp)""",
                        [top + n, f"renfort.{n}@hackyourcare.fr", f"Renfort {n}", password_hash])
        writers = con.execute("""select id, email, role from team_member
                                 where role in ('fondateur', 'mentor') and active order by id""").fetchall()
        organisations = con.execute("""select min(id), name from organisation where not archived
                                       group by name having count(*) = 1 order by 1 limit ?""", [SESSIONS]).fetchall()
        return writers, organisations, counts_of(con), audit_of(con)

    server, (writers, organisations, before, audit_before) = prepared_server(prepare)
    assert len(writers) == len(organisations) == SESSIONS

    async def main():
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return await asyncio.gather(*(
                    one_session(browser, server.url, k, email, DEMO_PASSWORDS[role], organisations[k][1],
                                tmp_path)
                    for k, (_, email, role) in enumerate(writers)), return_exceptions=True)
            finally:
                await browser.close()

    # The session's sync Playwright may own this thread's event loop: the async sessions run on a thread of their own.
    with ThreadPoolExecutor(1) as pool:
        sessions = pool.submit(asyncio.run, main()).result()
    failed = [str(s) for s in sessions if isinstance(s, BaseException)]
    assert not failed, "\n\n".join(failed)
    assert [s["errors"] for s in sessions] == [[]] * SESSIONS
    assert "Traceback" not in server.log_text()

    con = read_store(server)
    saved = dict(con.execute("""select summary, count(*) from call where summary like 'Appel simultané n° %'
                                group by summary""").fetchall())
    by_session = con.execute("""select member_id, organisation_id, count(*) from call
                                where summary like 'Appel simultané n° %' group by all""").fetchall()
    after, audit_after = counts_of(con), audit_of(con)
    audited = con.execute("""select count(*) from audit_event where entity = 'call' and action = 'create' and entity_id
                             in (select id from call where summary like 'Appel simultané n° %')""").fetchall()[0][0]
    con.close()
    expected = {note(k, i) for k in range(SESSIONS) for i in range(CALLS_EACH)}
    assert set(saved) == expected  # all two hundred...
    assert set(saved.values()) == {1}  # ...none twice
    # Each session's calls are its member's, on its organisation.
    assert sorted(by_session) == sorted((member, organisation, CALLS_EACH) for (member, _, _), (organisation, _)
                                        in zip(writers, organisations, strict=True))
    assert audited == SESSIONS * CALLS_EACH
    # Nothing but the calls was written, and the audit trail holds each call and each sign-in.
    assert after == before | {"call": before["call"] + SESSIONS * CALLS_EACH,
                              "audit_event": before["audit_event"] + SESSIONS * CALLS_EACH + SESSIONS}
    assert {key: n - audit_before.get(key, 0) for key, n in audit_after.items() if n != audit_before.get(key, 0)} == {
        ("create", "call"): SESSIONS * CALLS_EACH, ("sign_in", "team_member"): SESSIONS}


# --- The command line beside the running app ----------------------------------------------------------------


def test_a_command_line_write_while_the_app_runs_is_refused_in_french_and_loses_nothing(prepared_server, browser,
                                                                                         tmp_path):
    newcomers = ("anne.ebrard@exemple.fr", "cleo.vidal@exemple.fr")
    sheet = tmp_path / "soignants.csv"
    sheet.write_bytes("Prénom;Nom;E-mail;Téléphone;Métier\r\nAnne;Ébrard;anne.ebrard@exemple.fr;06 71 00 00 41;"
                      "Infirmière\r\nCléo;Vidal;cleo.vidal@exemple.fr;+33 6 71 00 00 42;Kiné\r\n".encode("cp1252"))
    # A backup of another store, to try restoring while the app runs.
    other = tmp_path / "other.duckdb"
    build_store(other)
    made = run_cli("backup", "--to", str(tmp_path / "other_backups"), store=other)
    assert made.returncode == 0, made.stderr
    [backup] = (tmp_path / "other_backups").iterdir()

    server, (before, by_command_line_before) = prepared_server(lambda con: (counts_of(con), by_command_line(con)))
    # The app saves a call before the command line is tried.
    page = browser.new_page(viewport=VIEWPORT)
    sign_in(page, server.url, "mentor")
    log_intake(page, server.url, "Maëlle", "Kerhervé", "07 61 23 45 67", "Accueil : disponible deux jours par mois.")
    with store_copy(server) as con:
        held = counts_of(con)
    assert held["caregiver"] == before["caregiver"] + 1 and held["call"] == before["call"] + 1

    locked = t("error.store_locked", path=str(server.db_path), who=Message("error.process", pid=server.proc.pid))
    imported = run_cli("import", "caregivers", str(sheet), store=server.db_path)
    backed_up = run_cli("backup", "--to", str(tmp_path / "backups"), store=server.db_path)
    restored = run_cli("restore", str(backup), store=server.db_path)
    for done, after_it in ((imported, t("error.import_while_running")), (backed_up, t("error.backup_while_running")),
                           (restored, None)):
        assert done.returncode != 0, done.args
        assert "Traceback" not in done.stderr, done.stderr
        # One sentence on stderr: the store is locked by the app's process, and where to do it instead.
        assert done.stderr.strip().splitlines()[-1] == (f"{locked} {after_it}" if after_it else locked), done.args
    assert not (tmp_path / "soignants.rapport.csv").exists()
    assert not (tmp_path / "backups").exists()
    with store_copy(server) as con:
        assert counts_of(con) == held  # nothing written by the refused commands

    # The app goes on: one more call saved, no error.
    log_intake(page, server.url, "Youenn", "Le Floc'h", "07 61 23 45 68", "Accueil : intéressé par les bêta-tests.")
    assert errors_shown(page) == []
    page.close()

    con = read_store(server)
    after = counts_of(con)
    kept = con.execute("""select c.first_name, c.phone, k.summary from caregiver c join call k on k.caregiver_id = c.id
                          where c.last_name in ('Kerhervé', 'Le Floc''h') order by c.last_name""").fetchall()
    strangers = con.execute("select count(*) from caregiver where email in (?, ?)", list(newcomers)).fetchall()[0][0]
    by_command_line_after = by_command_line(con)
    con.close()
    assert kept == [("Maëlle", "+33761234567", "Accueil : disponible deux jours par mois."),
                    ("Youenn", "+33761234568", "Accueil : intéressé par les bêta-tests.")]
    assert strangers == 0
    assert after["caregiver"] == held["caregiver"] + 1 and after["call"] == held["call"] + 1
    assert {k: v for k, v in after.items() if k not in ("caregiver", "call", "onboarding_step", "audit_event")} == {
        k: v for k, v in before.items() if k not in ("caregiver", "call", "onboarding_step", "audit_event")}
    assert by_command_line_after == by_command_line_before  # no audit event of the command line's
