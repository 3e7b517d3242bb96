"""Views of the shell of the service: home page and sign-in."""

from django.shortcuts import render


def home(request):
    return render(request, "web/home.html")
