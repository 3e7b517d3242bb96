"""URLs of the looked-after recording pages; a child is addressed by primary key only."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
