"""Subject access requests: one child's whole record as JSON and PDF, third parties flagged.

`record` gathers the record, `third_party` flags what IG must review, `pdf` renders it and
`export.sar_export` checks the capability and audits. See docs/data-protection.md.
"""

from sightline.access.sar.export import SubjectAccessExport, sar_export

__all__ = ["SubjectAccessExport", "sar_export"]
