"""`python -m generator` runs the make-report command line."""

from generator.cli import console

console()
