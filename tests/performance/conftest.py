"""A small seeded council, loaded once for the module's tests."""

from datetime import date

import pytest

from sightline.demo.council import seed_council
from sightline.performance.figures import figures_forget

AS_AT = date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _fresh_figures():
    """Each test computes its own figures: none are kept from another test's database."""
    figures_forget()
    yield
    figures_forget()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """A synthetic council (1,500 population, 2 years of history to 31 March 2026)."""
    with django_db_blocker.unblock():
        seed_council(population=1500, years=2, seed=11, as_at=AS_AT, la_code="999")
        yield AS_AT
        from django.core.management import call_command

        call_command("flush", "--no-input", verbosity=0)
