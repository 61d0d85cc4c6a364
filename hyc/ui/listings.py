"""Rows as people read them (labels, phones, "2 / 3"): lists of caregivers, the talent pool, the requests, next
actions; for a table and for its download of every row the filters keep. `language` is explicit: a download is
made on the click, outside the session."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import i18n, reads, vocab
from hyc.filters import CaregiverFilter
from hyc.ui.fmt import codes_label, labelled, phones
from hyc.ui.widgets import record_links


def pool_rows(people: pd.DataFrame, language: str) -> pd.DataFrame:
    """reads.pool.caregivers rows, labelled."""
    shown = labelled(people, language, profession=vocab.PROFESSIONS, specialty=vocab.SPECIALTIES,
                     region=vocab.REGIONS, practice_setting=vocab.PRACTICE_SETTINGS,
                     work_mode=vocab.CAREGIVER_WORK_MODES, digital_appetite=vocab.DIGITAL_APPETITES,
                     stage=vocab.CAREGIVER_STAGES)
    shown["phone"] = phones(people.phone)
    shown["mission_types"] = people.mission_types.map(
        {codes: codes_label(codes, vocab.MISSION_TYPES, language) for codes in people.mission_types.unique()})
    return shown


def pool_list(engine: Engine, f: CaregiverFilter, order: str, language: str,
              limit: int | None = reads.common.TABLE_ROW_LIMIT) -> pd.DataFrame:
    """The talent pool's list as read (reads.pool.caregivers, labelled): a reader for ui.read, which caches it
    labelled, so that a rerun of the page (a tick, a sort, the same filter again) does not label it again."""
    return pool_rows(reads.pool.caregivers(engine, f, order, limit=limit), language)


def request_rows(found: pd.DataFrame, language: str) -> pd.DataFrame:
    """reads.requests.requests rows, labelled, with the headcount filled as "placed / headcount"."""
    shown = labelled(found, language, status=vocab.REQUEST_STATUSES, mission_type=vocab.MISSION_TYPES,
                     org_kind=vocab.ORGANISATION_KINDS, priority=vocab.PRIORITIES)
    shown["filled"] = found.placed.astype(str) + " / " + found.headcount.astype(str)
    shown["professions"] = found.professions.map(
        {codes: codes_label(codes, vocab.PROFESSIONS, language) for codes in found.professions.unique()})
    return shown


def caregiver_rows(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """Rows of caregivers (any of reads.mentoring's lists), their codes labelled and their phones written out."""
    vocabs = {"profession": vocab.PROFESSIONS, "specialty": vocab.SPECIALTIES, "stage": vocab.CAREGIVER_STAGES}
    shown = labelled(rows, language, **{column: terms for column, terms in vocabs.items() if column in rows})
    if "phone" in rows:
        shown["phone"] = phones(rows.phone)
    return shown


def action_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Next actions (reads.mentoring.week rows), each with whom it is: the caregiver, or else the organisation."""
    return rows.assign(who=rows.caregiver.fillna(rows.organisation))


def stuck_rows(stuck: pd.DataFrame, language: str) -> pd.DataFrame:
    """Stuck work (reads.stuck.stuck_work rows) as read: what waits (the caregiver, or the request itself), in which
    stage or status, whose, with a link to the request."""
    is_match = stuck.kind == "match"
    return stuck.assign(
        link=record_links("requests", "request", stuck.request_id, language),
        what=stuck.caregiver.where(is_match, i18n.t("stuck.the_request", language)),
        state=stuck.state.map(vocab.MATCH_STAGES.labels(language)).where(
            is_match, stuck.state.map(vocab.REQUEST_STATUSES.labels(language))),
        owner=stuck.owner.fillna(i18n.t("stuck.no_owner", language)),
    )
