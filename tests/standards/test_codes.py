"""Code sets know their values, labels and the collection years in which each is valid."""

from sightline.standards import codes


def test_placement_types_follow_the_2025_26_list():
    assert codes.PLACEMENT_TYPE.values_in(2026) == [
        "A3",
        "A4",
        "A5",
        "A6",
        "K1",
        "K2",
        "K3",
        "P1",
        "P3",
        "R1",
        "R2",
        "R3",
        "R5",
        "S1",
        "T0",
        "T1",
        "T2",
        "T3",
        "T4",
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "Z11",
        "Z12",
        "Z13",
        "Z14",
    ]


def test_retired_placement_codes_are_valid_only_in_their_years():
    assert codes.PLACEMENT_TYPE.is_valid("H5", 2025)
    assert not codes.PLACEMENT_TYPE.is_valid("H5", 2026)
    assert codes.PLACEMENT_TYPE.is_valid("Z1", 2025)
    assert not codes.PLACEMENT_TYPE.is_valid("Z11", 2025)


def test_rc9_and_source_5d_arrived_in_the_2023_schema():
    assert not codes.CLOSURE_REASON.is_valid("RC9", 2023)
    assert codes.CLOSURE_REASON.is_valid("RC9", 2024)
    assert not codes.REFERRAL_SOURCE.is_valid("5D", 2023)


def test_statutory_code_sets_have_the_published_sizes():
    assert len(codes.ETHNICITY) == 20
    assert len(codes.REFERRAL_SOURCE) == 22
    assert len(codes.DISABILITY) == 13
    assert len(codes.NEED) == 10


def test_code_sets_are_also_enums():
    assert codes.REFERRAL_SOURCE.enum.C1A == "1A"
    assert codes.LEGAL_STATUS.enum.C2 == "C2"


def test_unknown_values_are_invalid_and_keep_their_own_label():
    assert not codes.ETHNICITY.is_valid("XXXX")
    assert codes.ETHNICITY.label("XXXX") == "XXXX"


def test_choices_show_code_and_label():
    assert ("N1", "N1: Abuse or neglect") in codes.NEED.choices()
