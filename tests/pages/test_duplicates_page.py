"""The Possible duplicates page under AppTest: what an empty list says, a pair compared side by side with a choice
per differing field, the merge asked, confirmed and said; founders only."""

from hyc import schema
from tests.conftest import TODAY, fetch, t
from tests.pages.conftest import FOUNDER, MENTOR, page, run_on


def _plant_namesakes(store) -> tuple[int, int, dict]:
    """Two live caregivers made namesakes in one département, the second with a phone the first lacks; returns
    their ids and the values the test expects, read with plain SQL."""
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        first, second = [row[0] for row in fetch(engine, "select id from caregiver where not archived "
                                                         "and phone is not null order by id limit 2")]
        with engine.begin() as conn:
            conn.exec_driver_sql("update caregiver set first_name = 'Hélène', last_name = 'Lefèvre', phone = null "
                                 "where id = ?", (first,))
            conn.exec_driver_sql("update caregiver set first_name = 'HELENE', last_name = 'Lefevre', "
                                 "departement = (select departement from caregiver where id = ?) where id = ?",
                                 (first, second))
        expected = {"phone": fetch(engine, "select phone from caregiver where id = ?", second)[0][0],
                    "calls": fetch(engine, "select count(*) from call where caregiver_id in (?, ?)",
                                   first, second)[0][0]}
    finally:
        engine.dispose()
    return first, second, expected


def test_with_no_likely_duplicate_each_tab_says_what_that_means(on_demo):
    at = run_on(page("duplicates"), TODAY)
    assert not at.exception
    assert at.title[0].value == t("merge.title")
    assert [tab.label for tab in at.tabs] == [t("merge.tab_caregivers", n=0), t("merge.tab_organisations", n=0),
                                              t("merge.tab_contacts", n=0)]
    assert [info.value for info in at.info] == [t("merge.empty_caregiver"), t("merge.empty_organisation"),
                                                t("merge.empty_contact")]


def test_a_pair_is_compared_field_by_field_then_merged_on_confirmation(store):
    first, second, expected = _plant_namesakes(store)
    at = run_on(page("duplicates"), TODAY)
    assert not at.exception
    assert at.tabs[0].label == t("merge.tab_caregivers", n=1)
    pick = at.selectbox(key="merge.pick.caregiver")
    assert pick.options == [t("merge.pair_label", first=t("merge.record_label", name="Hélène Lefèvre", id=first),
                              second=t("merge.record_label", name="HELENE Lefevre", id=second),
                              reasons=t("merge.reason.name_departement"))]
    at = pick.set_value(f"{first}-{second}").run()
    assert not at.exception
    # The older record is kept by default; the other's phone fills the empty one; the first name stays its own.
    assert at.radio(key=f"merge.kept.caregiver.{first}.{second}").value == first
    assert at.radio(key=f"merge.choice.caregiver.{first}.{second}.phone").value == "merged"
    assert at.radio(key=f"merge.choice.caregiver.{first}.{second}.first_name").value == "kept"
    at = at.button(key="merge.submit.caregiver").click().run()
    assert [w.value for w in at.warning if "Fusionner" in w.value]  # the confirmation names both records
    assert fetch_merged(store, second) is None  # nothing written before the confirmation
    at = at.button(key="merge.confirmed.caregiver").click().run()
    assert not at.exception
    assert [toast.value.replace("\\", "") for toast in at.toast] == [
        t("merge.done", name=t("merge.record_label", name="Hélène Lefèvre", id=first))]
    assert fetch_merged(store, second) == first
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        assert fetch(engine, "select phone from caregiver where id = ?", first) == [(expected["phone"],)]
        assert fetch(engine, "select count(*) from call where caregiver_id = ?", first) == [(expected["calls"],)]
    finally:
        engine.dispose()
    # The pair is gone from the list.
    assert at.tabs[0].label == t("merge.tab_caregivers", n=0)
    # The merged record says where everything went; it is a trace, with nothing to open, change or restore.
    record = run_on(page("talent_pool"), TODAY, caregiver=str(second))
    link = f"[{t('merge.record_number', id=first)}](/talent_pool?caregiver={first}&lang=fr)"
    assert t("merge.merged_into", link=link) in [w.value for w in record.warning]
    shown = [tab.label for tab in record.tabs]
    assert not {t("record.tab_steps"), t("record.tab_edit")} & set(shown), shown
    assert [b.label for b in record.button if b.label in (t("record.restore"), t("record.archive"))] == []


def test_one_person_known_twice_by_an_organisation_is_merged_from_the_contacts_tab(store):
    """Two contacts of one organisation with one e-mail, the second naming a request: merged, the request names the
    one kept, and its organisation's record lists the person once."""
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        org, request = fetch(engine, "select organisation_id, min(id) from request group by all order by 1 limit 1")[0]
        org_name = fetch(engine, "select name from organisation where id = ?", org)[0][0]
        with engine.begin() as conn:
            ids = [conn.exec_driver_sql(
                "insert into contact (id, organisation_id, first_name, last_name, email, archived, created_at, "
                "updated_at, row_version) values (nextval('contact_id_seq'), ?, ?, 'Quillard', ?, false, now(), "
                "now(), 1) returning id", (org, first, mail)).scalar() for first, mail in (
                ("Bérénice", "b.quillard@exemple.fr"), ("B.", "B.Quillard@exemple.fr"))]
            conn.exec_driver_sql("update request set contact_id = ? where id = ?", (ids[1], request))
    finally:
        engine.dispose()
    first, second = ids
    at = run_on(page("duplicates"), TODAY)
    assert at.tabs[2].label == t("merge.tab_contacts", n=1)
    pick = at.selectbox(key="merge.pick.contact")
    assert pick.options == [t("merge.pair_label",
                              first=t("merge.record_label", name=f"Bérénice Quillard · {org_name}", id=first),
                              second=t("merge.record_label", name=f"B. Quillard · {org_name}", id=second),
                              reasons=t("merge.reason.email"))]
    at = pick.set_value(f"{first}-{second}").run()
    assert at.radio(key=f"merge.choice.contact.{first}.{second}.first_name").value == "kept"
    at = at.button(key="merge.submit.contact").click().run()
    at = at.button(key="merge.confirmed.contact").click().run()
    assert not at.exception
    assert [toast.value.replace("\\", "") for toast in at.toast] == [
        t("merge.done", name=t("merge.record_label", name="Bérénice Quillard", id=first))]
    assert at.tabs[2].label == t("merge.tab_contacts", n=0)
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        assert fetch(engine, "select contact_id from request where id = ?", request) == [(first,)]
        assert fetch(engine, "select merged_into_id, archived from contact where id = ?", second) == [(first, True)]
    finally:
        engine.dispose()


def test_an_organisation_merge_says_when_it_leaves_one_person_twice_among_its_contacts(store):
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        first, second = [row[0] for row in fetch(engine, "select id from organisation where not archived "
                                                         "order by id limit 2")]
        with engine.begin() as conn:
            for org, name, key, last in ((first, "Médi-Lab", "medi lab", "Lefèvre"),
                                         (second, "MEDILAB sarl", "medilab", "LEFEVRE")):
                conn.exec_driver_sql("update organisation set name = ?, name_key = ? where id = ?", (name, key, org))
                conn.exec_driver_sql(
                    "insert into contact (id, organisation_id, first_name, last_name, archived, created_at, "
                    "updated_at, row_version) values (nextval('contact_id_seq'), ?, 'Anne', ?, false, now(), now(), "
                    "1)", (org, last))
            for _ in range(2):  # one person already twice on the first: not the merge's doing
                conn.exec_driver_sql(
                    "insert into contact (id, organisation_id, first_name, last_name, archived, created_at, "
                    "updated_at, row_version) values (nextval('contact_id_seq'), ?, 'Marc', 'Petit', false, now(), "
                    "now(), 1)", (first,))
        expected_pairs = fetch(engine, """select count(*) from contact a join contact b on a.id < b.id
                                          and lower(strip_accents(a.first_name || ' ' || a.last_name))
                                            = lower(strip_accents(b.first_name || ' ' || b.last_name))
                                          where a.organisation_id = ? and b.organisation_id = ?
                                             or a.organisation_id = ? and b.organisation_id = ?""",
                               first, second, second, first)[0][0]
    finally:
        engine.dispose()
    assert expected_pairs == 1
    at = run_on(page("duplicates"), TODAY)
    at = at.selectbox(key="merge.pick.organisation").set_value(f"{first}-{second}").run()
    at = at.button(key="merge.submit.organisation").click().run()
    at = at.button(key="merge.confirmed.organisation").click().run()
    assert not at.exception
    kept = t("merge.record_label", name="Médi-Lab", id=first)
    assert [toast.value.replace("\\", "") for toast in at.toast] == [t("merge.done", name=kept)]
    # The contacts' tab is the one shown open (its count changed: Streamlit would open the first), and says why.
    assert at.tabs[2].label == t("merge.tab_contacts", n=2)
    assert at.session_state["merge.open_tab"] == "contact"
    assert [info.value for info in at.tabs[2].info][0] == t("merge.contacts_twice", n=1, name=kept)
    at = at.run()  # said once
    assert t("merge.contacts_twice", n=1, name=kept) not in [info.value for info in at.info]


def fetch_merged(store, caregiver_id: int) -> int | None:
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        return fetch(engine, "select merged_into_id from caregiver where id = ?", caregiver_id)[0][0]
    finally:
        engine.dispose()


def test_namesakes_said_not_the_same_leave_the_list_and_come_back_from_the_pairs_set_apart(store):
    first, second, _ = _plant_namesakes(store)
    at = run_on(page("duplicates"), TODAY)
    at = at.selectbox(key="merge.pick.caregiver").set_value(f"{first}-{second}").run()
    at = at.button(key="merge.apart.caregiver").click().run()
    assert not at.exception
    names = {i: t("merge.record_label", name=name, id=i)
             for i, name in ((first, "Hélène Lefèvre"), (second, "HELENE Lefevre"))}
    assert [toast.value.replace("\\", "") for toast in at.toast] == [
        t("merge.set_apart_done", first=names[first], second=names[second])]
    assert at.tabs[0].label == t("merge.tab_caregivers", n=0)
    assert t("merge.empty_caregiver") + t("merge.empty_apart", n=1) in [info.value for info in at.info]
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        assert fetch(engine, "select entity, first_id, second_id from distinct_pair") == [
            ("caregiver", first, second)]
        assert fetch(engine, "select count(*) from caregiver where id in (?, ?) and merged_into_id is null",
                     first, second) == [(2,)]  # nothing merged
    finally:
        engine.dispose()

    # Under the list, the pair set apart, which can be listed again.
    assert t("merge.apart_title", n=1) in [e.label for e in at.expander]
    assert at.selectbox(key="merge.apart_pick.caregiver").value == f"{first}-{second}"
    at = at.button(key="merge.bring_back.caregiver").click().run()
    assert not at.exception
    assert at.tabs[0].label == t("merge.tab_caregivers", n=1)
    assert t("merge.apart_title", n=1) not in [e.label for e in at.expander]


def test_a_mentor_is_refused_the_page(on_demo):
    at = run_on(page("duplicates"), TODAY, member=MENTOR)
    assert at.error and at.selectbox == [] and at.title == []
    assert FOUNDER != MENTOR
