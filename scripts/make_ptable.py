"""Write resources/privacy/ptable.json: the cell-key perturbation tables that
anonymised summaries use (accomp.privacy.cellkey), for k = 3 to 10, with their
parameters (maximum noise, variance, zero-preserving, unbiased).

    python scripts/make_ptable.py            # rewrite the file
    python scripts/make_ptable.py --check    # exit 1 if the file is out of date

The code computes the same rows for any k (tests/unit/privacy check that the
shipped file matches); the file is the published reference a statistician reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from accomp.privacy.cellkey import ptable_document

OUT = Path(__file__).resolve().parent.parent / "resources" / "privacy" / "ptable.json"


def render() -> str:
    return json.dumps(ptable_document(range(3, 11)), indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = render()
    if args.check:
        return 0 if OUT.read_text("utf-8") == text else 1
    OUT.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
