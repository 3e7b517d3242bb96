"""Annex A Lists 8 (children in care), 9 (care leavers), 10 (adoption) and 11 (adopters)."""

from __future__ import annotations

import polars as pl

from sightline.returns.annex_a import spec
from sightline.returns.produce.annex_a_lists import (
    _NEW_PLACEMENT,
    AnnexALists,
    _latest,
    _map,
    _yes_no,
)
from sightline.returns.produce.ssda903_modules import periods_of_care


class CareLists(AnnexALists):
    """Adds the children-in-care and care-leaver lists to the other nine."""

    def children_in_care(self) -> pl.DataFrame:
        as_at, year_ago = self.as_at, self.year_ago
        episodes = self.record["lac_episodes"].filter(pl.col("start_date") <= as_at)
        episodes = periods_of_care(
            episodes.with_columns(
                self._until("end_date"),
                pl.when(pl.col("end_date") <= as_at)
                .then(pl.col("reason_ceased"))
                .alias("reason_ceased"),
            )
        )
        # Runs of one legal status, and of one placement, within each period.
        episodes = episodes.with_columns(
            (pl.col("legal_status") != pl.col("legal_status").shift(1)).fill_null(True).cast(pl.Int32)  # noqa: E501
            .cum_sum().over(["child_id", "period"]).alias("status_run"),
            pl.col("reason_new_episode").is_in(_NEW_PLACEMENT).cast(pl.Int32)
            .cum_sum().over(["child_id", "period"]).alias("placement_run"),
        ).with_columns(
            pl.col("start_date").min().over(["child_id", "period", "status_run"]).alias("status_from"),  # noqa: E501
            pl.col("start_date").min().over(["child_id", "period", "placement_run"]).alias("placed_from"),  # noqa: E501
        )  # fmt: skip
        in_window = episodes.filter(
            pl.col("end_date").is_null() | (pl.col("end_date") >= self.window.start)
        )
        latest = in_window.sort(["start_date", "episode_id"]).group_by("child_id").last()
        recent = episodes.filter(pl.col("end_date").is_null() | (pl.col("end_date") >= year_ago))
        periods_recent = recent.group_by("child_id").agg(
            pl.col("period").n_unique().alias("periods")
        )
        first_recent = recent.sort("start_date").group_by("child_id").first()
        placements = (
            recent.group_by("child_id")
            .agg(pl.col("reason_new_episode").is_in(_NEW_PLACEMENT).sum().alias("moves"))
            .join(
                first_recent.select(
                    "child_id", (pl.col("reason_new_episode") == "L").alias("carried")
                ),
                on="child_id",
            )
            .select(
                "child_id",
                (pl.col("moves") + pl.col("carried").cast(pl.UInt32))
                .cast(pl.Int64)
                .alias("placements"),
            )
        )  # noqa: E501

        visits = self.record["visits"]
        facts = [
            _latest(self.record["lac_reviews"], "date", as_at, "review"),
            _latest(visits.filter(pl.col("kind") == "LAC"), "date", as_at, "sw_visit"),
            _latest(visits.filter(pl.col("kind") == "IRO"), "date", as_at, "iro_visit"),
            _latest(self.record["health_assessments"], "date", as_at, "health"),
            _latest(self.record["dental_checks"], "date", as_at, "dental"),
            self.record["permanence_plans"].filter(pl.col("recorded_on") <= as_at)
            .sort("recorded_on").group_by("child_id").last().select("child_id", "plan"),
        ]  # fmt: skip
        missing = self.record["missing_episodes"].filter(pl.col("start_date") <= as_at)
        counts = (
            missing.filter(pl.col("start_date") >= year_ago)
            .group_by("child_id")
            .agg(
                (pl.col("kind") == "M").sum().cast(pl.Int64).alias("missing"),
                (pl.col("kind") == "A").sum().cast(pl.Int64).alias("absent"),
            )
        )
        last_missing = (
            missing.filter(pl.col("kind") == "M").sort("start_date").group_by("child_id").last()
            .with_columns(self._until("return_interview_offered_on"))
            .select("child_id", "return_interview_offered_on", "return_interview_accepted")
        )  # fmt: skip
        districts = self.council_postcode_districts().implode()
        in_area = pl.col("placement_postcode").str.split(" ").list.first().is_in(districts)
        people = self.people().select("child_id", "is_uasc", "uasc_ceased_on")
        frame = (
            latest.join(periods_recent, on="child_id", how="left")
            .join(placements, on="child_id", how="left")
            .join(counts, on="child_id", how="left")
            .join(last_missing, on="child_id", how="left")
            .join(people, on="child_id", how="left")
        )
        for fact in facts:
            frame = frame.join(fact, on="child_id", how="left")
        offered = pl.col("return_interview_offered_on").is_not_null()
        accepted = pl.col("return_interview_accepted")
        has_missing = pl.col("missing").fill_null(0) > 0
        ceased = pl.col("end_date").is_not_null()
        uasc = pl.col("is_uasc") | (pl.col("uasc_ceased_on") >= year_ago).fill_null(False)
        columns = spec.LISTS[8].column_names
        return self._finish(
            8,
            frame.select(
                "child_id",
                _yes_no(uasc).alias(columns[6]),
                pl.col("period_start").alias(columns[7]),
                _map("category_of_need", spec.NEED_OF_CODE).alias(columns[8]),
                _yes_no(pl.col("periods").fill_null(1) > 1).alias(columns[9]),
                pl.col("status_from").alias(columns[10]),
                _map("legal_status", spec.LEGAL_STATUS_OF_CODE).alias(columns[11]),
                pl.col("review").alias(columns[12]),
                pl.col("sw_visit").alias(columns[13]),
                _map("plan", spec.PERMANENCE_OF_CODE).alias(columns[14]),
                pl.col("iro_visit").alias(columns[15]),
                pl.col("health").alias(columns[16]),
                pl.col("dental").alias(columns[17]),
                pl.col("placements").fill_null(1).alias(columns[18]),
                pl.when(ceased).then(pl.col("end_date")).alias(columns[19]),
                pl.when(ceased).then(_map("reason_ceased", spec.REASON_CEASED_OF_CODE)).alias(columns[20]),  # noqa: E501
                pl.col("placed_from").alias(columns[21]),
                _map("placement_type", spec.PLACEMENT_TYPE_OF_CODE).alias(columns[22]),
                _map("placement_provider", spec.PROVIDER_OF_CODE).alias(columns[23]),
                pl.col("placement_postcode").alias(columns[24]),
                pl.col("placement_urn").alias(columns[25]),
                pl.when(pl.col("placement_postcode").is_null()).then(None)
                .when(in_area).then(pl.lit(spec.LOCATION[0])).otherwise(pl.lit(spec.LOCATION[1]))
                .alias(columns[26]),
                pl.when(in_area).then(pl.lit(self.la_code)).alias(columns[27]),
                pl.col("missing").fill_null(0).alias(columns[28]),
                pl.col("absent").fill_null(0).alias(columns[29]),
                pl.when(has_missing).then(_yes_no(offered)).alias(columns[30]),
                pl.when(has_missing & offered)
                .then(pl.when(accepted.is_null()).then(pl.lit(spec.UNKNOWN)).otherwise(_yes_no(accepted)))  # noqa: E501
                .alias(columns[31]),
            ),
            [],
        )  # fmt: skip

    def care_leavers(self) -> pl.DataFrame:
        as_at = self.as_at
        leavers = self.record["care_leavers"].filter(
            pl.col("eligibility").is_in(list(spec.ELIGIBILITY_OF_CODE))
            & (pl.col("eligible_from") <= as_at)
        )
        contacts = self.record["care_leaver_contacts"].filter(pl.col("date") <= as_at)
        latest = contacts.sort("date").group_by("child_id").last()
        plans = _latest(self.record["pathway_plans"], "date", as_at, "pathway")
        people = self.people().select("child_id", "Date of Birth", "is_uasc", "uasc_ceased_on")
        frame = (
            leavers.join(latest, on="child_id", how="left")
            .join(plans, on="child_id", how="left")
            .join(people, on="child_id", how="inner")
            # The leaving care service holds young people to their 21st birthday.
            .filter(pl.col("Date of Birth").dt.offset_by("21y") >= self.window.start)
        )
        suitable = pl.col("accommodation_suitable")
        columns = spec.LISTS[9].column_names
        return self._finish(
            9,
            frame.select(
                "child_id",
                _map("eligibility", spec.ELIGIBILITY_OF_CODE).alias(columns[6]),
                _map("in_touch", spec.IN_TOUCH_OF_CODE, spec.IN_TOUCH[1]).alias(columns[7]),
                _map("accommodation", spec.ACCOMMODATION_OF_CODE).alias(columns[8]),
                pl.when(suitable.is_null()).then(None)
                .when(suitable).then(pl.lit(spec.SUITABILITY[0])).otherwise(pl.lit(spec.SUITABILITY[1]))  # noqa: E501
                .alias(columns[9]),
                _map("activity", spec.ACTIVITY_OF_CODE).alias(columns[10]),
                _yes_no(pl.col("is_uasc") | pl.col("uasc_ceased_on").is_not_null()).alias(columns[11]),  # noqa: E501
                pl.col("personal_adviser").alias(columns[12]),
                pl.col("pathway").alias(columns[13]),
                pl.col("date").alias(columns[14]),
            ),
            [],
        )  # fmt: skip

    def adoption(self) -> pl.DataFrame:
        as_at, start = self.as_at, self.window.start
        adoptions = self.record["adoptions"].filter(pl.col("decision_date") <= as_at)
        dated = (
            "placement_order_date",
            "matched_date",
            "placed_date",
            "fostering_for_adoption_date",
            "adoption_order_date",
            "stopped_date",
        )  # noqa: E501
        adoptions = adoptions.with_columns(self._until(c) for c in dated).filter(
            (pl.col("adoption_order_date").is_null() | (pl.col("adoption_order_date") >= start))
            & (pl.col("stopped_date").is_null() | (pl.col("stopped_date") >= start))
        )
        periods = periods_of_care(self.record["lac_episodes"].filter(pl.col("start_date") <= as_at))
        entered = (
            adoptions.select("adoption_id", "child_id", "decision_date")
            .join(periods.select("child_id", "period_start"), on="child_id")
            .filter(pl.col("period_start") <= pl.col("decision_date"))
            .group_by("adoption_id")
            .agg(pl.col("period_start").max().alias("entered"))
        )
        return self._finish(
            10,
            adoptions.join(entered, on="adoption_id", how="left").select(
                "child_id",
                pl.lit(None, pl.String).alias("Family identifier"),
                pl.col("entered").alias("Date the Child Entered Care"),
                pl.col("decision_date").alias("Date of Decision that Child Should be Placed for Adoption"),  # noqa: E501
                pl.col("placement_order_date").alias("Date of Placement Order"),
                pl.col("matched_date").alias("Date of Matching Child and Prospective Adopters"),
                pl.col("placed_date").alias("Date Placed for Adoption"),
                pl.col("adoption_order_date").alias("Date of Adoption Order"),
                pl.col("stopped_date").alias("Date of Decision that Child Should No Longer be Placed for Adoption"),  # noqa: E501
                pl.when(pl.col("stopped_date").is_not_null()).then(pl.col("stopped_reason")).alias("Reason Why Child No Longer Placed for Adoption"),  # noqa: E501
                pl.col("fostering_for_adoption_date").alias("Date the child was placed for fostering in FFA or concurrent planning placement"),  # noqa: E501
            ),
            ["Date of Decision that Child Should be Placed for Adoption"],
        )  # fmt: skip

    def adopters(self) -> pl.DataFrame:
        """Sightline records no prospective adopters: the list has its columns and no rows."""
        schema = {"child_id": pl.Int64}
        for column in spec.LISTS[11].columns:
            schema[column.name] = {"date": pl.Date, "int": pl.Int64}.get(column.kind, pl.String)
        return pl.DataFrame(schema=schema)
