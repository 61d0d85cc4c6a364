"""Exports (hyc.exports): CSV as French Excel opens it and Excel files, whose cells cannot run as formulas, each
download an audit event with its row count."""

import csv
import io
import json
import re
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from hyc import exports
from tests.conftest import fetch
from tests.helpers import READER

# What a hostile name, typed or imported, may hold: each would run in Excel if written as it is.
HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"clic\")", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]
FRAME = pd.DataFrame({
    "Nom": ["Dupont", "Jean-Pierre", *HOSTILE],
    "Tarif": [1500.5, -200, *range(len(HOSTILE))],
    "Arrivée": pd.to_datetime(["2026-11-23"] * (2 + len(HOSTILE))),
    "Note": [None, "ok", *HOSTILE],
})


NUMBER = re.compile(r"-?\d+(,\d+)?")


def runs_as_formula(text: str) -> bool:
    return text.startswith(exports.FORMULA_START)


def test_a_text_cell_that_looks_like_a_formula_is_neutralised_and_nothing_else_changes():
    out = exports.neutralised(FRAME)
    assert list(out.Nom[:2]) == ["Dupont", "Jean-Pierre"]  # a hyphen inside a name is harmless
    assert list(out.Nom[2:]) == [f"'{text}" for text in HOSTILE]
    assert not any(runs_as_formula(v) for v in out.Nom) and not any(runs_as_formula(v) for v in out.Note.dropna())
    assert out.Tarif.tolist() == FRAME.Tarif.tolist()  # numbers stay numbers, negative ones included
    assert out.Note[0] is None or pd.isna(out.Note[0])
    assert FRAME.Nom[2] == HOSTILE[0]  # the caller's frame is left as it was


def test_the_csv_opens_in_french_excel_and_no_cell_can_run():
    data = exports.csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads the accents right
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Nom", "Tarif", "Arrivée", "Note"]
    assert rows[1] == ["Dupont", "1500,5", "23/11/2026", ""]
    assert len(rows) == len(FRAME) + 1
    # A negative number ("-200,0") is a number to Excel, not a formula; any other cell starting so would run.
    assert not [cell for row in rows for cell in row if runs_as_formula(cell) and not NUMBER.fullmatch(cell)]
    assert [row[1] for row in rows[1:3]] == ["1500,5", "-200,0"]


def test_the_csv_of_an_english_reader_opens_in_english_excel():
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(FRAME, "en").decode("utf-8-sig")), delimiter=","))
    assert rows[0] == ["Nom", "Tarif", "Arrivée", "Note"]
    assert [row[1] for row in rows[1:3]] == [str(FRAME.Tarif[0]), str(FRAME.Tarif[1])]  # "1500.5", "-200.0"
    assert rows[1][2] == f"{FRAME['Arrivée'][0]:%d/%m/%Y}"


def test_the_excel_file_holds_text_numbers_and_dates_and_no_formula():
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(FRAME))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Nom", "Tarif", "Arrivée", "Note")
    assert rows[1][:3] == ("Dupont", 1500.5, datetime(2026, 11, 23))
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and runs_as_formula(c.value)]
    assert sheet.max_row == len(FRAME) + 1


def test_times_are_written_in_paris_without_a_zone():
    frame = pd.DataFrame({"Quand": pd.to_datetime(["2026-11-23 09:30"]).tz_localize("Europe/Paris"),
                          "Jour": [date(2026, 11, 23)]})
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(frame).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "23/11/2026 09:30"
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active
    assert sheet["A2"].value == datetime(2026, 11, 23, 9, 30)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_download_is_an_audit_event_with_its_row_count_and_a_reader_may_download(engine, fmt):
    data = exports.export(engine, READER, FRAME, fmt, "talent_pool/pool")
    assert data
    [(actor, action, entity, after)] = fetch(engine, "select actor_id, action, entity, after from audit_event "
                                                     "where action = 'download'")
    assert (actor, action, entity) == (READER.id, "download", "table")
    assert json.loads(after) == {"table": "talent_pool/pool", "rows": len(FRAME), "format": fmt}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_talent_pool_and_the_requests_download_every_row_their_filters_keep_labelled(demo_engine, language):
    """Past the 2,000 rows a table shows, the download reads them all (limit=None), labelled as on screen in the
    reader's language, given explicitly: the file is made outside the session."""
    from hyc import reads, vocab
    from hyc.filters import CaregiverFilter, RequestFilter
    from hyc.ui import listings
    from tests.conftest import TODAY
    people = listings.pool_rows(reads.pool.caregivers(demo_engine, CaregiverFilter(), limit=None), language)
    kept = fetch(demo_engine, "select count(*) from caregiver where not archived")[0][0]
    assert len(people) == kept and len(reads.pool.caregivers(demo_engine, CaregiverFilter(), limit=10)) == 10
    nurses = fetch(demo_engine, "select count(*) from caregiver where not archived and profession = 'infirmier'")[0][0]
    assert (people.profession == vocab.PROFESSIONS.label("infirmier", language)).sum() == nurses
    assert people.phone.dropna().str.match(r"^(0\d( \d\d){4}|\+)").all()

    found = listings.request_rows(reads.requests.requests(demo_engine, RequestFilter(), TODAY, limit=None), language)
    assert len(found) == fetch(demo_engine, "select count(*) from request where not archived")[0][0]
    placed = dict(fetch(demo_engine, """select r.id, count(m.id) filter (where list_contains(?::varchar[], m.stage))
        || ' / ' || r.headcount from request r left join match m on m.request_id = r.id group by r.id, r.headcount""",
                        list(vocab.MATCH_PLACED)))
    assert dict(zip(found.id, found.filled, strict=True)) == {i: placed[i] for i in found.id}
    assert set(found.status) <= set(vocab.REQUEST_STATUSES.labels(language).values())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_stuck_work_downloads_every_row_labelled_in_the_readers_language(demo_engine, language):
    """The Overview shows its first rows of stuck work; the download labels them all, outside the session."""
    from hyc import i18n, reads, vocab
    from hyc.ui import listings
    from tests.conftest import TODAY
    stuck = reads.stuck.stuck_work(demo_engine, TODAY)
    rows = listings.stuck_rows(stuck, language)
    assert len(rows) == len(stuck) > 0
    matches, requests = rows[rows.kind == "match"], rows[rows.kind == "request"]
    assert len(matches) and len(requests)
    assert (matches.what == stuck.caregiver[stuck.kind == "match"]).all()
    assert (requests.what == i18n.t("stuck.the_request", language)).all()
    assert list(matches.state) == [vocab.MATCH_STAGES.label(code, language) for code in stuck.state[matches.index]]
    assert list(requests.state) == [vocab.REQUEST_STATUSES.label(code, language)
                                    for code in stuck.state[requests.index]]
    assert list(rows.link) == [f"/requests?request={r}&lang={language}" for r in stuck.request_id]
    no_owner = stuck.owner.isna()
    assert (rows.owner[no_owner] == i18n.t("stuck.no_owner", language)).all()
    assert (rows.owner[~no_owner] == stuck.owner[~no_owner]).all()


def test_a_date_column_is_exported_as_days_without_a_time():
    """Stored dates come out of the store as midnight (naive UTC); the table shows them in Paris time, which made
    "07/12/2026 01:00" in the files. A date stays a date; a real time keeps its hour."""
    from hyc.ui.widgets import in_paris_time

    read = pd.DataFrame({"Échéance": pd.to_datetime(["2026-12-07", None, "2026-07-01"]),  # winter and summer
                         "Appel": pd.to_datetime(["2026-12-07 08:45", "2026-07-01 07:05", None]),
                         "Jour": [date(2026, 12, 7), None, date(2026, 7, 1)]})
    shown = in_paris_time(read)  # as a table hands its rows to its download
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(shown).decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["07/12/2026", "07/12/2026 09:45", "07/12/2026"]  # the call: 08:45 UTC, 09:45 in Paris
    assert rows[2] == ["", "01/07/2026 09:05", ""]  # summer: UTC+2
    assert rows[3] == ["01/07/2026", "", "01/07/2026"]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(shown))).active
    assert sheet["A2"].value == datetime(2026, 12, 7) and sheet["A4"].value == datetime(2026, 7, 1)
    assert "h" not in sheet["A2"].number_format.lower()  # shown as a day, no hour
    assert sheet["B2"].value == datetime(2026, 12, 7, 9, 45) and "hh:mm" in sheet["B2"].number_format
    assert sheet["C2"].value == datetime(2026, 12, 7) and "h" not in sheet["C2"].number_format.lower()
