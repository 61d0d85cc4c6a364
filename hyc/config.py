"""Settings read from the environment: one object, each setting with its default and its help."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from hyc import vocab

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
    Setting("HYC_ADDRESS", "127.0.0.1", "Address on which `make run` serves the app: localhost, behind a reverse "
            "proxy adding HTTPS; `0.0.0.0` opens it to the network in plain HTTP."),
    Setting("HYC_DEMO_SCALE", "1", "Scale of the demo data `make run` creates in an empty store."),
    Setting("HYC_LANG", "fr", "Default interface language: fr or en."),
    Setting("HYC_RETENTION_YEARS", "3",
            "Years without contact after which a caregiver comes up for review (CNIL: 3 years for prospects)."),
    Setting("HYC_STUCK_MATCH_DAYS", "suggeree=5,contactee=7,interessee=7,proposee_client=10,entretien=7,retenue=14",
            "Days a match may wait in a stage before it is listed as stuck with its owner (`stage=days`,"
            " comma-separated; a stage not named is never listed: a signed contract waits for its start date)."),
    Setting("HYC_STUCK_REQUEST_DAYS", "nouvelle=3,qualifiee=7,en_recherche=14,candidats_proposes=14",
            "Days a request may stay in a status before it is listed as stuck with its owner (`status=days`;"
            " a filled request waits for its mission to start)."),
    Setting("HYC_BACKUP_DIR", str(ROOT / "data" / "backups"),
            "Folder where backups are written (the app's daily ones, the founders' button, `python -m hyc backup`)."),
    Setting("HYC_BACKUP_HOUR", "2", "Hour (Paris time, 0-23) from which the running app makes its daily backup; "
            "`off`: no scheduled backup."),
    Setting("HYC_BACKUP_KEEP", "14", "How many backups the running app keeps (older ones are removed)."),
    Setting("HYC_DIGEST_HOUR", "7", "Hour (Paris time, 0-23) from which the running server e-mails each member the "
            "digest of what is theirs today (once a day, nothing on a day with nothing to say); `off`: none."),
    Setting("HYC_REFERENCE_PAGE", "off", "Benchmarks only: `on` adds the reference page (bench/reference) to the "
            "menu, so that a page switch can be timed against Streamlit's own floor in the same server."),
    Setting("HYC_PASSWORD_SIGN_IN", "on", "`off`: the team signs in only through its identity provider (OpenID "
            "Connect, Streamlit's `[auth]` secrets); ignored while none is configured, so that someone can sign in."),
    Setting("HYC_SECRET_FILE", str(ROOT / "data" / "hyc.secret"),
            "File holding the key of the objection list's hashes; created on first use, keep it with backups."),
    Setting("HYC_SMTP_HOST", "", "The SMTP server the app sends its e-mails through (proposals, invitations, "
            "digests); none: nothing is sent, and the buttons that send say so."),
    Setting("HYC_SMTP_PORT", "587", "Its port."),
    Setting("HYC_SMTP_SECURITY", "starttls", "`starttls` (port 587), `ssl` (port 465) or `none` (a relay on the "
            "same machine only)."),
    Setting("HYC_SMTP_USER", "", "The account the app signs in with; its password comes from `HYC_SMTP_PASSWORD` "
            "or Streamlit's secrets (`[smtp] password`), never from the store."),
    Setting("HYC_SMTP_SENDER", "Hack Your Care <equipe@hackyourcare.fr>", "The sender of the app's e-mails."),
)


@dataclass(frozen=True)
class Config:
    db: str = field(default_factory=lambda: _env("HYC_DB"))
    port: int = field(default_factory=lambda: int(_env("HYC_PORT")))
    demo_scale: float = field(default_factory=lambda: float(_env("HYC_DEMO_SCALE")))
    lang: str = field(default_factory=lambda: _env("HYC_LANG"))
    retention_years: int = field(default_factory=lambda: int(_env("HYC_RETENTION_YEARS")))
    secret_file: str = field(default_factory=lambda: _env("HYC_SECRET_FILE"))
    backup_dir: str = field(default_factory=lambda: _env("HYC_BACKUP_DIR"))
    backup_hour: int | None = field(default_factory=lambda: _hour_or_off("HYC_BACKUP_HOUR"))
    digest_hour: int | None = field(default_factory=lambda: _hour_or_off("HYC_DIGEST_HOUR"))
    reference_page: bool = field(default_factory=lambda: _env("HYC_REFERENCE_PAGE") == "on")
    backup_keep: int = field(default_factory=lambda: _whole("HYC_BACKUP_KEEP", 1, 1000))
    password_sign_in: bool = field(default_factory=lambda: _on_or_off("HYC_PASSWORD_SIGN_IN"))
    smtp_host: str = field(default_factory=lambda: _env("HYC_SMTP_HOST").strip())
    smtp_port: int = field(default_factory=lambda: _whole("HYC_SMTP_PORT", 1, 65535))
    smtp_security: str = field(default_factory=lambda: _one_of("HYC_SMTP_SECURITY", ("starttls", "ssl", "none")))
    smtp_user: str = field(default_factory=lambda: _env("HYC_SMTP_USER").strip())
    smtp_sender: str = field(default_factory=lambda: _env("HYC_SMTP_SENDER").strip())
    stuck_match_days: tuple[tuple[str, int], ...] = field(
        default_factory=lambda: days_per_code("HYC_STUCK_MATCH_DAYS", vocab.MATCH_STAGES.codes))
    stuck_request_days: tuple[tuple[str, int], ...] = field(
        default_factory=lambda: days_per_code("HYC_STUCK_REQUEST_DAYS", vocab.REQUEST_STATUSES.codes))

    @property
    def db_url(self) -> str:
        return self.db if self.db.startswith("duckdb:") else f"duckdb:///{self.db}"

    @property
    def db_path(self) -> str:
        return self.db.removeprefix("duckdb:///")


def _env(name: str) -> str:
    default = next(s.default for s in SETTINGS if s.name == name)
    return os.environ.get(name) or default


def secret(name: str) -> str | None:
    """A secret from the environment (HYC_SMTP_PASSWORD…), never a setting with a default nor the store."""
    return os.environ.get(name) or None


def _whole(name: str, low: int, high: int) -> int:
    text = _env(name).strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValueError(f"{name}: « {text} » is not a whole number from {low} to {high}")
    return int(text)


def _one_of(name: str, choices: tuple[str, ...]) -> str:
    text = _env(name).strip().lower()
    if text not in choices:
        raise ValueError(f"{name}: « {text} » is not one of {', '.join(choices)}")
    return text


def _on_or_off(name: str) -> bool:
    text = _env(name).strip().lower()
    if text not in ("on", "off"):
        raise ValueError(f"{name}: « {text} » is neither on nor off")
    return text == "on"


def _hour_or_off(name: str) -> int | None:
    return None if _env(name).strip().lower() == "off" else _whole(name, 0, 23)


def days_per_code(name: str, codes) -> tuple[tuple[str, int], ...]:
    """`code=days` pairs of a setting, each code one of `codes` and each number of days from 1 to 3,650."""
    pairs = []
    for item in filter(None, (part.strip() for part in _env(name).split(","))):
        code, _, days = (side.strip() for side in item.partition("="))
        if code not in codes or not days.isdigit() or not 1 <= int(days) <= 3650:
            raise ValueError(f"{name}: « {item} » is not `code=days` with a code among {', '.join(codes)} "
                             "and days from 1 to 3650")
        pairs.append((code, int(days)))
    return tuple(pairs)


def load() -> Config:
    """Read the settings now (tests change the environment between calls)."""
    return Config()
