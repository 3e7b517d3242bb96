"""The council's workforce: services, teams, posts and the people who fill them over time.

Teams are sized from the population so that case-holding workers carry about 16-17 children
each (`rates.CASELOAD_TARGET`). Each post has a history of holders: people leave (about 17% a
year, agency workers faster), posts stay vacant for a few weeks, and children allocated to a
leaver move to a colleague that day. A few posts are deliberately weighted to carry far more
children than the rest, and some teams are deliberately slow (see `context.TeamLayout`).
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from sightline.demo import rates
from sightline.demo.context import SeedContext, TeamLayout
from sightline.demo.decline import DECLINE_MONTHS, DECLINING_SERVICE_AREA
from sightline.demo.names import Directory
from sightline.standards.calendar import add_months

# Children open to each kind of team at any time, per 10,000 (measured from the generator's own
# journeys; CIN at year end ≈ 330 per 10,000 in England including CP and looked after).
OPEN_CHILDREN_PER_10K = {"ASSESSMENT": 66.0, "CP_CIN": 175.0, "LOOKED_AFTER": 62.0}
CARE_LEAVERS_PER_10K = 48.0
CP_AND_LOOKED_AFTER_PER_10K = 107.0
PA_CASELOAD = 20.0
IRO_CASELOAD = 60.0
# About four contacts a working day each, at 1,600-2,000 contacts per 10,000 children a year.
FRONT_DOOR_PRACTITIONERS_PER_10K = 1.3
CASE_HOLDERS_PER_TEAM = 10

SERVICES = (
    "Front Door and Assessment",
    "Safeguarding and Family Support",
    "Children in Care and Care Leavers",
    "Quality Assurance and Independent Reviewing",
)
_SERVICE_OF_KIND = {
    "FRONT_DOOR": 0, "ASSESSMENT": 0, "CP_CIN": 1, "LOOKED_AFTER": 2, "CARE_LEAVERS": 2, "IRO": 3,
}  # fmt: skip
_AREAS = ("North", "South", "East", "West", "Central", "Riverside")
# Every n-th team of these kinds has one deliberately overloaded post.
_OVERLOADED_EVERY = {"CP_CIN": 2, "LOOKED_AFTER": 3}
_TEAM_TITLES = {
    "FRONT_DOOR": "Front Door (MASH)",
    "ASSESSMENT": "Assessment Team",
    "CP_CIN": "Child Protection and CIN Team",
    "LOOKED_AFTER": "Children in Care Team",
    "CARE_LEAVERS": "Leaving Care Team",
    "IRO": "Independent Reviewing Service",
}
_PRACTITIONER_ROLE = {
    "FRONT_DOOR": "FRONT_DOOR", "ASSESSMENT": "SOCIAL_WORKER", "CP_CIN": "SOCIAL_WORKER",
    "LOOKED_AFTER": "SOCIAL_WORKER", "CARE_LEAVERS": "PERSONAL_ADVISER", "IRO": "IRO",
}  # fmt: skip
JOB_TITLES = {
    "SOCIAL_WORKER": "Social worker",
    "SENIOR_PRACTITIONER": "Senior practitioner",
    "TEAM_MANAGER": "Team manager",
    "HEAD_OF_SERVICE": "Head of service",
    "DIRECTOR": "Director of children's services",
    "FRONT_DOOR": "Front door social worker",
    "IRO": "Independent reviewing officer",
    "QA_AUDITOR": "Quality assurance auditor",
    "ANALYST": "Performance analyst",
    "PARTNER": "Partner agency user",
    "IG_OFFICER": "Information governance officer",
    "ADMIN": "System administrator",
    "PERSONAL_ADVISER": "Personal adviser",
}
_REGISTERED = {"SOCIAL_WORKER", "SENIOR_PRACTITIONER", "TEAM_MANAGER", "FRONT_DOOR", "IRO"}


@dataclass(slots=True)
class StaffMember:
    """One user row before it is written."""

    id: int
    role: str
    first_name: str
    last_name: str
    started_on: date
    left_on: date | None = None
    team: TeamPlan | None = None
    agency: bool = False
    qualified_on: date | None = None
    username: str = ""
    demo: bool = False


@dataclass(slots=True)
class Post:
    """A post in a team and the succession of people who held it (gaps are vacancies)."""

    team: TeamPlan
    role: str
    weight: float = 1.0
    starts: list[date] = field(default_factory=list)
    tenures: list[tuple[date, date | None, StaffMember]] = field(default_factory=list)

    def holder(self, day: date) -> tuple[StaffMember | None, date | None]:
        """Who holds the post on ``day`` and the date that changes (``None``: not before as-at)."""
        index = bisect_right(self.starts, day) - 1
        if index < 0:
            return None, self.starts[0] if self.starts else None
        start, end, member = self.tenures[index]
        if end is None or day < end:
            return member, end
        return None, self.starts[index + 1] if index + 1 < len(self.starts) else None


@dataclass(slots=True)
class TeamPlan:
    """A team, its posts and which of them hold cases."""

    id: int
    name: str
    kind: str
    index: int
    service: int
    slow: bool = False
    declining: bool = False
    manager: Post | None = None
    case_posts: list[Post] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)


class Workforce:
    """Build the workforce for a population and answer "who was in post on this day?"."""

    def __init__(self, ctx: SeedContext, directory: Directory, next_user_id):
        self.ctx = ctx
        self.rng = ctx.rng
        self.directory = directory
        self._next_user_id = next_user_id
        self.staff: list[StaffMember] = []
        self.teams: dict[str, list[TeamPlan]] = {}
        self.heads: list[StaffMember] = []
        self.overloaded_posts: list[Post] = []
        self.demo: dict[str, StaffMember] = {}
        self._usernames: dict[str, int] = {}
        self.begin = ctx.detail_start - timedelta(days=30)
        self.decline_begins = add_months(ctx.as_at, -DECLINE_MONTHS)

    # --- Building ---------------------------------------------------------------------------

    def build(self, next_team_id) -> TeamLayout:
        """Create every team, post and person; return the layout families are served by."""
        scale = self.ctx.population / 10_000
        # (teams, senior practitioners per team, practitioners per team) for each kind, and the
        # children a case-holding team is expected to hold.
        shape, expected = {}, {}
        for kind, per_10k in OPEN_CHILDREN_PER_10K.items():
            holders = per_10k * scale / rates.CASELOAD_TARGET
            minimum = 2 if kind == "LOOKED_AFTER" else 3
            teams = max(minimum, math.ceil(holders / CASE_HOLDERS_PER_TEAM))
            per_team = holders / teams
            seniors = 2 if per_team >= 8.5 else 1
            # 5-8 social workers a team at a real council's size; fewer in a toy council, so
            # that caseloads stay realistic however small the population.
            shape[kind] = (teams, seniors, max(1, min(8, round(per_team - 0.7 * seniors))))
            expected[kind] = per_team * rates.CASELOAD_TARGET
        for kind, total, per_team, seniors in (
            ("FRONT_DOOR", FRONT_DOOR_PRACTITIONERS_PER_10K * scale, 8, 2),
            ("CARE_LEAVERS", CARE_LEAVERS_PER_10K * scale / PA_CASELOAD, 12, 1),
            ("IRO", CP_AND_LOOKED_AFTER_PER_10K * scale / IRO_CASELOAD, 9, 0),
        ):
            teams = max(1, math.ceil(total / per_team))
            shape[kind] = (teams, seniors, max(5, math.ceil(total / teams)))
        counts = {kind: teams for kind, (teams, _, _) in shape.items()}
        slow = {
            kind: frozenset(range(1, counts[kind], round(1 / rates.SLOW_TEAM_SHARE)))
            for kind in ("ASSESSMENT", "CP_CIN")
        }
        self.heads = [
            self._person("HEAD_OF_SERVICE", self.begin - timedelta(days=900)) for _ in SERVICES
        ]
        for kind in ("FRONT_DOOR", "ASSESSMENT", "CP_CIN", "LOOKED_AFTER", "CARE_LEAVERS", "IRO"):
            teams, seniors, practitioners = shape[kind]
            self.teams[kind] = []
            for index in range(teams):
                declining = kind == "CP_CIN" and index == teams - 1
                team = TeamPlan(
                    id=next_team_id(),
                    name=(
                        f"{_TEAM_TITLES[kind]} {DECLINING_SERVICE_AREA}"
                        if declining
                        else _team_name(kind, index, teams)
                    ),
                    kind=kind,
                    index=index,
                    service=_SERVICE_OF_KIND[kind],
                    slow=index in slow.get(kind, ()),
                    declining=declining,
                )
                self._staff_team(team, seniors, practitioners)
                every = _OVERLOADED_EVERY.get(kind)
                if every and index % every == 0:
                    self._overload(team, expected[kind])
                if declining:
                    self._lose_posts(team)
                self.teams[kind].append(team)
        self._demo_and_corporate_users()
        return TeamLayout(counts=counts, slow=slow)

    def _staff_team(self, team: TeamPlan, seniors: int, practitioners: int) -> None:
        team.manager = self._post(team, "TEAM_MANAGER", keep=team.index == 0)
        for index in range(seniors):
            post = self._post(team, "SENIOR_PRACTITIONER", keep=team.index == 0 and index == 0)
            # Senior practitioners hold fewer cases: they also supervise and consult.
            post.weight = 0.7
            team.case_posts.append(post)
        for index in range(practitioners):
            post = self._post(
                team, _PRACTITIONER_ROLE[team.kind], keep=team.index == 0 and index == 0
            )
            team.case_posts.append(post)
        team.weights = list(accumulate(post.weight for post in team.case_posts))

    def _post(self, team: TeamPlan, role: str, *, keep: bool) -> Post:
        """A post with its holders from before the record begins until the as-at date."""
        rng, as_at = self.rng, self.ctx.as_at
        post = Post(team=team, role=role)
        start = self.begin
        first = True
        while start <= as_at:
            agency = role != "TEAM_MANAGER" and rng.random() < rates.AGENCY_SHARE
            turnover = rates.AGENCY_TURNOVER_PER_YEAR if agency else rates.TURNOVER_PER_YEAR
            # The declining service loses workers far faster once its decline has begun.
            falling = team.declining and not keep and start >= self.decline_begins
            if falling:
                turnover *= rates.DECLINING_TURNOVER_FACTOR
            end = start + timedelta(days=max(30, round(rng.expovariate(turnover) * 365)))
            started_on = start - timedelta(days=rng.randint(0, 3000)) if first else start
            member = self._person(role, started_on, team=team, agency=agency)
            if end > as_at or keep and end + timedelta(days=60) > as_at:
                post.starts.append(start)
                post.tenures.append((start, None, member))
                break
            member.left_on = end
            post.starts.append(start)
            post.tenures.append((start, end, member))
            leaving_decline = team.declining and not keep and end >= self.decline_begins
            # ... and its posts stay vacant for months, so the workers left carry more children.
            start = end + timedelta(
                days=rng.randint(40, 200) if leaving_decline else rng.randint(0, 50)
            )
            if keep:
                # Posts behind a demo sign-in are never vacant on the as-at date.
                start = min(start, as_at)
            first = False
        return post

    def _person(self, role: str, started_on: date, *, team=None, agency=False) -> StaffMember:
        rng = self.rng
        _, group = self.directory.ethnicity()
        sex = "F" if rng.random() < 0.82 else "M"  # about four in five social workers are women
        member = StaffMember(
            id=self._next_user_id(),
            role=role,
            first_name=self.directory.first_name(group, sex),
            last_name=self.directory.surname(group),
            started_on=started_on,
            team=team,
            agency=agency,
        )
        if role in _REGISTERED or role == "HEAD_OF_SERVICE":
            newly_qualified = role in ("SOCIAL_WORKER", "FRONT_DOOR") and rng.random() < 0.15
            years = 0 if newly_qualified else rng.randint(1, 15)
            member.qualified_on = started_on - timedelta(days=years * 365 + rng.randint(30, 200))
        member.username = self._username(member.first_name, member.last_name)
        self.staff.append(member)
        return member

    def _username(self, first: str, last: str) -> str:
        base = _ascii(f"{first}.{last}")[:140] or "staff"
        count = self._usernames.get(base, 0) + 1
        self._usernames[base] = count
        return base if count == 1 else f"{base}{count}"

    def _overload(self, team: TeamPlan, expected: float) -> None:
        """Make one post carry far more children than its colleagues (deliberately).

        The post's weight is set so that it expects `rates.OVERLOADED_CASELOAD` of the team's
        children, and its holder has been in post throughout, so that none of those children
        moved on when a worker left.
        """
        post = team.case_posts[-1]
        others = sum(p.weight for p in team.case_posts) - post.weight
        target = rates.OVERLOADED_CASELOAD
        post.weight = others * target / max(expected - target, target / 2)
        member = post.tenures[-1][2]
        member.started_on = min(member.started_on, self.begin)
        member.left_on = None
        post.starts[:] = [self.begin]
        post.tenures[:] = [(self.begin, None, member)]
        team.weights = list(accumulate(p.weight for p in team.case_posts))
        self.overloaded_posts.append(post)

    def _lose_posts(self, team: TeamPlan) -> None:
        """Leave half the declining team's social worker posts empty, one after another over its
        decline: their children pass to the workers who remain, whose caseloads climb."""
        rng, as_at = self.rng, self.ctx.as_at
        posts = [
            post
            for post in team.case_posts
            if post.role == "SOCIAL_WORKER" and post not in self.overloaded_posts
        ]
        span = (as_at - self.decline_begins).days
        for post in posts[: math.ceil(len(posts) * rates.DECLINING_POSTS_LOST)]:
            lost = self.decline_begins + timedelta(days=rng.randint(span // 4, span - 30))
            kept = [t for t in post.tenures if t[0] < lost]
            for _, _, member in post.tenures[len(kept) :]:
                self.staff.remove(member)
            start, end, member = kept[-1]
            if end is None or end > lost:
                member.left_on = lost
                kept[-1] = (start, lost, member)
            post.tenures[:] = kept
            post.starts[:] = [t[0] for t in kept]

    def _demo_and_corporate_users(self) -> None:
        """One sign-in per role: current holders of typical posts, plus corporate roles."""
        cp, front, iro, leaving = (
            self.teams[k][0] for k in ("CP_CIN", "FRONT_DOOR", "IRO", "CARE_LEAVERS")
        )
        as_at = self.ctx.as_at
        chosen = {
            "SOCIAL_WORKER": _first_practitioner(cp, "SOCIAL_WORKER"),
            "SENIOR_PRACTITIONER": _first_practitioner(cp, "SENIOR_PRACTITIONER"),
            "TEAM_MANAGER": cp.manager,
            "FRONT_DOOR": _first_practitioner(front, "FRONT_DOOR"),
            "IRO": _first_practitioner(iro, "IRO"),
            "PERSONAL_ADVISER": _first_practitioner(leaving, "PERSONAL_ADVISER"),
        }
        for role, post in chosen.items():
            member, _ = post.holder(as_at)
            self.demo[role] = member
        self.demo["HEAD_OF_SERVICE"] = self.heads[1]
        for role in ("DIRECTOR", "QA_AUDITOR", "ANALYST", "IG_OFFICER", "PARTNER", "ADMIN"):
            self.demo[role] = self._person(
                role, self.begin - timedelta(days=self.rng.randint(100, 2000))
            )
        # Colleagues of the demo users, so that corporate roles are not one person each.
        for role in ("QA_AUDITOR", "ANALYST", "PARTNER", "PARTNER"):
            self._person(role, self.begin - timedelta(days=self.rng.randint(100, 2000)))
        for role, member in self.demo.items():
            member.username = f"demo.{role.lower()}"
            member.demo = True

    # --- Questions --------------------------------------------------------------------------

    def team_for(self, kind: str, area: float) -> TeamPlan:
        teams = self.teams[kind]
        return teams[min(int(area * len(teams)), len(teams) - 1)]

    def manager_on(self, team: TeamPlan, day: date) -> StaffMember:
        """The team manager on ``day``, or the head of service when the post is vacant."""
        member, _ = team.manager.holder(day)
        return member or self.heads[team.service]

    def practitioner_on(self, team: TeamPlan, day: date) -> StaffMember | None:
        """A case-holding member of ``team`` in post on ``day``, chosen by caseload weight."""
        post = self.pick_post(team, day)
        return post.holder(day)[0] if post else None

    def pick_post(self, team: TeamPlan, day: date, *, wait_for_vacancy: float = 0.0) -> Post | None:
        """A case-holding post by caseload weight; a vacant one may keep its new child waiting."""
        rng, posts, weights = self.rng, team.case_posts, team.weights
        for attempt in range(4):
            post = posts[bisect_right(weights, rng.random() * weights[-1])]
            if post.holder(day)[0] is not None:
                return post
            if attempt == 0 and rng.random() < wait_for_vacancy:
                return post
        return None

    def allocations(self, team: TeamPlan, start: date, end: date | None):
        """Split [start, end) into allocations: (member or None, start, end, reason ended)."""
        rng = self.rng
        out = []
        day = start
        if rng.random() < 0.04:
            # Waiting for allocation beyond the one-working-day standard (local T-ALLOCATION).
            waited = self.ctx.workdays.add(day, rng.randint(2, 10))
            if end is None or waited < end:
                out.append((None, day, waited, "Allocated to a named worker"))
                day = waited
        while end is None or day < end:
            # Children allocated to a vacant post wait, unallocated, until someone starts.
            post = self.pick_post(team, day, wait_for_vacancy=0.0 if team.declining else 0.3)
            if post is None:
                member, change = None, day + timedelta(days=rng.randint(3, 20))
            else:
                member, change = post.holder(day)
            if change is not None and (end is None or change < end):
                out.append(
                    (
                        member,
                        day,
                        change,
                        "Worker left the team" if member else "Allocated to a named worker",
                    )
                )
                day = change
            else:
                out.append((member, day, end, ""))
                break
        return out


def _first_practitioner(team: TeamPlan, role: str) -> Post:
    return next(post for post in team.case_posts if post.role == role)


def _team_name(kind: str, index: int, count: int) -> str:
    title = _TEAM_TITLES[kind]
    if count == 1:
        return title
    if kind in ("ASSESSMENT", "CP_CIN") and count <= len(_AREAS):
        return f"{title} {_AREAS[index]}"
    return f"{title} {index + 1}"


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum() or ch == ".")
