"""The team's journeys in Chromium, each on a store of its own, every figure checked against the store itself (plain
DuckDB before the server starts, or once it has stopped), never against a number copied from the screen:

- a mentor logs an intake call for a new caregiver, then finds them from the sidebar search, by a part of their name
  and by their phone typed as the app shows it, and opens their record;
- a founder ranks a request's candidates, ticks three, shortlists and proposes them;
- a founder takes a retained match through its compliance steps to "contrat signé" (refused while a step is open),
  and the Overview counts one more signed contract;
- a mentor opens their week of next actions and marks the day's action done;
- a reader visits every page of their menu, every tab of each, and finds nothing to write;
- a founder's every page, photographed whole into screenshots/ at the root of the repository.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from hyc.models import PARIS
from tests.browser.conftest import DEMO_ACCOUNTS, digits, errors_shown, metric_value, sign_in, wait_idle
from tests.browser.test_call_log_browser import field, pick
from tests.browser.test_matching_browser import tick_rows
from tests.browser.test_mentoring_browser import part_count
from tests.conftest import t

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
# The menus, in their order, as the team is meant to see them (hyc/ui/shell.py draws them).
READER_MENU = ["overview", "mentoring", "talent_pool", "requests", "matches", "rates", "pivot"]
FOUNDER_MENU = ["overview", "mentoring", "call_log", "talent_pool", "requests", "matches", "rates", "pivot", "imports",
                "duplicates", "privacy", "audit_log", "team", "console"]
VIEWPORT = {"width": 1400, "height": 1100}


# --- Moves a person makes ---------------------------------------------------------------------------------


def goto(page, url: str) -> None:
    """Open a page and wait for its run to end. The title is drawn first: the idle state seen once it is there is the
    run's end, not the moment before the run began (when a click would land on widgets about to be drawn again)."""
    page.goto(url)
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60_000)
    wait_idle(page, timeout=60_000)


def choose(page, box, option: str) -> None:
    """Pick an option of a select by its label. A click that lands as the field before lets go of the focus (a date
    being typed) may only take the focus: the list is then opened again, as a person clicks again."""
    box.scroll_into_view_if_needed()
    for attempt in range(3):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    wait_idle(page)


def menu_links(page) -> dict[str, object]:
    """The pages of the sidebar menu, in order: each page's path and its link."""
    links = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a").all()
    return {urlparse(link.get_attribute("href")).path.strip("/"): link for link in links}


def open_from_menu(page, name: str) -> None:
    """Click a page in the sidebar menu, as a person does, and wait for it to be drawn."""
    menu_links(page)[name].click()
    page.wait_for_url(re.compile(rf"/{name}(\?|$)"), timeout=60_000)
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60_000)
    wait_idle(page, timeout=60_000)


def open_tab(page, tab) -> None:
    """Open a tab and wait for its content: a tab that runs only while open is empty until the run draws it."""
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    page.wait_for_function("""() => [...document.querySelectorAll("[data-testid='stMain'] [role=tabpanel]")]
        .some(panel => panel.offsetParent !== null && panel.innerText.trim() !== '')""", timeout=60_000)
    wait_idle(page, timeout=60_000)


def log_intake(page, url: str, first: str, last: str, phone: str, note: str) -> None:
    """The quick intake of a new caregiver on the call log, with their consent; waits for the confirmation."""
    goto(page, f"{url}/call_log")
    field(page, "Prénom *").fill(first)
    field(page, "Nom *").fill(last)
    field(page, t("col.phone")).fill(phone)
    pick(page, "Profession *", "Médecin")
    pick(page, t("col.specialty"), "Cardiologie")
    field(page, t("col.postcode")).fill("35000")
    field(page, t("calls.quick_note")).fill(note)
    page.get_by_text(t("calls.consent_tick")).click()
    page.get_by_role("button", name=t("calls.save")).click()
    done = f"{t('calls.saved')} {t('calls.created_caregiver').capitalize()}."
    page.get_by_test_id("stAlertContentSuccess").get_by_text(done).wait_for(timeout=60_000)
    wait_idle(page)


def full_page_screenshot(page, path: Path) -> None:
    """The whole page in one image: the main area scrolls inside the window, so the window is made as tall as it."""
    height = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, VIEWPORT["height"]), 12_000)})
    wait_idle(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(VIEWPORT)


def read_store(server) -> duckdb.DuckDBPyConnection:
    """The store as the server left it: stopped first, since it holds the file's lock."""
    server.stop()
    return duckdb.connect(str(server.db_path), read_only=True)


def member_id(con, role: str) -> int:
    return con.execute("select id from team_member where email = ?", [DEMO_ACCOUNTS[role]]).fetchall()[0][0]


# --- The journeys -----------------------------------------------------------------------------------------


def test_a_mentor_logs_an_intake_call_then_finds_the_caregiver_from_the_sidebar_search(prepared_server, browser):
    first, last, phone, stored_phone = "Ségolène", "Quibergeon", "06 98 76 54 32", "+33698765432"
    note = "Premier appel : intéressée par des ateliers en cardiologie, libre le jeudi."
    server, already = prepared_server(lambda con: con.execute(
        "select count(*) from caregiver where last_name = ? or phone = ?", [last, stored_phone]).fetchall()[0][0])
    assert already == 0  # nobody in the demo store answers to her name or her phone
    page = browser.new_page(viewport=VIEWPORT)
    sign_in(page, server.url, "mentor")
    log_intake(page, server.url, first, last, phone, note)
    assert errors_shown(page) == []

    # The sidebar search finds her by a part of her name, typed in lower case...
    sidebar = page.locator("[data-testid='stSidebar']")
    search = sidebar.get_by_role("textbox", name=t("search.label"))
    found = sidebar.get_by_role("link", name=re.compile(f"{first} {last}"))
    search.fill("quiberg")
    search.press("Enter")
    found.first.wait_for(timeout=30_000)
    wait_idle(page)
    assert found.count() == 1
    # ...and by her phone typed the way the app shows it (the box emptied first: its results go); it opens her record.
    search.fill("")
    search.press("Enter")
    found.first.wait_for(state="detached", timeout=30_000)
    search.fill(phone)
    search.press("Enter")
    found.first.wait_for(timeout=30_000)
    wait_idle(page)
    assert found.count() == 1
    found.click()
    page.locator("[data-testid='stMain'] h3").filter(has_text=f"{first} {last}").wait_for(timeout=30_000)
    wait_idle(page)
    assert urlparse(page.url).path == "/talent_pool"
    opened = int(parse_qs(urlparse(page.url).query)["caregiver"][0])
    assert page.locator("[data-testid='stMain']").get_by_text(phone).count() >= 1
    assert errors_shown(page) == []
    page.close()

    con = read_store(server)
    [(caregiver_id, kept_phone, consent)] = con.execute(
        "select id, phone, consent_date is not null from caregiver where first_name = ? and last_name = ?",
        [first, last]).fetchall()
    calls = con.execute("select kind, member_id, summary from call where caregiver_id = ?", [caregiver_id]).fetchall()
    mentor = member_id(con, "mentor")
    con.close()
    assert opened == caregiver_id
    assert (kept_phone, consent) == (stored_phone, True)
    assert calls == [("accueil_soignant", mentor, note)]


def test_a_founder_ranks_a_requests_candidates_and_proposes_three(prepared_server, browser):
    def prepare(con):
        # A request ranked as a list (a workshop or interviews of several opens on its panel), naming no specialty
        # (a specialty named is a must: the small test store may hold fewer than three of it).
        request_id, title = con.execute("""
            select id, title from request where status = 'en_recherche' and work_mode <> 'presentiel'
            and professions = 'medecin' and not archived and coalesce(specialties, '') = ''
            and (mission_type not in ('atelier', 'entretiens') or headcount = 1) order by id limit 1""").fetchall()[0]
        before = con.execute("select count(*) from match where request_id = ?", [request_id]).fetchall()[0][0]
        return request_id, title, before

    server, (request_id, title, before) = prepared_server(prepare)
    page = browser.new_page(viewport=VIEWPORT)
    sign_in(page, server.url, "fondateur")
    goto(page, f"{server.url}/requests?request={request_id}")
    assert page.get_by_role("tab", name=t("record.tab_matches", n=before), exact=True).count() == 1
    page.get_by_role("tab", name=t("record.tab_candidates")).click()
    page.get_by_text(t("rank.pick_hint")).wait_for(timeout=60_000)
    wait_idle(page)
    panel = page.get_by_role("tabpanel").filter(has=page.get_by_text(t("rank.pick_hint")))
    tick_rows(page, panel.locator("[data-testid='stDataFrame']").first, 3)
    page.get_by_role("button", name=t("shortlist.add", n=3)).click()
    page.get_by_text(t("shortlist.count", n=3)).wait_for(timeout=30_000)
    wait_idle(page)
    # The shortlist names the three, each ticked for the one action: "name · profession · specialty · département".
    tags = page.locator("[data-testid='stMultiSelect']").filter(has_text=t("shortlist.picked")).locator(
        "[data-tag]:visible")
    names = sorted(label.split(" · ")[0] for label in (tag.get_attribute("aria-label") for tag in tags.all()))
    assert len(names) == 3
    page.get_by_role("button", name=t("shortlist.propose")).click()
    page.get_by_text(t("shortlist.proposed", n=3, request=title)).first.wait_for(timeout=30_000)
    page.get_by_role("tab", name=t("record.tab_matches", n=before + 3), exact=True).wait_for(timeout=30_000)
    wait_idle(page)
    assert errors_shown(page) == []
    page.close()

    con = read_store(server)
    founder = member_id(con, "fondateur")
    total = con.execute("select count(*) from match where request_id = ?", [request_id]).fetchall()[0][0]
    proposed = con.execute("""
        select c.first_name || ' ' || c.last_name, m.stage from match m join caregiver c on c.id = m.caregiver_id
        where m.request_id = ? and m.id in (select entity_id from audit_event where entity = 'match'
                                            and action = 'create' and actor_id = ?)
        order by 1""", [request_id, founder]).fetchall()
    con.close()
    assert total == before + 3
    assert proposed == [(name, "suggeree") for name in names]


def test_a_founder_signs_a_contract_through_its_compliance_steps_and_the_overview_counts_it(prepared_server, browser):
    submitted = datetime.now(PARIS).date() - timedelta(days=14)

    def prepare(con):
        """A retained match at a health-products company, its compliance all to do, for a public-hospital doctor:
        conflict check, agreed terms, the agreement declared to the Ordre, and the employer's cumul authorisation."""
        match_id, request_id, caregiver_id, who = con.execute("""
            select m.id, m.request_id, m.caregiver_id, c.first_name || ' ' || c.last_name from match m
            join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
            join caregiver c on c.id = m.caregiver_id
            where m.stage = 'retenue' and o.makes_health_products order by m.id limit 1""").fetchall()[0]
        # As the app keeps them: the doctor's record holds the cumul, a convention without terms is to prepare.
        con.execute("update caregiver set profession = 'medecin', practice_setting = 'hopital_public', "
                    "cumul_status = 'demandee' where id = ?", [caregiver_id])
        con.execute("""update match set conflict_checked = false, agreed_day_rate = null, agreed_days = null,
                       convention_status = 'a_preparer', convention_submitted_on = null, convention_decided_on = null,
                       cumul_status = 'demandee' where id = ?""", [match_id])
        signed = con.execute("select count(*) from match_event where stage = 'contrat_signe'").fetchall()[0][0]
        return match_id, request_id, who, signed

    server, (match_id, request_id, who, signed_events) = prepared_server(prepare)
    page = browser.new_page(viewport=VIEWPORT)
    sign_in(page, server.url, "fondateur")
    goto(page, f"{server.url}/overview")
    signed_before = digits(metric_value(page, t("overview.signed")))

    goto(page, f"{server.url}/requests?request={request_id}")
    choose(page, page.get_by_role("combobox", name=t("form.which_match")), f"{who} · Retenue")
    # What is still open is said beside the terms: the conflict check, the terms, the cumul authorisation.
    gaps = page.locator("[data-testid='stAlert']").filter(has_text=t("form.gaps"))
    gaps.filter(has_text=t("error.gap_cumul")).wait_for(timeout=30_000)  # drawn for this match, not the first
    wait_idle(page)
    for gap in ("error.gap_conflict", "error.gap_terms", "error.gap_cumul"):
        assert gaps.filter(has_text=t(gap)).count() == 1, gap
    forms = page.locator("[data-testid='stForm']")
    stage = forms.filter(has=page.get_by_role("button", name=t("form.move")))
    terms = forms.filter(has=page.get_by_text(t("field.agreed_day_rate")))
    # Signing now is refused, and says why.
    choose(page, stage.get_by_role("combobox", name=f"{t('field.next_stage')} *"), "Contrat signé")
    stage.get_by_role("button", name=t("form.move")).click()
    page.get_by_text(t("error.contract_open", gaps="").split(":")[0].strip()).wait_for(timeout=30_000)
    wait_idle(page)

    # The compliance steps: rate and days (600 € in all: a declaration, below the thresholds), no conflict of
    # interest, the agreement declared to the Ordre two weeks ago, the cumul granted by the hospital.
    terms.get_by_role("textbox", name=t("field.agreed_day_rate")).fill("300")
    terms.get_by_role("textbox", name=t("field.agreed_days")).fill("2")
    terms.get_by_text(t("field.conflict_checked")).click()
    choose(page, terms.get_by_role("combobox", name=f"{t('col.convention')} *"), "Déclarée")
    terms.get_by_role("textbox", name=t("field.convention_submitted_on")).fill(f"{submitted:%d/%m/%Y}")
    choose(page, terms.get_by_role("combobox", name=f"{t('col.cumul')} *"), "Obtenue")
    terms.get_by_role("button", name=t("form.save")).click()
    page.get_by_test_id("stAlertContentSuccess").get_by_text(t("saved.terms")).wait_for(timeout=30_000)
    page.get_by_text(t("form.no_gaps")).wait_for(timeout=30_000)
    wait_idle(page)

    choose(page, stage.get_by_role("combobox", name=f"{t('field.next_stage')} *"), "Contrat signé")
    stage.get_by_role("button", name=t("form.move")).click()
    page.get_by_test_id("stAlertContentSuccess").get_by_text(t("saved.stage", stage="Contrat signé")).wait_for(
        timeout=30_000)
    wait_idle(page)
    assert errors_shown(page) == []

    # The Overview counts one more signed contract.
    goto(page, f"{server.url}/overview")
    assert errors_shown(page) == []
    assert digits(metric_value(page, t("overview.signed"))) == signed_before + 1
    page.close()

    con = read_store(server)
    founder = member_id(con, "fondateur")
    match = con.execute("""select stage, conflict_checked, agreed_day_rate, agreed_days, convention_status,
                           convention_submitted_on, cumul_status from match where id = ?""", [match_id]).fetchall()
    events = con.execute("select count(*) from match_event where stage = 'contrat_signe'").fetchall()[0][0]
    signed_by = con.execute("select author_id from match_event where match_id = ? and stage = 'contrat_signe'",
                            [match_id]).fetchall()
    con.close()
    assert match == [("contrat_signe", True, 300, 2, "declaree", submitted, "obtenue")]
    assert events == signed_events + 1
    assert signed_by == [(founder,)]


def test_a_mentor_marks_the_days_action_done_from_their_week(prepared_server, browser):
    action = "Rappeler pour relire le contrat type"

    def prepare(con):
        """One of the mentor's open call actions falls due today, the day's only one; the week read from the store."""
        today = datetime.now(PARIS).date()  # the server's own today
        sunday = today + timedelta(days=6 - today.weekday())
        mentor = member_id(con, "mentor")
        call_id = con.execute("""select min(id) from call where coalesce(next_action_owner_id, member_id) = ?
                                 and next_action is not null and not next_action_done""", [mentor]).fetchall()[0][0]
        for table, owner in (("call", "member_id"), ("mentoring_session", "mentor_id")):
            con.execute(f"""update {table} set next_action_due = next_action_due - 1
                            where coalesce(next_action_owner_id, {owner}) = ? and next_action_due = ?""",
                        [mentor, today])
        con.execute("update call set next_action = ?, next_action_due = ? where id = ?", [action, today, call_id])
        week = con.execute("""
            select count(*) filter (where due < $today), count(*) filter (where due = $today),
                   count(*) filter (where due > $today and due <= $sunday),
                   count(*) filter (where due > $sunday or due is null)
            from (select next_action_due as due from call where next_action is not null and not next_action_done
                    and coalesce(next_action_owner_id, member_id) = $mentor
                  union all
                  select s.next_action_due from mentoring_session s join caregiver c on c.id = s.caregiver_id
                  where s.next_action is not null and not s.next_action_done
                    and coalesce(s.next_action_owner_id, s.mentor_id) = $mentor)""",
                           {"today": today, "sunday": sunday, "mentor": mentor}).fetchall()[0]
        return call_id, mentor, dict(zip(("overdue", "today", "this_week", "later"), week, strict=True))

    server, (call_id, mentor, week) = prepared_server(prepare)
    assert week["today"] == 1
    page = browser.new_page(viewport=VIEWPORT)
    sign_in(page, server.url, "mentor")
    goto(page, f"{server.url}/mentoring")
    # Their own week: the tab counts what is overdue, due today and due this week.
    shown = week["overdue"] + week["today"] + week["this_week"]
    page.get_by_role("tab", name=t("mentoring.tab_actions", n=shown), exact=True).click()
    page.locator("[data-testid='stButtonGroup']").get_by_text(t("week.today", n=1)).wait_for(timeout=30_000)
    wait_idle(page)
    assert {part: part_count(page, part) for part in week} == week
    page.locator("[data-testid='stButtonGroup']").get_by_text(t("week.today", n=1)).click()
    wait_idle(page)
    tick_rows(page, page.get_by_role("tabpanel").locator("[data-testid='stDataFrame']").first, 1)
    page.get_by_text(t("week.ticked", n=1)).wait_for(timeout=30_000)
    page.get_by_role("button", name=t("week.done")).click()
    page.get_by_text(t("saved.actions", n=1)).first.wait_for(timeout=30_000)
    page.get_by_text(t("week.empty_today")).wait_for(timeout=30_000)
    wait_idle(page)
    assert errors_shown(page) == []
    assert part_count(page, "today") == 0
    assert part_count(page, "overdue") == week["overdue"]
    page.close()

    con = read_store(server)
    done = con.execute("select next_action, next_action_done from call where id = ?", [call_id]).fetchall()
    audited = con.execute("""select actor_id, after from audit_event where entity = 'call' and entity_id = ?
                             and action = 'update'""", [call_id]).fetchall()
    con.close()
    assert done == [(action, True)]
    assert [(actor, '"next_action_done": true' in after) for actor, after in audited] == [(mentor, True)]


def test_a_reader_finds_nothing_to_write_on_any_page_of_their_menu(own_server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    sign_in(page, own_server.url, "lecteur")
    assert list(menu_links(page)) == READER_MENU
    main = page.locator("[data-testid='stMain']")
    for name in READER_MENU:
        open_from_menu(page, name)
        tabs = main.get_by_role("tab")
        # Every tab of the page, opened in turn: a tab may draw its content only once opened.
        for i in range(max(tabs.count(), 1)):
            if tabs.count():
                open_tab(page, tabs.nth(i))
            where = f"{name}, tab {i}"
            assert errors_shown(page) == [], where
            assert main.locator("[data-testid='stForm'], [data-testid='stFormSubmitButton']").count() == 0, where
            assert main.get_by_role("button", name=re.compile(t("form.save"))).count() == 0, where
            assert main.locator("[data-testid='stFileUploader']").count() == 0, where
    page.close()


def test_every_page_of_a_founders_menu_is_photographed_whole(own_server, browser):
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport=VIEWPORT)
    sign_in(page, own_server.url, "fondateur")
    assert list(menu_links(page)) == FOUNDER_MENU
    for name in FOUNDER_MENU:
        shot = SCREENSHOTS / f"{name}.png"
        shot.unlink(missing_ok=True)
        open_from_menu(page, name)
        assert errors_shown(page) == [], name
        full_page_screenshot(page, shot)
    page.close()
    for name in FOUNDER_MENU:
        shot = SCREENSHOTS / f"{name}.png"
        assert shot.is_file() and shot.stat().st_size > 0, shot
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot
