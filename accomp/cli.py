"""Command line: `accomp` (GUI), `accomp --demo`, and headless sub-commands.

No logic of its own: it parses, calls services, prints one line per outcome. A
KnownError becomes a one-line message on stderr and exit status 2 (1 for damage
found by `check`); nothing here prints a traceback for a known error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths

EXIT_OK, EXIT_DAMAGE, EXIT_USAGE = 0, 1, 2

_TEXT = {
    "fr": {
        "created": "Coffre créé dans {path}.",
        "recovery": "Code de secours (à noter et ranger en lieu sûr, il ne sera plus affiché) :",
        "demo_done": "Coffre de démonstration : {b} bénéficiaires, {a} activités.",
        "sound": "Coffre sain : intégrité vérifiée, journal de {n} événements intègre.",
        "damaged": "Coffre endommagé : {n} problème(s) d'intégrité détecté(s).",
        "chain": "Journal d'audit altéré à partir de l'événement n° {id}.",
        "passfile": "Impossible de lire le fichier de phrase de passe.",
        "unexpected": "Erreur inattendue ({kind}) : rien n'a été modifié volontairement.",
    },
    "en": {
        "created": "Vault created in {path}.",
        "recovery": "Recovery code (write it down and keep it safe; it will not be shown again):",
        "demo_done": "Demo vault: {b} beneficiaries, {a} activities.",
        "sound": "Vault sound: integrity verified, journal of {n} events intact.",
        "damaged": "Vault damaged: {n} integrity problem(s) found.",
        "chain": "Audit journal altered from event no. {id} on.",
        "passfile": "Cannot read the passphrase file.",
        "unexpected": "Unexpected error ({kind}).",
    },
}


def _lang(value: str | None) -> str:
    if value in ("fr", "en"):
        return value
    env = os.environ.get("ACCOMP_LANG", "fr")
    return env if env in ("fr", "en") else "fr"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accomp", description="Journal chiffré de l'accompagnement numérique."
    )
    parser.add_argument("--data-dir", type=Path, help="dossier du coffre (par défaut : "
                        "dossier de données de l'utilisateur)")
    parser.add_argument("--demo", action="store_true",
                        help="ouvrir un coffre de démonstration jetable")
    parser.add_argument("--lang", choices=("fr", "en"), help="langue (fr par défaut)")
    sub = parser.add_subparsers(dest="command")

    def with_vault(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, dest="sub_data_dir")
        p.add_argument("--passphrase-file", type=Path, required=True,
                       help="fichier contenant la phrase de passe (- pour l'entrée standard)")

    with_vault(sub.add_parser("init", help="créer un coffre"))
    demo = sub.add_parser("demo", help="créer un coffre de démonstration persistant")
    with_vault(demo)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--activities", type=int, default=3000)
    with_vault(sub.add_parser("check", help="vérifier l'intégrité et le journal"))
    return parser


def _paths(args: argparse.Namespace) -> AppPaths:
    chosen = getattr(args, "sub_data_dir", None) or args.data_dir
    return AppPaths.at(chosen) if chosen else AppPaths.default()


def _passphrase(path: Path, lang: str) -> str:
    try:
        raw = sys.stdin.read() if str(path) == "-" else path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        raise _CliError(_TEXT[lang]["passfile"]) from None
    return raw.rstrip("\r\n")


class _CliError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    lang = _lang(args.lang)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    try:
        if args.command is None:
            from accomp.app import run_gui

            return run_gui(None if args.demo else _paths(args), demo=args.demo, lang=lang)
        return _COMMANDS[args.command](args, lang)
    except KnownError as err:
        print(err.message(lang), file=sys.stderr)  # type: ignore[arg-type]
        return EXIT_USAGE
    except _CliError as err:
        print(err, file=sys.stderr)
        return EXIT_USAGE


def _init(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import vaults

    paths = _paths(args)
    vault, code = vaults.create_vault(paths, _passphrase(args.passphrase_file, lang))
    vault.lock()
    t = _TEXT[lang]
    print(t["created"].format(path=paths.data_dir))
    print(t["recovery"])
    print(code)
    return EXIT_OK


def _demo(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import demo, vaults

    paths = _paths(args)
    passphrase = _passphrase(args.passphrase_file, lang)
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
    try:
        vault = vaults.unlock(_paths(args), _passphrase(args.passphrase_file, lang))
    except KnownError as err:
        if err.code == "vault_unreadable":
            print(err.message(lang), file=sys.stderr)  # type: ignore[arg-type]
            return EXIT_DAMAGE
        raise
    try:
        report = vaults.check(vault)
    except Exception as exc:  # `check` must answer in one line whatever it meets
        print(t["unexpected"].format(kind=type(exc).__name__), file=sys.stderr)
        return EXIT_DAMAGE
    finally:
        vault.lock()
    if report.sound:
        print(t["sound"].format(n=report.audit_events))
        return EXIT_OK
    if report.integrity_problems:
        print(t["damaged"].format(n=len(report.integrity_problems)), file=sys.stderr)
    if report.audit_broken_at:
        print(t["chain"].format(id=report.audit_broken_at[0]), file=sys.stderr)
    return EXIT_DAMAGE


_COMMANDS = {"init": _init, "demo": _demo, "check": _check}
