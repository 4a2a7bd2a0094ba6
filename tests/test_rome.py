"""The ROME catalogue on the real warehouse."""

from __future__ import annotations

import pytest

from orion_data import rome


@pytest.mark.parametrize("texte", ["electricien du batiment", "ÉLECTRICIEN DU BÂTIMENT", "f1602"])
def test_search_ignores_accents(warehouse, texte):
    assert "F1602" in set(rome.rechercher_metiers(texte)["code_rome"])


def test_search_empty_lists_all(warehouse):
    assert len(rome.rechercher_metiers("", limite=1000)) == 609


def test_search_unknown_word(warehouse):
    assert rome.rechercher_metiers("zzzz").empty


def test_evolution_of_cuisine(warehouse):
    # G1602 maps to S1Z40 alone, which evol_tensions.csv gives from 2011 to 2019.
    evolution = rome.evolution_tension("G1602")
    assert set(evolution["fap"]) == {"S1Z40"}
    assert evolution["annee"].tolist() == list(range(2011, 2020))
    assert evolution["tension"].iloc[0] == pytest.approx(0.748310103975444)


def test_tension_year(warehouse):
    assert rome.annee_tension() == 2019
