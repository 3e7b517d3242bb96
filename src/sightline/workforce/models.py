"""Staff, teams, services, allocations of children to workers and teams, and supervision."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q

from sightline.standards import codes


class Service(models.Model):
    """A service area under a head of service, e.g. "Safeguarding" or "Children in care"."""

    name = models.CharField(max_length=100, unique=True)
    head = models.ForeignKey(
        "workforce.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=codes.TEAM_KIND.choices())
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    manager = models.ForeignKey(
        "workforce.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A member of staff (or a partner-agency user) who signs in to Sightline."""

    role = models.CharField(max_length=20, choices=codes.ROLE.choices())
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    job_title = models.CharField(max_length=100, blank=True)
    is_agency_worker = models.BooleanField(default=False)
    qualified_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    social_work_england_number = models.CharField(max_length=12, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.username


class Allocation(models.Model):
    """A child's allocation to a team and (usually) a named worker, kept as history."""

    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="allocations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="allocations"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["child", "start_date"]
        indexes = [
            models.Index(fields=["worker", "end_date"]),
            models.Index(fields=["team", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="allocation_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True),
                name="one_open_allocation_per_child",
            ),
        ]

    def __str__(self):
        return f"{self.child_id} → {self.worker or self.team} from {self.start_date}"


class Supervision(models.Model):
    """A recorded supervision session between a worker and their supervisor.

    It meets the worker's T-SUPERVISION clock; the children discussed and the actions agreed
    are kept with it, so the worker's history shows what was decided about whom.
    """

    worker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="supervisions")
    supervisor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="supervisions_given"
    )
    date = models.DateField()
    notes = models.TextField(blank=True)
    children_discussed = models.ManyToManyField(
        "people.Person", blank=True, related_name="supervisions_discussed_in"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["worker", "date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(worker=F("supervisor")), name="supervisor_is_not_worker"
            ),
        ]

    def __str__(self):
        return f"Supervision of {self.worker} on {self.date}"


class SupervisionAction(models.Model):
    """An action agreed in supervision: what, about which child (if any), by whom, by when."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="actions")
    child = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.TextField()
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_actions")
    due = models.DateField()

    class Meta:
        ordering = ["supervision", "due", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(action=""), name="supervision_action_not_empty"),
        ]

    def __str__(self):
        return f"Supervision action due {self.due}"
