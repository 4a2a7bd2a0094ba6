from __future__ import annotations

import logging
import random
from collections.abc import MutableMapping

import pytest

from orion_data.url_state import (
    Param,
    encode_state,
    integer_between,
    matching,
    parse_boolean,
    read_state,
    show_value,
    write_state,
)

SPEC = {
    "region": Param(default="84", choices=frozenset({"84", "11", "93"}), label="région"),
    "rentree": Param(default=2022, parse=integer_between(2015, 2030), label="rentrée"),
    "niveau": Param(default=[], choices=frozenset({"500", "400", "320"}), multiple=True),
    "uai": Param(default=[], parse=matching(r"[0-9]{7}[A-Z]", transform=str.upper), multiple=True),
    "carte": Param(default=False, parse=parse_boolean),
}
DEFAULTS = {"region": "84", "rentree": 2022, "niveau": [], "uai": [], "carte": False}


class FakeQueryParams(MutableMapping):
    """Mimics st.query_params: repeated keys, `get_all`, and item access to the last value."""

    def __init__(self, pairs: list[tuple[str, str]] = ()):
        self.values: dict[str, list[str]] = {}
        self.writes = 0
        for key, value in pairs:
            self.values.setdefault(key, []).append(value)

    def get_all(self, key):
        return list(self.values.get(key, []))

    def __getitem__(self, key):
        return self.values[key][-1]

    def __setitem__(self, key, value):
        self.writes += 1
        self.values[key] = [value] if isinstance(value, str) else list(value)

    def __delitem__(self, key):
        del self.values[key]

    def __iter__(self):
        return iter(self.values)

    def __len__(self):
        return len(self.values)


def test_empty_params_give_defaults():
    state, notices = read_state({}, SPEC)
    assert state == DEFAULTS
    assert notices == []


def test_valid_values_are_parsed():
    params = {
        "region": "11",
        "rentree": "2019",
        "niveau": ["500", "320"],
        "uai": "0750001a",
        "carte": "oui",
    }
    state, notices = read_state(params, SPEC)
    assert state == {
        "region": "11",
        "rentree": 2019,
        "niveau": ["500", "320"],
        "uai": ["0750001A"],
        "carte": True,
    }
    assert notices == []


def test_code_is_stripped():
    state, notices = read_state({"region": " 93 "}, SPEC)
    assert state["region"] == "93"
    assert notices == []


def test_empty_value_is_default_silently():
    state, notices = read_state({"region": "", "niveau": [""]}, SPEC)
    assert state["region"] == "84"
    assert state["niveau"] == []
    assert notices == []


def test_unknown_code_falls_back():
    state, notices = read_state({"region": "99"}, SPEC)
    assert state["region"] == "84"
    assert notices == [
        "Paramètre « région » : « 99 » ignoré, car ce code n'est pas reconnu. "
        "La valeur par défaut est utilisée."
    ]


@pytest.mark.parametrize(
    "garbage",
    ["abc", "2022.5", "1e3", " 2022", "+2022", "٢٠٢٢", "2014", "2031", "9" * 5000, "0x7e6"],
)
def test_bad_integer_falls_back(garbage):
    state, notices = read_state({"rentree": garbage}, SPEC)
    assert state["rentree"] == 2022
    assert len(notices) == 1
    assert notices[0].startswith("Paramètre « rentrée » : « ")


@pytest.mark.parametrize("value", [2022, 84.0, {"a": 1}, b"84", object()])
def test_wrong_type_falls_back(value):
    state, notices = read_state({"region": value}, SPEC)
    assert state["region"] == "84"
    assert len(notices) == 1
    assert f"de type {type(value).__name__}" in notices[0]


def test_none_value_is_missing():
    state, notices = read_state({"region": None}, SPEC)
    assert state["region"] == "84"
    assert notices == []


def test_huge_string_is_rejected_and_cut():
    state, notices = read_state({"region": "8" * 100_000}, SPEC)
    assert state["region"] == "84"
    assert len(notices) == 1
    assert "dépasse 200 caractères" in notices[0]
    assert "8" * 40 + "…" in notices[0]
    assert len(notices[0]) < 200


def test_repeated_key_keeps_last():
    state, notices = read_state(FakeQueryParams([("region", "11"), ("region", "93")]), SPEC)
    assert state["region"] == "93"
    assert notices == [
        "Paramètre « région » : 2 valeurs reçues pour un seul choix, seule la dernière est retenue."
    ]


def test_repeated_key_bad_last_value():
    state, notices = read_state({"region": ["11", "<b>"]}, SPEC)
    assert state["region"] == "84"
    assert len(notices) == 2


def test_multiple_drops_bad_and_duplicates():
    state, notices = read_state({"uai": ["0750001a", "pas-un-uai", "0750001A"]}, SPEC)
    assert state["uai"] == ["0750001A"]
    assert notices == [
        "Paramètre « uai » : « pas\\-un\\-uai » ignoré, car cette valeur n'est pas valide."
    ]


def test_multiple_all_bad_gives_default():
    state, notices = read_state({"niveau": ["999", "abc"]}, SPEC)
    assert state["niveau"] == []
    assert len(notices) == 2


def test_multiple_keeps_first_hundred():
    values = ["500"] * 150
    state, notices = read_state({"niveau": values}, SPEC)
    assert state["niveau"] == ["500"]
    assert notices == [
        "Paramètre « niveau » : 150 valeurs reçues, seules les 100 premières sont retenues."
    ]


def test_get_all_is_used():
    params = FakeQueryParams([("niveau", "500"), ("niveau", "400")])
    state, _ = read_state(params, SPEC)
    assert state["niveau"] == ["500", "400"]


def test_unknown_parameter_is_ignored():
    state, notices = read_state({"embed": "true", "drop table": "x"}, SPEC)
    assert state == DEFAULTS
    assert notices == []


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("84' OR 1=1 --", "84\\' OR 1\\=1 \\-\\-"),
        ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\<\\/script\\>"),
        ("[lien](javascript:alert(1))", "\\[lien\\]\\(javascript\\:alert\\(1\\)\\)"),
        ("**gras** :red[rouge] $x^2$", "\\*\\*gras\\*\\* \\:red\\[rouge\\] \\$x\\^2\\$"),
        ("a\x00b\u202ec\nd", "a\ufffdb\ufffdc\ufffdd"),
    ],
)
def test_injection_text_is_escaped(value, escaped):
    state, notices = read_state({"region": value}, SPEC)
    assert state["region"] == "84"
    assert f"« {escaped} »" in notices[0]


def test_label_is_escaped():
    spec = {"x": Param(default="a", choices={"a"}, label="*x*")}
    _, notices = read_state({"x": "b"}, spec)
    assert notices[0].startswith("Paramètre « \\*x\\* »")


def test_show_value_cuts_long_text():
    assert show_value("é" * 50) == "é" * 40 + "…"


def test_garbage_never_raises():
    generator = random.Random(20261204)
    alphabet = "0123456789azAZ=+-@'\"<>&%;,.:/\\ \t\r\n\x00éŒ😀\u202e"
    for _ in range(500):
        params = {}
        for name in SPEC:
            count = generator.randint(0, 3)
            texts = [
                "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 30)))
                for _ in range(count)
            ]
            params[name] = texts if generator.random() < 0.5 else "".join(texts)
        state, notices = read_state(params, SPEC)
        assert state["region"] in {"84", "11", "93"}
        assert 2015 <= state["rentree"] <= 2030
        assert set(state["niveau"]) <= {"500", "400", "320"}
        assert all(isinstance(notice, str) for notice in notices)


def test_param_needs_one_checker():
    with pytest.raises(ValueError, match="exactly one"):
        Param(default="a")
    with pytest.raises(ValueError, match="exactly one"):
        Param(default="a", choices={"a"}, parse=str)


def test_multiple_param_needs_list_default():
    with pytest.raises(ValueError, match="list default"):
        Param(default="500", choices={"500"}, multiple=True)


@pytest.mark.parametrize(
    ("text", "expected"), [("1", True), ("TRUE", True), ("Oui", True), ("0", False), ("non", False)]
)
def test_parse_boolean(text, expected):
    assert parse_boolean(text) is expected


def test_parse_boolean_rejects_other():
    with pytest.raises(ValueError):
        parse_boolean("peut-être")


def test_encode_omits_defaults():
    assert encode_state(DEFAULTS, SPEC) == {}
    assert encode_state({}, SPEC) == {}


def test_encode_writes_changes():
    state = dict(DEFAULTS, region="11", rentree=2019, niveau=["500", "400"], carte=True)
    assert encode_state(state, SPEC) == {
        "region": "11",
        "rentree": "2019",
        "niveau": ["500", "400"],
        "carte": "True",
    }


def test_encode_leaves_out_invalid(caplog):
    state = dict(DEFAULTS, region="99", rentree=1900, niveau=["500", "xxx"])
    with caplog.at_level(logging.WARNING, logger="orion_data.url_state"):
        params = encode_state(state, SPEC)
    assert params == {"niveau": ["500"]}
    assert "region" in caplog.text
    assert "1900" in caplog.text


def test_encode_then_read_round_trips():
    state = {
        "region": "93",
        "rentree": 2016,
        "niveau": ["320"],
        "uai": ["0750001A", "0930002B"],
        "carte": True,
    }
    assert read_state(encode_state(state, SPEC), SPEC) == (state, [])


def test_write_state_updates_only_spec_keys():
    params = FakeQueryParams([("region", "11"), ("embed", "true"), ("niveau", "500")])
    write_state(params, dict(DEFAULTS, rentree=2020, niveau=["400", "320"]), SPEC)
    assert params.values == {"embed": ["true"], "rentree": ["2020"], "niveau": ["400", "320"]}


def test_write_state_skips_unchanged():
    params = FakeQueryParams([("region", "11"), ("niveau", "500"), ("niveau", "400")])
    write_state(params, dict(DEFAULTS, region="11", niveau=["500", "400"]), SPEC)
    assert params.writes == 0


def test_write_state_on_plain_dict():
    params = {"region": "11", "other": "x"}
    write_state(params, dict(DEFAULTS, niveau=["500"]), SPEC)
    assert params == {"other": "x", "niveau": ["500"]}


def test_encode_strips_search_text():
    spec = {"q": Param(default="", parse=str.strip, label="recherche")}
    assert encode_state({"q": "  cuisine "}, spec) == {"q": "cuisine"}


def test_encode_drops_blank_search_text():
    spec = {"q": Param(default="", parse=str.strip, label="recherche")}
    assert encode_state({"q": "   "}, spec) == {}
