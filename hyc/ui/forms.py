"""Forms that keep what was typed, show each message under its field, and save through the hyc write functions.

A form is drawn inside `with form(name, prefill=…)`, one field at a time (`text`, `choice`, `day`, …), and
ends with `submit(name, label, save)`. The save runs in the submit button's callback, before the page is
drawn again: on success the form shows its confirmation (and is emptied when asked); on a refusal every
value stays where it was and each message appears under its field. Widget values live in session state
under "form.<name>.<field>"; the form's own notes under "form_note.<name>.…".

What a form saves is what the person changed (`changed`): a record's form passes only those fields, and the
write function checks them against the record as stored. A select that holds a value cannot be emptied by a
click and Escape; an optional one offers "— (non renseigné)" as a choice of its own. Numbers are typed as text,
the French way ("1 200,50"), and checked by hyc.validation against the bounds their help shows.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pandas as pd
import streamlit as st

from hyc import audit, caregivers, i18n, models, reads, validation, vocab
from hyc.ui import actor, lang, plain, read, say, t, write
from hyc.validation import FormInvalid

log = logging.getLogger(__name__)
# The "— (non renseigné)" choice of an optional select: emptying it is a choice, never a slip.
EMPTY = ""


@dataclass
class Saved:
    """What a save tells the person: a confirmation, warnings per field, and whether to empty the form."""

    message: str
    warnings: dict[str, str] = field(default_factory=dict)
    reset: bool = False
    version: int | None = None  # the edited record's new version: the form now holds that copy


def key(form: str, name: str) -> str:
    return f"form.{form}.{name}"


def _note(form: str, what: str) -> str:
    return f"form_note.{form}.{what}"


def _fields(form: str) -> dict[str, object]:
    """The fields drawn in a form's last run, each with the value that empties it."""
    return st.session_state.setdefault(_note(form, "fields"), {})


def values(form: str) -> dict:
    """The values currently in a form's fields."""
    return {name: st.session_state.get(key(form, name)) for name in _fields(form)}


def widget_value(value):
    """A stored value as a widget holds it: no NaN, no Timestamp, no numpy scalar."""
    if hasattr(value, "item") and not isinstance(value, pd.Timestamp):
        # A numpy scalar, first: a float32 NaN (a small numeric column, agreed days) is no Python float.
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()  # forms only take calendar dates from a record
    return value


def number_text(value) -> str | None:
    """A stored number as typed in its field: 450, 1,5."""
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def from_row(row: pd.Series, names, multi: tuple[str, ...] = ()) -> dict:
    """A record's values for a form: comma-separated codes become lists, dates become dates, numbers text."""
    out = {}
    for name in names:
        value = widget_value(row.get(name))
        if name in multi:
            value = value.split(",") if value else []
        elif name == "phone":
            value = validation.phone_display(value) or None  # typed back the French way
        elif name in validation.NUMBERS:
            value = number_text(value)
        elif isinstance(value, date):  # a date field holds text: 31/08/2027
            value = validation.fr_date(value)
        out[name] = value
    return out


def loaded_version(form_name: str) -> int | None:
    """The version of the record the form was filled from: a save on it is refused if the record moved on."""
    return st.session_state.get(_note(form_name, "loaded"))


def _same(before, after) -> bool:
    empty = (None, "", [], ())
    return (before in empty and after in empty) or before == after


def changed(form_name: str, values_: dict) -> dict:
    """The fields whose value differs from what the form was filled with: all that a save may write."""
    initial = st.session_state.get(_note(form_name, "initial"), {})
    return {name: value for name, value in values_.items() if not _same(initial.get(name), value)}


def moved_on(form_name: str, before: object, after: object) -> None:
    """This session's own save through another form took the record from `before` to `after` without writing this
    form's fields: filled from `before`, the form still holds the record as it is, and no one else saved it."""
    loaded = _note(form_name, "loaded")
    if st.session_state.get(loaded) == before:
        st.session_state[loaded] = after


def fill(form_name: str, values_: dict, *, version: object = None, initial: dict | None = None) -> None:
    """Put values in a form's fields, as filled from `version` of its record; `initial` (the record's own
    values, by default `values_`) is what `changed` compares against."""
    state = st.session_state
    for name, value in values_.items():
        state[key(form_name, name)] = value
    state[_note(form_name, "loaded")] = version
    state[_note(form_name, "initial")] = dict(values_ if initial is None else initial)


@contextmanager
def form(name: str, *, prefill: dict | None = None, version: object = None, border: bool = True) -> Iterator[None]:
    """Draw a form. `prefill` fills its fields the first time it is drawn, from `version` of the record;
    afterwards the fields keep what the person types, even when the record changes underneath."""
    state = st.session_state
    # Streamlit forgets a widget's value when a run does not draw it (another record opened, another tab open): a
    # form drawn again after such a run is filled from the record again, not left empty, where a save would have
    # written every emptied field. What was typed there was already gone with the widgets; so are its messages.
    forgotten = any(key(name, field) not in state for field in state.get(_note(name, "fields"), {}))
    if prefill is not None and (_note(name, "loaded") not in state or forgotten):
        for note in ("errors", "warnings", "problem"):
            state.pop(_note(name, note), None)
        fill(name, prefill, version=version)
    state[_note(name, "fields")] = {}
    with st.form(name, border=border, enter_to_submit=False):
        # The confirmation of a save, where the person is looking: at the top of the form, and as a toast (a long
        # form that has just emptied itself leaves the submit button far below).
        done = state.pop(_note(name, "done"), None)
        if done:
            st.success(plain(done), icon=":material/check_circle:")
            st.toast(plain(done), icon=":material/check_circle:")
        problem = state.get(_note(name, "problem"))
        if problem:
            st.error(plain(say(problem)), icon=":material/block:")
        errors = state.get(_note(name, "errors")) or {}
        if len(errors) > 1:
            st.error(t("form.fix_n", n=len(errors)), icon=":material/error:")
        yield


def refuse(form_name: str, errors: dict) -> None:
    """Messages to show under fields drawn outside a form of their own (their check runs with another button);
    an empty `errors` clears them."""
    st.session_state[_note(form_name, "errors")] = errors


def message(form_name: str, name: str) -> None:
    """The error or warning of one field, right under it."""
    error = (st.session_state.get(_note(form_name, "errors")) or {}).get(name)
    warning = (st.session_state.get(_note(form_name, "warnings")) or {}).get(name)
    if error:
        st.error(plain(say(error)), icon=":material/error:")
    elif warning:
        st.warning(plain(say(warning)), icon=":material/warning:")


def _label(name: str, label: str | None) -> str:
    return label or i18n.field_label(name.rsplit(".", 1)[-1], lang())


def _draw(form_name: str, name: str, widget, label: str | None, mandatory: bool, empty=None, **kw):
    """Draw one field (a "*" when the form cannot be saved without it); `empty` is what empties it."""
    _fields(form_name)[name] = empty
    text = _label(name, label) + (" *" if mandatory else "")
    value = widget(text, key=key(form_name, name), **kw)
    message(form_name, name)
    return value


def text(form_name: str, name: str, *, label: str | None = None, required: bool = False, area: bool = False,
         help: str | None = None, placeholder: str | None = None, kind: str = "default", height: int | None = None):
    """A line of text (`kind="password"` hides it), or a paragraph with `area` (`height` in pixels)."""
    if area:
        return _draw(form_name, name, st.text_area, label, required, value=None, help=help, placeholder=placeholder,
                     height=height)
    return _draw(form_name, name, st.text_input, label, required, value=None, help=help, placeholder=placeholder,
                 type=kind)


def choice(form_name: str, name: str, terms=None, *, options: list | None = None, format_func=None,
           label: str | None = None, required: bool = False, help: str | None = None, unset: bool | None = None):
    """One value from a vocabulary (shown by its labels) or from `options`. An optional one (`unset`, by default
    when not required) can be set back to "— (non renseigné)" on purpose; once it holds a value, no select can
    be emptied by a click and Escape."""
    if terms is not None:
        options = terms.codes
        format_func = format_func or terms.labels(lang()).get
    shown = format_func or str
    state = st.session_state
    if (not required) if unset is None else unset:
        options = [EMPTY, *options]
        if state.get(key(form_name, name)) is None:
            state[key(form_name, name)] = EMPTY
    return _draw(form_name, name, st.selectbox, label, required, EMPTY if EMPTY in options else None, options=options,
                 index=None, format_func=lambda option: t("form.unset") if option == EMPTY else shown(option),
                 placeholder=t("form.choose"), help=help, required=state.get(key(form_name, name)) is not None)


def choices(form_name: str, name: str, terms, *, label: str | None = None, required: bool = False,
            help: str | None = None):
    return _draw(form_name, name, st.multiselect, label, required, [], options=terms.codes, default=None,
                 format_func=terms.labels(lang()).get, placeholder=t("form.choose"), select_all=False, help=help)


def pick_many(form_name: str, name: str, labels: dict, *, label: str, required: bool = False,
              placeholder: str | None = None):
    """Several rows picked by their labels (caregivers to put on a request…, the steps a session covered)."""
    return _draw(form_name, name, st.multiselect, label, required, [], options=list(labels), default=None,
                 format_func=labels.get, placeholder=placeholder or t("form.type_to_search"), select_all=False)


def number(form_name: str, name: str, *, label: str | None = None, required: bool = False, help: str | None = None):
    """A number typed as text, the French way or the English way ("1 200,50", "1200.5"); its help gives the
    bounds hyc.validation applies (Streamlit's number input would say an out-of-range value in English and
    submit the previous one, and cannot read a French number)."""
    bounds = validation.NUMBERS[name.rsplit(".", 1)[-1]]
    state = st.session_state
    if isinstance(state.get(key(form_name, name)), int | float):
        state[key(form_name, name)] = number_text(state[key(form_name, name)])
    if bounds is validation.DAY_RATE:
        hint = t("form.range_rate", high=validation.euros(bounds.high))
    else:
        hint = t("form.range_whole" if bounds.whole else "form.range", low=bounds.text(bounds.low),
                 high=bounds.text(bounds.high))
    return _draw(form_name, name, st.text_input, label, required, value=None, help=help or hint)


def day(form_name: str, name: str, *, label: str | None = None, required: bool = False):
    """A date typed as the French write it ("31/08/2027"). Typed rather than picked: Streamlit's date field moves
    an impossible day (31/02) to another one without a word and drops a date out of its range, where
    hyc.validation says what is wrong under the field and keeps what was typed."""
    state = st.session_state
    if isinstance(state.get(key(form_name, name)), date):
        state[key(form_name, name)] = validation.fr_date(state[key(form_name, name)])
    return _draw(form_name, name, st.text_input, label, required, value=None, placeholder=t("form.date_placeholder"),
                 max_chars=10, help=t("form.date_help"))


def hour(form_name: str, name: str, *, label: str | None = None, required: bool = False):
    return _draw(form_name, name, st.time_input, label, required, value=None, step=300)


def tick(form_name: str, name: str, *, label: str | None = None, help: str | None = None):
    return _draw(form_name, name, st.checkbox, label, False, False, help=help)


def member(form_name: str, name: str, *, label: str | None = None, required: bool = False,
           roles: tuple[str, ...] = ("fondateur", "mentor")):
    team = read(reads.admin.team)
    team = team[team.role.isin(roles)]
    names = dict(zip(team.id.astype(int), team.full_name, strict=True))
    return choice(form_name, name, options=list(names), format_func=names.get, label=label, required=required)


def stored_time(day_value: date | str | None, hour_value: time | None, field: str) -> datetime | None:
    """A date and an hour typed in Paris time, as stored (UTC); None when the date is missing. A date that cannot
    be read is refused under its `field`."""
    if day_value is None or (isinstance(day_value, str) and not day_value.strip()):
        return None
    try:
        day_value = day_value if isinstance(day_value, date) else validation.read_day(day_value, field)
    except validation.InvalidInput as exc:
        raise FormInvalid({field: exc.message}) from None
    return models.from_paris(datetime.combine(day_value, hour_value or time(12, 0)))


def renamed(exc: FormInvalid, **names: str) -> FormInvalid:
    """The same refusal with messages moved to the fields that hold the value (occurred_at → occurred_on)."""
    return FormInvalid({names.get(name, name): message for name, message in exc.errors.items()})


def _submit(form_name: str, save: Callable[[dict], Saved]) -> None:
    state = st.session_state
    for what in ("errors", "warnings", "problem", "done", "duplicate"):
        state.pop(_note(form_name, what), None)
    if actor() is None:  # the session expired while the form was open: the gate will ask to sign in
        state[_note(form_name, "problem")] = t("auth.expired_save")
        return
    try:
        saved = save(values(form_name))
    except FormInvalid as exc:
        state[_note(form_name, "errors")] = exc.errors
        return
    except caregivers.DuplicateCaregiver as exc:
        state[_note(form_name, "problem")] = exc.message
        state[_note(form_name, "duplicate")] = exc.existing_id
        # Under the field that holds the value, whatever part of a combined form it is in ("caregiver.phone").
        field = next((name for name in _fields(form_name) if name.rsplit(".", 1)[-1] == exc.field), exc.field)
        state[_note(form_name, "errors")] = {field: t("form.duplicate_field")}
        return
    except audit.WriteError as exc:
        state[_note(form_name, "problem")] = exc.message
        return
    except Exception:  # a bug must not lose the form: everything typed stays, the person is told
        log.exception("save of form %s failed", form_name)
        state[_note(form_name, "problem")] = t("form.unexpected")
        return
    state[_note(form_name, "done")] = saved.message
    state[_note(form_name, "warnings")] = saved.warnings
    if saved.reset:
        # Set, not deleted: only a value set through session state reaches the browser's widgets.
        for name, empty in _fields(form_name).items():
            state[key(form_name, name)] = empty
        state.pop(_note(form_name, "loaded"), None)
    elif saved.version is not None:
        state[_note(form_name, "loaded")] = saved.version
        state[_note(form_name, "initial")] = values(form_name)


def submit(form_name: str, label: str, save: Callable[[dict], Saved], *, icon: str = ":material/save:") -> None:
    """The submit button (the confirmation of a save is drawn at the top of the form, see `form`)."""
    st.form_submit_button(label, type="primary", icon=icon, on_click=_submit, args=(form_name, save))


def edit_saver(form_name: str, update: Callable, record_id: int, done: str) -> Callable[[dict], Saved]:
    """The save of a record's edit form: only the fields changed, through `update` (which returns the row, or the
    row and its warnings), on the copy the form was filled from; the form then holds the new copy."""
    def save(values_: dict) -> Saved:
        changes = changed(form_name, values_)
        if not changes:
            return Saved(t("saved.nothing"))
        result = write(update, record_id, changes, expected_version=loaded_version(form_name))
        row, warnings = result if isinstance(result, tuple) else (result, {})
        return Saved(done, warnings, version=row.row_version)
    return save


def duplicate_of(form_name: str) -> int | None:
    """The existing caregiver a refused creation collided with, if that was the reason."""
    return st.session_state.get(_note(form_name, "duplicate"))


def forget(form_name: str) -> None:
    """Drop a form's values and notes (the record it edits was closed or changed)."""
    for name in list(st.session_state):
        if name.startswith((f"form.{form_name}.", f"form_note.{form_name}.")):
            del st.session_state[name]


# --- Field groups shared by the record forms and the call log -----------------------------------------
# `prefix` names the part of a combined form ("caregiver." in the call log), as the write functions do.


def caregiver_fields(f: str, prefix: str = "") -> None:
    """The whole profile of DESIGN.md §1, in the order a call goes."""
    p = prefix
    a, b = st.columns(2)
    with a:
        text(f, p + "first_name", required=True)
    with b:
        text(f, p + "last_name", required=True)
    a, b, c = st.columns(3)
    with a:
        text(f, p + "email", help=t("field.email_help"))
    with b:
        text(f, p + "phone", help=t("field.phone_help"))
    with c:
        text(f, p + "postcode", help=t("field.postcode_help"))
    a, b, c = st.columns(3)
    with a:
        choice(f, p + "profession", vocab.PROFESSIONS, required=True)
        number(f, p + "years_experience")
    with b:
        choice(f, p + "specialty", vocab.SPECIALTIES, help=t("field.specialty_help"))
        text(f, p + "rpps", help=t("field.rpps_help"))
    with c:
        choice(f, p + "practice_setting", vocab.PRACTICE_SETTINGS)
        choice(f, p + "cumul_status", vocab.CUMUL_STATUSES, help=t("field.cumul_help"))
    a, b, c = st.columns(3)
    with a:
        number(f, p + "availability_days_per_month")
        choice(f, p + "work_mode", vocab.CAREGIVER_WORK_MODES)
    with b:
        choices(f, p + "mission_types", vocab.MISSION_TYPES)
        number(f, p + "expected_day_rate")
    with c:
        choice(f, p + "digital_appetite", vocab.DIGITAL_APPETITES)
        choice(f, p + "legal_status", vocab.LEGAL_STATUSES)
        tick(f, p + "ai_trained")
    a, b, c = st.columns(3)
    with a:
        day(f, p + "consent_date")
        choice(f, p + "source", vocab.SOURCES)
    with b:
        choice(f, p + "consent_method", vocab.CONSENT_METHODS)
        member(f, p + "mentor_id", roles=("mentor", "fondateur"))
    with c:
        choice(f, p + "lawful_basis", vocab.LAWFUL_BASES)
        day(f, p + "profile_confirmed_on")
        choice(f, p + "lang", vocab.CAREGIVER_LANGS, label=t("field.caregiver_lang"),
               help=t("field.caregiver_lang_help"))
    text(f, p + "notes", area=True)


def organisation_fields(f: str, prefix: str = "") -> None:
    p = prefix
    a, b, c = st.columns(3)
    with a:
        text(f, p + "name", required=True)
        text(f, p + "city")
    with b:
        choice(f, p + "kind", vocab.ORGANISATION_KINDS, required=True)
        choice(f, p + "region", vocab.REGIONS)
    with c:
        text(f, p + "website", placeholder="https://")
        tick(f, p + "makes_health_products", help=t("field.health_products_help"))
    text(f, p + "notes", area=True)


def contact_fields(f: str, prefix: str = "") -> None:
    p = prefix
    a, b, c = st.columns(3)
    with a:
        text(f, p + "first_name", required=True)
        text(f, p + "role")
    with b:
        text(f, p + "last_name", required=True)
        text(f, p + "email")
    with c:
        text(f, p + "phone")


def request_fields(f: str, prefix: str = "") -> None:
    p = prefix
    text(f, p + "title", required=True)
    a, b, c = st.columns(3)
    with a:
        choice(f, p + "mission_type", vocab.MISSION_TYPES, required=True)
        number(f, p + "headcount", required=True)
        day(f, p + "start_date")
    with b:
        choices(f, p + "professions", vocab.PROFESSIONS, required=True)
        choice(f, p + "work_mode", vocab.REQUEST_WORK_MODES)
        number(f, p + "expected_days")
    with c:
        choices(f, p + "specialties", vocab.SPECIALTIES)
        choice(f, p + "region", vocab.REGIONS)
        number(f, p + "budget_day_rate")
    criteria_fields(f, p)
    a, b, c = st.columns(3)
    with a:
        choice(f, p + "priority", vocab.PRIORITIES, required=True)
    with b:
        member(f, p + "owner_id")
    with c:
        tick(f, p + "confidential", help=t("field.confidential_help"))
    text(f, p + "description", area=True)


def criteria_fields(f: str, prefix: str = "") -> None:
    """Which of a request's criteria are musts. A new request's specialties are a must until someone says
    "de préférence"."""
    p = prefix
    st.session_state.setdefault(key(f, p + "specialties_required"), True)
    a, b, c = st.columns(3)
    with a:
        tick(f, p + "specialties_required", help=t("field.specialties_required_help"))
        tick(f, p + "place_required", help=t("field.place_required_help"))
    with b:
        choices(f, p + "digital_appetites", vocab.DIGITAL_APPETITES, help=t("field.digital_appetites_help"))
        tick(f, p + "appetite_required")
    with c:
        tick(f, p + "about_ai", help=t("field.about_ai_help"))
        tick(f, p + "ai_required")


def follow_up_fields(f: str, prefix: str = "") -> None:
    a, b = st.columns([3, 1])
    with a:
        text(f, prefix + "next_action")
    with b:
        day(f, prefix + "next_action_due")


def part(values_: dict, prefix: str) -> dict:
    """The values of one part of a combined form, without their prefix."""
    return {name.removeprefix(prefix): value for name, value in values_.items() if name.startswith(prefix)}
