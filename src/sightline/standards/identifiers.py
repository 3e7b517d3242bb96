"""Check-digit rules for the two national identifiers a child's record carries.

* NHS number: ten digits, the last a modulus-11 check digit over the first nine.
* Unique Pupil Number (UPN): thirteen characters, the first a modulus-23 check letter over the
  other twelve (DfE, "A guide to the unique pupil number"; CIN census rules 1510-1550).

The validators answer "could this have been issued?", not "was it issued?": no register is
consulted, and NHS numbers are not checked against the ranges currently allocated, because those
ranges change and numbers from other UK systems (e.g. Scottish CHI numbers) are legitimate.

The generators are for the synthetic council only. They draw from ``random.Random`` so that a
seeded generator reproduces the same council every time.
"""

from __future__ import annotations

import random
import re

__all__ = [
    "UPN_LETTERS",
    "generate_nhs_number",
    "generate_upn",
    "nhs_number_check_digit",
    "nhs_number_is_valid",
    "upn_check_letter",
    "upn_is_valid",
    "upn_problems",
]

# --- NHS number -------------------------------------------------------------------------------

# Either ten bare digits or the 3-3-4 grouping printed on NHS letters and cards. Any other spacing
# is more likely a different number typed into the wrong box than an NHS number, so reject it.
# [0-9] rather than \d: \d also matches non-ASCII digits such as Arabic-Indic numerals.
_NHS_PATTERN = re.compile(r"[0-9]{10}|[0-9]{3} [0-9]{3} [0-9]{4}")
_NINE_DIGITS = re.compile(r"[0-9]{9}")

# Numbers beginning 999 are never issued to patients; NHS Digital keeps them for testing, so a
# synthetic record can never be mistaken for (or matched against) a real child.
_SYNTHETIC_NHS_PREFIX = "999"


def nhs_number_check_digit(first_nine: str) -> int | None:
    """Return the check digit for the first nine digits of an NHS number.

    Each digit is weighted 10, 9, ... 2 from the left; the check digit is 11 minus the weighted
    sum modulo 11, with 11 read as 0. A result of 10 cannot be written as one digit, so no NHS
    number is issued with those nine digits: return ``None`` in that case.

    Raise ``ValueError`` if ``first_nine`` is not exactly nine ASCII digits.
    """
    if not isinstance(first_nine, str) or not _NINE_DIGITS.fullmatch(first_nine):
        raise ValueError(f"expected nine digits, got {first_nine!r}")
    total = sum(
        int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number_is_valid(value: str) -> bool:
    """Return whether ``value`` is a well-formed NHS number with a correct check digit.

    Accept ten digits, bare (``9434765919``) or grouped 3-3-4 with single spaces
    (``943 476 5919``). Surrounding whitespace is ignored; anything else is invalid.
    """
    if not isinstance(value, str):
        return False
    value = value.strip()
    if not _NHS_PATTERN.fullmatch(value):
        return False
    digits = value.replace(" ", "")
    check = nhs_number_check_digit(digits[:9])
    return check is not None and check == int(digits[9])


def generate_nhs_number(rng: random.Random) -> str:
    """Return a random valid NHS number, as ten bare digits, from the 999 test range.

    Draws are repeated until the nine digits have a usable check digit (about one in eleven
    do not), so the result depends only on the state of ``rng``.
    """
    while True:
        first_nine = _SYNTHETIC_NHS_PREFIX + "".join(rng.choice("0123456789") for _ in range(6))
        check = nhs_number_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"


# --- Unique Pupil Number ----------------------------------------------------------------------

# The DfE's 23-letter alphabet: A-Z without I, O and S, which are too easily read as 1, 0 and 5.
# A letter's index here is both its value in position 13 and the check letter for that remainder.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_LETTER_VALUE = {letter: index for index, letter in enumerate(UPN_LETTERS)}
_DIGITS = frozenset("0123456789")


def _is_digits(text: str) -> bool:
    # str.isdigit() would let through superscripts and non-Latin digits, which int() then
    # rejects or misreads; the UPN is defined over 0-9 only.
    return bool(text) and all(char in _DIGITS for char in text)


def _last_twelve_ok(last_twelve: str) -> bool:
    return (
        len(last_twelve) == 12
        and _is_digits(last_twelve[:11])
        and (last_twelve[11] in _DIGITS or last_twelve[11] in _LETTER_VALUE)
    )


def upn_check_letter(last_twelve: str) -> str:
    """Return the check letter for characters 2 to 13 of a UPN.

    Character 2 is weighted 2, character 3 weighted 3, and so on up to character 13 weighted 13.
    Digits count at face value; a letter in position 13 (a temporary UPN) counts as its index in
    :data:`UPN_LETTERS`. The weighted sum modulo 23 indexes :data:`UPN_LETTERS` for the answer.
    Letters are case-insensitive.

    Raise ``ValueError`` unless ``last_twelve`` is eleven digits followed by a digit or a letter
    from :data:`UPN_LETTERS`.
    """
    if (
        not isinstance(last_twelve, str)
        or not last_twelve.isascii()
        or not _last_twelve_ok(last_twelve.upper())
    ):
        raise ValueError(f"expected 11 digits then a digit or UPN letter, got {last_twelve!r}")
    total = 0
    for weight, char in enumerate(last_twelve.upper(), start=2):
        value = int(char) if char in _DIGITS else _LETTER_VALUE[char]
        total += weight * value
    return UPN_LETTERS[total % 23]


def upn_problems(value: str) -> list[str]:
    """Return plain-English reasons why ``value`` is not a valid UPN; an empty list if it is.

    The messages are written for a practitioner correcting a form, so they name character
    positions counting from 1 and never reveal the expected check letter (see the comment in the
    body). Letters are accepted in either case, as the CIN census schema does.
    """
    if not isinstance(value, str) or value == "":
        return ["Enter a UPN: 13 characters, a letter followed by 12 digits."]
    if any(char.isspace() for char in value):
        return ["Remove the spaces: a UPN is written as 13 characters with no spaces."]
    if not value.isascii():
        # Also keeps str.upper() below from changing the length (e.g. "ß" becomes "SS").
        return ["A UPN contains only the letters A to Z and the digits 0 to 9."]
    if len(value) != 13:
        return [f"A UPN is 13 characters long; this one has {len(value)}."]

    upn = value.upper()
    problems = []
    if upn[0] not in _LETTER_VALUE:
        problems.append("The first character must be the check letter: A to Z, but not I, O or S.")
    if not _is_digits(upn[1:4]):
        problems.append("Characters 2 to 4 must be digits (the local authority code).")
    if not _is_digits(upn[4:12]):
        problems.append("Characters 5 to 12 must be digits.")
    if upn[12] not in _DIGITS and upn[12] not in _LETTER_VALUE:
        problems.append(
            "The last character must be a digit, or for a temporary UPN a letter other than "
            "I, O or S."
        )
    # Only a structurally sound UPN has a check letter to compare.
    if not problems and upn_check_letter(upn[1:]) != upn[0]:
        # Deliberately not "expected X": a wrong check letter usually means a mistyped digit
        # elsewhere, and offering the letter that fits invites "fixing" the wrong character.
        problems.append(
            "The check letter does not match the rest of the UPN; check every character against "
            "the school's records."
        )
    return problems


def upn_is_valid(value: str) -> bool:
    """Return whether ``value`` is a well-formed UPN with the correct check letter.

    Thirteen characters, no spaces: the check letter, a three-digit local authority code, eight
    digits, and a final digit or (for a temporary UPN) a letter from :data:`UPN_LETTERS`.
    Letters may be upper or lower case.
    """
    return not upn_problems(value)


def generate_upn(rng: random.Random, la_code: str, *, temporary: bool = False) -> str:
    """Return a random valid UPN for the three-digit local authority code ``la_code``.

    Characters 5 to 12 are random digits. The last character is a random digit, or with
    ``temporary=True`` a random letter, as the DfE allocates for temporary UPNs. Unlike NHS
    numbers there is no reserved test range, so a synthetic council should use a fictional
    ``la_code`` if its UPNs must not coincide with real ones.

    Raise ``ValueError`` if ``la_code`` is not three digits.
    """
    if not isinstance(la_code, str) or len(la_code) != 3 or not _is_digits(la_code):
        raise ValueError(f"la_code must be three digits, got {la_code!r}")
    middle = "".join(rng.choice("0123456789") for _ in range(8))
    last = rng.choice(UPN_LETTERS if temporary else "0123456789")
    last_twelve = f"{la_code}{middle}{last}"
    return upn_check_letter(last_twelve) + last_twelve
