"""Imports in Chromium: a messy caregivers file checked row by row, refused whole, then its good rows imported; and
a directory extract uploaded by a founder, its disagreements listed."""

from pathlib import Path

import duckdb

from hyc import imports
from tests.browser.conftest import digits, errors_shown, metric_value, sign_in, wait_idle
from tests.conftest import t
from tests.test_annuaire import extract_line, write_extract
from tests.test_imports import ROWS, csv_file


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


def test_a_messy_file_is_checked_refused_whole_then_its_good_rows_imported(own_server, browser, tmp_path):
    server = own_server
    path = tmp_path / "soignants.csv"
    path.write_bytes(csv_file(ROWS))
    expected = {outcome: sum(1 for _, o in ROWS if o == outcome) for outcome in imports.OUTCOMES}
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    sign_in(page, server.url, "mentor")
    page.goto(f"{server.url}/imports")
    wait_idle(page)
    page.locator("input[type=file]").first.set_input_files(str(path))
    wait_idle(page)
    page.get_by_text(t("imports.read_text", encoding="Windows-1252", delimiter="point-virgule")).wait_for()
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
