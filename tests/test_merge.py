"""Possible duplicates found and merged (issue 29): the finder lists the pairs planted and no one else; a merge moves
every row that refers to the merged record, combines what must stay single, keeps both records in one audit event,
archives the merged one with its pointer, and refuses a record changed meanwhile. Expected figures are read with
plain SQL before and after, never from hyc.merge's own output."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from hyc import (
    audit,
    calls,
    caregivers,
    imports,
    matches,
    merge,
    organisations,
    privacy,
    reads,
    requests,
    schema,
    search,
)
from hyc.calls import Part
from hyc.mentoring import first_mission_drift
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch, t
from tests.helpers import FOUNDER, MENTOR, NOW, VALID_CALL, VALID_REQUEST, counts

ROOT = Path(__file__).resolve().parent.parent
STATUS_ORDER = ("a_faire", "en_cours", "fait")  # how far a step went, as the track reads it
KEEP_ALL = dict.fromkeys(merge.FIELDS["caregiver"], merge.KEPT)  # the survivor as it is: no value to check


# --- Planting duplicates -------------------------------------------------------------------------------------


def run(engine, sql: str, *params) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(sql, params)


def plant_namesake(engine, source: int, other: int, first: str, last: str, *, same_departement: bool = True) -> None:
    """`source` named `first last`; `other` named the same written another way (upper case, no accents), in the
    same département (or another one)."""
    plain = unicodedata.normalize("NFKD", f"{first}|{last}").encode("ascii", "ignore").decode().upper().split("|")
    run(engine, "update caregiver set first_name = ?, last_name = ? where id = ?", first, last, source)
    dep = fetch(engine, "select departement from caregiver where id = ?", source)[0][0]
    other_dep = dep if same_departement else fetch(
        engine, "select min(departement) from caregiver where departement <> ?", dep)[0][0]
    run(engine, "update caregiver set first_name = ?, last_name = ?, departement = ? where id = ?",
        plain[0], plain[1].lower(), other_dep, other)


def plant_set_aside_phone(engine, holder: int, other: int) -> str:
    """Two records with one phone as a store before upgrade step 3 could hold them, then step 3 itself: the phone
    stays on `holder`, and `other` keeps it in its notes."""
    run(engine, "drop index caregiver_phone_key")
    phone = fetch(engine, "select phone from caregiver where id = ?", holder)[0][0]
    run(engine, "update caregiver set phone = ? where id = ?", phone, other)
    with engine.begin() as conn:
        schema._set_aside_duplicate_identifiers(conn)
    run(engine, "create unique index caregiver_phone_key on caregiver (phone)")
    return phone


def plant_set_aside_organisation(engine, holder: int, other: int, name: str) -> None:
    """`other` renamed `name` (the holder's name another way) as a store before upgrade step 16 could hold it, then
    step 16 itself: `other` set aside without a name key, its note naming `holder`."""
    run(engine, "drop index organisation_name_key")
    run(engine, "update organisation set name = ? where id = ?", name, other)
    run(engine, "update organisation set name_key = null")  # the column as step 16 found it
    with engine.begin() as conn:
        schema._organisation_name_keys(conn)
    run(engine, "create unique index organisation_name_key on organisation (name_key)")


def live_ids(engine, table: str, where: str = "") -> list[int]:
    return [row[0] for row in fetch(engine, f"select id from {table} where not archived {where} order by id")]


def pairs_of(frame) -> set[tuple[int, int]]:
    return set(zip(frame.a_id.astype(int), frame.b_id.astype(int), strict=True))


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def expected_caregiver_pairs(engine) -> set[tuple[int, int]]:
    """Independently: live records (neither erased nor merged) with one name and one département, and the records a
    set-aside note names, as pairs (older, newer)."""
    rows = fetch(engine, """select id, first_name, last_name, departement, notes from caregiver
                            where erased_at is null and merged_into_id is null order by id""")
    live = {row[0] for row in rows}
    groups: dict[tuple, list[int]] = {}
    for row_id, first, last, dep, _ in rows:
        if dep is not None:
            groups.setdefault((ascii_fold(first), ascii_fold(last), dep), []).append(row_id)
    found = {(a, b) for ids in groups.values() for i, a in enumerate(ids) for b in ids[i + 1:]}
    for row_id, *_, notes in rows:
        for other in re.findall(r"aussi sur la fiche n° (\d+)", notes or ""):
            if int(other) in live and int(other) != row_id:
                found.add((min(row_id, int(other)), max(row_id, int(other))))
    return found


# --- Finding ---------------------------------------------------------------------------------------------------


def test_the_finder_lists_namesakes_of_one_departement_and_set_aside_phones_and_no_one_else(engine):
    ids = live_ids(engine, "caregiver")
    a, b, elsewhere, c, d, e, f, g, h = ids[:9]
    plant_namesake(engine, a, b, "Hélène", "Lefèvre")
    plant_namesake(engine, a, elsewhere, "Hélène", "Lefèvre", same_departement=False)  # not the same département
    phone = plant_set_aside_phone(engine, c, d)
    plant_namesake(engine, e, f, "Œdipe", "Müller")  # then f erased: left out
    run(engine, "update caregiver set erased_at = now() where id = ?", f)
    plant_namesake(engine, g, h, "Zoé", "Brisset")  # h archived: listed, and said so
    run(engine, "update caregiver set archived = true where id = ?", h)

    found = merge.caregiver_pairs(engine)
    assert pairs_of(found) == expected_caregiver_pairs(engine)
    assert {(a, b), (c, d), (g, h)} <= pairs_of(found)
    assert not {(a, elsewhere), (b, elsewhere), (e, f)} & pairs_of(found)
    by_pair = found.set_index(["a_id", "b_id"])
    assert by_pair.loc[(a, b)].reasons == "name_departement"
    assert by_pair.loc[(c, d)].reasons == "phone"
    assert fetch(engine, "select phone from caregiver where id = ?", c)[0][0] == phone
    assert bool(by_pair.loc[(g, h)].b_archived) and not bool(by_pair.loc[(g, h)].a_archived)
    # Identifiers set aside come first: they are the surest.
    assert (int(found.a_id.iloc[0]), int(found.b_id.iloc[0])) == (c, d)


def test_the_finder_lists_organisations_set_aside_and_names_equal_but_for_form_and_spacing(engine):
    holder, other, first, second, unrelated = live_ids(engine, "organisation")[:5]
    name = fetch(engine, "select name from organisation where id = ?", holder)[0][0]
    plant_set_aside_organisation(engine, holder, other, f"{name.upper()} SAS")
    run(engine, "update organisation set name = 'Medi-Lab', name_key = 'medi lab' where id = ?", first)
    run(engine, "update organisation set name = 'MEDILAB sarl', name_key = 'medilab' where id = ?", second)
    assert fetch(engine, "select name_key, notes from organisation where id = ?", other)[0][0] is None

    found = merge.organisation_pairs(engine)
    by_pair = found.set_index(["a_id", "b_id"])
    assert set(by_pair.loc[(holder, other)].reasons.split(",")) == {"set_aside", "similar_name"}
    assert by_pair.loc[(first, second)].reasons == "similar_name"
    assert not any(unrelated in pair for pair in pairs_of(found))
    # Independently: the organisations a set-aside note names, and those whose names are one once folded, the legal
    # forms, punctuation and spaces set aside.
    rows = fetch(engine, "select id, name, name_key, notes from organisation where merged_into_id is null")
    squashed: dict[str, list[int]] = {}
    for row_id, org_name, _, _ in sorted(rows):
        words = [w for w in re.findall(r"[^\W_]+", ascii_fold(org_name)) if w not in organisations.LEGAL_FORMS]
        squashed.setdefault("".join(words), []).append(row_id)
    expected = {(a, b) for ids in squashed.values() for i, a in enumerate(ids) for b in ids[i + 1:]}
    expected |= {(min(i, int(o)), max(i, int(o))) for i, _, key, notes in rows if key is None
                 for o in re.findall(r"Nom proche de l'organisation n° (\d+)", notes or "")}
    assert pairs_of(found) == expected


# --- Merging caregivers --------------------------------------------------------------------------------------


def _statuses(engine, caregiver_id: int) -> dict[str, str]:
    return dict(fetch(engine, "select step, status from onboarding_step where caregiver_id = ?", caregiver_id))


def _row(engine, table: str, row_id: int) -> dict:
    with engine.connect() as conn:
        return dict(conn.exec_driver_sql(f"select * from {table} where id = ?", (row_id,)).mappings().one())


def referring_columns(target: str) -> set[tuple[str, str]]:
    """Every column of hyc.models that holds ids of `target` rows: named `<target>_id`, or documented in models.py
    as holding them (a comment on or just above the field naming "<target>.id" or "<target> ids"), the merge's own
    pointer aside."""
    found = {(table.name, column.name) for table in SQLModel.metadata.tables.values() for column in table.columns
             if column.name == f"{target}_id"}
    source = (ROOT / "hyc" / "models.py").read_text()
    mention = re.compile(rf"\b{target}(\.id| ids)\b")
    for block in re.finditer(r'__tablename__ = "(\w+)"(.*?)(?=\nclass |\Z)', source, re.S):
        table, comments = block.group(1), []
        for line in block.group(2).splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                comments.append(stripped)
                continue
            field = re.match(r"(\w+): .*", stripped)
            if field and mention.search(" ".join([*comments, stripped.partition("#")[2]])):
                found.add((table, field.group(1)))
            comments = []
    return found - {(target, "merged_into_id")}


def test_the_merge_knows_every_column_that_refers_to_a_caregiver_an_organisation_or_a_contact():
    assert referring_columns("caregiver") == set(merge.REFERENCES["caregiver"])
    assert referring_columns("organisation") == set(merge.REFERENCES["organisation"])
    assert referring_columns("contact") == set(merge.REFERENCES["contact"])
    assert referring_columns("match") == set(merge.MATCH_REFERENCES)


@pytest.fixture
def caregiver_pair(engine):
    """Two records of one person: `kept` early on the track with calls; `merged` further along (a finished
    mission), with calls, sessions and matches, an RPPS check and a seat in a panel. Both put on two open requests:
    on the first the kept one's match goes further, on the second the merged one's."""
    kept, merged = fetch(engine, """
        with early as (
            select c.id, c.profession from caregiver c join caregiver_progress p on p.caregiver_id = c.id
            where not c.archived and p.stage in ('appel_accueil', 'profil_complet') and c.rpps is not null
              and exists (select 1 from call k where k.caregiver_id = c.id)),
        placed as (
            select c.id, c.profession from caregiver c join caregiver_progress p on p.caregiver_id = c.id
            where not c.archived and p.placed_once and c.rpps is not null
              and exists (select 1 from call k where k.caregiver_id = c.id)
              and exists (select 1 from mentoring_session s where s.caregiver_id = c.id))
        select e.id, p.id from early e join placed p on p.profession = e.profession
        where not exists (select 1 from match m join match n on n.request_id = m.request_id  -- planted below
                          where m.caregiver_id = e.id and n.caregiver_id = p.id)
        order by e.id, p.id limit 1""")[0]
    plant_namesake(engine, kept, merged, "Amélie", "Rousseau")
    run(engine, "update caregiver set notes = 'Rappeler en janvier.' where id = ?", kept)
    run(engine, "update caregiver set notes = 'Préfère les ateliers.' where id = ?", merged)
    rpps = fetch(engine, "select rpps from caregiver where id = ?", merged)[0][0]
    run(engine, "insert into rpps_check (caregiver_id, rpps, checked_on, found, status) values (?, ?, ?, true, "
                "'conforme')", merged, rpps, TODAY)
    requests = [r for (r,) in fetch(engine, """
        select id from request where status in ('qualifiee', 'en_recherche', 'candidats_proposes') and not archived
          and id not in (select request_id from match where caregiver_id in (?, ?)) order by id limit 3""",
        kept, merged)]
    further, not_further, panel = requests
    run(engine, "update request set panel = ? where id = ?", f"{merged},{kept},9999", panel)
    ours = {}
    for request_id in (further, not_further):
        for match in matches.add_candidates(engine, FOUNDER, request_id, [kept, merged]):
            ours[(request_id, match.caregiver_id)] = match
    for request_id, who, stage in ((further, kept, "interessee"), (not_further, merged, "proposee_client")):
        match = ours[(request_id, who)]
        for step in ("contactee", "interessee", "proposee_client")[:("contactee", "interessee",
                                                                     "proposee_client").index(stage) + 1]:
            match = matches.move(engine, FOUNDER, match.id, step, expected_version=match.row_version)
    return {"kept": kept, "merged": merged, "further": further, "not_further": not_further, "panel": panel,
            "matches": {key: m.id for key, m in ours.items()}}


def test_a_merge_moves_every_row_keeps_both_records_in_its_audit_event_and_archives_the_merged_one(
        engine, caregiver_pair):
    kept, merged = caregiver_pair["kept"], caregiver_pair["merged"]
    assert (kept, merged) in pairs_of(merge.caregiver_pairs(engine)) or (merged, kept) in pairs_of(
        merge.caregiver_pairs(engine))
    before = {who: _row(engine, "caregiver", who) for who in (kept, merged)}
    owned = {table: {who: {r for (r,) in fetch(engine, f"select id from {table} where caregiver_id = ?", who)}
                     for who in (kept, merged)} for table in ("call", "mentoring_session", "match")}
    steps = {who: _statuses(engine, who) for who in (kept, merged)}
    ours = caregiver_pair["matches"]
    further, not_further = caregiver_pair["further"], caregiver_pair["not_further"]

    survivor = merge.merge_caregivers(
        engine, FOUNDER, kept, merged, {"phone": merge.MERGED, "rpps": merge.MERGED}, today=TODAY,
        expected_versions={kept: before[kept]["row_version"], merged: before[merged]["row_version"]})

    assert survivor.id == kept
    # Every column that refers to a caregiver holds the merged id no more.
    for table, column in merge.REFERENCES["caregiver"]:
        test = ("list_contains(string_split(panel, ','), ?)" if column == "panel" else f"{column} = ?::integer")
        assert fetch(engine, f"select count(*) from {table} where {test}", str(merged))[0][0] == 0, (table, column)
    # Calls and sessions moved whole; the matches too, but for the two on one request.
    for table in ("call", "mentoring_session"):
        assert {r for (r,) in fetch(engine, f"select id from {table} where caregiver_id = ?", kept)} == (
            owned[table][kept] | owned[table][merged])
    dropped = {ours[(further, merged)], ours[(not_further, kept)]}
    assert {r for (r,) in fetch(engine, "select id from match where caregiver_id = ?", kept)} == (
        owned["match"][kept] | owned["match"][merged]) - dropped
    # On each shared request, the match further along stayed, with the survivor; the other is gone with its events.
    shared = "select id, stage from match where request_id = ? and caregiver_id in (?, ?)"
    assert fetch(engine, shared, further, kept, merged) == [(ours[(further, kept)], "interessee")]
    assert fetch(engine, shared, not_further, kept, merged) == [(ours[(not_further, merged)], "proposee_client")]
    assert fetch(engine, "select count(*) from match_event where match_id in (?, ?)", *dropped) == [(0,)]
    deleted = fetch(engine, "select entity_id, before from audit_event where entity = 'match' and action = 'delete' "
                            "order by entity_id")
    assert [row[0] for row in deleted] == sorted(dropped)
    assert all(json.loads(copy)["events"] for _, copy in deleted)
    # Each onboarding step is the further of the two; the first mission follows the merged one's finished match.
    after_steps = _statuses(engine, kept)
    for step in after_steps:
        expected = max(steps[kept].get(step, "a_faire"), steps[merged].get(step, "a_faire"), key=STATUS_ORDER.index)
        assert after_steps[step] == expected, step
    assert after_steps["premiere_mission"] == "fait"
    assert first_mission_drift(engine).empty
    # The merged record: archived, pointing at the survivor, its unique identifiers gone to it.
    gone = _row(engine, "caregiver", merged)
    assert gone["archived"] and gone["merged_into_id"] == kept
    assert (gone["email"], gone["phone"], gone["rpps"]) == (None, None, None)
    now = _row(engine, "caregiver", kept)
    assert (now["email"], now["phone"], now["rpps"]) == (
        before[kept]["email"], before[merged]["phone"], before[merged]["rpps"])
    assert now["notes"] == "Rappeler en janvier.\nPréfère les ateliers."  # both notes by default
    assert now["row_version"] == before[kept]["row_version"] + 1
    assert fetch(engine, "select rpps from rpps_check where caregiver_id = ?", kept) == [(before[merged]["rpps"],)]
    assert fetch(engine, "select panel from request where id = ?", caregiver_pair["panel"]) == [(f"{kept},9999",)]
    # One audit event "merge": both records as they were, the survivor as it is.
    [(entity, entity_id, actor, copy_before, copy_after)] = fetch(
        engine, "select entity, entity_id, actor_id, before, after from audit_event where action = 'merge'")
    assert (entity, entity_id, actor) == ("caregiver", kept, FOUNDER.id)
    copy_before, copy_after = json.loads(copy_before), json.loads(copy_after)
    for side, who in (("kept", kept), ("merged", merged)):
        for name in ("first_name", "last_name", "email", "phone", "rpps", "notes", "row_version"):
            assert copy_before[side][name] == before[who][name], (side, name)
    assert set(copy_before["moved"]["call"]) == owned["call"][merged]
    for name in ("email", "phone", "rpps", "notes", "row_version"):
        assert copy_after[name] == now[name], name
    # And the pair is no longer a possible duplicate.
    assert not {(kept, merged), (merged, kept)} & pairs_of(merge.caregiver_pairs(engine))


def test_a_merge_of_a_record_changed_meanwhile_is_refused_and_writes_nothing(engine):
    kept, merged = live_ids(engine, "caregiver")[:2]
    plant_namesake(engine, kept, merged, "Lucie", "Garnier")
    seen = {who: _row(engine, "caregiver", who)["row_version"] for who in (kept, merged)}
    caregivers.update(engine, MENTOR, merged, {"notes": "Changé entre-temps"}, expected_version=seen[merged],
                      today=TODAY)
    before = counts(engine)
    with pytest.raises(merge.StalePair) as refused:
        merge.merge_caregivers(engine, FOUNDER, kept, merged, KEEP_ALL, today=TODAY, expected_versions=seen)
    name = " ".join(fetch(engine, "select first_name, last_name from caregiver where id = ?", merged)[0])
    assert refused.value.message == t("error.merge_stale", name=f"{name} (n° {merged})")
    assert counts(engine) == before
    assert _row(engine, "caregiver", merged)["merged_into_id"] is None


def test_only_a_role_that_writes_everything_a_merge_touches_merges(engine):
    kept, merged = live_ids(engine, "caregiver")[:2]
    before = counts(engine)
    with pytest.raises(audit.PermissionDenied):
        merge.merge_caregivers(engine, MENTOR, kept, merged, KEEP_ALL, today=TODAY)
    assert counts(engine) == before


def test_a_merged_record_cannot_be_merged_again_nor_a_record_with_itself(engine):
    kept, merged, third = live_ids(engine, "caregiver")[:3]
    merge.merge_caregivers(engine, FOUNDER, kept, merged, KEEP_ALL, today=TODAY)
    with pytest.raises(merge.AlreadyMerged):
        merge.merge_caregivers(engine, FOUNDER, third, merged, KEEP_ALL, today=TODAY)
    with pytest.raises(audit.WriteError):
        merge.merge_caregivers(engine, FOUNDER, third, third, KEEP_ALL, today=TODAY)


def test_a_merged_record_is_neither_edited_nor_restored_only_its_survivor(engine):
    kept, merged_id = live_ids(engine, "caregiver")[:2]
    merge.merge_caregivers(engine, FOUNDER, kept, merged_id, KEEP_ALL, today=TODAY)
    before = fetch(engine, "select * from caregiver where id = ?", merged_id)
    for attempt in (lambda: caregivers.update(engine, FOUNDER, merged_id, {"notes": "Rappeler"}, expected_version=None,
                                              today=TODAY),
                    lambda: caregivers.set_archived(engine, FOUNDER, merged_id, False)):
        with pytest.raises(audit.WriteError) as refused:
            attempt()
        assert f"n° {kept}" in str(refused.value.message)
    assert fetch(engine, "select * from caregiver where id = ?", merged_id) == before
    first, second = live_ids(engine, "organisation")[:2]
    merge.merge_organisations(engine, FOUNDER, first, second, dict.fromkeys(merge.FIELDS["organisation"], merge.KEPT))
    for attempt in (lambda: organisations.update(engine, FOUNDER, second, {"city": "Lyon"}, expected_version=None),
                    lambda: organisations.set_archived(engine, FOUNDER, "organisation", second, False)):
        with pytest.raises(audit.WriteError) as refused:
            attempt()
        assert f"n° {first}" in str(refused.value.message)


def test_erasing_the_survivor_erases_the_record_merged_into_it_and_both_copies_of_the_merge(engine, monkeypatch):
    monkeypatch.setattr(privacy, "rewrite", lambda engine, actor: None)  # the file's rewrite is erasure's own test
    kept, merged = live_ids(engine, "caregiver")[:2]
    old = _row(engine, "caregiver", merged)
    merge.merge_caregivers(engine, FOUNDER, kept, merged, KEEP_ALL, today=TODAY)
    # What we keep about the person holds the record merged into theirs.
    assert set(privacy.person_rows(engine, kept)["caregiver"].id) == {kept, merged}
    privacy.erase(engine, FOUNDER, kept)
    gone = _row(engine, "caregiver", merged)
    assert gone["erased_at"] is not None and gone["first_name"] == "Personne"
    [(copy,)] = fetch(engine, "select before from audit_event where action = 'merge'")
    for value in (old["email"], old["phone"]):
        assert value not in copy
    assert json.loads(copy)["merged"]["last_name"] == privacy.ERASED
    # The merged record's e-mail is on the objection list: it cannot be created again.
    with pytest.raises(privacy.Objected):
        caregivers.create(engine, FOUNDER, {"first_name": "X", "last_name": "Y", "email": old["email"],
                                            "profession": "infirmier"}, today=TODAY)


# --- Merging organisations -----------------------------------------------------------------------------------


def test_an_organisation_merge_moves_contacts_requests_and_calls_and_keeps_the_name_unique(engine):
    holder = fetch(engine, """
        select o.id from organisation o where o.makes_health_products and not o.archived
          and exists (select 1 from contact k where k.organisation_id = o.id)
          and exists (select 1 from call k where k.organisation_id = o.id)
          and exists (select 1 from match m join request r on r.id = m.request_id where r.organisation_id = o.id
                      and m.stage in ('suggeree', 'contactee', 'interessee') and m.convention_status <> 'non_requise')
        order by o.id limit 1""")[0][0]
    other = fetch(engine, "select min(id) from organisation where id > ? and not archived", holder)[0][0]
    name, key = fetch(engine, "select name, name_key from organisation where id = ?", holder)[0]
    plant_set_aside_organisation(engine, holder, other, f"{name.upper()} SAS")
    run(engine, "update organisation set makes_health_products = false where id = ?", other)
    owned = {table: {who: {r for (r,) in fetch(engine, f"select id from {table} where organisation_id = ?", who)}
                     for who in (holder, other)} for table in ("contact", "request", "call")}
    seen = {who: _row(engine, "organisation", who)["row_version"] for who in (holder, other)}

    # The one set aside is kept, under the name the other held: the key moves within the one transaction.
    survivor = merge.merge_organisations(engine, FOUNDER, other, holder,
                                         {"name": merge.MERGED, "makes_health_products": merge.KEPT},
                                         expected_versions=seen)

    assert survivor.id == other
    for table in ("contact", "request", "call"):
        assert {r for (r,) in fetch(engine, f"select id from {table} where organisation_id = ?", other)} == (
            owned[table][holder] | owned[table][other])
    for table, column in merge.REFERENCES["organisation"]:
        assert fetch(engine, f"select count(*) from {table} where {column} = ?", holder) == [(0,)]
    assert fetch(engine, "select name, name_key, archived, merged_into_id from organisation where id = ?", other) == [
        (name, key, False, None)]
    assert fetch(engine, "select name_key, archived, merged_into_id from organisation where id = ?", holder) == [
        (None, True, other)]
    assert fetch(engine, "select count(*) from (select name_key from organisation where name_key is not null "
                         "group by name_key having count(*) > 1)") == [(0,)]
    # The moved requests' live matches follow the survivor, which makes no health products.
    assert fetch(engine, """select count(*) from match m join request r on r.id = m.request_id
                            where r.organisation_id = ? and m.stage in ('suggeree', 'contactee', 'interessee')
                              and m.convention_status in ('a_preparer', 'a_declarer', 'autorisation_a_demander')""",
                 other) == [(0,)]
    [(copy,)] = fetch(engine, "select before from audit_event where action = 'merge' and entity = 'organisation'")
    assert json.loads(copy)["merged"]["name_key"] == key and json.loads(copy)["kept"]["name_key"] is None
    assert not {(holder, other), (other, holder)} & pairs_of(merge.organisation_pairs(engine))
    # The store still refuses the name twice.
    with pytest.raises(Exception, match="(?i)duplicate key"):
        run(engine, "update organisation set name_key = ? where id = ?", key, holder)


def test_the_default_choices_never_let_an_empty_value_override_a_filled_one():
    kept = {"email": None, "phone": "+33612345678", "notes": "a", "ai_trained": False, "city": ""}
    merged = {"email": "x@exemple.fr", "phone": None, "notes": "b", "ai_trained": True, "city": "Lyon"}
    assert merge.default_choices("caregiver", kept, merged) == {
        "email": merge.MERGED, "phone": merge.KEPT, "notes": merge.BOTH, "ai_trained": merge.MERGED}
    assert merge.default_choices("organisation", {"city": "Paris"}, {"city": None}) == {"city": merge.KEPT}
    # A specialty is a doctor's: it comes with the profession kept, even where the kept record has none.
    nurse = {"profession": "infirmier", "specialty": None, "rpps": None}
    doctor = {"profession": "medecin", "specialty": "cardiologie", "rpps": "10000000009"}
    assert merge.default_choices("caregiver", nurse, doctor) == {
        "profession": merge.KEPT, "specialty": merge.KEPT, "rpps": merge.MERGED}
    assert merge.default_choices("caregiver", nurse | {"profession": "medecin"}, doctor) == {
        "specialty": merge.MERGED, "rpps": merge.MERGED}


def test_what_hangs_on_a_deleted_match_goes_to_the_match_that_stays(engine, caregiver_pair):
    """On the request where the kept record's match goes further, the merged record's match is deleted: a document
    drafted for it and its workshop invitation go to the match that stays; its attendance too, unless the match
    that stays has its own for that session (then it goes, kept in the audit log)."""
    request, kept, merged = caregiver_pair["further"], caregiver_pair["kept"], caregiver_pair["merged"]
    staying, going = caregiver_pair["matches"][(request, kept)], caregiver_pair["matches"][(request, merged)]
    run(engine, "insert into workshop_session (id, request_id, starts_at, duration_min, uid, sequence, created_at, "
                "updated_at, row_version) values (900, ?, '2026-12-20 09:00', 60, 'u900', 0, now(), now(), 1), "
                "(901, ?, '2026-12-21 09:00', 60, 'u901', 0, now(), now(), 1)", request, request)
    run(engine, "insert into workshop_attendance (id, session_id, match_id, attended, ai_briefing, updated_at, "
                "row_version) values (900, 900, ?, true, false, now(), 1), (901, 901, ?, true, false, now(), 1), "
                "(902, 901, ?, false, false, now(), 1)", going, going, staying)
    run(engine, "insert into workshop_invitation (id, session_id, match_id, method, sequence, sent_at) "
                "values (900, 900, ?, 'REQUEST', 0, now())", going)
    run(engine, "insert into match_document (id, match_id, kind, generated_at, agreed_day_rate, agreed_days, "
                "terms_fingerprint) values (900, ?, 'convention', now(), 500, 2, 'x')", going)
    merge.merge_caregivers(engine, FOUNDER, kept, merged, KEEP_ALL, today=TODAY)
    assert fetch(engine, "select count(*) from match where id = ?", going) == [(0,)]
    assert fetch(engine, "select id, match_id from workshop_attendance where id >= 900 order by id") == [
        (900, staying), (902, staying)]
    assert fetch(engine, "select match_id from workshop_invitation where id = 900") == [(staying,)]
    assert fetch(engine, "select match_id from match_document where id = 900") == [(staying,)]
    (gone,) = fetch(engine, "select before from audit_event where entity = 'match' and action = 'delete' "
                            "and entity_id = ?", going)[0]
    assert [row["id"] for row in json.loads(gone)["attendance"]] == [901]


# --- Not one: a pair set apart ----------------------------------------------------------------------------------


# --- Merging contacts ----------------------------------------------------------------------------------------


def expected_contact_pairs(engine) -> set[tuple[int, int]]:
    """The contact pairs, computed in Python: one organisation, and the same e-mail (case aside) or the same name
    once folded (plain ASCII folding, either way round)."""
    rows = fetch(engine, "select id, organisation_id, first_name, last_name, email from contact "
                         "where merged_into_id is null order by id")
    found = set()
    for i, (a, org_a, first_a, last_a, mail_a) in enumerate(rows):
        for b, org_b, first_b, last_b, mail_b in rows[i + 1:]:
            if org_a != org_b:
                continue
            name_a, name_b = (ascii_fold(first_a), ascii_fold(last_a)), (ascii_fold(first_b), ascii_fold(last_b))
            same_mail = bool(mail_a and mail_b and mail_a.strip().lower() == mail_b.strip().lower())
            if same_mail or name_a in (name_b, name_b[::-1]):
                found.add((a, b))
    return found


@pytest.fixture
def twice_known(engine):
    """Two organisations, one a near-duplicate of the other, both knowing Anne Lefèvre (written "LEFEVRE anne" on
    the second) and Joséphine Durand (under another first name, one e-mail); the second's contacts name requests
    and calls. Returns (kept organisation, {name: (contact on the first, contact on the second)})."""
    first, second = live_ids(engine, "organisation")[:2]
    run(engine, "update organisation set name = 'Kerbrat-Santé', name_key = 'kerbrat sante' where id = ?", first)
    run(engine, "update organisation set name = 'KERBRATSANTE', name_key = 'kerbratsante' where id = ?", second)
    people = {}
    for name, (a, b) in {"anne": (("Anne", "Lefèvre", "anne.lefevre@kerbrat.fr"), ("LEFEVRE", "anne", None)),
                         "jo": (("Joséphine", "Durand", "j.durand@kerbrat.fr"),
                                ("Jo", "Durand", "J.Durand@Kerbrat.fr "))}.items():
        people[name] = tuple(organisations.create_contact(engine, FOUNDER, org, {
            "first_name": f, "last_name": last, "email": mail}).id for org, (f, last, mail) in ((first, a),
                                                                                                 (second, b)))
    merge.merge_organisations(engine, FOUNDER, first, second, dict.fromkeys(merge.FIELDS["organisation"],
                                                                            merge.KEPT))
    return first, people


def test_an_organisation_merge_leaves_the_people_both_knew_listed_as_contact_pairs(engine, twice_known):
    org, people = twice_known
    found = merge.contact_pairs(engine)
    assert pairs_of(found) == expected_contact_pairs(engine)
    assert set(people.values()) <= pairs_of(found)
    reasons = dict(zip(zip(found.a_id, found.b_id, strict=True), found.reasons, strict=True))
    assert reasons[people["anne"]] == "same_name" and reasons[people["jo"]] == "email"


def test_a_contact_merge_moves_requests_and_calls_and_keeps_both_before_states(engine, twice_known):
    org, people = twice_known
    kept, merged = people["jo"]
    requests_of = fetch(engine, "select id from request where organisation_id = ? order by id", org)[:2]
    calls_of = fetch(engine, "select id from call where organisation_id = ? order by id", org)[:1]
    assert len(requests_of) == 2 and calls_of, "the demo organisation has requests and calls"
    run(engine, "update request set contact_id = ? where id = ?", merged, requests_of[0][0])
    run(engine, "update request set contact_id = ? where id = ?", kept, requests_of[1][0])
    run(engine, "update call set contact_id = ? where id = ?", merged, calls_of[0][0])
    run(engine, "update contact set phone = '+33612345678', role = 'CMO' where id = ?", merged)
    before = {who: _row(engine, "contact", who) for who in (kept, merged)}

    survivor = merge.merge_contacts(engine, FOUNDER, kept, merged, {"first_name": merge.KEPT},
                                    expected_versions={k: v["row_version"] for k, v in before.items()})

    assert survivor.id == kept
    for table, column in merge.REFERENCES["contact"]:
        assert fetch(engine, f"select count(*) from {table} where {column} = ?", merged) == [(0,)]
    assert fetch(engine, "select id from request where contact_id = ? order by id", kept) == requests_of
    assert fetch(engine, "select count(*) from call where id = ? and contact_id = ?", calls_of[0][0], kept) == [(1,)]
    # The survivor keeps its name, takes the phone and role only the other had; its own e-mail stays.
    after = _row(engine, "contact", kept)
    assert (after["first_name"], after["email"], after["phone"], after["role"]) == (
        "Joséphine", before[kept]["email"], "+33612345678", "CMO")
    gone = _row(engine, "contact", merged)
    assert gone["archived"] and gone["merged_into_id"] == kept
    [(copy, moved_to)] = fetch(engine, "select before, entity_id from audit_event where action = 'merge' "
                                       "and entity = 'contact'")
    copies = json.loads(copy)
    assert moved_to == kept and copies["kept"]["first_name"] == "Joséphine" and copies["merged"]["first_name"] == "Jo"
    assert copies["moved"] == {"request": [requests_of[0][0]], "call": [calls_of[0][0]]}
    # The pair is listed no more; the organisation's record lists the person once, and offers only the survivor.
    assert people["jo"] not in pairs_of(merge.contact_pairs(engine))
    listed = reads.records.organisation_record(engine, org)["contacts"].id.tolist()
    assert kept in listed and merged not in listed
    assert merged not in reads.records.contacts_of(engine, org).id.tolist()
    found = search.find_everything(engine, "Jo Durand")["contact"].rows.id.tolist()
    assert kept in found and merged not in found
    with pytest.raises(audit.WriteError):
        organisations.update_contact(engine, FOUNDER, merged, {"role": "x"}, expected_version=gone["row_version"])


def test_after_a_contact_merge_a_form_read_before_it_is_refused_and_an_import_fills_the_survivor(engine,
                                                                                                 twice_known):
    org, people = twice_known
    kept, merged = people["jo"]
    run(engine, "update contact set phone = '+33611223344' where id = ?", merged)
    merge.merge_contacts(engine, FOUNDER, kept, merged, {"phone": merge.KEPT})  # the survivor keeps no phone
    # A request or a call form filled before the merge still names the merged contact: said under the field.
    with pytest.raises(FormInvalid) as refused:
        requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org, "contact_id": merged})
    assert refused.value.errors["contact_id"].key == "error.contact_merged"
    with pytest.raises(FormInvalid) as refused:
        calls.log_call(engine, FOUNDER, VALID_CALL | {"kind": "qualification_besoin", "member_id": 1}, now=NOW,
                       today=TODAY, organisation=Part(id=org), contact=Part(id=merged))
    assert refused.value.errors["contact.id"].key == "error.contact_merged"
    # An import row that only the merged record would have met (its first name, its phone, which the survivor did
    # not take) meets it no more: it is imported, not refused over a record that can no longer change.
    name = fetch(engine, "select name from organisation where id = ?", org)[0][0]
    sheet = imports.read(("Entreprise;Type;Prénom du contact;Nom du contact;Téléphone\n"
                          f"{name};;Jo;Durand;06 11 22 33 44\n").encode(), "contacts.csv")
    report = imports.run(engine, FOUNDER, "organisations", sheet, imports.guess(sheet.headers, "organisations"),
                         today=TODAY, filename="contacts.csv", write=True)
    assert [line.outcome for line in report.lines] == [imports.MERGED]  # the row's organisation, found
    assert fetch(engine, "select organisation_id, first_name from contact where phone = '+33611223344' "
                         "and merged_into_id is null") == [(org, "Jo")]


def test_contacts_of_two_organisations_are_not_merged_and_who_may_not_merge_cannot(engine, twice_known):
    org, people = twice_known
    elsewhere = fetch(engine, "select min(id) from contact where organisation_id <> ?", org)[0][0]
    with pytest.raises(audit.WriteError, match="même organisation"):
        merge.merge_contacts(engine, FOUNDER, people["anne"][0], elsewhere)
    with pytest.raises(audit.PermissionDenied):
        merge.merge_contacts(engine, MENTOR, *people["anne"])
    merge.set_apart(engine, FOUNDER, "contact", *people["anne"])
    assert people["anne"] not in pairs_of(merge.contact_pairs(engine))
    apart = merge.set_apart_pairs(engine, "contact")
    assert list(zip(apart.first_name, apart.second_name, strict=True)) == [("Anne Lefèvre", "LEFEVRE anne")]
    assert fetch(engine, "select count(*) from contact where merged_into_id is not null") == [(0,)]


def test_namesakes_set_apart_are_listed_no_more_audited_once_and_listed_again_when_brought_back(engine):
    a, b, c, d = live_ids(engine, "caregiver")[:4]
    plant_namesake(engine, a, b, "Hélène", "Lefèvre")
    plant_namesake(engine, c, d, "Zoé", "Brisset")
    assert {(a, b), (c, d)} <= pairs_of(merge.caregiver_pairs(engine))

    merge.set_apart(engine, FOUNDER, "caregiver", b, a)  # either order names the pair
    merge.set_apart(engine, FOUNDER, "caregiver", a, b)  # said twice: one decision
    listed = pairs_of(merge.caregiver_pairs(engine))
    assert (a, b) not in listed and (c, d) in listed  # the other pair stays
    assert fetch(engine, "select entity, first_id, second_id, decided_by from distinct_pair") == [
        ("caregiver", a, b, FOUNDER.id)]
    events = fetch(engine, "select entity, entity_id, after from audit_event where action = 'set_apart'")
    assert [(e, i, json.loads(after)) for e, i, after in events] == [
        ("caregiver", a, {"first_id": a, "second_id": b})]
    # The two records themselves are untouched: nothing moved, nothing archived.
    assert fetch(engine, "select count(*) from caregiver where id in (?, ?) and not archived "
                         "and merged_into_id is null", a, b) == [(2,)]
    apart = merge.set_apart_pairs(engine, "caregiver")
    assert list(zip(apart.first_id, apart.second_id, strict=True)) == [(a, b)]

    merge.bring_back(engine, FOUNDER, "caregiver", a, b)
    assert (a, b) in pairs_of(merge.caregiver_pairs(engine))
    assert fetch(engine, "select count(*) from distinct_pair") == [(0,)]
    assert fetch(engine, "select count(*) from audit_event where action = 'bring_back' and entity_id = ?", a) == [(1,)]


def test_the_store_keeps_one_decision_per_pair(engine):
    a, b = live_ids(engine, "caregiver")[:2]
    merge.set_apart(engine, FOUNDER, "caregiver", a, b)
    with pytest.raises(Exception, match="(?i)duplicate|constraint"):
        run(engine, "insert into distinct_pair (id, entity, first_id, second_id, decided_by, decided_at) "
                    "values (nextval('distinct_pair_id_seq'), 'caregiver', ?, ?, ?, now())", a, b, FOUNDER.id)


def test_setting_apart_is_for_who_may_merge_and_for_pairs_still_listed(engine):
    a, b, c = live_ids(engine, "caregiver")[:3]
    with pytest.raises(audit.PermissionDenied):
        merge.set_apart(engine, MENTOR, "caregiver", a, b)
    with pytest.raises(audit.WriteError):
        merge.set_apart(engine, FOUNDER, "caregiver", a, a)
    merge.merge_caregivers(engine, FOUNDER, a, b, KEEP_ALL, today=TODAY)
    with pytest.raises(merge.AlreadyMerged):
        merge.set_apart(engine, FOUNDER, "caregiver", b, c)
    assert fetch(engine, "select count(*) from distinct_pair") == [(0,)]


def test_organisations_set_apart_are_listed_no_more(engine):
    first, second = live_ids(engine, "organisation")[:2]
    run(engine, "update organisation set name = 'Medi-Lab', name_key = 'medi lab' where id = ?", first)
    run(engine, "update organisation set name = 'MEDILAB sarl', name_key = 'medilab' where id = ?", second)
    assert (first, second) in pairs_of(merge.organisation_pairs(engine))
    merge.set_apart(engine, FOUNDER, "organisation", first, second)
    assert (first, second) not in pairs_of(merge.organisation_pairs(engine))
    # A caregiver pair with the same two ids is another decision.
    assert fetch(engine, "select entity from distinct_pair") == [("organisation",)]
