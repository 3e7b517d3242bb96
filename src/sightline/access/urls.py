"""URLs of the access app: information governance under /ig/, the rest under /access/."""

from django.urls import path

from sightline.access import data_protection_views, views

app_name = "access"

urlpatterns = [
    path("ig/", views.ig_alerts, name="ig_alerts"),
    path(
        "ig/alerts/<int:pk>/acknowledge/", views.ig_alert_acknowledge, name="ig_alert_acknowledge"
    ),
    path("ig/children/<int:pk>/access/", views.ig_child_access, name="ig_child_access"),
    path("ig/users/<int:pk>/access/", views.ig_user_access, name="ig_user_access"),
    path("access/children/<int:pk>/break-glass/", views.break_glass, name="break_glass"),
    path("access/two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("access/two-factor/set-up/", views.two_factor_enrol, name="two_factor_enrol"),
    path("access/session/keep-alive/", views.session_keep_alive, name="session_keep_alive"),
]

# Data protection: subject access export, retention and disposal (information governance).
urlpatterns += [
    path("ig/subject-access/", data_protection_views.subject_access, name="subject_access"),
    path("ig/retention/", data_protection_views.retention, name="retention"),
    path(
        "ig/retention/batches/<int:pk>/approve/",
        data_protection_views.disposal_batch_approve,
        name="disposal_batch_approve",
    ),
]
