"""Issue 27: the server does its own work. Served as the team's server is (`streamlit run serve.py`), it makes
its daily backup and computes the pages' opening reads with nobody visiting, answers its health route signed out
with nothing about anyone, and serves the pages as before."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

from hyc import backups, schema
from tests.browser.conftest import ROOT, _free_port, errors_shown, sign_in, wait_idle


def test_the_served_app_backs_up_with_no_visitor_and_answers_its_health_route(demo_url, tmp_path, browser):
    store = tmp_path / "hyc.duckdb"
    shutil.copy(demo_url.removeprefix("duckdb:///"), store)
    folder = tmp_path / "backups"
    port = _free_port()
    # The backup hour 0: one is due from the start, as at any hour past the setting's with none made today.
    env = {**os.environ, "HYC_DB": str(store), "HYC_BACKUP_DIR": str(folder), "HYC_BACKUP_HOUR": "0"}
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
                               "--server.headless", "true", "--server.address", "127.0.0.1"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not backups.made_in(folder):
            time.sleep(0.5)
        [made] = backups.made_in(folder)  # nobody has opened a page
        assert backups.read_manifest(made.folder)["tables"]["caregiver"] > 0
        while True:  # the pages' opening reads are computed from the start too, nobody visiting
            with urllib.request.urlopen(f"{url}/healthz", timeout=10) as answer:
                status, body = answer.status, answer.read().decode()
            said = json.loads(body)
            if said["pages_warm"] or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert said["pages_warm"] is True
        assert status == 200 and set(said) == {"status", "schema_version", "last_backup_hours", "pages_warm"}
        assert said["status"] == "ok" and said["schema_version"] == schema.UPGRADES[-1].version
        assert 0 <= said["last_backup_hours"] < 1 and "@" not in body
        # The pages are served as before.
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        sign_in(page, url, "fondateur")
        page.goto(f"{url}/requests")
        wait_idle(page)
        assert errors_shown(page) == []
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()
