"""Subject access export: the whole of one child's record, nothing of anyone else's, third
parties flagged, only for information governance, and audited."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from sightline.access.models import AuditAction, AuditEvent
from sightline.access.sar import sar_export
from sightline.access.sar.record import record_models, record_type
from sightline.access.services import restricted_record_create

from .full_record import full_record_make

pytestmark = pytest.mark.django_db

# Every casework and care record type, named here so that a model the export silently stops
# finding fails the test rather than shrinking the export.
EVERY_RECORD_TYPE = {
    "contact",
    "referral",
    "assessment",
    "strategy_discussion",
    "section47_enquiry",
    "child_protection_conference",
    "child_protection_plan",
    "core_group_meeting",
    "child_in_need_plan",
    "child_in_need_plan_review",
    "visit",
    "agency_check",
    "management_oversight",
    "case_note",
    "looked_after_episode",
    "looked_after_review",
    "health_assessment",
    "dental_check",
    "development_check",
    "conviction",
    "substance_misuse",
    "immunisation_status",
    "strengths_and_difficulties",
    "personal_education_plan",
    "missing_episode",
    "permanence_plan",
    "care_leaver",
    "care_leaver_contact",
    "pathway_plan",
    "adoption",
    "pre_proceedings",
    "care_proceedings",
    "significant_harm_concern",
    "care_plan",
    "placement_plan",
    "iroappointment",
    "needs_assessment",
    "leaving_care_accommodation",
    "private_fostering_arrangement",
    "professional_contact",
    "finding",
    "finding_step",
}


@pytest.fixture
def full(council):
    return full_record_make(council)


@pytest.fixture
def export(council, full):
    return sar_export(actor=council.users["ig"], child=full.child, reference="SAR-2025-0001")


def _items(record):
    yield from record["relationships"]
    yield from record["households"]
    yield from record["allocations"]
    for rows in record["records"].values():
        yield from rows


def _by_id(record, record_type_key, pk):
    return next(item for item in record["records"][record_type_key] if item["id"] == pk)


def test_every_record_type_of_the_case_record_is_covered():
    assert {record_type(model) for model in record_models()} == EVERY_RECORD_TYPE


def test_export_holds_every_record_of_every_type(full, export):
    records = export.record["records"]
    assert set(records) == EVERY_RECORD_TYPE
    for key, obj in full.records.items():
        model_key = record_type(type(obj))
        assert obj.pk in {item["id"] for item in records[model_key]}, key


def test_export_holds_the_identity(full, export):
    subject = export.record["subject"]
    assert subject["la_child_id"] == "SAR001"
    assert subject["first_name"] == "Alexa"
    assert subject["date_of_birth"] == "2012-03-17"
    assert subject["nhs_number"] == full.child.nhs_number
    assert subject["upn"] == "A123456789012"
    assert subject["sex_label"]
    assert [d["code"] for d in export.record["disabilities"]] == ["COMM"]


def test_export_holds_relationships_households_and_allocations(full, export):
    record = export.record
    assert {r["fields"]["other_person"]["name"] for r in record["relationships"]} == {
        "Morwenna Brightwater",
        "Robin Brightwater",
    }
    [membership] = record["households"]
    assert {a["postcode"] for a in membership["fields"]["addresses"]} == {"LS12 3AB", "LS6 2QT"}
    [allocation] = record["allocations"]
    assert allocation["fields"]["team"] == "Assessment North"
    assert allocation["fields"]["worker"] == "Worker"


def test_export_uses_iso_dates_and_utc_instants(full, export):
    contact = _by_id(export.record, "contact", full.records["contact"].pk)
    assert contact["fields"]["received_at"].endswith("Z")
    referral = _by_id(export.record, "referral", full.records["referral"].pk)
    assert referral["fields"]["referral_date"] == full.records["referral"].referral_date.isoformat()
    assert referral["fields"]["source_label"]


def test_export_holds_no_other_childs_records(full, export):
    text = export.json_bytes.decode()
    assert full.sibling_note not in text
    assert "Sibling's own concern" not in text
    for item in _items(export.record):
        if item["record_type"] in EVERY_RECORD_TYPE:
            model = next(m for m in record_models() if record_type(m) == item["record_type"])
            assert model.objects.get(pk=item["id"]).child_id == full.child.pk


def test_export_leaves_out_the_access_audit(full, council):
    from sightline.access.services import child_read_authorise

    child_read_authorise(actor=council.users["worker"], child=full.child)
    record = sar_export(actor=council.users["ig"], child=full.child).record
    assert not [key for key in record if "audit" in key]


def test_referrer_is_flagged_as_third_party(full, export):
    contact = _by_id(export.record, "contact", full.records["contact"].pk)
    assert contact["third_party"] is True
    flagged = {entry["field"]: entry["reason"] for entry in contact["review"]}
    assert "referrer" in flagged["referrer_name"]
    assert "referrer_agency" in flagged
    assert "people_named" in flagged


def test_other_peoples_details_are_flagged(full, export):
    record = export.record
    assert all(r["third_party"] for r in record["relationships"])
    [membership] = record["households"]
    fields = {entry["field"] for entry in membership["review"]}
    assert "members" in fields
    # The household's address before the child was born is someone else's information.
    assert "addresses[0]" in fields and "addresses[1]" not in fields
    check = _by_id(record, "agency_check", full.records["agency_check"].pk)
    assert check["third_party"] and check["fields"]["subject"]["name"] == "Morwenna Brightwater"


def test_an_agency_check_on_the_child_is_not_third_party(full, export):
    check = _by_id(export.record, "agency_check", full.records["agency_check_on_child"].pk)
    assert check["fields"]["subject"] == "the child"
    assert check["third_party"] is False


def test_free_text_mentioning_someone_else_is_flagged_for_review(full, export):
    note = _by_id(export.record, "case_note", full.records["case_note"].pk)
    assert note["third_party"] is True
    assert "review for third-party information" in note["third_party_reason"]
    visit = _by_id(export.record, "visit", full.records["visit_mentioning"].pk)
    assert "Robin" in visit["third_party_reason"]


def test_free_text_about_the_child_alone_is_not_flagged(full, export):
    visit = _by_id(export.record, "visit", full.records["visit"].pk)
    assert visit["third_party"] is False
    assert visit["third_party_reason"] is None


def test_staff_names_are_not_flagged(full, export):
    assessment = _by_id(export.record, "assessment", full.records["assessment"].pk)
    assert assessment["fields"]["authorised_by"] == "Manager"
    assert assessment["third_party"] is False


def test_adoption_information_is_flagged_as_exempt(full, export):
    adoption = _by_id(export.record, "adoption", full.records["adoption"].pk)
    assert [entry["kind"] for entry in adoption["review"]] == ["exemption"]
    assert "Sch. 4" in adoption["review"][0]["reason"]


def test_export_states_the_retention_period(export):
    assert export.record["retention"]["rule"] == "looked_after"
    assert export.record["retention"]["until"] == "2087-03-17"


def test_pdf_is_a_pdf_naming_the_child_and_marking_third_parties(export):
    assert export.pdf_bytes.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(export.pdf_bytes))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Alexa Brightwater" in text
    assert "SAR001" in text
    assert "Referrer name: [REVIEW: third party - the referrer] Priya Referrer" in text
    assert "[REVIEW: exempt - adoption information" in text


@pytest.mark.parametrize(
    "role_user", ["worker", "manager", "director", "qa", "analyst", "admin", "partner"]
)
def test_only_information_governance_may_export(council, full, role_user):
    with pytest.raises(PermissionDenied):
        sar_export(actor=council.users[role_user], child=full.child)


def test_ig_may_export_a_restricted_record(council, full):
    restricted_record_create(actor=council.users["ig"], child=full.child, reason="adoption")
    export = sar_export(actor=council.users["ig"], child=full.child)
    assert export.record["subject"]["la_child_id"] == "SAR001"


def test_export_is_audited(council, full, export):
    event = AuditEvent.objects.latest("sequence")
    assert event.action == AuditAction.EXPORT
    assert event.actor == council.users["ig"]
    assert event.child_id == full.child.pk
    assert event.detail["kind"] == "subject access"
    assert event.detail["reference"] == "SAR-2025-0001"


def test_refused_export_writes_nothing(council, full):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        sar_export(actor=council.users["worker"], child=full.child)
    assert AuditEvent.objects.count() == before


def test_command_writes_json_and_pdf(council, full, tmp_path):
    out = io.StringIO()
    call_command("sar", child="SAR001", actor="ig", out=tmp_path, stdout=out)
    [json_file] = tmp_path.glob("*.json")
    [pdf_file] = tmp_path.glob("*.pdf")
    assert json.loads(json_file.read_text())["subject"]["la_child_id"] == "SAR001"
    assert pdf_file.read_bytes().startswith(b"%PDF")


def test_command_refuses_a_non_ig_actor(council, full, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("sar", child="SAR001", actor="worker", out=tmp_path)
    assert not list(tmp_path.iterdir())


# --- The page ----------------------------------------------------------------------------


def test_page_url_carries_no_personal_data():
    assert reverse("access:subject_access") == "/ig/subject-access/"


@pytest.mark.parametrize("role_user", ["worker", "director", "analyst", "admin"])
def test_page_is_forbidden_to_anyone_but_ig(client, council, full, role_user):
    client.force_login(council.users[role_user])
    url = reverse("access:subject_access")
    assert client.get(url).status_code == 403
    response = client.post(url, {"la_child_id": "SAR001", "file_format": "json"})
    assert response.status_code == 403


def test_page_downloads_the_pdf(client, council, full):
    client.force_login(council.users["ig"])
    response = client.post(
        reverse("access:subject_access"), {"la_child_id": "SAR001", "file_format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    # The export is never kept by a browser or a proxy (every signed-in response is no-store).
    assert "no-store" in response["Cache-Control"].split(", ")
    assert response.content.startswith(b"%PDF")


def test_page_downloads_the_json(client, council, full):
    client.force_login(council.users["ig"])
    response = client.post(
        reverse("access:subject_access"), {"la_child_id": "SAR001", "file_format": "json"}
    )
    assert json.loads(response.content)["subject"]["first_name"] == "Alexa"


def test_page_says_when_no_child_has_the_id(client, council, full):
    client.force_login(council.users["ig"])
    response = client.post(
        reverse("access:subject_access"), {"la_child_id": "NOPE", "file_format": "pdf"}
    )
    assert response.status_code == 200
    assert b"No child has this LA child ID" in response.content


def test_placement_and_home_postcodes_and_urn_are_flagged_for_third_party_review(full, export):
    """Issue 11 row 8: placement postcode, placement URN and home postcode are flagged."""
    # A kinship foster carer's postcode is the carer's information, not only the child's.
    episode = _by_id(export.record, "looked_after_episode", full.records["looked_after_episode"].pk)
    flagged = {entry["field"] for entry in episode["review"]}
    assert {"placement_postcode", "home_postcode"} <= flagged
    assert "placement_urn" not in flagged  # empty in this record: nothing to review
    assert episode["third_party"] is True


@pytest.mark.parametrize(
    ("record_type", "field"),
    [("private_fostering_arrangement", "carer"), ("leaving_care_accommodation", "address")],
)
def test_a_private_foster_carer_and_a_care_leavers_address_are_flagged_for_review(
    full, export, record_type, field
):
    """Issue 11 row 8, for the newer record types: fields that are someone else's information
    (the private foster carer's name; the care leaver's accommodation, which may be a host's or
    landlord's home) are flagged for third-party review, and still exported for IG to decide."""
    row = _by_id(export.record, record_type, full.records[record_type].pk)
    assert field in {entry["field"] for entry in row["review"]}
    assert row["third_party"] is True
    assert row["fields"][field] == getattr(full.records[record_type], field)


def test_an_empty_carer_is_not_flagged(council, full):
    from sightline.care.models import PrivateFosteringArrangement

    child = full.child
    arrangement = PrivateFosteringArrangement.objects.get(child=child)
    arrangement.carer = ""
    arrangement.save()
    record = sar_export(actor=council.users["ig"], child=child, reference="SAR-2025-0002").record
    row = _by_id(record, "private_fostering_arrangement", arrangement.pk)
    assert "carer" not in {entry["field"] for entry in row["review"]}
