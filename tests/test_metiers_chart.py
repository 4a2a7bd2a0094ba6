"""The métiers chart and the export form of its table, on small synthetic frames."""

from __future__ import annotations

import math

import pandas as pd

from orion_data import metiers, metiers_chart, metiers_table


def _rows(effectif=(None, None, None)) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cfd": ["1", "2", "3"],
            "libelle_formation": ["A", "B", "C"],
            "libelle_dispositif": ["X", "X", None],
            "statut": [metiers.EN_TENSION, metiers.PEU_EN_TENSION, metiers.SANS_METIER],
            "quadrant": ["Q1", "hors quadrant", "hors quadrant"],
            "tension_moyenne": [0.8, -0.3, None],
            "part_metiers_en_tension": [1.0, 0.25, None],
            "nb_metiers": [2, 4, 0],
            "taux_emploi_6_mois": [0.55, 0.4, 0.3],
            "taux_poursuite": [0.3, 0.5, None],
            "taux_pression": [0.6, 1.5, None],
            "effectif_entree": list(effectif),
            "capacite": [24.0, 30.0, 12.0],
        }
    )


def test_points_need_tension_and_emploi():
    assert metiers_chart.points(_rows())["cfd"].tolist() == ["1", "2"]


def test_size_falls_back_to_capacite():
    assert metiers_chart.taille(_rows()) == "capacite"


def test_size_prefers_effectif():
    assert metiers_chart.taille(_rows(effectif=(20, 28, None))) == "effectif_entree"


def test_chart_encodings():
    spec = metiers_chart.nuage_spec(_rows())
    assert spec["mark"]["type"] == "circle"
    assert spec["encoding"]["x"]["field"] == "tension_moyenne"
    assert spec["encoding"]["y"]["field"] == "taux_emploi_6_mois"
    assert spec["encoding"]["size"]["field"] == "capacite"
    assert len(spec["encoding"]["tooltip"]) == 11


def test_chart_spec_without_rows():
    spec = metiers_chart.nuage_spec(_rows())
    assert "data" not in spec
    assert "datasets" not in spec


def test_chart_without_size():
    rows = _rows().assign(capacite=None)
    assert "size" not in metiers_chart.nuage_spec(rows)["encoding"]


def test_chart_rows_are_placed_formations():
    data = metiers_chart.nuage_data(_rows())
    assert data["libelle_formation"].tolist() == ["A", "B"]
    assert data["capacite"].tolist() == [24.0, 30.0]
    assert data["statut"].tolist() == [metiers.EN_TENSION, metiers.PEU_EN_TENSION]


def test_export_share_in_percent():
    frame = metiers_table.for_export(_rows(), ["part_metiers_en_tension", "tension_moyenne"])
    assert frame["part_metiers_en_tension"].tolist()[:2] == [100.0, 25.0]
    assert math.isnan(frame["part_metiers_en_tension"].iloc[2])
    assert frame["tension_moyenne"].tolist()[:2] == [0.8, -0.3]


def test_export_headers_mark_percent():
    headers = metiers_table.export_headers(["part_metiers_en_tension", "taux_emploi_6_mois"])
    assert headers == {
        "part_metiers_en_tension": "Part des métiers en tension (%)",
        "taux_emploi_6_mois": "Taux d'emploi à 6 mois (%)",
    }
