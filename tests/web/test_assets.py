"""Pages load their styles and scripts from files that exist, and nothing inline."""

import posixpath
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

OWN_STYLESHEET = "sightline/css/sightline.css"
OWN_SCRIPT = "sightline/js/sightline.js"


def _must_exist(path: str) -> None:
    assert finders.find(path), f"static file {path} is missing; run `npm ci && npm run assets`"


def _referenced(source: str, pattern: str) -> list[str]:
    """Static paths that ``source`` refers to by URLs relative to itself."""
    text = Path(finders.find(source)).read_text(encoding="utf-8")
    folder = posixpath.dirname(source)
    return [posixpath.normpath(posixpath.join(folder, url)) for url in re.findall(pattern, text)]


@pytest.mark.parametrize(
    "path",
    [
        "vendor/govuk/govuk-frontend.min.css",
        "vendor/govuk/govuk-frontend.min.js",
        "vendor/moj/moj-frontend.min.css",
        "vendor/moj/moj-frontend.min.js",
        OWN_STYLESHEET,
        OWN_SCRIPT,
        "sightline/images/favicon.svg",
    ],
)
def test_every_file_the_pages_load_exists(path):
    _must_exist(path)


def test_every_image_our_stylesheet_points_at_exists():
    images = _referenced(OWN_STYLESHEET, r'url\("([^"]+)"\)')

    assert images
    for image in images:
        _must_exist(image)


def test_our_script_imports_files_that_exist():
    modules = _referenced(OWN_SCRIPT, r'from "([^"]+)"')

    assert len(modules) == 2
    for module in modules:
        _must_exist(module)


def _assert_nothing_inline(url: str, content: str) -> None:
    assert "<style" not in content, url
    assert " style=" not in content, url
    assert not re.search(r"<[^>]+\son[a-z]+=", content), f"event handler attribute on {url}"
    for script in re.findall(r"<script\b[^>]*>", content):
        assert " src=" in script, f"inline script on {url}: {script}"


def test_no_page_has_an_inline_script_or_style(worker_client, full_record_child, household):
    """The Content-Security-Policy allows only scripts and styles from files."""
    urls = [reverse("home"), reverse("child-search")] + [
        reverse(url_name, args=[full_record_child.pk])
        for url_name in ("child-summary", "child-chronology", "child-household", "child-clocks")
    ]
    for url in urls:
        _assert_nothing_inline(url, worker_client.get(url).content.decode())
    search = worker_client.post(reverse("child-search"), {"q": "smith"})
    _assert_nothing_inline("search results", search.content.decode())


def test_the_sign_in_page_has_no_inline_script_or_style(client, db):
    _assert_nothing_inline("sign in", client.get(reverse("login")).content.decode())
