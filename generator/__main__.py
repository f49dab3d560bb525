"""`python -m generator` runs the make-report command line."""

import sys

from generator.cli import main

sys.exit(main())
