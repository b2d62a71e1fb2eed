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
from typing import Any, Literal

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths

EXIT_OK, EXIT_DAMAGE, EXIT_USAGE = 0, 1, 2

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
        "passfile": "Impossible de lire le fichier de phrase de passe.",
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
        "passfile": "Cannot read the passphrase file.",
        "unexpected": "Unexpected error ({kind}).",
    },
}


def _lang(value: str | None) -> str:
    if value in ("fr", "en"):
        return value
    env = os.environ.get("ACCOMP_LANG", "fr")
    return env if env in ("fr", "en") else "fr"


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line; without `commands`, only the options of the GUI (what a plain
    `accomp` start needs: building every sub-command costs the window ~5 ms)."""
    parser = argparse.ArgumentParser(
        prog="accomp", description="Journal chiffré de l'accompagnement numérique."
    )
    parser.add_argument("--data-dir", type=Path, help="dossier du coffre (par défaut : "
                        "dossier de données de l'utilisateur)")
    parser.add_argument("--demo", action="store_true",
                        help="ouvrir un coffre de démonstration jetable")
    parser.add_argument("--lang", choices=("fr", "en"), help="langue (fr par défaut)")
    if not commands:
        parser.set_defaults(command=None)
        return parser
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
    _add_export_commands(sub, with_vault)
    _add_restore_command(sub, with_vault)
    return parser


def _gui_only(words: list[str]) -> bool:
    """True when `words` hold only the GUI's own options (then no sub-command is
    built); anything else, help included, goes to the full parser and its messages."""
    value_next = False
    for word in words:
        if value_next:
            value_next = False
        elif word in ("--data-dir", "--lang"):
            value_next = True
        elif not (word == "--demo" or word.startswith(("--data-dir=", "--lang="))):
            return False
    return not value_next


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
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(commands=not _gui_only(words)).parse_args(words)
    lang = _lang(args.lang)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    try:
        if args.command is None:
            from accomp.app import run_gui

            return run_gui(None if args.demo else _paths(args), demo=args.demo, lang=args.lang)
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
    paths, passphrase = _paths(args), _passphrase(args.passphrase_file, lang)
    # Opened for the check only: nothing is written to the vault (no upgrade, no backup).
    try:
        with vaults.open_for_check(paths, passphrase) as vault:
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
    if report.audit_broken_at:
        print(t["chain"].format(id=report.audit_broken_at[0]), file=sys.stderr)
    return EXIT_DAMAGE


_COMMANDS = {"init": _init, "demo": _demo, "check": _check}


# --- export, consolidate ---------------------------------------------------------

_EXPORT_TEXT = {
    "fr": {
        "written": "Export écrit : {path} (SHA-256 {sha}).",
        "rows": "{rows} activité(s) exportée(s), {dropped} retirée(s) par le secret statistique.",
        "secret_saved": "Secret de structure enregistré dans {path} (structure {sid}). "
                        "Transmettez-le comme une clé.",
        "secret_imported": "Secret de structure importé (structure {sid}).",
    },
    "en": {
        "written": "Export written: {path} (SHA-256 {sha}).",
        "rows": "{rows} activity row(s) exported, {dropped} removed by disclosure control.",
        "secret_saved": "Structure secret saved to {path} (structure {sid}). "
                        "Hand it over like a key.",
        "secret_imported": "Structure secret imported (structure {sid}).",
    },
}


def _add_export_commands(sub: Any, with_vault: Any) -> None:
    export = sub.add_parser("export", help="exporter des données anonymisées")
    kinds = export.add_subparsers(dest="export_command", required=True)

    def common(p: argparse.ArgumentParser, formats: str) -> None:
        with_vault(p)
        p.add_argument("--from", dest="date_from", required=True, help="AAAA-MM-JJ")
        p.add_argument("--to", dest="date_to", required=True, help="AAAA-MM-JJ")
        p.add_argument("--format", required=True, help=formats)
        p.add_argument("-o", "--output", type=Path, required=True)
        p.add_argument("--k", type=int, default=5, help="seuil de secret statistique (>= 3)")
        p.add_argument("--kind", type=str.capitalize, help="Individuel | Collectif")
        p.add_argument("--theme")
        p.add_argument("--place-type")
        p.add_argument("--autonomy")
        csv_options(p)

    def csv_options(p: argparse.ArgumentParser) -> None:
        # A French spreadsheet opens ';' + BOM cleanly; ',' without BOM stays for tools.
        p.add_argument("--separator", default=";", choices=(";", ","),
                       help="séparateur CSV : ; (tableur, défaut) ou , (outils)")
        p.add_argument("--bom", action=argparse.BooleanOptionalAction, default=None,
                       help="CSV UTF-8 avec BOM (défaut : oui avec ';', non avec ',')")

    common(kinds.add_parser("summary", help="résumé anonymisé"), "xlsx | csv | pdf | json")
    common(kinds.add_parser("activities", help="activités anonymisées"), "csv | parquet")
    secret = kinds.add_parser("secret", help="secret de structure (clés pseudonymes)")
    with_vault(secret)
    action = secret.add_mutually_exclusive_group(required=True)
    action.add_argument("-o", "--output", type=Path, help="enregistrer le secret")
    action.add_argument("--import", dest="import_from", type=Path, help="importer un secret")

    consolidate = sub.add_parser("consolidate", help="résumé d'équipe")
    consolidate.add_argument("inputs", nargs="+", type=Path)
    consolidate.add_argument("--format", required=True, help="xlsx | csv | pdf | json")
    consolidate.add_argument("-o", "--output", type=Path, required=True)
    consolidate.add_argument("--k", type=int, default=5)
    consolidate.add_argument("--secret", type=Path, dest="secret_file",
                             help="fichier du secret de structure (vérifie les signatures)")
    consolidate.add_argument("--allow-untagged", action="store_true",
                             help="accepter les fichiers non signés (exports antérieurs)")
    consolidate.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    consolidate.add_argument("--passphrase-file", type=Path,
                             help="coffre du superviseur, pour tracer l'export au journal")
    csv_options(consolidate)


def _literal(lang: str) -> Literal["fr", "en"]:
    return "en" if lang == "en" else "fr"


def _filters(args: argparse.Namespace) -> dict[str, str]:
    names = ("kind", "theme", "place_type", "autonomy")
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def _export(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import exports, reports, vaults

    t = _EXPORT_TEXT[lang]
    vault = vaults.unlock(_paths(args), _passphrase(args.passphrase_file, lang))
    try:
        if args.export_command == "secret":
            if args.import_from is not None:
                sid = exports.import_structure_secret(vault, args.import_from)
                print(t["secret_imported"].format(sid=sid))
            else:
                sid = exports.save_structure_secret(vault, args.output)
                print(t["secret_saved"].format(path=args.output, sid=sid))
            return EXIT_OK
        options = {"filters": _filters(args), "k": args.k, "separator": args.separator,
                   "bom": args.bom}
        if args.export_command == "summary":
            result = reports.export_summary(vault, args.date_from, args.date_to, args.format,
                                            args.output, lang=_literal(lang), **options)
        else:
            result = exports.export_activities(vault, args.date_from, args.date_to,
                                               args.format, args.output, **options)
            print(t["rows"].format(rows=result.details["rows"],
                                   dropped=result.details["rows_dropped"]))
    finally:
        vault.lock()
    print(t["written"].format(path=result.path, sha=result.sha256))
    return EXIT_OK


def _consolidate(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import consolidation, vaults

    vault = None
    if args.passphrase_file is not None:
        vault = vaults.unlock(_paths(args), _passphrase(args.passphrase_file, lang))
    try:
        result = consolidation.export_consolidation(
            args.inputs, args.format, args.output, k=args.k, vault=vault, lang=_literal(lang),
            separator=args.separator, bom=args.bom, secret_file=args.secret_file,
            allow_untagged=args.allow_untagged,
        )
    finally:
        if vault is not None:
            vault.lock()
    print(_EXPORT_TEXT[lang]["written"].format(path=result.path, sha=result.sha256))
    return EXIT_OK


_COMMANDS["export"] = _export
_COMMANDS["consolidate"] = _consolidate


# --- restore ---------------------------------------------------------------------

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


def _add_restore_command(sub: Any, with_vault: Any) -> None:
    restore = sub.add_parser("restore", help="restaurer une sauvegarde vérifiée")
    with_vault(restore)
    restore.add_argument("backup", type=Path, help="fichier de sauvegarde (accomp-….db)")
    restore.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")


def _restore(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import backups, vaults

    t = _RESTORE_TEXT[lang]
    paths = _paths(args)
    passphrase = _passphrase(args.passphrase_file, lang)
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


_COMMANDS["restore"] = _restore
