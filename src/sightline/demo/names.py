"""Names, addresses and the ethnicity mix of the synthetic council's people.

Names come from Faker's locale lists, chosen by ethnic group so that a family called Okafor is
not recorded as White British; addresses are in a fictional postcode area ("DB", which no real
English postcode uses) so no generated address can be anyone's home. Pools are built once per
seed and then drawn from with the seed's own ``random.Random``, which is far faster than a Faker
call per person.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass

from faker import Faker

# Ethnicity of children in England (school census, rounded) with the name group used for each.
ETHNICITY_MIX: tuple[tuple[str, float, str], ...] = (
    ("WBRI", 66.0, "british"),
    ("WIRI", 0.3, "irish"),
    ("WIRT", 0.3, "irish"),
    ("WROM", 0.6, "romanian"),
    ("WOTH", 7.0, "east_european"),
    ("MWBC", 1.6, "british"),
    ("MWBA", 0.9, "british"),
    ("MWAS", 1.6, "british"),
    ("MOTH", 2.4, "british"),
    ("AIND", 3.3, "indian"),
    ("APKN", 4.4, "pakistani"),
    ("ABAN", 1.8, "pakistani"),
    ("AOTH", 1.8, "indian"),
    ("BAFR", 4.1, "african"),
    ("BCRB", 0.9, "british"),
    ("BOTH", 0.7, "african"),
    ("CHNE", 0.5, "chinese"),
    ("OOTH", 1.8, "turkic"),
    ("REFU", 0.3, "british"),
    ("NOBT", 0.9, "british"),
)

# Unaccompanied children seeking asylum in England come mostly from Afghanistan, Eritrea, Sudan,
# Iran, Vietnam and Albania; these are the closest groups Faker spells in Latin letters.
UASC_ETHNICITY_MIX: tuple[tuple[str, float, str], ...] = (
    ("AOTH", 30.0, "turkic"),
    ("BAFR", 35.0, "african"),
    ("OOTH", 20.0, "turkic"),
    ("WOTH", 8.0, "romanian"),
    ("AOTH", 7.0, "vietnamese"),
)

_GROUP_LOCALES: dict[str, tuple[str, ...]] = {
    "british": ("en_GB", "en_IE"),
    "irish": ("en_IE",),
    "romanian": ("ro_RO",),
    "east_european": ("pl_PL", "ro_RO", "lt_LT"),
    "indian": ("en_IN",),
    "pakistani": ("en_PK",),
    "african": ("tw_GH", "en_KE", "en_NG"),
    "chinese": ("zh_CN",),
    "turkic": ("tr_TR", "az_AZ"),
    "vietnamese": ("vi_VN",),
}

# Fictional towns of the demo borough; placements out of the area use Faker's real-format codes.
TOWNS = ("Ashworth", "Kingsmoor", "Oakbridge", "Thornley", "Millbrook", "Hallam Cross", "Fenwick")
_STREET_KINDS = (
    "Road", "Street", "Close", "Avenue", "Lane", "Way", "Crescent", "Drive", "Grove",
    "Gardens", "Court", "Terrace", "Place", "Walk", "Rise", "View", "Mews",
)  # fmt: skip
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses in inward codes


@dataclass(frozen=True, slots=True)
class NameGroup:
    """First names by sex and surnames for one name group."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]


def _locale_lists(locale: str) -> tuple[list[str], list[str], list[str]]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    if locale == "zh_CN":
        # The romanised lists, so that names read in Latin letters like the rest of the record.
        first = list(provider.first_romanized_names)
        return first, first, list(provider.last_romanized_names)
    unisex = list(getattr(provider, "first_names", ()))
    male = list(getattr(provider, "first_names_male", ()) or unisex)
    female = list(getattr(provider, "first_names_female", ()) or unisex)
    surnames = list(getattr(provider, "last_names", ()))
    if len(surnames) < 10:
        surnames = list(getattr(provider, "male_last_names", ())) or surnames
    return male, female, surnames


def _name_groups() -> dict[str, NameGroup]:
    groups = {}
    for group, locales in _GROUP_LOCALES.items():
        male: list[str] = []
        female: list[str] = []
        surnames: list[str] = []
        for locale in locales:
            m, f, s = _locale_lists(locale)
            male += m
            female += f
            surnames += s
        groups[group] = NameGroup(
            tuple(dict.fromkeys(male)), tuple(dict.fromkeys(female)), tuple(dict.fromkeys(surnames))
        )
    return groups


class Directory:
    """The seed's pools of names, streets and postcodes, and draws from them."""

    def __init__(self, seed: int, rng: random.Random):
        self.rng = rng
        self.groups = _name_groups()
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        surnames = self.groups["british"].surnames
        self.streets = tuple(
            dict.fromkeys(
                f"{faker.random_element(surnames)} {faker.random_element(_STREET_KINDS)}"
                for _ in range(600)
            )
        )
        self.outward_codes = tuple(f"DB{n}" for n in range(1, 25))
        self.out_of_area_postcodes = tuple(faker.postcode() for _ in range(400))
        self._ethnicity = _cumulative(ETHNICITY_MIX)
        self._uasc_ethnicity = _cumulative(UASC_ETHNICITY_MIX)

    def ethnicity(self, *, uasc: bool = False) -> tuple[str, str]:
        """Draw (ethnicity code, name group)."""
        values, weights = self._uasc_ethnicity if uasc else self._ethnicity
        return self.rng.choices(values, cum_weights=weights)[0]

    def first_name(self, group: str, sex: str) -> str:
        names = self.groups[group]
        if sex == "U":
            sex = self.rng.choice("MF")
        return self.rng.choice(names.male if sex == "M" else names.female)

    def surname(self, group: str) -> str:
        return self.rng.choice(self.groups[group].surnames)

    def postcode(self) -> str:
        rng, letters = self.rng, _INWARD_LETTERS
        inward = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        return f"{rng.choice(self.outward_codes)} {inward}"

    def address(self) -> tuple[str, str, str]:
        """(line 1, town, postcode) somewhere in the borough."""
        rng = self.rng
        return (
            f"{rng.randint(1, 180)} {rng.choice(self.streets)}",
            rng.choice(TOWNS),
            self.postcode(),
        )

    def placement_postcode(self, *, in_area: bool) -> str:
        return self.postcode() if in_area else self.rng.choice(self.out_of_area_postcodes)


def _cumulative(mix):
    values, weights, total = [], [], 0.0
    for code, weight, group in mix:
        total += weight
        values.append((code, group))
        weights.append(total)
    return values, weights
