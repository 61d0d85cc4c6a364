"""Benchmark: the RPPS check (python -m hyc annuaire) over a full-size Annuaire Santé extract and a scale-50 store.

Target: under 60 s and under 2 GB of memory (the process's peak resident size) on this machine.
The extract is generated in the directory's layout (hyc.annuaire.EXTRACT_HEADER, each line ending with "|"):
`--lines` activity lines (2.4 million by default, about 800 MB), among them one or two lines for most of the store's
RPPS (some with another profession or specialty), a tenth of ADELI lines, and the rest people we do not know.
The check runs as the command a founder would run, in its own process, timed from start to end.
Run: .venv/bin/python bench/bench_annuaire.py [--lines 2400000] [--scale 50] [--store PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stores import TODAY, demo_store  # noqa: E402
from hyc import annuaire  # noqa: E402

TARGET_SECONDS, TARGET_BYTES = 60, 2 * 1024**3


def write_extract(store: Path, target: Path, lines: int) -> int:
    """The extract at `target`, from the store's own RPPS; returns its size in bytes."""
    con = duckdb.connect()
    con.execute(f"attach '{store}' as store (read_only)")
    con.execute("create table ours as select row_number() over (order by id) - 1 as i, rpps from store.caregiver "
                "where rpps is not null")
    con.execute("detach store")
    known = con.execute("select count(*) from ours").fetchall()[0][0]
    filler = {name: "''" for name in annuaire.EXTRACT_HEADER}
    filler.update({
        annuaire.TYPE_COLUMN: "case when n % 10 = 9 then '0' else '8' end",
        # Our RPPS for the first 1.3 × known lines (some people have two activities), strangers after, ADELI ids.
        annuaire.RPPS_COLUMN: f"""case when n % 10 = 9 then lpad((700000000 + n)::varchar, 9, '0')
                                       when n < {known} * 13 // 10 then (select rpps from ours where i = n % {known})
                                       else (29000000000 + n)::varchar end""",
        "Identification nationale PP": "'8' || (29000000000 + n)::varchar",
        "Code civilité d'exercice": "'DR'", "Libellé civilité d'exercice": "'Docteur'", "Code civilité": "'M'",
        "Libellé civilité": "'Monsieur'", "Nom d'exercice": "'NOM' || n", "Prénom d'exercice": "'PRENOM' || (n % 997)",
        annuaire.PROFESSION_COLUMN: "['10', '60', '70', '40', '21', '50', '98'][1 + n % 7]",
        "Libellé profession": "'Médecin'", "Code catégorie professionnelle": "'C'",
        "Libellé catégorie professionnelle": "'Civil'",
        annuaire.SPECIALTY_COLUMN: "['Qualifié en Médecine Générale', 'Cardiologie et maladies vasculaires', "
                                   "'Pédiatrie', 'Psychiatrie', '', 'Radio-diagnostic'][1 + n % 6]",
        "Code mode exercice": "['L', 'S'][1 + n % 2]",
        annuaire.MODE_COLUMN: "['Libéral, indépendant, bénévole', 'Salarié'][1 + n % 2]",
        "Numéro SIRET site": "(80000000000000 + n)::varchar", "Raison sociale site": "'CABINET MEDICAL ' || n",
        "Numéro Voie (coord. structure)": "(n % 120)::varchar",
        "Libellé type de voie (coord. structure)": "'Rue'",
        "Libellé Voie (coord. structure)": "'DE LA REPUBLIQUE'", "Code postal (coord. structure)": "'69003'",
        "Code commune (coord. structure)": "'69383'", "Libellé commune (coord. structure)": "'LYON 3E ARRONDISSEMENT'",
        "Code pays (coord. structure)": "'99000'", "Libellé pays (coord. structure)": "'France'",
        "Téléphone (coord. structure)": "'0478' || lpad((n % 1000000)::varchar, 6, '0')",
        "Adresse e-mail (coord. structure)": "'cabinet' || n || '@exemple.fr'",
        "Code Département (structure)": "'69'", "Libellé Département (structure)": "'Rhône'",
        "Autorité d'enregistrement": "'CNOM/CNOM/CNOM'", "Code secteur d'activité": "'SA07'",
        "Libellé secteur d'activité": "'Cabinet individuel'", "Code rôle": "'FON-01'",
        "Libellé rôle": "'Titulaire de cabinet'", "Code genre activité": "'GENR01'",
        "Libellé genre activité": "'Activité standard de soin'",
    })
    # One text column per line, named by the header itself; each line ends with "|", as in the real file.
    line = "concat_ws('|', " + ", ".join(f"({expression})" for expression in filler.values()) + ", '')"
    header = "|".join(annuaire.EXTRACT_HEADER) + "|"
    con.execute(f"""copy (select {line} as "{header}" from range({lines}) t(n)) to '{target}' """
                "(header, quote '', delimiter '\t')")
    con.close()
    return target.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_400_000)
    parser.add_argument("--scale", type=float, default=50)
    parser.add_argument("--store", type=Path, help="a scale-50 store to reuse (a copy is checked)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = demo_store(Path(folder) / "bench.duckdb", args.store, args.scale)
        extract = Path(folder) / "PS_LibreAcces_Personne_activite_202611230000.txt"
        started = time.perf_counter()
        size = write_extract(store, extract, args.lines)
        print(f"extract: {args.lines:,} lines, {size / 1e6:.0f} MB, written in {time.perf_counter() - started:.1f} s")
        env = {**os.environ, "HYC_DB": str(store), "HYC_BACKUP_HOUR": "off"}
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "hyc", "annuaire", str(extract), "--today", TODAY.isoformat()],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kilobytes on Linux
        print(done.stdout.strip() or done.stderr.strip())
        print(f"check: {elapsed:.1f} s (target {TARGET_SECONDS} s), peak memory {peak / 1024**3:.2f} GB "
              f"(target {TARGET_BYTES / 1024**3:.0f} GB)")
        ok = done.returncode == 0 and elapsed < TARGET_SECONDS and peak < TARGET_BYTES
        print("OK" if ok else "TOO SLOW OR TOO BIG")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
