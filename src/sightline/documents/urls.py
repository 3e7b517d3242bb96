from django.urls import path

from sightline.documents import views

urlpatterns = [
    path("children/<int:child_id>/documents/", views.child_documents, name="child-documents"),
    path(
        "children/<int:child_id>/documents/<int:document_id>/download/",
        views.document_download,
        name="document-download",
    ),
]
