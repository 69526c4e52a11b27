"""Display forms of codes: the laws, stated as properties, and the forms seen in documents."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govbudget.codes import Scheme, catalogue, infer_scheme, join_code, parse_code
from govbudget.errors import InvalidCode

FULL_WIDTH = str.maketrans("0123456789-[]", "０１２３４５６７８９－［］")


@st.composite
def codes(draw: st.DrawFn) -> str:
    """Well-formed codes built constructively: a 类 of a scheme, then 2-digit groups."""
    scheme = draw(st.sampled_from(list(Scheme)))
    length = draw(st.sampled_from(scheme.lengths))
    digits = draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    return scheme.lead_digit + digits


def groups(code: str) -> list[str]:
    return [code[:3]] + [code[i : i + 2] for i in range(3, len(code), 2)]


@st.composite
def display_forms(draw: st.DrawFn) -> tuple[str, str]:
    code = draw(codes())
    sep = draw(st.sampled_from(["", " ", "-", "  ", " - ", "."]))
    text = sep.join(groups(code)) if sep.strip(" ") or sep else code
    if draw(st.booleans()):
        text = f"[{text}]"
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    if draw(st.booleans()):
        text = f" {text}\t"
    return code, text


@given(display_forms())
def test_every_display_form_parses_back(pair: tuple[str, str]) -> None:
    code, text = pair
    assert parse_code(text) == code


@given(codes())
def test_split_cells_join_back(code: str) -> None:
    cells = groups(code)[:3]
    if len(code) <= 7:
        assert join_code(*cells) == code
        assert join_code(*(int(c) for c in cells)) == code  # a spreadsheet dropped zeros


@given(st.one_of(st.text(max_size=30), st.integers(), st.none(), st.floats(),
                 st.binary(max_size=10), st.lists(st.integers(), max_size=3)))
def test_junk_only_raises_invalid_code(junk: object) -> None:
    try:
        code = parse_code(junk)
    except InvalidCode:
        return
    assert code.isdigit() and len(code) in (3, 5, 7, 9) and infer_scheme(code)


@given(st.text(max_size=30))
def test_catalogue_get_never_raises(text: str) -> None:
    got = catalogue("functional", 2023).get(text)
    assert got is None or got.code == parse_code(text)


@pytest.mark.parametrize("scheme", list(Scheme))
def test_parent_is_a_prefix_of_its_child(scheme: Scheme) -> None:
    for e in catalogue(scheme, 2023):
        if e.parent is not None:
            assert e.code.startswith(e.parent) and len(e.code) == len(e.parent) + 2
            assert e in catalogue(scheme, 2023).lookup(e.parent).children


@pytest.mark.parametrize(
    ("text", "code"),
    [("2080505", "2080505"), ("208 05 05", "2080505"), ("208-05-05", "2080505"),
     ("[208]", "208"), ("【220】", "220"), ("２０８０５０５", "2080505"), ("302-31", "30231"),
     ("302 31", "30231"), (2080101, "2080101"), ("  30231 ", "30231")],
)
def test_document_forms(text: object, code: str) -> None:
    assert parse_code(text) == code


@pytest.mark.parametrize(
    "junk", ["", "20", "2080", "20805 0", "2 08 05", "abc", "208x", "408", "0801", "-208",
             "208.0", True, 3.0, None, "2080101.0", "1" * 100],
)
def test_junk(junk: object) -> None:
    with pytest.raises(InvalidCode):
        parse_code(junk)


def test_join_code_forms() -> None:
    assert join_code("208") == "208"
    assert join_code("208", "05") == "20805"
    assert join_code("208", "20805", "2080505") == "2080505"
    assert join_code(" 208 ", "", None) == "208"
    with pytest.raises(InvalidCode):
        join_code("208", None, "05")
    with pytest.raises(InvalidCode):
        join_code("", "05")
    with pytest.raises(InvalidCode):
        join_code("208", "5x")
