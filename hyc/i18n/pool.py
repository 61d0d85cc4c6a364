"""The talent pool."""

CATALOG = {
    "pool.title": ("Vivier de soignants", "Talent pool"),
    "pool.count": ("Soignants correspondant aux filtres : {n}.", "Caregivers matching the filters: {n}."),
    "pool.tab_list": ("Liste", "List"),
    "pool.tab_breakdown": ("Répartition", "Breakdown"),
    "pool.pick_hint": ("Cochez une ligne pour ouvrir la fiche du soignant ; cochez-en plusieurs pour les ajouter à la "
                       "sélection.",
                       "Tick a row to open the caregiver's record; tick several to add them to the shortlist."),
    "pool.pick_hint_read": ("Cochez une ligne pour ouvrir la fiche du soignant.",
                            "Tick a row to open the caregiver's record."),
    "pool.order": ("Trier par", "Sort by"),
    "pool.order_recent": ("Arrivée récente", "Most recent"),
    "pool.order_name": ("Nom", "Name"),
    "pool.order_availability": ("Disponibilité", "Availability"),
    "pool.order_rate": ("Tarif croissant", "Rate, lowest first"),
    "pool.order_missions_done": ("Missions faites", "Missions done"),
    "pool.top_departements": ("Départements les mieux pourvus", "Départements with the most caregivers"),
}
