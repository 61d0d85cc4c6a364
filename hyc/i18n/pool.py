"""The talent pool."""

CATALOG = {
    "pool.title": ("Vivier de soignants", "Talent pool"),
    "pool.count": ("Soignants correspondant aux filtres : {n}.", "Caregivers matching the filters: {n}."),
    "pool.tab_list": ("Liste", "List"),
    "pool.tab_breakdown": ("Répartition", "Breakdown"),
    "pool.pick_hint": ("Cliquez sur la case d'une ligne pour ouvrir la fiche du soignant.",
                       "Tick a row to open the caregiver's record."),
    "pool.top_departements": ("Départements les mieux pourvus", "Départements with the most caregivers"),
}
