"""`sightline analyse`: the whole oversight engine over a council's own return files.

``analyse(files, as_at)`` reads a CIN census, an SSDA903 directory and an Annex A workbook (any
of them) into one `Dataset`, runs the clocks, indicators and drift findings the files can
judge, and lists the rest as not evaluable; ``write_analysis`` writes the CSVs, the xlsx and the
HTML report. No database is read or written.
"""

from sightline.returns.analyse.run import Analysis, AnalysisError, analyse, read_returns

__all__ = ["Analysis", "AnalysisError", "analyse", "read_returns"]
