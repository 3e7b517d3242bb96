"""The one error a CIN census reader gives for a file it cannot read, located to the element."""

from __future__ import annotations


class CensusReadError(ValueError):
    """A CIN census file that cannot be read: where the fault is, what was found and expected.

    `line` is the 1-based line of the offending element where the parser knows it; `path` is the
    element's place in the document, XPath style with 1-based positions
    (``Message/Children/Child[3]/CINdetails[1]/CINreferralDate``).
    """

    def __init__(
        self,
        *,
        file: str,
        problem: str,
        line: int | None = None,
        path: str | None = None,
        field: str | None = None,
        value: str | None = None,
        expected: str | None = None,
        child_id: str | None = None,
    ) -> None:
        self.file = file
        self.problem = problem
        self.line = line
        self.path = path
        self.field = field
        self.value = value
        self.expected = expected
        self.child_id = child_id
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.path:
            where.append(self.path)
        text = f"{', '.join(where)}: {self.problem}"
        if self.child_id:
            text += f" (LAchildID {self.child_id})"
        if self.field is not None:
            text += f"; field {self.field}"
        if self.value is not None:
            text += f" has value {self.value!r}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "path": self.path,
            "field": self.field,
            "value": self.value,
            "expected": self.expected,
            "child_id": self.child_id,
            "problem": self.problem,
        }
