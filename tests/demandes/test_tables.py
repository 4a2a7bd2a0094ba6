"""Demands as DataFrames, and their CSV export with formula cells neutralised."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from factories import ADMIN, UAI_2, create, move

from orion_data import exports
from orion_data.demandes import queries, service, tables
from orion_data.demandes.model import Statut


def test_frame_has_every_header(store, referentiel, campagne):
    frame = tables.demandes_frame([create(store, referentiel)])
    assert list(frame.columns) == ["id", *tables.HEADERS]


def test_frame_uses_french_labels(store, referentiel, campagne):
    row = tables.demandes_frame([create(store, referentiel)]).iloc[0]
    assert row["statut"] == "Proposition"
    assert row["type_demande"] == "Augmentation"
    assert row["motifs"] == "Besoin de recrutement local des entreprises"


def test_frame_times_in_paris(store, referentiel, campagne):
    row = tables.demandes_frame([create(store, referentiel)]).iloc[0]
    # The fake clock is 10:00 UTC on 15 March 2026, 11:00 in Paris (winter time).
    assert row["cree_le"] == datetime(2026, 3, 15, 11, 0)


def test_frame_names_original(store, referentiel, campagne):
    first = create(store, referentiel)
    copy = replace(create(store, referentiel, uai=UAI_2), demande_origine_id=first.id)
    frame = tables.demandes_frame([first, copy])
    assert list(frame["demande_origine"]) == ["", first.numero]


def test_frame_names_school_and_formation(store, referentiel, campagne):
    demande = create(store, referentiel)
    libelles = referentiel.libelles([demande.champs.uai], [demande.champs.cfd])
    row = tables.demandes_frame([demande], libelles).iloc[0]
    assert row["libelle_etablissement"] == "Lycée des métiers Alpha"
    assert row["libelle_formation"] == "Bac pro commerce"


def test_frame_without_names_is_empty(store, referentiel, campagne):
    row = tables.demandes_frame([create(store, referentiel)]).iloc[0]
    assert row["libelle_etablissement"] == ""
    assert row["libelle_formation"] == ""


def test_fields_frame_is_text(store, referentiel, campagne):
    demande = create(store, referentiel, ami_cma=True, observations="**gras**")
    fields = tables.fields_frame(demande)
    values = dict(zip(fields["Champ"], fields["Valeur"], strict=True))
    assert values["AMI / CMA"] == "oui"
    assert values["Observations"] == "**gras**"
    assert values["Créée le"] == "15/03/2026 11:00"


def test_counts_frame_in_workflow_order(store, referentiel, campagne):
    demandes = [create(store, referentiel)]
    frame = tables.counts_frame(queries.count_by_statut(demandes))
    assert list(frame["Statut"])[:2] == ["Brouillon", "Proposition"]
    assert list(frame["Nombre"])[:2] == [0, 1]


def test_transitions_frame(store, referentiel, campagne):
    demande = move(store, create(store, referentiel), Statut.DOSSIER_COMPLET)
    frame = tables.transitions_frame(store.list_transitions(demande.id))
    assert list(frame["De"]) == ["", "Proposition"]
    assert list(frame["Vers"]) == ["Proposition", "Dossier complet"]


def test_versions_frame_headers(store, referentiel, campagne):
    demande = move(store, create(store, referentiel), Statut.DOSSIER_COMPLET)
    frame = tables.versions_frame(store.list_versions(demande.id))
    assert list(frame["Version"]) == [1, 2]
    assert list(frame["Statut"]) == ["Proposition", "Dossier complet"]


def test_avis_frame_labels(store, referentiel, campagne):
    demande = create(store, referentiel)
    service.give_avis(store, ADMIN, demande.id, "prealable", "defavorable", "Non", True,
        cle=service.new_form_key(),
    )
    row = tables.avis_frame(store.list_avis(demande.id)).iloc[0]
    assert row["Type"] == "Préalable"
    assert row["Avis"] == "Défavorable"
    assert row["Commentaire"] == "Non"
    assert row["Restreint"]


def test_csv_export_neutralises_formula(store, referentiel, campagne):
    demande = create(store, referentiel, observations="=HYPERLINK(\"http://x\")")
    frame = tables.demandes_frame([demande])
    text = exports.to_csv_bytes(frame, {"numero": "Numéro", "observations": "Observations"})
    lines = text.decode("utf-8-sig").split("\r\n")
    assert lines[1] == f'{demande.numero};"\'=HYPERLINK(""http://x"")"'
