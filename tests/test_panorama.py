"""Key figures, map values and history of a territory, on the real warehouse.

The Bretagne figures were computed by hand from the raw files with a separate script that
reads only data/raw (csv module, no orion_data code):
- pupils: Parcoursup_ISD/fr-en-lycee_pro-effectifs-niveau-sexe-lv.csv, rentrée 2022, UAIs of
  départements 022, 029, 035 and 056: Σ nombre_d_eleves = 28 326, Σ (2ndes_pro +
  cap_1ere_annee) = 10 610;
- taux de pression: tjp-pilotage/2022/attractivite_capacite_2022.csv, offers summed per
  UAI × MEF × statut, capacity kept in 5..500: Σ vœux 1 = 14 554, Σ capacité = 13 832;
- taux de remplissage: per UAI, Σ capacité of the scolaire MEFs 2381… and 2321… over the
  UAIs with pupils: 6 433 entrants / 6 666 places;
- formations: distinct CFD × dispositif (nMef.csv) of the Affelnet 2022 offers and the
  Parcoursup 2022 BTS offers: 241;
- InserJeunes: tjp-pilotage-history/ij_region_data.csv, millésime 2020_2021, code_region 53,
  voie scolaire: 6 454 in employment / 13 623 leavers, 16 448 in further study / 30 071 in the
  final year, 22 902 favourable / 30 071;
- chômage: tjp-pilotage/chomage_regional_INSEE.csv, région 53, 2023: 6,1.
"""

from __future__ import annotations

import pytest

from orion_data import kpis, nomenclatures, panorama
from orion_data.errors import NotFound

RENTREE = 2022


@pytest.fixture(scope="module")
def bretagne(warehouse):
    figures = panorama.chiffres_cles(panorama.territoire("53"), RENTREE)
    return {chiffre.key: chiffre for chiffre in figures}


@pytest.fixture(scope="module")
def finistere(warehouse):
    figures = panorama.chiffres_cles(panorama.territoire(None, "029"), RENTREE)
    return {chiffre.key: chiffre for chiffre in figures}


def test_key_figures_order(bretagne):
    assert list(bretagne) == list(panorama.CHIFFRES_CLES)


def test_bretagne_pupils(bretagne):
    assert bretagne["nombre_eleves"].territoire.valeur == 28326
    assert bretagne["effectif_entree"].territoire.valeur == 10610


def test_bretagne_formations(bretagne):
    assert bretagne["formations"].territoire.valeur == 241


def test_bretagne_pression(bretagne):
    figure = bretagne["taux_pression"].territoire
    assert figure.valeur == pytest.approx(14554 / 13832)
    assert figure.denominateur == 13832
    assert figure.periode == "rentrée 2022"


def test_bretagne_remplissage(bretagne):
    figure = bretagne["taux_remplissage"].territoire
    assert figure.valeur == pytest.approx(6433 / 6666)
    assert figure.denominateur == 6666


def test_bretagne_emploi(bretagne):
    figure = bretagne["taux_emploi_6_mois"].territoire
    assert figure.valeur == pytest.approx(6454 / 13623)
    assert figure.denominateur == 13623
    assert figure.periode.startswith("millésime 2020-2021")


def test_bretagne_poursuite(bretagne):
    figure = bretagne["taux_poursuite"].territoire
    assert figure.valeur == pytest.approx(16448 / 30071)
    assert figure.denominateur == 30071


def test_bretagne_devenir_favorable(bretagne):
    assert bretagne["taux_devenir_favorable"].territoire.valeur == pytest.approx(22902 / 30071)


def test_bretagne_chomage(bretagne):
    figure = bretagne["taux_chomage"].territoire
    assert figure.valeur == pytest.approx(6.1)
    assert figure.periode == "année 2023"


def test_region_rates_are_not_regional(bretagne):
    assert not any(chiffre.regional for chiffre in bretagne.values())


def test_france_is_larger(bretagne):
    for key in ("nombre_eleves", "effectif_entree", "formations"):
        assert bretagne[key].france.valeur > bretagne[key].territoire.valeur, key


def test_france_has_no_chomage(bretagne):
    assert bretagne["taux_chomage"].france.valeur is None


def test_departement_exit_rates_are_regional(finistere):
    for key in panorama.SORTIE:
        assert finistere[key].regional, key


def test_departement_entry_figures_are_own(finistere):
    for key in ("nombre_eleves", "effectif_entree", "formations", "taux_pression"):
        assert not finistere[key].regional, key


def test_departement_shows_region_rates(finistere, bretagne):
    for key in panorama.SORTIE:
        assert finistere[key].territoire.valeur == bretagne[key].territoire.valeur, key


def test_departement_has_fewer_pupils(finistere, bretagne):
    departement = finistere["nombre_eleves"].territoire.valeur
    assert 0 < departement < bretagne["nombre_eleves"].territoire.valeur


def test_territoire_of_departement(warehouse):
    lieu = panorama.territoire("84", "029")
    assert lieu.code_region == "53"
    assert lieu.maille == "departement"
    assert lieu.libelle == "Finistère (029)"


def test_unknown_region_raises(warehouse):
    with pytest.raises(NotFound, match="99"):
        panorama.territoire("99")


def test_unknown_departement_raises(warehouse):
    with pytest.raises(NotFound, match="0ZZ"):
        panorama.territoire(None, "0ZZ")


def test_map_values_per_region(warehouse):
    values = panorama.valeurs_carte("region", "taux_pression", RENTREE).set_index("code")
    assert values.loc["53", "valeur"] == pytest.approx(14554 / 13832)
    assert values.loc["53", "denominateur"] == 13832
    assert not values["regional"].any()


def test_map_exit_rates_per_departement(warehouse):
    values = panorama.valeurs_carte("departement", "taux_emploi_6_mois", RENTREE)
    values = values.set_index("code")
    assert len(values) == 101
    assert values["regional"].all()
    assert values.loc["029", "valeur"] == pytest.approx(6454 / 13623)


def test_map_chomage_per_departement(warehouse):
    values = panorama.valeurs_carte("departement", "taux_chomage", RENTREE).set_index("code")
    assert values.loc["029", "valeur"] > 0
    assert values["denominateur"].isna().all()


def test_map_rejects_unknown_indicator(warehouse):
    with pytest.raises(ValueError, match="invalid map indicator"):
        panorama.valeurs_carte("region", "taux_emploi; DROP TABLE x", RENTREE)


def test_map_rejects_unknown_maille(warehouse):
    with pytest.raises(ValueError, match="invalid maille"):
        panorama.valeurs_carte("commune", "taux_pression", RENTREE)


def test_history_covers_every_millesime(warehouse):
    history = panorama.historique(panorama.territoire("53"))
    millesimes = sorted(history["millesime"].unique())
    assert millesimes == ["2019_2020", "2020_2021", "2021_2022", "2022_2023"]
    assert set(history["territoire"]) == {"Bretagne", "France"}
    assert len(history) == 4 * 2 * 2


def test_history_matches_key_figures(warehouse):
    history = panorama.historique(panorama.territoire("53"))
    row = history[(history["millesime"] == "2020_2021") & (history["territoire"] == "Bretagne")
                  & (history["indicateur"] == "taux_emploi_6_mois")].iloc[0]
    assert row["valeur"] == pytest.approx(6454 / 13623)
    assert row["denominateur"] == 13623


def test_map_without_millesime_is_empty(warehouse):
    # Rentrée 2020 shows millésime 2018_2019, absent from the regional InserJeunes file.
    values = panorama.valeurs_carte("departement", "taux_poursuite", 2020)
    assert len(values) == 101
    assert values["valeur"].isna().all()
    assert set(values["periode"]) == {"millésime 2018-2019"}


def _direct_figures(lieu, rentree, voie="scolaire"):
    """Return the key figures of one territory from the single-territory queries of kpis."""
    millesime = panorama.millesime_de(rentree)
    figures = (kpis.offre(lieu.code_region, lieu.code_departement, rentree)
               + kpis.eleves(lieu.code_region, lieu.code_departement)
               + kpis.insertion(lieu.code_region, millesime, voie))
    by_key = {figure.key: figure for figure in figures}
    by_key["taux_chomage"] = kpis.chomage(lieu.maille, lieu.code)
    return by_key


def _every_territory():
    regions = [panorama.territoire(code) for code in nomenclatures.regions()["code_region"]]
    departements = [panorama.territoire(None, code)
                    for code in nomenclatures.departements()["code_departement"]]
    return regions + departements


@pytest.mark.parametrize("rentree", [2020, 2022, 2024])
def test_key_figures_equal_direct_queries(warehouse, rentree):
    for lieu in _every_territory():
        expected = _direct_figures(lieu, rentree)
        for chiffre in panorama.chiffres_cles(lieu, rentree):
            assert chiffre.territoire == expected[chiffre.key], (lieu.code, chiffre.key)


def test_history_equals_direct_query(warehouse):
    for code in nomenclatures.regions()["code_region"]:
        lieu = panorama.territoire(code)
        history = panorama.historique(lieu)
        direct = kpis.insertion_par_millesime(code)
        mine = history[(history["territoire"] == lieu.libelle_region)
                       & (history["indicateur"] == "taux_poursuite")]
        assert mine["millesime"].tolist() == direct["millesime"].tolist(), code
        assert mine["valeur"].tolist() == direct["taux_poursuite"].tolist(), code
        assert mine["denominateur"].tolist() == direct["nb_annee_term"].tolist(), code


def test_formations_2020_count_constat_offers(warehouse):
    from orion_data import console
    from orion_data.console import ConsoleFilters

    figures = {c.key: c for c in panorama.chiffres_cles(panorama.territoire("11"), 2020)}
    rows = console.console(ConsoleFilters(rentree=2020, code_region="11"))
    assert figures["formations"].territoire.valeur == len(rows)
    assert figures["formations"].territoire.valeur == 370
