"""Documents on a child's record: checked on the way in, kept outside the web root, and every
download audited by name through the record's gate."""

import datetime as dt
import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sightline.access.models import AuditAction, AuditEvent
from sightline.access.retention.disposal import records_delete
from sightline.documents import storage
from sightline.documents.filetypes import DOCX, PDF, TEXT, FileRefused, file_type
from sightline.documents.models import Document

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _post(client, child, *, name="report.pdf", content=PDF_BYTES, title="School report"):
    return client.post(
        reverse("child-documents", args=[child.pk]),
        {
            "kind": "agency",
            "title": title,
            "dated_day": "3",
            "dated_month": "11",
            "dated_year": "2026",
            "file": SimpleUploadedFile(name, content),
        },
    )


def _stored_files() -> list:
    root = storage.root()
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_pdf_is_added_stored_outside_the_web_root_listed_and_its_upload_audited(
    worker_client, child, social_worker
):
    response = _post(worker_client, child)

    assert response.status_code == 302
    document = Document.objects.get(child=child)
    assert (document.title, document.dated, document.content_type) == (
        "School report",
        dt.date(2026, 11, 3),
        "application/pdf",
    )
    assert document.size == len(PDF_BYTES) and document.uploaded_by == social_worker
    [path] = _stored_files()
    assert path.read_bytes() == PDF_BYTES
    assert str(settings.STATIC_ROOT) not in str(path) and "report" not in str(path)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(document.pk))
    assert event.object_type == "documents.document" and event.child_id == child.pk
    page = worker_client.get(reverse("child-documents", args=[child.pk])).content.decode()
    assert "School report" in page and "report.pdf" in page and "Report from another agency" in page


def test_a_program_renamed_as_a_pdf_is_refused_with_a_located_error_and_nothing_kept(
    worker_client, child
):
    response = _post(worker_client, child, name="minutes.pdf", content=PROGRAM, title="Minutes")

    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#id_file"' in content
    assert "is called .pdf but is not a PDF" in content and "Choose the file again" in content
    assert 'value="Minutes"' in content  # what was typed is kept
    assert not Document.objects.exists() and _stored_files() == []
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_a_file_over_the_size_limit_or_of_another_type_is_refused(worker_client, child, settings):
    settings.SIGHTLINE_DOCUMENT_MAX_BYTES = 1024 * 1024
    too_big = _post(worker_client, child, content=b"%PDF-" + b"0" * (1024 * 1024))
    executable = _post(worker_client, child, name="setup.exe", content=PROGRAM)

    assert too_big.status_code == 400 and "smaller than 1 MB" in too_big.content.decode()
    assert executable.status_code == 400
    assert "must be one of: .pdf" in executable.content.decode()
    assert not Document.objects.exists() and _stored_files() == []


def test_missing_details_are_located_and_the_file_must_be_chosen_again(worker_client, child):
    response = worker_client.post(
        reverse("child-documents", args=[child.pk]),
        {"kind": "", "title": "Letter", "file": SimpleUploadedFile("a.pdf", PDF_BYTES)},
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_kind"' in content and 'href="#id_dated_day"' in content
    assert "Choose the file again" in content
    assert not Document.objects.exists()


def test_a_download_is_the_file_as_an_attachment_and_audited_by_name(worker_client, child):
    _post(worker_client, child)
    document = Document.objects.get()

    response = worker_client.get(reverse("document-download", args=[child.pk, document.pk]))

    assert response.status_code == 200 and response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "report.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="documents.document", object_id=str(document.pk)
    ).exists()


def test_a_child_outside_the_users_scope_gives_404_and_the_attempt_is_audited(
    worker_client, stranger_child, social_worker
):
    document = Document.objects.create(
        child=stranger_child,
        kind="other",
        title="Private",
        dated=dt.date(2026, 1, 1),
        original_name="p.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        sha256="0" * 64,
        stored_name=storage.store(PDF_BYTES),
        uploaded_by=social_worker,
        uploaded_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )

    download = worker_client.get(
        reverse("document-download", args=[stranger_child.pk, document.pk])
    )
    upload = _post(worker_client, stranger_child)

    assert download.status_code == 404 and upload.status_code == 404
    assert b"Private" not in download.content
    refused = AuditEvent.objects.filter(child_id=stranger_child.pk, detail__allowed=False)
    assert refused.filter(object_id=str(document.pk)).exists()
    assert Document.objects.filter(child=stranger_child).count() == 1


def test_a_document_of_another_child_is_not_found_through_this_childs_url(
    worker_client, child, other_children
):
    _post(worker_client, child)
    document = Document.objects.get()
    other = other_children[0]

    response = worker_client.get(reverse("document-download", args=[other.pk, document.pk]))

    assert response.status_code == 404


def test_a_changed_or_missing_file_is_never_served(worker_client, child):
    _post(worker_client, child)
    document = Document.objects.get()
    storage.path_of(document.stored_name).write_bytes(b"%PDF-tampered")

    tampered = worker_client.get(reverse("document-download", args=[child.pk, document.pk]))
    storage.remove(document.stored_name)
    missing = worker_client.get(reverse("document-download", args=[child.pk, document.pk]))

    for response in (tampered, missing):
        assert response.status_code == 500 and b"missing or damaged" in response.content
        assert b"tampered" not in response.content


def test_a_partner_agency_user_sees_no_documents(partner_user, child, client):
    client.force_login(partner_user)

    assert client.get(reverse("child-documents", args=[child.pk])).status_code == 404


def test_disposing_of_the_record_removes_the_files_once_the_disposal_commits(
    worker_client, child, django_capture_on_commit_callbacks
):
    _post(worker_client, child)
    assert len(_stored_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        records_delete([child.pk])

    assert not Document.objects.exists() and _stored_files() == []


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", PDF_BYTES, PDF),
        ("A.DOCX", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), DOCX),
        ("notes.txt", "Café notes\n".encode(), TEXT),
    ],
)
def test_file_types_are_told_from_their_bytes(name, content, expected):
    assert file_type(name, content, max_bytes=10_000) is expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.docx", _zip({"other.xml": b"<x/>"}), "not a Word document"),
        ("a.docx", b"PK\x03\x04 not really a zip", "not a Word document"),
        ("notes.txt", b"text\x00with a nul", "not a Plain text"),
        ("notes.txt", b"\xff\xfe\xfa", "not a Plain text"),
        ("photo.png", b"\xff\xd8\xff\xe0 a jpeg", "not a PNG image"),
        ("empty.pdf", b"", "empty"),
        ("noextension", PDF_BYTES, "must be one of"),
    ],
)
def test_files_that_are_not_what_they_say_are_refused(name, content, message):
    with pytest.raises(FileRefused, match=message):
        file_type(name, content, max_bytes=10_000)
