"""`accomp init`, `accomp demo` and `accomp check`: make a vault, fill one with demo
data, check one without writing to it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from accomp.cli.common import (
    EXIT_DAMAGE,
    EXIT_OK,
    ParserContext,
    read_passphrase,
    vault_paths,
)
from accomp.domain.errors import KnownError

_TEXT = {
    "fr": {
        "created": "Coffre créé dans {path}.",
        "recovery": "Code de secours (à noter et ranger en lieu sûr, il ne sera plus affiché) :",
        "demo_done": "Coffre de démonstration : {b} bénéficiaires, {a} activités.",
        "sound": "Coffre sain : intégrité vérifiée, journal de {n} événements intègre.",
        "outdated": ("Ce coffre vient d'une version précédente d'accomp : il a été vérifié "
                     "sur une copie mise à jour, et sera mis à jour à sa prochaine ouverture "
                     "(après une sauvegarde chiffrée)."),
        "damaged": "Coffre endommagé : {n} problème(s) d'intégrité détecté(s).",
        "chain": "Journal d'audit altéré à partir de l'événement n° {id}.",
        "journal": ("Journal d'audit altéré : sa fin ou ses protections ne correspondent plus "
                    "à ce qu'accomp a enregistré (événements supprimés, réécrits ou ajoutés "
                    "hors d'accomp)."),
        "log": ("Journal d'écriture (vault.db-wal) endommagé : des enregistrements seraient "
                "perdus. Le coffre n'a pas été modifié ; une copie est gardée dans "
                "recovery/. Restaurez la dernière sauvegarde vérifiée."),
        "key_file": ("Fichier de clé (vault.key) endommagé : remettez en place le fichier "
                     ".key d'une sauvegarde sous le nom vault.key."),
        "unexpected": "Erreur inattendue ({kind}) : rien n'a été modifié volontairement.",
    },
    "en": {
        "created": "Vault created in {path}.",
        "recovery": "Recovery code (write it down and keep it safe; it will not be shown again):",
        "demo_done": "Demo vault: {b} beneficiaries, {a} activities.",
        "sound": "Vault sound: integrity verified, journal of {n} events intact.",
        "outdated": ("This vault comes from an earlier version of accomp: it was checked on "
                     "an upgraded copy, and will be upgraded when it is next opened (after "
                     "an encrypted backup)."),
        "damaged": "Vault damaged: {n} integrity problem(s) found.",
        "chain": "Audit journal altered from event no. {id} on.",
        "journal": ("Audit journal altered: its end or its protections no longer match what "
                    "accomp recorded (events deleted, rewritten or added outside accomp)."),
        "log": ("Write-ahead log (vault.db-wal) damaged: saves would be lost. The vault was "
                "not modified; a copy is kept in recovery/. Restore the latest verified "
                "backup."),
        "key_file": ("Key file (vault.key) damaged: put back the .key file of a backup as "
                     "vault.key."),
        "unexpected": "Unexpected error ({kind}).",
    },
}



def add_commands(sub: Any, ctx: ParserContext) -> None:
    h, file = ctx.h, ctx.file
    ctx.with_vault(sub.add_parser("init", help=h("init"), description=h("init")))
    demo = sub.add_parser("demo", help=h("demo_cmd"), description=h("demo_cmd"))
    ctx.with_vault(demo)
    demo.add_argument("--seed", type=int, default=1, help=h("seed"))
    demo.add_argument("--activities", type=int, default=3000, help=h("activities"))
    check = sub.add_parser("check", help=h("check"), description=h("check"))
    ctx.with_vault(check)
    check.add_argument("--anchor", type=Path, action="append", default=[], metavar=file,
                       help=h("anchor"))


def _init(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import vaults

    paths = vault_paths(args, create=True)
    vault, code = vaults.create_vault(paths, read_passphrase(args.passphrase_file, lang))
    vault.lock()
    t = _TEXT[lang]
    print(t["created"].format(path=paths.data_dir))
    print(t["recovery"])
    print(code)
    return EXIT_OK


def _demo(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import vaults
    from accomp.services.generators import demo

    paths = vault_paths(args, create=True)
    passphrase = read_passphrase(args.passphrase_file, lang)
    vault = (vaults.unlock(paths, passphrase) if vaults.exists(paths)
             else vaults.create_vault(paths, passphrase)[0])
    try:
        summary = demo.generate_demo(vault, seed=args.seed, activities=args.activities)
    finally:
        vault.lock()
    print(_TEXT[lang]["demo_done"].format(b=summary.beneficiaries, a=summary.activities))
    return EXIT_OK


def _check(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import vaults

    t = _TEXT[lang]
    paths, passphrase = vault_paths(args), read_passphrase(args.passphrase_file, lang)
    # Opened for the check only: nothing is written to the vault (no upgrade, no backup).
    try:
        with vaults.open_for_check(paths, passphrase, args.anchor) as vault:
            outdated = vault.outdated_from is not None
            try:
                report = vaults.check(vault)
            except Exception as exc:  # `check` must answer in one line whatever it meets
                print(t["unexpected"].format(kind=type(exc).__name__), file=sys.stderr)
                return EXIT_DAMAGE
    except KnownError as err:
        if err.code == "vault_unreadable":
            print(err.message(lang), file=sys.stderr)  # type: ignore[arg-type]
            return EXIT_DAMAGE
        raise
    if outdated:
        print(t["outdated"])
    if report.sound:
        print(t["sound"].format(n=report.audit_events))
        return EXIT_OK
    if report.integrity_problems:
        print(t["damaged"].format(n=len(report.integrity_problems)), file=sys.stderr)
        for kind in ("log", "journal", "key_file"):
            if kind in report.kinds:
                print(t[kind], file=sys.stderr)
    if report.audit_broken_at:
        print(t["chain"].format(id=report.audit_broken_at[0]), file=sys.stderr)
    return EXIT_DAMAGE


COMMANDS = {"init": _init, "demo": _demo, "check": _check}
