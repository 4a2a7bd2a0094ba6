"""Capacity parsing and the capacity rules of each type of demand.

Each rule returns a dict of field name → French message, empty when the rule holds, so that
`check_capacities` can report every broken rule at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from orion_data.demandes.model import CAPACITY_FIELDS, Capacites, TypeDemande
from orion_data.errors import ValidationError

# NOTE: no real offer comes near this bound. It stops a typing slip such as an extra zero
# from reaching the vote, but it is a chosen limit, not one found in the sources.
MAX_CAPACITY: Final = 9_999

_DIGITS: Final = re.compile(r"[0-9]+")

_LABELS: Final = {
    "capacite_scolaire_actuelle": "capacité scolaire actuelle",
    "capacite_scolaire_future": "capacité scolaire future",
    "capacite_apprentissage_actuelle": "capacité en apprentissage actuelle",
    "capacite_apprentissage_future": "capacité en apprentissage future",
    "capacite_scolaire_coloree_actuelle": "capacité scolaire colorée actuelle",
    "capacite_scolaire_coloree_future": "capacité scolaire colorée future",
    "capacite_apprentissage_coloree_actuelle": "capacité en apprentissage colorée actuelle",
    "capacite_apprentissage_coloree_future": "capacité en apprentissage colorée future",
}
_CURRENT: Final = tuple(f for f in CAPACITY_FIELDS if f.endswith("_actuelle"))
_FUTURE: Final = tuple(f for f in CAPACITY_FIELDS if f.endswith("_future"))
_COLOURED: Final = tuple(f for f in CAPACITY_FIELDS if "_coloree_" in f)

Errors = dict[str, str]


def parse_capacity(field: str, value: Any) -> int:
    """Parse one capacity typed by a user into a non-negative integer.

    Accepts an int or a string of ASCII digits with surrounding spaces. Rejects anything
    else ("12,5", "-3", "abc", "", "1e3", a float, a bool) with ValidationError, never
    rounding or coercing it.
    """
    label = _LABELS.get(field, field)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError({field: f"La {label} doit être un nombre entier de places."})
    too_large = {field: f"La {label} dépasse {MAX_CAPACITY} places : vérifiez la saisie."}
    # Python refuses to convert an integer of more than 4,300 digits to or from text.
    if isinstance(value, int) and value > MAX_CAPACITY:
        raise ValidationError(too_large)

    text = str(value).strip()
    if not text:
        raise ValidationError(
            {field: f"La {label} est vide : saisissez 0 ou un nombre de places, par exemple 12."}
        )
    if not _DIGITS.fullmatch(text):
        raise ValidationError(
            {
                field: f"La {label} « {text} » n'est pas un nombre entier positif ou nul. "
                "Saisissez un nombre de places sans virgule ni signe, par exemple 12."
            }
        )
    if len(text.lstrip("0")) > len(str(MAX_CAPACITY)):
        raise ValidationError(too_large)
    number = int(text)
    if number > MAX_CAPACITY:
        raise ValidationError(
            {field: f"La {label} ({number}) dépasse {MAX_CAPACITY} places : vérifiez la saisie."}
        )
    return number


def parse_capacities(raw: Mapping[str, Any]) -> tuple[Capacites | None, Errors]:
    """Parse the 8 capacities of a form; a missing capacity counts as 0."""
    values: dict[str, int] = {}
    errors: Errors = {}
    for field in CAPACITY_FIELDS:
        try:
            values[field.removeprefix("capacite_")] = parse_capacity(field, raw.get(field, 0))
        except ValidationError as error:
            errors.update(error.errors)
    if errors:
        return None, errors
    return Capacites(**values), {}


def _value(capacites: Capacites, field: str) -> int:
    return getattr(capacites, field.removeprefix("capacite_"))


def check_ouverture(capacites: Capacites) -> Errors:
    """Check that an ouverture starts from nothing: every current capacity is 0."""
    return {
        field: f"Pour une ouverture, la {_LABELS[field]} doit être 0 (saisie : "
        f"{_value(capacites, field)})."
        for field in _CURRENT
        if _value(capacites, field) != 0
    }


def check_fermeture(capacites: Capacites) -> Errors:
    """Check that a fermeture leaves nothing: every future capacity is 0."""
    return {
        field: f"Pour une fermeture, la {_LABELS[field]} doit être 0 (saisie : "
        f"{_value(capacites, field)})."
        for field in _FUTURE
        if _value(capacites, field) != 0
    }


def check_augmentation(capacites: Capacites) -> Errors:
    """Check that an augmentation lowers no voie and raises the total."""
    errors: Errors = {}
    for voie in ("scolaire", "apprentissage"):
        current = getattr(capacites, f"{voie}_actuelle")
        future = getattr(capacites, f"{voie}_future")
        if future < current:
            errors[f"capacite_{voie}_future"] = (
                f"Pour une augmentation, la capacité {voie} future ({future}) ne peut pas "
                f"être inférieure à l'actuelle ({current})."
            )
    if capacites.total_future <= capacites.total_actuelle:
        errors["capacites"] = (
            f"Pour une augmentation, le total futur ({capacites.total_future} places) doit "
            f"dépasser le total actuel ({capacites.total_actuelle} places)."
        )
    return errors


def check_diminution(capacites: Capacites) -> Errors:
    """Check that a diminution raises no voie and lowers the total."""
    errors: Errors = {}
    for voie in ("scolaire", "apprentissage"):
        current = getattr(capacites, f"{voie}_actuelle")
        future = getattr(capacites, f"{voie}_future")
        if future > current:
            errors[f"capacite_{voie}_future"] = (
                f"Pour une diminution, la capacité {voie} future ({future}) ne peut pas "
                f"dépasser l'actuelle ({current})."
            )
    if capacites.total_future >= capacites.total_actuelle:
        errors["capacites"] = (
            f"Pour une diminution, le total futur ({capacites.total_future} places) doit "
            f"être inférieur au total actuel ({capacites.total_actuelle} places)."
        )
    return errors


def check_transfert(capacites: Capacites) -> Errors:
    """Check that a transfert moves places between voies: one up, the other down."""
    scolaire = capacites.scolaire_future - capacites.scolaire_actuelle
    apprentissage = capacites.apprentissage_future - capacites.apprentissage_actuelle
    if (scolaire > 0 and apprentissage < 0) or (scolaire < 0 and apprentissage > 0):
        return {}
    return {
        "capacites": (
            "Pour un transfert, une voie doit gagner des places et l'autre en perdre "
            f"(scolaire : {scolaire:+d}, apprentissage : {apprentissage:+d})."
        )
    }


def check_coloured_capacities(capacites: Capacites, coloration: bool) -> Errors:
    """Check that coloured capacities are 0 without coloration and never above their total."""
    errors: Errors = {}
    for field in _COLOURED:
        coloured = _value(capacites, field)
        total_field = field.replace("_coloree", "")
        total = _value(capacites, total_field)
        if not coloration and coloured != 0:
            errors[field] = (
                f"La {_LABELS[field]} doit être 0 sans coloration (saisie : {coloured}). "
                "Cochez la coloration ou mettez 0."
            )
        elif coloured > total:
            errors[field] = (
                f"La {_LABELS[field]} ({coloured}) dépasse la {_LABELS[total_field]} ({total})."
            )
    return errors


def check_coloration_colours_a_place(capacites: Capacites, coloration: bool) -> Errors:
    """Check that a coloration colours at least one future place."""
    if coloration and capacites.coloree_future == 0:
        return {
            "capacites": "Une coloration doit colorer au moins une place future : "
            "saisissez une capacité colorée future."
        }
    return {}


def check_total_current_positive(capacites: Capacites, type_demande: TypeDemande) -> Errors:
    """Check that the total current capacity is positive, unless ouverture or ajustement."""
    if type_demande in (TypeDemande.OUVERTURE, TypeDemande.AJUSTEMENT):
        return {}
    if capacites.total_actuelle > 0:
        return {}
    return {
        "capacites": f"Pour une demande de type {type_demande.libelle.lower()}, la capacité "
        "actuelle totale doit être supérieure à 0. Pour créer une offre, choisissez une "
        "ouverture."
    }


def check_total_future_positive(capacites: Capacites, type_demande: TypeDemande) -> Errors:
    """Check that the total future capacity is positive, unless fermeture."""
    if type_demande is TypeDemande.FERMETURE or capacites.total_future > 0:
        return {}
    return {
        "capacites": f"Pour une demande de type {type_demande.libelle.lower()}, la capacité "
        "future totale doit être supérieure à 0. Pour supprimer l'offre, choisissez une "
        "fermeture."
    }


_TYPE_RULES: Final[dict[TypeDemande, Callable[[Capacites], Errors]]] = {
    TypeDemande.OUVERTURE: check_ouverture,
    TypeDemande.FERMETURE: check_fermeture,
    TypeDemande.AUGMENTATION: check_augmentation,
    TypeDemande.DIMINUTION: check_diminution,
    TypeDemande.TRANSFERT: check_transfert,
}


def check_capacities(capacites: Capacites, type_demande: TypeDemande, coloration: bool) -> Errors:
    """Run every capacity rule and return all their messages, joined per field."""
    rules = [
        check_total_current_positive(capacites, type_demande),
        check_total_future_positive(capacites, type_demande),
        check_coloured_capacities(capacites, coloration),
        check_coloration_colours_a_place(capacites, coloration),
    ]
    type_rule = _TYPE_RULES.get(type_demande)
    if type_rule is not None:
        rules.insert(0, type_rule(capacites))

    errors: Errors = {}
    for found in rules:
        for field, message in found.items():
            errors[field] = f"{errors[field]} {message}" if field in errors else message
    return errors
