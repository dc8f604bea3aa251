"""Numbers typed the way each language writes them: in Vietnamese "." groups thousands and
"," marks decimals, in English the reverse; what could mean two numbers is refused with
both readings, and what the app writes reads back as written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.entries import EntryError, parse_quantity, validate_entry
from tracker.domain.numbers import AmbiguousNumberError, ForeignDigitError, read_number, typed_back
from tracker.domain.plan import Plan
from tracker.i18n import Lang, format_number

WORKERS = "workers-trained"  # a count
EXPORTS = "craft-village-exports"  # million USD, decimals allowed


@pytest.mark.parametrize(
    ("typed", "lang", "number"),
    [
        # Vietnamese: "." groups thousands, "," marks decimals
        ("1.200", "vi", "1200"),
        ("30.000", "vi", "30000"),
        ("+30.000", "vi", "30000"),
        ("1.234.567", "vi", "1234567"),
        ("12.400.000", "vi", "12400000"),
        ("22,5", "vi", "22.5"),
        ("1.234,5", "vi", "1234.5"),
        ("1234,5", "vi", "1234.5"),
        ("0,125", "vi", "0.125"),  # no number is grouped after a lone zero
        ("12400", "vi", "12400"),
        (" 12400 ", "vi", "12400"),
        ("30 000", "vi", "30000"),  # spaces group too
        ("30\u00a0000", "vi", "30000"),
        ("-1.200", "vi", "-1200"),  # an adjustment may be negative
        ("1,2345", "vi", "1.2345"),  # four decimals: nobody groups by four
        # one reading only, by the other language's rule: nothing else it could mean
        ("1,234,567", "vi", "1234567"),
        ("1,234.5", "vi", "1234.5"),
        ("0.5", "vi", "0.5"),
        # English: "," groups thousands, "." marks decimals
        ("1,200", "en", "1200"),
        ("30,000", "en", "30000"),
        ("1,234,567", "en", "1234567"),
        ("22.5", "en", "22.5"),
        ("1,234.5", "en", "1234.5"),
        ("0.125", "en", "0.125"),
        ("12400", "en", "12400"),
        ("1.234.567", "en", "1234567"),
        ("1.234,5", "en", "1234.5"),
    ],
)
def test_a_number_is_read_by_the_rule_of_the_persons_language(typed: str, lang: Lang, number: str) -> None:
    assert read_number(typed, lang) == Decimal(number)
    assert parse_quantity(typed, lang) == Decimal(number)


@pytest.mark.parametrize(
    ("typed", "lang", "readings", "message"),
    [
        ("1.5", "vi", ("1.5", "15"), "1,5 hay 15?"),
        ("1234.5", "vi", ("1234.5", "12345"), "1.234,5 hay 12.345?"),
        ("1,200", "vi", ("1.2", "1200"), "1,2 hay 1.200?"),
        ("30,000", "vi", ("30", "30000"), "30 hay 30.000?"),
        ("1,234", "vi", ("1.234", "1234"), "1,234 hay 1.234?"),  # a decimal that looks grouped
        ("1.200", "en", ("1.2", "1200"), "1.2 or 1,200?"),
        ("1,5", "en", ("1.5", "15"), "1.5 or 15?"),
        ("30.000", "en", ("30", "30000"), "30 or 30,000?"),
    ],
)
def test_a_number_the_two_rules_read_differently_is_refused_with_both_readings(
    typed: str, lang: Lang, readings: tuple[str, str], message: str
) -> None:
    with pytest.raises(AmbiguousNumberError) as refused:
        read_number(typed, lang)
    assert refused.value.readings == tuple(Decimal(reading) for reading in readings)
    assert refused.value.message(lang) == message


@pytest.mark.parametrize("typed", ["1..2", "1.2.3", ",5", "5,", ".", "", "+", "1e5", "1,2,3", "1.234.5", "12a", "--5"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_odd_forms_are_no_number(typed: str, lang: Lang) -> None:
    with pytest.raises(ValueError) as refused:
        read_number(typed, lang)
    assert not isinstance(refused.value, AmbiguousNumberError)


@pytest.mark.parametrize("typed", ["1\u06605", "\uff13", "\U0001d7d1", "1.\u0662\u0660\u0660"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_digits_of_other_scripts_are_refused(typed: str, lang: Lang) -> None:
    with pytest.raises(ForeignDigitError):
        read_number(typed, lang)


# --- through the entry's checks ---------------------------------------------------------


def problem_lines(plan: Plan, lang: Lang, **raw: object) -> list[str]:
    fields = {"target_id": WORKERS, "ref_date": "2017-03-31", "entered_by": "Lan", **raw}
    with pytest.raises(EntryError) as refused:
        validate_entry(plan, **fields, lang=lang)  # type: ignore[arg-type]
    return refused.value.render(lang)


def test_an_entry_typed_in_vietnamese_reads_1_200_as_twelve_hundred(plan: Plan) -> None:
    valid = validate_entry(plan, target_id=WORKERS, quantity="1.200", ref_date="2017-03-31", entered_by="Lan")
    assert valid.quantity == Decimal(1200)
    valid = validate_entry(plan, target_id=EXPORTS, quantity="1.234,5", ref_date="2017-03-31", entered_by="Lan")
    assert valid.quantity == Decimal("1234.5")


def test_an_entry_typed_in_english_reads_the_english_way(plan: Plan) -> None:
    valid = validate_entry(plan, target_id=WORKERS, quantity="1,200", ref_date="2017-03-31", entered_by="L", lang="en")
    assert valid.quantity == Decimal(1200)


def test_the_refusal_shows_the_two_readings_in_the_readers_language(plan: Plan) -> None:
    [vietnamese] = problem_lines(plan, "vi", target_id=EXPORTS, quantity="1,200")
    assert vietnamese.startswith("Số lượng: '1,200': 1,2 hay 1.200? Dấu chấm phân cách hàng nghìn")
    [english] = problem_lines(plan, "en", target_id=EXPORTS, quantity="1,5")
    assert english.startswith("Quantity: '1,5': 1.5 or 15? A comma groups thousands")


def test_a_count_is_whole_under_the_reading_taken(plan: Plan) -> None:
    assert problem_lines(plan, "vi", quantity="22,5") == [
        "Số lượng: chỉ tiêu này đếm số lao động nên số lượng phải là số nguyên"
    ]
    assert problem_lines(plan, "en", quantity="1,200.5") == [
        "Quantity: this target counts whole workers, so the quantity must be a whole number"
    ]


# --- what the app writes reads back as written -----------------------------------------

quantities = st.decimals(min_value=-100_000_000, max_value=100_000_000, places=3, allow_nan=False)


@given(value=quantities, lang=st.sampled_from(["vi", "en"]))
def test_a_number_as_the_app_writes_it_reads_back_as_itself(value: Decimal, lang: Lang) -> None:
    """format_number's text, read in the same language, is the number; the one exception
    is a decimal that looks grouped by the other rule ("1,234" for 1.234 in Vietnamese,
    "1.234" in English), which is refused with the number as a reading, never misread."""
    text = format_number(value, lang, 3)
    try:
        assert read_number(text, lang) == value
    except AmbiguousNumberError as refused:
        assert value in refused.readings
        assert value != value.to_integral_value() and abs(value) < 1000


@given(value=quantities, lang=st.sampled_from(["vi", "en"]))
def test_a_number_shown_in_a_box_reads_back_as_itself_always(value: Decimal, lang: Lang) -> None:
    """What the grid shows in a quantity cell and a person leaves as it is: grouped the
    language's way, and read back as the same number, the decimal that would look grouped
    to the other rule included (1,1250)."""
    assert read_number(typed_back(value, lang), lang) == value


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        ("1200", "1.200", "1,200"),
        ("30000", "30.000", "30,000"),
        ("175.25", "175,25", "175.25"),
        ("1.125", "1,1250", "1.1250"),
    ],
)
def test_a_number_in_a_box_is_written_as_the_app_writes_numbers(value: str, vi: str, en: str) -> None:
    assert (typed_back(Decimal(value), "vi"), typed_back(Decimal(value), "en")) == (vi, en)
