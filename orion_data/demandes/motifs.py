"""The motifs a demand may give, per type of demand. "autre" requires its own text."""

from __future__ import annotations

from typing import Final

from orion_data.demandes.model import TypeDemande

AUTRE: Final = "autre"

_BESOIN_ECONOMIQUE: Final = {
    "besoin_recrutement_local": "Besoin de recrutement local des entreprises",
    "besoin_recrutement_regional": "Besoin de recrutement à l'échelle régionale",
    "metier_en_tension": "Métier en tension",
}
_RESULTATS_FAVORABLES: Final = {
    "insertion_favorable": "Insertion professionnelle favorable",
    "poursuite_etudes_favorable": "Poursuite d'études favorable",
    "forte_attractivite": "Forte attractivité (taux de pression élevé)",
}
_RESULTATS_DEFAVORABLES: Final = {
    "insertion_defavorable": "Insertion professionnelle défavorable",
    "faible_attractivite": "Faible attractivité (taux de pression bas)",
    "effectifs_insuffisants": "Effectifs insuffisants",
    "offre_redondante": "Offre redondante sur le territoire",
}
_TERRITOIRE: Final = {
    "equilibre_territorial": "Rééquilibrage de l'offre sur le territoire",
    "projet_etablissement": "Projet de l'établissement",
}

MOTIFS_PAR_TYPE: Final[dict[TypeDemande, dict[str, str]]] = {
    TypeDemande.OUVERTURE: _BESOIN_ECONOMIQUE | _RESULTATS_FAVORABLES | _TERRITOIRE,
    TypeDemande.AUGMENTATION: _BESOIN_ECONOMIQUE | _RESULTATS_FAVORABLES | _TERRITOIRE,
    TypeDemande.FERMETURE: _RESULTATS_DEFAVORABLES
    | {"transformation_offre": "Transformation de l'offre de formation"},
    TypeDemande.DIMINUTION: _RESULTATS_DEFAVORABLES
    | {"transformation_offre": "Transformation de l'offre de formation"},
    TypeDemande.TRANSFERT: {
        "developpement_apprentissage": "Développement de l'apprentissage",
        "demande_entreprises": "Demande des entreprises partenaires",
        "baisse_attractivite_scolaire": "Baisse d'attractivité de la voie scolaire",
        "retour_voie_scolaire": "Retour vers la voie scolaire",
    },
    TypeDemande.COLORATION: _BESOIN_ECONOMIQUE
    | {
        "partenariat_entreprise": "Partenariat avec une entreprise ou une branche",
        "specificite_territoriale": "Spécificité économique du territoire",
    },
    TypeDemande.AJUSTEMENT: {
        "effectifs_constates": "Effectifs constatés à la rentrée",
        "contrainte_locaux": "Contrainte de locaux ou d'équipements",
    },
}

# Every type also offers "autre", whose text the demand must then give.
for _motifs in MOTIFS_PAR_TYPE.values():
    _motifs[AUTRE] = "Autre motif (à préciser)"


def motifs_for(type_demande: TypeDemande) -> dict[str, str]:
    """Return the motifs offered for this type, code → French label, "autre" last."""
    return dict(MOTIFS_PAR_TYPE[type_demande])
