"""Issue 13 in Chromium: a reader downloads the talent pool as CSV and as Excel; the files hold the table's rows
under its headers, as French Excel opens them, and each download is in the audit log with its row count."""

import csv
import io
import json

import duckdb
import openpyxl
import pytest

from hyc.reads.common import TABLE_ROW_LIMIT
from tests.browser.conftest import Server, sign_in, wait_idle
from tests.conftest import build_store, plain_connection, t


def test_a_reader_downloads_the_talent_pool_as_csv_and_excel(own_server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, own_server.url, "lecteur")
    page.goto(f"{own_server.url}/talent_pool?profession=medecin")
    wait_idle(page)
    shown = int(page.get_by_text(t("pool.count", n="X").split("X")[0]).first.inner_text().split(":")[1]
                .strip(" .").replace("\u202f", ""))
    files = {}
    for label in ("CSV", "Excel"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).first.click()
        files[label] = download.value.path().read_bytes()
        assert download.value.suggested_filename.startswith("hyc-talent-pool")
    rows = list(csv.reader(io.StringIO(files["CSV"].decode("utf-8-sig")), delimiter=";"))
    assert files["CSV"].startswith(b"\xef\xbb\xbf") and rows[0][0] == t("col.last_name")
    assert {row[rows[0].index(t("col.profession"))] for row in rows[1:]} == {"Médecin"}
    sheet = openpyxl.load_workbook(io.BytesIO(files["Excel"])).active
    assert sheet.max_row == len(rows) == shown + 1
    context.close()

    own_server.stop()  # the store is the server's while it runs
    con = duckdb.connect(str(own_server.db_path), read_only=True)
    events = con.execute("select after from audit_event where action = 'download' order by id").fetchall()
    con.close()
    assert [json.loads(a)["format"] for (a,) in events] == ["csv", "xlsx"]
    assert {json.loads(a)["rows"] for (a,) in events} == {len(rows) - 1}


@pytest.fixture
def bigger_server(tmp_path):
    """A store whose talent pool passes the rows a table shows (1.6 times the demo: about 2,400 caregivers)."""
    path = tmp_path / "hyc.duckdb"
    con = plain_connection(build_store(path, scale=1.6))
    kept = con.execute("select count(*) from caregiver where not archived").fetchall()[0][0]
    con.close()
    srv = Server(path, tmp_path / "streamlit.log")
    yield srv, kept
    srv.stop()


def test_the_talent_pool_shows_its_first_rows_and_downloads_all_of_them(bigger_server, browser):
    srv, kept = bigger_server
    assert kept > TABLE_ROW_LIMIT
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, srv.url, "lecteur")
    page.goto(f"{srv.url}/talent_pool")
    wait_idle(page)
    capped = t("table.capped_download", shown="X", total="Y").split("X")[0]
    assert page.get_by_text(capped).count() == 1
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV").first.click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert len(rows) - 1 == kept and rows[0][0] == t("col.last_name")
    context.close()
