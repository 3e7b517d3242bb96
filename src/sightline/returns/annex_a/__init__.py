"""Ofsted ILACS Annex A: the lists' definitions, a tolerant workbook reader and the `Dataset` built
from what the lists carry. No Django here: Annex A is read from files alone."""
