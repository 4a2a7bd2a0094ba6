"""The rules of the demand form, each in its own function, and `validate_demande` over them.

Every check returns a dict of field name → French message (empty when the value is valid),
so that a page can show each message under its widget. Capacity rules are in
`orion_data.demandes.capacites`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from orion_data.demandes.capacites import Errors, check_capacities, parse_capacities
from orion_data.demandes.free_text import control_character_message, has_visible_text
from orion_data.demandes.model import DemandeChamps, TypeDemande
from orion_data.demandes.motifs import AUTRE, MOTIFS_PAR_TYPE
from orion_data.demandes.referentiel import Etablissement, Formation, Referentiel
from orion_data.demandes.tables import HEADERS
from orion_data.demandes.workflow import MAX_TEXT_LENGTH, text_too_long_message
from orion_data.errors import ValidationError

_UAI: Final = re.compile(r"[0-9]{7}[A-Z]")
_CFD: Final = re.compile(r"[0-9A-Z]{8}")
_DISPOSITIF: Final = re.compile(r"[0-9A-Z]{3}")
_YEAR: Final = re.compile(r"[0-9]{4}")
RENTREE_HORIZON: Final = 4
"""Years after the campaign year that a demand may target; the form offers the same years."""

FREE_TEXT_FIELDS: Final = (
    "libelle_fcil",
    "autre_motif",
    "partenaires_economiques",
    "cmq",
    "inspecteur_referent",
    "besoins_rh",
    "travaux_equipements",
    "internat_restauration",
    "observations",
)
BOOLEAN_FIELDS: Final = ("coloration", "ami_cma")


def check_uai(referentiel: Referentiel, uai: str) -> tuple[Etablissement | None, Errors]:
    """Check that the UAI is well formed and names a known établissement."""
    if not _UAI.fullmatch(uai):
        return None, {
            "uai": f"L'UAI « {uai} » est mal formée : 7 chiffres puis une lettre, "
            "par exemple 0750001A."
        }
    etablissement = referentiel.etablissement(uai)
    if etablissement is None:
        return None, {
            "uai": f"L'UAI {uai} ne correspond à aucun établissement connu. "
            "Choisissez un établissement dans la liste."
        }
    return etablissement, {}


def check_formation(
    referentiel: Referentiel, cfd: str, rentree: int | None
) -> tuple[Formation | None, Errors]:
    """Check that the CFD names a known vocational diploma still open at the rentrée."""
    if not _CFD.fullmatch(cfd):
        return None, {"cfd": f"Le CFD « {cfd} » est mal formé : il compte 8 caractères."}
    formation = referentiel.formation(cfd)
    if formation is None:
        return None, {
            "cfd": f"Le CFD {cfd} ne correspond à aucun diplôme connu. "
            "Choisissez une formation dans la liste."
        }
    if not formation.is_vocational:
        return formation, {
            "cfd": f"Le diplôme {cfd} ({formation.libelle}) n'est pas un diplôme "
            "professionnel : choisissez un CAP, un bac pro, un BTS ou un diplôme voisin."
        }
    if rentree is not None and not formation.is_open_at(rentree):
        return formation, {
            "cfd": f"Le diplôme {cfd} ({formation.libelle}) ferme le "
            f"{formation.date_fermeture:%d/%m/%Y}, avant la rentrée {rentree}. "
            "Choisissez le diplôme qui le remplace."
        }
    return formation, {}


def check_dispositif(referentiel: Referentiel, cfd: str, dispositif: str) -> Errors:
    """Check that the dispositif is one of the MEF dispositifs of the CFD."""
    known = referentiel.dispositifs(cfd)
    if _DISPOSITIF.fullmatch(dispositif) and dispositif in known:
        return {}
    choices = ", ".join(sorted(known)) or "aucun"
    return {
        "dispositif": f"Le dispositif « {dispositif} » n'existe pas pour le CFD {cfd} "
        f"(dispositifs connus : {choices})."
    }


def check_fcil_label(formation: Formation | None, libelle_fcil: str) -> Errors:
    """Require the local label of an FCIL, because an FCIL has no national title."""
    if formation is not None and formation.is_fcil and not has_visible_text(libelle_fcil):
        return {"libelle_fcil": "Pour une FCIL, saisissez le libellé local de la formation."}
    return {}


def parse_rentree(value: Any) -> tuple[int | None, Errors]:
    """Parse the rentrée scolaire, a year of 4 digits."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, {"rentree": "La rentrée est manquante : choisissez une année, par exemple 2027."}
    is_year_int = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999
    text = str(value).strip() if isinstance(value, str) or is_year_int else ""
    if not _YEAR.fullmatch(text):
        displayed_value = value if isinstance(value, str) else type(value).__name__
        return None, {
            "rentree": f"La rentrée « {displayed_value} » n'est pas une année : saisissez par exemple 2027."
        }
    return int(text), {}


def check_rentree(rentree: int, annee_campagne: int, type_demande: TypeDemande | None) -> Errors:
    """Check that the rentrée follows the campaign year (or equals it for an ajustement), by
    at most RENTREE_HORIZON years."""
    if rentree > annee_campagne + RENTREE_HORIZON:
        return {
            "rentree": f"La rentrée {rentree} est trop lointaine pour la campagne "
            f"{annee_campagne} : choisissez une rentrée de {annee_campagne + 1} à "
            f"{annee_campagne + RENTREE_HORIZON}."
        }
    if rentree > annee_campagne:
        return {}
    if rentree == annee_campagne and type_demande is TypeDemande.AJUSTEMENT:
        return {}
    return {
        "rentree": f"La rentrée {rentree} doit être postérieure à l'année de campagne "
        f"{annee_campagne} (seul un ajustement de rentrée peut viser {annee_campagne}). "
        f"Saisissez {annee_campagne + 1} ou plus."
    }


def parse_type(value: Any) -> tuple[TypeDemande | None, Errors]:
    try:
        return TypeDemande(value), {}
    except ValueError:
        choices = ", ".join(t.value for t in TypeDemande)
        return None, {
            "type_demande": f"Type de demande « {value} » inconnu : choisissez {choices}."
        }


def check_motifs(type_demande: TypeDemande, motifs: tuple[str, ...], autre_motif: str) -> Errors:
    """Motifs come from the type's list; one is required except for an ajustement.

    Choosing "autre" requires its text, with at least one visible character.
    """
    offered = MOTIFS_PAR_TYPE[type_demande]
    unknown = [m for m in motifs if m not in offered]
    if unknown:
        return {
            "motifs": f"Motif « {unknown[0]} » non prévu pour une demande de type "
            f"{type_demande.libelle.lower()}. Choisissez parmi les motifs proposés."
        }
    if not motifs and type_demande is not TypeDemande.AJUSTEMENT:
        return {"motifs": "Choisissez au moins un motif pour cette demande."}
    if AUTRE in motifs and not has_visible_text(autre_motif):
        return {"autre_motif": "Vous avez choisi « autre » : précisez ce motif."}
    return {}


def check_coloration_labels(coloration: bool, type_demande: TypeDemande, labels) -> Errors:
    """Check that a coloration has a label, and that a coloration demand is coloured."""
    if type_demande is TypeDemande.COLORATION and not coloration:
        return {"coloration": "Une demande de coloration doit cocher la coloration."}
    if coloration and not labels:
        return {
            "libelles_coloration": "Saisissez au moins un libellé de coloration "
            "(par exemple le secteur ou l'entreprise partenaire)."
        }
    return {}


def check_free_text(field: str, text: str) -> Errors:
    """Check that free text has at most 2,000 characters and no control character."""
    if len(text) > MAX_TEXT_LENGTH:
        return {field: text_too_long_message(text)}
    message = control_character_message(HEADERS.get(field, field), text)
    return {field: message} if message is not None else {}


def _text(raw: Mapping[str, Any], field: str) -> str:
    value = raw.get(field)
    return "" if value is None else str(value).strip()


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.splitlines() if isinstance(value, str) else value
    return tuple(str(item).strip() for item in items if str(item).strip())


def _booleans(raw: Mapping[str, Any]) -> tuple[dict[str, bool], Errors]:
    values: dict[str, bool] = {}
    errors: Errors = {}
    for field in BOOLEAN_FIELDS:
        value = raw.get(field, False)
        if isinstance(value, bool):
            values[field] = value
        else:
            errors[field] = f"Le champ {field} attend oui ou non (reçu « {value} »)."
    return values, errors


def validate_demande(
    raw: Mapping[str, Any], annee_campagne: int, referentiel: Referentiel
) -> tuple[DemandeChamps, Etablissement]:
    """Check a submitted demand form against every rule and return its validated content.

    Raises ValidationError whose `errors` map each invalid field to its French message.
    """
    errors: Errors = {}
    uai = _text(raw, "uai").upper()
    cfd = _text(raw, "cfd").upper()
    dispositif = _text(raw, "dispositif").upper()
    texts = {field: _text(raw, field) for field in FREE_TEXT_FIELDS}
    libelles = _texts(raw.get("libelles_coloration"))
    motifs = _texts(raw.get("motifs"))

    type_demande, found = parse_type(raw.get("type_demande"))
    errors |= found
    rentree, found = parse_rentree(raw.get("rentree"))
    errors |= found
    if rentree is not None:
        errors |= check_rentree(rentree, annee_campagne, type_demande)
    booleans, found = _booleans(raw)
    errors |= found

    etablissement, found = check_uai(referentiel, uai)
    errors |= found
    formation, found = check_formation(referentiel, cfd, rentree)
    errors |= found
    if formation is not None:
        errors |= check_dispositif(referentiel, cfd, dispositif)
    errors |= check_fcil_label(formation, texts["libelle_fcil"])

    for field, text in texts.items():
        errors |= check_free_text(field, text)
    for label in libelles:
        errors |= check_free_text("libelles_coloration", label)

    capacites, found = parse_capacities(raw)
    errors |= found
    coloration = booleans.get("coloration", False)
    if type_demande is not None:
        errors |= check_motifs(type_demande, motifs, texts["autre_motif"])
        errors |= check_coloration_labels(coloration, type_demande, libelles)
        if capacites is not None:
            errors |= check_capacities(capacites, type_demande, coloration)

    if errors:
        raise ValidationError(errors)
    champs = DemandeChamps(
        uai=uai,
        cfd=cfd,
        dispositif=dispositif,
        rentree=rentree,
        type_demande=type_demande,
        capacites=capacites,
        coloration=coloration,
        libelles_coloration=libelles,
        motifs=motifs,
        ami_cma=booleans["ami_cma"],
        **texts,
    )
    return champs, etablissement
