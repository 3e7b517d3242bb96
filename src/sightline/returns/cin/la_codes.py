"""The DfE's three-digit local authority codes, as carried in characters 2-4 of a UPN.

CIN census rule 1530 accepts a UPN only if those characters are a recognised LA code. The list
is the DfE's England LA numbering (London 201-213 and 301-320, metropolitan districts 330-394,
the Isles of Scilly 420, shire counties and unitaries 800-943), including codes retired by
local government reorganisation, because a child's UPN keeps the code of the authority that
issued it.
"""

from __future__ import annotations

LA_CODES: frozenset[str] = frozenset(
    # Inner and outer London
    [str(n) for n in range(201, 214)]
    + [str(n) for n in range(301, 321)]
    # Metropolitan districts
    + [str(n) for n in range(330, 337)]
    + [str(n) for n in range(340, 345)]
    + [str(n) for n in range(350, 360)]
    + [str(n) for n in range(370, 374)]
    + [str(n) for n in range(380, 385)]
    + [str(n) for n in range(390, 395)]
    + ["420"]
    # Shire counties and unitary authorities, with retired codes (e.g. 836 Poole, 837
    # Bournemouth, 909 Cumbria, 928 Northamptonshire) kept for UPNs they issued
    + [
        "800",
        "801",
        "802",
        "803",
        "805",
        "806",
        "807",
        "808",
        "810",
        "811",
        "812",
        "813",
        "815",
        "816",
        "821",
        "822",
        "823",
        "825",
        "826",
        "830",
        "831",
        "835",
        "836",
        "837",
        "838",
        "839",
        "840",
        "841",
        "845",
        "846",
        "850",
        "851",
        "852",
        "855",
        "856",
        "857",
        "860",
        "861",
        "865",
        "866",
        "867",
        "868",
        "869",
        "870",
        "871",
        "872",
        "873",
        "874",
        "876",
        "877",
        "878",
        "879",
        "880",
        "881",
        "882",
        "883",
        "884",
        "885",
        "886",
        "887",
        "888",
        "889",
        "890",
        "891",
        "892",
        "893",
        "894",
        "895",
        "896",
        "908",
        "909",
        "916",
        "919",
        "921",
        "925",
        "926",
        "928",
        "929",
        "931",
        "933",
        "935",
        "936",
        "937",
        "938",
        "940",
        "941",
        "942",
        "943",
    ]
)
