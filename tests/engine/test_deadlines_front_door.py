"""Front-door clocks: contact and referral decisions, strategy discussions, agency checks and
allocation to a named worker."""

from datetime import date

MON_3_MAR, TUE_4_MAR, WED_5_MAR = date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)


def contact(received_at, decided_at=None, *, contact_id=1, child_id=7, harm=False):
    return {
        "contact_id": contact_id,
        "child_id": child_id,
        "received_at": received_at,
        "decided_at": decided_at,
        "decision": "REFERRAL" if decided_at else None,
        "significant_harm_suspected": harm,
    }


# --- T-CONTACT-DECISION ---------------------------------------------------------------------


def test_contact_at_16_59_on_friday_3_january_2025_is_due_monday(clocks, uk):
    rows = clocks(
        "T-CONTACT-DECISION", date(2025, 1, 3), contacts=[contact(uk(2025, 1, 3, 16, 59))]
    )
    assert rows == [("T-CONTACT-DECISION", date(2025, 1, 3), date(2025, 1, 6), None, "due_soon")]


def test_contact_at_17_00_on_friday_starts_its_clock_monday_and_is_due_tuesday(clocks, uk):
    rows = clocks("T-CONTACT-DECISION", date(2025, 1, 3), contacts=[contact(uk(2025, 1, 3, 17, 0))])
    assert rows[0][1:3] == (date(2025, 1, 6), date(2025, 1, 7))


def test_contact_on_a_saturday_starts_its_clock_on_monday(clocks, uk):
    rows = clocks("T-CONTACT-DECISION", date(2025, 1, 4), contacts=[contact(uk(2025, 1, 4, 11, 0))])
    assert rows[0][1:3] == (date(2025, 1, 6), date(2025, 1, 7))


def test_end_of_day_is_uk_local_time_in_summer(clocks, uk):
    # 16:59 and 17:00 BST are 15:59 and 16:00 UTC.
    rows = clocks(
        "T-CONTACT-DECISION",
        date(2025, 6, 3),
        contacts=[
            contact(uk(2025, 6, 3, 16, 59), contact_id=1),
            contact(uk(2025, 6, 3, 17, 0), contact_id=2),
        ],
    )
    assert [row[1:3] for row in rows] == [
        (date(2025, 6, 3), date(2025, 6, 4)),
        (date(2025, 6, 4), date(2025, 6, 5)),
    ]


def test_contact_on_christmas_eve_2026_is_due_after_the_christmas_bank_holidays(clocks, uk):
    rows = clocks(
        "T-CONTACT-DECISION", date(2026, 12, 24), contacts=[contact(uk(2026, 12, 24, 10, 0))]
    )
    assert rows[0][2] == date(2026, 12, 29)


def test_contact_after_17_00_on_christmas_eve_2026_starts_its_clock_tuesday_29th(clocks, uk):
    rows = clocks(
        "T-CONTACT-DECISION", date(2026, 12, 24), contacts=[contact(uk(2026, 12, 24, 17, 30))]
    )
    assert rows[0][1:3] == (date(2026, 12, 29), date(2026, 12, 30))


def test_contact_decided_next_working_day_is_met(clocks, uk):
    rows = clocks(
        "T-CONTACT-DECISION",
        date(2025, 3, 10),
        contacts=[contact(uk(2025, 3, 3, 10), uk(2025, 3, 4, 16))],
    )
    assert rows == [("T-CONTACT-DECISION", MON_3_MAR, TUE_4_MAR, TUE_4_MAR, "met")]


def test_contact_decided_two_working_days_later_is_met_late(clocks, uk):
    rows = clocks(
        "T-CONTACT-DECISION",
        date(2025, 3, 10),
        contacts=[contact(uk(2025, 3, 3, 10), uk(2025, 3, 5, 9))],
    )
    assert rows[0][3:] == (WED_5_MAR, "met_late")


def test_undecided_contact_is_overdue_after_its_due_date(clocks, uk):
    rows = clocks("T-CONTACT-DECISION", WED_5_MAR, contacts=[contact(uk(2025, 3, 3, 10))])
    assert rows[0][4] == "overdue"


def test_contact_decided_the_same_evening_before_its_clock_starts_is_met(clocks, uk):
    rows = clocks(
        "T-CONTACT-DECISION",
        date(2025, 3, 10),
        contacts=[contact(uk(2025, 3, 3, 18), uk(2025, 3, 3, 19))],
    )
    assert rows == [("T-CONTACT-DECISION", TUE_4_MAR, WED_5_MAR, MON_3_MAR, "met")]


def test_contact_received_after_the_as_at_date_has_no_deadline(clocks, uk):
    assert clocks("T-CONTACT-DECISION", MON_3_MAR, contacts=[contact(uk(2025, 3, 4, 9))]) == []


# --- T-REFERRAL-DECISION --------------------------------------------------------------------


def referral(**fields):
    return {"referral_id": 1, "child_id": 7, "referral_date": MON_3_MAR, **fields}


def test_referral_decided_next_working_day_is_met(clocks):
    rows = clocks(
        "T-REFERRAL-DECISION", date(2025, 3, 10), referrals=[referral(decided_on=TUE_4_MAR)]
    )
    assert rows == [("T-REFERRAL-DECISION", MON_3_MAR, TUE_4_MAR, TUE_4_MAR, "met")]


def test_referral_decided_late_is_met_late(clocks):
    rows = clocks(
        "T-REFERRAL-DECISION", date(2025, 3, 10), referrals=[referral(decided_on=WED_5_MAR)]
    )
    assert rows[0][4] == "met_late"


def test_undecided_referral_is_overdue(clocks):
    assert clocks("T-REFERRAL-DECISION", WED_5_MAR, referrals=[referral()])[0][4] == "overdue"


def test_referral_after_the_as_at_date_has_no_deadline(clocks):
    assert clocks("T-REFERRAL-DECISION", date(2025, 3, 2), referrals=[referral()]) == []


# --- T-STRATEGY -----------------------------------------------------------------------------


def strategy(held_on, strategy_id=1):
    return {"strategy_id": strategy_id, "child_id": 7, "held_on": held_on, "decision": "S47"}


def test_strategy_discussion_next_working_day_meets_a_significant_harm_contact(clocks, uk):
    rows = clocks(
        "T-STRATEGY",
        date(2025, 3, 10),
        contacts=[contact(uk(2025, 3, 3, 10), harm=True)],
        strategy_discussions=[strategy(TUE_4_MAR)],
    )
    assert rows == [("T-STRATEGY", MON_3_MAR, TUE_4_MAR, TUE_4_MAR, "met")]


def test_strategy_discussion_two_days_later_is_met_late(clocks, uk):
    rows = clocks(
        "T-STRATEGY",
        date(2025, 3, 10),
        contacts=[contact(uk(2025, 3, 3, 10), harm=True)],
        strategy_discussions=[strategy(WED_5_MAR)],
    )
    assert rows[0][3:] == (WED_5_MAR, "met_late")


def test_strategy_discussion_before_the_contact_does_not_meet_it(clocks, uk):
    rows = clocks(
        "T-STRATEGY",
        WED_5_MAR,
        contacts=[contact(uk(2025, 3, 3, 10), harm=True)],
        strategy_discussions=[strategy(date(2025, 2, 28))],
    )
    assert rows[0][3:] == (None, "overdue")


def test_contact_without_significant_harm_needs_no_strategy_discussion(clocks, uk):
    assert clocks("T-STRATEGY", WED_5_MAR, contacts=[contact(uk(2025, 3, 3, 10))]) == []


def test_same_day_strategy_standard_can_be_set_locally(clocks, uk):
    rows = clocks(
        "T-STRATEGY",
        date(2025, 3, 10),
        overrides="T-STRATEGY=0WD",
        contacts=[contact(uk(2025, 3, 3, 10), harm=True)],
        strategy_discussions=[strategy(TUE_4_MAR)],
    )
    assert rows == [("T-STRATEGY", MON_3_MAR, MON_3_MAR, TUE_4_MAR, "met_late")]


def flagged_referral(flagged_at, *, referral_id=1, contact_id=None):
    return {
        "referral_id": referral_id,
        "child_id": 7,
        "contact_id": contact_id,
        "referral_date": MON_3_MAR,
        "significant_harm_suspected_at": flagged_at,
    }


def not_held(recorded_at, oversight_id=1):
    return {
        "oversight_id": oversight_id,
        "child_id": 7,
        "recorded_at": recorded_at,
        "manager_id": 11,
        "strategy_considered_not_held": True,
    }


def test_strategy_discussion_next_working_day_meets_a_flagged_referral(evaluate, uk):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-STRATEGY",
        referrals=[flagged_referral(uk(2025, 3, 3, 14), referral_id=5)],
        strategy_discussions=[strategy(TUE_4_MAR, strategy_id=9)],
    )
    assert frame.select(
        "record_type", "record_id", "clock_start", "due", "met_on", "met_by_id", "status"
    ).rows() == [("referrals", 5, MON_3_MAR, TUE_4_MAR, TUE_4_MAR, 9, "met")]


def test_referral_flagged_after_17_00_starts_its_clock_the_next_working_day(clocks, uk):
    rows = clocks("T-STRATEGY", TUE_4_MAR, referrals=[flagged_referral(uk(2025, 3, 3, 17, 30))])
    assert rows == [("T-STRATEGY", TUE_4_MAR, WED_5_MAR, None, "due_soon")]


def test_referral_without_a_flag_needs_no_strategy_discussion(clocks):
    assert clocks("T-STRATEGY", WED_5_MAR, referrals=[referral()]) == []


def test_manager_deciding_a_discussion_is_not_needed_meets_the_clock(evaluate, uk):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-STRATEGY",
        contacts=[contact(uk(2025, 3, 3, 10), harm=True)],
        oversight=[not_held(uk(2025, 3, 4, 11))],
    )
    assert frame.select("met_on", "met_by_id", "status").rows() == [(TUE_4_MAR, None, "met")]


def test_not_held_decision_recorded_two_days_later_is_met_late(clocks, uk):
    rows = clocks(
        "T-STRATEGY",
        date(2025, 3, 10),
        referrals=[flagged_referral(uk(2025, 3, 3, 10))],
        oversight=[not_held(uk(2025, 3, 5, 9))],
    )
    assert rows == [("T-STRATEGY", MON_3_MAR, TUE_4_MAR, WED_5_MAR, "met_late")]


def test_ordinary_oversight_does_not_meet_the_strategy_clock(clocks, uk):
    rows = clocks(
        "T-STRATEGY",
        WED_5_MAR,
        contacts=[contact(uk(2025, 3, 3, 10), harm=True)],
        oversight=[{**not_held(uk(2025, 3, 3, 11)), "strategy_considered_not_held": False}],
    )
    assert rows[0][3:] == (None, "overdue")


def test_not_held_decision_before_the_concern_does_not_meet_it(clocks, uk):
    rows = clocks(
        "T-STRATEGY",
        WED_5_MAR,
        referrals=[flagged_referral(uk(2025, 3, 3, 10))],
        oversight=[not_held(uk(2025, 2, 28, 10))],
    )
    assert rows[0][3:] == (None, "overdue")


def test_discussion_before_a_later_not_held_decision_is_what_met_the_clock(evaluate, uk):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-STRATEGY",
        contacts=[contact(uk(2025, 3, 3, 10), harm=True)],
        strategy_discussions=[strategy(TUE_4_MAR, strategy_id=9)],
        oversight=[not_held(uk(2025, 3, 5, 10))],
    )
    assert frame.select("met_on", "met_by_id").rows() == [(TUE_4_MAR, 9)]


def test_referral_from_an_already_flagged_contact_gives_one_clock(evaluate, uk):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-STRATEGY",
        contacts=[contact(uk(2025, 3, 3, 10), harm=True, contact_id=3)],
        referrals=[flagged_referral(uk(2025, 3, 3, 15), contact_id=3)],
    )
    assert frame.select("record_type", "record_id").rows() == [("contacts", 3)]


def test_flagged_referral_from_an_unflagged_contact_starts_its_own_clock(evaluate, uk):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-STRATEGY",
        contacts=[contact(uk(2025, 3, 3, 10), contact_id=3)],
        referrals=[flagged_referral(uk(2025, 3, 4, 10), referral_id=5, contact_id=3)],
    )
    assert frame.select("record_type", "record_id", "clock_start").rows() == [
        ("referrals", 5, TUE_4_MAR)
    ]


def test_referral_flagged_after_the_as_at_date_has_no_strategy_clock_yet(clocks, uk):
    referrals = [flagged_referral(uk(2025, 3, 5, 10))]
    assert clocks("T-STRATEGY", TUE_4_MAR, referrals=referrals) == []
    assert clocks("T-STRATEGY", WED_5_MAR, referrals=referrals)[0][1] == WED_5_MAR


# --- T-AGENCY-CHECK -------------------------------------------------------------------------


def check(requested_at, responded_at=None, *, urgent, check_id=1):
    return {
        "check_id": check_id,
        "child_id": 7,
        "agency": "POLICE",
        "urgent": urgent,
        "requested_at": requested_at,
        "responded_at": responded_at,
    }


def test_urgent_check_is_due_in_one_working_day_and_standard_in_three(clocks, uk):
    rows = clocks(
        "T-AGENCY-CHECK",
        MON_3_MAR,
        agency_checks=[
            check(uk(2025, 3, 3, 10), urgent=True, check_id=1),
            check(uk(2025, 3, 3, 10), urgent=False, check_id=2),
        ],
    )
    assert [row[2] for row in rows] == [TUE_4_MAR, date(2025, 3, 6)]


def test_standard_check_answered_on_the_third_working_day_is_met(clocks, uk):
    rows = clocks(
        "T-AGENCY-CHECK",
        date(2025, 3, 10),
        agency_checks=[check(uk(2025, 3, 3, 10), uk(2025, 3, 6, 15), urgent=False)],
    )
    assert rows[0][3:] == (date(2025, 3, 6), "met")


def test_urgent_check_answered_on_the_third_working_day_is_two_working_days_late(evaluate, uk):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-AGENCY-CHECK",
        agency_checks=[check(uk(2025, 3, 3, 10), uk(2025, 3, 6, 15), urgent=True)],
    )
    assert frame.select("status", "working_days_late").row(0) == ("met_late", 2)


def test_unanswered_check_is_overdue(clocks, uk):
    rows = clocks(
        "T-AGENCY-CHECK", date(2025, 3, 7), agency_checks=[check(uk(2025, 3, 3, 10), urgent=False)]
    )
    assert rows[0][4] == "overdue"


def test_check_requested_after_17_00_counts_from_the_next_working_day(clocks, uk):
    rows = clocks(
        "T-AGENCY-CHECK", MON_3_MAR, agency_checks=[check(uk(2025, 3, 3, 17, 30), urgent=False)]
    )
    assert rows[0][1:3] == (TUE_4_MAR, date(2025, 3, 7))


# --- T-ALLOCATION ---------------------------------------------------------------------------


def allocation(allocation_id, start_date, end_date=None, worker_id=11, team_id=1):
    return {
        "allocation_id": allocation_id,
        "child_id": 7,
        "team_id": team_id,
        "worker_id": worker_id,
        "start_date": start_date,
        "end_date": end_date,
    }


ACCEPTED = referral(decided_on=MON_3_MAR, no_further_action=False)


def test_accepted_referral_allocated_next_working_day_is_met(clocks):
    rows = clocks(
        "T-ALLOCATION",
        date(2025, 3, 10),
        referrals=[ACCEPTED],
        allocations=[allocation(1, TUE_4_MAR)],
    )
    assert rows == [("T-ALLOCATION", MON_3_MAR, TUE_4_MAR, TUE_4_MAR, "met")]


def test_allocation_two_days_after_acceptance_is_met_late(clocks):
    rows = clocks(
        "T-ALLOCATION",
        date(2025, 3, 10),
        referrals=[ACCEPTED],
        allocations=[allocation(1, WED_5_MAR)],
    )
    assert rows[0][3:] == (WED_5_MAR, "met_late")


def test_accepted_referral_without_a_named_worker_is_overdue(clocks):
    rows = clocks(
        "T-ALLOCATION",
        WED_5_MAR,
        referrals=[ACCEPTED],
        allocations=[allocation(1, MON_3_MAR, worker_id=None)],
    )
    assert rows[0][3:] == (None, "overdue")


def test_child_already_allocated_when_the_referral_is_accepted_is_met_on_day_0(clocks):
    rows = clocks(
        "T-ALLOCATION",
        date(2025, 3, 10),
        referrals=[ACCEPTED],
        allocations=[allocation(1, date(2025, 2, 3))],
    )
    assert rows[0][3:] == (MON_3_MAR, "met")


def test_referral_with_no_further_action_needs_no_allocation(clocks):
    rows = clocks(
        "T-ALLOCATION",
        date(2025, 3, 10),
        referrals=[referral(decided_on=MON_3_MAR, no_further_action=True)],
    )
    assert rows == []


def test_worker_leaving_starts_a_clock_met_by_the_next_allocation(clocks):
    rows = clocks(
        "T-ALLOCATION",
        date(2025, 3, 12),
        referrals=[referral(referral_date=date(2025, 2, 3), decided_on=date(2025, 2, 3))],
        allocations=[
            allocation(1, date(2025, 2, 3)),
            allocation(2, date(2025, 3, 10), worker_id=12),
        ],
        workers=[{"worker_id": 11, "left_on": date(2025, 3, 7)}, {"worker_id": 12}],
    )
    assert rows == [
        ("T-ALLOCATION", date(2025, 2, 3), date(2025, 2, 4), date(2025, 2, 3), "met"),
        ("T-ALLOCATION", date(2025, 3, 7), date(2025, 3, 10), date(2025, 3, 10), "met"),
    ]


def test_worker_leaving_without_a_replacement_is_overdue(evaluate):
    frame = evaluate(
        date(2025, 3, 12),
        rules="T-ALLOCATION",
        referrals=[referral(referral_date=date(2025, 2, 3), decided_on=date(2025, 2, 3))],
        allocations=[allocation(1, date(2025, 2, 3))],
        workers=[{"worker_id": 11, "left_on": date(2025, 3, 7)}],
    )
    assert frame.select("clock_start", "status", "working_days_overdue").rows()[-1] == (
        date(2025, 3, 7),
        "overdue",
        2,
    )


def test_allocation_ending_when_the_case_closes_needs_no_new_worker(clocks):
    rows = clocks(
        "T-ALLOCATION",
        date(2025, 3, 12),
        referrals=[
            referral(
                referral_date=date(2025, 2, 3),
                decided_on=date(2025, 2, 3),
                closure_date=date(2025, 3, 7),
                closure_reason="RC7",
            )
        ],
        allocations=[allocation(1, date(2025, 2, 3), end_date=date(2025, 3, 7))],
    )
    assert [row[1] for row in rows] == [date(2025, 2, 3)]


def test_case_closing_before_a_reallocation_falls_due_needs_no_worker(clocks):
    rows = clocks(
        "T-ALLOCATION",
        date(2025, 3, 12),
        overrides="T-ALLOCATION=3WD",
        referrals=[
            referral(
                referral_date=date(2025, 2, 3),
                decided_on=date(2025, 2, 3),
                closure_date=TUE_4_MAR,
                closure_reason="RC7",
            )
        ],
        allocations=[allocation(1, date(2025, 2, 3), end_date=MON_3_MAR)],
    )
    assert [row[1] for row in rows] == [date(2025, 2, 3)]


def test_a_check_withdrawn_before_its_due_date_was_never_a_deadline(clocks, uk):
    rows = clocks(
        "T-AGENCY-CHECK",
        date(2025, 3, 20),
        agency_checks=[{**check(uk(2025, 3, 3, 10), urgent=False), "closed_at": uk(2025, 3, 5)}],
    )
    assert rows == []


def test_a_check_closed_after_it_fell_due_unanswered_stays_missed_but_stops_counting(evaluate, uk):
    frame = evaluate(
        date(2025, 3, 20),
        rules="T-AGENCY-CHECK",
        agency_checks=[{**check(uk(2025, 3, 3, 10), urgent=False), "closed_at": uk(2025, 3, 10)}],
    )
    # Due Thursday 6 March; closed Monday 10 March, after 2 working days overdue (7 and 10
    # March): a missed clock in the figures, with its context ended, so nobody's work.
    assert frame.select("due", "status", "context_end", "working_days_overdue").rows() == [
        (date(2025, 3, 6), "overdue", date(2025, 3, 10), 2)
    ]


def test_a_closed_check_answered_on_time_is_met(clocks, uk):
    rows = clocks(
        "T-AGENCY-CHECK",
        date(2025, 3, 20),
        agency_checks=[
            {
                **check(uk(2025, 3, 3, 10), uk(2025, 3, 4, 9), urgent=False),
                "closed_at": uk(2025, 3, 5),
            }
        ],
    )
    assert rows == [("T-AGENCY-CHECK", MON_3_MAR, date(2025, 3, 6), date(2025, 3, 4), "met")]


# --- T-STRATEGY-ESCALATION ------------------------------------------------------------------


def concern(raised_at, concern_id=1):
    return {"concern_id": concern_id, "child_id": 7, "referral_id": 1, "raised_at": raised_at}


def test_new_harm_information_on_an_open_case_after_17_00_friday_is_due_tuesday(clocks, uk):
    rows = clocks(
        "T-STRATEGY-ESCALATION",
        date(2025, 3, 12),
        harm_concerns=[concern(uk(2025, 3, 7, 17, 30))],
        strategy_discussions=[strategy(date(2025, 3, 11))],
    )
    # Friday 7 March at 17:30 starts the clock on Monday 10 March: due Tuesday 11 March.
    assert rows == [
        ("T-STRATEGY-ESCALATION", date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 11), "met")
    ]


def test_a_managers_not_held_decision_meets_an_escalation_clock(clocks, uk):
    rows = clocks(
        "T-STRATEGY-ESCALATION",
        date(2025, 3, 12),
        harm_concerns=[concern(uk(2025, 3, 3, 10))],
        oversight=[not_held(uk(2025, 3, 5, 9))],
    )
    assert rows == [
        ("T-STRATEGY-ESCALATION", MON_3_MAR, date(2025, 3, 4), date(2025, 3, 5), "met_late")
    ]


def test_a_strategy_discussion_before_the_new_information_does_not_meet_it(clocks, uk):
    rows = clocks(
        "T-STRATEGY-ESCALATION",
        date(2025, 3, 12),
        harm_concerns=[concern(uk(2025, 3, 3, 10))],
        strategy_discussions=[strategy(date(2025, 2, 27))],
    )
    assert rows == [("T-STRATEGY-ESCALATION", MON_3_MAR, date(2025, 3, 4), None, "overdue")]
