"""Tests for NHS number and UPN check characters and the synthetic generators."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.standards.identifiers import (
    UPN_LETTERS,
    generate_nhs_number,
    generate_upn,
    nhs_number_check_digit,
    nhs_number_is_valid,
    upn_check_letter,
    upn_is_valid,
    upn_problems,
)

# Hypothesis's per-example deadline is a wall-clock assertion; these tests assert none.
no_deadline = settings(deadline=None)
seeds = st.integers(min_value=0, max_value=2**32 - 1)

# --- NHS number -------------------------------------------------------------------------------


def test_published_test_number_is_valid():
    """943 476 5919 is the NHS's published example.

    Weighted sum: 9x10 + 4x9 + 3x8 + 4x7 + 7x6 + 6x5 + 5x4 + 9x3 + 1x2 = 299;
    299 mod 11 = 2; 11 - 2 = 9, the last digit.
    """
    assert nhs_number_check_digit("943476591") == 9
    assert nhs_number_is_valid("9434765919")
    assert nhs_number_is_valid("943 476 5919")
    assert nhs_number_is_valid("  943 476 5919 ")  # pasted with stray surrounding spaces


def test_check_digit_eleven_reads_as_zero():
    """999 000 005: 9x10 + 9x9 + 9x8 + 5x2 = 253 = 23 x 11, so 11 - 0 = 11, written 0."""
    assert nhs_number_check_digit("999000005") == 0
    assert nhs_number_is_valid("9990000050")


def test_check_digit_ten_means_no_valid_number():
    """999 000 000: 9x10 + 9x9 + 9x8 = 243; 243 mod 11 = 1; 11 - 1 = 10, not one digit."""
    assert nhs_number_check_digit("999000000") is None
    assert not any(nhs_number_is_valid(f"999000000{last}") for last in range(10))


def test_another_hand_computed_number():
    """999 000 001: 243 + 1x2 = 245; 245 mod 11 = 3; 11 - 3 = 8."""
    assert nhs_number_is_valid("9990000018")
    assert not nhs_number_is_valid("9990000017")


@pytest.mark.parametrize(
    "value",
    [
        "9434765918",  # wrong check digit
        "9434765910",
        "943476591",  # nine digits
        "94347659190",  # eleven digits
        "943-476-5919",  # hyphens are not the printed form
        "94 3476 5919",  # spaces in the wrong places
        "943  476 5919",
        "94347659A9",  # a letter
        "٩٤٣٤٧٦٥٩١٩",  # Arabic-Indic digits: str.isdigit() is true, but not an NHS number
        "",
        "943 476 59 19",
    ],
)
def test_invalid_nhs_numbers(value):
    assert not nhs_number_is_valid(value)


def test_non_strings_are_not_nhs_numbers():
    assert not nhs_number_is_valid(None)
    assert not nhs_number_is_valid(9434765919)


@pytest.mark.parametrize("value", ["12345678", "1234567890", "12345678a", 123456789])
def test_check_digit_rejects_malformed_input(value):
    with pytest.raises(ValueError):
        nhs_number_check_digit(value)


@no_deadline
@given(seeds)
def test_generated_nhs_numbers_are_valid_and_synthetic(seed):
    value = generate_nhs_number(random.Random(seed))
    assert len(value) == 10
    assert value.startswith("999")
    assert nhs_number_is_valid(value)
    assert generate_nhs_number(random.Random(seed)) == value  # reproducible from the seed


@no_deadline
@given(seeds, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_changing_one_nhs_digit_invalidates(seed, position, shift):
    # A change of delta at weight w (1 to 10) moves the sum by w x delta, never a multiple of 11.
    value = generate_nhs_number(random.Random(seed))
    changed = str((int(value[position]) + shift) % 10)
    assert not nhs_number_is_valid(value[:position] + changed + value[position + 1 :])


# --- UPN --------------------------------------------------------------------------------------


def test_hand_computed_upn():
    """A123456789012, worked end to end.

    Characters 2-13 are 1 2 3 4 5 6 7 8 9 0 1 2 with weights 2 to 13:
    1x2 + 2x3 + 3x4 + 4x5 + 5x6 + 6x7 + 7x8 + 8x9 + 9x10 + 0x11 + 1x12 + 2x13
    = 2 + 6 + 12 + 20 + 30 + 42 + 56 + 72 + 90 + 0 + 12 + 26 = 368 = 16 x 23,
    remainder 0, and letter 0 of ABCDEFGHJKLMNPQRTUVWXYZ is A.
    """
    assert upn_check_letter("123456789012") == "A"
    assert upn_is_valid("A123456789012")
    assert upn_problems("A123456789012") == []


def test_hand_computed_temporary_upn():
    """H12345678901Z: as above but position 13 holds Z, worth 22, so 368 - 2x13 + 22x13 = 628.

    628 = 27 x 23 + 7, and letter 7 is H.
    """
    assert upn_check_letter("12345678901Z") == "H"
    assert upn_is_valid("H12345678901Z")


def test_published_example_upn():
    """Z213282605052, an example used by other UPN validators: sum 275 = 11 x 23 + 22 -> Z."""
    assert upn_is_valid("Z213282605052")


def test_upn_letters_are_case_insensitive():
    assert upn_is_valid("a123456789012")
    assert upn_is_valid("h12345678901z")


def test_letter_table():
    assert len(UPN_LETTERS) == 23
    assert not set("IOS") & set(UPN_LETTERS)
    assert UPN_LETTERS.index("P") == 13 and UPN_LETTERS.index("T") == 16


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "Enter a UPN"),
        ("B123456789012", "check letter does not match"),
        ("Z213282605053", "check letter does not match"),
        ("A12345678901", "this one has 12"),
        ("A1234567890123", "this one has 14"),
        ("A123 456789012", "Remove the spaces"),
        ("1123456789012", "first character"),
        ("I123456789012", "first character"),
        ("A12X456789012", "Characters 2 to 4"),
        ("A1234567X9012", "Characters 5 to 12"),
        ("A12345678901I", "last character"),
        ("A12345678901S", "last character"),
        ("A12345678901-", "last character"),
        ("Ａ123456789012", "only the letters A to Z"),  # full-width A
        ("ß123456789012", "only the letters A to Z"),
    ],
)
def test_upn_problems_explain_each_fault(value, fragment):
    problems = upn_problems(value)
    assert any(fragment in problem for problem in problems), problems
    assert not upn_is_valid(value)


def test_upn_problems_lists_every_structural_fault():
    assert len(upn_problems("112X4567X901I")) == 4


def test_wrong_check_letter_message_does_not_give_the_answer():
    (problem,) = upn_problems("B123456789012")
    assert '"A"' not in problem and " A " not in problem


def test_non_strings_are_not_upns():
    assert not upn_is_valid(None)
    assert upn_problems(None)


@pytest.mark.parametrize("value", ["12345678901", "1234567890123", "12345678901I", "1234567890A2"])
def test_check_letter_rejects_malformed_input(value):
    with pytest.raises(ValueError):
        upn_check_letter(value)


@pytest.mark.parametrize("la_code", ["12", "1234", "12a", 123])
def test_generate_upn_rejects_bad_la_code(la_code):
    with pytest.raises(ValueError):
        generate_upn(random.Random(0), la_code)


@no_deadline
@given(seeds, st.from_regex(r"[0-9]{3}", fullmatch=True), st.booleans())
def test_generated_upns_are_valid(seed, la_code, temporary):
    value = generate_upn(random.Random(seed), la_code, temporary=temporary)
    assert upn_problems(value) == []
    assert value[1:4] == la_code
    assert value[12].isalpha() == temporary
    assert generate_upn(random.Random(seed), la_code, temporary=temporary) == value


@no_deadline
@given(
    seeds,
    st.booleans(),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=9),
)
def test_changing_one_upn_digit_invalidates(seed, temporary, position, shift):
    # Weights 2 to 13 and changes of 1 to 9 are all below the prime 23, so the sum's remainder
    # always moves and the check letter no longer fits.
    value = generate_upn(random.Random(seed), "999", temporary=temporary)
    if not value[position].isdigit():
        position = 1  # a temporary UPN's final letter is not a digit to change
    changed = str((int(value[position]) + shift) % 10)
    assert not upn_is_valid(value[:position] + changed + value[position + 1 :])


@no_deadline
@given(seeds, st.sampled_from(UPN_LETTERS))
def test_changing_the_check_letter_invalidates(seed, letter):
    value = generate_upn(random.Random(seed), "201")
    if letter != value[0]:
        assert not upn_is_valid(letter + value[1:])
