"""URLs of the child's Care page and the looked-after recording pages; a child is addressed by
primary key only."""

from django.urls import path

from sightline.care import views

_CHILD = "children/<int:child_id>/care"

# Screen name -> its path under the child's Care page.
_PATHS = {
    "looked-after-start": "looked-after/new/",
    "placement-change": "placement-change/new/",
    "care-plan": "care-plans/new/",
    "placement-plan": "placement-plans/new/",
    "iro-appointment": "iro/new/",
    "looked-after-review": "reviews/new/",
    "missing-episode": "missing/new/",
    "return-interview": "missing/<int:missing_id>/return-interview/",
    "health-assessment": "health-assessments/new/",
    "dental-check": "dental-checks/new/",
    "education-plan": "education-plans/new/",
    "care-leaver-contact": "leaving-care/contacts/new/",
    "pathway-plan": "leaving-care/pathway-plans/new/",
}

urlpatterns = [path(f"{_CHILD}/", views.child_care, name="child-care")]
for _name, _path in _PATHS.items():
    _new, _check = views.screen_views(_name)
    urlpatterns += [
        path(f"{_CHILD}/{_path}", _new, name=f"{_name}-new"),
        path(f"{_CHILD}/{_path}check/", _check, name=f"{_name}-check"),
    ]
