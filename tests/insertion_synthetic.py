"""A tiny warehouse for the insertion tests, small enough to check every number by hand.

Formation 50000001 (CAP) has both voies in 2021_2022, a millésime without counts at 18 and
24 months. Its scolaire rows cover the régions 84 (30 sortants), 11 (10 sortants, below the
threshold) and 93, whose counts are blank as the source leaves them for a cohort below 5.
Formation 40000002 (bac pro) has scolaire rows only, with 12 sortants in all. Millésime
2020_2021 publishes every horizon.

Établissements, millésime 2021_2022: 0000001A (public, région 84, valeur ajoutée +5),
0000002B (privé, région 11, −3), 0000003C (no secteur, région 84, nothing published) and
the CFA 0000004D (région 84, +2).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

REGIONALE = """
SELECT * FROM (VALUES
    ('2021_2022', '84', 'scolaire', '50000001', 50, 30, 20, 12, 15, NULL, NULL),
    ('2021_2022', '11', 'scolaire', '50000001', 14, 10, 4, 8, 9, NULL, NULL),
    ('2021_2022', '93', 'scolaire', '50000001', 3, NULL, NULL, NULL, NULL, NULL, NULL),
    ('2021_2022', '84', 'apprentissage', '50000001', 40, 25, 15, 20, 21, NULL, NULL),
    ('2021_2022', '84', 'scolaire', '40000002', 12, 12, 0, 5, 6, NULL, NULL),
    ('2020_2021', '84', 'scolaire', '50000001', 45, 25, 20, 10, 12, 14, 15),
    ('2020_2021', '84', 'apprentissage', '50000001', 30, 22, 8, 11, 13, 15, 16)
) AS t(millesime, code_region, voie, cfd, nb_annee_term, nb_sortant, nb_poursuite_etudes,
       nb_en_emploi_6_mois, nb_en_emploi_12_mois, nb_en_emploi_18_mois, nb_en_emploi_24_mois)
"""

FORMATIONS = """
SELECT * FROM (VALUES
    ('50000001', 'PÂTISSERIE (CAP)', '500', 'CAP'),
    ('40000002', 'CUISINE (BAC PRO)', '400', 'BAC PRO')
) AS t(cfd, libelle, niveau_diplome, libelle_niveau)
"""

TERRITOIRES = """
SELECT * FROM (VALUES
    ('84', 'Auvergne-Rhône-Alpes', '10', 'Lyon', '001', 'Ain'),
    ('11', 'Île-de-France', '01', 'Paris', '075', 'Paris'),
    ('93', 'Provence-Alpes-Côte d''Azur', '02', 'Aix-Marseille', '013', 'Bouches-du-Rhône')
) AS t(code_region, libelle_region, code_academie, libelle_academie, code_departement,
       libelle_departement)
"""

ETABLISSEMENT = """
SELECT * FROM (VALUES
    ('2021_2022', '0000001A', 'lycee', 'ensemble', 40, 60, 55, 5, NULL, NULL, NULL, 40, 30, 30),
    ('2021_2022', '0000001A', 'lycee', 'apprentissage', 20, 70, 65, 5, NULL, NULL, NULL,
     20, 50, 30),
    ('2021_2022', '0000002B', 'lycee', 'ensemble', 30, 50, 53, -3, NULL, NULL, NULL, 30, 40, 30),
    ('2021_2022', '0000003C', 'lycee', 'ensemble', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL),
    ('2021_2022', '0000004D', 'cfa', 'apprentissage', 25, 65, 63, 2, 70, 72, NULL, 25, 60, 15),
    ('2020_2021', '0000004D', 'cfa', 'apprentissage', 24, 61, 60, 1, 66, 70, 73, 24, 55, 21)
) AS t(millesime, uai, type_etablissement, champ, taux_poursuite_etudes, taux_emploi_6_mois,
       taux_emploi_6_mois_attendu, valeur_ajoutee, taux_emploi_12_mois, taux_emploi_18_mois,
       taux_emploi_24_mois, part_poursuite_etudes, part_emploi_6_mois, part_autre_situation)
"""

ETABLISSEMENTS = """
SELECT * FROM (VALUES
    ('0000001A', 'LYCEE A', 'Bourg', '001', '10', '84', 'public'),
    ('0000002B', 'LYCEE B', 'Paris', '075', '01', '11', 'privé'),
    ('0000003C', 'LYCEE C', 'Belley', '001', '10', '84', NULL),
    ('0000004D', 'CFA D', NULL, '001', '10', '84', NULL)
) AS t(uai, libelle, commune, code_departement, code_academie, code_region, secteur)
"""

EFFECTIFS_NIVEAU = """
SELECT * FROM (VALUES
    (2020, '0000001A', 100, 20),
    (2021, '0000001A', 110, 25),
    (2021, '0000002B', 80, 10)
) AS t(rentree, uai, terminales_pro, cap_2e_annee)
"""

TABLES = {
    "insertion_regionale": REGIONALE,
    "formations": FORMATIONS,
    "territoires": TERRITOIRES,
    "insertion_etablissement": ETABLISSEMENT,
    "etablissements": ETABLISSEMENTS,
    "effectifs_niveau": EFFECTIFS_NIVEAU,
}


def write_warehouse(folder: Path) -> Path:
    """Write the tables as Parquet files into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(":memory:")
    for name, query in TABLES.items():
        # The names and queries are the constants above, and the folder comes from tmp_path.
        literal = str(folder / f"{name}.parquet").replace("'", "''")
        con.execute(f"COPY ({query}) TO '{literal}' (FORMAT parquet)")
    con.close()
    return folder
