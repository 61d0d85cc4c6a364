"""A request's ranked candidates (hyc.matching): the list with its filters, each score's parts on demand, the
compliance friction beside the score, who is left out; a panel of distinct specialties; the shortlist that
proposes them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc import matching, vocab
from hyc.ui import fmt_int, labelled, lang, plain, read, say, shortlist, t, table, today
from hyc.ui.widgets import euro_column, fitted_height, ids_digest

# A person reads a hundred rows at most: beyond, the filters narrow the list.
SHOWN = 100
AVAILABILITY_STEPS = [0, 1, 2, 4, 8]


def ranking_tab(r: pd.Series) -> None:
    """The ranking tab of a request's record."""
    if r.status not in vocab.OPEN_REQUEST_STATUSES:
        st.info(t("rank.request_closed"))
        return
    rid = int(r.id)
    narrowing, appetites = _filters(r)
    # Cached once per request and appetite; the list's filters then narrow it without scoring again.
    ranking = read(matching.rank, rid, today(), appetites)
    if ranking is None:
        return
    ranking = matching.narrowed(ranking, narrowing)
    st.caption(t("rank.count", n=len(ranking.scored), shown=fmt_int(len(ranking.scored))) + " "
               + (t("rank.narrowed", shown=fmt_int(len(ranking.rows)), n=fmt_int(len(ranking.scored)))
                  if len(ranking.rows) < len(ranking.scored) else ""))
    panel_view = matching.panel_applies(ranking.request) and st.toggle(
        t("rank.view_panel"), key=f"rank.panel.{rid}", help=t("panel.intro", n=int(r.headcount)))
    if ranking.rows.empty:
        st.info(t("rank.nobody"), icon=":material/filter_alt_off:")
    elif panel_view:
        _panel(ranking)
    else:
        _list(ranking)
    left_out = matching.exclusion_sentences(ranking.excluded)
    if left_out:
        st.caption(t("rank.left_out", list=[say(s) for s in left_out]))
    st.divider()
    shortlist.box({"id": rid, "title": r.title})


def _filters(r: pd.Series) -> tuple[matching.Narrowing, tuple[str, ...]]:
    rid = int(r.id)
    state = st.session_state
    region_key, appetite_key = f"rank.regions.{rid}", f"rank.appetites.{rid}"
    if region_key not in state and isinstance(r.region, str) and r.work_mode == "presentiel":
        state[region_key] = [r.region]  # an on-site mission: its region first
    if appetite_key not in state:
        state[appetite_key] = list(matching.wanted_appetites(r.mission_type))
    a, b, c, d = st.columns([3, 3, 2, 2])
    with a:
        regions = st.multiselect(t("rank.filter_region"), vocab.REGIONS.codes, key=region_key, select_all=False,
                                 format_func=vocab.REGIONS.labels(lang()).get, placeholder=t("filter.all"))
    with b:
        appetites = st.multiselect(t("rank.appetites"), vocab.DIGITAL_APPETITES.codes, key=appetite_key,
                                   select_all=False, format_func=vocab.DIGITAL_APPETITES.labels(lang()).get,
                                   help=t("rank.appetites_help"), placeholder=t("filter.all"))
    with c:
        said = {n: t("filter.availability_any") if n == 0 else t("filter.availability_min", days=n)
                for n in AVAILABILITY_STEPS}
        availability = st.selectbox(t("rank.filter_availability"), AVAILABILITY_STEPS, key=f"rank.avail.{rid}",
                                    format_func=said.get)
    with d:
        remote = st.toggle(t("rank.filter_remote"), key=f"rank.remote.{rid}",
                           value=r.work_mode == "distanciel")
        ready = st.toggle(t("rank.filter_ready"), key=f"rank.ready.{rid}")
    return matching.Narrowing(tuple(regions), remote, ready, availability), tuple(appetites)


def _shown(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows as a person reads them: labels, the compliance mark, the weak points."""
    shown = labelled(rows, profession=vocab.PROFESSIONS, specialty=vocab.SPECIALTIES, region=vocab.REGIONS,
                     work_mode=vocab.CAREGIVER_WORK_MODES, digital_appetite=vocab.DIGITAL_APPETITES,
                     stage=vocab.CAREGIVER_STAGES)
    # Labelled once per distinct (regime, too late, cumul to obtain), for the few rows a person reads.
    triples = list(zip(rows.regime, rows.late, rows.cumul != "", strict=True))
    said = {triple: _mark(*triple) for triple in set(triples)}
    shown["friction"] = [said[triple] for triple in triples]
    weak = matching.weak_parts(rows)
    shown["weak"] = weak.map({codes: " · ".join(t(f"rank.part.{c}") for c in codes.split(",") if c)
                              for codes in weak.unique()})
    return shown


def _mark(regime: str, late: bool, cumul: bool) -> str:
    """"Autorisation 2 mois, hors délai · cumul à obtenir": the compliance friction of a row, in a few words."""
    words = []
    if regime:
        words.append(t(f"rank.mark.{regime}") + (f", {t('rank.mark.late')}" if late else ""))
    if cumul:
        words.append(t("rank.mark.cumul"))
    return " · ".join(words)


def _columns() -> dict[str, str]:
    """What a caller reads first: who, the score, what may block (compliance), what is weak; then the profile."""
    return {"name": t("col.caregiver"), "score": t("col.score"), "friction": t("col.compliance"),
            "weak": t("col.weak_points"), "profession": t("col.profession"),
            "specialty": t("col.specialty"), "region": t("col.region"), "work_mode": t("col.work_mode"),
            "availability": t("col.availability"), "digital_appetite": t("col.appetite"),
            "expected_day_rate": t("col.expected_rate"), "stage": t("col.stage"),
            "missions_done": t("col.missions_done")}


def _table(rows: pd.DataFrame, key: str) -> list[int]:
    """The ranked rows, with row selection; returns the ids of the rows ticked."""
    # The key follows the rows shown: a filter or a new ranking clears the ticks, which never move to other people.
    event = table(_shown(rows), key=f"{key}.{ids_digest(rows)}", select="multi", height=fitted_height(len(rows), 520),
                  columns=_columns(),
                  score=st.column_config.ProgressColumn(t("col.score"), min_value=0, max_value=100, format="%d"),
                  expected_day_rate=euro_column(t("col.expected_rate")),
                  name=st.column_config.TextColumn(t("col.caregiver"), pinned=True))
    picked = event.selection.rows if event is not None else []
    return [int(rows.id.iloc[i]) for i in picked if i < len(rows)]


def _list(ranking: matching.Ranking) -> None:
    rid = int(ranking.request["id"])
    rows = ranking.rows.head(SHOWN)
    if len(ranking.rows) > SHOWN:
        st.caption(t("rank.top", shown=SHOWN))
    picked = _table(rows, f"rank.table.{rid}")
    st.caption(t("rank.pick_hint"))
    shortlist.add_button(picked, key=f"rank.add.{rid}")
    for i, caregiver_id in enumerate(picked[:3]):
        _detail(ranking, rows[rows.id == caregiver_id].iloc[0], expanded=i == 0)


def _detail(ranking: matching.Ranking, row: pd.Series, expanded: bool) -> None:
    """Why this score: each part with its points and sentence (they add up), and the compliance friction."""
    with st.expander(t("rank.detail", name=row["name"], score=int(row.score)), expanded=expanded):
        parts = matching.parts(row, ranking)
        table(pd.DataFrame({"part": [t(f"rank.part.{p.name}") for p in parts],
                            "points": [f"{p.points} / {p.weight}" for p in parts],
                            "why": [say(p.sentence) for p in parts]}),
              columns={"part": t("col.part"), "points": t("col.points"), "why": t("col.why")},
              why=st.column_config.TextColumn(t("col.why"), width="large"))
        st.caption(t("rank.detail_total", score=sum(p.points for p in parts)))
        for warning in matching.warnings(row, ranking.request):
            st.warning(plain(say(warning)), icon=":material/gavel:")


def _panel(ranking: matching.Ranking) -> None:
    """The proposed panel: one seat per specialty while the pool allows; a member can be swapped for the next best
    of their specialty; the panel goes to the shortlist in one click."""
    rid = int(ranking.request["id"])
    state = st.session_state
    signature = (ids_digest(ranking.rows), ranking.appetites)
    key = f"panel.{rid}"
    proposed = matching.panel(ranking)
    if state.get(f"{key}.signature") != signature:
        state[key], state[f"{key}.signature"] = proposed.members, signature
    members: list[int] = state[key]
    seated = ranking.rows.set_index("id").loc[members].reset_index()
    seated["group"] = matching.group_of(seated)
    st.caption(t("panel.intro", n=len(members)) + " " + t("panel.distinct", n=int(seated.group.nunique())))
    size = int(ranking.request.get("headcount") or 1)
    if len(members) < size:
        st.warning(t("panel.short", n=len(members), size=size), icon=":material/group_off:")
    shown = _shown(seated)
    shown["group"] = seated.group.map(lambda code: vocab.SPECIALTIES.label(code, lang()) if code in vocab.SPECIALTIES
                                      else vocab.PROFESSIONS.label(code, lang()))
    table(shown, key=f"panel.table.{rid}", columns={"group": t("col.panel_group"), **_columns()},
          score=st.column_config.ProgressColumn(t("col.score"), min_value=0, max_value=100, format="%d"),
          expected_day_rate=euro_column(t("col.expected_rate")))
    for specialty, why in proposed.uncovered.items():
        st.warning(t(f"panel.uncovered.{why}", specialty=vocab.SPECIALTIES.label(specialty, lang())),
                   icon=":material/person_off:")
    names = dict(zip(seated.id.astype(int), seated["name"], strict=True))
    a, b, c = st.columns([3, 1.4, 2.4], vertical_alignment="bottom")
    with a:
        leaving = st.selectbox(t("panel.swap_who"), members, format_func=names.get, key=f"{key}.leaving")
    with b:
        if st.button(t("panel.swap"), key=f"{key}.swap", icon=":material/swap_horiz:"):
            swapped = matching.swap(ranking, members, leaving)
            if swapped is None:
                st.session_state[f"{key}.note"] = t("panel.no_swap", name=names[leaving])
            else:
                state[key] = swapped
                newcomer = next(i for i in swapped if i not in members)
                by = ranking.rows.loc[ranking.rows.id == newcomer, "name"].iloc[0]
                st.session_state[f"{key}.note"] = t("panel.swapped", out=names[leaving], by=by)
            st.rerun()
    with c:
        shortlist.add_button(members, key=f"{key}.add")
    note = state.pop(f"{key}.note", None)
    if note:
        st.info(note, icon=":material/swap_horiz:")
