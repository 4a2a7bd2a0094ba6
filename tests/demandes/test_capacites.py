"""Capacity parsing and the capacity rule of each type, each accepted and rejected."""

from __future__ import annotations

import pytest

from orion_data.demandes import capacites as rules
from orion_data.demandes.model import Capacites, TypeDemande
from orion_data.errors import ValidationError


@pytest.mark.parametrize(("text", "expected"), [("12", 12), (" 7 ", 7), ("0", 0), (40, 40)])
def test_capacity_accepted(text, expected):
    assert rules.parse_capacity("capacite_scolaire_future", text) == expected


@pytest.mark.parametrize(
    "text", ["12,5", "12.5", "-3", "abc", "", " ", "1e3", "+4", "٣", 12.0, True, None, "10000"]
)
def test_capacity_rejected(text):
    with pytest.raises(ValidationError) as raised:
        rules.parse_capacity("capacite_scolaire_future", text)
    assert "capacite_scolaire_future" in raised.value.errors


def test_capacity_message_names_value():
    with pytest.raises(ValidationError) as raised:
        rules.parse_capacity("capacite_scolaire_future", "12,5")
    assert "« 12,5 »" in raised.value.errors["capacite_scolaire_future"]


def test_missing_capacity_is_zero():
    parsed, errors = rules.parse_capacities({"capacite_scolaire_future": "3"})
    assert errors == {}
    assert parsed.scolaire_actuelle == 0


def caps(sa=0, sf=0, aa=0, af=0, sca=0, scf=0, aca=0, acf=0) -> Capacites:
    return Capacites(sa, sf, aa, af, sca, scf, aca, acf)


def test_ouverture_accepts_zero_current():
    assert rules.check_ouverture(caps(sf=12)) == {}


def test_ouverture_rejects_current():
    assert "capacite_scolaire_actuelle" in rules.check_ouverture(caps(sa=4, sf=12))


def test_fermeture_accepts_zero_future():
    assert rules.check_fermeture(caps(sa=12)) == {}


def test_fermeture_rejects_future():
    assert "capacite_apprentissage_future" in rules.check_fermeture(caps(sa=12, af=2))


def test_augmentation_accepted():
    assert rules.check_augmentation(caps(sa=12, sf=15, aa=4, af=4)) == {}


def test_augmentation_rejects_lower_voie():
    errors = rules.check_augmentation(caps(sa=12, sf=20, aa=4, af=2))
    assert "capacite_apprentissage_future" in errors


def test_augmentation_rejects_same_total():
    assert "capacites" in rules.check_augmentation(caps(sa=12, sf=12))


def test_diminution_accepted():
    assert rules.check_diminution(caps(sa=12, sf=10, aa=4, af=4)) == {}


def test_diminution_rejects_higher_voie():
    errors = rules.check_diminution(caps(sa=12, sf=6, aa=4, af=6))
    assert "capacite_apprentissage_future" in errors


def test_diminution_rejects_same_total():
    assert "capacites" in rules.check_diminution(caps(sa=12, sf=12))


@pytest.mark.parametrize("values", [dict(sa=24, sf=12, af=12), dict(sa=12, sf=24, aa=12)])
def test_transfert_accepted(values):
    assert rules.check_transfert(caps(**values)) == {}


@pytest.mark.parametrize(
    "values", [dict(sa=12, sf=12, aa=0, af=0), dict(sa=12, sf=14, af=2), dict(sa=12, sf=12, af=4)]
)
def test_transfert_rejected(values):
    assert "capacites" in rules.check_transfert(caps(**values))


def test_coloured_zero_without_coloration():
    assert rules.check_coloured_capacities(caps(sa=12, sf=12), coloration=False) == {}


def test_coloured_rejected_without_coloration():
    errors = rules.check_coloured_capacities(caps(sa=12, sf=12, scf=4), coloration=False)
    assert "capacite_scolaire_coloree_future" in errors


def test_coloured_within_total():
    assert rules.check_coloured_capacities(caps(sa=12, sf=12, scf=12), coloration=True) == {}


def test_coloured_above_total_rejected():
    errors = rules.check_coloured_capacities(caps(sa=12, sf=12, scf=13), coloration=True)
    assert "capacite_scolaire_coloree_future" in errors


def test_coloration_colours_a_place():
    assert rules.check_coloration_colours_a_place(caps(sf=12, acf=0, scf=2), True) == {}


def test_coloration_without_place_rejected():
    assert "capacites" in rules.check_coloration_colours_a_place(caps(sa=12, sf=12), True)


@pytest.mark.parametrize("type_demande", [TypeDemande.OUVERTURE, TypeDemande.AJUSTEMENT])
def test_total_current_zero_allowed(type_demande):
    assert rules.check_total_current_positive(caps(sf=12), type_demande) == {}


@pytest.mark.parametrize(
    "type_demande",
    [
        TypeDemande.AUGMENTATION,
        TypeDemande.FERMETURE,
        TypeDemande.DIMINUTION,
        TypeDemande.TRANSFERT,
        TypeDemande.COLORATION,
    ],
)
def test_total_current_zero_rejected(type_demande):
    assert "capacites" in rules.check_total_current_positive(caps(sf=12), type_demande)


def test_total_future_zero_allowed_for_fermeture():
    assert rules.check_total_future_positive(caps(sa=12), TypeDemande.FERMETURE) == {}


@pytest.mark.parametrize("type_demande", [t for t in TypeDemande if t is not TypeDemande.FERMETURE])
def test_total_future_zero_rejected(type_demande):
    assert "capacites" in rules.check_total_future_positive(caps(sa=12), type_demande)


def test_check_capacities_joins_messages():
    errors = rules.check_capacities(caps(sa=12, sf=12), TypeDemande.AUGMENTATION, True)
    assert "augmentation" in errors["capacites"]
    assert "coloration" in errors["capacites"]


@pytest.mark.parametrize(
    "value",
    ["9" * 5000, 10**5000, "000000000000012345", "123456789"],
    ids=["5000 digits", "int of 5001 digits", "leading zeros", "9 digits"],
)
def test_capacity_huge_rejected_in_french(value):
    with pytest.raises(ValidationError) as raised:
        rules.parse_capacity("capacite_scolaire_future", value)
    assert "dépasse 9999 places" in raised.value.errors["capacite_scolaire_future"]


def test_capacity_leading_zeros_accepted():
    assert rules.parse_capacity("capacite_scolaire_future", "00012") == 12


def test_empty_capacity_message():
    with pytest.raises(ValidationError) as raised:
        rules.parse_capacity("capacite_scolaire_future", "  ")
    assert "est vide" in raised.value.errors["capacite_scolaire_future"]
