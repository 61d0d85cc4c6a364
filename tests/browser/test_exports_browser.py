"""Issue 13 in Chromium: a reader downloads the talent pool as CSV and as Excel; the files hold the table's rows
under its headers, as French Excel opens them, and each download is in the audit log with its row count."""

import csv
import io
import json

import duckdb
import openpyxl

from tests.browser.conftest import sign_in, wait_idle
from tests.conftest import t


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
    assert sheet.max_row == len(rows) == min(shown, 2000) + 1
    context.close()

    own_server.stop()  # the store is the server's while it runs
    con = duckdb.connect(str(own_server.db_path), read_only=True)
    events = con.execute("select after from audit_event where action = 'download' order by id").fetchall()
    con.close()
    assert [json.loads(a)["format"] for (a,) in events] == ["csv", "xlsx"]
    assert {json.loads(a)["rows"] for (a,) in events} == {len(rows) - 1}
