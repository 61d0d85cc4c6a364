"""The day's digest in the interface (hyc.ui.digest): on the member's landing page only, each line opening its record;
the switch under the language, which turns the e-mail off for good."""

from __future__ import annotations

from hyc import digest, schema
from tests.conftest import TODAY, fetch, t
from tests.pages.conftest import FOUNDER, MENTOR, page, run_on


def box(at):
    return [e for e in at.expander if e.label.startswith(t("digest.title"))]


def test_the_landing_page_shows_the_member_s_day_and_no_other_page_does(on_demo, demo_engine):
    mine = digest.of_member(demo_engine, FOUNDER, TODAY)
    overdue = fetch(demo_engine, """select count(*) from (
        select coalesce(next_action_owner_id, member_id) as owner, next_action_due as due from call
        where next_action is not null and not next_action_done
        union all select coalesce(next_action_owner_id, mentor_id), next_action_due from mentoring_session
        where next_action is not null and not next_action_done) where owner = ? and due < ?""", FOUNDER, TODAY)[0][0]
    assert mine.count("overdue") == overdue > 0  # the demo founder has late actions: the box has something to say
    at = run_on(page("overview"), TODAY, member=FOUNDER)
    assert not at.exception
    (shown,) = box(at)
    assert shown.label == t("digest.box", n=mine.count())
    assert f"**{t('digest.kind.overdue', n=overdue)}**" in [m.value for m in shown.markdown]
    links = [link for link in at.get("page_link") if link.proto.page in ("talent_pool", "requests")
             and link.proto.icon == ":material/chevron_right:"]
    assert 0 < len(links) <= len(digest.KINDS) * 5
    # A founder's Mentoring page is not where they land: no box there. A mentor's is.
    assert not box(run_on(page("mentoring"), TODAY, member=FOUNDER))
    theirs = digest.of_member(demo_engine, MENTOR, TODAY)
    (mentor_box,) = box(run_on(page("mentoring"), TODAY, member=MENTOR))
    assert mentor_box.label == t("digest.box", n=theirs.count())


def test_the_switch_turns_the_e_mail_off_and_shows_what_is_stored(store):
    at = run_on(page("overview"), TODAY, member=FOUNDER)
    switch = next(w for w in at.toggle if w.key == "digest.wanted")
    assert switch.value is True and switch.label == t("digest.toggle")
    at = switch.set_value(False).run()
    assert not at.exception
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        assert fetch(engine, "select daily_digest from team_member where id = ?", FOUNDER) == [(False,)]
    finally:
        engine.dispose()
    at = run_on(page("overview"), TODAY, member=FOUNDER)
    assert next(w for w in at.toggle if w.key == "digest.wanted").value is False
    (shown,) = box(at)
    assert t("digest.not_mailed", toggle=t("digest.toggle")) in [c.value for c in shown.caption]
