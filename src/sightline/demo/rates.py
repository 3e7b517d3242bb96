"""The synthetic council's calibration: rates and shares from England's statistics.

Targets are in shared/domain/calibration.md (years ending 31 March 2023-2025). Rates here are the
generator's *inputs*; several are tuned so that the *outputs* (measured from the records the way
the indicators define them) land on the targets, because, for example, referrals per 10,000 come
out of new families, repeat referrals and sibling groups together. `tests/demo` measures them.
"""

from __future__ import annotations

# --- Arrivals (per 10,000 children aged 0-17, per year) ---------------------------------------

# New families referred for the first time (a family brings 1.7 children per referral on
# average, and about two in five families come back), giving ≈ 519 referrals per 10,000 a year.
NEW_REFERRAL_FAMILIES = 168.0
# Families known only through contacts (information, advice, early help), giving contacts of
# ≈ 3.3 times referrals in all.
CONTACT_ONLY_FAMILIES = 560.0
# Unaccompanied asylum-seeking children arriving (≈ 8% of children looked after).
UASC_ARRIVALS = 3.4
# Children with several contacts from different referrers in weeks and no referral: the pattern
# the national review found, kept deliberately so that the repeat-contact list has children.
REPEAT_CONTACT_CHILDREN = 2.0
# Private fostering arrangements notified (England ≈ 1,500 a year).
PRIVATE_FOSTERING_NOTIFICATIONS = 1.2
# Share of disabled children on a child-in-need plan for their disability (need N2) who have a
# series of short breaks during it (CPPCR 2010 reg 48; SSDA903 legal status V3).
SHORT_BREAKS_SHARE = 0.3

# --- Families and children --------------------------------------------------------------------

# Age of the child a family is first referred about (years; unborn counted as under 1).
INDEX_CHILD_AGE = ((0, 0.10), (1, 0.17), (5, 0.23), (10, 0.34), (16, 0.16))
OTHER_CHILDREN = ((0, 0.34), (1, 0.30), (2, 0.20), (3, 0.11), (4, 0.05))
WHOLE_SIBLING_GROUP_INVOLVED = 0.62
DISABLED_SHARE = 0.10
LATER_BABY_SHARE = 0.30
UNBORN_INDEX_CHILD = 0.45  # of families first known about a baby
NEWBORN_STRAIGHT_INTO_CARE = 0.40

# --- Front door -------------------------------------------------------------------------------

REFERRAL_SOURCES = (
    ("6", 29.0), ("2A", 19.0), ("2B", 2.0), ("3A", 2.5), ("3B", 2.5), ("3C", 1.0), ("3D", 1.0),
    ("3E", 3.0), ("3F", 4.0), ("5A", 5.0), ("5B", 3.0), ("5C", 3.0), ("5D", 2.0), ("1A", 4.5),
    ("1B", 1.5), ("1C", 1.0), ("1D", 1.0), ("7", 4.0), ("4", 2.0), ("9", 1.5), ("8", 6.0),
    ("10", 2.0),
)  # fmt: skip
CONTACT_OUT_OF_HOURS = 0.18
CONTACT_DECIDED_LATE = 0.035
# Outcomes of contacts that do not become referrals: ≈ 20% early help, ≈ 50% advice/NFA overall.
NON_REFERRAL_OUTCOMES = (("EARLY_HELP", 0.29), ("ADVICE", 0.43), ("NFA", 0.28))
PRIOR_CONTACTS_BEFORE_REFERRAL = 0.45
AGENCY_CHECKS_FOR_EARLY_HELP = 0.3
AGENCY_CHECK_NOTHING_HELD = 0.35
AGENCY_CHECK_LATE = 0.10
# Checks the agency does not answer unprompted: chased, then answered or closed with a reason.
AGENCY_CHECK_UNANSWERED = 0.03

# --- Referral, assessment, section 47 ---------------------------------------------------------

REFERRAL_NFA = 0.065
HARM_AT_CONTACT = 0.29
HARM_AT_CONTACT_AFTER_CP_PLAN = 0.65
STRATEGY_DECISIONS = (("S47", 0.88), ("SINGLE_AGENCY", 0.08), ("NFA", 0.04))
EMERGENCY_PROTECTION = 0.06
S47_ICPC = 0.225
S47_OTHER_OUTCOMES = (("CIN", 0.22), ("NOT_SUBSTANTIATED", 0.47))
ICPC_AFTER_ASSESSMENT_STRATEGY = 0.26
# A child who has been on a plan before is far more likely to need one again (≈ 23% of plans
# starting are second or subsequent plans).
ICPC_AFTER_PREVIOUS_PLAN = 0.75
ICPC_PLAN = 0.86
ASSESSMENT_OUTCOMES = (
    ("NFA", 0.21), ("EARLY_HELP", 0.12), ("CIN_PLAN", 0.455), ("STRATEGY", 0.175),
    ("LOOKED_AFTER", 0.04),
)  # fmt: skip
NOT_SUBSTANTIATED_NOT_IN_NEED = 0.72
REASSESSMENT_IN_LONG_CIN_PLAN = 0.25
# Assessment length in working days: log-normal median and spread; slow teams take longer.
ASSESSMENT_MEDIAN_WD = 30.0
ASSESSMENT_SPREAD = 0.30
ICPC_MEDIAN_WD = 11.3
ICPC_SPREAD = 0.20
SLOW_TEAM_FACTOR = 1.3
# Share of a team kind's teams that are deliberately slow (at least one).
SLOW_TEAM_SHARE = 1 / 3

# Factors at assessment (share of assessments with factors recorded).
ASSESSMENT_FACTORS = (
    ("3B", 0.27), ("3A", 0.05), ("4B", 0.30), ("4A", 0.08), ("17A", 0.20), ("16A", 0.18),
    ("2B", 0.17), ("1B", 0.15), ("18C", 0.06), ("19C", 0.03), ("5B", 0.04), ("6B", 0.04),
    ("15A", 0.05), ("10A", 0.04), ("11A", 0.03), ("24A", 0.03), ("13A", 0.02), ("7A", 0.02),
    ("14A", 0.03), ("20", 0.04),
)  # fmt: skip
PRIMARY_NEED = (
    ("N1", 57.0), ("N2", 6.0), ("N3", 4.0), ("N4", 7.0), ("N5", 15.0), ("N6", 3.0),
    ("N7", 1.0), ("N8", 3.0), ("N0", 4.0),
)  # fmt: skip

# --- Child protection and child in need -------------------------------------------------------

CP_CATEGORIES = (("NEG", 0.50), ("EMO", 0.37), ("PHY", 0.07), ("SAB", 0.04), ("MUL", 0.02))
# Duration of plans ending, in days: (lowest, highest, share).
CP_PLAN_DURATION = (
    (30, 90, 0.12), (91, 182, 0.17), (183, 365, 0.40), (366, 600, 0.27), (731, 900, 0.058),
)  # fmt: skip
CP_PLAN_ENDS = (("CIN_PLAN", 0.66), ("CLOSE", 0.34))
# Plans that end with the child becoming looked after: young children far more often.
CP_PLAN_TO_CARE = (0.36, 0.11)  # (youngest child under 5, otherwise)
CP_PLAN_DIVERTED_PLO = 0.08
DRIFT_SHARE = 0.02
CIN_PLAN_DAYS = (90, 330)
# New information on an open plan giving cause to suspect significant harm, per plan-year.
HARM_CONCERN_PER_PLAN_YEAR = 0.15
CP_VISIT_WD = 10
CIN_VISIT_WD = 20
VISIT_LATE = 0.10
SLOW_TEAM_VISIT_LATE = 0.32
RE_REFERRAL = (
    # (case outcome, chance of another referral, chance it comes within months rather than years)
    ("NFA", 0.62, 0.85),
    ("NOT_IN_NEED", 0.62, 0.80),
    ("CIN", 0.50, 0.60),
    ("CP", 0.70, 0.55),
    ("LOOKED_AFTER", 0.25, 0.30),
)

# --- Looked after -----------------------------------------------------------------------------

# Ways out of care by age at entry: (exit, share). LONG_TERM means until 18.
CARE_EXITS = {
    0: (("ADOPTION", 0.42), ("SGO", 0.25), ("HOME", 0.19), ("LONG_TERM", 0.10), ("OTHER", 0.04)),
    1: (("ADOPTION", 0.26), ("SGO", 0.26), ("HOME", 0.27), ("LONG_TERM", 0.16), ("OTHER", 0.05)),
    5: (("SGO", 0.18), ("HOME", 0.37), ("LONG_TERM", 0.33), ("OTHER", 0.12)),
    10: (("HOME", 0.33), ("LONG_TERM", 0.48), ("OTHER", 0.19)),
    16: (("HOME", 0.20), ("LONG_TERM", 0.68), ("OTHER", 0.12)),
}
UASC_EXITS = (("LONG_TERM", 0.85), ("OTHER", 0.15))
UNSTABLE_PLACEMENTS = 0.14
PLACEMENT_MOVES_PER_YEAR = (0.25, 2.6)  # (stable, unstable)
MISSING_PER_CHILD_YEAR = 0.12  # children aged 11+; ≈ 11% of all children looked after in a year
MISSING_INCIDENTS_MEAN = 6.8
PROCEEDINGS_WITHIN_26_WEEKS = 0.55
PROCEEDINGS_OVERRUN_NOT_EXTENDED = 0.35
# Category of need of children looked after (not the children-in-need shares); unaccompanied
# children are N8 besides these.
LOOKED_AFTER_NEED = (
    ("N1", 70.5), ("N5", 14.0), ("N4", 7.5), ("N3", 3.2), ("N2", 2.0), ("N8", 0.8), ("N6", 1.0),
    ("N7", 1.0),
)  # fmt: skip
# Health of children looked after 12+ months (calibration.md): annual health assessment ≈ 90%,
# dental check ≈ 80%, immunisations up to date ≈ 80%, SDQ returned ≈ 75%.
HEALTH_REVIEW_MISSED = 0.09
DENTAL_CHECK_MISSED = 0.19
# Share of an under-5's health assessments that include the developmental review (England:
# development checks up to date for about 88% of under-5s looked after a year).
DEVELOPMENT_CHECK_DONE = 0.72
IMMUNISED = 0.80
SDQ_RETURNED = 0.76
# OC2 outcomes of children looked after 12+ months (DfE CLA statistics, England, recent years):
# about 2% of those aged 10+ convicted or cautioned in the year, about 3% identified with a
# substance misuse problem; of those, about half received an intervention and most of the rest
# were offered one and refused it.
CONVICTED_PER_YEAR_10_PLUS = 0.02
SUBSTANCE_MISUSE_PER_YEAR_10_PLUS = 0.03
SUBSTANCE_INTERVENTION_RECEIVED = 0.5
SUBSTANCE_INTERVENTION_OFFERED = 0.7
# Care, placement and IRO plans later than their timescale (more in the declining area).
PLAN_LATE = 0.08
DECLINING_PLAN_LATE = 0.30
ADOPTION_STOPPED = 0.08

# --- Care leavers (19-21) ---------------------------------------------------------------------

CARE_LEAVER_IN_TOUCH = 0.90
CARE_LEAVER_EET_IN_TOUCH = 0.62
CARE_LEAVER_SUITABLE_IN_TOUCH = 0.96
SUPPORT_TO_25 = 0.3
S23B_ACCOMMODATION = 0.5
S24B_ACCOMMODATION = 0.08

# --- Workforce --------------------------------------------------------------------------------

CASELOAD_TARGET = 16.5
TURNOVER_PER_YEAR = 0.17
AGENCY_SHARE = 0.17
AGENCY_TURNOVER_PER_YEAR = 0.8
OVERLOADED_CASELOAD = 30
SUPERVISION_LATE = 0.15
OVERSIGHT_WD = 20
OVERSIGHT_LATE = 0.15

# --- The declining service area (see `decline`) -----------------------------------------------

# Each rate moves from its usual value to the worst one here as the decline deepens: by the
# last year, contacts decided within a working day ≈ 70% (≥ 95% elsewhere).
DECLINING_TURNOVER_FACTOR = 3.0
# Share of the declining team's social worker posts left empty during its decline.
DECLINING_POSTS_LOST = 0.5
DECLINING_CONTACT_DECIDED_LATE = 0.42
DECLINING_STRATEGY_LATE = 0.55
DECLINING_ICPC_LATE = 0.45
DECLINING_CP_VISIT_LATE = 0.60
DECLINING_OVERSIGHT_LATE = 0.65
DECLINING_REPEAT_CONTACT_SHARE = 0.5
# Agency checks left unanswered and never closed: only in the declining service.
DECLINING_CHECK_STUCK = 0.008
