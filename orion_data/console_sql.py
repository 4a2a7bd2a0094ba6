"""The SQL of the consoles: derived tables built once, and the query of each grain.

The derived tables store, per offer (rentrée × UAI × CFD × dispositif) and per InserJeunes
row, the two sums of every ratio (`Ratio.components`), next to the territory and formation
attributes the filters need. A console query then filters one flat table and divides summed
sums (`Ratio.from_components`): the same ratio of sums as over the raw rows, because a sum
of sums is a sum, with a much smaller query to plan and run.
"""

from __future__ import annotations

from typing import Final

from orion_data import indicators as ind

_BOTH_KNOWN: Final = "e.effectif_entree IS NOT NULL AND a.capacite_scolaire IS NOT NULL"


def searchable(expression: str) -> str:
    """Return SQL for `expression` in lower case without accents, œ and æ spelt oe and ae.

    DuckDB's strip_accents keeps the ligatures, so « œuvre » would not find « oeuvre ».
    """
    return (
        f"replace(replace(strip_accents(lower({expression})), 'œ', 'oe'), 'æ', 'ae')"
    )


def derived_tables() -> dict[str, str]:
    """Return the name and SELECT of each derived table, in creation order."""
    return {
        "console_offres": _offres(),
        "console_insertion": _insertion(),
        "console_moyennes": _moyennes(),
    }


def _offres() -> str:
    # Taux de remplissage pairs, per offer, the effectif en entrée with the scolaire capacity:
    # the constat counts pupils under school status only.
    return f"""
WITH eff AS (
    SELECT e.rentree, e.uai, e.cfd, e.dispositif,
           {ind.effectif_annee(1)} AS effectif_1, {ind.effectif_annee(2)} AS effectif_2,
           {ind.effectif_annee(3)} AS effectif_3, {ind.effectif_entree()} AS effectif_entree,
           {ind.nombre_eleves()} AS nombre_eleves
    FROM (SELECT e.*, m.annee_entree FROM effectifs e
          JOIN mef m ON m.mefstat11 = e.mefstat11) e
    GROUP BY ALL
),
att AS (
    SELECT rentree, uai, cfd, dispositif,
           {ind.capacite()} AS capacite, {ind.voeux()} AS voeux,
           SUM(capacite) FILTER (WHERE voie = 'scolaire') AS capacite_scolaire,
           SUM(capacite) FILTER (WHERE voie = 'apprentissage') AS capacite_apprentissage,
           {ind.taux_pression().components("pression")},
           {ind.taux_demande().components("demande")}
    FROM attractivite
    GROUP BY ALL
)
SELECT o.*, t.code_region, t.code_academie, t.code_departement, t.secteur,
       f.niveau_diplome, f.code_domaine, f.famille_metiers,
       {searchable("f.libelle")} AS libelle_recherche
FROM (
    SELECT COALESCE(e.rentree, a.rentree) AS rentree, COALESCE(e.uai, a.uai) AS uai,
           COALESCE(e.cfd, a.cfd) AS cfd, COALESCE(e.dispositif, a.dispositif) AS dispositif,
           e.effectif_1, e.effectif_2, e.effectif_3, e.effectif_entree, e.nombre_eleves,
           a.capacite, a.voeux, a.capacite_scolaire, a.capacite_apprentissage,
           a.pression_num, a.pression_den, a.demande_num, a.demande_den,
           CASE WHEN {_BOTH_KNOWN} THEN e.effectif_entree END AS remplissage_num,
           CASE WHEN {_BOTH_KNOWN} THEN a.capacite_scolaire END AS remplissage_den
    FROM eff e FULL JOIN att a USING (rentree, uai, cfd, dispositif)
) o
JOIN etablissements t ON t.uai = o.uai
JOIN formations f ON f.cfd = o.cfd
ORDER BY rentree, code_region, uai, cfd, dispositif
"""


def _insertion() -> str:
    # Scolaire rows carry their dispositif. Apprentissage rows only have a CFD, so each is
    # repeated for every dispositif under which that CFD is offered: the console then joins
    # on equality, (cfd, dispositif), for both voies.
    return f"""
WITH rows AS (
    SELECT i.millesime, i.voie, i.code_region, i.cfd,
           CASE WHEN i.voie = 'scolaire' THEN i.dispositif ELSE o.dispositif END AS dispositif,
           i.nb_sortant, i.nb_annee_term, i.nb_poursuite_etudes, i.nb_en_emploi_6_mois,
           i.nb_en_emploi_12_mois, i.nb_en_emploi_18_mois, i.nb_en_emploi_24_mois
    FROM insertion_regionale i
    LEFT JOIN (SELECT DISTINCT cfd, dispositif FROM console_offres) o
      ON i.voie = 'apprentissage' AND o.cfd = i.cfd
)
SELECT millesime, voie, code_region, cfd, dispositif,
       {ind.taux_emploi(6).components("emploi_6")},
       {ind.taux_emploi(12).components("emploi_12")},
       {ind.taux_emploi(18).components("emploi_18")},
       {ind.taux_emploi(24).components("emploi_24")},
       {ind.taux_poursuite().components("poursuite")},
       {ind.taux_devenir_favorable().components("favorable")}
FROM rows
WHERE dispositif IS NOT NULL
GROUP BY ALL
ORDER BY millesime, voie, code_region, cfd, dispositif
"""


def _moyennes() -> str:
    # The regional means of the quadrant, per millésime × choice of voie × région × niveau.
    return f"""
SELECT i.millesime, v.choix AS voie_choix, i.code_region, f.niveau_diplome,
       {ind.taux_emploi(6)} AS moyenne_emploi, {ind.taux_poursuite()} AS moyenne_poursuite
FROM insertion_regionale i
JOIN formations f ON f.cfd = i.cfd
JOIN (VALUES ('scolaire', 'scolaire'), ('apprentissage', 'apprentissage'),
             ('ensemble', 'scolaire'), ('ensemble', 'apprentissage')) v(choix, voie)
  ON v.voie = i.voie
GROUP BY ALL
"""


def territory_filters(alias: str = "") -> str:
    """Return the conditions on the territory, secteur and UAI filters, on table `alias`."""
    p = f"{alias}." if alias else ""
    return f"""
      ($code_region::VARCHAR IS NULL OR {p}code_region = $code_region)
  AND ($code_academie::VARCHAR IS NULL OR {p}code_academie = $code_academie)
  AND ($code_departement::VARCHAR IS NULL OR {p}code_departement = $code_departement)
  AND (len($secteurs::VARCHAR[]) = 0 OR list_contains($secteurs::VARCHAR[], {p}secteur))
  AND (len($uais::VARCHAR[]) = 0 OR list_contains($uais::VARCHAR[], {p}uai))"""


def formation_filters(alias: str = "") -> str:
    """Return the conditions on the formation filters, on the columns of table `alias`."""
    p = f"{alias}." if alias else ""
    return f"""
      (len($niveaux::VARCHAR[]) = 0 OR list_contains($niveaux::VARCHAR[], {p}niveau_diplome))
  AND (len($domaines::VARCHAR[]) = 0 OR list_contains($domaines::VARCHAR[], {p}code_domaine))
  AND (len($familles::VARCHAR[]) = 0
       OR list_contains($familles::VARCHAR[], {p}famille_metiers))
  AND (len($dispositifs::VARCHAR[]) = 0
       OR list_contains($dispositifs::VARCHAR[], {p}dispositif))
  AND ($recherche::VARCHAR = ''
       OR contains({p}libelle_recherche, {searchable("$recherche::VARCHAR")})
       OR starts_with({p}cfd, upper($recherche::VARCHAR)))"""


FILTERS: Final = territory_filters() + "\n  AND " + formation_filters()


def entry_columns() -> str:
    return f"""
    COUNT(DISTINCT uai) AS nb_etablissements,
    SUM(effectif_1) AS effectif_1, SUM(effectif_2) AS effectif_2,
    SUM(effectif_3) AS effectif_3, SUM(effectif_entree) AS effectif_entree,
    SUM(nombre_eleves) AS nombre_eleves,
    SUM(capacite) AS capacite, SUM(voeux) AS voeux,
    SUM(capacite_scolaire) AS capacite_scolaire,
    SUM(capacite_apprentissage) AS capacite_apprentissage,
    {ind.taux_pression().from_components("pression")} AS taux_pression,
    {ind.taux_demande().from_components("demande")} AS taux_demande,
    {ind.taux_remplissage().from_components("remplissage")} AS taux_remplissage"""


def exit_columns() -> str:
    return f"""
    {ind.taux_emploi(6).from_components("emploi_6")} AS taux_emploi_6_mois,
    SUM(emploi_6_den) AS nb_sortants,
    {ind.taux_emploi(12).from_components("emploi_12")} AS taux_emploi_12_mois,
    {ind.taux_emploi(18).from_components("emploi_18")} AS taux_emploi_18_mois,
    {ind.taux_emploi(24).from_components("emploi_24")} AS taux_emploi_24_mois,
    {ind.taux_poursuite().from_components("poursuite")} AS taux_poursuite,
    SUM(poursuite_den) AS nb_annee_term,
    {ind.taux_devenir_favorable().from_components("favorable")} AS taux_devenir_favorable"""


def build_sql() -> str:
    """Return the general formation console SQL, with every value as a named parameter.

    It groups the offers of the filtered territory per CFD × dispositif, so it serves every
    filter, secteur and UAI included.
    """
    quadrant = ind.quadrant(
        "ins.taux_emploi_6_mois", "ins.taux_poursuite", "moy.moyenne_emploi",
        "moy.moyenne_poursuite",
    )
    return f"""
WITH base AS (
    SELECT cfd, dispositif, {entry_columns()}
    FROM console_offres
    WHERE rentree = $rentree AND {FILTERS}
    GROUP BY cfd, dispositif
),
ins AS (
    SELECT k.cfd, k.dispositif, {exit_columns()}
    FROM (SELECT DISTINCT cfd, dispositif FROM base) k
    JOIN console_insertion i
      ON i.cfd = k.cfd AND i.dispositif = k.dispositif
     AND ($ins_region::VARCHAR IS NULL OR i.code_region = $ins_region)
    WHERE i.millesime = $millesime AND list_contains($voies::VARCHAR[], i.voie)
    GROUP BY k.cfd, k.dispositif
)
SELECT * FROM (
    SELECT b.*, f.libelle AS libelle_formation, f.niveau_diplome, f.libelle_niveau,
           f.code_domaine, f.libelle_domaine, f.famille_metiers, d.libelle_dispositif,
           ins.* EXCLUDE (cfd, dispositif),
           $ins_region::VARCHAR AS code_region_insertion,
           moy.moyenne_emploi, moy.moyenne_poursuite,
           COALESCE({quadrant}, 'hors quadrant') AS quadrant,
           {ind.bande_pression("b.taux_pression")} AS bande_pression
    FROM base b
    JOIN formations f USING (cfd)
    LEFT JOIN dispositifs d USING (dispositif)
    LEFT JOIN ins ON ins.cfd = b.cfd AND ins.dispositif = b.dispositif
    LEFT JOIN console_moyennes moy
      ON moy.millesime = $millesime AND moy.voie_choix = $voie
     AND moy.code_region = $ins_region::VARCHAR AND moy.niveau_diplome = f.niveau_diplome
) r
WHERE (len($quadrants::VARCHAR[]) = 0 OR list_contains($quadrants::VARCHAR[], quadrant))
  AND (len($bandes::VARCHAR[]) = 0 OR list_contains($bandes::VARCHAR[], bande_pression))
ORDER BY libelle_formation, cfd, dispositif
"""
