"""Proposals by e-mail (issue 30): a local SMTP server receives them; what each caregiver reads is computed here from
the store, independently of hyc.exchange.proposals; the matches move, the call log and the audit trail hold what
went (and never its text); those who cannot get one are named; a refusal of one address leaves the others sent."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from hyc import audit, backups, caregivers, db, matches, models, organisations, privacy, reads, requests, schema, vocab
from hyc.audit import Actor
from hyc.exchange import mail, proposals
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch, local_smtp, point_at

FOUNDER = Actor(1, "fondateur", "Claire Dubois")
MENTOR = Actor(4, "mentor", "Sophie Laurent")
NOW = datetime(2026, 11, 23, 9, 30)
NNBSP = "\u202f"


def euros(n: int) -> str:
    """French amounts as the team writes them: 1 200 € (narrow no-break spaces)."""
    return f"{n:,}".replace(",", NNBSP) + f"{NNBSP}€"


def open_request(engine, **changes) -> int:
    """An open request on site with a start, days and a budget; `changes` written on it with plain SQL."""
    request_id = fetch(engine, """select min(id) from request where status = 'en_recherche' and work_mode = 'presentiel'
                                  and region is not null and start_date is not null and expected_days > 1
                                  and budget_day_rate is not null""")[0][0]
    for column, value in changes.items():
        fetch(engine, f"update request set {column} = ? where id = ?", value, request_id)
    return request_id


def free_people(engine, request_id: int, n: int) -> list[int]:
    """Caregivers in the pool, not on the request, with an e-mail and a phone."""
    return [row[0] for row in fetch(engine, """
        select id from caregiver where not archived and erased_at is null and email is not null and phone is not null
        and id not in (select caregiver_id from match where request_id = ?) order by id limit ?""", request_id, n)]


def expected_text(engine, caregiver_id: int, request_id: int, lang: str) -> tuple[str, str, str]:
    """(address, subject, text) the caregiver should receive, from the store read here and the default template."""
    (first, email, title, kind_code, mission_type, org, start, days, budget, region, description, confidential,
     agreed_rate, agreed_days) = fetch(engine, """
        select c.first_name, c.email, r.title, o.kind, r.mission_type, o.name, coalesce(m.mission_start, r.start_date),
               r.expected_days, r.budget_day_rate, r.region, r.description, r.confidential, m.agreed_day_rate,
               m.agreed_days
        from caregiver c, request r join organisation o on o.id = r.organisation_id
        left join match m on m.request_id = r.id and m.caregiver_id = ?
        where c.id = ? and r.id = ?""", caregiver_id, caregiver_id, request_id)[0]
    days = int(agreed_days or days)
    if lang == "fr":
        rate = f"{euros(agreed_rate)} par jour" if agreed_rate else f"jusqu'à {euros(budget)} par jour"
        client = "une organisation qui préfère rester confidentielle à ce stade" if confidential else org
        if confidential:
            title = title.replace(org, "notre client")
            description = description.replace(org, "notre client")
        text = (f"Bonjour {first},\n\nNous avons pensé à vous pour une mission :\n\n"
                f"- Mission : {title} ({vocab.MISSION_TYPES.label(mission_type)})\n"
                f"- Client : {client} ({vocab.ORGANISATION_KINDS.label(kind_code)})\n"
                f"- Début : à partir du {start:%d/%m/%Y}\n- Durée : {days} jours\n- Rémunération : {rate}\n"
                f"- Modalités : sur site ({vocab.REGIONS.label(region)})\n\n{description}\n\n"
                "Cela vous intéresse-t-il ? Répondez simplement à ce message, ou appelez-nous : nous vous dirons la "
                "suite.\n\nBien cordialement,\nClaire Dubois\nL'équipe Hack Your Care\n")
        return email, f"Une mission pour vous : {title}", text
    rate = f"€{agreed_rate:,} a day" if agreed_rate else f"up to €{budget:,} a day"
    text = (f"Hello {first},\n\nWe thought of you for an assignment:\n\n"
            f"- Assignment: {title} ({vocab.MISSION_TYPES.label(mission_type, 'en')})\n"
            f"- Client: {org} ({vocab.ORGANISATION_KINDS.label(kind_code, 'en')})\n"
            f"- Start: from {start:%d/%m/%Y}\n- Length: {days} days\n- Pay: {rate}\n"
            f"- Arrangements: on site ({vocab.REGIONS.label(region, 'en')})\n\n{description}\n\n"
            "Are you interested? Just reply to this message, or call us: we will tell you what comes next.\n\n"
            "Kind regards,\nClaire Dubois\nThe Hack Your Care team\n")
    return email, f"An assignment for you: {title}", text


def body(received) -> str:
    return received.get_content().replace("\r\n", "\n")


def by_address(received) -> dict:
    return {m["To"]: m for m in received}


def test_each_caregiver_receives_the_proposal_in_their_language_and_each_match_moves_to_contactee(engine,
                                                                                                  smtp_server):
    request_id = open_request(engine)
    new_fr, new_en, already = free_people(engine, request_id, 3)
    fetch(engine, "update caregiver set lang = 'en' where id = ?", new_en)
    # One of them already on the request as "suggérée", with terms of their own: the message says those.
    [suggested] = matches.add_candidates(engine, FOUNDER, request_id, [already])
    fetch(engine, "update match set agreed_day_rate = 650, agreed_days = 3 where id = ?", suggested.id)
    audit_before = fetch(engine, "select max(id) from audit_event")[0][0]

    outcome = proposals.send(engine, FOUNDER, request_id, [new_fr, new_en, already], smtp=mail.settings(), now=NOW)

    assert [d.caregiver_id for d in outcome.sent] == [new_fr, new_en, already]
    assert outcome.failed == outcome.unrecorded == outcome.skipped == ()
    assert len(smtp_server) == 3
    got = by_address(smtp_server)
    for caregiver_id, lang in ((new_fr, "fr"), (new_en, "en"), (already, "fr")):
        to, subject, text = expected_text(engine, caregiver_id, request_id, lang)
        assert got[to]["Subject"] == subject
        assert got[to]["Content-Language"] == lang
        assert body(got[to]) == text
    assert "650" in body(got[expected_text(engine, already, request_id, "fr")[0]])  # the match's own rate
    # Every match is "contactée", with its stage event by the founder, and a call-log row of kind e-mail each.
    rows = fetch(engine, """select m.caregiver_id, m.stage, e.author_id from match m
                            join match_event e on e.match_id = m.id and e.stage = 'contactee'
                            where m.request_id = ? and m.caregiver_id in (?, ?, ?) order by m.caregiver_id""",
                 request_id, new_fr, new_en, already)
    assert rows == [(i, "contactee", 1) for i in sorted([new_fr, new_en, already])]
    calls = fetch(engine, """select caregiver_id, kind, member_id, request_id, occurred_at, summary from call
                             where kind = 'proposition_email' order by caregiver_id""")
    assert calls == [(i, "proposition_email", 1, request_id, NOW, None) for i in sorted([new_fr, new_en, already])]
    # Audited: the two matches created, three moves, three calls and three sendings, by the founder.
    events = fetch(engine, """select action, entity, count(*) from audit_event where actor_id = 1
                              and entity in ('match', 'call') and id > ? group by all order by all""",
                   audit_before)
    assert events == [("create", "call", 3), ("create", "match", 2), ("move", "match", 3), ("send", "match", 3)]
    sent = fetch(engine, "select entity_id, after from audit_event where action = 'send' order by id")
    match_ids = dict(fetch(engine, "select caregiver_id, id from match where request_id = ?", request_id))
    assert [entity_id for entity_id, _ in sent] == [match_ids[i] for i in (new_fr, new_en, already)]
    assert [json.loads(after)["lang"] for _, after in sent] == ["fr", "en", "fr"]
    # On each caregiver's record, with the calls.
    record = reads.records.caregiver_record(engine, new_en)
    assert "proposition_email" in record["calls"].kind.tolist()


def test_the_message_s_text_is_never_stored(engine, smtp_server):
    request_id = open_request(engine)
    [person] = free_people(engine, request_id, 1)
    proposals.save_template(engine, FOUNDER, {"lang": "fr", "subject": "Pour vous, {prenom}",
                                              "content": "Bonjour {prenom}, phrase-témoin-4711 : {mission}."})
    proposals.send(engine, FOUNDER, request_id, [person], smtp=mail.settings(), now=NOW)
    assert "phrase-témoin-4711" in body(smtp_server[0])
    first = fetch(engine, "select first_name from caregiver where id = ?", person)[0][0]
    # The template holds the phrase (the team's words); no other text of the store does, the filled one nowhere.
    holding = []
    for table, column in fetch(engine, """select table_name, column_name from information_schema.columns
                                          where data_type = 'VARCHAR' and table_schema = 'main'"""):
        for value in ("phrase-témoin-4711", f"Bonjour {first}, phrase"):
            if fetch(engine, f'select count(*) from "{table}" where "{column}" like ?', f"%{value}%")[0][0]:
                holding.append((table, column, value))
    assert {(t, c) for t, c, v in holding if v.startswith("phrase")} <= {("mail_template", "content"),
                                                                         ("audit_event", "after")}
    assert [h for h in holding if h[2].startswith("Bonjour")] == []


def test_a_confidential_client_is_not_named_even_where_the_request_s_words_name_it(engine, smtp_server):
    request_id = open_request(engine)
    org = fetch(engine, "select o.name from request r join organisation o on o.id = r.organisation_id where r.id = ?",
                request_id)[0][0]
    fetch(engine, "update request set description = ? where id = ?", f"{org} cherche un regard de terrain.",
          request_id)
    requests.update(engine, FOUNDER, request_id, {"confidential": True},
                    expected_version=fetch(engine, "select row_version from request where id = ?", request_id)[0][0])
    [person] = free_people(engine, request_id, 1)
    proposals.send(engine, FOUNDER, request_id, [person], smtp=mail.settings(), now=NOW)
    [received] = smtp_server
    assert org.lower() not in (received["Subject"] + body(received)).lower()
    assert body(received) == expected_text(engine, person, request_id, "fr")[2]
    assert "notre client cherche un regard de terrain." in body(received)


def confidential_request_of(engine, words: str, *, name: str | None = None, website: str | None = None,
                            contact: dict | None = None) -> tuple[int, int]:
    """A request marked confidential, its description `words`, its organisation renamed `name`, its website set,
    `contact` one of its people; the request's and the organisation's ids."""
    request_id = open_request(engine)
    org_id = fetch(engine, "select organisation_id from request where id = ?", request_id)[0][0]
    changes = {key: value for key, value in (("name", name), ("website", website)) if value}
    if changes:
        version = fetch(engine, "select row_version from organisation where id = ?", org_id)[0][0]
        organisations.update(engine, FOUNDER, org_id, changes, expected_version=version)
    if contact:
        organisations.create_contact(engine, FOUNDER, org_id, contact)
    fetch(engine, "update request set description = ?, confidential = true where id = ?", words, request_id)
    return request_id, org_id


def sent_to_one(engine, request_id: int, smtp_server) -> str:
    """The proposal's subject and text as one French-speaking free caregiver receives it."""
    [person] = free_people(engine, request_id, 1)
    fetch(engine, "update caregiver set lang = 'fr' where id = ?", person)
    proposals.send(engine, FOUNDER, request_id, [person], smtp=mail.settings(), now=NOW)
    [received] = smtp_server
    return received["Subject"] + "\n" + body(received)


def test_a_confidential_client_s_contacts_and_website_are_masked_too(engine, smtp_server):
    """The request's words may name the client's people or its website: each is masked, in any case, and the rest
    of the sentence kept."""
    request_id, _ = confidential_request_of(
        engine, "Écrire à BÉRÉNICE QUILLARD (Quillard Bérénice au standard) ; voir oncoflow-exemple.fr pour le "
                "contexte, ou https://www.OncoFlow-exemple.fr/equipe/quillard.",
        website="https://www.oncoflow-exemple.fr/equipe",
        contact={"first_name": "Bérénice", "last_name": "Quillard", "role": "CMO"})
    sent = sent_to_one(engine, request_id, smtp_server)
    assert "quillard" not in sent.lower() and "bérénice" not in sent.lower() and "oncoflow-exemple" not in sent.lower()
    assert "Écrire à [nom masqué] ([nom masqué] au standard) ; voir notre client pour le contexte, ou notre client." \
        in sent


def test_a_confidential_client_s_name_without_its_legal_form_and_its_people_s_last_names_are_masked(
        engine, smtp_server):
    """"Kerbrat-Santé SAS" is also "Kerbrat Sante" in a request's words, and its medical director "Dr Lefèvre" (or
    "LEFEVRE"): each is masked; the same letters as an ordinary word ("lefèvre" in lower case) or inside another
    word ("Kerbratou") are not names and stay."""
    request_id, _ = confidential_request_of(
        engine, "Kerbrat Sante (KERBRAT-SANTÉ SAS) : le Dr Lefèvre, alias LEFEVRE, veut un avis ; à Kerbratou, "
                "lefèvre en minuscules.",
        name="Kerbrat-Santé SAS", contact={"first_name": "Anne", "last_name": "Lefèvre", "role": "Directrice"})
    assert ("notre client (notre client) : le Dr [nom masqué], alias [nom masqué], veut un avis ; "
            "à Kerbratou, lefèvre en minuscules." in sent_to_one(engine, request_id, smtp_server))


def test_a_confidential_client_s_name_is_masked_whatever_is_typed_between_its_words_and_its_people_s_addresses(
        engine, smtp_server):
    request_id, _ = confidential_request_of(
        engine, "L’Atelier Kerbrat (ou l atelier-kerbrat) : écrire à Anne.Lefevre@Atelier-K.fr ou au 06.12.34.56.78.",
        name="L'Atelier Kerbrat SAS", contact={"first_name": "Anne", "last_name": "Lefèvre",
                                               "email": "anne.lefevre@atelier-k.fr", "phone": "06 12 34 56 78"})
    assert ("notre client (ou notre client) : écrire à [coordonnées masquées] ou au [coordonnées masquées]."
            in sent_to_one(engine, request_id, smtp_server))


def test_a_one_word_name_left_by_a_legal_form_is_masked_only_as_a_name_is_written(engine):
    """"Groupe Santé" is also "Santé" (a name in its own right) but "santé" stays a word."""
    _, org_id = confidential_request_of(engine, "", name="Groupe Santé")
    with db.session(engine) as session:
        names = proposals.client_names(session, session.get(models.Organisation, org_id))
    said = names.masked("Groupe Santé (SANTÉ, ou Santé) cherche un professionnel de santé.", "fr")
    assert said == "notre client (notre client, ou notre client) cherche un professionnel de santé."


def test_a_name_with_no_word_in_it_masks_nothing_and_inserts_nothing(engine):
    _, org_id = confidential_request_of(engine, "", name="***")
    with db.session(engine) as session:
        names = proposals.client_names(session, session.get(models.Organisation, org_id))
    words = "Voir : un panel , deux  avis ; *** inclus."
    assert names.masked(words, "fr") == words


def test_who_cannot_get_an_email_is_named_and_skipped_with_a_phone_where_calling_is_allowed(engine, smtp_server):
    request_id = open_request(engine)
    fine, objected, erased, archived, no_email = free_people(engine, request_id, 5)
    # Objected: another record of a person who objected (their phone is on the list); erased at their request;
    # archived; no e-mail.
    phone_objected = fetch(engine, "select phone from caregiver where id = ?", objected)[0][0]
    with db.session(engine) as session:
        session.add(models.Objection(reason="opposition", phone_hash=privacy.keyed_hash(phone_objected)))
        session.commit()
    fetch(engine, """update caregiver set erased_at = ?, email = null, phone = null, first_name = 'Personne',
                     last_name = 'effacée n° ' || id::varchar, archived = true where id = ?""", NOW, erased)
    caregivers.set_archived(engine, FOUNDER, archived, True)
    fetch(engine, "update caregiver set email = null where id = ?", no_email)
    people = {i: fetch(engine, "select first_name || ' ' || last_name, phone from caregiver where id = ?", i)[0]
              for i in (objected, erased, archived, no_email)}

    outcome = proposals.send(engine, FOUNDER, request_id, [fine, objected, erased, archived, no_email],
                             smtp=mail.settings(), now=NOW)

    assert [d.caregiver_id for d in outcome.sent] == [fine] and len(smtp_server) == 1
    skipped = {s.caregiver_id: s for s in outcome.skipped}
    assert set(skipped) == {objected, erased, archived, no_email}
    for caregiver_id, (name, _) in people.items():
        assert skipped[caregiver_id].name == name
    assert str(skipped[objected].reason) == "sur la liste d'opposition : ne pas la contacter"
    assert str(skipped[erased].reason) == "données effacées à sa demande"
    assert str(skipped[archived].reason) == "archivé(e), hors du vivier"
    assert str(skipped[no_email].reason) == "pas d'adresse e-mail"
    # A phone to call instead, where calling is allowed: not for who objected, nor for who was erased (none left).
    assert skipped[archived].phone == people[archived][1] and skipped[no_email].phone == people[no_email][1]
    assert skipped[objected].phone is None and skipped[erased].phone is None
    # Nobody skipped is put on the request, nor logged.
    assert fetch(engine, """select count(*) from match where request_id = ? and caregiver_id in (?, ?, ?, ?)""",
                 request_id, objected, erased, archived, no_email) == [(0,)]
    assert fetch(engine, "select caregiver_id from call where kind = 'proposition_email'") == [(fine,)]


def test_a_match_past_contactee_gets_no_proposal_and_a_contacted_one_gets_a_reminder_without_moving(engine,
                                                                                                 smtp_server):
    request_id = open_request(engine)
    interested, contacted = free_people(engine, request_id, 2)
    for caregiver_id, stages in ((interested, ("contactee", "interessee")), (contacted, ("contactee",))):
        [match] = matches.add_candidates(engine, FOUNDER, request_id, [caregiver_id])
        for stage in stages:
            match = matches.move(engine, FOUNDER, match.id, stage, expected_version=match.row_version)
    outcome = proposals.send(engine, FOUNDER, request_id, [interested, contacted], smtp=mail.settings(), now=NOW)
    assert [d.caregiver_id for d in outcome.sent] == [contacted]
    assert [(s.caregiver_id, str(s.reason)) for s in outcome.skipped] == [
        (interested, "déjà « Intéressée » sur ce besoin")]
    assert fetch(engine, "select stage from match where request_id = ? and caregiver_id = ?", request_id,
                 contacted) == [("contactee",)]
    assert fetch(engine, "select count(*) from match_event e join match m on m.id = e.match_id "
                         "where m.request_id = ? and m.caregiver_id = ? and e.stage = 'contactee'",
                 request_id, contacted) == [(1,)]  # moved once, by hand: the reminder does not move it again
    assert fetch(engine, "select count(*) from call where kind = 'proposition_email'") == [(1,)]


@pytest.fixture
def refusing_server(monkeypatch):
    """A local SMTP server that refuses the addresses put in its set at RCPT (550), keeping what it accepts."""
    refused = set()
    with local_smtp(refused) as (port, received):
        point_at(monkeypatch, port)
        yield received, refused


def test_a_recipient_the_server_refuses_is_said_for_that_person_and_the_others_still_go(engine, refusing_server):
    received, refused = refusing_server
    request_id = open_request(engine)
    first, second, third = free_people(engine, request_id, 3)
    second_email, second_name = fetch(engine, "select email, first_name || ' ' || last_name from caregiver "
                                              "where id = ?", second)[0]
    refused.add(second_email)

    outcome = proposals.send(engine, FOUNDER, request_id, [first, second, third], smtp=mail.settings(), now=NOW)

    assert [d.caregiver_id for d in outcome.sent] == [first, third]
    [(draft, why)] = outcome.failed
    assert draft.caregiver_id == second and draft.name == second_name
    assert str(why) == f"Le serveur refuse l'adresse {second_email} : message non envoyé."
    assert sorted(m["To"] for m in received) == sorted(
        fetch(engine, "select email from caregiver where id in (?, ?)", first, third)[i][0] for i in range(2))
    # The one not sent is on the request (created first) but still "suggérée", and not in the call log.
    stages = dict(fetch(engine, "select caregiver_id, stage from match where request_id = ? and caregiver_id in "
                                "(?, ?, ?)", request_id, first, second, third))
    assert stages == {first: "contactee", second: "suggeree", third: "contactee"}
    assert sorted(r[0] for r in fetch(engine, "select caregiver_id from call where kind = 'proposition_email'")) == \
        sorted([first, third])


def test_thirty_one_people_are_refused_before_anything_is_written_or_sent(engine, smtp_server):
    request_id = open_request(engine)
    people = free_people(engine, request_id, 31)
    before = db.table_counts(engine)
    with pytest.raises(proposals.TooMany) as refused:
        proposals.send(engine, FOUNDER, request_id, people, smtp=mail.settings(), now=NOW)
    assert str(refused.value.message) == ("31 personnes choisies : une proposition part à 30 personnes au plus à "
                                          "la fois. Retirez-en 1.")
    assert smtp_server == [] and db.table_counts(engine) == before
    assert len(proposals.prepare(engine, request_id, tuple(people[:30]), "Claire Dubois").drafts) == 30


def test_only_who_may_move_matches_sends(engine, smtp_server):
    request_id = open_request(engine)
    with pytest.raises(audit.PermissionDenied):
        proposals.send(engine, MENTOR, request_id, free_people(engine, request_id, 1), smtp=mail.settings())
    assert smtp_server == []


def test_an_answer_is_one_click_and_moves_the_match_as_the_stage_rules_allow(engine, smtp_server):
    request_id = open_request(engine)
    yes, no, not_contacted = free_people(engine, request_id, 3)
    proposals.send(engine, FOUNDER, request_id, [yes, no], smtp=mail.settings(), now=NOW)
    matches.add_candidates(engine, FOUNDER, request_id, [not_contacted])
    match = dict(fetch(engine, "select caregiver_id, id from match where request_id = ?", request_id))
    version = dict(fetch(engine, "select id, row_version from match where request_id = ?", request_id))

    moved = proposals.answer(engine, FOUNDER, match[yes], "interessee", expected_version=version[match[yes]])
    assert moved.stage == "interessee"
    with pytest.raises(FormInvalid) as no_reason:
        proposals.answer(engine, FOUNDER, match[no], "declinee_soignant", expected_version=version[match[no]])
    assert "raison" in str(no_reason.value.errors["reason"])
    proposals.answer(engine, FOUNDER, match[no], "declinee_soignant", reason="indisponible",
                     expected_version=version[match[no]])
    # Not contacted yet: "intéressée" is not a move "suggérée" allows.
    with pytest.raises(FormInvalid):
        proposals.answer(engine, FOUNDER, match[not_contacted], "interessee",
                         expected_version=version[match[not_contacted]])
    assert dict(fetch(engine, "select caregiver_id, stage from match where request_id = ? and caregiver_id in "
                              "(?, ?, ?)", request_id, yes, no, not_contacted)) == {
        yes: "interessee", no: "declinee_soignant", not_contacted: "suggeree"}
    assert fetch(engine, "select reason from match_event where match_id = ? and stage = 'declinee_soignant'",
                 match[no]) == [("indisponible",)]
    assert fetch(engine, "select count(*) from audit_event where action = 'move' and entity = 'match' "
                         "and entity_id in (?, ?)", match[yes], match[no]) == [(4,)]  # contacted, then the answer


def test_a_template_with_an_unknown_field_or_a_lone_brace_is_refused_in_french(engine):
    with pytest.raises(FormInvalid) as unknown:
        proposals.save_template(engine, FOUNDER, {"lang": "fr", "subject": "Bonjour {prénom}",
                                                  "content": "{prenom}, {mision} vous attend"})
    assert str(unknown.value.errors["subject"]).startswith("Champ inconnu : {prénom}. Les champs possibles : {prenom}")
    assert str(unknown.value.errors["content"]).startswith("Champ inconnu : {mision}.")
    with pytest.raises(FormInvalid) as brace:
        proposals.save_template(engine, FOUNDER, {"lang": "en", "subject": "Hello", "content": "Hello {prenom"})
    assert str(brace.value.errors["content"]).startswith("Accolade seule ou mal fermée")
    with pytest.raises(FormInvalid) as attribute:
        proposals.save_template(engine, FOUNDER, {"lang": "en", "subject": "Hi", "content": "{prenom.__class__}"})
    assert "{prenom.__class__}" in str(attribute.value.errors["content"])
    with pytest.raises(audit.PermissionDenied):
        proposals.save_template(engine, MENTOR, {"lang": "fr", "subject": "x", "content": "y"})
    assert fetch(engine, "select count(*) from mail_template") == [(0,)]


def test_the_team_s_template_is_used_then_the_default_again_once_reset(engine, smtp_server):
    request_id = open_request(engine)
    [person] = free_people(engine, request_id, 1)
    first, title = fetch(engine, "select c.first_name, r.title from caregiver c, request r where c.id = ? "
                                 "and r.id = ?", person, request_id)[0]
    assert not proposals.templates(engine)["fr"].stored
    saved = proposals.save_template(engine, FOUNDER, {"lang": "fr", "subject": "{mission}\n pour {prenom}",
                                                      "content": "Chère, cher {prenom},\n\n{{{mission}}}\n"})
    assert saved.subject == "{mission} pour {prenom}"  # one line
    plan = proposals.prepare(engine, request_id, (person,), "Claire Dubois")
    assert plan.drafts[0].subject == f"{title} pour {first}"
    assert plan.drafts[0].text == f"Chère, cher {first},\n\n{{{title}}}\n"
    stored = proposals.templates(engine)["fr"]
    assert stored.stored and stored.author == "Claire Dubois" and stored.version == 1
    proposals.save_template(engine, FOUNDER, {"lang": "fr", "subject": "{mission}", "content": "{prenom}"},
                            expected_version=1)
    with pytest.raises(audit.StaleRecord):  # a second editor on the first copy
        proposals.save_template(engine, FOUNDER, {"lang": "fr", "subject": "x", "content": "y"}, expected_version=1)
    proposals.reset_template(engine, FOUNDER, "fr")
    assert proposals.templates(engine)["fr"] == proposals.Template("fr", *proposals.DEFAULTS["fr"])
    assert [r[0] for r in fetch(engine, "select action from audit_event where entity = 'mail_template' "
                                        "order by id")] == ["create", "update", "reset"]


def test_an_email_sent_reaches_nobody_for_pool_hygiene(engine, smtp_server):
    from hyc.filters import CaregiverFilter

    request_id = open_request(engine)
    [person] = free_people(engine, request_id, 1)
    before = reads.mentoring.to_call_back(engine, CaregiverFilter(), TODAY, None)
    proposals.send(engine, FOUNDER, request_id, [person], smtp=mail.settings(), now=NOW)
    after = reads.mentoring.to_call_back(engine, CaregiverFilter(), TODAY, None)
    assert after.id.tolist() == before.id.tolist()


def test_step_20_brings_an_older_store_its_columns_and_templates_table(store_path):
    engine = schema.open_store(f"duckdb:///{store_path}")
    try:
        # The store as step 19 left it: the tables rebuilt without the columns (DuckDB drops no column of an
        # indexed table), their keys made again, no templates table.
        with db.raw(engine) as con:
            for sql in ("drop table mail_template", "drop sequence mail_template_id_seq",
                        "create table caregiver_old as select * exclude (lang) from caregiver", "drop table caregiver",
                        "alter table caregiver_old rename to caregiver",
                        "create unique index caregiver_email_key on caregiver (email)",
                        "create unique index caregiver_phone_key on caregiver (phone)",
                        "create unique index caregiver_rpps_key on caregiver (rpps)",
                        "create table request_old as select * exclude (confidential) from request",
                        "drop table request", "alter table request_old rename to request",
                        "delete from schema_version where version >= 20"):
                con.execute(sql).fetchall()
        later = [step.version for step in schema.UPGRADES if step.version >= 20]
        assert schema.upgrade(engine) == later
        assert fetch(engine, "select count(*), count(*) filter (where not confidential) from request")[0] == \
            (db.table_counts(engine)["request"],) * 2
        assert fetch(engine, "select count(lang) from caregiver") == [(0,)]
        proposals.save_template(engine, FOUNDER, {"lang": "en", "subject": "{mission}", "content": "{prenom}"})
        assert proposals.templates(engine)["en"].stored
    finally:
        engine.dispose()


def test_a_backup_keeps_the_team_s_templates_and_one_made_before_them_still_restores(engine, tmp_path, empty_url):
    proposals.save_template(engine, FOUNDER, {"lang": "en", "subject": "{mission}", "content": "Hi {prenom}"})
    made = backups.backup(engine, tmp_path / "b", datetime(2026, 11, 23, 22, 30))
    fresh = schema.open_store(empty_url)
    try:
        backups.restore(fresh, made.folder)
        assert proposals.templates(fresh)["en"].content == "Hi {prenom}"
    finally:
        fresh.dispose()
    # A backup written before step 20: no templates file, nothing about them in its manifest.
    manifest = json.loads((made.folder / backups.MANIFEST).read_text())
    (made.folder / "mail_template.parquet").unlink()
    tables = {k: v for k, v in manifest["tables"].items() if k != "mail_template"}
    for name in ("mail_template.parquet", "signature"):
        manifest["files"].pop(name, None)
    backups.seal(made.folder, {"created_at": manifest["created_at"], "schema_version": 19, "tables": tables})
    again = schema.open_store(empty_url.replace("empty", "again"))
    try:
        backups.restore(again, made.folder)
        assert not proposals.templates(again)["en"].stored
        assert db.table_counts(again)["caregiver"] == db.table_counts(engine)["caregiver"]
    finally:
        again.dispose()


def test_the_request_s_confidential_tick_and_the_caregiver_s_language_are_saved_as_changed(engine):
    request_id = open_request(engine)
    version = fetch(engine, "select row_version from request where id = ?", request_id)[0][0]
    requests.update(engine, FOUNDER, request_id, {"confidential": True}, expected_version=version)
    assert fetch(engine, "select confidential from request where id = ?", request_id) == [(True,)]
    [person] = free_people(engine, request_id, 1)
    version = fetch(engine, "select row_version from caregiver where id = ?", person)[0][0]
    caregivers.update(engine, FOUNDER, person, {"lang": "en"}, expected_version=version, today=TODAY)
    assert fetch(engine, "select lang from caregiver where id = ?", person) == [("en",)]
    with pytest.raises(FormInvalid):
        caregivers.update(engine, FOUNDER, person, {"lang": "de"}, expected_version=version + 1, today=TODAY)


def test_erasure_reaches_a_template_that_names_the_person_and_leaves_the_email_s_trace_without_text(engine,
                                                                                                   smtp_server):
    request_id = open_request(engine)
    [person] = free_people(engine, request_id, 1)
    last = fetch(engine, "select last_name from caregiver where id = ?", person)[0][0]
    proposals.save_template(engine, FOUNDER, {"lang": "fr", "subject": "{mission}",
                                              "content": f"Bonjour {{prenom}}, comme pour {last}, {{mission}}."})
    proposals.send(engine, FOUNDER, request_id, [person], smtp=mail.settings(), now=NOW)
    privacy.erase(engine, FOUNDER, person)
    assert last not in proposals.templates(engine)["fr"].content
    # What went stays counted (a call of kind e-mail on the match), with nothing that names them.
    assert fetch(engine, "select kind, summary, next_action from call where caregiver_id = ? "
                         "and kind = 'proposition_email'", person) == [("proposition_email", None, None)]


def test_a_server_that_cannot_be_reached_leaves_everyone_suggested_and_says_why_for_each(engine, monkeypatch):
    monkeypatch.setenv("HYC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HYC_SMTP_PORT", "9")  # discard: nobody listens
    monkeypatch.setenv("HYC_SMTP_SECURITY", "none")
    request_id = open_request(engine)
    people = free_people(engine, request_id, 2)
    outcome = proposals.send(engine, FOUNDER, request_id, people, smtp=mail.settings(), now=NOW)
    assert outcome.sent == () and [d.caregiver_id for d, _ in outcome.failed] == people
    assert all("127.0.0.1:9" in str(why) for _, why in outcome.failed)
    assert fetch(engine, "select distinct stage from match where request_id = ? and caregiver_id in (?, ?)",
                 request_id, *people) == [("suggeree",)]
    assert fetch(engine, "select count(*) from call where kind = 'proposition_email'") == [(0,)]
