"""The panorama of one établissement, on the real warehouse.

The header values were read by hand in the raw files:
- lycée 0010001W, trajectoires-pro/depp-2022-etablissements-2022_2023-pro.csv, line
  "ensemble;54;51;41;10;54;23;23" (poursuite 54, emploi 51, attendu 41, valeur ajoutée 10,
  parts 54 / 23 / 23), and in the 2021_2022 file "ensemble;57;54;45;9;57;23;20";
- CFA 0010826T, AnalyseCFA-DonneesInserJeunes/fr-en-inserjeunes-cfa.csv, "cumul 2023-2024":
  parts 46 / 36, poursuite 46, emploi 67, valeur ajoutée 2; "cumul 2022-2023": parts 42 / 41,
  poursuite 42, emploi 70, valeur ajoutée 1;
- identity of 0010001W: comparateur-lycees/lycees.json ("Lycee Professionnel Alexandre
  Berard", "Amberieu En Bugey", Ain, public, 45.97496540033305, 5.350240210822939).
"""

from __future__ import annotations

import numpy as np
import pytest

from orion_data import etablissement, geo, nomenclatures
from orion_data.errors import NotFound

BERARD = "0010001W"
CFA = "0010826T"


@pytest.fixture(scope="module")
def berard(warehouse):
    return etablissement.fiche(BERARD)


@pytest.fixture(scope="module")
def berard_offres(warehouse):
    return etablissement.offres(BERARD)


def _header(uai: str) -> dict:
    frame = etablissement.insertion(uai)
    return {row["key"]: row for _, row in frame.iterrows()}


def test_identity(berard):
    assert berard.libelle == "Lycee Professionnel Alexandre Berard"
    assert berard.commune == "Amberieu En Bugey"
    assert berard.code_departement == "001"
    assert berard.libelle_departement == "Ain"
    assert berard.secteur == "public"
    assert berard.code_region == "84"
    assert berard.latitude == pytest.approx(45.97496540033305)
    assert berard.longitude == pytest.approx(5.350240210822939)


def test_unknown_uai_raises(warehouse):
    with pytest.raises(NotFound, match="0000000Z"):
        etablissement.fiche("0000000Z")


def test_lowercase_uai_is_found(warehouse):
    assert etablissement.fiche("0010001w").uai == BERARD


@pytest.mark.parametrize(
    ("key", "valeur", "precedent", "evolution"),
    [("valeur_ajoutee", 10, 9, 1), ("taux_emploi_6_mois", 51, 54, -3),
     ("taux_poursuite", 54, 57, -3), ("taux_devenir_favorable", 77, 80, -3)],
)
def test_lycee_header(warehouse, key, valeur, precedent, evolution):
    row = _header(BERARD)[key]
    assert row["valeur"] == valeur
    assert row["precedent"] == precedent
    assert row["evolution"] == evolution


def test_lycee_header_period(warehouse):
    row = _header(BERARD)["taux_emploi_6_mois"]
    assert row["millesime"] == "2022_2023"
    assert row["millesime_precedent"] == "2021_2022"
    assert row["type_etablissement"] == "lycee"
    assert row["champ"] == "ensemble"


@pytest.mark.parametrize(
    ("key", "valeur", "evolution"),
    [("valeur_ajoutee", 2, 1), ("taux_emploi_6_mois", 67, -3), ("taux_poursuite", 46, 4),
     ("taux_devenir_favorable", 82, -1)],
)
def test_cfa_header(warehouse, key, valeur, evolution):
    row = _header(CFA)[key]
    assert row["valeur"] == valeur
    assert row["evolution"] == evolution
    assert row["millesime"] == "2023_2024"
    assert row["type_etablissement"] == "cfa"


def test_header_empty_without_insertion(warehouse):
    assert etablissement.insertion("0000000Z").empty


def test_search_by_name_part(warehouse):
    found = etablissement.rechercher("alexandre ber")
    assert BERARD in set(found["uai"])


def test_search_ignores_accents_and_case(warehouse):
    for text in ("Bérard", "BERARD", "bérard"):
        assert BERARD in set(etablissement.rechercher(text)["uai"]), text


def test_search_by_commune(warehouse):
    assert BERARD in set(etablissement.rechercher("Ambérieu-en-Bugey")["uai"])


def test_search_by_uai_comes_first(warehouse):
    assert etablissement.rechercher("0010001w")["uai"].iloc[0] == BERARD


def test_search_needs_three_characters(warehouse):
    assert etablissement.rechercher("be").empty
    assert etablissement.rechercher("   ").empty


def test_search_words_in_any_field(warehouse):
    found = etablissement.rechercher("berard amberieu")
    assert list(found["uai"]) == [BERARD]


def test_search_text_is_a_parameter(warehouse):
    found = etablissement.rechercher("x'; DROP TABLE etablissements; --")
    assert found.empty
    assert etablissement.fiche(BERARD).uai == BERARD


def test_search_punctuation_matches_nothing(warehouse):
    assert etablissement.rechercher("%%%").empty


def test_search_limit(warehouse):
    assert len(etablissement.rechercher("lycee", limite=5)) == 5


def test_offers_cover_several_rentrees(berard_offres):
    assert set(berard_offres["rentree"]) <= set(nomenclatures.rentrees())
    assert berard_offres["rentree"].nunique() >= 2
    assert (berard_offres["uai"] == BERARD).all()


def test_offers_newest_first(berard_offres):
    assert berard_offres["rentree"].is_monotonic_decreasing


def test_offers_carry_regional_exit_rates(berard_offres):
    rates = berard_offres[berard_offres["taux_emploi_6_mois"].notna()]
    assert not rates.empty
    assert set(rates["code_region_insertion"]) == {"84"}


def test_default_rentree_of_offers(berard_offres):
    assert etablissement.rentree_des_offres(berard_offres) == nomenclatures.rentree_par_defaut()


def test_neighbours_sorted_by_distance(berard, berard_offres):
    rentree = etablissement.rentree_des_offres(berard_offres)
    cfds = sorted(set(berard_offres.loc[berard_offres["rentree"] == rentree, "cfd"]))
    neighbours = etablissement.voisins(berard, rentree, cfds)
    distances = neighbours["distance_km"].dropna()
    assert BERARD not in set(neighbours["uai"])
    assert distances.is_monotonic_increasing
    assert neighbours["distance_km"].isna().sum() > 0
    assert np.isnan(neighbours["distance_km"].iloc[-1])


def test_neighbour_distance_is_haversine(berard, berard_offres):
    rentree = etablissement.rentree_des_offres(berard_offres)
    cfds = sorted(set(berard_offres["cfd"]))
    nearest = etablissement.voisins(berard, rentree, cfds).iloc[0]
    expected = geo.haversine_km(berard.latitude, berard.longitude, nearest["latitude"],
                                nearest["longitude"])
    assert nearest["distance_km"] == pytest.approx(expected)
    assert nearest["formations_communes"] >= 1


def test_neighbours_share_a_formation(berard):
    neighbours = etablissement.voisins(berard, nomenclatures.rentree_par_defaut(), ["50025524"])
    assert (neighbours["formations_communes"] == 1).all()
    assert neighbours["libelles_formations"].str.contains("ELECTRICIEN").all()


def test_no_formation_no_neighbour(berard):
    assert etablissement.voisins(berard, nomenclatures.rentree_par_defaut(), []).empty


def test_school_without_coordinates(berard):
    lost = etablissement.Fiche(BERARD, "x", None, None, None, None, None, None, None)
    neighbours = etablissement.voisins(lost, nomenclatures.rentree_par_defaut(), ["50025524"])
    assert not neighbours.empty
    assert np.isnan(neighbours["distance_km"]).all()
