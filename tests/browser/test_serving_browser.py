"""Issue 27, the documented path itself: "Going live, in this order" (README, "Serving the team") on a fresh store,
with systemd replaced by the unit's own commands read from deploy/hyc.service. No demo row or account exists,
the first founder made by the command line signs in, and no page says "Démo"."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb

from tests.browser.conftest import ROOT, _free_port, wait_idle
from tests.conftest import t

UNIT = ROOT / "deploy" / "hyc.service"
FOUNDER_EMAIL, FOUNDER_PASSWORD = "ana.lopes@hackyourcare.fr", "un-mot-de-passe-42"


def unit_lines(key: str) -> list[str]:
    return [line.split("=", 1)[1] for line in UNIT.read_text().splitlines() if line.startswith(f"{key}=")]


def unit_command(line: str, env: dict[str, str]) -> list[str]:
    """A command of the unit as systemd runs it: ${VAR} from its environment, the checkout's venv for
    /srv/hyc/app/.venv (this test's interpreter)."""
    line = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], line)
    words = shlex.split(line)
    venv = "/srv/hyc/app/.venv/bin/"
    if words[0].startswith(venv):
        words[0] = str(Path(sys.executable).parent / words[0].removeprefix(venv))
    return words


def test_going_live_in_the_readme_s_order_serves_no_demo_and_the_first_founder_signs_in(tmp_path, browser):
    readme = (ROOT / "README.md").read_text()
    assert "Going live, in this order" in readme and "python -m hyc users add" in readme
    data = tmp_path / "data"
    # The unit's environment, its /srv/hyc/data paths moved to this test's folder, on a free port.
    env = {**os.environ, "HYC_BACKUP_HOUR": "off"}
    for assignment in unit_lines("Environment"):
        name, value = assignment.split("=", 1)
        env[name] = value.replace("/srv/hyc/data", str(data))
    env["HYC_PORT"] = str(_free_port())
    assert env["HYC_DB"] == str(data / "hyc.duckdb") and env["HYC_ADDRESS"] == "127.0.0.1"

    def hyc(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "hyc", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, input=stdin, timeout=120)

    # 2. An empty store at the last schema version; 3. the first founder.
    assert hyc("init").returncode == 0
    made = hyc("users", "add", "--email", FOUNDER_EMAIL, "--name", "Ana Lopes", "--password-stdin",
               stdin=FOUNDER_PASSWORD + "\n")
    assert made.returncode == 0 and "Fondateur·rice" in made.stdout, made.stderr
    # 4. The service: its ExecStartPre, then its ExecStart.
    [pre], [start] = unit_lines("ExecStartPre"), unit_lines("ExecStart")
    assert subprocess.run(unit_command(pre, env), cwd=ROOT, env=env, timeout=120).returncode == 0
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(unit_command(start, env), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{env['HYC_PORT']}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/")
        wait_idle(page)
        assert page.get_by_text(t("app.demo"), exact=True).count() == 0
        page.get_by_role("textbox", name=t("auth.email")).fill(FOUNDER_EMAIL)
        page.get_by_role("textbox", name=t("auth.password")).fill(FOUNDER_PASSWORD)
        page.get_by_role("button", name=t("auth.submit")).click()
        page.get_by_role("button", name=t("auth.sign_out")).wait_for(timeout=30_000)
        wait_idle(page)
        assert page.get_by_text(t("app.demo"), exact=True).count() == 0
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()
    con = duckdb.connect(env["HYC_DB"], read_only=True)
    try:
        people = con.execute("select count(*) from caregiver").fetchall()[0][0]
        accounts = con.execute("select email, role from team_member").fetchall()
        demo = con.execute("select count(*) from audit_event where action = 'demo.load'").fetchall()[0][0]
    finally:
        con.close()
    assert (people, demo) == (0, 0)
    assert accounts == [(FOUNDER_EMAIL, "fondateur")]
