"""One district matcher for every way in: the form, the grid, the command line and the
import accept the same loose spellings, and a name none matches is refused with the
closest official names; a loose spelling never lands on the wrong district."""

from __future__ import annotations

import pytest

from tracker.domain.districts import (
    DistrictMatcher,
    UnknownDistrictError,
    canonical_district,
    district_names,
    district_of_report,
)
from tracker.domain.entries import EntryError, validate_entry
from tracker.domain.plan import Plan

LOOSE = [
    ("chuong my", "Chương Mỹ"),
    ("huyen chuong my", "Chương Mỹ"),
    ("Huyện Chương Mỹ", "Chương Mỹ"),
    ("H. Chương Mỹ", "Chương Mỹ"),
    ("  CHUONG   MY ", "Chương Mỹ"),
    ("Q.Ba Đình", "Ba Đình"),
    ("quan hoan kiem", "Hoàn Kiếm"),
    ("TX Sơn Tây", "Sơn Tây"),
    ("thi xa son tay", "Sơn Tây"),
    ("Dan Phuong", "Đan Phượng"),
    ("ứng hoà", "Ứng Hòa"),
    ("ba vi", "Ba Vì"),
]


@pytest.mark.parametrize(("typed", "official"), LOOSE)
def test_the_form_the_command_line_and_the_import_take_the_same_spellings(typed: str, official: str) -> None:
    assert canonical_district(typed) == official
    assert district_of_report(typed) == official


@pytest.mark.parametrize(("typed", "official"), LOOSE[:4])
def test_an_entry_is_stored_under_the_official_name(plan: Plan, typed: str, official: str) -> None:
    valid = validate_entry(
        plan, target_id="workers-trained", quantity=5, ref_date="2017-03-31", district=typed, entered_by="Lan"
    )
    assert valid.district == official


@pytest.mark.parametrize("typed", [None, "", "Toàn thành phố", "toan thanh pho", "Thành phố Hà Nội", "city-wide"])
def test_the_whole_city_is_one_spelling_set(typed: str | None) -> None:
    assert canonical_district(typed) is None


def test_an_unknown_name_is_refused_with_the_closest_names(plan: Plan) -> None:
    with pytest.raises(UnknownDistrictError) as refused:
        canonical_district("chuong mi")
    assert refused.value.suggestions[0] == "Chương Mỹ"
    with pytest.raises(EntryError) as caught:
        validate_entry(
            plan, target_id="workers-trained", quantity=5, ref_date="2017-03-31", district="chuong mi", entered_by="L"
        )
    assert caught.value.render("vi") == [
        "Quận/huyện: 'chuong mi' không phải quận, huyện, thị xã của Hà Nội năm 2017; có phải: Chương Mỹ?"
    ]
    assert caught.value.render("en") == [
        "District: 'chuong mi' is not one of Hanoi's districts in 2017; did you mean: Chương Mỹ?"
    ]


def test_a_name_far_from_every_district_is_refused_without_a_guess() -> None:
    with pytest.raises(UnknownDistrictError) as refused:
        canonical_district("Paris")
    assert refused.value.suggestions == ()


def test_no_two_official_names_fold_alike() -> None:
    """The 2017 list has no two names that differ only by their marks: each, written bare,
    is still its own district."""
    matcher = DistrictMatcher(district_names())
    assert matcher.clashes == {}


def test_names_that_fold_alike_are_never_guessed() -> None:
    """Were two districts to differ only by their marks, a spelling without them names
    both and is refused with both; the name written with its marks is still taken."""
    matcher = DistrictMatcher(("Ba Vì", "Ba Vi", "Chương Mỹ"))
    for typed in ("ba vi", "huyen ba vi", "BA VI"):
        with pytest.raises(UnknownDistrictError) as refused:
            matcher.match(typed)
        assert refused.value.ambiguous and set(refused.value.suggestions) == {"Ba Vì", "Ba Vi"}
    assert matcher.match("Ba Vì") == "Ba Vì"
    assert matcher.match("ba vì") == "Ba Vì"
    assert matcher.match("Huyện Ba Vì") == "Ba Vì"
    assert matcher.match("chuong my") == "Chương Mỹ"
