"""The call log in Chromium: a quick intake call for a new caregiver (kept only with their consent), then the
caregiver found in the talent pool, their record saying what is still to complete."""

from tests.browser.conftest import errors_shown, sign_in, wait_idle
from tests.conftest import t


def field(page, label: str, role: str = "textbox"):
    """The input of the form field with this label (labels of required fields end with ' *')."""
    return page.locator("[data-testid='stForm']").get_by_role(role, name=label, exact=True).first


def pick(page, label: str, option: str) -> None:
    field(page, label, "combobox").click()
    page.get_by_role("option", name=option, exact=True).click()


def test_an_intake_call_creates_a_caregiver_found_in_the_talent_pool(own_server, browser):
    server = own_server
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    sign_in(page, server.url, "mentor")
    page.goto(f"{server.url}/call_log")
    wait_idle(page)
    assert page.locator("h1").first.inner_text() == t("nav.call_log")

    # The quick intake: seven facts, a note and the next action (due in a week unless changed).
    field(page, "Prénom *").fill("Ségolène")
    field(page, "Nom *").fill("Quibergeon")
    field(page, t("auth.email")).fill("Segolene.Quibergeon@Exemple.fr")
    field(page, t("col.phone")).fill("06 98 76 54 32")
    pick(page, "Profession *", "Médecin")
    pick(page, t("col.specialty"), "Cardiologie")
    field(page, t("col.postcode")).fill("97200")
    field(page, t("calls.quick_note")).fill("Premier appel : intéressée par des ateliers en cardiologie.")
    field(page, t("col.next_action")).fill("Envoyer la grille de tarifs")
    # Without her consent nothing is kept: the message is under the tick, and what was typed stays.
    page.get_by_role("button", name=t("calls.save")).click()
    wait_idle(page)
    page.get_by_text(t("error.consent_before_keeping")).wait_for(timeout=15_000)
    assert field(page, "Nom *").input_value() == "Quibergeon"
    page.get_by_text(t("calls.consent_tick")).click()
    page.get_by_role("button", name=t("calls.save")).click()
    wait_idle(page)
    page.wait_for_timeout(300)

    # The confirmation is at the top of the form (and a toast); the save's run may still be drawing it.
    page.get_by_test_id("stAlertContentSuccess").get_by_text("Appel enregistré. Soignant créé.").wait_for(
        timeout=15_000)
    assert errors_shown(page) == []
    # The form is emptied for the next call; the record is one click away.
    assert field(page, "Prénom *").input_value() == ""
    page.get_by_role("link", name="Ouvrir la fiche : Ségolène Quibergeon").click()
    page.locator("h3").filter(has_text="Ségolène Quibergeon").wait_for(timeout=15_000)
    # Her record says what the quick intake left to complete, and shows no "<NA>" for what is not known yet.
    missing = page.get_by_text(t("record.missing", fields="")[:20]).inner_text()
    assert "Numéro RPPS" in missing and "Mode d'exercice" in missing and "E-mail" not in missing
    assert page.get_by_text("<NA>").count() == 0 and page.get_by_text("None").count() == 0

    # The talent pool finds her by name, in Martinique (region 02) from her postcode.
    page.goto(f"{server.url}/talent_pool?q=Quibergeon&region=02")
    wait_idle(page)
    assert page.get_by_text("Soignants correspondant aux filtres : 1.").count() == 1
    # The table is drawn on a canvas: select its only row by clicking its selection box, which opens her record.
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 18)
    page.locator("h3").filter(has_text="Ségolène Quibergeon").wait_for(timeout=15_000)
    wait_idle(page)
    assert page.get_by_text("06 98 76 54 32").count() == 1
    page.close()
