"""Calendar invitations for workshop sessions: one .ics per e-mail (iCalendar, RFC 5545, with the iTIP methods of
RFC 5546), built with the icalendar library.

- METHOD:REQUEST invites, or updates an invitation already sent: the same UID for the session's whole life, a
  SEQUENCE raised by every change the participant must hear of (hyc.workshops keeps both on the session), so that a
  calendar replaces the event it holds rather than adding a second one;
- METHOD:CANCEL with STATUS:CANCELLED takes it out of the participant's calendar (the session cancelled, or the
  participant no longer on it).

The start is written in Paris time with its time zone (DTSTART;TZID=Europe/Paris) and the VTIMEZONE that defines
it, around the session's date, so that a calendar anywhere shows the right hour across summer time. The ORGANIZER
is the team's sender; each invitation names one ATTENDEE, the participant it is sent to: the caregivers of a panel
do not receive each other's addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress

from hyc.exchange import mail

TZID = "Europe/Paris"
PARIS = ZoneInfo(TZID)
PRODID = "-//Hack Your Care//Séances d'atelier//FR"
METHODS = ("REQUEST", "CANCEL")


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Invitation:
    """What one .ics says: which session (its UID and SEQUENCE), when (stored UTC, naive), how long, where."""

    method: str  # "REQUEST" or "CANCEL"
    uid: str
    sequence: int
    starts_at: datetime  # UTC, naive, as stored
    duration_min: int
    summary: str
    description: str
    organizer: Person
    attendee: Person
    location: str | None = None
    link: str | None = None
    stamp: datetime | None = None  # when it was made (UTC, naive); now by default


def organizer(smtp: mail.Smtp) -> Person:
    """The team's sender as the organiser ("Hack Your Care <equipe@hackyourcare.fr>")."""
    name, address = parseaddr(smtp.sender)
    return Person(name or address, address)


def _address(person: Person, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = person.name
    address.params.update(params)
    return address


def calendar(invitation: Invitation) -> bytes:
    """The .ics of one invitation, as bytes (UTF-8, CRLF lines)."""
    if invitation.method not in METHODS:
        raise ValueError(invitation.method)
    start = invitation.starts_at.replace(tzinfo=UTC).astimezone(PARIS)
    cancelled = invitation.method == "CANCEL"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", invitation.method)
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", (invitation.stamp or datetime.now(UTC).replace(tzinfo=None)).replace(tzinfo=UTC))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=invitation.duration_min))
    event.add("summary", invitation.summary)
    event.add("description", invitation.description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    where = invitation.location or invitation.link
    if where:
        event.add("location", where)
    if invitation.link:
        event.add("url", invitation.link)
    event.add("organizer", _address(invitation.organizer))
    event.add("attendee", _address(invitation.attendee, ROLE="REQ-PARTICIPANT", CUTYPE="INDIVIDUAL",
                                   PARTSTAT="NEEDS-ACTION", RSVP="FALSE" if cancelled else "TRUE"))
    cal.add_component(event)
    # The time zone's rules around the session (a year either side), not the whole of 1970-2038.
    cal.add_missing_timezones(date(start.year - 1, 1, 1), date(start.year + 2, 1, 1))
    return cal.to_ical()


def attachment(invitation: Invitation) -> mail.Attachment:
    """The .ics as an e-mail attachment, its method in its content type (what calendars look for)."""
    name = "annulation.ics" if invitation.method == "CANCEL" else "invitation.ics"
    return mail.Attachment(name, calendar(invitation), f"text/calendar; method={invitation.method}; charset=utf-8")
