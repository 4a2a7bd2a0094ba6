"""The connected side in Chromium against a real `streamlit run`: login, a demand from form
to list, status and export, logout, and a session cookie replayed after logout."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from orion_data.auth import accounts, passwords
from orion_data.auth.model import Role, User
from orion_data.demandes import campaigns
from orion_data.demandes.model import Campagne, StatutCampagne
from orion_data.store import open_store

pytestmark = pytest.mark.browser

logger = logging.getLogger(__name__)

PASSWORD = "Navigateur-2026!"
UAI = "0010014K"
CFD = "32031409"
TALL_VIEWPORT = {"width": 1280, "height": 4000}


@pytest.fixture(scope="session")
def orion_url(browser, orion_app) -> str:
    """Return the URL of `orion_app` after one visit has run Home.py on it.

    NOTE: Streamlit 1.67 runs the first script of a new server in its legacy pages/ mode,
    in which Home.py's widgets get other ids than in every later run. The first form
    submitted in that browser session is then lost, so the tests start after one visit.
    """
    visit = browser.new_context()
    page = visit.new_page()
    page.goto(orion_app)
    # The home page's title is drawn after Home.py has called st.navigation, which ends
    # the legacy mode for the whole server.
    expect(page.get_by_role("heading", name="Orion", exact=True)).to_be_visible()
    visit.close()
    return orion_app


@pytest.fixture
def accounts_store(orion_app_env, monkeypatch, warehouse):
    """Return the store of the `orion_app` server, with this year's campaign en cours."""
    monkeypatch.setattr(passwords, "rounds", 4)
    store = open_store(orion_app_env["ORION_DB"])
    year = date.today().year
    campagne = Campagne(year, date(year, 1, 1), date(year, 12, 31), StatutCampagne.EN_COURS)
    campaigns.save_campagne(store, User("tests-navigateur", Role.ADMIN), campagne)
    yield store
    store.close()


def _no_error(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _log_in(page, url: str, username: str) -> None:
    """Log in, then wait until the browser has the session cookie and the app is idle."""
    page.goto(url)
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("Connecté")).to_be_visible()
    # The cookie component writes the cookie from the browser over the runs after the
    # login, and the values it sends back start more runs.
    page.wait_for_function("() => document.cookie.includes('orion_session=')")
    _idle(page)


def _idle(page) -> None:
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")


def _click(page, name: str) -> None:
    """Click a button once the app is idle and the button drawn once.

    During a run, the old and new copies of a widget can both be on the page. After a login
    the cookie component starts a few runs of its own, so a run may begin between the check
    and the click. The click is then tried again, at most 5 times.
    """
    _click_on(page, page.get_by_role("button", name=name))


def _click_on(page, target) -> None:
    for _ in range(5):
        _idle(page)
        if target.count() != 1:
            continue
        try:
            target.click(timeout=5_000)
            return
        except PlaywrightError:
            logger.info("%s was redrawn during the click; trying again", target)
    raise AssertionError(f"{target} never stood alone on an idle page")


def _combobox(page, label: str):
    return page.get_by_role("combobox", name=label, exact=True)


def _choose(page, label: str, option: str) -> None:
    _combobox(page, label).click()
    page.get_by_role("option", name=option).click()
    expect(_combobox(page, label)).to_have_value(option)


def _type(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")
    _idle(page)


def _fill_form(page) -> None:
    """Fill an augmentation of the BTS, waiting after each step for the run it starts.

    Each wait is on what that run changes: a select's placeholder, a pre-filled value.
    """
    _type(page, "Rechercher un établissement", UAI)
    expect(_combobox(page, "Établissement")).to_have_attribute(
        "placeholder", "1 résultat(s) : choisissez"
    )
    _choose(page, "Établissement", f"{UAI} · Lycee Edgar Quinet")
    _type(page, "Rechercher une formation", CFD)
    formation = "Formation (diplôme professionnel ouvert)"
    expect(_combobox(page, formation)).to_have_attribute(
        "placeholder", "1 résultat(s) : choisissez"
    )
    _choose(page, formation, f"{CFD} · GESTION DE LA PME (BTS)")
    expect(_combobox(page, "Dispositif")).to_have_attribute(
        "placeholder", "2 dispositif(s) pour ce diplôme : choisissez"
    )
    _choose(page, "Dispositif", "311 · BTS EN 2 ANS")
    expect(page.get_by_label("Capacité scolaire actuelle", exact=True)).to_have_value("30")
    _choose(page, "Type de demande", "Augmentation")
    expect(_combobox(page, "Motifs")).to_have_attribute("placeholder", "Choisissez")
    _combobox(page, "Motifs").click()
    page.get_by_role("option", name="Besoin de recrutement local des entreprises").click()
    page.keyboard.press("Escape")
    _idle(page)


def _menu_link(page, name: str):
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True)


def _expect_logged_out_menu(page) -> None:
    """Wait for the public menu, then check that the gated pages are not in it."""
    expect(_menu_link(page, "Accueil")).to_be_visible()
    expect(_menu_link(page, "Demandes")).to_have_count(0)
    expect(_menu_link(page, "Saisir une demande")).to_have_count(0)


def test_demand_round_trip(page, orion_url, accounts_store):
    # The whole form fits in this viewport, so no click has to scroll first: in Chromium,
    # a click on a select that first had to scroll left its option list closed.
    page.set_viewport_size(TALL_VIEWPORT)
    accounts.create_user(
        accounts_store, "gestion.navigateur", Role.GESTIONNAIRE_REGION, PASSWORD, "84"
    )
    _log_in(page, orion_url, "gestion.navigateur")
    _click_on(page, page.get_by_test_id("stSidebarNav").get_by_text("Saisir une demande"))
    expect(page.get_by_role("heading", name="Nouvelle demande")).to_be_visible()

    _fill_form(page)
    _type(page, "Capacité scolaire future", "12,5")
    _click(page, "Enregistrer la demande")
    expect(page.get_by_text("« 12,5 » n'est pas un nombre entier positif ou nul")).to_be_visible()

    _type(page, "Capacité scolaire future", "36")
    _click(page, "Enregistrer la demande")
    heading = page.get_by_role("heading", name=re.compile(r"^Demande \d{4}-84-\d+$"))
    expect(heading).to_be_visible()
    numero = heading.inner_text().removeprefix("Demande ").strip()

    _click(page, "Changer le statut")
    expect(page.get_by_text("Statut changé : Dossier complet.")).to_be_visible()

    _click_on(page, page.get_by_role("link", name="Retour à la liste"))
    listed = page.get_by_role("combobox", name="Ouvrir une demande", exact=True)
    expect(listed).to_have_value(
        f"{numero} · Lycee Edgar Quinet · GESTION DE LA PME (BTS) · Dossier complet"
    )

    with page.expect_download() as download_info:
        _click(page, "Exporter en CSV")
    download = download_info.value
    content = open(download.path(), "rb").read().decode("utf-8-sig")
    assert download.suggested_filename.startswith("orion_demandes_")
    assert content.splitlines()[0].startswith("Numéro;Campagne;Statut;Type de demande;UAI")
    assert f"{numero};" in content
    assert ";Dossier complet;Augmentation;" in content
    assert f";{UAI};Lycee Edgar Quinet;{CFD};GESTION DE LA PME (BTS);" in content

    _click(page, "Se déconnecter")
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    _expect_logged_out_menu(page)
    _no_error(page)


def test_gated_url_after_logout(page, orion_url, accounts_store):
    accounts.create_user(accounts_store, "admin.url", Role.ADMIN, PASSWORD)
    _log_in(page, orion_url, "admin.url")
    _click(page, "Se déconnecter")
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()

    page.goto(f"{orion_url}/demande_formulaire")
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    # The unknown page falls back to the home page, whose title shows once it has run.
    expect(page.get_by_role("heading", name="Orion", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Nouvelle demande")).to_have_count(0)
    _expect_logged_out_menu(page)


def test_copied_cookie_rejected_after_logout(page, browser, orion_url, accounts_store):
    accounts.create_user(accounts_store, "admin.cookie", Role.ADMIN, PASSWORD)
    _log_in(page, orion_url, "admin.cookie")
    copied = [c for c in page.context.cookies() if c["name"] == "orion_session"]

    before = browser.new_context()
    before.add_cookies(copied)
    replay = before.new_page()
    replay.goto(orion_url)
    # The copy logs in while the session is live, so its rejection below is the logout's.
    expect(_menu_link(replay, "Demandes")).to_be_visible()
    before.close()

    _click(page, "Se déconnecter")
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()

    after = browser.new_context()
    after.add_cookies(copied)
    replay = after.new_page()
    replay.goto(orion_url)
    expect(replay.get_by_role("button", name="Se connecter")).to_be_visible()
    _expect_logged_out_menu(replay)
    expect(replay.get_by_test_id("stSidebar").get_by_text("Connecté")).to_have_count(0)
    after.close()
