"""Every selectbox and multiselect of the demand pages sets a French placeholder.

Without one, Streamlit shows its English default ("Choose an option", "Choose options").
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (
    "pages/demandes.py",
    "pages/demande_detail.py",
    "pages/demande_formulaire.py",
    "orion_data/demande_form_ui.py",
)
WIDGETS = {"selectbox", "multiselect"}


def _widget_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WIDGETS
    ]


@pytest.mark.parametrize("source", SOURCES)
def test_select_widgets_have_placeholder(source):
    for call in _widget_calls(ROOT / source):
        keywords = {keyword.arg for keyword in call.keywords}
        assert "placeholder" in keywords, f"{source}:{call.lineno} has no placeholder"


def test_list_filters_placeholder_french():
    calls = _widget_calls(ROOT / "pages/demandes.py")
    multiselects = [call for call in calls if call.func.attr == "multiselect"]
    assert len(multiselects) == 2
    for call in multiselects:
        placeholder = next(k.value for k in call.keywords if k.arg == "placeholder")
        assert isinstance(placeholder, ast.Constant)
        assert placeholder.value == "Tous"
