"""The day's digest (hyc.digest): what it lists for a member, once a day by e-mail whatever restarts, never to a
member who turned it off, never on a day with nothing to say.

The items are planted on a new member of the demo team, with dates whose deadlines are counted by hand on the
calendar of November-December 2026 (no public holiday there): TODAY is Monday 23/11/2026, so the fifth working
day after it is Monday 30/11/2026."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from hyc import accounts, db, digest, mentoring, models, schema
from hyc.audit import Actor
from hyc.exchange import mail
from tests.conftest import TODAY, fetch
from tests.helpers import FOUNDER, NOW

MEMBER = {"full_name": "Zélie Quenouille", "email": "zelie.quenouille@hackyourcare.fr", "role": "mentor",
          "password": "Quenouille-2026-atelier"}


def new_member(engine, **changes) -> int:
    return accounts.create(engine, FOUNDER, MEMBER | changes).id


def plant(engine, member_id: int) -> dict:
    """One item of each kind for the member; returns what each line must say."""
    caregiver_id, caregiver = fetch(engine, "select id, first_name || ' ' || last_name from caregiver "
                                            "where not archived order by id limit 1")[0]
    # Next actions: one three days late, one due today (mentoring sessions the member led).
    for occurred, action, due in ((datetime(2026, 11, 13, 10), "Rappeler pour le tarif", date(2026, 11, 20)),
                                  (datetime(2026, 11, 20, 10), "Envoyer la convention", TODAY)):
        mentoring.log_session(engine, FOUNDER, {"caregiver_id": caregiver_id, "mentor_id": member_id,
                                                "occurred_at": occurred, "topics": ["tarif"],
                                                "next_action": action, "next_action_due": due}, now=NOW)
    # Filings: four live matches of one request the member owns, each with the start that gives its deadline.
    request_id, title, organisation = fetch(engine, """
        select r.id, r.title, o.name from request r join organisation o on o.id = r.organisation_id
        where (select count(*) from match m where m.request_id = r.id) >= 4 order by r.id limit 1""")[0]
    fetch(engine, "update request set owner_id = ?, status = 'en_recherche', archived = false, start_date = null, "
                  "status_changed_at = ? where id = ?", member_id, datetime(2026, 11, 22, 9), request_id)
    picked = fetch(engine, "select m.id, c.first_name || ' ' || c.last_name from match m join caregiver c "
                           "on c.id = m.caregiver_id where m.request_id = ? order by m.id limit 4", request_id)
    starts = [("a_declarer", date(2026, 12, 10)),  # 8 working days before: Monday 30/11 (the horizon): listed
              ("a_declarer", date(2026, 12, 11)),  # Tuesday 01/12: beyond the horizon, not listed
              ("autorisation_a_demander", date(2027, 1, 25)),  # two calendar months before: 25/11/2026
              ("a_declarer", date(2026, 12, 1))]  # Thursday 19/11/2026: passed, the mission still to start
    for (match_id, _), (state, start) in zip(picked, starts, strict=True):
        fetch(engine, "update match set stage = 'interessee', convention_status = ?, mission_start = ? where id = ?",
              state, start, match_id)
    names = [name for _, name in picked]
    # Stuck: a request of theirs qualified twenty days ago (the threshold is 7).
    stuck_id, stuck_title, stuck_org = fetch(engine, """
        select r.id, r.title, o.name from request r join organisation o on o.id = r.organisation_id
        where r.id <> ? and not exists (select 1 from match m where m.request_id = r.id) order by r.id limit 1""",
                                             request_id)[0]
    fetch(engine, "update request set owner_id = ?, status = 'qualifiee', archived = false, status_changed_at = ?, "
                  "created_at = ? where id = ?", member_id, datetime(2026, 11, 3, 9), datetime(2026, 11, 20, 9),
          stuck_id)
    # At risk: a request of theirs open for twelve days, nobody on it.
    with db.session(engine) as session:
        org_id, org_name = fetch(engine, "select id, name from organisation order by id limit 1")[0]
        risky = models.Request(organisation_id=org_id, title="Atelier sans personne", mission_type="atelier",
                               headcount=3, status="en_recherche", owner_id=member_id,
                               created_at=datetime(2026, 11, 11, 9), status_changed_at=datetime(2026, 11, 22, 9))
        session.add(risky)
        session.commit()
    return {
        "overdue": f"20/11/2026, 3 j de retard : Rappeler pour le tarif — {caregiver}",
        "today": f"Envoyer la convention — {caregiver}",
        "declaration": f"Déclaration à l'Ordre au plus tard le 30/11/2026 — {names[0]}, « {title} » ({organisation}), "
                       "début le 10/12/2026",
        "authorisation": f"Autorisation à demander à l'Ordre au plus tard le 25/11/2026 — {names[2]}, « {title} » "
                         f"({organisation}), début le 25/01/2027",
        "late": f"Déclaration à l'Ordre : la date limite du 19/11/2026 est passée — {names[3]}, « {title} » "
                f"({organisation}), début le 01/12/2026",
        "not_yet": names[1],
        "stuck": f"Le besoin lui-même : qualifiée depuis 20 j (seuil 7 j) — « {stuck_title} » ({stuck_org})",
        "at_risk": f"« Atelier sans personne » ({org_name}) : ouvert depuis 12 j sans candidat en lice, 3 place(s) "
                   "à pourvoir",
    }


def test_the_fifth_working_day_counts_weekends_and_public_holidays():
    assert digest.horizon(TODAY) == date(2026, 11, 30)  # Monday → the Monday after
    assert digest.horizon(date(2026, 12, 23)) == date(2026, 12, 31)  # 25/12 (Friday) is Christmas
    assert digest.horizon(date(2027, 4, 30)) == date(2027, 5, 10)  # 1/5 and 8/5 fall on Saturdays: none lost


def test_a_digest_lists_each_kind_of_item_of_the_member_and_the_mail_says_each(engine):
    member_id = new_member(engine)
    expected = plant(engine, member_id)
    d = digest.of_member(engine, member_id, TODAY)
    said = {kind: [line.text for line in digest.lines(d, kind)] for kind in digest.KINDS}
    assert said["overdue"] == [expected["overdue"]]
    assert said["today"] == [expected["today"]]
    assert said["filings"] == [expected["late"], expected["authorisation"], expected["declaration"]]  # earliest first
    assert expected["stuck"] in said["stuck"]
    assert said["at_risk"] == [expected["at_risk"]]
    # Each line opens its record.
    assert {line.record for line in digest.lines(d, "filings")} == {"request"}
    subject, text = digest.mail_text(d)
    assert subject == f"Votre journée du 23/11/2026 : {d.count()} points"
    for key in ("overdue", "today", "declaration", "authorisation", "late", "stuck", "at_risk"):
        assert expected[key] in text, key
    assert not any(expected["not_yet"] in line for line in said["filings"])  # its deadline is beyond the horizon
    for heading in ("Actions en retard (1)", "Actions du jour (1)", "L'Ordre à saisir dans les 5 jours ouvrés (3)",
                    "Besoins à risque (1)"):
        assert heading in text
    assert text.startswith("Bonjour Zélie,")
    # In English for a member who chose English.
    fetch(engine, "update team_member set lang = 'en' where id = ?", member_id)
    english_subject, english = digest.mail_text(digest.of_member(engine, member_id, TODAY))
    assert english_subject.startswith("Your day, 23/11/2026") and "Overdue actions (1)" in english


def test_sent_once_a_day_whatever_the_rounds_and_the_restarts(engine, store_path, smtp_server):
    member_id = new_member(engine)
    plant(engine, member_id)
    smtp = mail.settings()
    first = digest.send(engine, TODAY, smtp, [member_id])
    again = digest.send(engine, TODAY, smtp, [member_id])
    engine.dispose()
    restarted = schema.open_store(f"duckdb:///{store_path}")  # the server started again, the same day
    try:
        after_restart = digest.send(restarted, TODAY, smtp, [member_id])
        rows = fetch(restarted, "select member_id, day, items from digest_sent")
    finally:
        restarted.dispose()
    assert [o.what for o in first] == ["sent"] and again == [] and after_restart == []
    assert len(smtp_server) == 1
    (message,) = smtp_server
    assert message["To"] == MEMBER["email"] and message["Subject"].startswith("Votre journée du 23/11/2026")
    assert "Rappeler pour le tarif" in message.get_content()
    assert rows == [(member_id, TODAY, first[0].items)]


def test_a_member_who_turned_it_off_gets_none_and_can_turn_it_on_again(engine, smtp_server):
    member_id = new_member(engine)
    plant(engine, member_id)
    me = Actor(member_id, "mentor", MEMBER["full_name"])
    digest.set_wanted(engine, me, False)
    assert fetch(engine, "select daily_digest from team_member where id = ?", member_id) == [(False,)]
    assert digest.send(engine, TODAY, mail.settings(), [member_id]) == []
    assert smtp_server == []
    assert fetch(engine, "select count(*) from audit_event where entity = 'team_member' and entity_id = ? "
                         "and before like '%daily_digest%'", member_id) == [(1,)]
    digest.set_wanted(engine, me, True)
    assert [o.what for o in digest.send(engine, TODAY, mail.settings(), [member_id])] == ["sent"]


def test_nothing_is_sent_on_a_day_with_nothing_to_say_nor_to_a_member_without_an_e_mail(engine, smtp_server):
    quiet = new_member(engine)
    assert digest.of_member(engine, quiet, TODAY).empty
    assert digest.send(engine, TODAY, mail.settings(), [quiet]) == [digest.Outcome(quiet, "empty")]
    busy = new_member(engine, email="zelie.bis@hackyourcare.fr")
    plant(engine, busy)
    fetch(engine, "update team_member set email = '' where id = ?", busy)
    assert busy not in digest.due_members(engine, TODAY)
    assert digest.send(engine, TODAY, mail.settings(), [quiet, busy]) == [digest.Outcome(quiet, "empty")]
    assert smtp_server == [] and fetch(engine, "select count(*) from digest_sent") == [(0,)]


def test_a_mail_that_could_not_go_is_not_counted_as_sent(engine, monkeypatch):
    member_id = new_member(engine)
    plant(engine, member_id)
    monkeypatch.setenv("HYC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HYC_SMTP_PORT", "9")  # nobody listens
    monkeypatch.setenv("HYC_SMTP_SECURITY", "none")
    [failed] = digest.send(engine, TODAY, mail.settings(), [member_id])
    assert failed.what == "failed" and "127.0.0.1:9" in failed.problem
    assert fetch(engine, "select count(*) from digest_sent") == [(0,)]  # tried again at the next round


def test_the_schedule_waits_for_its_hour_then_writes_to_each_member_with_something_to_say_once(engine,
                                                                                               smtp_server):
    schedule = digest.Schedule(engine, hour=7)
    day = TODAY
    assert schedule.tick(datetime.combine(day, time(6, 59))) == [] and smtp_server == []
    outcomes = schedule.tick(datetime.combine(day, time(7, 0)))
    # Every active member, each once: a message for those with something to say, nothing for the others.
    members = [m for (m,) in fetch(engine, "select id from team_member where active order by id")]
    assert sorted(o.member_id for o in outcomes) == members
    with_news = [m for m in members if not digest.of_member(engine, m, day).empty]
    assert with_news and sorted(o.member_id for o in outcomes if o.what == "sent") == with_news
    assert sorted(m["To"] for m in smtp_server) == sorted(
        e for (e,) in fetch(engine, f"select email from team_member where id in ({','.join(map(str, with_news))})"))
    assert schedule.tick(datetime.combine(day, time(7, 1))) == []  # the quiet ones are not looked at again
    assert len(smtp_server) == len(with_news)


@pytest.mark.parametrize("setting, hour", [("off", None), ("7", 7), ("0", 0)])
def test_the_hour_setting(monkeypatch, setting, hour):
    from hyc import config
    monkeypatch.setenv("HYC_DIGEST_HOUR", setting)
    assert config.load().digest_hour == hour
