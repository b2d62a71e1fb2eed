"""Command line: `accomp` (GUI), `accomp --demo`, and headless sub-commands.

No logic of its own: it parses, calls services, prints one line per outcome. A
KnownError becomes a one-line message on stderr and exit status 2 (1 for damage
found by `check`); nothing here prints a traceback for a known error.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from accomp import cli_transfer
from accomp.domain.errors import KnownError
from accomp.paths import FIRST_PROFILE, AppPaths

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
        "journal": ("Journal d'audit altéré : sa fin ou ses protections ne correspondent plus "
                    "à ce qu'accomp a enregistré (événements supprimés, réécrits ou ajoutés "
                    "hors d'accomp)."),
        "log": ("Journal d'écriture (vault.db-wal) endommagé : des enregistrements seraient "
                "perdus. Le coffre n'a pas été modifié ; une copie est gardée dans "
                "recovery/. Restaurez la dernière sauvegarde vérifiée."),
        "key_file": ("Fichier de clé (vault.key) endommagé : remettez en place le fichier "
                     ".key d'une sauvegarde sous le nom vault.key."),
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
        "journal": ("Audit journal altered: its end or its protections no longer match what "
                    "accomp recorded (events deleted, rewritten or added outside accomp)."),
        "log": ("Write-ahead log (vault.db-wal) damaged: saves would be lost. The vault was "
                "not modified; a copy is kept in recovery/. Restore the latest verified "
                "backup."),
        "key_file": ("Key file (vault.key) damaged: put back the .key file of a backup as "
                     "vault.key."),
        "passfile": "Cannot read the passphrase file.",
        "unexpected": "Unexpected error ({kind}).",
    },
}


def _lang(value: str | None) -> str:
    if value in ("fr", "en"):
        return value
    env = os.environ.get("ACCOMP_LANG", "fr")
    return env if env in ("fr", "en") else "fr"


def _lang_in(words: Sequence[str]) -> str | None:
    """The last `--lang X` (or `--lang=X`) anywhere in the words, before or after the
    sub-command: the parser's own messages must already speak it."""
    found = None
    for i, word in enumerate(words):
        if word == "--lang" and i + 1 < len(words):
            found = words[i + 1]
        elif word.startswith("--lang="):
            found = word.split("=", 1)[1]
    return found if found in ("fr", "en") else None


# The help of the command line, (French, English).
_HELP: dict[str, tuple[str, str]] = {
    "description": ("Journal chiffré de l'accompagnement numérique.",
                    "Encrypted logbook of digital-inclusion support."),
    "data_dir": ("dossier du coffre (par défaut : dossier de données de l'utilisateur)",
                 "vault folder (default: the user's data folder)"),
    "profile": ("profil à ouvrir (plusieurs personnes sur un même ordinateur ; créé par "
                "init s'il n'existe pas)",
                "profile to open (several people on one computer; created by init if it "
                "does not exist)"),
    "demo": ("ouvrir un coffre de démonstration jetable", "open a throwaway demo vault"),
    "lang": ("langue des messages : fr (par défaut) ou en, avant ou après la sous-commande",
             "language of messages: fr (default) or en, before or after the sub-command"),
    "commands": ("commandes", "commands"),
    "passphrase_file": ("fichier contenant la phrase de passe (- pour l'entrée standard)",
                        "file holding the passphrase (- for standard input)"),
    "init": ("créer un coffre", "create a vault"),
    "demo_cmd": ("créer un coffre de démonstration persistant",
                 "create a persistent demo vault"),
    "seed": ("graine du générateur (même graine, mêmes données)",
             "generator seed (same seed, same data)"),
    "activities": ("nombre d'activités à générer", "number of activities to generate"),
    "check": ("vérifier l'intégrité et le journal", "check integrity and the journal"),
    "export": ("exporter des données anonymisées", "export anonymised data"),
    "kinds": ("ce qui est exporté", "what is exported"),
    "summary": ("résumé anonymisé", "anonymised summary"),
    "activity_rows": ("activités anonymisées", "anonymised activities"),
    "secret": ("secret de structure (clés pseudonymes), à partager entre les postes "
               "d'une même structure avant de consolider",
               "structure secret (pseudonym keys), shared by a structure's computers "
               "before consolidating"),
    "from": ("premier jour : JJ/MM/AAAA ou AAAA-MM-JJ", "first day: DD/MM/YYYY or YYYY-MM-DD"),
    "to": ("dernier jour : JJ/MM/AAAA ou AAAA-MM-JJ", "last day: DD/MM/YYYY or YYYY-MM-DD"),
    "format": ("format du fichier : %s", "file format: %s"),
    "output": ("fichier à écrire", "file to write"),
    "k": ("seuil de secret statistique (>= 3)", "disclosure-control threshold (>= 3)"),
    "kind": ("filtre : Individuel ou Collectif", "filter: Individuel or Collectif"),
    "theme": ("filtre : clé d'un thème", "filter: a theme's key"),
    "place_type": ("filtre : clé d'un type de lieu", "filter: a place type's key"),
    "autonomy": ("filtre : clé d'un niveau d'autonomie", "filter: an autonomy level's key"),
    "separator": ("séparateur CSV : ; (tableur, défaut) ou , (outils)",
                  "CSV separator: ; (spreadsheets, default) or , (tools)"),
    "bom": ("CSV UTF-8 avec BOM (défaut : oui avec ;, non avec ,)",
            "UTF-8 CSV with a BOM (default: yes with ;, no with ,)"),
    "secret_file": ("fichier du secret de structure (vérifie les signatures)",
                    "the structure secret's file (verifies the signatures)"),
    "allow_untagged": ("accepter les fichiers non signés (exports antérieurs)",
                       "accept unsigned files (earlier exports)"),
    "force": ("remplacer le fichier de sortie s'il existe déjà",
              "replace the output file if it already exists"),
    "anchor": ("fichier .key d'une sauvegarde gardée à l'écart : le journal doit encore "
               "contenir la fin qu'il a enregistrée (répétable)",
               "the .key file of a backup kept out of reach: the journal must still hold "
               "the end it recorded (repeatable)"),
    "secret_output": ("enregistrer le secret dans ce fichier", "save the secret to this file"),
    "secret_import": ("importer le secret de ce fichier", "import the secret from this file"),
    "consolidate": ("résumé d'équipe", "team summary"),
    "inputs": ("fichiers d'activités des postes", "the workers' activity files"),
    "consolidate_passfile": ("coffre du superviseur, pour tracer l'export au journal",
                             "the supervisor's vault, to record the export in its journal"),
    "restore": ("restaurer une sauvegarde vérifiée", "restore a verified backup"),
    "backup": ("fichier de sauvegarde (accomp-….db)", "backup file (accomp-….db)"),
    "yes": ("ne pas demander de confirmation", "do not ask for confirmation"),
}

# argparse's own messages, in French (English is argparse's own).
_ARGPARSE_FR = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments positionnels",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : %(value)r (choisissez parmi %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "expected one argument": "une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "expected at most one argument": "au plus une valeur attendue",
    "invalid %(type)s value: %(value)r": "valeur %(type)s invalide : %(value)r",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "argument explicite ignoré : %r",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
}

# Formats of each export (as accomp.reports.output; tests/unit/test_cli_messages.py).
SUMMARY_FORMATS = ("xlsx", "csv", "pdf", "json")
ACTIVITY_FORMATS = ("csv", "parquet")


@contextlib.contextmanager
def _argparse_speaks(lang: str) -> Iterator[None]:
    """argparse's own words (usage, errors) in `lang` while parsing."""
    if lang != "fr":
        yield
        return
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: _ARGPARSE_FR.get(text, original(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def _date_type(lang: str) -> Any:
    """A day given as JJ/MM/AAAA or AAAA-MM-JJ, kept as AAAA-MM-JJ; an error that says
    both forms."""

    def date(text: str) -> str:
        value = text.strip()
        try:
            if "/" in value:
                day, month, year = value.split("/")
                if len(year) != 4:
                    raise ValueError(value)
                return dt.date(int(year), int(month), int(day)).isoformat()
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            message = (
                "« {v} » n'est pas une date : écrivez JJ/MM/AAAA (31/12/2026) ou "
                "AAAA-MM-JJ (2026-12-31)" if lang == "fr" else
                "“{v}” is not a date: write DD/MM/YYYY (31/12/2026) or YYYY-MM-DD "
                "(2026-12-31)")
            raise argparse.ArgumentTypeError(message.format(v=value)) from None

    return date


def build_parser(*, commands: bool = True, lang: str = "fr") -> argparse.ArgumentParser:
    """The command line, its help in `lang`; without `commands`, only the options of the
    GUI (what a plain `accomp` start needs: building every sub-command costs the
    window ~5 ms)."""
    i = 0 if lang == "fr" else 1

    def h(key: str) -> str:
        return _HELP[key][i]

    folder, file = ("DOSSIER", "FICHIER") if lang == "fr" else ("FOLDER", "FILE")

    name = "NOM" if lang == "fr" else "NAME"
    parser = argparse.ArgumentParser(prog="accomp", description=h("description"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data-dir", type=Path, metavar=folder, help=h("data_dir"))
    where.add_argument("--profile", metavar=name, help=h("profile"))
    parser.add_argument("--demo", action="store_true", help=h("demo"))
    parser.add_argument("--lang", choices=("fr", "en"), help=h("lang"))
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", title=h("commands"),
                                metavar="{init,demo,check,export,consolidate,restore,transfer}")

    def with_lang(p: argparse.ArgumentParser) -> None:
        # Accepted after the sub-command too; only when given (SUPPRESS), so that it
        # never hides one given before it.
        p.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS,
                       help=h("lang"))

    def with_vault(p: argparse.ArgumentParser) -> None:
        where = p.add_mutually_exclusive_group()
        where.add_argument("--data-dir", type=Path, dest="sub_data_dir", metavar=folder,
                           help=h("data_dir"))
        where.add_argument("--profile", dest="sub_profile", metavar=name, help=h("profile"))
        p.add_argument("--passphrase-file", type=Path, required=True, metavar=file,
                       help=h("passphrase_file"))
        with_lang(p)

    with_vault(sub.add_parser("init", help=h("init"), description=h("init")))
    demo = sub.add_parser("demo", help=h("demo_cmd"), description=h("demo_cmd"))
    with_vault(demo)
    demo.add_argument("--seed", type=int, default=1, help=h("seed"))
    demo.add_argument("--activities", type=int, default=3000, help=h("activities"))
    check = sub.add_parser("check", help=h("check"), description=h("check"))
    with_vault(check)
    check.add_argument("--anchor", type=Path, action="append", default=[], metavar=file,
                       help=h("anchor"))
    _add_export_commands(sub, with_vault, with_lang, h, lang, (folder, file, name))
    _add_restore_command(sub, with_vault, h)
    cli_transfer.add_commands(sub, with_vault, h, lang)
    return parser


def _gui_only(words: list[str]) -> bool:
    """True when `words` hold only the GUI's own options (then no sub-command is
    built); anything else, help included, goes to the full parser and its messages."""
    value_next = False
    for word in words:
        if value_next:
            value_next = False
        elif word in ("--data-dir", "--profile", "--lang"):
            value_next = True
        elif not (word == "--demo"
                  or word.startswith(("--data-dir=", "--profile=", "--lang="))):
            return False
    return not value_next


def _paths(args: argparse.Namespace, *, create: bool = False) -> AppPaths:
    """The vault named on the command line: a folder (--data-dir), or a profile of the
    user's data folder (--profile NAME; without it, the only profile there is). A
    vault from before profiles is first moved into its profile. With `create` (init,
    demo), a profile that does not exist yet is made; so is "Profil 1" when there is
    none at all. Refuses --profile with --data-dir (profile_and_folder), several
    profiles and no --profile (profile_required), and what AppPaths.profile refuses."""
    chosen = getattr(args, "sub_data_dir", None) or args.data_dir
    name = getattr(args, "sub_profile", None) or args.profile
    if chosen and name:
        raise KnownError("profile_and_folder")
    if chosen:
        return AppPaths.at(chosen)
    root = AppPaths.default()
    root.migrate_single_vault()
    if name is None:
        names = root.profile_names()
        if len(names) == 1:
            return root.profile(names[0])
        if names or not create:
            raise KnownError("profile_required")
        name = FIRST_PROFILE
    if create and not any(n.casefold() == name.casefold() for n in root.profile_names()):
        return root.new_profile(name)
    return root.profile(name)


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
    lang = _lang(_lang_in(words))
    with _argparse_speaks(lang):
        args = build_parser(commands=not _gui_only(words), lang=lang).parse_args(words)
    lang = _lang(args.lang)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    try:
        if args.command is None:
            return _gui(args)
        return _COMMANDS[args.command](args, lang)
    except KnownError as err:
        print(err.message(lang), file=sys.stderr)  # type: ignore[arg-type]
        return EXIT_USAGE
    except _CliError as err:
        print(err, file=sys.stderr)
        return EXIT_USAGE


def _gui(args: argparse.Namespace) -> int:
    from accomp.app import run_gui

    if args.demo:
        return run_gui(None, demo=True, lang=args.lang)
    if args.data_dir:
        return run_gui(AppPaths.at(args.data_dir), demo=False, lang=args.lang)
    # The profiles of the user's data folder: the one named, or the start screen.
    root = AppPaths.default()
    paths = _paths(args, create=True) if args.profile else None
    return run_gui(paths, demo=False, lang=args.lang, root=root)


def _init(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import vaults

    paths = _paths(args, create=True)
    vault, code = vaults.create_vault(paths, _passphrase(args.passphrase_file, lang))
    vault.lock()
    t = _TEXT[lang]
    print(t["created"].format(path=paths.data_dir))
    print(t["recovery"])
    print(code)
    return EXIT_OK


def _demo(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import vaults
    from accomp.services.generators import demo

    paths = _paths(args, create=True)
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


_COMMANDS = {"init": _init, "demo": _demo, "check": _check}


# --- export, consolidate ---------------------------------------------------------

_EXPORT_TEXT = {
    "fr": {
        "written": "Export écrit : {path} (SHA-256 {sha}).",
        "rows": "{rows} activité(s) exportée(s), {dropped} retirée(s) par le secret statistique.",
        "secret_saved": "Secret de structure enregistré dans {path} (structure {sid}). "
                        "Transmettez-le comme une clé.",
        "secret_imported": "Secret de structure importé (structure {sid}).",
        "blanked": "Valeurs masquées (part des lignes) : {shares}.",
    },
    "en": {
        "written": "Export written: {path} (SHA-256 {sha}).",
        "rows": "{rows} activity row(s) exported, {dropped} removed by disclosure control.",
        "secret_saved": "Structure secret saved to {path} (structure {sid}). "
                        "Hand it over like a key.",
        "secret_imported": "Structure secret imported (structure {sid}).",
        "blanked": "Values blanked (share of rows): {shares}.",
    },
}


def _add_export_commands(
    sub: Any, with_vault: Any, with_lang: Any, h: Callable[[str], str], lang: str,
    metavars: tuple[str, str, str],
) -> None:
    folder, file, name = metavars
    export = sub.add_parser("export", help=h("export"), description=h("export"))
    with_lang(export)
    # Named in errors and usage by what can be typed, never by an internal name.
    kinds = export.add_subparsers(dest="export_command", required=True, title=h("kinds"),
                                  metavar="{summary,activities,secret}")
    date = _date_type(lang)

    def common(p: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
        with_vault(p)
        p.add_argument("--from", dest="date_from", required=True, type=date, metavar="DATE",
                       help=h("from"))
        p.add_argument("--to", dest="date_to", required=True, type=date, metavar="DATE",
                       help=h("to"))
        p.add_argument("--format", required=True, choices=formats,
                       help=h("format") % ", ".join(formats))
        p.add_argument("-o", "--output", type=Path, required=True, metavar=file,
                       help=h("output"))
        force(p)
        p.add_argument("--k", type=int, default=5, help=h("k"))
        p.add_argument("--kind", type=str.capitalize, choices=("Individuel", "Collectif"),
                       help=h("kind"))
        p.add_argument("--theme", help=h("theme"))
        p.add_argument("--place-type", help=h("place_type"))
        p.add_argument("--autonomy", help=h("autonomy"))
        csv_options(p)

    def force(p: argparse.ArgumentParser) -> None:
        p.add_argument("--force", action="store_true", help=h("force"))

    def csv_options(p: argparse.ArgumentParser) -> None:
        # A French spreadsheet opens ';' + BOM cleanly; ',' without BOM stays for tools.
        p.add_argument("--separator", default=";", choices=(";", ","), metavar="{; ,}",
                       help=h("separator"))
        p.add_argument("--bom", action=argparse.BooleanOptionalAction, default=None,
                       help=h("bom"))

    common(kinds.add_parser("summary", help=h("summary"), description=h("summary")),
           SUMMARY_FORMATS)
    common(kinds.add_parser("activities", help=h("activity_rows"),
                            description=h("activity_rows")), ACTIVITY_FORMATS)
    secret = kinds.add_parser("secret", help=h("secret"), description=h("secret"))
    with_vault(secret)
    action = secret.add_mutually_exclusive_group(required=True)
    action.add_argument("-o", "--output", type=Path, metavar=file, help=h("secret_output"))
    action.add_argument("--import", dest="import_from", type=Path, metavar=file,
                        help=h("secret_import"))
    force(secret)

    consolidate = sub.add_parser("consolidate", help=h("consolidate"),
                                 description=h("consolidate"))
    consolidate.add_argument("inputs", nargs="+", type=Path, metavar=file, help=h("inputs"))
    consolidate.add_argument("--format", required=True, choices=SUMMARY_FORMATS,
                             help=h("format") % ", ".join(SUMMARY_FORMATS))
    consolidate.add_argument("-o", "--output", type=Path, required=True, metavar=file,
                             help=h("output"))
    force(consolidate)
    consolidate.add_argument("--k", type=int, default=5, help=h("k"))
    consolidate.add_argument("--secret", type=Path, dest="secret_file", metavar=file,
                             help=h("secret_file"))
    consolidate.add_argument("--allow-untagged", action="store_true",
                             help=h("allow_untagged"))
    where = consolidate.add_mutually_exclusive_group()
    where.add_argument("--data-dir", type=Path, dest="sub_data_dir", metavar=folder,
                       help=h("data_dir"))
    where.add_argument("--profile", dest="sub_profile", metavar=name, help=h("profile"))
    consolidate.add_argument("--passphrase-file", type=Path, metavar=file,
                             help=h("consolidate_passfile"))
    with_lang(consolidate)
    csv_options(consolidate)


def _literal(lang: str) -> Literal["fr", "en"]:
    return "en" if lang == "en" else "fr"


def _filters(args: argparse.Namespace) -> dict[str, str]:
    names = ("kind", "theme", "place_type", "autonomy")
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def _check_export_args(args: argparse.Namespace) -> None:
    """Everything the arguments alone can refuse, before the passphrase is read and
    its key derived (a second or two): the period, the filters, k, the separator."""
    from accomp.services import reports

    if args.export_command == "secret":
        return
    reports.check_period(args.date_from, args.date_to)
    reports.check_filters(_filters(args))
    reports.check_k(args.k)
    reports.check_separator(args.separator)


def _export(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import exports, reports, vaults

    t = _EXPORT_TEXT[lang]
    _check_export_args(args)
    vault = vaults.unlock(_paths(args), _passphrase(args.passphrase_file, lang))
    try:
        if args.export_command == "secret":
            if args.import_from is not None:
                sid = exports.import_structure_secret(vault, args.import_from)
                print(t["secret_imported"].format(sid=sid))
            else:
                sid = exports.save_structure_secret(vault, args.output, replace=args.force)
                print(t["secret_saved"].format(path=args.output, sid=sid))
            return EXIT_OK
        options = {"filters": _filters(args), "k": args.k, "separator": args.separator,
                   "bom": args.bom, "replace": args.force}
        if args.export_command == "summary":
            result = reports.export_summary(vault, args.date_from, args.date_to, args.format,
                                            args.output, lang=_literal(lang), **options)
        else:
            result = exports.export_activities(vault, args.date_from, args.date_to,
                                               args.format, args.output, **options)
            print(t["rows"].format(rows=result.details["rows"],
                                   dropped=result.details["rows_dropped"]))
            shares = ", ".join(f"{name} {share:.1%}"
                               for name, share in result.details["blanked_share"].items())
            print(t["blanked"].format(shares=shares))
    finally:
        vault.lock()
    print(t["written"].format(path=result.path, sha=result.sha256))
    return EXIT_OK


def _consolidate(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import consolidation, reports, vaults

    reports.check_k(args.k)  # before the key derivation, like every argument
    vault = None
    if args.passphrase_file is not None:
        vault = vaults.unlock(_paths(args), _passphrase(args.passphrase_file, lang))
    try:
        result = consolidation.export_consolidation(
            args.inputs, args.format, args.output, k=args.k, vault=vault, lang=_literal(lang),
            separator=args.separator, bom=args.bom, replace=args.force,
            secret_file=args.secret_file, allow_untagged=args.allow_untagged,
        )
    finally:
        if vault is not None:
            vault.lock()
    print(_EXPORT_TEXT[lang]["written"].format(path=result.path, sha=result.sha256))
    return EXIT_OK


_COMMANDS["export"] = _export
_COMMANDS["consolidate"] = _consolidate
_COMMANDS.update(cli_transfer.HANDLERS)


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


def _add_restore_command(sub: Any, with_vault: Any, h: Callable[[str], str]) -> None:
    restore = sub.add_parser("restore", help=h("restore"), description=h("restore"))
    with_vault(restore)
    restore.add_argument("backup", type=Path, help=h("backup"))
    restore.add_argument("--yes", action="store_true", help=h("yes"))


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
