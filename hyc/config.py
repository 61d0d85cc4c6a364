"""Settings read from the environment: one object, each setting with its default and its help."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


# Every setting the project reads; tests check that the README documents each one.
SETTINGS: tuple[Setting, ...] = (
    Setting("HYC_DB", str(ROOT / "data" / "hyc.duckdb"), "Path of the DuckDB file (or a duckdb:/// URL)."),
    Setting("HYC_PORT", "8501", "Port on which `make run` serves the app."),
    Setting("HYC_DEMO_SCALE", "1", "Scale of the demo data `make run` creates in an empty store."),
    Setting("HYC_LANG", "fr", "Default interface language: fr or en."),
    Setting("HYC_RETENTION_YEARS", "3",
            "Years without contact after which a caregiver comes up for review (CNIL: 3 years for prospects)."),
    Setting("HYC_SECRET_FILE", str(ROOT / "data" / "hyc.secret"),
            "File holding the key of the objection list's hashes; created on first use, keep it with backups."),
)


@dataclass(frozen=True)
class Config:
    db: str = field(default_factory=lambda: _env("HYC_DB"))
    port: int = field(default_factory=lambda: int(_env("HYC_PORT")))
    demo_scale: float = field(default_factory=lambda: float(_env("HYC_DEMO_SCALE")))
    lang: str = field(default_factory=lambda: _env("HYC_LANG"))
    retention_years: int = field(default_factory=lambda: int(_env("HYC_RETENTION_YEARS")))
    secret_file: str = field(default_factory=lambda: _env("HYC_SECRET_FILE"))

    @property
    def db_url(self) -> str:
        return self.db if self.db.startswith("duckdb:") else f"duckdb:///{self.db}"

    @property
    def db_path(self) -> str:
        return self.db.removeprefix("duckdb:///")


def _env(name: str) -> str:
    default = next(s.default for s in SETTINGS if s.name == name)
    return os.environ.get(name) or default


def load() -> Config:
    """Read the settings now (tests change the environment between calls)."""
    return Config()
