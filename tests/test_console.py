"""The SQL console (hyc.console): one read-only statement runs and gives the same figures as SQL on the store;
every hostile statement is refused with a clear sentence, changes nothing and reads no file; a slow one stops."""

import json

import pytest

from hyc import console, db
from hyc.audit import PermissionDenied
from tests.conftest import fetch
from tests.helpers import FOUNDER, MENTOR

SECRET = "mot-de-passe-tres-secret-42"


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text(f"secret\n{SECRET}\n")
    return path


def hostile(path) -> list[str]:
    """Statements that write, define, configure, or reach a file, a URL or another database."""
    p = str(path)
    return [
        "delete from caregiver",
        "update caregiver set last_name = 'X'",
        "insert into team_member (id, email, full_name, role) values (99, 'a@b.fr', 'Intrus', 'fondateur')",
        "drop table caregiver",
        "create table t as select 1",
        "alter table caregiver add column x int",
        "select 1; delete from caregiver",
        "select * from caregiver; drop table call",
        "with gone as (delete from caregiver returning *) select count(*) from gone",
        f"attach '{p}' as other",
        f"copy caregiver to '{p}.out'",
        f"export database '{path.parent / 'dump'}'",
        "install httpfs",
        "load httpfs",
        "set enable_external_access = true",
        "pragma database_list",
        f"select * from read_csv('{p}')",
        f"select * from read_csv_auto('{p}')",
        f"select * from read_parquet('{p}')",
        f"select * from read_text('{p}')",
        f"select * from '{p}'",
        f'select * from "{p}"',
        "select * from glob('/etc/*')",
        "select getenv('HOME')",
        "select current_setting('enable_external_access')",
        "select * from read_json('https://example.com/x.json')",
        "select * from duckdb_settings()",
        "select * from web_session",
        "select password_hash from team_member",
        "select * from other.main.caregiver",
        "select * from caregiver into outfile 'x'",
        "vacuum",
        "checkpoint",
        "",
    ]


def test_every_hostile_statement_is_refused_changes_nothing_and_reads_no_file(engine, secret_file):
    before = db.table_counts(engine)
    statements = hostile(secret_file)
    assert len(statements) >= 20
    for sql in statements:
        with pytest.raises(console.Refused) as refused:
            console.run(engine, FOUNDER, sql)
        said = str(refused.value.message)
        assert said and SECRET not in said, sql
    after = db.table_counts(engine)
    assert after == before | {"audit_event": before["audit_event"] + len(statements)}
    events = fetch(engine, "select after from audit_event where action = 'query' order by id")
    assert [json.loads(a)["sql"] for (a,) in events] == statements
    assert all("refused" in json.loads(a) for (a,) in events)
    assert not (secret_file.parent / "dump").exists() and not secret_file.with_suffix(".csv.out").exists()


def test_even_past_the_parser_the_sandbox_reaches_no_file(engine, secret_file):
    """The second lock alone: the in-memory database the console runs in refuses a file."""
    sandbox = console._sandbox(engine, ["caregiver"])
    with pytest.raises(Exception, match="(?i)permission|disabled"):
        sandbox.execute(f"select * from read_csv('{secret_file}')").fetchall()
    sandbox.close()


def test_a_question_from_a_call_gets_the_figure_sql_gives(engine):
    sql = """select count(distinct c.id) as kines from caregiver c
             join match m on m.caregiver_id = c.id
             where c.profession = 'masseur_kinesitherapeute' and c.region = '76'
               and m.stage in ('en_mission', 'terminee')"""
    got = console.run(engine, FOUNDER, sql)
    assert got.rows.kines.tolist() == [fetch(engine, sql)[0][0]] and got.total == 1


def test_a_big_result_is_capped_with_its_true_count(engine):
    [(steps,)] = fetch(engine, "select count(*) from onboarding_step")
    got = console.run(engine, FOUNDER, "with s as (select * from onboarding_step) select * from s order by id",
                      row_limit=100)
    assert (len(got.rows), got.total) == (100, steps) and steps > 100
    assert got.rows.id.tolist() == [r[0] for r in fetch(engine, "select id from onboarding_step order by id "
                                                                   "limit 100")]
    [(after,)] = fetch(engine, "select after from audit_event where action = 'query'")
    assert json.loads(after)["rows"] == steps


def test_a_slow_query_is_stopped_with_a_message(engine):
    with pytest.raises(console.Refused, match="arrêtée après 0.3 s"):
        console.run(engine, FOUNDER, "select count(*) from match_event a, match_event b, match_event c, "
                                     "match_event d", time_limit=0.3)


def test_only_founders_use_the_console(engine):
    with pytest.raises(PermissionDenied):
        console.run(engine, MENTOR, "select 1")


def test_a_question_is_saved_once_under_its_name_and_only_if_the_console_would_run_it(engine):
    console.save_question(engine, FOUNDER, "Kinés d'Occitanie", "select count(*) from caregiver")
    with pytest.raises(console.Refused, match="porte déjà ce nom"):
        console.save_question(engine, FOUNDER, " Kinés d'Occitanie ", "select 1")
    with pytest.raises(console.Refused, match="ne fait que lire"):
        console.save_question(engine, FOUNDER, "Purge", "delete from caregiver")
    with pytest.raises(console.Refused, match="nom"):
        console.save_question(engine, FOUNDER, "  ", "select 1")
    with pytest.raises(PermissionDenied):
        console.save_question(engine, MENTOR, "Mentor", "select 1")
    assert fetch(engine, "select name, body, author_id from saved_question") == [
        ("Kinés d'Occitanie", "select count(*) from caregiver", FOUNDER.id)]
