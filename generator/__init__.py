"""make-report: a yearly data file in, a branded PDF annual review and a summary deck out."""

__version__ = "0.1.0"
