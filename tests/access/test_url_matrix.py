"""The authorisation matrix: every URL pattern, as every role, for children in and out of scope.

Every pattern the resolver knows (includes followed, Django admin included) is requested with
GET and with POST (CSRF enforced, with a valid token) by a user of every role in `codes.ROLE`,
by an anonymous visitor and by a user who has given their password but not yet their
two-factor code, once for each of three children:

- ``IN``: in the natural scope of every case-holding role (allocated to the social worker's
  team, on a child protection plan, named in a recent contact, a care leaver with a personal
  adviser);
- ``ELSEWHERE``: allocated to a team in another service, so outside every scope except the
  director's and the QA auditor's, who see every child;
- ``RESTRICTED``: as much in scope as ``IN``, but restricted to an allow-list naming none of
  the users here, so outside everyone's scope, the director's included;
- ``RESTRICTED_ELSEWHERE``: allocated where ``ELSEWHERE`` is, and restricted too. For every user
  who may see neither, every URL must answer it exactly as it answers ``ELSEWHERE`` (same
  status): a refusal must not tell a restricted child from any other child one may not see.

So every role meets at least one child outside its scope. URL keyword arguments are filled by
name from the child in play (``child_id``, a child's ``pk``; its allocated worker, team and
service for ``worker_id``, ``team_id``, ``service_id``; see `_url_kwargs`); the child search is
posted the child's LA child ID. A URL that names no child (the home page, an admin list, an
admin page of a model other than Person) is the same for all three, so it is requested once and
its response checked against all three children.

`POLICY` below is the explicit table of what is allowed: pattern name, then method, then who
(role and scopes) and what they get. Anything not in it is refused: 403 or 404 (405 for a
method the view does not take), or, for a visitor not fully signed in, a redirect to sign-in
or to the two-factor step. No response, allowed or refused, may name a child (name, LA child
ID, NHS number, in the body or a redirect) unless the table allows that user to see that child.

A URL pattern missing from `POLICY` fails `test_every_url_pattern_has_a_policy`. The Django
admin has one policy for its whole namespace (staff only; no role here is staff), because
every admin URL is made by `AdminSite.admin_view`, which refuses non-staff; its login page is
public, as is the service's own sign-in page. Static files are public too, but are served by
WhiteNoise ahead of the URL resolver, so they are no URL pattern here.

Two-factor sign-in: the matrix runs with ``SIGHTLINE_REQUIRE_2FA`` on, as in production. Each
user has a confirmed authenticator and a session verified with it (what a code would give), so
the policy under test is the one production users meet; the ``UNVERIFIED`` row proves that a
password alone opens nothing but the sign-in steps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sightline.access.policies import children_visible_to
from sightline.access.services import break_glass_open, restricted_record_create
from sightline.care.models import CareLeaver, MissingEpisode
from sightline.casework.models import Assessment, ChildProtectionPlan, Contact, Referral
from sightline.documents import storage as document_storage
from sightline.documents.models import Document
from sightline.oversight.models import Approval, Deadline, Finding
from sightline.people.models import Person, PersonWarning
from sightline.standards import codes
from sightline.workforce.models import Allocation, Service, Team, User

pytestmark = pytest.mark.django_db

# --- Who, and for which child ------------------------------------------------------------------

R = codes.ROLE.enum
ROLES = tuple(codes.ROLE.values)
ANONYMOUS = "anonymous"
UNVERIFIED = "signed in, second factor not given"
ACTORS = (*ROLES, ANONYMOUS, UNVERIFIED)

IN, ELSEWHERE, RESTRICTED = "in scope", "elsewhere", "restricted"
RESTRICTED_ELSEWHERE = "restricted elsewhere"
SCOPES = (IN, ELSEWHERE, RESTRICTED, RESTRICTED_ELSEWHERE)
ALL_SCOPES = frozenset(SCOPES)

# Which of the three children each user may see: the policy of docs/permissions.md, written out.
VISIBLE: dict[str, frozenset[str]] = {
    R.SOCIAL_WORKER: frozenset({IN}),
    R.SENIOR_PRACTITIONER: frozenset({IN}),
    R.TEAM_MANAGER: frozenset({IN}),
    R.HEAD_OF_SERVICE: frozenset({IN}),
    R.DIRECTOR: frozenset({IN, ELSEWHERE}),
    R.FRONT_DOOR: frozenset({IN}),
    R.IRO: frozenset({IN}),
    R.QA_AUDITOR: frozenset({IN, ELSEWHERE}),
    R.PERSONAL_ADVISER: frozenset({IN}),
    R.ANALYST: frozenset(),
    R.PARTNER: frozenset(),
    R.IG_OFFICER: frozenset(),
    R.ADMIN: frozenset(),
    ANONYMOUS: frozenset(),
    UNVERIFIED: frozenset(),
}
CASEWORK = (
    R.SOCIAL_WORKER,
    R.SENIOR_PRACTITIONER,
    R.TEAM_MANAGER,
    R.HEAD_OF_SERVICE,
    R.DIRECTOR,
    R.FRONT_DOOR,
    R.IRO,
    R.PERSONAL_ADVISER,
)
SEARCHERS = (*CASEWORK, R.QA_AUDITOR)
BREAK_GLASS = (*CASEWORK, R.IG_OFFICER)
SIGNED_IN = (*ROLES, UNVERIFIED)

# --- The policy table --------------------------------------------------------------------------


@dataclass(frozen=True)
class Allow:
    """Who may use one method of one URL, for which children, and what they get.

    ``who`` maps a user (role, ``ANONYMOUS`` or ``UNVERIFIED``) to the scopes of child for
    which they are allowed. ``names_child`` lets the page name the child to those allowed even
    outside their scope (information governance's own pages); ``shows_child`` requires that
    it names the child to those who may see it, for pages whose point is the child.
    """

    who: Mapping[str, frozenset[str]]
    status: frozenset[int] = frozenset({200})
    names_child: bool = False
    shows_child: bool = False


def allow(who, *, status=(200,), names_child=False, shows_child=False) -> Allow:
    """A rule; ``who`` maps users to scopes, or lists users allowed whatever the child."""
    if not isinstance(who, Mapping):
        who = {actor: ALL_SCOPES for actor in who}
    return Allow(
        {actor: frozenset(scopes) for actor, scopes in who.items()},
        frozenset(status),
        names_child,
        shows_child,
    )


MANAGERS = (R.TEAM_MANAGER, R.HEAD_OF_SERVICE)


def visible(actors) -> dict[str, frozenset[str]]:
    """Each of ``actors`` for exactly the children they may see."""
    return {actor: VISIBLE[actor] for actor in actors if VISIBLE[actor]}


REDIRECT = (302,)
PERFORMANCE = (R.TEAM_MANAGER, R.HEAD_OF_SERVICE, R.DIRECTOR, R.QA_AUDITOR, R.ANALYST)
EVERYONE = (*SIGNED_IN, ANONYMOUS)

# Pattern name (with its namespace) -> method -> who is allowed. Everything else is refused.
POLICY: dict[str, dict[str, Allow]] = {
    # Public: the sign-in page; a signed-in user is sent on.
    "login": {
        "GET": allow(EVERYONE, status=(200, 302)),
        "POST": allow(EVERYONE, status=(200, 302)),
    },
    "logout": {"POST": allow(SIGNED_IN, status=REDIRECT)},
    "home": {"GET": allow(ROLES)},
    # POST searches by the child's LA child ID: it finds them only for who may see them.
    "child-search": {"GET": allow(SEARCHERS), "POST": allow(SEARCHERS, shows_child=True)},
    "child-summary": {"GET": allow(visible(ROLES), shows_child=True)},
    "child-chronology": {"GET": allow(visible(ROLES), shows_child=True)},
    "child-household": {"GET": allow(visible(ROLES), shows_child=True)},
    "child-clocks": {"GET": allow(visible(ROLES), shows_child=True)},
    # Information governance: the logs, for IG officers only; they name the children in them.
    "access:ig_alerts": {
        "GET": allow([R.IG_OFFICER], names_child=True),
        "POST": allow([R.IG_OFFICER], names_child=True),
    },
    "access:ig_alert_acknowledge": {"POST": allow([R.IG_OFFICER], status=REDIRECT)},
    "access:ig_child_access": {"GET": allow([R.IG_OFFICER], names_child=True, shows_child=True)},
    "access:ig_user_access": {"GET": allow([R.IG_OFFICER])},
    # Data protection: subject access export and retention, information governance only. The
    # empty form posted here exports nothing; there is no disposal batch in this world, so the
    # officer's approval finds none (the retention tests approve real ones).
    "access:subject_access": {"GET": allow([R.IG_OFFICER]), "POST": allow([R.IG_OFFICER])},
    "access:retention": {"GET": allow([R.IG_OFFICER], names_child=True)},
    "access:disposal_batch_approve": {"POST": allow([R.IG_OFFICER], status=(302, 404))},
    # The break-glass form names no child; the empty reason posted here opens nothing.
    "access:break_glass": {"GET": allow(BREAK_GLASS), "POST": allow(BREAK_GLASS)},
    # The second sign-in step, reachable before it is passed; everyone here is enrolled, so
    # the enrolment page sends them on to the code page.
    "access:two_factor_verify": {"GET": allow(SIGNED_IN), "POST": allow(SIGNED_IN)},
    "access:two_factor_enrol": {
        "GET": allow(SIGNED_IN, status=REDIRECT),
        "POST": allow(SIGNED_IN, status=REDIRECT),
    },
    # Public: says only whether the session is alive (401 to a visitor).
    "access:session_keep_alive": {"POST": allow(EVERYONE, status=(200, 401))},
    # Worklists, as oversight/selectors.py scopes them: roles with worklists see their own
    # work; a team's manager and the head of its service see the team's and its workers'; the
    # head sees the service's. The URL names the child's worker, team or service, and a
    # worklist names only children its reader may see (restricted ones are left out).
    "my-work": {"GET": allow(CASEWORK)},
    # The rulebook in force: how clocks are counted, no personal data, for every role.
    "timescales": {"GET": allow(ROLES)},
    "worker-worklist": {
        "GET": allow(
            {
                R.SOCIAL_WORKER: {IN},  # the IN child's worker is the social worker
                R.TEAM_MANAGER: {IN, RESTRICTED},
                R.HEAD_OF_SERVICE: {IN, RESTRICTED},
            }
        )
    },
    # A head of service is sent from the team page to the service page.
    "team": {"GET": allow([R.TEAM_MANAGER, R.HEAD_OF_SERVICE], status=(200, 302))},
    "team-detail": {
        "GET": allow({R.TEAM_MANAGER: {IN, RESTRICTED}, R.HEAD_OF_SERVICE: {IN, RESTRICTED}})
    },
    "oversight-service": {"GET": allow([R.HEAD_OF_SERVICE])},
    "oversight-service-detail": {"GET": allow({R.HEAD_OF_SERVICE: {IN, RESTRICTED}})},
    # Oversight (issue 12): a manager's own page sends them to their team's or the escalations;
    # a team's page for its manager, its head of service and the director (restricted children
    # left out); reallocating for the team's manager and head (the empty POST shows the choice
    # of worker again); acknowledging a finding for managers who may see its child (the empty
    # POST is shown back with its errors); escalations for heads of service and the director.
    "oversight": {"GET": allow([R.TEAM_MANAGER, R.HEAD_OF_SERVICE, R.DIRECTOR], status=REDIRECT)},
    "oversight-team": {
        "GET": allow(
            {
                R.TEAM_MANAGER: {IN, RESTRICTED},
                R.HEAD_OF_SERVICE: {IN, RESTRICTED},
                R.DIRECTOR: ALL_SCOPES,
            }
        )
    },
    "oversight-reallocate": {
        "GET": allow({R.TEAM_MANAGER: {IN, RESTRICTED}, R.HEAD_OF_SERVICE: {IN, RESTRICTED}}),
        "POST": allow({R.TEAM_MANAGER: {IN, RESTRICTED}, R.HEAD_OF_SERVICE: {IN, RESTRICTED}}),
    },
    "finding-acknowledge": {
        "GET": allow(visible([R.TEAM_MANAGER, R.HEAD_OF_SERVICE, R.DIRECTOR]), shows_child=True),
        "POST": allow(visible([R.TEAM_MANAGER, R.HEAD_OF_SERVICE, R.DIRECTOR]), shows_child=True),
    },
    "oversight-escalations": {"GET": allow([R.HEAD_OF_SERVICE, R.DIRECTOR])},
    # Oversight records (issue 12, helper h-ovs): allocating a child of the team to a worker,
    # for the team's manager and head who may open the child (the empty POST is shown back
    # with its error); the team's supervision schedule, as the team's oversight page; a
    # worker's supervision history for the worker, their team's manager and head, and the
    # director; recording supervision for the worker's manager or head (the form lists only
    # the worker's children the reader may open; the empty POST is shown back); an oversight
    # entry on a child, a manager's recording screen.
    "oversight-allocate": {
        "GET": allow(visible(MANAGERS), shows_child=True),
        "POST": allow(visible(MANAGERS), shows_child=True),
    },
    "supervision-schedule": {
        "GET": allow(
            {
                R.TEAM_MANAGER: {IN, RESTRICTED},
                R.HEAD_OF_SERVICE: {IN, RESTRICTED},
                R.DIRECTOR: ALL_SCOPES,
            }
        )
    },
    "supervision-history": {
        "GET": allow(
            {
                R.SOCIAL_WORKER: {IN},  # the IN child's worker is the social worker
                R.TEAM_MANAGER: {IN, RESTRICTED},
                R.HEAD_OF_SERVICE: {IN, RESTRICTED},
                R.DIRECTOR: ALL_SCOPES,
            }
        )
    },
    "supervision-new": {
        "GET": allow({R.TEAM_MANAGER: {IN, RESTRICTED}, R.HEAD_OF_SERVICE: {IN, RESTRICTED}}),
        "POST": allow({R.TEAM_MANAGER: {IN, RESTRICTED}, R.HEAD_OF_SERVICE: {IN, RESTRICTED}}),
    },
    "oversight-entry-new": {
        "GET": allow(visible(MANAGERS), shows_child=True),
        "POST": allow(visible(MANAGERS), shows_child=True),
    },
    "oversight-entry-check": {
        "GET": allow(visible(MANAGERS), status=REDIRECT),
        "POST": allow(visible(MANAGERS), status=REDIRECT),
    },
    # Approvals: asking to close a case is casework (each child here already has a request
    # waiting, so the page says so); deciding is a manager's who may open the child (the
    # empty POST is shown back with its errors); the check page without answers sends back.
    "closure-new": {
        "GET": allow(visible(CASEWORK), shows_child=True),
        "POST": allow(visible(CASEWORK), shows_child=True),
    },
    "closure-check": {
        "GET": allow(visible(CASEWORK), status=REDIRECT),
        "POST": allow(visible(CASEWORK), status=REDIRECT),
    },
    "closure-decide": {
        "GET": allow(visible(MANAGERS), shows_child=True),
        "POST": allow(visible(MANAGERS), shows_child=True),
    },
    # Recording: roles that record work, on children they may see. The empty form posted here
    # is shown back with its errors; the check page without valid answers sends the user back
    # to the form; a draft saves for a child the user may see and is 404 for any other.
    "visit-new": {
        "GET": allow(visible(CASEWORK), shows_child=True),
        "POST": allow(visible(CASEWORK), shows_child=True),
    },
    "visit-check": {
        "GET": allow(visible(CASEWORK), status=REDIRECT),
        "POST": allow(visible(CASEWORK), status=REDIRECT),
    },
    "case-note-new": {
        "GET": allow(visible(CASEWORK), shows_child=True),
        "POST": allow(visible(CASEWORK), shows_child=True),
    },
    "case-note-check": {
        "GET": allow(visible(CASEWORK), status=REDIRECT),
        "POST": allow(visible(CASEWORK), status=REDIRECT),
    },
    "drafts:autosave": {"POST": allow(visible(CASEWORK))},
    # Performance (line of sight): aggregates for the roles with the performance capability,
    # at the council level here (no unit in the query string). The child list behind a figure
    # also needs the capability to view child records, and names only children its reader may
    # open: never a restricted child, whatever the figure counts.
    "performance:scorecard": {"GET": allow(PERFORMANCE)},
    "performance:indicator": {"GET": allow(PERFORMANCE)},
    "performance:children": {"GET": allow([r for r in PERFORMANCE if r != R.ANALYST])},
    "performance:corporate-parenting": {"GET": allow(PERFORMANCE)},
    "performance:pack": {"GET": allow(PERFORMANCE)},
    # Statutory returns: the analysts' area (produce and check statutory returns). The empty
    # forms posted here are shown back with their errors; nothing is produced or read.
    "returns:home": {"GET": allow([R.ANALYST])},
    "returns:produce": {"GET": allow([R.ANALYST]), "POST": allow([R.ANALYST])},
    "returns:check": {"GET": allow([R.ANALYST]), "POST": allow([R.ANALYST])},
    # The child's casework page, for everyone who may open the record; completing an
    # assessment is casework; authorising one is a manager's (403 for anyone else).
    "child-work": {"GET": allow(visible(ROLES), shows_child=True)},
    "assessment-complete-new": {
        "GET": allow(visible(CASEWORK), shows_child=True),
        "POST": allow(visible(CASEWORK), shows_child=True),
    },
    "assessment-complete-check": {
        "GET": allow(visible(CASEWORK), status=REDIRECT),
        "POST": allow(visible(CASEWORK), status=REDIRECT),
    },
    "assessment-authorise-new": {
        "GET": allow(visible(MANAGERS), shows_child=True),
        "POST": allow(visible(MANAGERS), shows_child=True),
    },
    "assessment-authorise-check": {
        "GET": allow(visible(MANAGERS), status=REDIRECT),
        "POST": allow(visible(MANAGERS), status=REDIRECT),
    },
    # Warnings, from the household page: raised and ended by roles that record work, on
    # children they may see (the empty form is shown back with its errors; the check page
    # without answers sends the user back to the form).
    "warning-new": {
        "GET": allow(visible(CASEWORK), shows_child=True),
        "POST": allow(visible(CASEWORK), shows_child=True),
    },
    "warning-check": {
        "GET": allow(visible(CASEWORK), status=REDIRECT),
        "POST": allow(visible(CASEWORK), status=REDIRECT),
    },
    "warning-end-new": {
        "GET": allow(visible(CASEWORK), shows_child=True),
        "POST": allow(visible(CASEWORK), shows_child=True),
    },
    "warning-end-check": {
        "GET": allow(visible(CASEWORK), status=REDIRECT),
        "POST": allow(visible(CASEWORK), status=REDIRECT),
    },
    # Documents: listed for everyone who may open the record; the empty upload posted here is
    # shown back with its errors (400) to those who record work, and refused (403) to a
    # reader who may see the child but not record (the QA auditor); a download for whoever
    # may open the record.
    "child-documents": {
        "GET": allow(visible(ROLES), shows_child=True),
        "POST": allow(
            {**visible(CASEWORK), R.QA_AUDITOR: VISIBLE[R.QA_AUDITOR]},
            status=(400, 403),
            shows_child=True,
        ),
    },
    "document-download": {"GET": allow(visible(ROLES))},
    # Public: the Django admin's own sign-in form, which lets no one without is_staff further.
    "admin:login": {"GET": allow(EVERYONE), "POST": allow(EVERYONE)},
}

# Care (issue 10): the child's Care page for everyone who may open the record; each
# looked-after recording screen is the visit's shape (the empty form shown back with its
# errors, the check page without valid answers sending the user back to the form).
CARE_SCREENS = (
    "looked-after-start",
    "placement-change",
    "care-plan",
    "placement-plan",
    "iro-appointment",
    "looked-after-review",
    "missing-episode",
    "return-interview",
    "health-assessment",
    "dental-check",
    "education-plan",
    "care-leaver-contact",
    "pathway-plan",
)
POLICY["child-care"] = {"GET": allow(visible(ROLES), shows_child=True)}
for _screen in CARE_SCREENS:
    POLICY[f"{_screen}-new"] = {
        "GET": allow(visible(CASEWORK), shows_child=True),
        "POST": allow(visible(CASEWORK), shows_child=True),
    }
    POLICY[f"{_screen}-check"] = {
        "GET": allow(visible(CASEWORK), status=REDIRECT),
        "POST": allow(visible(CASEWORK), status=REDIRECT),
    }

# Namespaces with one policy for every URL in them.
NAMESPACE_POLICY: dict[str, dict[str, Allow]] = {
    # Staff only (AdminSite.admin_view); no role's user is staff.
    "admin": {},
}

# --- The world the matrix runs in --------------------------------------------------------------

_NAMES = {
    IN: ("Ottoline", "Brackenbury", "MTXIN001", "9991000003"),
    ELSEWHERE: ("Peregrine", "Ashdownfield", "MTXEL002", "9991000011"),
    RESTRICTED: ("Marigold", "Featherstonehaugh", "MTXRS003", "9991000038"),
    RESTRICTED_ELSEWHERE: ("Sidonie", "Wolstenholme", "MTXRE004", "9991000046"),
}
LETTER = b"A synthetic letter for the matrix.\n"
REASON = "Synthetic emergency for the matrix: placement broke down out of hours."


@dataclass
class World:
    users: dict[str, User]
    children: dict[str, Person]
    workers: dict[str, User]  # each child's allocated worker
    teams: dict[str, Team]
    services: dict[str, Service]
    alerts: dict[str, int] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)
    assessments: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=dict)  # a missing episode of each child
    devices: dict[str, TOTPDevice] = field(default_factory=dict)


def _user(username: str, role: str, team: Team | None = None) -> User:
    user = User(username=username, role=role, team=team, first_name=username.title())
    user.set_unusable_password()
    user.save()
    return user


def _child(scope: str) -> Person:
    first, last, la_id, nhs = _NAMES[scope]
    return Person.objects.create(
        la_child_id=la_id,
        first_name=first,
        last_name=last,
        nhs_number=nhs,
        date_of_birth=dt.date(2008, 6, 1),
        sex="F",
    )


def _in_every_natural_scope(child: Person, team: Team, worker: User, adviser: User) -> None:
    today = timezone.localdate()
    Allocation.objects.create(
        child=child, team=team, worker=worker, start_date=today - dt.timedelta(days=30)
    )
    referral = Referral.objects.create(
        child=child, referral_date=today - dt.timedelta(days=60), source="1A"
    )
    ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=today - dt.timedelta(days=20),
        initial_category="NEG",
        latest_category="NEG",
    )
    Contact.objects.create(
        child=child, received_at=timezone.now() - dt.timedelta(days=5), source="1A"
    )
    CareLeaver.objects.create(
        child=child,
        eligibility="RELEVANT",
        eligible_from=today - dt.timedelta(days=30),
        personal_adviser=adviser,
    )


def _deadline(child: Person, worker: User, team: Team) -> None:
    today = timezone.localdate()
    Deadline.objects.create(
        child=child,
        rule_id="T-CP-VISIT",
        record_type="cp_plans",
        clock_start=today - dt.timedelta(days=20),
        due=today - dt.timedelta(days=3),
        status="overdue",
        computed_for=today,
        computed_at=timezone.now(),
        worker=worker,
        team=team,
        is_child_protection=True,
    )


def _finding(child: Person, team: Team) -> Finding:
    """A finding escalated to the director, so every oversight page lists it."""
    today = timezone.localdate()
    return Finding.objects.create(
        child=child,
        rule_id="D-VISIT",
        since=today - dt.timedelta(days=10),
        severity="critical",
        evidence="CP visit due, not recorded",
        team=team,
        status="escalated",
        level="director",
        raised_on=today - dt.timedelta(days=5),
        level_since=today - dt.timedelta(days=2),
        last_seen_on=today,
    )


@pytest.fixture
def world(db, settings) -> World:
    settings.SIGHTLINE_REQUIRE_2FA = True
    # Some 12,000 requests: sessions in memory rather than the database keep this to minutes.
    # Who may see what does not depend on where a session is kept.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    safeguarding = Service.objects.create(name="Safeguarding")
    in_care = Service.objects.create(name="Children in care")
    north = Team.objects.create(name="Assessment North", kind="ASSESSMENT", service=safeguarding)
    mash = Team.objects.create(name="MASH", kind="FRONT_DOOR", service=safeguarding)
    leaving = Team.objects.create(name="Leaving Care", kind="LEAVING_CARE", service=in_care)
    disabled = Team.objects.create(name="Disabled Children", kind="DISABILITY", service=in_care)

    team_of = {
        R.SOCIAL_WORKER: north,
        R.SENIOR_PRACTITIONER: north,
        R.TEAM_MANAGER: north,
        R.FRONT_DOOR: mash,
        R.PERSONAL_ADVISER: leaving,
    }
    users = {role: _user(f"matrix_{role.lower()}", role, team_of.get(role)) for role in ROLES}
    users[UNVERIFIED] = _user("matrix_unverified", R.SOCIAL_WORKER, north)
    north.manager = users[R.TEAM_MANAGER]
    north.save()
    safeguarding.head = users[R.HEAD_OF_SERVICE]
    safeguarding.save()
    in_care.head = _user("care_head", R.HEAD_OF_SERVICE)
    in_care.save()
    colleague = _user("colleague", R.SOCIAL_WORKER, north)
    elsewhere_worker = _user("elsewhere_worker", R.SOCIAL_WORKER, disabled)
    allowed = _user("allow_listed", R.SOCIAL_WORKER, north)

    children = {scope: _child(scope) for scope in SCOPES}
    adviser = users[R.PERSONAL_ADVISER]
    _in_every_natural_scope(children[IN], north, users[R.SOCIAL_WORKER], adviser)
    _in_every_natural_scope(children[RESTRICTED], north, colleague, adviser)
    for scope in (ELSEWHERE, RESTRICTED_ELSEWHERE):
        Allocation.objects.create(
            child=children[scope],
            team=disabled,
            worker=elsewhere_worker,
            start_date=timezone.localdate() - dt.timedelta(days=30),
        )
    for scope in (RESTRICTED, RESTRICTED_ELSEWHERE):
        restricted_record_create(
            actor=users[R.IG_OFFICER],
            child=children[scope],
            reason="adoption",
            allow_list=[allowed],
        )
    workers = {
        IN: users[R.SOCIAL_WORKER],
        ELSEWHERE: elsewhere_worker,
        RESTRICTED: colleague,
        RESTRICTED_ELSEWHERE: elsewhere_worker,
    }
    teams = {IN: north, ELSEWHERE: disabled, RESTRICTED: north, RESTRICTED_ELSEWHERE: disabled}
    for scope in SCOPES:
        _deadline(children[scope], workers[scope], teams[scope])
    findings = {scope: _finding(children[scope], teams[scope]).pk for scope in SCOPES}
    world = World(
        users=users,
        children=children,
        workers=workers,
        teams=teams,
        services={scope: team.service for scope, team in teams.items()},
        findings=findings,
    )
    # An IG alert about each child, raised by someone outside the matrix (one on-call worker
    # each: break-glass is throttled per user).
    for number, scope in enumerate(SCOPES):
        on_call = _user(f"on_call_{number}", R.SOCIAL_WORKER, mash)
        grant = break_glass_open(actor=on_call, child=children[scope], reason=REASON)
        world.alerts[scope] = grant.alert.pk
    # An assessment of each child, sent for authorisation, for the assessment pages.
    today = timezone.localdate()
    for scope in SCOPES:
        referral = Referral.objects.filter(child=children[scope]).first() or (
            Referral.objects.create(
                child=children[scope], referral_date=today - dt.timedelta(days=60), source="1A"
            )
        )
        world.assessments[scope] = Assessment.objects.create(
            referral=referral,
            child=children[scope],
            start_date=today - dt.timedelta(days=10),
            submitted_on=today,
            analysis="Synthetic analysis for the matrix.",
            outcome="NFA",
        ).pk
    # An open warning about each child, for the page that ends it.
    for scope in SCOPES:
        world.warnings[scope] = PersonWarning.objects.create(
            person=children[scope],
            kind="ANIMAL",
            detail="Synthetic: a dog at the address.",
            raised_on=today - dt.timedelta(days=3),
        ).pk
    # A document on each child's record, for the download.
    for scope in SCOPES:
        world.documents[scope] = Document.objects.create(
            child=children[scope],
            kind="other",
            title="Synthetic letter",
            dated=today,
            original_name="letter.txt",
            content_type="text/plain; charset=utf-8",
            size=len(LETTER),
            sha256=hashlib.sha256(LETTER).hexdigest(),
            stored_name=document_storage.store(LETTER),
            uploaded_by=workers[scope],
            uploaded_at=timezone.now(),
        ).pk
    for scope in SCOPES:
        world.missing[scope] = MissingEpisode.objects.create(
            child=children[scope], kind="M", start_date=today - dt.timedelta(days=3)
        ).pk
    # A case closure of each child asked for by their worker, awaiting a manager's approval.
    for scope in SCOPES:
        Approval.objects.create(
            child=children[scope],
            referral=Referral.objects.get(child=children[scope], closure_date__isnull=True),
            kind="case_closure",
            closure_date=today,
            closure_reason="RC8",
            rationale="Synthetic closure for the matrix.",
            requested_by=workers[scope],
            requested_at=timezone.now(),
        )
    for name, user in users.items():
        world.devices[name] = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return world


# --- Walking the resolver ----------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern: its name with namespace ("access:ig_alerts"), or its route if unnamed."""

    key: str
    namespace: str
    route: str
    kwargs: tuple[str, ...]
    name: str | None
    positional: int = 0  # unnamed regex groups (django-simple-history's admin)


def _join(prefix: str, part: str) -> str:
    """Join route parts as the resolver reports them (the "^" of a regex part dropped)."""
    return prefix + (part[1:] if part.startswith("^") else part)


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, _join(prefix, str(entry.pattern)), inner)
        elif isinstance(entry, URLPattern):
            route = _join(prefix, str(entry.pattern))
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            kwargs = tuple(entry.pattern.regex.groupindex) + tuple(
                getattr(entry.pattern, "converters", {}).keys()
            )
            regex = entry.pattern.regex
            yield Route(
                key=name or route,
                namespace=namespace,
                route=route,
                kwargs=tuple(dict.fromkeys(kwargs)),
                name=name,
                positional=regex.groups - len(regex.groupindex),
            )


ROUTES = list(_walk(get_resolver().url_patterns))


def _policy(route: Route) -> dict[str, Allow] | None:
    if route.key in POLICY:
        return POLICY[route.key]
    return NAMESPACE_POLICY.get(route.namespace.split(":")[0]) if route.namespace else None


def _url_kwargs(route: Route, world: World, scope: str) -> dict[str, str]:
    """Fill a pattern's keyword arguments by name from the child in play."""
    child = world.children[scope]
    by_name = {
        "child_id": child.pk,
        "worker_id": world.workers[scope].pk,
        "team_id": world.teams[scope].pk,
        "service_id": world.services[scope].pk,
        # Django admin: a change/delete/history page of the child (or an object of that id).
        "object_id": child.pk,
        "id": world.workers[scope].pk,
        "app_label": "people",
        "content_type_id": ContentType.objects.get_for_model(Person).pk,
        "url": "people/person/",
        # A drift finding about the child, escalated to the director.
        "finding_id": world.findings[scope],
        # The recording form a draft belongs to.
        "form": "visit",
        # An indicator whose children (on a child protection plan) include the children here;
        # the weekly pack as a workbook.
        "indicator_id": "K-CPP-RATE",
        "kind": "xlsx",
    }
    pk_for = {
        "access:ig_user_access": world.workers[scope].pk,
        "access:ig_alert_acknowledge": world.alerts[scope],
    }
    by_name["assessment_id"] = world.assessments[scope]
    by_name["document_id"] = world.documents[scope]
    by_name["warning_id"] = world.warnings[scope]
    by_name["missing_id"] = world.missing[scope]
    values = {}
    for name in route.kwargs:
        if name == "pk":
            if route.key.startswith("admin:otp_totp"):
                values[name] = world.devices[R.SOCIAL_WORKER].pk
            else:
                values[name] = pk_for.get(route.key, child.pk)
        elif name in by_name:
            values[name] = by_name[name]
        else:
            pytest.fail(f"{route.route}: teach _url_kwargs how to fill <{name}>")
    return {name: str(value) for name, value in values.items()}


def _url(route: Route, kwargs: dict[str, str], child: Person) -> str:
    """The URL of the pattern with these arguments, checked to resolve to that very pattern.

    Unnamed groups (the history pages of django-simple-history) take the child's id.
    """
    args = [str(child.pk)] * route.positional
    if route.name:
        url = reverse(route.name, args=args) if args else reverse(route.name, kwargs=kwargs)
    else:
        assert not args, f"unnamed pattern with unnamed groups: {route.route}"
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m[1]], route.route)
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m[1]], path)
        url = "/" + path.replace("^", "").replace("$", "")
    resolved = resolve(url).route
    assert resolved == route.route, f"{url} resolves to {resolved}, not {route.route}"
    return url


# Admin pages whose object id is a child's (Person's) id; on other models' pages it is not a
# child, so those are requested once rather than once per child.
_CHILD_ADMIN = re.compile(r"^admin/(people/person/|r/<int:content_type_id>/)")


# Patterns whose POSTed form names the child (see `_post_data`).
_CHILD_IN_FORM = {"child-search"}


def _depends_on_child(route: Route) -> bool:
    """Whether the request names a child (or their worker, team or service), so varies by child."""
    if route.key in _CHILD_IN_FORM:
        return True
    names_an_object = route.positional > 0 or bool(set(route.kwargs) - {"app_label", "url"})
    if route.namespace == "admin":
        return names_an_object and bool(_CHILD_ADMIN.match(route.route))
    return names_an_object


# --- Requests ----------------------------------------------------------------------------------

CSRF_SECRET = "matrixcsrfsecret0123456789abcdef"  # 32 characters, as Django's secrets are


def _client(world: World, actor: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    if actor != ANONYMOUS:
        _sign_in(client, world, actor)
    return client


def _sign_in(client: Client, world: World, actor: str) -> None:
    client.force_login(world.users[actor])
    if actor != UNVERIFIED:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = world.devices[actor].persistent_id
        session.save()
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET


def _post_data(route: Route, world: World, scope: str) -> dict[str, str]:
    data = {"csrfmiddlewaretoken": CSRF_SECRET}
    if route.key == "child-search":
        data["q"] = world.children[scope].la_child_id
    return data


def _identifiers(child: Person) -> list[str]:
    return [child.first_name, child.last_name, child.la_child_id, child.nhs_number]


_SIGN_IN_PATHS = ("/login/", "/admin/login/")
_TWO_FACTOR_PATHS = ("/access/two-factor/",)


def _is_refusal(actor: str, route: Route, response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code != 302:
        return False
    location = response["Location"].split("?")[0]
    if actor == ANONYMOUS:
        return location in _SIGN_IN_PATHS
    if actor == UNVERIFIED and location in _TWO_FACTOR_PATHS + _SIGN_IN_PATHS:
        return True
    # The admin sends a signed-in user without is_staff to its own sign-in form (from its
    # sign-out page, to its index, which sends them on to the form).
    return route.namespace == "admin" and location in ("/admin/login/", "/admin/")


def _problems(actor, route, method, scope, sent, response, rule, world) -> list[str]:
    where = f"{actor} {method} {route.route} [{scope}]"
    problems = []
    templates = {t.name for t in getattr(response, "templates", []) if t.name}
    if "403_csrf.html" in templates:
        return [f"{where}: refused for CSRF, so the matrix proved nothing"]
    allowed = rule is not None and scope in rule.who.get(actor, frozenset())
    if allowed and response.status_code not in rule.status:
        problems.append(
            f"{where}: allowed by POLICY, expected {sorted(rule.status)}, "
            f"got {response.status_code}"
        )
    if not allowed and not _is_refusal(actor, route, response):
        problems.append(
            f"{where}: not allowed by POLICY, but answered {response.status_code} "
            f"{response.get('Location', '')}".rstrip()
        )
    if actor != ANONYMOUS and "no-store" not in response.get("Cache-Control", ""):
        # Issue 10: a page for a signed-in user is never kept by a browser or a proxy, refusals
        # and redirects included.
        problems.append(f"{where}: answered without Cache-Control: no-store")
    text = response.content.decode(errors="replace") + response.get("Location", "")
    # What the user typed may be shown back to them (a search form keeps its query).
    typed = set(sent.values()) if method == "POST" else set()
    for other in SCOPES if not _depends_on_child(route) else (scope,):
        may_name = allowed and (other in VISIBLE[actor] or rule.names_child)
        child = world.children[other]
        shown = [v for v in _identifiers(child) if v and v not in typed and v in text]
        if shown and not may_name:
            problems.append(f"{where}: reveals the {other} child ({', '.join(shown)})")
    if (
        allowed
        and rule.shows_child
        and (scope in VISIBLE[actor] or rule.names_child)
        and world.children[scope].last_name not in text
    ):
        problems.append(f"{where}: allowed, but does not show the child")
    return problems


def _oracle_problems(actor, route, policy, statuses) -> list[str]:
    """Issue 11 row 1: a restricted child the user may not see answers as an unrestricted one."""
    problems = []
    for method in ("GET", "POST"):
        rule = policy.get(method)
        allowed = rule.who.get(actor, frozenset()) if rule is not None else frozenset()
        if {ELSEWHERE, RESTRICTED_ELSEWHERE} & (allowed | VISIBLE[actor]):
            continue
        plain = statuses[route, method, ELSEWHERE]
        hidden = statuses[route, method, RESTRICTED_ELSEWHERE]
        if plain != hidden:
            problems.append(
                f"{actor} {method} {route.route}: restricted out-of-scope child answers {hidden}, "
                f"unrestricted out-of-scope child {plain} (an oracle for restricted records)"
            )
    return problems


def _request(client: Client, method: str, url: str, data: dict):
    if method == "GET":
        return client.get(url)
    return client.post(url, data)


# --- The tests ---------------------------------------------------------------------------------


def test_every_url_pattern_has_a_policy():
    missing = [route.key for route in ROUTES if _policy(route) is None]
    assert not missing, (
        "These URL patterns have no entry in POLICY in tests/access/test_url_matrix.py. Decide "
        "who may use each (role, method, children in or out of scope) and add it there; "
        f"anything not listed is refused: {missing}"
    )


def test_every_policy_is_for_a_url_pattern_that_exists():
    keys = {route.key for route in ROUTES}
    assert not set(POLICY) - keys


def test_every_user_in_the_world_sees_the_children_the_table_assumes(world):
    for actor, expected in VISIBLE.items():
        if actor in (ANONYMOUS, UNVERIFIED):
            continue
        visible = set(children_visible_to(world.users[actor]))
        seen = {scope for scope, child in world.children.items() if child in visible}
        assert seen == expected, actor


@pytest.mark.parametrize("actor", ACTORS)
def test_authorisation_matrix(world, actor):
    """Every URL pattern, GET and POST, for each child, as this user: only POLICY is allowed."""
    client = _client(world, actor)
    problems: list[str] = []
    statuses: dict[tuple[Route, str, str], int] = {}
    for route in ROUTES:
        policy = _policy(route)
        assert policy is not None, f"no policy for {route.key}"
        scopes = SCOPES if _depends_on_child(route) else (IN,)
        for scope in scopes:
            url = _url(route, _url_kwargs(route, world, scope), world.children[scope])
            for method in ("GET", "POST"):
                sent = _post_data(route, world, scope)
                response = _request(client, method, url, sent)
                problems += _problems(
                    actor, route, method, scope, sent, response, policy.get(method), world
                )
                statuses[route, method, scope] = response.status_code
                if actor != ANONYMOUS and method == "POST" and route.key == "logout":
                    _sign_in(client, world, actor)
        if scopes == SCOPES:
            problems += _oracle_problems(actor, route, policy, statuses)
    assert not problems, "\n".join(problems[:60]) + (
        f"\n... and {len(problems) - 60} more" if len(problems) > 60 else ""
    )
