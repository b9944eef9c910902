"""``python -m newsclean`` runs the ``newsclean`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
