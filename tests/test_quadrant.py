"""The quadrant of a territory: placement, reasons for "hors quadrant", summaries.

Real cases, checked in tjp-pilotage-history/ij_region_data.csv (millésime 2020_2021, shown
with rentrée 2022, voie scolaire):
- Guadeloupe (code_region 01), CAP "Métiers de la mode - vêtement flou" (MEF 23220024240,
  CFD 50024240): 0 in employment out of 22 leavers, 36 in further study out of 58;
- Île-de-France (code_region 11), CAP "Employé technique de laboratoire" (MEF 23220022002,
  CFD 50022002): 19 leavers, so the file itself publishes no taux d'emploi.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from orion_data import panorama
from orion_data import quadrant as quad

RENTREE = 2022


def _row(**values) -> dict:
    row = {
        "cfd": "40000000", "quadrant": "Q1", "annee_commune": False,
        "taux_emploi_6_mois": 0.5, "nb_sortants": 40.0, "taux_poursuite": 0.5,
        "nb_annee_term": 80.0, "moyenne_emploi": 0.4, "moyenne_poursuite": 0.4,
        "effectif_entree": 30.0, "nombre_eleves": 90.0,
    }
    row.update(values)
    return row


def _reasons(*rows: dict) -> list:
    frame = pd.DataFrame(list(rows))
    return [None if pd.isna(value) else value for value in quad.raisons(frame)]


@pytest.fixture(scope="module")
def guadeloupe_cap(warehouse):
    rows = quad.points(panorama.territoire("01"), RENTREE, "500")
    return rows.set_index("cfd")


@pytest.fixture(scope="module")
def ile_de_france_cap(warehouse):
    rows = quad.points(panorama.territoire("11"), RENTREE, "500")
    return rows.set_index("cfd")


def test_placed_row_has_no_reason():
    assert _reasons(_row()) == [None]


def test_19_sortants_is_few():
    row = _row(quadrant="hors quadrant", taux_emploi_6_mois=None, nb_sortants=19.0)
    assert _reasons(row) == [quad.MOINS_DE_20]


def test_19_in_final_year_is_few():
    row = _row(quadrant="hors quadrant", taux_poursuite=None, nb_annee_term=19.0)
    assert _reasons(row) == [quad.MOINS_DE_20]


def test_no_insertion_rows_is_no_data():
    row = _row(quadrant="hors quadrant", taux_emploi_6_mois=None, nb_sortants=None,
               taux_poursuite=None, nb_annee_term=None)
    assert _reasons(row) == [quad.SANS_DONNEES]


def test_common_year_comes_first():
    row = _row(quadrant="hors quadrant", annee_commune=True, taux_emploi_6_mois=None,
               nb_sortants=None, taux_poursuite=None, nb_annee_term=None)
    assert _reasons(row) == [quad.ANNEE_COMMUNE]


def test_missing_mean_is_reported():
    row = _row(quadrant="hors quadrant", moyenne_emploi=None)
    assert _reasons(row) == [quad.SANS_MOYENNE]


def test_other_missing_rate():
    row = _row(quadrant="hors quadrant", taux_emploi_6_mois=None, nb_sortants=25.0)
    assert _reasons(row) == [quad.NON_PUBLIE]


def test_zero_emploi_above_mean_poursuite_is_q3(guadeloupe_cap):
    row = guadeloupe_cap.loc["50024240"]
    assert row["taux_emploi_6_mois"] == 0.0
    assert row["nb_sortants"] == 22
    assert row["taux_poursuite"] == pytest.approx(36 / 58)
    assert row["taux_poursuite"] > row["moyenne_poursuite"]
    assert row["quadrant"] == "Q3"
    assert row["raison"] is None or (isinstance(row["raison"], float)
                                     and math.isnan(row["raison"]))


def test_19_sortants_real_case(ile_de_france_cap):
    row = ile_de_france_cap.loc["50022002"]
    assert row["nb_sortants"] == 19
    assert row["quadrant"] == "hors quadrant"
    assert row["raison"] == quad.MOINS_DE_20


def test_19_sortants_counted_in_summary(ile_de_france_cap):
    summary = quad.resume_hors_quadrant(ile_de_france_cap.reset_index()).set_index("raison")
    assert summary.loc[quad.MOINS_DE_20, "formations"] >= 1
    assert list(summary.index) == [r for r in quad.RAISONS if r in summary.index]


def test_summary_counts_every_hors_row(ile_de_france_cap):
    rows = ile_de_france_cap.reset_index()
    summary = quad.resume_hors_quadrant(rows)
    assert summary["formations"].sum() == (rows["quadrant"] == "hors quadrant").sum()


def test_points_of_one_niveau(ile_de_france_cap):
    assert set(ile_de_france_cap["niveau_diplome"]) == {"500"}


def test_sizes_come_from_the_constat(ile_de_france_cap):
    assert set(ile_de_france_cap["rentree_constat"]) == {quad.rentree_constat(RENTREE)}
    assert ile_de_france_cap.loc["50022002", "effectif_entree"] > 0


def test_common_year_found_in_mef(warehouse):
    communes = quad.formations_annee_commune()
    # The seconde commune of the famille "artisanat et métiers d'art" (bac pro en 3 ans).
    assert ("40022404", "247") in communes
    assert ("40022403", "247") not in communes


def test_common_year_row_is_hors_quadrant(warehouse):
    rows = quad.points(panorama.territoire("84"), RENTREE, "400").set_index("cfd")
    row = rows.loc["40022404"]
    assert row["quadrant"] == "hors quadrant"
    assert row["raison"] == quad.ANNEE_COMMUNE


def test_bands_include_non_calculable(warehouse):
    rows = quad.points(panorama.territoire("84"), RENTREE)
    assert set(rows["bande"]) <= set(quad.BANDES)
    assert rows["bande"].notna().all()


def test_departement_uses_region_rates(warehouse):
    departement = quad.points(panorama.territoire(None, "069"), RENTREE, "400")
    region = quad.points(panorama.territoire("84"), RENTREE, "400").set_index("cfd")
    placed = quad.places(departement).set_index("cfd")
    assert not placed.empty
    for cfd, row in placed.iterrows():
        assert row["taux_emploi_6_mois"] == pytest.approx(region.loc[cfd, "taux_emploi_6_mois"])


def test_minimum_effectif_filter():
    rows = pd.DataFrame([_row(effectif_entree=5.0), _row(effectif_entree=50.0),
                         _row(effectif_entree=None)])
    assert len(quad.filtrer_effectif(rows, 0)) == 3
    assert len(quad.filtrer_effectif(rows, 20)) == 1


def test_constat_rentree_none_before_data(warehouse):
    assert quad.rentree_constat(1990) is None
