"""The layers of the code, checked rather than hoped for: `make test` runs import-linter on .importlinter (the
domain imports neither Streamlit nor the interface; no import circles); these tests keep its contracts covering
every module, and keep SQL and the store out of the pages, which import-linter cannot read (scripts, not a
package)."""

import ast
import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_cover_every_domain_module():
    contracts = configparser.ConfigParser()
    contracts.read(ROOT / ".importlinter")
    domain = {f"hyc.{p.stem}" for p in (ROOT / "hyc").glob("*.py") if p.stem not in ("__init__", "__main__")}
    domain |= {f"hyc.{p.name}" for p in (ROOT / "hyc").iterdir() if (p / "__init__.py").exists() and p.name != "ui"}
    for name in ("importlinter:contract:no-streamlit", "importlinter:contract:no-ui"):
        assert set(contracts[name]["source_modules"].split()) == domain, name


def test_pages_read_and_write_through_hyc_never_the_store_itself():
    store_level = ("hyc.db", "hyc.schema", "duckdb", "sqlalchemy", "sqlmodel")
    for page in [*(ROOT / "pages").glob("*.py"), ROOT / "app.py"]:
        tree = ast.parse(page.read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        imported |= {f"hyc.{alias.name}" for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module == "hyc" for alias in node.names}
        assert not {name for name in imported if name.startswith(store_level)}, page.name
