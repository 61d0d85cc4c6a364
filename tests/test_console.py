"""The SQL console (hyc.console): one read-only statement runs and gives the same figures as SQL on the store;
every hostile statement is refused with a clear sentence, changes nothing and reads no file; a slow one stops."""

import gc
import json
import re
import time

import pytest

from hyc import console, db, i18n, matches, organisations, requests, vocab
from hyc.audit import PermissionDenied
from tests.conftest import fetch
from tests.helpers import FOUNDER, MENTOR, VALID_ORGANISATION, VALID_REQUEST, new_caregiver

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
    # Refused by the parser, or (a secret column) failed in the sandbox, which holds no copy of it.
    assert all({"refused"} == json.loads(a).keys() - {"sql"} or "password_hash" in json.loads(a)["sql"] and
               json.loads(a)["failed"] == "unknown_column" for (a,) in events)
    assert not (secret_file.parent / "dump").exists() and not secret_file.with_suffix(".csv.out").exists()


def test_even_past_the_parser_the_sandbox_reaches_no_file(engine, secret_file):
    """The second lock alone: the in-memory database the console runs in (its own process) refuses a file."""
    for sql in (f"select * from read_csv('{secret_file}')", f"select * from '{secret_file}'",
                "select current_setting('enable_external_access') as v"):
        answer = console._sandboxed(console._copies(engine, ["caregiver"]), sql, time_limit=5, row_limit=10)
        if answer.rows is not None:  # a setting may be read, not changed
            assert answer.rows.to_pylist() == [{"v": False}], sql
        else:
            assert re.search("(?i)permission|disabled", answer.error) and SECRET not in answer.error, sql
    answer = console._sandboxed(console._copies(engine, ["caregiver"]), "set enable_external_access = true",
                                time_limit=5, row_limit=10)
    assert answer.rows is None and "lock" in answer.error.lower()


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


def test_a_slow_query_is_stopped_with_a_message_saying_its_true_time(engine):
    started = time.perf_counter()
    with pytest.raises(console.Failed, match=r"arrêtée après \d+(,\d)? s \(limite : 0,3 s\)") as stopped:
        console.run(engine, FOUNDER, "select count(*) from match_event a, match_event b, match_event c, "
                                     "match_event d", time_limit=0.3)
    took = time.perf_counter() - started
    # The sentence says the time it took, to a tenth ("1 s" when it took 1.0 s on a loaded machine).
    said = float(re.search(r"après (\d+(?:,\d)?) s", str(stopped.value)).group(1).replace(",", "."))
    assert 0.3 - 0.05 <= said <= took + 0.05


def test_the_child_waiting_answers_one_query_only_and_another_waits_for_the_next(engine):
    console.warm()
    [(waiting, _)] = console._spare
    expected = fetch(engine, "select count(*) from caregiver")[0][0]
    assert console.run(engine, FOUNDER, "select count(*) as n from caregiver").rows.n.tolist() == [expected]
    assert waiting.poll() is not None  # it answered, and is gone with all the query held
    [(following, _)] = console._spare
    assert following.pid != waiting.pid and following.poll() is None


def test_a_child_that_died_waiting_is_replaced_and_the_query_still_answered(engine):
    console.warm()
    [(waiting, _)] = console._spare
    waiting.kill()
    waiting.wait()
    expected = fetch(engine, "select count(*) from match")[0][0]
    assert console.run(engine, FOUNDER, "select count(*) as n from match").rows.n.tolist() == [expected]
    [(following, _)] = console._spare
    assert following.poll() is None


def test_the_child_s_code_is_the_code_loaded_not_the_file_as_it_reads_now(engine, monkeypatch):
    """A file updated on disk before the server restarts must not change what the children run."""
    monkeypatch.setattr(console.inspect, "getsource", lambda _: "raise SystemExit('read again')")
    expected = fetch(engine, "select count(*) from organisation")[0][0]
    assert console.run(engine, FOUNDER, "select count(*) as n from organisation").rows.n.tolist() == [expected]


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


# --- Every way a query can end -------------------------------------------------------------------------------------
LIMIT = 2.0  # seconds: the tests' time limit, short to keep them fast
MARGIN = 2.0  # what starting the sandbox and copying the tables may add, on a busy machine


def resident_memory() -> int:
    """This process's resident memory in bytes (the server's, when the console runs in it)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


def last_query(engine) -> dict:
    [(after,)] = fetch(engine, "select after from audit_event where action = 'query' order by id desc limit 1")
    return json.loads(after)


# Whichever comes first ends a query that builds huge values: the time limit, the memory, the result's size.
STOPPED = {"too_slow", "memory", "too_big"}


@pytest.mark.parametrize(("sql", "kinds"), [
    # A cross join of a few thousand rows, three times: billions of rows to count.
    ("select count(*) from onboarding_step a, onboarding_step b, onboarding_step c", {"too_slow"}),
    ("with recursive r(n) as (select 1 union all select n+1 from r) select * from r", {"too_slow"}),
    # Huge values: 200 MB a row, one value of 2 GB (DuckDB cannot interrupt its making), a list of 10⁸ numbers.
    ("SELECT repeat('x', 200000000) AS s FROM caregiver", STOPPED),
    ("SELECT repeat('x', 2000000000)", STOPPED),
    ("select range(100000000)", STOPPED),
    # Values doubled until they fill the memory.
    ("with recursive r(s) as (select 'x' union all select s || s from r) select length(s) from r", STOPPED),
    # A result of hundreds of megabytes.
    ("select repeat(last_name, 100000) from caregiver", STOPPED),
])
def test_a_query_that_would_knock_the_server_over_ends_in_a_sentence_in_time_audited_memory_back(engine, sql, kinds):
    before = resident_memory()
    started = time.perf_counter()
    with pytest.raises(console.Failed) as failed:
        console.run(engine, FOUNDER, sql, time_limit=LIMIT)
    waited = time.perf_counter() - started
    message = failed.value.message
    assert message.key.removeprefix("console.") in kinds and waited < LIMIT + MARGIN, (message, waited)
    if message.key == "console.too_slow":  # the time it says is the time it took, not the limit
        said = message.values["seconds"].value
        assert LIMIT <= said <= waited + 0.05 and message.values["limit"].value == LIMIT
    assert "Error" not in message and "Error" not in message.said("en") and message.said("en") != str(message)
    assert last_query(engine) == {"sql": sql, "failed": message.key.removeprefix("console."),
                                  "seconds": last_query(engine)["seconds"]}
    gc.collect()
    after = resident_memory()
    assert after - before < 200 * 2**20  # the query left nothing of its size in the server
    # Under 1 GB after it: said of a server, not of a test process that earlier tests have already grown that far.
    assert after < 2**30 or before > 2**30 - 200 * 2**20, (before, after)
    assert console.run(engine, FOUNDER, "select count(*) as n from caregiver").rows.n.tolist() == list(fetch(
        engine, "select count(*) from caregiver")[0])  # and the console still answers


@pytest.mark.parametrize(("sql", "key", "name"), [
    ("select nom from caregiver", "console.unknown_column", "nom"),
    ("select c.nom from caregiver c", "console.unknown_column", "nom"),
    ("select * from caregiver where last_name = Dupont", "console.unknown_column", "Dupont"),
    ("select x.id from caregiver c", "console.unknown_alias", "x"),
    ("select id, count(*) from caregiver", "console.group_by", "id"),
    ("select id from caregiver, match", "console.ambiguous", "id"),
    ("select sum(last_name) from caregiver", "console.argument_types", "sum"),
    ("select id from caregiver union select id, id from match", "console.union_columns", None),
    ("select 1 // 0", "console.division_by_zero", None),
    ("select cast(last_name as int) from caregiver", "console.conversion", None),
    ("select 2147483647::int + 1", "console.out_of_range", None),
    ("select (select id from caregiver)", "console.scalar_subquery", None),
    ("select strptime('x', '%d')", "console.invalid_input", None),
    ("select id from caregiver order by 5", "console.names", None),
])
def test_duckdb_s_english_becomes_a_short_sentence_of_ours_naming_the_column(engine, sql, key, name):
    with pytest.raises(console.Failed) as failed:
        console.run(engine, FOUNDER, sql, time_limit=LIMIT)
    message = failed.value.message
    assert message.key == key and message.values.get("name") == name
    for said in (str(message), message.said("en")):
        assert not re.search(r"Error|Binder|Catalog|Referenced|INT32|Candidate", said), said
        assert name is None or name in said
    assert last_query(engine) == {"sql": sql, "failed": key.removeprefix("console."),
                                  "seconds": last_query(engine)["seconds"]}


def test_a_message_we_do_not_know_gets_a_sentence_that_quotes_none_of_it():
    said = console.explained("Fancy Error: something DuckDB says in English about 'Dupont'")
    assert said.key == "console.failed" and "Dupont" not in said and "Fancy" not in said.said("en")
    assert console.explained("OSError: INTERRUPT Error: Interrupted!").key == "console.failed"  # time: the server's


# --- Readable results --------------------------------------------------------------------------------------------


def test_a_column_without_a_name_reads_as_it_was_written(engine):
    got = console.run(engine, FOUNDER, "select profession, count(*), count(distinct region), max(years_experience) "
                                       "as plus, upper(profession) from caregiver group by all order by 1")
    assert list(got.rows.columns) == ["profession", "count(*)", "count(DISTINCT region)", "plus", "upper(profession)"]
    expected = fetch(engine, "select profession, count(*), count(distinct region), max(years_experience), "
                             "upper(profession) from caregiver group by all order by 1")
    assert [tuple(row) for row in got.rows.itertuples(index=False)] == expected
    union = console.run(engine, FOUNDER, "select count(*) from caregiver union all select count(*) from match")
    assert list(union.rows.columns) == ["count(*)"] and union.total == 2
    star = console.run(engine, FOUNDER, "select *, c.* exclude (role) from contact c limit 1")
    assert list(star.rows.columns)[:3] == ["id", "organisation_id", "first_name"]


# --- Codes in words ----------------------------------------------------------------------------------------------


def test_every_coded_column_is_a_column_and_every_code_stored_has_a_label(engine):
    seen = 0
    for listed, columns_of in ((False, console.CODES), (True, console.CODE_LISTS)):
        for table, columns in columns_of.items():
            for column, terms in columns.items():
                assert column in console.TABLES[table], (table, column)
                values = {v for (v,) in fetch(engine, f'select distinct "{column}" from "{table}" '
                                                      f'where "{column}" is not null')}
                codes = {c for v in values for c in v.split(",")} if listed else values
                assert codes <= set(terms.codes), (table, column, codes - set(terms.codes))
                seen += bool(codes)
    assert seen >= 30  # the demo store fills nearly all of them (not the RPPS checks)


def test_the_natural_question_works_as_written_on_the_labelled_view(engine):
    expected = [r[0] for r in fetch(engine, "select id from caregiver where profession = 'masseur_kinesitherapeute' "
                                            "and region = '76' order by id")]
    assert expected  # the question has an answer to find
    plain = console.run(engine, FOUNDER, "select * from caregiver where profession = 'Masseur-kinésithérapeute' "
                                         "and region = 'Occitanie'")
    assert plain.total == 0  # the store itself holds codes
    got = console.run(engine, FOUNDER, "select * from caregiver_fr where profession = 'Masseur-kinésithérapeute' "
                                       "and region = 'Occitanie' order by id")
    assert got.rows.id.tolist() == expected and list(got.rows.columns) == console.TABLES["caregiver"]
    [(departement, mission_types)] = fetch(engine, "select departement, mission_types from caregiver where id = ?",
                                           expected[0])
    row = got.rows.iloc[0]
    assert row.departement == vocab.DEPARTEMENTS_BY_CODE[departement].name
    assert row.mission_types == ", ".join(vocab.MISSION_TYPES.label(c) for c in mission_types.split(","))
    english = console.run(engine, FOUNDER, "select id from caregiver_en where profession = 'Physiotherapist' "
                                           "and region = 'Occitanie' order by id")
    assert english.rows.id.tolist() == expected
    joined = console.run(engine, FOUNDER, """select c.id from caregiver c
        join label p on p.vocabulary = 'professions' and p.code = c.profession
        join label r on r.vocabulary = 'regions' and r.code = c.region
        where p.fr = 'Masseur-kinésithérapeute' and r.fr = 'Occitanie' order by c.id""")
    assert joined.rows.id.tolist() == expected


def test_every_table_with_codes_has_its_views_with_the_table_s_columns_and_codes_in_words(engine):
    views = sorted(console.VIEWS)
    described = " union all ".join(f"select '{name}' as view, list(column_name) as columns, "
                                   f"(select count(*) from {name}) as n from (describe {name})" for name in views)
    answer = console._sandboxed(console._copies(engine, views), described, time_limit=10, row_limit=100)
    assert {row["view"]: row["columns"] for row in answer.rows.to_pylist()} == {
        name: console.TABLES[table] for name, (table, _) in console.VIEWS.items()}
    counts = db.table_counts(engine)
    assert all(row["n"] == counts[console.VIEWS[row["view"]][0]] for row in answer.rows.to_pylist())
    stages = console.run(engine, FOUNDER, "select distinct m.stage as fr, e.stage as en from match_fr m "
                                          "join match_en e using (id) order by 1")
    assert set(zip(stages.rows.fr, stages.rows.en, strict=True)) == {
        (vocab.MATCH_STAGES.label(c), vocab.MATCH_STAGES.label(c, "en")) for (c,) in fetch(
            engine, "select distinct stage from match")}
    labels = console.run(engine, FOUNDER, "select * from label where vocabulary = 'regions' and code = '76'")
    assert labels.rows.to_dict("records") == [{"vocabulary": "regions", "code": "76", "fr": "Occitanie",
                                               "en": "Occitanie"}]


# --- Built-in questions ------------------------------------------------------------------------------------------


def kine(engine, organisation_id: int, n: int, postcode: str, stages: tuple[str, ...], **changes) -> int:
    """A physiotherapist (unless `changes` say otherwise) on a request of their own, moved through `stages`."""
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {
        "organisation_id": organisation_id, "title": f"Bilan kiné {n}", "professions": ["masseur_kinesitherapeute"],
        "specialties": []})
    caregiver = new_caregiver(engine, **{
        "first_name": f"Kiné{n}", "last_name": f"Essai{n}", "email": f"kine{n}@exemple.fr",
        "phone": f"06 12 34 56 {n:02d}", "rpps": None, "profession": "masseur_kinesitherapeute", "specialty": None,
        "practice_setting": "liberal", "postcode": postcode} | changes)
    [match] = matches.add_candidates(engine, FOUNDER, request.id, [caregiver.id])
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"conflict_checked": True},
                                    expected_version=match.row_version)
    for stage in stages:
        match = matches.move(engine, FOUNDER, match.id, stage, expected_version=match.row_version)
    return caregiver.id


DONE = ("contactee", "interessee", "proposee_client", "entretien", "retenue", "contrat_signe", "en_mission",
        "terminee")


def test_the_kines_of_occitanie_who_did_a_mission_are_those_plain_sql_finds(engine):
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"makes_health_products": False})
    finished = kine(engine, org.id, 1, "31000", DONE)  # Toulouse: Occitanie
    kine(engine, org.id, 2, "34000", DONE[:-1])  # Montpellier, still on the mission
    kine(engine, org.id, 3, "69001", DONE)  # Lyon: another region
    kine(engine, org.id, 4, "30000", DONE, profession="infirmier")  # Nîmes, a nurse
    sql = dict((key, body) for key, body in console.EXAMPLES)["console.example.kines_occitanie"]
    got = console.run(engine, FOUNDER, sql)
    expected = fetch(engine, """select c.id, count(*) from caregiver c join match m on m.caregiver_id = c.id
        where c.profession = 'masseur_kinesitherapeute' and c.region = '76' and m.stage = 'terminee'
          and not c.archived and c.erased_at is null group by c.id order by c.id""")
    assert finished in [cid for cid, _ in expected]
    assert sorted(zip(got.rows.id, got.rows.missions_terminees, strict=True)) == expected
    assert (got.rows.departement == "Haute-Garonne").any()


def test_every_example_runs_and_its_name_is_said_in_both_languages(engine):
    for key, sql in console.EXAMPLES:
        assert console.run(engine, FOUNDER, sql).total > 0 or key == "console.example.kines_occitanie"
        assert i18n.t(key, "fr") != key and i18n.t(key, "en") != i18n.t(key, "fr")
