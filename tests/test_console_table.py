"""The console cells as French text, on a small synthetic table of edge cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from orion_data import console_table

NNBSP = "\u202f"


@pytest.fixture
def rows():
    return pd.DataFrame(
        {
            "libelle_formation": ["Cuisine (CAP)", "Logistique", None, "Vente"],
            "effectif_entree": [176606.0, 0.0, np.nan, 12.0],
            "taux_pression": [1.1, 0.0, np.nan, 2.345],
            "taux_emploi_6_mois": [0.553, 0.0, np.nan, np.nan],
            "nb_sortants": [200.0, 25.0, 12.0, 0.0],
            "taux_poursuite": [np.nan, 1.0, np.nan, 0.25],
            "nb_annee_term": [19.0, 30.0, np.nan, 40.0],
            "valeur_ajoutee": pd.array([3, -2, 0, None], dtype="Int32"),
        }
    )


def _text(rows, column):
    return console_table.as_text(rows, [column])[column].tolist()


def test_rate_as_percent(rows):
    assert _text(rows, "taux_emploi_6_mois")[:2] == [f"55,3{NNBSP}%", f"0,0{NNBSP}%"]


def test_rate_below_threshold_gives_reason(rows):
    assert _text(rows, "taux_emploi_6_mois")[2] == "< 20 sortants"


def test_rate_with_zero_denominator_not_computable(rows):
    assert _text(rows, "taux_emploi_6_mois")[3] == "non calculable"


def test_poursuite_reason_counts_eleves(rows):
    assert _text(rows, "taux_poursuite")[0] == "< 20 élèves"


def test_poursuite_without_count_not_computable(rows):
    assert _text(rows, "taux_poursuite")[2] == "non calculable"


def test_ratio_two_decimals(rows):
    assert _text(rows, "taux_pression") == ["1,10", "0,00", "non calculable", "2,35"]


def test_count_thousands_separator(rows):
    assert _text(rows, "effectif_entree") == [f"176{NNBSP}606", "0", "", "12"]


def test_valeur_ajoutee_signed(rows):
    assert _text(rows, "valeur_ajoutee") == ["+3 pts", "-2 pts", "+0 pts", ""]


def test_text_column_kept(rows):
    assert _text(rows, "libelle_formation") == ["Cuisine (CAP)", "Logistique", "", "Vente"]


def test_columns_in_requested_order(rows):
    text = console_table.as_text(rows, ["taux_pression", "libelle_formation"])
    assert list(text.columns) == ["taux_pression", "libelle_formation"]


def test_index_kept(rows):
    shuffled = rows.iloc[[2, 0, 3, 1]]
    text = console_table.as_text(shuffled, ["effectif_entree"])
    assert text.index.tolist() == [2, 0, 3, 1]
    assert text.loc[0, "effectif_entree"] == f"176{NNBSP}606"


def test_empty_table(rows):
    text = console_table.as_text(rows.iloc[0:0], ["taux_pression", "effectif_entree"])
    assert text.empty
    assert list(text.columns) == ["taux_pression", "effectif_entree"]
