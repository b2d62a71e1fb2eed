"""Referrals count in the stats by partner type (issue 18): the anonymised summary
publishes the period's referrals to a partner of the directory by the partner's
type, through the same cell-key protection as every count, only when unfiltered,
and in every format."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import an_activity

from accomp.domain.vocab import Lang
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports.summary import REFERRAL_TABLE, category_label, protect_cells, table_title
from accomp.services import activities, partners, reports
from accomp.services.exports import record_keys

T0 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
NOVEMBER = ("2026-11-01", "2026-11-30")
D1, D2 = dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def referred(vault: Any, partner_id: int, day: str = "2026-11-20") -> int:
    a = activities.log_activity(
        vault, an_activity(date=day, referred=True, referral_target="AideSociale"),
        today=T0.date(), at=T0)
    partners.link_referral(vault, a.id, partner_id)
    return a.id


def logbook_with_referrals(vault: Any) -> Any:
    """November: 6 referrals to the CAF, 2 to a France Services (MSAP), 1 to a
    partner without a type; one to the CAF in October; one link left on a session
    no longer marked as a referral; two sessions without a referral."""
    caf = partners.save_partner(vault, {"name": "CAF", "typology": "CAF"}, now=T0)
    fs = partners.save_partner(vault, {"name": "France Services", "typology": "MSAP"}, now=T0)
    bare = partners.save_partner(vault, {"name": "Permanence du jeudi"}, now=T0)
    for pid in [caf.id] * 6 + [fs.id] * 2 + [bare.id]:
        referred(vault, pid)
    referred(vault, caf.id, "2026-10-15")
    stale = referred(vault, fs.id)
    activities.update_activity(vault, stale, an_activity(), today=T0.date(), at=T0)
    for _ in range(2):
        activities.log_activity(vault, an_activity(), today=T0.date(), at=T0)
    return vault


def true_counts(vault: Any) -> dict[str, int]:
    with vault.reading() as s:
        return partners.referral_counts(s, D1, D2, record_keys(vault).seed)[0]


def test_the_true_counts_are_the_period_s_referrals_by_partner_type(vault: Any) -> None:
    logbook_with_referrals(vault)
    assert true_counts(vault) == {"CAF": 6, "MSAP": 2, NON_COMMUNIQUE: 1}
    # the worker's own view agrees (a stale link counts in neither)
    assert partners.referrals_by_partner_type(vault, D1, D2) == {"CAF": 6, "MSAP": 2, "": 1}


def test_the_summary_publishes_referrals_by_type_never_a_small_count(vault: Any) -> None:
    logbook_with_referrals(vault)
    for k in (3, 5, 10):
        table = reports.summary(vault, *NOVEMBER, k=k).table(REFERRAL_TABLE.name)
        assert [r.category for r in table.rows] == ["CAF", "MSAP", NON_COMMUNIQUE]
        published = table.published_counts()
        assert len(published) == 4  # three types and the total
        assert all(v == 0 or v >= k for v in published), (k, published)
        assert all(r.perturbed for r in table.rows)
        assert table.total_perturbed
        # fewer than k referrals are published as k; more move by at most k + 1
        for true, shown in zip((6, 2, 1, 9), published, strict=True):
            assert shown == k if true < k else k <= shown <= true + k + 1, (k, true, shown)
        # the same referrals always give the same published numbers
        again = reports.summary(vault, *NOVEMBER, k=k).table(REFERRAL_TABLE.name)
        assert again.published_counts() == published
    # a month without referrals publishes an exact zero
    empty = reports.summary(vault, "2026-09-01", "2026-09-30").table(REFERRAL_TABLE.name)
    assert empty.published_counts() == [0, 0]


@pytest.mark.parametrize("k", [3, 5, 10])
def test_protect_cells_never_publishes_1_to_k_minus_1(k: int) -> None:
    for n in range(0, 3 * k):
        cells, total = protect_cells({"a": n, "b": 1}, {"a": 12345 * n, "b": 99}, ("a", "b"), k)
        assert all(v == 0 or v >= k for v in [*cells.values(), total]), (n, cells, total)
        assert cells["b"] == k
        assert (cells["a"] == 0) == (n == 0)
    with pytest.raises(ValueError):
        protect_cells({"a": 1}, {}, ("a",), 2)


def test_a_filtered_summary_publishes_no_referral_table(vault: Any) -> None:
    logbook_with_referrals(vault)
    for filters in ({"kind": "Individuel"}, {"theme": "Email"}):
        result = reports.summary(vault, *NOVEMBER, filters=filters)
        assert REFERRAL_TABLE.name not in {t.name for t in result.tables}
    assert REFERRAL_TABLE.name in {t.name for t in reports.summary(vault, *NOVEMBER).tables}


def test_the_referral_table_reads_in_both_languages(vault: Any) -> None:
    table = reports.summary(logbook_with_referrals(vault), *NOVEMBER).table(REFERRAL_TABLE.name)
    assert table_title(table, "fr") == "Orientations par type de partenaire"
    assert table_title(table, "en") == "Referrals by partner type"
    assert category_label("partner_type", "CAF", "fr") == "Caisses d’allocation familiale (CAF)"
    assert category_label("partner_type", NON_COMMUNIQUE, "en") == "Not given"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_format_carries_the_referral_table(vault: Any, tmp_path: Path, lang: Lang) -> None:
    from openpyxl import load_workbook

    logbook_with_referrals(vault)
    k = 5
    table = reports.summary(vault, *NOVEMBER, k=k).table(REFERRAL_TABLE.name)
    title = table_title(table, lang)
    caf = category_label("partner_type", "CAF", lang)
    files = {fmt: reports.export_summary(vault, *NOVEMBER, fmt, tmp_path / f"s.{fmt}", k=k,
                                         lang=lang).path
             for fmt in ("json", "csv", "xlsx", "pdf")}

    data = json.loads(files["json"].read_text("utf-8"))
    (published,) = [t for t in data["tables"] if t["name"] == REFERRAL_TABLE.name]
    assert published["title"] == title
    assert [r["partner_type"] for r in published["rows"]] == ["CAF", "MSAP", NON_COMMUNIQUE]
    assert [r["count"] for r in published["rows"]] + [published["total"]] == \
        table.published_counts()

    lines = [line for line in files["csv"].read_text("utf-8-sig").splitlines()
             if line.startswith(REFERRAL_TABLE.name + ";")]
    assert [line.split(";")[-2] for line in lines] == [str(v) for v in table.published_counts()]
    assert all(title in line for line in lines)
    assert caf in lines[0]

    book = load_workbook(io.BytesIO(files["xlsx"].read_bytes()))
    (sheet,) = [ws for ws in book.worksheets if ws["A1"].value == title]
    assert len(sheet.title) <= 31
    assert [sheet.cell(row, 3).value for row in range(4, 8)] == table.published_counts()
    assert sheet["A4"].value == caf

    text = " ".join(_pdf_text(files["pdf"]).split())
    assert title in text
