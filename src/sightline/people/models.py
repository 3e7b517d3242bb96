"""Children and the adults around them: identity, relationships, households and addresses.

Children and adults share one `Person` table so that relationships, households and the people
named in a contact need no special cases; a person is a child known to children's services when
they have an LA child ID.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from sightline.standards import codes, identifiers


def _validate_nhs_number(value: str) -> None:
    if value and not identifiers.nhs_number_is_valid(value):
        raise ValidationError("Enter a valid NHS number: 10 digits with a correct check digit")


def _validate_upn(value: str) -> None:
    problems = identifiers.upn_problems(value) if value else []
    if problems:
        raise ValidationError("; ".join(problems))


class PersonQuerySet(models.QuerySet):
    def children(self):
        return self.filter(la_child_id__isnull=False)

    def adults(self):
        return self.filter(la_child_id__isnull=True)


class Person(models.Model):
    la_child_id = models.CharField(
        "LA child ID",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text="Set for children known to children's services; up to 20 letters and digits.",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    other_names = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=codes.SEX.choices())
    gender_identity = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=4, choices=codes.ETHNICITY.choices(), default="NOBT")
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, db_index=True, validators=[_validate_nhs_number]
    )
    upn = models.CharField("UPN", max_length=13, blank=True, validators=[_validate_upn])
    former_upn = models.CharField(
        "former UPN", max_length=13, blank=True, validators=[_validate_upn]
    )
    upn_unknown_reason = models.CharField(
        "UPN unknown reason", max_length=3, blank=True, choices=codes.UPN_UNKNOWN.choices()
    )
    is_uasc = models.BooleanField("unaccompanied asylum-seeking child", default=False)
    uasc_ceased_on = models.DateField("date UASC status ceased", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_death__isnull=True)
                | Q(date_of_birth__isnull=True)
                | Q(date_of_death__gte=F("date_of_birth")),
                name="person_dies_after_birth",
            ),
            models.CheckConstraint(
                condition=Q(la_child_id__isnull=True)
                | Q(date_of_birth__isnull=False)
                | Q(expected_date_of_birth__isnull=False),
                name="child_has_birth_or_expected_birth_date",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_child_record(self) -> bool:
        return self.la_child_id is not None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ChildDisability(models.Model):
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disabilities")
    code = models.CharField(max_length=4, choices=codes.DISABILITY.choices())

    class Meta:
        verbose_name_plural = "child disabilities"
        constraints = [models.UniqueConstraint(fields=["child", "code"], name="disability_once")]

    def __str__(self):
        return codes.DISABILITY.label(self.code)


class Relationship(models.Model):
    """How `related_person` stands to `person`: e.g. related_person is person's MOTHER."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    related_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=codes.RELATIONSHIP.choices())
    has_parental_responsibility = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(person=F("related_person")), name="not_related_to_self"
            ),
            models.UniqueConstraint(
                fields=["person", "related_person", "kind"], name="relationship_once"
            ),
        ]

    def __str__(self):
        return f"{self.related_person} is {codes.RELATIONSHIP.label(self.kind)} of {self.person}"


class Household(models.Model):
    """People living together; the address history belongs to the household."""

    name = models.CharField(max_length=200, help_text="e.g. the family surname")

    def __str__(self):
        return self.name


class HouseholdAddress(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField(max_length=200)
    line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, db_index=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "household addresses"
        ordering = ["household", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="address_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.line_1}, {self.town} {self.postcode}"


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="household_memberships"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} in {self.household}"


class PersonWarning(models.Model):
    """Something every worker must know before going near a person: a risk to staff or to the
    child (a violent adult, a dog, a person who must not know the child's address).

    A warning about the child, or about an adult living in the child's household, is shown on
    every page of the child's record until it is ended.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField(max_length=20, choices=codes.PERSON_WARNING.choices())
    detail = models.TextField(help_text="What the risk is and what to do about it.")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(
        "workforce.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True, help_text="Why the warning no longer applies.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("raised_on")),
                name="warning_ends_after_raised",
            )
        ]

    def __str__(self):
        return f"{codes.PERSON_WARNING.label(self.kind)} warning about person {self.person_id}"


class ProfessionalContact(models.Model):
    """Someone in the child's professional network: GP, school, health visitor, another
    agency's worker. The council's own workers are the child's allocations, not these."""

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="professionals")
    role = models.CharField(max_length=20, choices=codes.PROFESSIONAL_ROLE.choices())
    name = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200)
    telephone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="professional_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{codes.PROFESSIONAL_ROLE.label(self.role)}: {self.organisation}"
