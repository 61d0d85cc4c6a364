"""The requests page."""

CATALOG = {
    "requests.title": ("Besoins", "Requests"),
    "requests.count": ("{n} besoins correspondent aux filtres.", "{n} requests match the filters."),
    "requests.pick_hint": ("Cliquez sur la case d'une ligne pour ouvrir le besoin et ses propositions.",
                           "Tick a row to open the request and its matches."),
}
