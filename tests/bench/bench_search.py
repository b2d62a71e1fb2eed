"""Beneficiary search-as-you-type: p95 over 200 queries, against plain SQLite LIKE.

The queries are what a worker types, letter by letter, to find a file of the vault:
a surname ("d", "du", "dub", …), a first name and surname, a code ("7f", "7f3",
"7f3k") or a phone number's digits; lowercase and without accents, as people type
(the search ignores accents and case). Strings are typed until there are 200
keystrokes, i.e. 200 queries.

- accomp: `services.beneficiaries.search_beneficiaries(vault, query)` (20 results),
  on the unlocked vault;
- baseline: the same filter in plain SQLite (stdlib sqlite3, a file with a `names`
  table of code, search key and last contact, indexed as the vault), the same terms
  (search key LIKE '%term%' for each term, or code prefix), the same order (last
  contact, newest first) and limit, on a connection kept open.

Each query runs once untimed (warm caches), then the 200 queries are timed in turn,
accomp then baseline, for several passes; a query's time is its median over the
passes, and the value is the p95 over the 200 queries.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

KEY = "search"
METRIC = "beneficiary search-as-you-type, p95 over 200 queries"
TARGET = "≤ 15 ms, ≤ 3×"
METRICS = {KEY: METRIC}
TARGETS = {KEY: TARGET}
QUERIES = 200


def typed_queries(people: list[tuple[str, str | None, str | None, str | None]],
                  count: int = QUERIES, seed: int = 7) -> list[str]:
    """Keystroke by keystroke prefixes of what a worker types to find someone."""
    from accomp.domain.text import fold, phone_digits

    rng = random.Random(seed)
    named = [p for p in people if p[2]]
    out: list[str] = []
    while len(out) < count:
        code, first, last, phone = rng.choice(named)
        r = rng.random()
        if r < 0.55:
            text = fold(last)
        elif r < 0.80 and first:
            text = f"{fold(first)} {fold(last)}"
        elif r < 0.90:
            text = code[2:].lower()
        elif phone:
            text = phone_digits(phone)
        else:
            text = fold(last)
        out.extend(text[:n] for n in range(1, len(text) + 1))
    return out[:count]


def _baseline_query(db: sqlite3.Connection, query: str, limit: int = 20) -> list[Any]:
    terms = query.lower().split()
    conditions = " AND ".join("search_key LIKE ?" for _ in terms) or "1"
    params: list[Any] = [f"%{t}%" for t in terms]
    code = query.strip().upper()
    if code.startswith("B-") or (len(code) <= 4 and code.isalnum()):
        prefix = code if code.startswith("B-") else "B-" + code
        conditions = f"(code LIKE ? OR ({conditions}))"
        params.insert(0, prefix + "%")
    sql = (f"SELECT id, code, search_key, last_contact FROM names WHERE {conditions} "
           "ORDER BY last_contact DESC, id DESC LIMIT ?")
    return db.execute(sql, [*params, limit]).fetchall()


def _people(data_dir: Path) -> list[tuple[str, str | None, str | None, str | None]]:
    from dataset import hex_key

    from accomp.store import engine

    conn = engine.connect(data_dir / "vault.db", hex_key(data_dir), read_only=True)
    try:
        return [tuple(r) for r in conn.execute(
            "SELECT code, first_name, last_name, phone FROM beneficiary ORDER BY id")]
    finally:
        conn.close()


def run(ds: Any, keys: set[str], say: Any = print) -> list[dict[str, Any]]:
    from bench_common import median, percentile, row, summary
    from dataset import names_table, open_vault

    from accomp.services.beneficiaries import search_beneficiaries

    queries = typed_queries(_people(ds.data_dir))
    passes = 1 if ds.size.name == "S" else 3
    with tempfile.TemporaryDirectory(prefix="accomp-bench-search-") as folder:
        db = sqlite3.connect(names_table(ds.data_dir, Path(folder) / "names.db"))
        vault = open_vault(ds.data_dir)
        try:
            hits_app = [len(search_beneficiaries(vault, q)) for q in queries]
            hits_base = [len(_baseline_query(db, q)) for q in queries]
            app: list[list[float]] = [[] for _ in queries]
            base: list[list[float]] = [[] for _ in queries]
            for _ in range(passes):
                for i, q in enumerate(queries):
                    t = time.perf_counter()
                    search_beneficiaries(vault, q)
                    app[i].append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    _baseline_query(db, q)
                    base[i].append((time.perf_counter() - t) * 1000)
        finally:
            vault.lock()
            db.close()
    app_q = [median(v) for v in app]
    base_q = [median(v) for v in base]
    p95_app, p95_base = percentile(app_q, 95), percentile(base_q, 95)
    slowest = sorted(range(len(queries)), key=lambda i: -app_q[i])[:5]
    same = sum(a == b for a, b in zip(hits_app, hits_base, strict=True))
    details = {"accomp_ms": summary(app_q), "baseline_ms": summary(base_q),
               "slowest_queries": {queries[i]: round(app_q[i], 2) for i in slowest},
               "queries_with_same_hit_count": same, "passes": passes}
    note = (f"{len(queries)} keystrokes, median of {passes} pass(es) per query; median "
            f"{median(app_q):.2f} ms vs {median(base_q):.2f} ms plain")
    return [row(KEY, METRIC, value=p95_app, baseline=p95_base, unit="ms", target=TARGET,
                baseline_what="plain SQLite LIKE on a names table", note=note,
                details=details, digits=2)]
