"""Names and definitions of every indicator and column, in French, written once.

Pages take their column headers, help tooltips and glossary entries from here, so an
indicator carries the same short definition everywhere it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Indicator:
    """One indicator as the glossary presents it."""

    key: str
    libelle: str
    definition: str
    formule: str
    source: str
    periode: str
    suppression: str = ""
    precautions: str = ""


_INSERJEUNES: Final = "InserJeunes (DEPP, DARES), par région × formation × voie"
_SECRET: Final = "Non publié quand le dénominateur sommé est inférieur à 20 (secret statistique)."

INDICATEURS: Final[dict[str, Indicator]] = {
    i.key: i
    for i in (
        Indicator(
            "effectif_entree",
            "Effectif en entrée",
            "Élèves inscrits dans la première année de la formation proprement dite.",
            "Σ effectifs de l'année d'entrée : seconde pour un bac pro hors famille de métiers, "
            "première pour une spécialité de famille, 2e année pour une option de BTS après une "
            "année commune, 1re année sinon.",
            "Constat de rentrée (DEPP), par établissement × MEFSTAT11",
            "Rentrée du constat",
            precautions="Le constat par formation n'est disponible que pour la rentrée 2020.",
        ),
        Indicator(
            "nombre_eleves",
            "Nombre d'élèves",
            "Élèves inscrits dans toutes les années de la formation.",
            "Σ effectifs de toutes les années du dispositif.",
            "Constat de rentrée (DEPP)",
            "Rentrée du constat",
        ),
        Indicator(
            "capacite",
            "Capacité",
            "Places offertes à l'affectation (Affelnet) ou sur Parcoursup (BTS).",
            "Σ capacités connues des offres.",
            "Affelnet (voie scolaire) ; Parcoursup (BTS, scolaire et apprentissage)",
            "Rentrée de la campagne d'affectation",
            precautions="Une capacité Affelnet hors de 5 à 500, ou Parcoursup vide, nulle ou "
            "égale à 999, est une valeur de remplissage du fichier : elle est traitée comme "
            "inconnue, pas comme zéro.",
        ),
        Indicator(
            "taux_pression",
            "Taux de pression",
            "Demandes en premier vœu rapportées aux places offertes.",
            "Σ vœux de rang 1 / Σ capacité, sur les offres Affelnet de capacité connue.",
            "Affelnet",
            "Rentrée de la campagne d'affectation",
            precautions="Jamais calculé pour un BTS (voir le taux de demande). Affelnet couvre "
            "la voie scolaire, établissements publics et privés sous contrat qui y recrutent.",
        ),
        Indicator(
            "taux_demande",
            "Taux de demande",
            "Vœux confirmés sur Parcoursup rapportés aux places offertes (BTS).",
            "Σ vœux confirmés / Σ capacité, sur les offres Parcoursup de capacité connue.",
            "Parcoursup",
            "Année de la campagne = rentrée",
            precautions="Un candidat formule plusieurs vœux : ce taux n'est pas comparable au "
            "taux de pression.",
        ),
        Indicator(
            "taux_remplissage",
            "Taux de remplissage",
            "Élèves entrés rapportés aux places offertes, la même rentrée.",
            "Σ effectif en entrée / Σ capacité, sur les offres où les deux sont connus pour la "
            "même rentrée.",
            "Constat de rentrée et Affelnet",
            "Même rentrée pour les deux termes",
            precautions="Les données ouvertes n'ont aucune rentrée avec à la fois un constat par "
            "formation et une capacité Affelnet : le taux par formation est non calculable. Il "
            "est calculé par établissement (élèves de 2nde pro et de 1re année de CAP / "
            "capacités de ces classes) pour les rentrées où les deux sources existent.",
        ),
        Indicator(
            "taux_emploi_6_mois",
            "Taux d'emploi à 6 mois",
            "Part des sortants en emploi salarié six mois après leur sortie.",
            "Σ sortants en emploi à 6 mois / Σ sortants.",
            _INSERJEUNES,
            "Millésime (N-2)_(N-1) affiché avec la rentrée N",
            suppression=_SECRET,
        ),
        Indicator(
            "taux_poursuite",
            "Taux de poursuite d'études",
            "Part des élèves de dernière année qui poursuivent des études.",
            "Σ en poursuite d'études / Σ effectif de dernière année.",
            _INSERJEUNES,
            "Millésime (N-2)_(N-1) affiché avec la rentrée N",
            suppression=_SECRET,
        ),
        Indicator(
            "taux_devenir_favorable",
            "Taux de devenir favorable",
            "Part des élèves de dernière année en emploi ou en poursuite d'études.",
            "(Σ en poursuite d'études + Σ en emploi à 6 mois) / Σ effectif de dernière année.",
            _INSERJEUNES,
            "Millésime (N-2)_(N-1) affiché avec la rentrée N",
            suppression=_SECRET,
        ),
        Indicator(
            "quadrant",
            "Quadrant",
            "Position de la formation par rapport aux moyennes régionales de son niveau.",
            "Q1 : emploi ≥ moyenne et poursuite ≥ moyenne ; Q2 : emploi ≥, poursuite < ; "
            "Q3 : emploi <, poursuite ≥ ; Q4 : les deux en dessous. Moyennes = ratios de "
            "sommes sur toutes les formations du niveau dans la région.",
            _INSERJEUNES,
            "Millésime (N-2)_(N-1)",
            suppression="Hors quadrant quand un des deux taux n'est pas publié ; 0 % est une "
            "valeur et place la formation.",
        ),
        Indicator(
            "valeur_ajoutee",
            "Valeur ajoutée",
            "Écart entre le taux d'emploi de l'établissement et le taux attendu compte tenu "
            "de ses élèves.",
            "Taux d'emploi à 6 mois − taux attendu, tel que publié par la DEPP.",
            "InserJeunes par établissement (DEPP)",
            "Millésime (N-2)_(N-1)",
            precautions="Valeur publiée par la DEPP, non recalculée : les effectifs par "
            "établissement ne sont pas publiés.",
        ),
        Indicator(
            "taux_chomage",
            "Taux de chômage",
            "Taux de chômage localisé au sens du BIT.",
            "Tel que publié par l'INSEE.",
            "INSEE, taux de chômage localisé",
            "Année",
        ),
        Indicator(
            "metier_en_tension",
            "Métier en tension",
            "Métier (fiche ROME) dont les familles professionnelles ont des difficultés de "
            "recrutement marquées dans le territoire.",
            "Une famille professionnelle (FAP) est en tension quand sa « catégorie de tension » "
            "DARES vaut 4 ou 5 sur 5. Un métier rattaché à plusieurs familles est en tension "
            "quand au moins la moitié de ses familles de catégorie connue le sont ; chaque "
            "famille compte pour une, sans pondération par l'emploi.",
            "DARES et Pôle emploi, « Les tensions sur le marché du travail » ; table de passage "
            "FAP 2009 – ROME de la DARES",
            "Année 2019",
            suppression="Quand la DARES ne publie pas de catégorie pour une famille dans le "
            "département, la catégorie de la région est prise, puis celle de la France ; la "
            "page le signale.",
            precautions="Le seuil de 4 est une convention d'Orion, pas une définition de la "
            "DARES : il garde les deux quintiles supérieurs de 2014–2018. En 2019, année "
            "tendue, 127 des 186 familles l'atteignent au niveau national. Les familles de la "
            "fonction publique (enseignants, armée, administration) n'ont pas d'indicateur : "
            "leurs métiers sont de tension inconnue.",
        ),
        Indicator(
            "formation_metiers_en_tension",
            "Formation menant à des métiers en tension",
            "Formation dont au moins la moitié des métiers visés sont en tension dans le "
            "territoire.",
            "Nombre de codes ROME distincts en tension ≥ la moitié des codes ROME distincts de "
            "tension connue. Chaque code ROME compte pour un, quel que soit son rang.",
            "Certif Info (codes ROME 1 à 5 de la certification) ; DARES",
            "Codes ROME actuels ; tensions 2019",
            suppression="« Aucun métier associé » quand Certif Info ne donne aucun code ROME "
            "pour le CFD ; « tension inconnue » quand aucun de ses métiers n'a de tension "
            "publiée.",
            precautions="Une seconde commune de famille de métiers, une première année commune "
            "de BTS ou un CFD récent n'a souvent aucun code ROME : la formation reste listée.",
        ),
        Indicator(
            "metier_avenir",
            "Métier d'avenir",
            "Métier en tension aujourd'hui que France Travail rattache à une transition "
            "écologique, numérique ou démographique.",
            "Métier en tension dans le territoire et (transition écologique renseignée : "
            "« Emploi vert » ou « Emploi stratégique pour la transition écologique » ; ou "
            "transition numérique = oui ; ou transition démographique = oui).",
            "Fiches ROME de France Travail (indicateurs de transition) ; DARES",
            "Tensions 2019 ; fiches ROME actuelles",
            precautions="Les données ne contiennent aucune projection d'emploi ni de départs en "
            "fin de carrière : « d'avenir » veut dire ici « recrute aujourd'hui et relève d'une "
            "transition », pas une prévision. Les transitions ne sont renseignées que pour une "
            "partie des fiches ROME ; une fiche non renseignée compte comme non rattachée.",
        ),
    )
}

COLONNES: Final[dict[str, str]] = {
    "uai": "UAI",
    "libelle_etablissement": "Établissement",
    "commune": "Commune",
    "code_departement": "Département",
    "libelle_departement": "Nom du département",
    "secteur": "Secteur",
    "cfd": "CFD",
    "libelle_formation": "Formation",
    "dispositif": "Code dispositif",
    "libelle_dispositif": "Dispositif",
    "niveau_diplome": "Code niveau",
    "libelle_niveau": "Niveau de diplôme",
    "code_domaine": "Code domaine",
    "libelle_domaine": "Domaine (NSF)",
    "famille_metiers": "Famille de métiers",
    "nb_etablissements": "Nombre d'établissements",
    "effectif_1": "Effectif 1re année",
    "effectif_2": "Effectif 2e année",
    "effectif_3": "Effectif 3e année",
    "effectif_entree": "Effectif en entrée",
    "nombre_eleves": "Nombre d'élèves",
    "capacite": "Capacité",
    "capacite_scolaire": "Capacité scolaire",
    "capacite_apprentissage": "Capacité apprentissage",
    "voeux": "Vœux",
    "taux_pression": "Taux de pression",
    "taux_demande": "Taux de demande",
    "taux_remplissage": "Taux de remplissage",
    "bande_pression": "Tranche de pression",
    "taux_emploi_6_mois": "Taux d'emploi à 6 mois",
    "nb_sortants": "Sortants (dénominateur emploi)",
    "taux_emploi_12_mois": "Taux d'emploi à 12 mois",
    "taux_emploi_18_mois": "Taux d'emploi à 18 mois",
    "taux_emploi_24_mois": "Taux d'emploi à 24 mois",
    "taux_poursuite": "Taux de poursuite d'études",
    "nb_annee_term": "Effectif de dernière année (dénominateur poursuite)",
    "taux_devenir_favorable": "Taux de devenir favorable",
    "quadrant": "Quadrant",
    "formations": "Formations",
    "etablissements": "Établissements",
    "taux_chomage": "Taux de chômage",
    "moyenne_emploi": "Taux d'emploi moyen régional du niveau",
    "moyenne_poursuite": "Taux de poursuite moyen régional du niveau",
    "code_region_insertion": "Région des taux de sortie",
    "valeur_ajoutee": "Valeur ajoutée",
    "statut": "Métiers en tension ?",
    "part_metiers_en_tension": "Part des métiers en tension",
    "nb_metiers": "Métiers (codes ROME)",
    "nb_metiers_connus": "Métiers de tension connue",
    "nb_metiers_en_tension": "Métiers en tension",
    "nb_metiers_avenir": "Métiers d'avenir",
    "tension_moyenne": "Tension moyenne des métiers (DARES)",
    "metiers": "Métiers visés",
    "repli": "Tension d'un territoire plus large",
    "lecture": "Lecture",
    "code_rome": "Code ROME",
    "libelle_rome": "Métier (ROME)",
    "libelle_domaine_professionnel": "Domaine professionnel",
    "familles_fap": "Familles FAP (catégorie de tension)",
    "niveau_tension": "Tension mesurée sur",
    "tension": "Indicateur de tension (DARES)",
    "en_tension": "Métier en tension",
    "metier_avenir": "Métier d'avenir",
    "transition_ecologique": "Transition écologique",
    "transition_numerique": "Transition numérique",
    "transition_demographique": "Transition démographique",
}


def libelle(column: str) -> str:
    """Return the French header of a column, or the column name itself when unknown."""
    return COLONNES.get(column, column)


def titre(key: str) -> str:
    """Return the French name of an indicator, else the header of the column."""
    indicator = INDICATEURS.get(key)
    return indicator.libelle if indicator else libelle(key)


def aide(key: str) -> str | None:
    """Return the one-line help of an indicator (its definition and formula), or None."""
    indicator = INDICATEURS.get(key)
    if indicator is None:
        return None
    return f"{indicator.definition} {indicator.formule}"
