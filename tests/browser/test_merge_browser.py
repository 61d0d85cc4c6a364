"""Issue 29 in Chromium, as a founder does it: two spellings of one organisation listed as possible duplicates,
compared side by side, the other spelling's name chosen, the merge confirmed and said; the person both knew is then
shown twice on the contacts' tab, opened for it, and merged there. The store then holds one organisation with both
records' contacts and requests, and that person once."""

import duckdb

from tests.browser.conftest import errors_shown, sign_in, wait_idle
from tests.conftest import t


def _two_spellings(con) -> dict:
    """The first two organisations renamed as two spellings of one name (each its own name key, as the store
    allows), and what each holds, read before the server opens the store."""
    first, second = [row[0] for row in con.execute(
        "select id from organisation where not archived order by id limit 2").fetchall()]
    con.execute("update organisation set name = 'Pharma Le Roux', name_key = 'pharma le roux' where id = ?", [first])
    con.execute("update organisation set name = 'PHARMA LEROUX SAS', name_key = 'pharma leroux' where id = ?",
                [second])
    # Both knew their medical director, written two ways; a request of the second names her.
    people = [con.execute("insert into contact (id, organisation_id, first_name, last_name, archived, created_at, "
                          "updated_at, row_version) values (nextval('contact_id_seq'), ?, ?, ?, false, now(), now(), "
                          "1) returning id", [org, first_name, last]).fetchall()[0][0]
              for org, first_name, last in ((first, "Anne", "Lefèvre"), (second, "LEFEVRE", "anne"))]
    request = con.execute("select min(id) from request where organisation_id = ?", [second]).fetchall()[0][0]
    con.execute("update request set contact_id = ? where id = ?", [people[1], request])
    held = {table: sorted(row[0] for row in con.execute(
        f"select id from {table} where organisation_id in (?, ?)", [first, second]).fetchall())
        for table in ("contact", "request")}
    return {"first": first, "second": second, "held": held, "people": people, "request": request}


def test_a_founder_merges_two_spellings_of_one_organisation(prepared_server, browser):
    server, planted = prepared_server(_two_spellings)
    first, second = planted["first"], planted["second"]
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    sign_in(page, server.url, "fondateur")
    page.goto(f"{server.url}/duplicates")
    wait_idle(page)
    assert page.locator("h1").first.inner_text() == t("merge.title")
    page.get_by_role("tab", name=t("merge.tab_organisations", n=1)).click()
    page.get_by_role("combobox", name=t("merge.pick")).click()
    page.get_by_role("option").filter(has_text="PHARMA LEROUX SAS").click()
    wait_idle(page)
    # Side by side: the older record kept by default; its name replaced by the other's, chosen by a click.
    kept = page.locator("[data-testid='stRadio']").filter(has_text=t("merge.keep"))
    assert kept.get_by_role("radio", checked=True).count() == 1
    name = page.locator("[data-testid='stRadio']").filter(has_text=t("field.org_name"))
    name.get_by_text("PHARMA LEROUX SAS").click()
    wait_idle(page)
    page.get_by_role("button", name=t("merge.submit")).click()
    wait_idle(page)
    page.get_by_role("button", name=t("merge.confirm_button")).click()
    done = t("merge.done", name=t("merge.record_label", name="PHARMA LEROUX SAS", id=first))
    page.locator("[data-testid='stToast']").filter(has_text=done).wait_for(timeout=20_000)
    wait_idle(page)
    assert errors_shown(page) == []
    assert page.get_by_text(t("merge.empty_organisation")).count() == 1  # the pair is gone
    # The person both knew is now twice on the kept organisation: the contacts' tab is open and says so.
    contacts = page.get_by_role("tab", name=t("merge.tab_contacts", n=1))
    assert contacts.get_attribute("aria-selected") == "true"
    said = t("merge.contacts_twice", n=1, name=t("merge.record_label", name="PHARMA LEROUX SAS", id=first))
    assert page.get_by_text(said).is_visible()
    page.get_by_role("combobox", name=t("merge.pick")).filter(visible=True).click()
    page.get_by_role("option").filter(has_text="LEFEVRE anne").click()
    wait_idle(page)
    page.get_by_role("button", name=t("merge.submit")).filter(visible=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("merge.confirm_button")).click()
    anne, again = planted["people"]
    done = t("merge.done", name=t("merge.record_label", name="Anne Lefèvre", id=anne))
    page.locator("[data-testid='stToast']").filter(has_text=done).wait_for(timeout=20_000)
    wait_idle(page)
    assert errors_shown(page) == []
    assert page.get_by_role("tab", name=t("merge.tab_contacts", n=0)).get_attribute("aria-selected") == "true"
    page.close()
    server.stop()  # the store is read once the server lets go of it
    con = duckdb.connect(str(server.db_path), read_only=True)
    try:
        assert con.execute("select id, name, name_key, archived, merged_into_id from organisation where id in (?, ?) "
                           "order by id", [first, second]).fetchall() == [
            (first, "PHARMA LEROUX SAS", "pharma leroux", False, None),
            (second, "PHARMA LEROUX SAS", None, True, first)]
        for table, ids in planted["held"].items():
            assert sorted(row[0] for row in con.execute(
                f"select id from {table} where organisation_id = ?", [first]).fetchall()) == ids, table
        assert con.execute("select count(*) from audit_event where action = 'merge' and entity = 'organisation' "
                           "and entity_id = ?", [first]).fetchall() == [(1,)]
        assert con.execute("select merged_into_id, archived from contact where id = ?", [again]).fetchall() == [
            (anne, True)]
        assert con.execute("select contact_id from request where id = ?", [planted["request"]]).fetchall() == [
            (anne,)]
    finally:
        con.close()
