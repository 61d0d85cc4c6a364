"""A request's ranked candidates (hyc.matching): the list with its filters, each score's parts on demand, the
compliance friction beside the score, who is left out; a panel of distinct specialties; the shortlist that
proposes them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc import matching, requests, vocab
from hyc.ui import fmt_int, labelled, lang, plain, read, say, shortlist, t, table, today, write
from hyc.ui.store import new_run
from hyc.ui.widgets import drawn_again, euro_column, fitted_height, ids_digest

# A person reads a hundred rows at most: beyond, the filters narrow the list.
SHOWN = 100
AVAILABILITY_STEPS = [0, 1, 2, 4, 8]


def ranking_tab(r: pd.Series) -> None:
    """The ranking tab of a request's record: the ranked list (a fragment) and the shortlist box (another)."""
    if r.status not in vocab.OPEN_REQUEST_STATUSES:
        st.info(t("rank.request_closed"))
        return
    verdict_line(r)
    ranked(r)
    st.divider()
    shortlist.box({"id": int(r.id), "title": r.title})


@st.fragment
def ranked(r: pd.Series) -> None:
    """The ranked candidates with their filters, as a fragment: a tick, a narrowing filter, the panel's toggle run
    this part alone again, not the record's reads above it nor its other tabs. A write from here (a swap, a panel
    dropped) calls st.rerun() for the whole page: the record's tabs and counts change with it."""
    new_run()  # a fragment's run is no page run: the data version is read again (another member may have written)
    rid = int(r.id)
    narrowing = _filters(r)
    # Cached once per request (and data version); the list's filters then narrow it without scoring again.
    ranking = read(matching.rank, rid, today())
    if ranking is None:
        return
    ranking = matching.narrowed(ranking, narrowing)
    asked = _asked(ranking.request)
    if asked:
        st.caption(asked)
    st.caption(t("rank.count", n=len(ranking.scored), shown=fmt_int(len(ranking.scored))) + " "
               + (t("rank.narrowed", shown=fmt_int(len(ranking.rows)), n=fmt_int(len(ranking.scored)))
                  if len(ranking.rows) < len(ranking.scored) else ""))
    # A workshop or interviews of several people: the panel first.
    panel_view = matching.panel_applies(ranking.request) and st.toggle(
        t("rank.view_panel"), key=f"rank.panel.{rid}", value=True, help=t("panel.intro", n=int(r.headcount)))
    if ranking.rows.empty:
        st.info(t("rank.nobody"), icon=":material/filter_alt_off:")
    elif panel_view:
        _panel(ranking)
    else:
        _list(ranking)
    left_out = matching.exclusion_sentences(ranking.excluded)
    if left_out:
        st.caption(t("rank.left_out", list=[say(s) for s in left_out]))


def verdict_box(r: pd.Series) -> None:
    """The request's own anti-gift verdict, said once for all its candidates: calm while in time, in red once the
    date to ask the Ordre is past, with the ways out and their figures."""
    verdict = matching.request_verdict(r.to_dict(), today())
    if verdict is None:
        return
    text = f"**{t('record.verdict')}** · " + "  \n".join(plain(say(sentence)) for sentence in verdict.sentences())
    # Its own container: a verdict in red is the request's news, not an error of the page (browser tests tell
    # them apart by this key).
    with st.container(key="request-verdict"):
        if verdict.late:
            st.error(text, icon=":material/gavel:")
        elif verdict.regime == "autorisation":
            st.warning(text, icon=":material/gavel:")
        else:
            st.info(text, icon=":material/gavel:")


def verdict_line(r: pd.Series) -> None:
    """The verdict's first words above the candidates (the record above says it whole): the regime, and in red
    when the Ordre can no longer be asked in time."""
    verdict = matching.request_verdict(r.to_dict(), today())
    if verdict is None:
        return
    headline = plain(say(verdict.sentences()[0]))
    st.caption(f":red[**{t('rank.verdict_late')}**] · {headline}" if verdict.late else headline)


def _asked(r: dict) -> str:
    """What the request asks, musts and preferences: "Impératif : spécialité (Cardiologie). De préférence : …"."""
    said = {True: [], False: []}
    if r.get("specialties"):
        said[bool(r["specialties_required"])].append(
            t("rank.asked.specialty", what=", ".join(vocab.SPECIALTIES.label(c, lang())
                                                     for c in r["specialties"].split(","))))
    place = (t("rank.asked.remote") if r.get("work_mode") == "distanciel"
             else t("rank.asked.region", what=vocab.REGIONS.label(r["region"], lang())) if r.get("region") else None)
    if place:
        said[bool(r["place_required"])].append(place)
    if r.get("digital_appetites"):
        said[bool(r["appetite_required"])].append(t("rank.asked.appetite", what=", ".join(
            vocab.DIGITAL_APPETITES.label(c, lang()) for c in r["digital_appetites"].split(","))))
    if r.get("about_ai"):
        said[bool(r["ai_required"])].append(t("rank.asked.ai"))
    return " ".join(t(f"rank.asked.{'must' if must else 'preferred'}", list=items)
                    for must, items in ((True, said[True]), (False, said[False])) if items)


def _filters(r: pd.Series) -> matching.Narrowing:
    rid = int(r.id)
    state = st.session_state
    region_key = f"rank.regions.{rid}"
    if region_key not in state and isinstance(r.region, str) and r.work_mode == "presentiel":
        state[region_key] = [r.region]  # an on-site mission: its region first
    a, c, d = st.columns([4, 3, 2])
    with a:
        regions = st.multiselect(t("rank.filter_region"), vocab.REGIONS.codes, key=region_key, select_all=False,
                                 format_func=vocab.REGIONS.labels(lang()).get, placeholder=t("filter.all"))
    with c:
        said = {n: t("filter.availability_any") if n == 0 else t("filter.availability_min", days=n)
                for n in AVAILABILITY_STEPS}
        availability = st.selectbox(t("rank.filter_availability"), AVAILABILITY_STEPS, key=f"rank.avail.{rid}",
                                    format_func=said.get)
    with d:
        remote = st.toggle(t("rank.filter_remote"), key=f"rank.remote.{rid}",
                           value=r.work_mode == "distanciel")
        ready = st.toggle(t("rank.filter_ready"), key=f"rank.ready.{rid}")
    return matching.Narrowing(tuple(regions), remote, ready, availability)


def _shown(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows as a person reads them: labels, the compliance mark, the weak points."""
    shown = labelled(rows, profession=vocab.PROFESSIONS, specialty=vocab.SPECIALTIES, region=vocab.REGIONS,
                     work_mode=vocab.CAREGIVER_WORK_MODES, digital_appetite=vocab.DIGITAL_APPETITES,
                     stage=vocab.CAREGIVER_STAGES)
    # Only what differs from the request's own verdict: a regime of the row's own, the cumul to obtain. Labelled
    # once per distinct (regime, too late, cumul to obtain), for the few rows a person reads.
    triples = list(zip(rows.own_regime, rows.late, rows.cumul != "", strict=True))
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


def _table(ranking: matching.Ranking, rows: pd.DataFrame, key: str) -> list[int]:
    """The ranked rows (the first of `ranking`'s), with row selection; returns the ids of the rows ticked."""
    # The key follows the rows shown: a filter or a new ranking clears the ticks, which never move to other people.
    shown = drawn_again("ranking", (ranking, lang()), lambda: _shown(rows))
    event = table(shown, key=f"{key}.{ids_digest(rows)}", select="multi", height=fitted_height(len(rows), 520),
                  columns=_columns(),
                  score=st.column_config.ProgressColumn(t("col.score"), min_value=0, max_value=100, format="%d"),
                  expected_day_rate=euro_column(t("col.expected_rate")),
                  name=st.column_config.TextColumn(t("col.caregiver"), pinned=True))
    picked = event.selection.rows if event is not None else []
    return [int(rows.id.iloc[i]) for i in picked if i < len(rows)]


@st.fragment
def _list(ranking: matching.Ranking) -> None:
    """The ranked list and the details of the people ticked, a fragment of its own inside the ranking's: a tick
    runs this part alone, on the ranking it was drawn from (kept in memory with the fragment), without reading
    the ranking again nor drawing its filters."""
    new_run()
    rid = int(ranking.request["id"])
    rows = ranking.rows.head(SHOWN)
    if len(ranking.rows) > SHOWN:
        st.caption(t("rank.top", shown=SHOWN))
    picked = _table(ranking, rows, f"rank.table.{rid}")
    st.caption(t("rank.pick_hint"))
    shortlist.add_button(picked, key=f"rank.add.{rid}", box_only=True)
    for i, caregiver_id in enumerate(picked[:3]):
        _detail(ranking, rows[rows.id == caregiver_id].iloc[0], expanded=i == 0)


def _detail(ranking: matching.Ranking, row: pd.Series, expanded: bool) -> None:
    """Why this score: each part with its points and sentence (they add up), and the compliance friction."""
    with st.expander(t("rank.detail", name=row["name"], score=int(row.score)), expanded=expanded):
        parts = matching.parts(row, ranking)
        # A plain table (a dozen lines, nothing to sort or download): drawn at once after a tick, where a grid
        # took a round of its own in the browser.
        st.markdown("\n".join([
            f"| {t('col.part')} | {t('col.points')} | {t('col.why')} |", "|:--|--:|:--|",
            *(f"| {plain(t(f'rank.part.{p.name}'))} | {p.points} / {p.weight} | {plain(say(p.sentence))} |"
              for p in parts)]))
        st.caption(t("rank.detail_total", score=sum(p.points for p in parts)))
        for warning in matching.warnings(row, ranking.request):
            st.warning(plain(say(warning)), icon=":material/gavel:")


def _group_label(code: str) -> str:
    return (vocab.SPECIALTIES.label(code, lang()) if code in vocab.SPECIALTIES
            else vocab.PROFESSIONS.label(code, lang()))


def _panel(ranking: matching.Ranking) -> None:
    """The proposed panel, or the one kept with the request: one seat per specialty asked, then round the others;
    a member can be replaced by anyone eligible, the panel saying what that does to its coverage; the panel goes
    to the shortlist in one click."""
    rid = int(ranking.request["id"])
    kept = matching.kept_panel(ranking)
    members = kept or matching.panel(ranking).members
    said = matching.notes(ranking, members)
    seated = ranking.scored.set_index("id").loc[members].reset_index()
    seated["group"] = matching.group_of(seated)
    st.caption(t("panel.intro", n=len(members)) + " " + t("panel.distinct", n=int(seated.group.nunique()))
               + (" " + t("panel.kept") if kept else ""))
    size = int(ranking.request.get("headcount") or 1)
    if len(members) < size:
        st.warning(t("panel.short", n=len(members), size=size), icon=":material/group_off:")
    shown = _shown(seated)
    shown["group"] = seated.group.map(_group_label)
    table(shown, key=f"panel.table.{rid}.{ids_digest(seated)}", columns={"group": t("col.panel_group"), **_columns()},
          score=st.column_config.ProgressColumn(t("col.score"), min_value=0, max_value=100, format="%d"),
          expected_day_rate=euro_column(t("col.expected_rate")))
    for specialty, why in said.uncovered.items():
        st.warning(t(f"panel.uncovered.{why}", specialty=vocab.SPECIALTIES.label(specialty, lang())),
                   icon=":material/person_off:")
    if said.shared:
        groups = list(said.shared)
        st.info(t(f"panel.shared.{said.shared[groups[0]]}", groups=[_group_label(g) for g in groups]),
                icon=":material/groups:")
    _swap_form(ranking, members, dict(zip(seated.id.astype(int), seated["name"], strict=True)), kept=bool(kept))
    note = st.session_state.pop(f"panel.{rid}.note", None)
    if note:
        st.success(note, icon=":material/swap_horiz:")


# The replacements offered: the best of the list off the panel (the filters above narrow it).
SWAP_CHOICES = 50


def _swap_form(ranking: matching.Ranking, members: list[int], names: dict[int, str], *, kept: bool) -> None:
    rid = int(ranking.request["id"])
    key = f"panel.{rid}"
    free = ranking.rows[~ranking.rows.id.isin(members)].head(SWAP_CHOICES)
    offered = {int(row.id): f"{row['name']} · {_group_label(group)} · {int(row.score)}"
               for (_, row), group in zip(free.iterrows(), matching.group_of(free), strict=True)}
    a, b, c = st.columns([3, 3, 2], vertical_alignment="bottom")
    with a:
        leaving = st.selectbox(t("panel.swap_who"), members, format_func=names.get, key=f"{key}.leaving")
    with b:
        coming = st.selectbox(t("panel.swap_by"), list(offered), format_func=offered.get, key=f"{key}.coming",
                              index=None, placeholder=t("form.choose"))
    with c:
        if st.button(t("panel.swap"), key=f"{key}.swap", icon=":material/swap_horiz:", disabled=coming is None):
            after, change = matching.swap(ranking, members, leaving, coming)
            write(requests.keep_panel, rid, after)
            st.session_state[f"{key}.note"] = " ".join(filter(None, [
                t("panel.swapped", out=names[leaving], by=offered[coming].split(" · ")[0]),
                t("panel.coverage_same") if not change else t("panel.coverage", changes=[
                    t("panel.gains" if n > 0 else "panel.loses", group=_group_label(g)) for g, n in change.items()])]))
            st.rerun()
    a, b = st.columns([3, 2])
    with a:
        shortlist.add_button(members, key=f"{key}.add", box_only=True)
    with b:
        if kept and st.button(t("panel.discard"), key=f"{key}.discard",
                                                      icon=":material/restart_alt:"):
            write(requests.keep_panel, rid, None)
            st.rerun()
