"""The métiers rules on synthetic rows, and the CFD → ROME → FAP → tension joins on real data.

The real values below were read from the raw files with awk: `Code_Rome_1..5` of
`tjp-pilotage/certif_info.csv` for the CFD, `dares-portrait-stat-metiers/fap225_rome.csv`
for the FAP families, and the `Tension ` and `Catégorie Tension` columns of
`dares-portrait-stat-metiers/tensions.csv`.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from orion_data import console, metiers
from orion_data.errors import ValidationError
from orion_data.metiers import Territoire

FRANCE = Territoire()
AUVERGNE_RHONE_ALPES = Territoire("region", "84")
RHONE = Territoire("departement", "069")
PARIS = Territoire("departement", "075")
MAYOTTE = Territoire("departement", "976")

CUISINE = "40022106"  # Bac pro cuisine: G1601 → S1Z80, G1602 → S1Z40
LOGISTIQUE = "40031106"  # Bac pro logistique: N1103 → J0Z20, J1Z40, J1Z80 and N1303 → J4Z80
SECONDE_ASSP = "40033005"  # 2nde commune ASSP: absent from Certif Info
BRONZIER = "50022349"  # CAP bronzier option A: B1601, B1603 → K0Z20, K0Z40, never published


def _value(expression: str, **columns):
    """Evaluate a SQL expression over one synthetic row whose columns are given."""
    con = duckdb.connect()
    names = ", ".join(f"${name} AS {name}" for name in columns)
    return con.execute(f"SELECT {expression} FROM (SELECT {names})", columns).fetchone()[0]


# --- Rules on synthetic rows -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("categorie", "expected"), [(1, False), (3, False), (4, True), (5, True), (None, None)]
)
def test_famille_threshold(categorie, expected):
    sql = metiers.famille_en_tension("categorie")
    assert _value(f"{sql}", categorie=categorie) is expected


@pytest.mark.parametrize(
    ("en_tension", "connues", "expected"),
    [(0, 0, None), (0, 1, False), (1, 1, True), (1, 2, True), (1, 3, False), (2, 3, True)],
)
def test_metier_at_least_half(en_tension, connues, expected):
    sql = metiers.metier_en_tension("en_tension", "connues")
    assert _value(sql, en_tension=en_tension, connues=connues) is expected


@pytest.mark.parametrize(
    ("nb_metiers", "connus", "en_tension", "expected"),
    [
        (0, 0, 0, metiers.SANS_METIER),
        (3, 0, 0, metiers.TENSION_INCONNUE),
        (2, 2, 1, metiers.EN_TENSION),
        (4, 3, 1, metiers.PEU_EN_TENSION),
        (5, 4, 2, metiers.EN_TENSION),
        (3, 3, 0, metiers.PEU_EN_TENSION),
    ],
)
def test_statut_formation(nb_metiers, connus, en_tension, expected):
    sql = metiers.statut_formation("nb_metiers", "connus", "en_tension")
    assert _value(sql, nb_metiers=nb_metiers, connus=connus, en_tension=en_tension) == expected


@pytest.mark.parametrize(
    ("en_tension", "eco", "num", "demo", "expected"),
    [
        (True, "Emploi Vert", None, None, True),
        (True, None, "O", None, True),
        (True, None, "N", "O", True),
        (True, None, "N", "N", False),
        (True, None, None, None, False),
        (False, "Emploi Vert", "O", "O", False),
        (None, "Emploi Vert", None, None, None),
    ],
)
def test_metier_avenir(en_tension, eco, num, demo, expected):
    sql = metiers.metier_avenir("en_tension", "eco", "num", "demo")
    values = {"en_tension": en_tension, "eco": eco, "num": num, "demo": demo}
    assert _value(sql, **values) is expected


def test_lecture_pairs_status_and_pressure():
    statut = pd.Series([metiers.EN_TENSION, metiers.EN_TENSION, metiers.PEU_EN_TENSION,
                        metiers.PEU_EN_TENSION, metiers.SANS_METIER])
    bande = pd.Series(["< 0,7", "≥ 1,3", "≥ 1,3", None, "< 0,7"])
    assert metiers.lecture(statut, bande).tolist() == [
        metiers.RECRUTE_PEU_DEMANDEE, None, metiers.DEMANDEE_PEU_DE_METIERS, None, None,
    ]


# --- Joins on the real warehouse -------------------------------------------------------------


def _metiers(territoire: Territoire, cfd: str) -> pd.DataFrame:
    return metiers.metiers_formation(territoire, cfd).set_index("code_rome")


def _synthese(territoire: Territoire, cfd: str) -> pd.Series:
    return metiers.synthese(territoire, [cfd]).set_index("cfd").loc[cfd]


def test_cuisine_rome_codes(warehouse):
    table = metiers.metiers_formation(FRANCE, CUISINE)
    assert table["code_rome"].tolist() == ["G1601", "G1602"]
    assert table["rang"].tolist() == [1, 2]


def test_cuisine_national_tension(warehouse):
    table = _metiers(FRANCE, CUISINE)
    assert table.loc["G1601", "familles_fap"] == "S1Z80 (5)"
    assert table.loc["G1602", "familles_fap"] == "S1Z40 (5)"
    assert table.loc["G1601", "tension"] == pytest.approx(1.114886865155129)
    assert table.loc["G1602", "tension"] == pytest.approx(0.824015157782899)
    assert table["en_tension"].tolist() == [True, True]
    assert set(table["niveau_tension"]) == {"France"}


def test_cuisine_departement_tension(warehouse):
    table = _metiers(RHONE, CUISINE)
    assert table.loc["G1601", "tension"] == pytest.approx(1.811239649108879)
    assert table.loc["G1602", "tension"] == pytest.approx(1.391242806933272)
    assert set(table["niveau_tension"]) == {"département"}
    assert not table["repli"].any()


def test_paris_falls_back_to_region(warehouse):
    # S1Z80 and S1Z40 have no category in Paris (75). Île-de-France (11) has 5 and 4.
    table = _metiers(PARIS, CUISINE)
    assert table.loc["G1601", "tension"] == pytest.approx(0.8105969741757182)
    assert table.loc["G1602", "tension"] == pytest.approx(0.3416017547660151)
    assert table.loc["G1602", "familles_fap"] == "S1Z40 (4)"
    assert set(table["niveau_tension"]) == {"région"}
    assert table["repli"].all()


def test_mayotte_falls_back_to_france(warehouse):
    # Neither Mayotte (976) nor its région (06) has a row in tensions.csv.
    table = _metiers(MAYOTTE, CUISINE)
    assert table.loc["G1601", "tension"] == pytest.approx(1.114886865155129)
    assert set(table["niveau_tension"]) == {"France"}
    assert table["repli"].all()


def test_unpublished_families_unknown(warehouse):
    table = _metiers(FRANCE, BRONZIER)
    assert table.loc["B1601", "familles_fap"] == "K0Z20 (non publiée), K0Z40 (non publiée)"
    assert table["en_tension"].isna().all()
    assert _synthese(FRANCE, BRONZIER)["statut"] == metiers.TENSION_INCONNUE


def test_cuisine_synthese(warehouse):
    row = _synthese(FRANCE, CUISINE)
    assert row["nb_metiers"] == 2
    assert row["nb_metiers_en_tension"] == 2
    assert row["part_metiers_en_tension"] == pytest.approx(1.0)
    assert row["tension_moyenne"] == pytest.approx((1.114886865155129 + 0.824015157782899) / 2)
    assert row["statut"] == metiers.EN_TENSION


def test_logistique_national_families(warehouse):
    # N1103 has three families at 3, 4 and 3: one of three is below half.
    table = _metiers(FRANCE, LOGISTIQUE)
    assert table.loc["N1103", "familles_fap"] == "J0Z20 (3), J1Z40 (4), J1Z80 (3)"
    assert table.loc["N1103", "nb_familles_en_tension"] == 1
    assert not table.loc["N1103", "en_tension"]
    mean = (-0.2071837817918937 + 0.2207860944220385 + 0.120820436123958) / 3
    assert table.loc["N1103", "tension"] == pytest.approx(mean)
    assert table.loc["N1303", "familles_fap"] == "J4Z80 (5)"
    assert table.loc["N1303", "tension"] == pytest.approx(0.6284331751825755)
    assert table.loc["N1303", "en_tension"]


def test_logistique_half_is_tension(warehouse):
    row = _synthese(FRANCE, LOGISTIQUE)
    assert row["nb_metiers_connus"] == 2
    assert row["nb_metiers_en_tension"] == 1
    assert row["part_metiers_en_tension"] == pytest.approx(0.5)
    assert row["statut"] == metiers.EN_TENSION


def test_logistique_region(warehouse):
    # In Auvergne-Rhône-Alpes the three families of N1103 are all at 4.
    table = _metiers(AUVERGNE_RHONE_ALPES, LOGISTIQUE)
    assert table.loc["N1103", "familles_fap"] == "J0Z20 (4), J1Z40 (4), J1Z80 (4)"
    mean = (0.1880433387525443 + 0.3864610860778018 + 0.4401593949998717) / 3
    assert table.loc["N1103", "tension"] == pytest.approx(mean)
    assert table.loc["N1303", "tension"] == pytest.approx(1.226347222405754)
    assert _synthese(AUVERGNE_RHONE_ALPES, LOGISTIQUE)["part_metiers_en_tension"] == 1.0


def test_logistique_departement(warehouse):
    table = _metiers(RHONE, LOGISTIQUE)
    assert table.loc["N1103", "familles_fap"] == "J0Z20 (3), J1Z40 (3), J1Z80 (3)"
    mean = (0.09899271435373606 + 0.0601002525004557 + 0.09754405757830859) / 3
    assert table.loc["N1103", "tension"] == pytest.approx(mean)
    assert table.loc["N1303", "tension"] == pytest.approx(1.466719343330611)


def test_formation_without_rome_listed(warehouse):
    rows = metiers.formations(FRANCE, 2022)
    seconde = rows[rows["cfd"] == SECONDE_ASSP]
    assert len(seconde) == 1
    assert seconde["statut"].iloc[0] == metiers.SANS_METIER
    assert seconde["nb_metiers"].iloc[0] == 0


def test_formations_keep_every_console_row(warehouse):
    rows = metiers.formations(RHONE, 2022)
    console_rows = console.console(metiers.filtres_console(RHONE, 2022))
    assert len(rows) == len(console_rows)
    assert rows["statut"].notna().all()


def test_unknown_cfd_has_no_metier(warehouse):
    assert _synthese(FRANCE, "99999999")["statut"] == metiers.SANS_METIER


def test_formations_metier_keeps_schools(warehouse):
    rows = metiers.formations(FRANCE, 2022)
    leading = metiers.formations_metier(rows, "G1602")
    assert CUISINE in set(leading["cfd"])
    assert (leading["nb_etablissements"] > 0).all()


def test_unknown_departement_rejected(warehouse):
    with pytest.raises(ValidationError, match="999"):
        metiers.synthese(Territoire("departement", "999"), [CUISINE])


def test_unknown_level_rejected():
    with pytest.raises(ValidationError, match="monde"):
        metiers.parametres_tension(Territoire("monde", None))  # type: ignore[arg-type]


def test_territory_rows_stored_once(warehouse):
    from concurrent.futures import ThreadPoolExecutor

    from orion_data import db

    territoire = Territoire("departement", "069")
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: metiers.synthese(territoire, ["50022139"]), range(8)))
    stored = db.scalar(
        "SELECT count(*) FROM metiers_tension WHERE territoire = 'departement:069'"
    )
    codes = db.scalar(
        "SELECT count(*) FROM (SELECT code_rome FROM rome UNION SELECT code_rome FROM "
        "formation_rome)"
    )
    assert stored == codes


def test_unknown_territory_rejected_every_call(warehouse):
    for _ in range(2):
        with pytest.raises(ValidationError):
            metiers.synthese(Territoire("region", "ZZ"), ["50022139"])
