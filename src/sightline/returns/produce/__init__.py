"""Statutory returns written from the live record: the CIN census, SSDA903 and Ofsted Annex A.

Each writer reads the record in bulk (a fixed number of queries, whatever the council's size),
covers every child the return asks for (restricted children included: the DfE and Ofsted are
owed all of them), writes its files whole or not at all, and records the export in the access
audit. See docs/returns.md for what each return carries and what the record cannot.
"""
