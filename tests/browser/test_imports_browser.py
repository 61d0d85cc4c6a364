"""Imports in Chromium: a messy caregivers file checked row by row, refused whole, then its good rows imported; and
a directory extract uploaded by a founder, its disagreements listed."""

from datetime import date
from pathlib import Path

import duckdb

from hyc import imports
from tests.browser.conftest import digits, errors_shown, metric_value, sign_in, wait_idle
from tests.conftest import t
from tests.test_annuaire import extract_line, write_extract
from tests.test_imports import HEADER, ROWS, csv_file


def store_copy(server):
    """A copy of the server's store and its write-ahead log, to read while the server holds the lock."""
    copy = server.db_path.with_name("copy.duckdb")
    copy.write_bytes(server.db_path.read_bytes())
    wal = Path(f"{server.db_path}.wal")
    Path(f"{copy}.wal").write_bytes(wal.read_bytes() if wal.exists() else b"")
    if not wal.exists():
        Path(f"{copy}.wal").unlink()
    return duckdb.connect(str(copy))


def caregivers_in(server) -> int:
    with store_copy(server) as con:
        return con.execute("select count(*) from caregiver").fetchall()[0][0]


def pick(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label, exact=True).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_a_messy_file_is_checked_refused_whole_then_its_good_rows_imported(own_server, browser, tmp_path):
    """A French file with a yes/no column whose title suggests the work mode: the page leaves that column out and
    says why; the file's lawful basis is asked for, next to its fields, before any row is checked; then the rows
    are checked, refused whole, and the good ones imported, each person carrying the basis."""
    server = own_server
    path = tmp_path / "soignants.csv"
    remote = [(cells + ["" if not any(cells) else ("oui" if i % 2 else "non")], outcome)
              for i, (cells, outcome) in enumerate(ROWS)]
    path.write_bytes(csv_file(remote, header=[*HEADER, "Télétravail possible"]))
    expected = {outcome: sum(1 for _, o in ROWS if o == outcome) for outcome in imports.OUTCOMES}
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    sign_in(page, server.url, "mentor")
    page.goto(f"{server.url}/imports")
    wait_idle(page)
    page.locator("input[type=file]").first.set_input_files(str(path))
    wait_idle(page)
    page.get_by_text(t("imports.read_text", encoding="Windows-1252", delimiter="point-virgule")).wait_for()
    # The column is proposed left out, and the page says what its values look like.
    doubt = page.locator("[data-testid='stAlert']").filter(has_text="Télétravail possible")
    assert t("col.work_mode") in doubt.inner_text() and "« oui »" in doubt.inner_text()
    assert page.get_by_role("combobox", name="Télétravail possible").input_value() == t("imports.ignored")
    # No basis: said under its field, and nothing checked.
    page.get_by_role("button", name=t("imports.check")).click()
    wait_idle(page)
    basis_field = page.locator("[data-testid='stColumn']").filter(has_text=t("field.lawful_basis")).first
    assert "base légale des personnes du fichier" in basis_field.inner_text()
    assert page.get_by_text(t("imports.count.refusee")).count() == 0
    # A date that does not exist is said under the date as soon as it is typed, and kept as typed.
    pick(page, t("field.lawful_basis"), "Consentement")
    pick(page, t("field.consent_method"), "E-mail")
    date_box = page.get_by_role("textbox", name=t("field.consent_date"))
    date_box.fill("31/02/2026")
    date_box.press("Tab")
    wait_idle(page)
    assert len(errors_shown(page)) == 1 and "31/02/2026" in errors_shown(page)[0], errors_shown(page)
    assert date_box.input_value() == "31/02/2026"
    date_box.fill("01/10/2026")
    date_box.press("Tab")
    wait_idle(page)
    page.get_by_role("button", name=t("imports.check")).click()
    wait_idle(page)
    # The store's Amélie Rousseau is not in this one: her row, with no e-mail or phone, is refused too.
    refused = expected[imports.REJECTED] + 1
    assert digits(metric_value(page, t("imports.count.refusee"))) == refused
    assert digits(metric_value(page, t("imports.count.vide"))) == expected[imports.BLANK]
    assert digits(metric_value(page, t("imports.total"))) == len(ROWS)
    assert page.get_by_role("button", name="Importer :").count() == 0  # nothing while a row is refused
    page.get_by_text(t("imports.partial")).click()
    wait_idle(page)
    before = caregivers_in(server)
    page.get_by_role("button", name="Importer :").click()
    wait_idle(page)
    page.get_by_text(t("imports.last_report")).wait_for(timeout=15_000)
    assert errors_shown(page) == []
    assert digits(metric_value(page, t("imports.count.creee"))) == expected[imports.CREATED]
    assert caregivers_in(server) == before + expected[imports.CREATED]
    with store_copy(server) as con:
        carried = con.execute("select lawful_basis, consent_method, consent_date, work_mode, count(*) from caregiver "
                              "where id > (select max(id) - ? from caregiver) group by all",
                              [expected[imports.CREATED]]).fetchall()
    # Émilie's own consent (03/10/2026) wins over the file's; the others carry the file's.
    assert sorted(carried) == sorted([("consentement", "email", date(2026, 10, 3), None, 1),
                                      ("consentement", "email", date(2026, 10, 1), None,
                                       expected[imports.CREATED] - 1)])


def test_a_founder_uploads_the_directory_extract_and_sees_the_disagreements(own_server, browser, tmp_path):
    server = own_server
    with store_copy(server) as con:
        (rpps,) = con.execute("select rpps from caregiver where rpps is not null and profession = 'medecin' "
                              "order by id limit 1").fetchall()[0]
        with_rpps = con.execute("select count(*) from caregiver where rpps is not null").fetchall()[0][0]
    extract = tmp_path / "PS_LibreAcces_Personne_activite_202611230000.txt"
    write_extract(extract, [extract_line("8", rpps, "60", "", "Salarié"), extract_line("0", "751234567", "60", "",
                                                                                        "Salarié")])
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    sign_in(page, server.url, "fondateur")
    page.goto(f"{server.url}/imports")
    wait_idle(page)
    page.get_by_role("tab", name=t("imports.tab.annuaire")).click()
    page.locator("input[type=file]").last.set_input_files(str(extract))
    wait_idle(page)
    page.get_by_role("button", name=t("annuaire.run")).click()
    wait_idle(page)
    page.get_by_role("tab", name=t("imports.tab.annuaire")).click()
    # Every RPPS but one is unknown to this two-line extract, and that one says another profession.
    page.get_by_text(t("annuaire.review", n=with_rpps)).wait_for(timeout=15_000)
    assert errors_shown(page) == []
