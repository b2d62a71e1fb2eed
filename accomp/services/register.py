"""The processing register entry of this vault ("registre des traitements"): what
is processed, why, on which legal bases, for how long, how it is protected. For the
structure's data-protection officer and its impact assessment. Counts only: no
code, no name."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accomp.domain.consent import ConsentEvent, EventKind, Purpose, consent_state
from accomp.domain.retention import RULES
from accomp.reports import register
from accomp.reports.destination import check_folder, write_files
from accomp.services import backups, lifecycle
from accomp.store import audit
from accomp.store import lifecycle as store
from accomp.store.vault import Vault


def register_facts(vault: Vault, now: dt.datetime | None = None) -> dict[str, Any]:
    """The figures the register states, at `now`. Reads only."""
    now = now or dt.datetime.now(dt.UTC)
    periods = lifecycle.retention_periods(vault)
    with vault.reading() as s:
        facts = store.register_facts(s)
    at = now.astimezone(dt.UTC)
    consents: dict[str, int] = {}
    for purpose_key, history in facts.pop("consent_histories"):
        try:
            purpose = Purpose(purpose_key)
            events = [ConsentEvent(purpose, EventKind(k), when, until if k in ("donne",
                                   "renouvele") else None) for k, when, until in history]
        except ValueError:
            continue
        if consent_state(events, purpose, at).is_valid:
            consents[purpose.value] = consents.get(purpose.value, 0) + 1
    latest = backups.list_backups(vault.paths)
    facts.update({
        "generated_at": now.astimezone(),
        "worker": vault.worker,
        "valid_consents": consents,
        "retention": {
            c.value: {"months": m, "label": RULES[c].label("fr"),
                      "counted_from": RULES[c].counted_from("fr"),
                      "minimum": RULES[c].minimum, "maximum": RULES[c].maximum}
            for c, m in periods.items()
        },
        "backup_keep": lifecycle.backup_keep(vault),
        "backups": len(latest),
        "last_backup": latest[0].taken_at if latest else None,
    })
    return facts


@dataclass(frozen=True, slots=True)
class RegisterDocument:
    markdown: str
    html: str


def processing_register(vault: Vault, *, now: dt.datetime | None = None) -> RegisterDocument:
    """The register entry as Markdown and as HTML (for the PDF). Reads only."""
    doc = register.register_document(register_facts(vault, now))
    return RegisterDocument(doc.markdown(), doc.to_html(register.TITLE))


@dataclass(frozen=True, slots=True)
class RegisterFiles:
    markdown: Path
    pdf: Path | None


def write_processing_register(
    vault: Vault, out_dir: Path, *, now: dt.datetime | None = None, pdf: bool = True,
) -> RegisterFiles:
    """Write `registre-<date>.md` and `.pdf` (0600) in `out_dir`, a folder the
    worker chose (never the data folder). Refuses the folders and files
    reports.destination refuses, folder_unwritable, disk_error. Journal:
    register.write with the files' SHA-256."""
    now = now or dt.datetime.now(dt.UTC)
    document = processing_register(vault, now=now)
    folder = check_folder(out_dir, data_dir=vault.paths.data_dir)
    stem = f"registre-{now.astimezone():%Y%m%d-%H%M%S}"
    md_bytes = document.markdown.encode("utf-8")
    pdf_bytes = None
    if pdf:
        from accomp.reports.pdf import html_pdf

        pdf_bytes = html_pdf(document.html, title=register.TITLE)
    md_path, pdf_path = folder / f"{stem}.md", folder / f"{stem}.pdf"
    write_files(vault.paths.data_dir, (md_path, md_bytes), (pdf_path, pdf_bytes))
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="register.write", entity="vault",
                     details={"markdown_sha256": hashlib.sha256(md_bytes).hexdigest(),
                              "pdf_sha256": hashlib.sha256(pdf_bytes).hexdigest()
                              if pdf_bytes is not None else None})
    return RegisterFiles(md_path, pdf_path if pdf_bytes is not None else None)
