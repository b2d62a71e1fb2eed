"""`accomp transfer …`: pass files on to a colleague's vault from the command line.

    accomp transfer key [--output FILE]          this vault's fingerprint and public key
    accomp transfer contact add NAME KEY          record a colleague (key text or file)
    accomp transfer contact list
    accomp transfer export --to FINGERPRINT (--code CODE… | --caseload)
                           [--parts identity,sessions,consents,notes] [--days N]
                           [--mark] --output FILE
    accomp transfer import FILE [--preview] [--trust-sender] [--skip CODE…]

Registered in accomp.cli (`add_commands`, `COMMANDS`). Prints codes, counts and
fingerprints; names appear only in the preview, on the worker's own terminal.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from accomp.cli.common import EXIT_OK, ParserContext, read_passphrase, vault_paths
from accomp.domain.errors import KnownError
from accomp.domain.transfer_parts import ALL_PARTS, DEFAULT_VALIDITY_DAYS, Part

_H: dict[str, tuple[str, str]] = {
    "transfer": ("transmettre des dossiers à un·e collègue (clé, contacts, envoi, réception)",
                 "pass files on to a colleague (key, contacts, sending, receiving)"),
    "key": ("afficher l'empreinte et la clé publique de ce coffre",
            "show this vault's fingerprint and public key"),
    "key_output": ("écrire aussi la clé publique dans ce fichier",
                   "also write the public key to this file"),
    "contact": ("gérer les collègues", "manage colleagues"),
    "contact_add": ("enregistrer la clé publique d'un·e collègue",
                    "record a colleague's public key"),
    "contact_list": ("lister les collègues", "list colleagues"),
    "export": ("préparer un envoi chiffré pour un·e collègue",
               "prepare an encrypted bundle for a colleague"),
    "to": ("empreinte du ou de la collègue destinataire", "the recipient colleague's fingerprint"),
    "code": ("code d'un dossier à transmettre (répétable)", "code of a file to pass on (repeat)"),
    "caseload": ("transmettre tous les dossiers qui peuvent l'être (départ)",
                 "pass on every file that may be (a worker leaving)"),
    "parts": ("ce qui est transmis, parmi identity,sessions,consents,notes",
              "what goes, among identity,sessions,consents,notes"),
    "days": ("durée de validité de l'envoi en jours", "days the bundle stays valid"),
    "mark": ("marquer les dossiers « transféré »", "mark the files as passed on"),
    "output": ("fichier à écrire", "file to write"),
    "import": ("importer un envoi reçu", "import a received bundle"),
    "preview": ("seulement décrire l'envoi, sans rien importer",
                "only describe the bundle, import nothing"),
    "trust": ("importer même si l'expéditeur n'est pas dans vos contacts (empreinte vérifiée)",
              "import even if the sender is not a contact (fingerprint checked)"),
    "skip": ("code (chez l'expéditeur) d'un dossier à ne pas importer (répétable)",
             "sender's code of a file not to import (repeat)"),
}

_T = {
    "fr": {
        "fingerprint": "Empreinte de ce coffre : {fp}",
        "key": "Clé publique : {key}",
        "key_written": "Clé publique écrite dans {path}.",
        "contact": "Collègue enregistré·e : {name} ({fp}).",
        "contact_line": "{fp}  {name}",
        "sent": "Envoi écrit : {path} (SHA-256 {sha}) ; {n} dossier(s) : {codes}.",
        "no_notes": "Notes non transmises (pas de consentement) : {codes}.",
        "left": "Restent ici (pas de consentement au partage ni de base légale) : {codes}.",
        "from": "Expéditeur : {who} ({fp}){known}, envoyé le {created}, valable jusqu'au "
                "{expires}.",
        "unknown": " — INCONNU·E : vérifiez l'empreinte",
        "replay": "Cet envoi a déjà été importé.",
        "file": "{code}  {name}  séances {s}, consentements {c}, mandats {m}{notes}{matches}",
        "notes": ", avec notes",
        "matches": "  — déjà chez vous ? {codes}",
        "imported": "Importé : {pairs}.",
    },
    "en": {
        "fingerprint": "This vault's fingerprint: {fp}",
        "key": "Public key: {key}",
        "key_written": "Public key written to {path}.",
        "contact": "Colleague recorded: {name} ({fp}).",
        "contact_line": "{fp}  {name}",
        "sent": "Bundle written: {path} (SHA-256 {sha}); {n} file(s): {codes}.",
        "no_notes": "Notes not passed on (no consent): {codes}.",
        "left": "Staying here (no sharing consent nor legal basis): {codes}.",
        "from": "Sender: {who} ({fp}){known}, sent {created}, valid until {expires}.",
        "unknown": " — UNKNOWN: check the fingerprint",
        "replay": "This bundle has already been imported.",
        "file": "{code}  {name}  sessions {s}, consents {c}, mandates {m}{notes}{matches}",
        "notes": ", with notes",
        "matches": "  — already here? {codes}",
        "imported": "Imported: {pairs}.",
    },
}


def add_commands(sub: Any, ctx: ParserContext) -> None:
    """Add `transfer` and its sub-commands to the parser's sub-commands."""
    with_vault, lang = ctx.with_vault, ctx.lang
    i = 0 if lang == "fr" else 1

    def t(key: str) -> str:
        return _H[key][i]

    top = sub.add_parser("transfer", help=t("transfer"), description=t("transfer"))
    cmds = top.add_subparsers(dest="transfer_command", required=True)
    key = cmds.add_parser("key", help=t("key"), description=t("key"))
    with_vault(key)
    key.add_argument("--output", type=Path, help=t("key_output"))
    contact = cmds.add_parser("contact", help=t("contact"), description=t("contact"))
    contacts = contact.add_subparsers(dest="contact_command", required=True)
    add = contacts.add_parser("add", help=t("contact_add"))
    with_vault(add)
    add.add_argument("name")
    add.add_argument("key")
    with_vault(contacts.add_parser("list", help=t("contact_list")))
    export = cmds.add_parser("export", help=t("export"), description=t("export"))
    with_vault(export)
    export.add_argument("--to", required=True, help=t("to"))
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--code", action="append", help=t("code"))
    which.add_argument("--caseload", action="store_true", help=t("caseload"))
    export.add_argument("--parts", default=",".join(sorted(ALL_PARTS)), help=t("parts"))
    export.add_argument("--days", type=int, default=DEFAULT_VALIDITY_DAYS, help=t("days"))
    export.add_argument("--mark", action="store_true", help=t("mark"))
    export.add_argument("--output", "-o", type=Path, required=True, help=t("output"))
    imp = cmds.add_parser("import", help=t("import"), description=t("import"))
    with_vault(imp)
    imp.add_argument("file", type=Path)
    imp.add_argument("--preview", action="store_true", help=t("preview"))
    imp.add_argument("--trust-sender", action="store_true", help=t("trust"))
    imp.add_argument("--skip", action="append", default=[], help=t("skip"))


def _parts(text: str) -> set[Part]:
    try:
        return {Part(p.strip()) for p in text.split(",") if p.strip()}
    except ValueError:
        raise KnownError("not_in_list", "parts") from None


def _transfer(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import transfers, vaults

    t = _T[lang]
    vault = vaults.unlock(vault_paths(args), read_passphrase(args.passphrase_file, lang))
    try:
        command = args.transfer_command
        if command == "key":
            key = transfers.my_public_key(vault)
            print(t["fingerprint"].format(fp=key.fingerprint))
            print(t["key"].format(key=key.text))
            if args.output is not None:
                from accomp.reports import destination

                destination.write_file(args.output, (key.text + "\n").encode("ascii"),
                                       data_dir=vault.paths.data_dir)
                print(t["key_written"].format(path=args.output))
        elif command == "contact":
            if args.contact_command == "add":
                text = args.key
                if not text.strip().startswith("accomp1:") and Path(text).is_file():
                    text = Path(text).read_text("ascii", errors="replace")
                c = transfers.add_contact(vault, args.name, text)
                print(t["contact"].format(name=c.name, fp=c.fingerprint))
            else:
                for c in transfers.list_contacts(vault):
                    print(t["contact_line"].format(fp=c.fingerprint, name=c.name))
        elif command == "export":
            options = {"recipient": args.to.strip().upper(), "parts": _parts(args.parts),
                       "path": args.output, "validity_days": args.days, "mark": args.mark}
            if args.caseload:
                sent = transfers.hand_over_caseload(vault, **options)
            else:
                sent = transfers.export_bundle(vault, transfers.ids_of_codes(vault, args.code),
                                               **options)
            print(t["sent"].format(path=sent.path, sha=sent.digest, n=len(sent.codes),
                                   codes=", ".join(sent.codes)))
            if sent.without_notes:
                print(t["no_notes"].format(codes=", ".join(sent.without_notes)))
            if sent.left:
                print(t["left"].format(codes=", ".join(c.code for c in sent.left)))
        else:
            _import(vault, args, t)
    finally:
        vault.lock()
    return EXIT_OK


def _import(vault: Any, args: argparse.Namespace, t: dict[str, str]) -> None:
    from accomp.services import transfer_import

    data = transfer_import.read_bundle(args.file)
    p = transfer_import.preview_bundle(vault, data)
    print(t["from"].format(who=p.sender_contact or p.sender_name, fp=p.sender_fingerprint,
                           known="" if p.sender_known else t["unknown"],
                           created=p.created_at.date().isoformat(),
                           expires=p.expires_at.date().isoformat()))
    if p.already_imported:
        print(t["replay"])
    for f in p.files:
        print(t["file"].format(
            code=f.code, name=f.name, s=f.sessions, c=f.consent_events, m=f.mandates,
            notes=t["notes"] if f.has_notes else "",
            matches=t["matches"].format(codes=", ".join(f.matches)) if f.matches else ""))
    if args.preview:
        return
    done = transfer_import.import_bundle(vault, data, trust_sender=args.trust_sender,
                                         skip=frozenset(c.upper() for c in args.skip))
    print(t["imported"].format(pairs=", ".join(f"{a} → {b}" for a, b in done.codes.items())))


COMMANDS: dict[str, Callable[[argparse.Namespace, str], int]] = {"transfer": _transfer}
