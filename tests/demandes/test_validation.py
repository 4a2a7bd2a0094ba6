"""The form rules other than capacities, each accepted and rejected, and their assembly."""

from __future__ import annotations

import pytest
from factories import BAC_PRO, CAP, CLOSED_CAP, FCIL, LICENCE, UAI, form

from orion_data.demandes import validation as rules
from orion_data.demandes.model import TypeDemande
from orion_data.errors import ValidationError


def test_uai_known(referentiel):
    etablissement, errors = rules.check_uai(referentiel, UAI)
    assert errors == {}
    assert etablissement.territoire.code_region == "11"


@pytest.mark.parametrize("uai", ["0750009Z", "075001A", "ABCDEFGH", ""])
def test_uai_rejected(referentiel, uai):
    _, errors = rules.check_uai(referentiel, uai)
    assert "uai" in errors


def test_formation_open_vocational(referentiel):
    _, errors = rules.check_formation(referentiel, BAC_PRO, 2027)
    assert errors == {}


@pytest.mark.parametrize("cfd", ["99999999", "1234", CLOSED_CAP, LICENCE])
def test_formation_rejected(referentiel, cfd):
    _, errors = rules.check_formation(referentiel, cfd, 2027)
    assert "cfd" in errors


def test_dispositif_of_cfd(referentiel):
    assert rules.check_dispositif(referentiel, CAP, "241") == {}


def test_dispositif_of_other_cfd(referentiel):
    errors = rules.check_dispositif(referentiel, CAP, "247")
    assert "241" in errors["dispositif"]


def test_fcil_needs_label(referentiel):
    formation = referentiel.formation(FCIL)
    assert "libelle_fcil" in rules.check_fcil_label(formation, "")


def test_fcil_with_label(referentiel):
    formation = referentiel.formation(FCIL)
    assert rules.check_fcil_label(formation, "Sommellerie") == {}


@pytest.mark.parametrize("value", ["2027", 2027, " 2027 "])
def test_rentree_parsed(value):
    assert rules.parse_rentree(value) == (2027, {})


@pytest.mark.parametrize("value", ["27", "2027.0", "deux", None, True])
def test_rentree_not_a_year(value):
    assert "rentree" in rules.parse_rentree(value)[1]


def test_rentree_after_campaign():
    assert rules.check_rentree(2027, 2026, TypeDemande.OUVERTURE) == {}


def test_rentree_equal_campaign_rejected():
    assert "rentree" in rules.check_rentree(2026, 2026, TypeDemande.OUVERTURE)


def test_rentree_equal_campaign_ajustement():
    assert rules.check_rentree(2026, 2026, TypeDemande.AJUSTEMENT) == {}


def test_rentree_before_campaign_rejected():
    assert "rentree" in rules.check_rentree(2025, 2026, TypeDemande.AJUSTEMENT)


def test_unknown_type_rejected():
    assert "type_demande" in rules.parse_type("creation")[1]


def test_motif_of_type_accepted():
    assert rules.check_motifs(TypeDemande.OUVERTURE, ("metier_en_tension",), "") == {}


def test_motif_of_other_type_rejected():
    assert "motifs" in rules.check_motifs(TypeDemande.OUVERTURE, ("faible_attractivite",), "")


def test_motif_required():
    assert "motifs" in rules.check_motifs(TypeDemande.FERMETURE, (), "")


def test_motif_optional_for_ajustement():
    assert rules.check_motifs(TypeDemande.AJUSTEMENT, (), "") == {}


def test_autre_needs_text():
    assert "autre_motif" in rules.check_motifs(TypeDemande.FERMETURE, ("autre",), "")


def test_autre_with_text():
    assert rules.check_motifs(TypeDemande.FERMETURE, ("autre",), "Locaux vendus") == {}


def test_coloration_type_needs_flag():
    errors = rules.check_coloration_labels(False, TypeDemande.COLORATION, ())
    assert "coloration" in errors


def test_coloration_needs_label():
    errors = rules.check_coloration_labels(True, TypeDemande.AUGMENTATION, ())
    assert "libelles_coloration" in errors


def test_coloration_with_label():
    assert rules.check_coloration_labels(True, TypeDemande.COLORATION, ("Aéronautique",)) == {}


def test_free_text_at_limit():
    assert rules.check_free_text("observations", "x" * 2000) == {}


def test_free_text_over_limit():
    assert "2001" in rules.check_free_text("observations", "x" * 2001)["observations"]


def test_valid_form_accepted(referentiel):
    champs, etablissement = rules.validate_demande(form(), 2026, referentiel)
    assert champs.capacites.scolaire_future == 30
    assert etablissement.uai == UAI


def test_form_normalizes_codes(referentiel):
    champs, _ = rules.validate_demande(form(uai=" 0750001a "), 2026, referentiel)
    assert champs.uai == UAI


def test_form_reports_every_field(referentiel):
    bad = form(uai="nope", capacite_scolaire_future="-3", rentree="2026", observations="x" * 2001)
    with pytest.raises(ValidationError) as raised:
        rules.validate_demande(bad, 2026, referentiel)
    assert set(raised.value.errors) >= {
        "uai",
        "capacite_scolaire_future",
        "rentree",
        "observations",
    }


def test_form_rejects_text_boolean(referentiel):
    with pytest.raises(ValidationError) as raised:
        rules.validate_demande(form(ami_cma="oui"), 2026, referentiel)
    assert "ami_cma" in raised.value.errors


def test_coloration_form_accepted(referentiel):
    coloured = form(
        type_demande="coloration",
        capacite_scolaire_future="24",
        capacite_scolaire_coloree_future="6",
        coloration=True,
        libelles_coloration="Commerce international",
        motifs=["partenariat_entreprise"],
    )
    champs, _ = rules.validate_demande(coloured, 2026, referentiel)
    assert champs.libelles_coloration == ("Commerce international",)


@pytest.mark.parametrize("autre_motif", ["\u200b", "\u2060\u200e", "\u00a0\u3000", "\u2029"])
def test_autre_invisible_text_rejected(autre_motif):
    errors = rules.check_motifs(TypeDemande.FERMETURE, ("autre",), autre_motif)
    assert "autre_motif" in errors


def test_fcil_invisible_label_rejected(referentiel):
    formation, _ = rules.check_formation(referentiel, FCIL, 2027)
    assert "libelle_fcil" in rules.check_fcil_label(formation, "\u200b\u200b")


@pytest.mark.parametrize("field", rules.FREE_TEXT_FIELDS)
@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x08", "\r", "\x7f", "\x9b"])
def test_free_text_control_character_rejected(referentiel, field, control):
    raw = form(**{field: f"Texte{control}saisi", "motifs": ["besoin_recrutement_local", "autre"]})
    with pytest.raises(ValidationError) as raised:
        rules.validate_demande(raw, 2026, referentiel)
    message = raised.value.errors[field]
    assert "contrôle" in message
    assert f"U+{ord(control):04X}" in message
    assert "« " in message


def test_coloration_label_control_character_rejected(referentiel):
    raw = form(type_demande="coloration", coloration=True, libelles_coloration=["Aéro\x00"])
    with pytest.raises(ValidationError) as raised:
        rules.validate_demande(raw, 2026, referentiel)
    assert "Libellés de coloration" in raised.value.errors["libelles_coloration"]


def test_free_text_tab_newline_accepted(referentiel):
    raw = form(observations="Ligne 1\nLigne\t2")
    champs, _ = rules.validate_demande(raw, 2026, referentiel)
    assert champs.observations == "Ligne 1\nLigne\t2"


def test_rentree_within_horizon():
    assert rules.check_rentree(2026 + rules.RENTREE_HORIZON, 2026, TypeDemande.OUVERTURE) == {}


def test_rentree_too_far_rejected():
    errors = rules.check_rentree(9999, 2026, TypeDemande.OUVERTURE)
    assert "trop lointaine" in errors["rentree"]


def test_rentree_missing_message():
    assert "manquante" in rules.parse_rentree(None)[1]["rentree"]


def test_rentree_huge_int_rejected():
    assert "rentree" in rules.parse_rentree(10**5000)[1]
