"""The person's rights over their file: access (a complete copy, JSON and a
plain-language PDF), rectification with history, erasure (anonymisation)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accomp.domain.errors import KnownError
from accomp.domain.models import BeneficiaryIn, BeneficiaryOut
from accomp.domain.retention import RULES
from accomp.domain.rules import check_beneficiary, parse
from accomp.reports import access
from accomp.reports.destination import check_folder, write_files
from accomp.services import lifecycle
from accomp.services.beneficiaries import _apply as apply_beneficiary_input
from accomp.services.beneficiaries import get_beneficiary
from accomp.store import audit, vault_keys
from accomp.store import lifecycle as store
from accomp.store.access_record import person_record
from accomp.store.tables import Beneficiary
from accomp.store.vault import Vault

# --- right of access ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccessExport:
    code: str
    json_path: Path
    pdf_path: Path | None
    json_sha256: str
    pdf_sha256: str | None


def access_record(vault: Vault, beneficiary_id: int,
                  now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything kept about one person, as the JSON file holds it. Reads only.
    Refuses not_found."""
    now = now or dt.datetime.now(dt.UTC)
    periods = lifecycle.retention_periods(vault)
    with vault.reading() as s:
        record = person_record(s, beneficiary_id)
    if record is None:
        raise KnownError("not_found", "beneficiary")
    document = {
        "title": "Droit d'accès : copie des informations conservées",
        "generated_at": now.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat()
        + "Z",
        "generated_by": vault.worker,
        "retention": {
            c.value: {"months": months, "label": RULES[c].label("fr"),
                      "counted_from": RULES[c].counted_from("fr")}
            for c, months in periods.items()
        },
    }
    return {"document": document, **record}


def access_export(
    vault: Vault, beneficiary_id: int, out_dir: Path, *,
    now: dt.datetime | None = None, pdf: bool = True,
) -> AccessExport:
    """Write the right-of-access copy of one file: `acces-<code>-<date>.json` (all
    of it) and `.pdf` (the same in plain French), 0600, in `out_dir`, a folder the
    worker chose (never the data folder: the copy is in clear). Collective
    workshops appear without the other participants or the workshop's notes;
    journal events without other people's codes. Refuses not_found, the folders
    and files reports.destination refuses, folder_unwritable, disk_error.
    Journal: rights.access with the code and the files' SHA-256 (an export
    record)."""
    now = now or dt.datetime.now(dt.UTC)
    record = access_record(vault, beneficiary_id, now)
    code = record["file"]["code"]
    folder = check_folder(out_dir, data_dir=vault.paths.data_dir)
    stem = f"acces-{code}-{now.astimezone():%Y%m%d-%H%M%S}"
    json_bytes = access.access_json(record)
    pdf_bytes = None
    if pdf:
        from accomp.reports.pdf import html_pdf

        doc = access.access_document(record)
        title = f"Vos informations — dossier {code}"
        pdf_bytes = html_pdf(doc.to_html(title), title=title)
    json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
    write_files(vault.paths.data_dir, (json_path, json_bytes), (pdf_path, pdf_bytes))
    json_sha = hashlib.sha256(json_bytes).hexdigest()
    pdf_sha = hashlib.sha256(pdf_bytes).hexdigest() if pdf_bytes is not None else None
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="rights.access", entity="beneficiary",
                     ref=code, at=now,
                     details={"json_sha256": json_sha, "pdf_sha256": pdf_sha})
    return AccessExport(code, json_path, pdf_path if pdf_bytes is not None else None,
                        json_sha, pdf_sha)


# --- rectification ---------------------------------------------------------------------


def _current_input(row: Beneficiary) -> dict[str, Any]:
    return {
        "first_name": row.first_name, "last_name": row.last_name, "phone": row.phone,
        "email": row.email, "birth_year": row.birth_year, "notes": row.notes,
        "commune": {"name": row.commune_name, "postal_code": row.commune_postal_code,
                    "insee": row.commune_insee} if row.commune_name else None,
        "gender": row.gender, "age_band": row.age_band, "social_status": row.social_status,
        "legal_basis": row.legal_basis, "informed_on": row.informed_on,
        "notice_version": row.notice_version,
    }


_TRACKED = (
    "first_name", "last_name", "phone", "email", "birth_year", "notes", "commune_name",
    "commune_postal_code", "commune_insee", "gender", "age_band", "social_status",
    "legal_basis", "informed_on", "notice_version",
)


def rectify(
    vault: Vault, beneficiary_id: int, changes: dict[str, Any], *,
    today: dt.date | None = None, now: dt.datetime | None = None,
) -> BeneficiaryOut:
    """Correct some fields of a file at the person's request, keeping the previous
    values in the file's rectification history (inside the vault; shown in the
    access copy; erased with the file). `changes` uses BeneficiaryIn's field names.
    Refuses: not_found, already_anonymised, any invalid field (as on creation).
    Journal: rights.rectify with the names (never the values) of changed fields."""
    today = today or dt.date.today()
    now = now or dt.datetime.now(dt.UTC)
    with vault.transaction() as s:
        row = s.get(Beneficiary, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        if row.anonymised_at is not None:
            raise KnownError("already_anonymised")
        merged = _current_input(row)
        if "birth_year" in changes and "age_band" not in changes:
            merged["age_band"] = None  # derived again from the corrected year
        merged.update(changes)
        data = parse(BeneficiaryIn, merged)
        check_beneficiary(data, today)
        before = {name: getattr(row, name) for name in _TRACKED}
        changed = apply_beneficiary_input(row, data, today)
        previous = {name: before[name] for name in sorted(changed) if name in before}
        if changed:
            row.updated_at = now
            s.add(row)
            store.add_rectification(s, beneficiary_id, vault.worker, previous, now)
            audit.append(s, actor=vault.worker, action="rights.rectify", entity="beneficiary",
                         ref=row.code, at=now, details={"fields": sorted(changed)})
    return get_beneficiary(vault, beneficiary_id)


# --- erasure ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ErasurePreview:
    """What an erasure would destroy and what it keeps, for the confirmation."""

    code: str
    fields: list[str]  # identity and basis fields that hold a value
    activity_notes: int  # own sessions with notes or procedure details
    mandates: int
    rectifications: int
    sessions_kept: int  # own sessions and workshops, kept for the counts
    consent_events_kept: int

    def text(self, lang: str = "fr") -> str:
        from accomp.domain.errors import field_label

        names = ", ".join(field_label(f, "fr" if lang == "fr" else "en") for f in self.fields)
        if lang == "fr":
            return (
                f"Effacer le dossier {self.code} ? Seront détruits définitivement : "
                f"{names or 'aucune donnée d’identité'} ; les notes et précisions de "
                f"{self.activity_notes} séance(s) ; {self.mandates} mandat(s) ; "
                f"{self.rectifications} ancienne(s) valeur(s) corrigée(s). "
                f"Seront conservés, sans identité : le code {self.code}, le genre, la tranche "
                f"d'âge, la situation et la commune, {self.sessions_kept} séance(s) pour les "
                f"statistiques, et l'historique des consentements "
                f"({self.consent_events_kept} événement(s)). Les sauvegardes déjà faites "
                f"contiennent encore ces données jusqu'à leur rotation."
            )
        return (
            f"Erase file {self.code}? Destroyed for good: {names or 'no identity data'}; "
            f"the notes and details of {self.activity_notes} session(s); {self.mandates} "
            f"mandate(s); {self.rectifications} corrected old value(s). Kept, without "
            f"identity: the code {self.code}, gender, age band, status and commune, "
            f"{self.sessions_kept} session(s) for statistics, and the consent history "
            f"({self.consent_events_kept} event(s)). Backups already made still hold this "
            f"data until they are rotated out."
        )


def erasure_preview(vault: Vault, beneficiary_id: int) -> ErasurePreview:
    """Reads only. Refuses not_found, already_anonymised."""
    with vault.reading() as s:
        row = s.get(Beneficiary, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        if row.anonymised_at is not None:
            raise KnownError("already_anonymised")
        record = person_record(s, beneficiary_id)
        assert record is not None
    acts = record["activities"]
    return ErasurePreview(
        code=row.code,
        fields=[f for f in store.IDENTITY_COLUMNS if getattr(row, f) is not None],
        activity_notes=sum(1 for a in acts if a.get("notes") or a.get("procedure_details")),
        mandates=len(record["mandates"]),
        rectifications=len(record["rectifications"]),
        sessions_kept=len(acts),
        consent_events_kept=sum(len(c["events"]) for c in record["consents"]),
    )


@dataclass(frozen=True, slots=True)
class Erasure:
    code: str
    fields: list[str]
    activity_notes: int
    mandates: int
    rectifications: int


def erase_beneficiary(
    vault: Vault, beneficiary_id: int, *, now: dt.datetime | None = None
) -> Erasure:
    """Anonymise a file at the person's request (right to erasure): identity,
    contact, notes, legal basis, mandates and rectification history are destroyed,
    with the notes and procedure details of the person's own sessions. Kept: the
    pseudonymous code, statistical attributes, sessions and workshop participation
    (so every count and dashboard total stays the same), consent history
    (append-only proof of lawfulness, no identity). With
    secure_delete the old content is overwritten in the file; the write-ahead log
    is then emptied so no copy of it stays there. Backups are not rewritten.
    Refuses not_found, already_anonymised. Journal: rights.erase with the names of
    destroyed fields and counts. Purge register: one line (reason "erasure")."""
    now = now or dt.datetime.now(dt.UTC)
    with vault.transaction() as s:
        row = s.get(Beneficiary, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        if row.anonymised_at is not None:
            raise KnownError("already_anonymised")
        code, last_contact = row.code, row.last_contact
        done = store.anonymise_file(s, row, now)
        store.add_purge_record(
            s, data_class="identified_file", ref=code, reason="erasure",
            rows=1 + done.activity_notes + done.mandates + done.rectifications,
            reference_date=last_contact, actor=vault.worker, at=now,
        )
        audit.append(s, actor=vault.worker, action="rights.erase", entity="beneficiary",
                     ref=code, at=now,
                     details={"fields": done.fields, "activity_notes": done.activity_notes,
                              "mandates": done.mandates,
                              "rectifications": done.rectifications})
    vault_keys.truncate_wal(vault.engine)
    return Erasure(code, done.fields, done.activity_notes, done.mandates, done.rectifications)
