"""Reads of children's records, each scoped to what the acting user may see, and audited.

Every selector takes the acting user (``actor``) and goes through the access app: finding
children starts from ``children_visible_to`` (deny by default, restricted records hidden), and
one child's record is opened by ``child_record_open``, which calls ``child_read_authorise``
(the policy decision and the audit event, in one step). The parts of an opened record
(``child_household`` here, ``child_chronology`` in ``people.chronology``) take the
``ChildRecord`` it returns rather than an actor and a child, so that a page showing several
parts is authorised and audited once, and no part can be read without passing the gate.
Views never query ``Person`` themselves.

The package's modules: ``record`` (the gate and the sealed ``ChildRecord``), ``search`` (the
search and the caseload list) and ``household``. Import from the package, not the modules.
"""

from sightline.access.services import AUDITED_LIST_IDS
from sightline.people.selectors.household import (
    ChildHousehold,
    CurrentHousehold,
    RelatedPerson,
    child_household,
)
from sightline.people.selectors.overview import (
    ChildOverview,
    ChildVoice,
    child_overview,
    child_warnings,
)
from sightline.people.selectors.record import (
    ChildRecord,
    ChildStatus,
    child_get,
    child_record_open,
    child_status,
)
from sightline.people.selectors.record import (  # for people.chronology's parts of a record
    _opened as _opened,
)
from sightline.people.selectors.search import (
    MAX_SEARCH_RESULTS,
    ChildSearchQuery,
    ChildSearchResults,
    actor_may_list_children,
    actor_may_search_children,
    child_list_allocated,
    child_search,
)

__all__ = [
    "AUDITED_LIST_IDS",
    "MAX_SEARCH_RESULTS",
    "ChildHousehold",
    "ChildOverview",
    "ChildRecord",
    "ChildSearchQuery",
    "ChildSearchResults",
    "ChildStatus",
    "ChildVoice",
    "CurrentHousehold",
    "RelatedPerson",
    "actor_may_list_children",
    "actor_may_search_children",
    "child_get",
    "child_household",
    "child_list_allocated",
    "child_overview",
    "child_record_open",
    "child_search",
    "child_status",
    "child_warnings",
]
