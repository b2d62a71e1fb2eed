"""`accomp restore`: put back a verified backup, after a confirmation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from accomp.cli.common import EXIT_OK, EXIT_USAGE, ParserContext, read_passphrase, vault_paths

_RESTORE_TEXT = {
    "fr": {
        "confirm": "Restaurer la sauvegarde {name} ? Le coffre actuel sera remplacé (il est "
                   "conservé sous {before}) et tout ce qui a été saisi depuis cette "
                   "sauvegarde sera perdu. Tapez « oui » pour confirmer : ",
        "cancelled": "Restauration annulée : rien n'a été modifié.",
        "restored": "Coffre restauré depuis {name} : {tables} tables et {rows} lignes "
                    "vérifiées.",
        "kept": "L'ancien coffre est conservé dans {path}.",
    },
    "en": {
        "confirm": "Restore backup {name}? The current vault will be replaced (it is kept as "
                   "{before}) and everything entered since that backup will be lost. Type "
                   "\"yes\" to confirm: ",
        "cancelled": "Restore cancelled: nothing was changed.",
        "restored": "Vault restored from {name}: {tables} tables and {rows} rows verified.",
        "kept": "The previous vault is kept in {path}.",
    },
}


def add_commands(sub: Any, ctx: ParserContext) -> None:
    h = ctx.h
    restore = sub.add_parser("restore", help=h("restore"), description=h("restore"))
    ctx.with_vault(restore)
    restore.add_argument("backup", type=Path, help=h("backup"))
    restore.add_argument("--yes", action="store_true", help=h("yes"))


def _restore(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import backups, vaults

    t = _RESTORE_TEXT[lang]
    paths = vault_paths(args)
    passphrase = read_passphrase(args.passphrase_file, lang)
    if not args.yes:
        try:
            answer = input(t["confirm"].format(name=args.backup.name,
                                               before=backups.BEFORE_RESTORE))
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("oui", "o", "yes", "y"):
            print(t["cancelled"], file=sys.stderr)
            return EXIT_USAGE
    restored = backups.restore(paths, passphrase, args.backup)
    vault = vaults.unlock(paths, passphrase)
    try:
        backups.record_restore(vault, restored)
    finally:
        vault.lock()
    print(t["restored"].format(name=args.backup.name, tables=restored.tables,
                               rows=restored.rows))
    if restored.before_restore is not None:
        print(t["kept"].format(path=restored.before_restore))
    return EXIT_OK


COMMANDS = {"restore": _restore}
