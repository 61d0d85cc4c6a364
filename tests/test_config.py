"""Settings: read from the environment, each documented in the README."""

import os
import subprocess
from pathlib import Path

from hyc import config

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_setting_is_documented_in_the_readme():
    for setting in config.SETTINGS:
        assert f"`{setting.name}`" in README, setting.name


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HYC_DB", str(tmp_path / "x.duckdb"))
    monkeypatch.setenv("HYC_PORT", "9000")
    cfg = config.load()
    assert cfg.db_url == f"duckdb:///{tmp_path / 'x.duckdb'}"
    assert cfg.port == 9000


def test_defaults(monkeypatch):
    for setting in config.SETTINGS:
        monkeypatch.delenv(setting.name, raising=False)
    cfg = config.load()
    assert cfg.db_path.endswith("data/hyc.duckdb")
    assert cfg.lang == "fr" and cfg.port == 8501


def test_make_run_serves_on_localhost_unless_an_address_is_set():
    """The store holds personal data and Streamlit serves plain HTTP: `make run` binds 127.0.0.1 by default."""
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k != "HYC_ADDRESS"}
    said = subprocess.run(["make", "-n", "-s", "run"], cwd=root, env=env, capture_output=True, text=True).stdout
    assert "--server.address 127.0.0.1" in said
    opened = subprocess.run(["make", "-n", "-s", "run"], cwd=root, env={**env, "HYC_ADDRESS": "0.0.0.0"},
                            capture_output=True, text=True).stdout
    assert "--server.address 0.0.0.0" in opened
