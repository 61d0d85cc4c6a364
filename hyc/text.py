"""The one text-folding rule: how two texts are compared when accents, case and ligatures must not matter.

`fold(text)` in Python and `fold_sql(expr)` in DuckDB give the same result for every text (tests/test_text.py
checks them against each other on tricky strings): lower case, Latin ligatures written out as their letters ("Cœur"
reads "coeur", "Lætitia" "laetitia", "Straße" "strasse", "ﬁchier" "fichier", "Ĳssel" "ijssel"), then every accent
and other combining mark taken away ("Médilab" reads "medilab"). "coeur" therefore finds "Cœur", and "Cœur" finds
"coeur". The search (hyc.search), the imports (hyc.imports: headers and values) and the erasure (hyc.privacy: where a
person's name may be written) all compare through it.

What it does not do, on purpose: it keeps compatibility characters that are not ligatures ("²", "①", full-width
letters) as they are, because DuckDB's `strip_accents` keeps them (a canonical decomposition, not a compatibility
one), and both sides must agree.
"""

from __future__ import annotations

import re
import unicodedata

# Every Latin ligature, in lower case (the upper-case ones become these first: "Œ" → "œ", "ẞ" → "ß"), with the
# letters it is made of. The order does not matter: no replacement holds another ligature.
LIGATURES: dict[str, str] = {
    "æ": "ae", "œ": "oe", "ß": "ss", "ĳ": "ij",
    "ǆ": "dz", "ǳ": "dz", "ǉ": "lj", "ǌ": "nj",
    "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
    "ꜳ": "aa", "ꜵ": "ao", "ꜷ": "au", "ꜹ": "av", "ꜻ": "av", "ꜽ": "ay", "ꝏ": "oo", "ꜩ": "tz", "ꝡ": "vy",
    "ᵫ": "ue", "ꭣ": "uo", "ȸ": "db", "ȹ": "qp",
}
_WRITTEN_OUT = str.maketrans(LIGATURES)
# The upper-case letters whose lower case is one of LIGATURES (tests/test_text.py checks the list is whole).
UPPER_LIGATURES = "ÆĲŒǄǅǇǈǊǋǱǲẞꜨꜲꜴꜶꜸꜺꜼꝎꝠ"


def _lower(text: str) -> str:
    # One character at a time, as DuckDB's lower() does: Python lowers a word-final "Σ" to "ς", DuckDB to "σ".
    return text.lower() if text.isascii() else "".join(ch.lower() for ch in text)


def _unmarked(text: str) -> str:
    # DuckDB's strip_accents: the canonical decomposition, every mark (non-spacing, spacing or enclosing) taken
    # away, the rest composed again (Hangul syllables come back whole).
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return unicodedata.normalize("NFC", kept)


def fold(text: str | None) -> str:
    """`text` as it is compared: lower case, ligatures written out, without accents ("Cœur" → "coeur"). None → ""."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    return _unmarked(_lower(text).translate(_WRITTEN_OUT))


def fold_sql(expr: str) -> str:
    """The SQL expression (DuckDB) that folds the text expression `expr` exactly as `fold` does. `expr` is SQL (a
    column, or "?"), never a value: values go in as parameters.

    An ASCII text (most names, e-mails) has neither accent nor ligature: it is only lowered, as `fold` does. The
    others go through the ligatures' replacements and strip_accents. (A regular expression looking for a ligature
    first cost the search box more than the replacements it saved: measured at fifty times the demo.)"""
    written_out = f"lower({expr})"
    for ligature, letters in LIGATURES.items():
        written_out = f"replace({written_out}, '{ligature}', '{letters}')"
    return f"(case when strlen({expr}) = length({expr}) then lower({expr}) else strip_accents({written_out}) end)"


def fold_address_sql(expr: str) -> str:
    """The SQL folding of an address (an e-mail, a website): case and accents only. An address holds no ligature,
    and each column folded the whole way costs DuckDB about 3.5 ms to plan, in a search box run at each key typed."""
    return f"strip_accents(lower({expr}))"


def folded_forms(ch: str) -> list[str]:
    """The ways one character may be written once folded, its case kept: "é" → ["é", "e"], "Œ" → ["Œ", "OE", "Oe"],
    "a" → ["a"]. For patterns that must find a name however its accents and ligatures were typed."""
    forms = [ch]
    plain = fold(ch)
    if plain != _lower(ch):
        forms += [plain.upper(), plain.capitalize()] if ch.isupper() else [plain]
    return list(dict.fromkeys(forms))


# How people type a name: apostrophes any way, hyphens and spaces either way ("Pharma-Rossi", "Pharma Rossi").
_APOSTROPHES = "'’‘ʼ´`"
_JOINERS = "- \u2010\u2011\u00a0\u202f"


def typed(name: str) -> str:
    """A regular expression for `name` as people type it: each letter with its accent or without, its ligatures
    joined or written out ("Œ", "OE" or "Oe": `folded_forms`), its apostrophes any way, its hyphens or spaces
    either way. Its case is kept: the caller says whether case matters."""
    out = []
    for ch in name:
        if ch in _APOSTROPHES:
            out.append("[" + re.escape(_APOSTROPHES) + "]")
        elif ch in _JOINERS:
            out.append("[" + re.escape(_JOINERS) + "\\s]+")
        else:
            forms = folded_forms(ch)
            out.append(re.escape(ch) if len(forms) == 1 else "(?:" + "|".join(map(re.escape, forms)) + ")")
    return "".join(out)


def full_name_pattern(first: str, last: str) -> str:
    """A person's full name as a whole, either way round, in any case ("Jeanne Dupont", "DUPONT Jeanne")."""
    firsts, lasts = typed(first.strip()), typed(last.strip())
    return rf"(?i:(?<!\w)(?:(?:{firsts})\s+(?:{lasts})|(?:{lasts})\s+(?:{firsts}))(?!\w))"


def last_name_pattern(last: str) -> str:
    """A last name alone, as a whole word written as names are ("Dupont", "DUPONT"), never as an ordinary word
    would be ("dupont", "petit")."""
    last = last.strip()
    forms = "|".join(typed(form) for form in dict.fromkeys((last, last.upper(), last.title())))
    return rf"(?<!\w)(?:{forms})(?!\w)"

