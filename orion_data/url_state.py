"""A page's filter state in the URL's query parameters, checked against an allow-list.

A page declares its parameters once, as a dict from parameter name to `Param`. `read_state`
turns query parameters into filter values and never raises on what a user typed in a URL. A
malformed value or a code outside the allow-list falls back to the default and adds a French
notice for the page to show. `encode_state` and `write_state` put the state back, leaving out
the defaults so that shared links stay short. Parameters not in the spec are ignored.

Streamlit is not imported: `st.query_params` is used through its `get_all` method and its
mapping interface, and a plain dict works too.
"""

from __future__ import annotations

import logging
import re
import string
import unicodedata
from collections.abc import Callable, Collection, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, Final

logger = logging.getLogger(__name__)

MAX_SHOWN_LENGTH: Final = 40
_MARKDOWN_SPECIALS: Final = re.compile("([" + re.escape(string.punctuation) + "])")


@dataclass(frozen=True)
class Param:
    """The spec of one query parameter: its default and how a value is checked.

    Set exactly one of `choices` and `parse`. `choices` are the allowed codes, compared after
    stripping surrounding whitespace. `parse` converts a string or raises ValueError, and
    `format` writes a value back as a string that `parse` accepts. With `multiple`, the
    parameter may repeat (`?region=84&region=11`), the state value is a list without
    duplicates, and at most `max_values` values are kept. `label` names the parameter in
    notices, and a value longer than `max_length` characters is rejected before parsing.
    """

    default: Any
    choices: Collection[str] | None = None
    parse: Callable[[str], Any] | None = None
    format: Callable[[Any], str] = str
    multiple: bool = False
    label: str | None = None
    max_length: int = 200
    max_values: int = 100

    def __post_init__(self) -> None:
        if (self.choices is None) == (self.parse is None):
            raise ValueError("Param needs exactly one of `choices` and `parse`.")
        if self.multiple and not isinstance(self.default, (list, tuple)):
            raise ValueError(f"A multiple Param needs a list default, not {self.default!r}.")


def integer_between(minimum: int, maximum: int) -> Callable[[str], int]:
    """Return a parser of ASCII integers from `minimum` to `maximum` inclusive."""

    def parse(text: str) -> int:
        if not re.fullmatch(r"-?[0-9]{1,18}", text):
            raise ValueError(f"{text!r} is not an integer.")
        number = int(text)
        if not minimum <= number <= maximum:
            raise ValueError(f"{number} is outside {minimum}..{maximum}.")
        return number

    return parse


def matching(
    pattern: str, *, transform: Callable[[str], str] | None = None
) -> Callable[[str], str]:
    """Return a parser that accepts a string matching the whole of `pattern`.

    `transform` (e.g. `str.upper` for a UAI) is applied before the match.
    """
    compiled = re.compile(pattern)

    def parse(text: str) -> str:
        value = transform(text) if transform else text
        if not compiled.fullmatch(value):
            raise ValueError(f"{text!r} does not match {pattern}.")
        return value

    return parse


def parse_boolean(text: str) -> bool:
    """Parse 1/0, true/false or oui/non in any case, the spellings a URL may carry."""
    lowered = text.lower()
    if lowered in ("1", "true", "oui"):
        return True
    if lowered in ("0", "false", "non"):
        return False
    raise ValueError(f"{text!r} is not a boolean.")


def show_value(value: object) -> str:
    """Return `value` fit to quote in a notice that Streamlit renders as Markdown.

    The text is cut to 40 characters. Control and invisible formatting characters become
    U+FFFD, and ASCII punctuation is backslash-escaped so that links, emphasis, colour
    directives and LaTeX show as plain text.
    """
    text = value if isinstance(value, str) else repr(value)
    if len(text) > MAX_SHOWN_LENGTH:
        text = text[:MAX_SHOWN_LENGTH] + "…"
    text = "".join(
        "\ufffd" if unicodedata.category(char).startswith("C") else char for char in text
    )
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def _raw_values(params: Mapping[str, Any], name: str) -> list[Any]:
    """Return every value given for `name`, in URL order."""
    get_all = getattr(params, "get_all", None)
    if callable(get_all):
        return list(get_all(name))
    raw = params.get(name)
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return list(raw)
    return [raw]


def _check(param: Param, raw: Any) -> tuple[bool, Any, str]:
    """Return (accepted, value, reason) for one raw value. The reason is in French."""
    if not isinstance(raw, str):
        return False, None, f"une valeur de type {type(raw).__name__} n'est pas attendue"
    if len(raw) > param.max_length:
        return False, None, f"la valeur dépasse {param.max_length} caractères"
    if param.choices is not None:
        code = raw.strip()
        if code in param.choices:
            return True, code, ""
        return False, None, "ce code n'est pas reconnu"
    try:
        return True, param.parse(raw), ""
    except (ValueError, TypeError, OverflowError):
        return False, None, "cette valeur n'est pas valide"


def _notice(name: str, param: Param, raw: Any, reason: str, outcome: str = "") -> str:
    label = show_value(param.label or name)
    notice = f"Paramètre « {label} » : « {show_value(raw)} » ignoré, car {reason}."
    return f"{notice} {outcome}" if outcome else notice


def _read_single(name: str, param: Param, values: list[Any]) -> tuple[Any, list[str]]:
    notices = []
    if len(values) > 1:
        label = show_value(param.label or name)
        notices.append(
            f"Paramètre « {label} » : {len(values)} valeurs reçues pour un seul choix, "
            "seule la dernière est retenue."
        )
    raw = values[-1]
    accepted, value, reason = _check(param, raw)
    if accepted:
        return value, notices
    notices.append(_notice(name, param, raw, reason, "La valeur par défaut est utilisée."))
    return param.default, notices


def _read_multiple(name: str, param: Param, values: list[Any]) -> tuple[Any, list[str]]:
    notices = []
    if len(values) > param.max_values:
        label = show_value(param.label or name)
        notices.append(
            f"Paramètre « {label} » : {len(values)} valeurs reçues, seules les "
            f"{param.max_values} premières sont retenues."
        )
        values = values[: param.max_values]

    accepted_values: list[Any] = []
    for raw in values:
        accepted, value, reason = _check(param, raw)
        if not accepted:
            notices.append(_notice(name, param, raw, reason))
        elif value not in accepted_values:
            accepted_values.append(value)

    if not accepted_values:
        return list(param.default), notices
    return accepted_values, notices


def read_state(
    params: Mapping[str, Any], spec: Mapping[str, Param]
) -> tuple[dict[str, Any], list[str]]:
    """Read each parameter of `spec` from `params` and return (state, notices).

    `params` is `st.query_params` or a dict whose values are strings or lists of strings.
    A missing or empty parameter takes its default silently. A value that is rejected is
    replaced by the default, or dropped from a multiple parameter, and adds one French notice
    that names the parameter and quotes the value through `show_value`.
    """
    state: dict[str, Any] = {}
    notices: list[str] = []
    for name, param in spec.items():
        values = [raw for raw in _raw_values(params, name) if raw != ""]
        if not values:
            state[name] = list(param.default) if param.multiple else param.default
            continue
        reader = _read_multiple if param.multiple else _read_single
        state[name], param_notices = reader(name, param, values)
        notices.extend(param_notices)
    return state, notices


def _encode_value(name: str, param: Param, value: Any) -> str | None:
    """Return `value` as its query string, or None when reading it back would reject it.

    A value that reading normalises (a search text with surrounding spaces) is written in its
    normalised form, which gives the same view.
    """
    text = param.format(value)
    accepted, read_back, _ = _check(param, text)
    if accepted and read_back == value:
        return text
    if accepted and isinstance(value, str) and read_back == value.strip():
        return None if read_back == param.default else param.format(read_back)
    logger.warning(
        "Query parameter %s: value %r is not in its spec, so it is left out", name, value
    )
    return None


def encode_state(state: Mapping[str, Any], spec: Mapping[str, Param]) -> dict[str, Any]:
    """Return the query parameters for `state`, leaving out every value equal to its default.

    A multiple parameter becomes a list of strings, which Streamlit writes as a repeated key.
    A value that `read_state` would reject is left out, with a warning in the log.
    """
    params: dict[str, Any] = {}
    for name, param in spec.items():
        value = state.get(name, param.default)
        if param.multiple:
            value = [value] if isinstance(value, str) else list(value)
            default = list(param.default)
        else:
            default = param.default
        if value == default:
            continue
        if param.multiple:
            texts = [_encode_value(name, param, item) for item in value]
            texts = [text for text in texts if text is not None]
            if texts:
                params[name] = texts
        else:
            text = _encode_value(name, param, value)
            if text is not None:
                params[name] = text
    return params


def write_state(
    params: MutableMapping[str, Any], state: Mapping[str, Any], spec: Mapping[str, Param]
) -> None:
    """Update `params` (e.g. `st.query_params`) to `state`, touching only the keys of `spec`.

    A key whose value is already right is not written again, so the URL changes only when the
    state does.
    """
    encoded = encode_state(state, spec)
    for name in spec:
        current = _raw_values(params, name)
        if name not in encoded:
            if current:
                del params[name]
            continue
        expected = encoded[name]
        if current != (expected if isinstance(expected, list) else [expected]):
            params[name] = expected


def keep_option(state: MutableMapping[str, Any], key: str, options: Collection, fallback) -> None:
    """Replace `state[key]` when the current options no longer contain it.

    Call it before the widget of `key` runs (`state` is `st.session_state`). A list value
    keeps only its items that are still options, and `fallback` replaces a single value.
    """
    value = state.get(key)
    if isinstance(value, list):
        state[key] = [item for item in value if item in options]
    elif value not in options:
        state[key] = fallback
