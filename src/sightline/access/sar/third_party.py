"""Finding third-party information in a child's record, for information governance to review.

Nothing is redacted here: items are flagged, with a reason, and a person decides. The UK GDPR
right of access does not extend to information about other people unless they consent or it is
reasonable to disclose it without their consent (Data Protection Act 2018, Sch. 2, Pt 3, para.
16); staff acting in their job are not treated as third parties in social work records
(para. 17), so workers' and managers' names are not flagged. Free text is flagged when it
mentions someone else known to the record or a family word, which errs towards flagging.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

THIRD_PARTY = "third_party"
EXEMPTION = "exemption"

REVIEW_FREE_TEXT = "review for third-party information"

# Words that in a case note almost always introduce someone else.
_FAMILY_WORDS = (
    "mum", "mother", "dad", "father", "stepmum", "stepdad", "step-mum", "step-dad", "parent",
    "parents", "brother", "sister", "sibling", "siblings", "nan", "nana", "gran", "grandma",
    "grandmother", "grandad", "grandfather", "grandparent", "uncle", "aunt", "auntie", "cousin",
    "partner", "boyfriend", "girlfriend", "ex-partner", "neighbour", "carer", "carers",
    "foster carer", "friend",
)  # fmt: skip


# Fields of a record that are, or may be, someone else's information whenever they are filled
# in: flagged for the officer to review (redact or keep) before the export goes out.
_PLACEMENT = "where the child is placed: may be the carer's address (e.g. kinship foster care)"
THIRD_PARTY_FIELDS: dict[str, dict[str, str]] = {
    "looked_after_episode": {
        "placement_postcode": _PLACEMENT,
        "placement_urn": "identifies the placement provider's setting or carer",
        "home_postcode": "the home the child was taken from: may be a parent's or relative's",
    },
    "private_fostering_arrangement": {
        "carer": "the private foster carer: someone else, named",
    },
    "leaving_care_accommodation": {
        "address": "where the care leaver lives: may be a landlord's, host's or carer's home "
        "(e.g. staying put, supported lodgings)",
    },
}


def review(field: str, reason: str, kind: str = THIRD_PARTY) -> dict:
    """One entry of an item's `review` list: which field to look at, and why."""
    return {"field": field, "reason": reason, "kind": kind}


class MentionFinder:
    """Finds mentions of other people in free text: their names, and family words.

    Names are matched case-sensitively as whole words (so "Rose" the sister, not "rose" the
    verb); the child's own names are never a mention.
    """

    def __init__(self, names: Iterable[str], own_names: Iterable[str]):
        own = {name.casefold() for name in own_names if name}
        tokens = set()
        for name in names:
            for token in re.split(r"[\s,]+", name or ""):
                if len(token) >= 2 and token.casefold() not in own:
                    tokens.add(token)
        self._names = (
            re.compile(r"\b(" + "|".join(sorted(map(re.escape, tokens))) + r")\b")
            if tokens
            else None
        )
        self._family = re.compile(
            r"\b(" + "|".join(map(re.escape, _FAMILY_WORDS)) + r")\b", re.IGNORECASE
        )

    def mentions(self, text: str) -> list[str]:
        """The names and family words found in `text`, in order of first appearance."""
        if not text:
            return []
        found: list[str] = []
        for pattern in (self._names, self._family):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                word = match.group(1)
                if word.casefold() not in {f.casefold() for f in found}:
                    found.append(word)
        return found

    def review_free_text(self, field: str, text: str) -> list[dict]:
        """A review entry for a free-text field that mentions other people, else nothing."""
        found = self.mentions(text)
        if not found:
            return []
        return [review(field, f"{REVIEW_FREE_TEXT} (mentions: {', '.join(found)})")]
