"""URLs of the shell of the service.

A child's record is addressed by the person's primary key only: names, NHS numbers and other
personal data never appear in a URL.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from sightline.web import views
from sightline.web.forms import SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("children/search/", views.child_search, name="child-search"),
    path("children/<int:child_id>/", views.child_summary, name="child-summary"),
    path("children/<int:child_id>/chronology/", views.child_chronology, name="child-chronology"),
    path("children/<int:child_id>/household/", views.child_household, name="child-household"),
    path("children/<int:child_id>/clocks/", views.child_clocks, name="child-clocks"),
]
