"""Workshop sessions (hyc.workshops): calendar invitations read back with icalendar, received by a local SMTP server;
updates and cancellations; attendance counted in the ranking's history; the AI briefing marking the training."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from icalendar import Calendar

from hyc import matching, workshops
from hyc.audit import WriteError
from hyc.exchange import invitations, mail
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch
from tests.helpers import FOUNDER, NOW, READER

SENDER = "Hack Your Care <equipe@hackyourcare.fr>"


def ics_of(message) -> tuple[Calendar, object]:
    (part,) = list(message.iter_attachments())
    assert part.get_content_type() == "text/calendar"
    cal = Calendar.from_ical(part.get_content().encode())
    assert part.get_param("method") == str(cal["METHOD"])  # the content type says the method too
    (event,) = cal.events
    return cal, event


# --- The .ics itself ---------------------------------------------------------------------------------------------

def invitation(starts_at: datetime, **changes) -> invitations.Invitation:
    values = dict(method="REQUEST", uid="seance-test@hackyourcare.fr", sequence=0, starts_at=starts_at,
                  duration_min=90, summary="Atelier d'idéation", description="Bonjour",
                  organizer=invitations.Person("Hack Your Care", "equipe@hackyourcare.fr"),
                  attendee=invitations.Person("Zoé Lambert", "zoe.lambert@exemple.fr"), location="Salle 3",
                  stamp=datetime(2026, 11, 23, 9))
    return invitations.Invitation(**(values | changes))


@pytest.mark.parametrize("stored, local, utc_hour", [
    # 29/03/2027 is the day after the change to summer time (last Sunday of March): Paris is UTC+2.
    (datetime(2027, 3, 29, 7, 0), "20270329T090000", 7),
    # 27/03/2027, the day before: still winter time, UTC+1.
    (datetime(2027, 3, 27, 8, 0), "20270327T090000", 8),
])
def test_the_start_is_written_in_paris_time_with_its_time_zone_and_means_the_right_instant(stored, local, utc_hour):
    raw = invitations.calendar(invitation(stored)).decode()
    assert f"DTSTART;TZID=Europe/Paris:{local}" in raw
    cal = Calendar.from_ical(raw)
    (zone,) = cal.timezones
    assert str(zone["TZID"]) == "Europe/Paris"
    (event,) = cal.events
    start = event.decoded("dtstart")
    assert (start.hour, start.minute) == (9, 0) and event["DTSTART"].params["TZID"] == "Europe/Paris"
    # The instant, read through the VTIMEZONE the file carries (not the machine's zone database).
    own_zone = zone.to_tz()
    assert start.replace(tzinfo=own_zone).astimezone(UTC) == datetime(stored.year, 3, stored.day, utc_hour, 0,
                                                                         tzinfo=UTC)
    assert start.astimezone(UTC) == stored.replace(tzinfo=UTC)
    assert event.decoded("dtend") - start == (datetime(2000, 1, 1, 1, 30) - datetime(2000, 1, 1))
    assert str(cal["METHOD"]) == "REQUEST" and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:equipe@hackyourcare.fr"
    assert [str(a) for a in event.attendees] == ["mailto:zoe.lambert@exemple.fr"]
    assert event["ATTENDEE"].params["CN"] == "Zoé Lambert"


def test_a_cancellation_is_method_cancel_and_status_cancelled():
    cal = Calendar.from_ical(invitations.calendar(invitation(datetime(2027, 3, 29, 7), method="CANCEL",
                                                             sequence=2)))
    (event,) = cal.events
    assert str(cal["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 2


# --- Sessions of a request, invited, changed, cancelled ------------------------------------------------------------

@pytest.fixture
def workshop(engine):
    """A workshop request with three participants ("intéressée"), each with an e-mail, and one candidate only
    suggested (not a participant)."""
    request_id = fetch(engine, """select r.id from request r where r.mission_type = 'atelier'
                                  and (select count(*) from match m where m.request_id = r.id) >= 4
                                  order by r.id limit 1""")[0][0]
    fetch(engine, "update request set status = 'en_recherche', archived = false where id = ?", request_id)
    matches = [m for (m,) in fetch(engine, "select id from match where request_id = ? order by id", request_id)]
    fetch(engine, "update match set stage = 'suggeree' where request_id = ?", request_id)
    fetch(engine, "update match set stage = 'interessee' where id in (?, ?, ?)", *matches[:3])
    for i, match_id in enumerate(matches[:4]):
        fetch(engine, "update caregiver set email = ?, archived = false, lang = null where id = "
                      "(select caregiver_id from match where id = ?)", f"participant{i}@exemple.fr", match_id)
    return request_id, matches[:3], matches[3]


def participants_of(engine, match_ids) -> dict[str, str]:
    """E-mail → name of the participants, read with plain SQL."""
    ids = ",".join(map(str, match_ids))
    rows = fetch(engine, f"""select c.email, c.first_name || ' ' || c.last_name from match m
                             join caregiver c on c.id = m.caregiver_id where m.id in ({ids})""")
    return dict(rows)


SESSION = {"day": "29/03/2027", "hour": time(9, 0), "duration_min": "90", "place": "Salle 3, 12 rue de la Paix"}


def test_invited_updated_then_cancelled_each_participant_s_calendar_follows(engine, workshop, smtp_server):
    request_id, participants, not_yet = workshop
    session = workshops.add_session(engine, FOUNDER, request_id, SESSION)
    assert session.starts_at == datetime(2027, 3, 29, 7, 0)  # 09:00 in Paris, summer time: stored in UTC
    smtp = mail.settings()
    sent = workshops.invite(engine, FOUNDER, session.id, smtp=smtp, now=NOW)
    expected = participants_of(engine, participants)
    assert sorted(sent.sent) == sorted(expected.values()) and sent.skipped == () and sent.failed == ()
    assert sorted(m["To"] for m in smtp_server) == sorted(expected)
    uids = set()
    for message in smtp_server:
        cal, event = ics_of(message)
        assert str(cal["METHOD"]) == "REQUEST" and event["SEQUENCE"] == 0
        assert [str(a) for a in event.attendees] == [f"mailto:{message['To']}"]
        assert event["ATTENDEE"].params["CN"] == expected[message["To"]]
        assert str(event["ORGANIZER"]) == "mailto:equipe@hackyourcare.fr"
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event.decoded("dtstart").astimezone(UTC) == datetime(2027, 3, 29, 7, tzinfo=UTC)
        assert "Salle 3" in str(event["LOCATION"]) and message["Subject"].startswith("Invitation :")
        uids.add(str(event["UID"]))
    (first_uid,) = uids  # one event, the same in every calendar
    assert fetch(engine, "select match_id, method, sequence from workshop_invitation order by match_id") == [
        (m, "REQUEST", 0) for m in sorted(participants)]
    with pytest.raises(WriteError):  # nothing new to say
        workshops.invite(engine, FOUNDER, session.id, smtp=smtp, now=NOW)

    # Another hour: the same UID, a higher SEQUENCE, to those invited.
    smtp_server.clear()
    changed = workshops.change_session(engine, FOUNDER, session.id, SESSION | {"hour": time(14, 0)},
                                       expected_version=session.row_version)
    assert changed.sequence == 1
    workshops.invite(engine, FOUNDER, session.id, smtp=smtp, now=NOW)
    assert len(smtp_server) == 3
    for message in smtp_server:
        cal, event = ics_of(message)
        assert (str(cal["METHOD"]), str(event["UID"]), event["SEQUENCE"]) == ("REQUEST", first_uid, 1)
        assert event.decoded("dtstart").astimezone(UTC) == datetime(2027, 3, 29, 12, tzinfo=UTC)
        assert message["Subject"].startswith("Mise à jour :")

    # Cancelled: a CANCEL to each, the SEQUENCE higher again.
    smtp_server.clear()
    cancelled = workshops.cancel_session(engine, FOUNDER, session.id, expected_version=changed.row_version, now=NOW)
    assert cancelled.sequence == 2
    workshops.invite(engine, FOUNDER, session.id, smtp=smtp, now=NOW)
    assert sorted(m["To"] for m in smtp_server) == sorted(expected)
    for message in smtp_server:
        cal, event = ics_of(message)
        assert (str(cal["METHOD"]), str(event["STATUS"]), str(event["UID"]), event["SEQUENCE"]) == (
            "CANCEL", "CANCELLED", first_uid, 2)
    assert fetch(engine, "select method, sequence, count(*) from workshop_invitation group by all order by 2") == [
        ("REQUEST", 0, 3), ("REQUEST", 1, 3), ("CANCEL", 2, 3)]
    assert fetch(engine, "select count(*) from audit_event where entity = 'workshop_invitation'") == [(9,)]


def test_people_without_an_e_mail_are_named_and_skipped_and_one_who_left_gets_a_cancel(engine, workshop,
                                                                                      smtp_server):
    request_id, participants, not_yet = workshop
    session = workshops.add_session(engine, FOUNDER, request_id, SESSION | {"place": None,
                                                                            "video_link": "https://visio.exemple.fr/a"})
    no_mail = fetch(engine, "select caregiver_id from match where id = ?", participants[0])[0][0]
    fetch(engine, "update caregiver set email = null where id = ?", no_mail)
    planned = workshops.plan(engine, session.id, NOW)
    name = fetch(engine, "select first_name || ' ' || last_name from caregiver where id = ?", no_mail)[0][0]
    assert [r.name for r in planned.skipped] == [name] and len(planned.recipients) == 2
    sent = workshops.invite(engine, FOUNDER, session.id, smtp=mail.settings(), now=NOW)
    assert sent.skipped == (name,) and len(smtp_server) == 2
    _, event = ics_of(smtp_server[0])
    assert str(event["LOCATION"]) == "https://visio.exemple.fr/a" and "visio.exemple.fr" in str(event["URL"])
    # One of those invited declines the request: their place is cancelled, nobody else is written to.
    smtp_server.clear()
    fetch(engine, "update match set stage = 'declinee_soignant' where id = ?", participants[1])
    # The one only suggested becomes a participant: invited.
    fetch(engine, "update match set stage = 'interessee' where id = ?", not_yet)
    kinds = {r.match_id: r.kind for r in workshops.plan(engine, session.id, NOW).recipients}
    assert kinds == {participants[1]: "withdraw", not_yet: "invite"}
    workshops.invite(engine, FOUNDER, session.id, smtp=mail.settings(), now=NOW)
    methods = {m["To"]: str(ics_of(m)[0]["METHOD"]) for m in smtp_server}
    assert sorted(methods.values()) == ["CANCEL", "REQUEST"]


def test_only_a_workshop_holds_sessions_and_a_session_needs_a_place_or_a_link(engine):
    advisory = fetch(engine, "select id from request where mission_type = 'conseil' limit 1")[0][0]
    with pytest.raises(WriteError):
        workshops.add_session(engine, FOUNDER, advisory, SESSION)
    atelier = fetch(engine, "select id from request where mission_type = 'atelier' limit 1")[0][0]
    with pytest.raises(FormInvalid) as refused:
        workshops.add_session(engine, FOUNDER, atelier, SESSION | {"place": "", "day": "31/02/2027"})
    assert set(refused.value.errors) == {"place", "day"}
    with pytest.raises(FormInvalid) as refused:
        workshops.add_session(engine, FOUNDER, atelier, SESSION | {"video_link": "visio chez moi"})
    assert set(refused.value.errors) == {"video_link"}
    from hyc.audit import PermissionDenied
    with pytest.raises(PermissionDenied):
        workshops.add_session(engine, READER, atelier, SESSION)


# --- After the session: attendance in the ranking, the AI briefing ------------------------------------------------

def history_points(missions_done: int, rating, lapses: int, attended: int) -> int:
    """The history part, computed here from its definition (README): missions done (a session attended counting as
    half of one) up to two, 40 %; the rating (none: an average one), 30 %; reliability (two lapses take all of it),
    30 %; rounded half to even."""
    done = min(missions_done + 0.5 * attended, 2) / 2
    rated = 0.5 if rating is None else (rating - 1) / 4
    reliable = max(0.0, 1 - lapses / 2)
    return round(10 * (0.4 * done + 0.3 * rated + 0.3 * reliable))


def test_attending_a_session_counts_in_the_ranking_s_history(engine, workshop):
    request_id, _, _ = workshop
    # Another open request, and one of its eligible candidates with no mission done, no rating and no lapse.
    other, candidate = fetch(engine, """
        select r.id, c.id from request r, caregiver c
        where r.status in ('en_recherche', 'qualifiee') and not r.archived and r.mission_type <> 'atelier'
          and list_contains(string_split(r.professions, ','), c.profession) and c.specialty is not null
          and list_contains(string_split(coalesce(r.specialties, c.specialty), ','), c.specialty)
          and not c.archived and c.erased_at is null and c.email is not null
          and not exists (select 1 from match m where m.caregiver_id = c.id)
        order by r.id, c.id limit 1""")[0]

    def points() -> int:
        scored = matching.rank(engine, other, TODAY).scored.set_index("id")
        return int(scored.loc[candidate, "pts_history"])

    before = points()
    assert before == history_points(0, None, 0, 0) == 4
    # They join the workshop, come to its session (held before today) and say a word.
    from hyc import matches
    [match] = matches.add_candidates(engine, FOUNDER, request_id, [candidate])
    fetch(engine, "update match set stage = 'interessee' where id = ?", match.id)
    held = workshops.add_session(engine, FOUNDER, request_id, SESSION | {"day": "10/11/2026"})
    workshops.record_attendance(engine, FOUNDER, held.id, {match.id: workshops.Mark(True, "Très pertinent")},
                                now=NOW)
    after = points()
    assert after == history_points(0, None, 0, 1) == 6
    said = [p for p in matching.parts(matching.rank(engine, other, TODAY).scored.set_index("id", drop=False)
                                      .loc[candidate], matching.rank(engine, other, TODAY)) if p.name == "history"]
    assert "1 séance d'atelier suivie" in str(said[0].sentence)
    # Marked absent instead: a lapse, as a request left unanswered is.
    workshops.record_attendance(engine, FOUNDER, held.id, {match.id: workshops.Mark(False, None)}, now=NOW)
    assert points() == history_points(0, None, 1, 0) == 3


def test_the_ai_briefing_marks_the_training_done_and_attendance_waits_for_the_session(engine, workshop):
    request_id, participants, _ = workshop
    caregiver = fetch(engine, "select caregiver_id from match where id = ?", participants[0])[0][0]
    fetch(engine, "update onboarding_step set status = 'a_faire' where caregiver_id = ? and step = 'formation_ia'",
          caregiver)
    fetch(engine, "update caregiver set ai_trained = false where id = ?", caregiver)
    session = workshops.add_session(engine, FOUNDER, request_id, SESSION)  # in March 2027: not held yet
    with pytest.raises(FormInvalid) as refused:
        workshops.record_attendance(engine, FOUNDER, session.id, {participants[0]: workshops.Mark(True)}, now=NOW)
    assert set(refused.value.errors) == {f"attended.{participants[0]}"}
    workshops.record_attendance(engine, FOUNDER, session.id, {participants[0]: workshops.Mark(ai_briefing=True)},
                                now=NOW)
    assert fetch(engine, "select status from onboarding_step where caregiver_id = ? and step = 'formation_ia'",
                 caregiver) == [("fait",)]
    assert fetch(engine, "select ai_trained from caregiver where id = ?", caregiver) == [(True,)]
    assert fetch(engine, "select count(*) from audit_event where entity = 'onboarding_step' and after like "
                         "'%formation_ia%' and entity_id in (select id from onboarding_step where caregiver_id = ?)",
                 caregiver) == [(1,)]
    assert fetch(engine, "select ai_briefing, attended from workshop_attendance where match_id = ?",
                 participants[0]) == [(True, None)]


def test_erasure_finds_the_person_in_the_feedback(engine, workshop):
    from hyc import privacy
    request_id, participants, _ = workshop
    caregiver, last_name = fetch(engine, "select c.id, c.last_name from match m join caregiver c on c.id = "
                                         "m.caregiver_id where m.id = ?", participants[0])[0]
    held = workshops.add_session(engine, FOUNDER, request_id, SESSION | {"day": "10/11/2026"})
    workshops.record_attendance(engine, FOUNDER, held.id, {
        participants[1]: workshops.Mark(True, f"A bien travaillé avec {last_name}")}, now=NOW)
    privacy.erase(engine, FOUNDER, caregiver)
    assert fetch(engine, "select feedback from workshop_attendance where match_id = ?", participants[1]) == [
        ("A bien travaillé avec [effacé]",)]
