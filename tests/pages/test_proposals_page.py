"""Proposals by e-mail under AppTest: from a request's matches and from the shortlist, the preview shows each
message as its person will read it and who is skipped (with the phone to call), the send reaches the local SMTP
server, the result stays on the request; answers are one click; the Team page keeps the templates."""

from __future__ import annotations

from hyc import matches, schema
from hyc.audit import Actor
from hyc.ui.fmt import phone
from tests.conftest import TODAY, t
from tests.pages.conftest import page, run_on
from tests.pages.test_forms import fetch
from tests.test_proposals import expected_text

FOUNDER = Actor(1, "fondateur", "Claire Dubois")


def prepared(path, n: int = 2, *, no_email: int = 0) -> tuple[int, list[int], list[int]]:
    """An open on-site request with `n` people put on it as "suggérée" (and `no_email` more without an e-mail,
    with a phone): the request, those with an e-mail, those without."""
    request_id = fetch(path, """select min(id) from request where status = 'en_recherche' and work_mode = 'presentiel'
                                and region is not null and start_date is not null and expected_days > 1
                                and budget_day_rate is not null""")[0][0]
    # Only ours are "suggérée" on it, so that the recipients picked by default are known.
    fetch(path, "update match set stage = 'abandonnee', exit_reason = 'sans_reponse' "
                "where request_id = ? and stage in ('suggeree', 'contactee')", request_id)
    people = [r[0] for r in fetch(path, """
        select id from caregiver where not archived and erased_at is null and email is not null and phone is not null
        and id not in (select caregiver_id from match where request_id = ?) order by id limit ?""",
                                  request_id, n + no_email)]
    with_email, without = people[:n], people[n:]
    for caregiver_id in without:
        fetch(path, "update caregiver set email = null where id = ?", caregiver_id)
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        if people:
            matches.add_candidates(engine, FOUNDER, request_id, people)
    finally:
        engine.dispose()
    return request_id, with_email, without


def button(at, key: str):
    return next(b for b in at.button if b.key == key)


def texts(at) -> list[str]:
    return [el.value for el in at.text]


def test_from_the_request_s_matches_the_preview_shows_each_message_then_they_go_and_move(store, smtp_server):
    request_id, people, [without] = prepared(store, 2, no_email=1)
    name, number = fetch(store, "select first_name || ' ' || last_name, phone from caregiver where id = ?", without)[0]
    at = run_on(page("requests"), TODAY, request=str(request_id))
    assert not at.exception, at.exception
    picker = next(m for m in at.multiselect if m.key.startswith(f"proposal.recipients.{request_id}."))
    assert sorted(picker.value) == sorted([*people, without])  # those suggested, by default

    at = button(at, f"matches.{request_id}.send").click().run()
    assert not at.exception, at.exception
    # Each message as its person reads it, computed from the store here; who has no e-mail, with a phone to call.
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        expected = [expected_text(engine, i, request_id, "fr") for i in people]
    finally:
        engine.dispose()
    assert sorted(texts(at)) == sorted(text.rstrip("\n") for _, _, text in expected)  # as st.text shows it
    shown = {m.value.replace("\\", "") for m in at.markdown}
    assert {f"**Objet : {subject}**" for _, subject, _ in expected} <= shown
    warning = next(w.value for w in at.warning if t("proposals.skipped_title") in w.value)
    assert name in warning.replace("\\", "") and phone(number) in warning
    assert smtp_server == []  # nothing goes before the click

    at = button(at, f"matches.{request_id}.confirm").click().run()
    assert not at.exception, at.exception
    assert sorted(m["To"] for m in smtp_server) == sorted(to for to, _, _ in expected)
    assert dict(fetch(store, "select caregiver_id, stage from match where request_id = ? and caregiver_id in (?, ?, ?)",
                      request_id, *people, without)) == {people[0]: "contactee", people[1]: "contactee",
                                                         without: "suggeree"}
    # The result stays on the request: sent, and whom to call instead.
    success = " ".join(s.value for s in at.success).replace("\\", "")
    assert t("proposals.sent", n=2, names=[]).split(":")[0] in success
    assert any(phone(number) in w.value for w in at.warning)

    # The answers: one click records "intéressé(e)".
    match_id = fetch(store, "select id from match where request_id = ? and caregiver_id = ?", request_id,
                     people[0])[0][0]
    at = button(at, f"answer.yes.{match_id}").click().run()
    assert not at.exception, at.exception
    assert fetch(store, "select stage from match where id = ?", match_id) == [("interessee",)]
    # Declining asks its reason first, then moves with it.
    other = fetch(store, "select id from match where request_id = ? and caregiver_id = ?", request_id, people[1])[0][0]
    at = button(at, f"answer.no.{other}").click().run()
    assert fetch(store, "select stage from match where id = ?", other) == [("contactee",)]
    assert any("raison" in e.value for e in at.error)
    next(s for s in at.selectbox if s.key == f"answer.reason.{other}").select("indisponible").run()
    at = button(at, f"answer.no.{other}").click().run()
    assert fetch(store, "select stage, exit_reason from match where id = ?", other) == [
        ("declinee_soignant", "indisponible")]


def test_without_a_mail_server_the_preview_says_so_and_sends_nothing(store, monkeypatch):
    monkeypatch.delenv("HYC_SMTP_HOST", raising=False)
    request_id, people, _ = prepared(store, 1)
    at = run_on(page("requests"), TODAY, request=str(request_id))
    at = button(at, f"matches.{request_id}.send").click().run()
    assert not at.exception, at.exception
    assert any(t("proposals.not_configured") in w.value for w in at.warning)
    assert button(at, f"matches.{request_id}.confirm").disabled
    assert fetch(store, "select stage from match where request_id = ? and caregiver_id = ?", request_id,
                 people[0]) == [("suggeree",)]


def test_from_the_shortlist_on_the_ranking_the_people_written_to_leave_it(store, smtp_server):
    request_id, _, _ = prepared(store, 0)
    fresh = [r[0] for r in fetch(store, """
        select id from caregiver where not archived and erased_at is null and email is not null
        and id not in (select caregiver_id from match where request_id = ?) order by id limit 2""", request_id)]
    at = run_on(page("requests"), TODAY, request=str(request_id))
    at.session_state["shortlist"] = fresh
    at.session_state[f"request_tabs.{request_id}"] = t("record.tab_candidates")
    at = at.run()
    assert not at.exception, at.exception
    at = button(at, "shortlist.send").click().run()
    assert not at.exception, at.exception
    assert len(texts(at)) == 2
    at = button(at, "shortlist.confirm").click().run()
    assert not at.exception, at.exception
    assert len(smtp_server) == 2
    assert at.session_state["shortlist"] == []
    assert sorted(r[0] for r in fetch(store, "select caregiver_id from match where request_id = ? "
                                             "and stage = 'contactee'", request_id)) == sorted(fresh)
    assert fetch(store, "select count(*) from call where kind = 'proposition_email'") == [(2,)]


def test_the_team_page_refuses_an_unknown_field_and_keeps_the_team_s_wording(store):
    at = run_on(page("team"), TODAY)
    assert not at.exception, at.exception
    subject = next(w for w in at.text_input if w.key == "form.mail_template.fr.subject")
    content = next(w for w in at.text_area if w.key == "form.mail_template.fr.content")
    assert content.value.startswith("Bonjour {prenom},")
    subject.input("Pour {prénom}")
    at = next(b for b in at.button if b.label == t("form.save") and "mail_template" in str(b.proto.form_id)
              ).click().run()
    assert any(e.value.replace("\\", "").startswith("Champ inconnu : {prénom}") for e in at.error)
    assert fetch(store, "select count(*) from mail_template") == [(0,)]
    next(w for w in at.text_input if w.key == "form.mail_template.fr.subject").input("Pour {prenom} : {mission}")
    at = next(b for b in at.button if b.label == t("form.save") and "mail_template" in str(b.proto.form_id)
              ).click().run()
    assert not at.exception, at.exception
    assert fetch(store, "select lang, subject, author_id from mail_template") == [
        ("fr", "Pour {prenom} : {mission}", 1)]
