"""AppTest runs of the demand form on the real warehouse and a real SQLite store."""

from __future__ import annotations

import pytest

from orion_data import demandes_ui
from orion_data.demandes import service
from orion_data.demandes.referentiel import WarehouseReferentiel

from .demandes_support import (
    ADMIN,
    CURRENT_CAPACITY,
    FORM_PAGE,
    GESTIONNAIRE,
    connected_store,  # noqa: F401 (fixture)
    create_demand,
    fill_form,
    logged_in,
    messages,
    stored,
)

NEW_FORM_KEY = demandes_ui.form_state_key("demande-nouvelle")
# A lycée professionnel of Paris, in région 11, outside the gestionnaire's région 84.
PARIS_UAI = "0750419Y"
PARIS_LYCEE = "Lycee Professionnel Camille Jenatzy"


@pytest.fixture
def form_app(connected_store):
    return logged_in(connected_store, GESTIONNAIRE, FORM_PAGE)


def _save(app):
    return app.button(key="formulaire_enregistrer").click().run()


def test_form_runs_without_exception(form_app):
    assert not form_app.exception
    assert [title.value for title in form_app.title] == ["Nouvelle demande"]


def test_current_capacity_prefilled(form_app):
    fill_form(form_app)
    field = form_app.text_input(key="formulaire_capacite_scolaire_actuelle")
    assert field.value == CURRENT_CAPACITY


def test_search_limited_to_scope(form_app):
    form_app.text_input(key="formulaire_uai_recherche").input(PARIS_UAI).run()
    assert form_app.selectbox(key="formulaire_uai").options == []


def test_national_search_finds_paris(connected_store):
    app = logged_in(connected_store, ADMIN, FORM_PAGE)
    app.text_input(key="formulaire_uai_recherche").input(PARIS_UAI).run()
    assert app.selectbox(key="formulaire_uai").options == [f"{PARIS_UAI} · {PARIS_LYCEE}"]


@pytest.mark.parametrize("typed", ["12,5", "-3", "abc"])
def test_capacity_text_rejected(form_app, connected_store, typed):
    _save(fill_form(form_app, future=typed))
    errors = messages(form_app.error)
    assert f"La capacité scolaire future « {typed} » n'est pas un nombre entier" in errors[0]
    assert stored(connected_store) == []


def test_refused_form_stays_displayed(form_app):
    _save(fill_form(form_app, future="12,5"))
    assert [title.value for title in form_app.title] == ["Nouvelle demande"]
    assert form_app.text_input(key="formulaire_capacite_scolaire_future").value == "12,5"


def test_missing_motif_rejected(form_app, connected_store):
    fill_form(form_app)
    form_app.multiselect(key="formulaire_motifs").set_value([]).run()
    _save(form_app)
    assert "Choisissez au moins un motif pour cette demande." in messages(form_app.error)
    assert stored(connected_store) == []


def test_accepted_form_stored_once(form_app, connected_store):
    _save(fill_form(form_app))
    demandes = stored(connected_store)
    assert len(demandes) == 1
    assert demandes[0].champs.capacites.scolaire_future == 36


def test_accepted_form_opens_detail(form_app, connected_store):
    _save(fill_form(form_app))
    numero = stored(connected_store)[0].numero
    assert [title.value for title in form_app.title] == [f"Demande {numero}"]
    assert any("enregistrée" in text for text in messages(form_app.success))


def test_resubmitted_form_stored_once(connected_store):
    titles = []
    for _ in range(2):
        app = logged_in(connected_store, GESTIONNAIRE, FORM_PAGE)
        app.session_state[NEW_FORM_KEY] = "une-seule-cle"
        _save(fill_form(app))
        titles.append([title.value for title in app.title])
    # Without the key, the second save would be rejected as a duplicate of the first.
    assert titles[1] == titles[0]
    assert len(stored(connected_store)) == 1


def test_second_form_same_offer_rejected(connected_store):
    first = create_demand(connected_store, GESTIONNAIRE)
    app = logged_in(connected_store, GESTIONNAIRE, FORM_PAGE)
    _save(fill_form(app))
    assert any(first.numero in text for text in messages(app.error))
    assert len(stored(connected_store)) == 1


def test_edit_form_prefilled(connected_store):
    demande = create_demand(connected_store, GESTIONNAIRE, observations="Atelier neuf")
    app = logged_in(connected_store, GESTIONNAIRE, FORM_PAGE, {"id": str(demande.id)})
    assert app.text_area(key="formulaire_observations").value == "Atelier neuf"
    assert app.text_input(key="formulaire_capacite_scolaire_future").value == "36"


def test_edit_saves_new_version(connected_store):
    demande = create_demand(connected_store, GESTIONNAIRE)
    app = logged_in(connected_store, GESTIONNAIRE, FORM_PAGE, {"id": str(demande.id)})
    app.text_input(key="formulaire_capacite_scolaire_future").input("40").run()
    _save(app)
    latest = stored(connected_store)[0]
    assert latest.version == 2
    assert latest.champs.capacites.scolaire_future == 40


def test_edit_conflict_saves_nothing(connected_store):
    demande = create_demand(connected_store, GESTIONNAIRE)
    app = logged_in(connected_store, GESTIONNAIRE, FORM_PAGE, {"id": str(demande.id)})
    meanwhile = service.form_from_champs(demande.champs) | {"capacite_scolaire_future": 38}
    admin = connected_store.get_user(ADMIN)
    referentiel = WarehouseReferentiel()
    cle = service.new_form_key()
    service.update_demande(
        connected_store, referentiel, admin, demande.id, demande.version, meanwhile, cle
    )
    app.text_input(key="formulaire_capacite_scolaire_future").input("40").run()
    _save(app)
    latest = stored(connected_store)[0]
    assert latest.champs.capacites.scolaire_future == 38
    assert any("modifiée par admin.test" in text for text in messages(app.error))


def test_edit_of_unknown_id_refused(connected_store):
    app = logged_in(connected_store, GESTIONNAIRE, FORM_PAGE, {"id": "999"})
    assert "La demande 999 est introuvable" in messages(app.error)[0]
    assert not app.text_input


@pytest.mark.parametrize("raw", ["99999999999999999999999", "²", "١"])
def test_edit_bad_id_not_found(connected_store, raw):
    create_demand(connected_store, GESTIONNAIRE)
    app = logged_in(connected_store, GESTIONNAIRE, FORM_PAGE, {"id": raw})
    assert not app.exception
    assert "introuvable" in messages(app.error)[0]
    assert not app.text_area


def test_values_set_again_only_on_first_runs(form_app):
    from orion_data import demande_form_ui

    for _ in range(demande_form_ui.REAPPLIED_RUNS + 1):
        form_app.run()
    assert form_app.session_state["formulaire_relances"] == 0
    assert not form_app.exception
