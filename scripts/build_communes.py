"""Build resources/communes/communes.csv.gz from the Etalab package of the French
administrative divisions (data under the Licence Ouverte / Open Licence 2.0).

The source is the npm package `@etalab/decoupage-administratif`: its
`data/communes.json` joins INSEE's Code officiel géographique, INSEE's legal
populations and La Poste's "Base officielle des codes postaux". Fetch it with the
ordinary client, then run this script on the tarball (nothing is extracted to disk):

    npm pack @etalab/decoupage-administratif@6.0.0        # into any folder
    python scripts/build_communes.py etalab-decoupage-administratif-6.0.0.tgz

Output: one line per (commune, postal code) pair, current communes only (communes
déléguées and associées are folded into their commune nouvelle by INSEE; the
municipal arrondissements of Paris, Lyon and Marseille are left out: statistics
use the commune's code). Sorted, gzip without a timestamp, so a rebuild from the
same source gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import tarfile
from pathlib import Path
from typing import Any

HEADER = ("insee", "postal_code", "name", "departement", "population")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "communes" / "communes.csv.gz"
MEMBER = "package/data/communes.json"


def load_source(path: Path) -> list[dict[str, Any]]:
    """Read communes.json from the npm tarball, or from an extracted JSON file."""
    if path.suffix == ".json":
        data = json.loads(path.read_text("utf-8"))
    else:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{MEMBER} not found in {path}")
            data = json.loads(member.read().decode("utf-8"))
    if not isinstance(data, list):
        raise SystemExit("unexpected communes.json shape")
    return data


def rows_from(source: list[dict[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    rows: set[tuple[str, str, str, str, str]] = set()
    for c in source:
        if c.get("type") != "commune-actuelle":
            continue
        name = " ".join(str(c["nom"]).split())
        if ";" in name or '"' in name:
            raise SystemExit(f"unexpected character in commune name {name!r}")
        population = str(int(c.get("population") or 0))
        # A few uninhabited territories (TAAF) have no postal code: nobody is
        # supported there, so they are left out.
        for postal_code in c.get("codesPostaux") or ():
            rows.add((str(c["code"]), str(postal_code), name, str(c["departement"]), population))
    return sorted(rows)


def write_csv_gz(rows: list[tuple[str, str, str, str, str]], out: Path) -> None:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    writer.writerows(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as gz:
        gz.write(text.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="the npm tarball, or data/communes.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = rows_from(load_source(args.source))
    write_csv_gz(rows, args.output)
    communes = len({r[0] for r in rows})
    print(f"{communes} communes, {len(rows)} rows -> {args.output} "
          f"({args.output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
