"""The readable copy of a subject access export: a PDF rendered from the same JSON structure.

Everything flagged for review is marked in the text where it appears, e.g. "[REVIEW: third
party - the referrer]", so that the reviewer can redact the PDF itself. fpdf2 is pure Python,
so no system library is needed.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

# Debian's package fonts-dejavu-core; used when present because it covers every script a name
# may be written in. Without it the PDF core font, which only covers Latin-1, is used.
_DEBIAN_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_DEBIAN_DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

# Typographic characters that Latin-1 lacks but case notes are full of.
_LATIN1_SUBSTITUTES = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "*"}
)


def _font_paths() -> tuple[Path, Path | None] | None:
    configured = settings.SIGHTLINE_PDF_FONT
    if configured:
        return Path(configured), None
    if _DEBIAN_DEJAVU.exists():
        return _DEBIAN_DEJAVU, _DEBIAN_DEJAVU_BOLD if _DEBIAN_DEJAVU_BOLD.exists() else None
    return None


def _latin1(text: str) -> str:
    """Text the core font can show: accents kept where Latin-1 has them, others folded."""
    text = text.translate(_LATIN1_SUBSTITUTES)
    if all(ord(character) < 256 for character in text):
        return text
    folded = []
    for character in text:
        if ord(character) < 256:
            folded.append(character)
            continue
        base = unicodedata.normalize("NFKD", character).encode("latin-1", "ignore").decode()
        folded.append(base or "?")
    return "".join(folded)


_ACRONYMS = {"la child id": "LA child ID", "nhs number": "NHS number", "upn": "UPN", "uasc": "UASC"}


def _label(key: str) -> str:
    words = key.replace("_", " ")
    for plain, acronym in _ACRONYMS.items():
        words = words.replace(plain, acronym)
    return words[:1].upper() + words[1:]


class _Document(FPDF):
    """An A4 document with the protective marking and page numbers on every page."""

    def __init__(self, marking: str):
        super().__init__(format="A4")
        self.marking = marking
        self.body_font = "helvetica"
        self.unicode = False
        fonts = _font_paths()
        if fonts is not None:
            regular, bold = fonts
            self.add_font("body", "", str(regular))
            self.add_font("body", "B", str(bold or regular))
            self.body_font = "body"
            self.unicode = True
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def text_for(self, text) -> str:
        text = "" if text is None else str(text)
        return text if self.unicode else _latin1(text)

    def footer(self):
        self.set_y(-12)
        self.set_font(self.body_font, "", 8)
        self.cell(0, 5, self.text_for(f"{self.marking}  -  page {self.page_no()} of {{nb}}"))

    def heading(self, text: str, size: int = 14) -> None:
        self.ln(2)
        self.set_font(self.body_font, "B", size)
        self.multi_cell(
            0, size * 0.5, self.text_for(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_font(self.body_font, "", 9)

    def line_of_text(self, text: str, indent: float = 0, bold: bool = False) -> None:
        self.set_font(self.body_font, "B" if bold else "", 9)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            4.5,
            self.text_for(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def _marker(reasons: list[str]) -> str:
    return "".join(f"[REVIEW: {reason}] " for reason in reasons)


def _reasons_by_field(entry: dict) -> dict[str, list[str]]:
    by_field: dict[str, list[str]] = {}
    for flag in entry["review"]:
        kind = "third party" if flag["kind"] == "third_party" else "exempt"
        by_field.setdefault(flag["field"], []).append(f"{kind} - {flag['reason']}")
    return by_field


def _value_text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)}: {_value_text(v)}" for k, v in value.items() if v)
    if isinstance(value, list):
        return "; ".join(_value_text(v) for v in value)
    return str(value)


def _render_item(document: _Document, title: str, entry: dict) -> None:
    reasons = _reasons_by_field(entry)
    document.ln(1.5)
    document.line_of_text(f"{title} {entry['id']}", bold=True)
    if "*" in reasons:
        document.line_of_text(_marker(reasons["*"]), indent=4)
    fields = entry["fields"]
    for key, value in fields.items():
        if key.endswith("_label") and key.removesuffix("_label") in fields:
            continue
        # A coded value is shown by its label, which carries the code too.
        value = fields.get(f"{key}_label", value)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            document.line_of_text(f"{_label(key)}: {_marker(reasons.get(key, []))}", indent=4)
            for index, element in enumerate(value):
                marker = _marker(reasons.get(f"{key}[{index}]", []))
                document.line_of_text(f"- {marker}{_value_text(element)}", indent=8)
            continue
        document.line_of_text(
            f"{_label(key)}: {_marker(reasons.get(key, []))}{_value_text(value)}", indent=4
        )


def subject_access_pdf(record: dict) -> bytes:
    """Render the export's JSON structure as a PDF and return its bytes."""
    marking = "OFFICIAL-SENSITIVE: subject access export, review before release"
    document = _Document(marking)
    subject = record["subject"]
    document.set_title(f"Subject access export: {subject['la_child_id']}")
    document.set_creator("Sightline")
    document.add_page()
    document.heading("Subject access export", size=18)
    document.line_of_text(
        f"{subject['first_name']} {subject['last_name']}, LA child ID {subject['la_child_id']}",
        bold=True,
    )
    document.line_of_text(
        f"{record['council']}. Produced {record['generated_at']} by {record['generated_by']}."
    )
    summary = record["summary"]
    document.line_of_text(
        f"{summary['items']} records; {summary['third_party_items']} hold third-party "
        f"information and {summary['exempt_items']} may be exempt. Each is marked [REVIEW: ...] "
        "where it appears. Nothing has been redacted yet."
    )
    for note in record["notes"]:
        document.line_of_text(f"- {note}", indent=4)

    document.heading("Identity")
    for key, value in subject.items():
        if not key.endswith("_label"):
            shown = _value_text(subject.get(f"{key}_label", value))
            document.line_of_text(f"{_label(key)}: {shown}", indent=4)
    disabilities = ", ".join(d["label"] for d in record["disabilities"]) or "none recorded"
    document.line_of_text(f"Disabilities: {disabilities}", indent=4)
    retention = record["retention"]
    document.line_of_text(f"Kept until: {retention['until']} ({retention['source']})", indent=4)

    for section, title in (
        ("relationships", "Relationship"),
        ("households", "Household"),
        ("allocations", "Allocation"),
    ):
        document.heading(_label(section))
        if not record[section]:
            document.line_of_text("None recorded.", indent=4)
        for entry in record[section]:
            _render_item(document, title, entry)
    for record_type_key, entries in record["records"].items():
        if not entries:
            continue
        document.heading(_label(record_type_key))
        for entry in entries:
            _render_item(document, _label(record_type_key), entry)
    return bytes(document.output())
