"""Every hand edit of an activity file a supervisor might receive is refused by
`accomp consolidate`: one clear line naming the file and the reason, exit status
2, no output file, never a traceback.

The files are signed (HMAC keyed by the structure secret): any change to their
rows breaks the signature. Rows that a signature cannot vouch for (a buggy
writer, files of schema 1 accepted with --allow-untagged) go through plausibility
checks, tested here with correctly signed but implausible files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_consolidation import SECRET, identity, people, synthetic_rows, write

from accomp import cli
from accomp.reports import activity_rows
from accomp.reports.activity_rows import FileIdentity
from accomp.services import exports
from accomp.store.filetag import activity_file_key


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{exports.SECRET_FILE_HEADER}\n{SECRET.hex()}\n")
    return path


@pytest.fixture
def good(tmp_path: Path) -> dict[str, Path]:
    rows = synthetic_rows(200, 7, people("a", 30))
    return {
        "csv": write(tmp_path / "alice.csv", rows, identity("a")),
        "parquet": write(tmp_path / "bruno.parquet", synthetic_rows(120, 8, people("b", 20)),
                         identity("b")),
    }


def run(tmp_path: Path, secret_file: Path, *inputs: Path, extra: tuple[str, ...] = ()
        ) -> tuple[int, Path]:
    out = tmp_path / "equipe.json"
    code = cli.main(["consolidate", *map(str, inputs), "--format", "json", "-o", str(out),
                     "--secret", str(secret_file), *extra])
    return code, out


def refused(tmp_path, secret_file, capsys, bad: Path, *others: Path,
            extra: tuple[str, ...] = ()) -> str:
    code, out = run(tmp_path, secret_file, *others, bad, extra=extra)
    err = capsys.readouterr().err
    assert code == 2, err
    assert not out.exists(), "nothing is written when a file is refused"
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert bad.name in lines[0]
    return lines[0]


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def test_untouched_files_consolidate(tmp_path, secret_file, good, capsys):
    code, out = run(tmp_path, secret_file, good["csv"], good["parquet"])
    assert code == 0, capsys.readouterr().err
    assert out.exists()


def test_a_file_whose_every_row_is_repeated_is_refused(tmp_path, secret_file, good, capsys):
    lines = _lines(good["csv"])
    header, rows, trailer = lines[0], lines[1:-1], lines[-1]
    good["csv"].write_bytes(header + b"".join(rows) + b"".join(rows) + trailer)
    assert "modifié" in refused(tmp_path, secret_file, capsys, good["csv"])
    table = pq.read_table(good["parquet"])
    pq.write_table(pa.concat_tables([table, table]), good["parquet"])
    refused(tmp_path, secret_file, capsys, good["parquet"])


@pytest.mark.parametrize("edit", ["gender", "month", "duplicates", "duration", "head_count",
                                  "half_deleted", "departement"])
def test_hand_edits_within_the_vocabulary_are_refused(tmp_path, secret_file, good, capsys,
                                                      edit):
    path = good["csv"]
    lines = _lines(path)
    header, rows, trailer = lines[0], lines[1:-1], lines[-1]
    names = header.decode("utf-8-sig").strip().split(";")

    def set_cell(row: bytes, column: str, value: str) -> bytes:
        cells = row.decode().rstrip("\r\n").split(";")
        cells[names.index(column)] = value
        return (";".join(cells) + "\r\n").encode()

    if edit == "gender":
        row = next(r for r in rows if b";Feminin;" in r)
        rows[rows.index(row)] = row.replace(b";Feminin;", b";Masculin;")
    elif edit == "month":
        rows[0] = set_cell(rows[0], "month", "2030-12")
    elif edit == "duplicates":
        rows += rows[:50]
    elif edit == "duration":
        rows[0] = set_cell(rows[0], "duration_min_rounded", "100000")
    elif edit == "departement":  # another listed one, in the form the writer uses
        row = next(r for r in rows if '"86 – Vienne"'.encode() in r)
        rows[rows.index(row)] = row.replace('"86 – Vienne"'.encode(), '"79 – Deux-Sèvres"'.encode())
    elif edit == "head_count":
        row = next(r for r in rows if b"Collectif" in r)
        rows[rows.index(row)] = set_cell(row, "participants_anonymous", "1000000")
    else:
        rows = rows[: len(rows) // 2]
    path.write_bytes(header + b"".join(rows) + trailer)
    message = refused(tmp_path, secret_file, capsys, path, good["parquet"])
    assert "signature" in message


def test_a_truncated_file_is_refused(tmp_path, secret_file, good, capsys):
    data = good["parquet"].read_bytes()
    good["parquet"].write_bytes(data[: len(data) // 2])
    assert "tronqué" in refused(tmp_path, secret_file, capsys, good["parquet"])
    data = good["csv"].read_bytes()
    good["csv"].write_bytes(data[: len(data) * 2 // 3])
    assert "signature" in refused(tmp_path, secret_file, capsys, good["csv"])


def test_a_file_of_another_structure_is_refused(tmp_path, secret_file, good, capsys):
    other_secret = bytes(range(100, 132))
    foreign = write(tmp_path / "ailleurs.parquet", synthetic_rows(40, 9, people("c", 8)),
                    identity("c", structure=exports.structure_id(other_secret)), other_secret)
    assert "autre structure" in refused(tmp_path, secret_file, capsys, foreign, good["csv"])


def test_an_unsigned_file_is_refused_unless_allowed(tmp_path, secret_file, good, capsys):
    table = pq.read_table(good["parquet"])
    unsigned = tmp_path / "ancien.parquet"
    pq.write_table(table.replace_schema_metadata(None), unsigned)
    assert "signature" in refused(tmp_path, secret_file, capsys, unsigned)


def test_the_consolidation_needs_the_structure_secret(tmp_path, good, capsys):
    out = tmp_path / "equipe.json"
    assert cli.main(["consolidate", str(good["csv"]), "--format", "json", "-o", str(out)]) == 2
    assert "secret de structure" in capsys.readouterr().err
    assert not out.exists()


# --- plausibility: correctly signed, implausible rows --------------------------------


def _signed(tmp_path: Path, name: str, rows: list[dict[str, Any]],
            ident: FileIdentity) -> Path:
    return write(tmp_path / name, rows, ident)


@pytest.mark.parametrize(("change", "words"), [
    ({"month": "2030-12"}, "hors de la période"),
    ({"duration_min_rounded": 100_000}, "720 minutes"),
    ({"participants_anonymous": 1_000_000}, "participants anonymes"),
])
def test_implausible_rows_are_refused_even_when_signed(tmp_path, secret_file, capsys,
                                                       change, words):
    rows = synthetic_rows(60, 10, people("d", 10))
    workshop = next(i for i, r in enumerate(rows) if r["kind"] == "Collectif")
    rows[workshop] = {**rows[workshop], **change}
    bad = _signed(tmp_path, "bizarre.csv", rows, identity("d"))
    assert words in refused(tmp_path, secret_file, capsys, bad)


def test_more_already_supported_than_anonymous_is_refused_not_a_crash(
        tmp_path, secret_file, capsys):
    rows = synthetic_rows(60, 11, people("e", 10))
    workshop = next(i for i, r in enumerate(rows) if r["kind"] == "Collectif")
    rows[workshop] = {**rows[workshop], "participants_anonymous": 2,
                      "anonymous_already_supported": 5}
    bad = _signed(tmp_path, "ateliers.parquet", rows, identity("e"))
    assert "déjà accompagnés" in refused(tmp_path, secret_file, capsys, bad)


def test_repeated_row_ids_are_refused(tmp_path, secret_file, capsys):
    ident = identity("f")
    table = activity_rows.to_table(synthetic_rows(30, 12, people("f", 6)), ident)
    ids = table.column("row_id").to_pylist()
    ids[1] = ids[0]
    table = table.set_column(table.schema.get_field_index("row_id"), "row_id",
                             pa.array(ids, pa.string()))
    bad = tmp_path / "doublons.parquet"
    bad.write_bytes(activity_rows.parquet_bytes(table, activity_file_key(SECRET)))
    assert "identifiant" in refused(tmp_path, secret_file, capsys, bad)


def test_a_period_whose_start_is_after_its_end_is_refused(tmp_path, secret_file, capsys):
    bad = _signed(tmp_path, "envers.csv", [], identity("g", "2026-06-30", "2026-01-01"))
    assert "après sa fin" in refused(tmp_path, secret_file, capsys, bad)


def test_two_empty_files_keep_their_own_period_never_today(tmp_path, secret_file, capsys):
    first = _signed(tmp_path, "vide1.csv", [], identity("h", "2025-01-01", "2025-03-31"))
    second = _signed(tmp_path, "vide2.parquet", [], identity("i", "2025-02-01", "2025-04-30"))
    code, out = run(tmp_path, secret_file, first, second)
    assert code == 0, capsys.readouterr().err
    import json

    summary = json.loads(out.read_text("utf-8"))
    assert (summary["period"]["from"], summary["period"]["to"]) == ("2025-01-01", "2025-04-30")
