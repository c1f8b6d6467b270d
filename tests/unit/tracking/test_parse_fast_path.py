"""The quick parse of a usual logged item gives exactly what the full parse gives, and anything
unusual goes to the full parse (which names the field and the allowed values)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upright.domain.errors import HistoryError
from upright.domain.tracking.logs import _plain_item, parse_item, parse_session

KNOWN = frozenset({"walking", "bird_dog", "pelvic_tilt"})
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 700), st.floats(-1, 700), st.text(max_size=3),
    st.lists(st.integers(), max_size=1),
)  # fmt: skip
KEYS = st.sampled_from(
    ["id", "done", "status", "minutes", "times", "sets", "reps", "hold_seconds", "pain", "odd"]
)


@st.composite
def items(draw: st.DrawFn) -> Any:
    raw: dict[str, Any] = {"id": draw(st.sampled_from([*sorted(KNOWN), "moonwalk", 3]))}
    for key in draw(st.lists(KEYS, max_size=5, unique=True)):
        raw[key] = draw(
            st.sampled_from(["done", "partly", "skipped", "maybe"]) if key == "status" else VALUES
        )
    return raw


def _full(raw: Any) -> Any:
    try:
        return parse_item("item", raw, KNOWN)
    except HistoryError as error:
        return ("error", str(error))


@settings(max_examples=400)
@given(raw=items())
def test_the_quick_parse_equals_the_full_parse_or_leaves_it_to_it(raw: Any) -> None:
    quick = _plain_item(raw, KNOWN)
    full = _full(raw)
    if quick is not None:
        assert quick == full
        assert quick.to_json() == full.to_json()
        assert [type(getattr(quick, k)) for k in vars(quick)] == [
            type(getattr(full, k)) for k in vars(full)
        ]


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"id": "walking", "done": 1}, "items[0].done"),
        ({"id": "walking", "pain": 11}, "items[0].pain"),
        ({"id": "walking", "minutes": True}, "items[0].minutes"),
        ({"id": "moonwalk"}, "items[0].id"),
    ],
)
def test_an_unusual_item_is_still_refused_naming_its_field(raw: Any, field: str) -> None:
    with pytest.raises(HistoryError) as caught:
        parse_session("s", {"date": "2026-01-05", "items": [raw]}, KNOWN)
    assert field in str(caught.value)
