"""Entry point of the bundled application: exactly what the `accomp` command runs."""

import sys

from accomp.cli import main

if __name__ == "__main__":
    sys.exit(main())
