"""Statutory returns: CIN census, SSDA903 and Ofsted Annex A — readers, writers and validators."""
