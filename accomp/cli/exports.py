"""`accomp export` (summary, anonymised activities, structure secret) and
`accomp consolidate` (a team summary from the workers' activity files)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from accomp.cli.common import (
    EXIT_OK,
    ParserContext,
    date_type,
    literal,
    read_passphrase,
    vault_paths,
)

# Formats of each export (as accomp.reports.output; tests/unit/test_cli_messages.py).
SUMMARY_FORMATS = ("xlsx", "csv", "pdf", "json")
ACTIVITY_FORMATS = ("csv", "parquet", "xlsx")

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


def add_commands(sub: Any, ctx: ParserContext) -> None:
    h, with_vault, with_lang = ctx.h, ctx.with_vault, ctx.with_lang
    folder, file, name = ctx.folder, ctx.file, ctx.name
    export = sub.add_parser("export", help=h("export"), description=h("export"))
    with_lang(export)
    # Named in errors and usage by what can be typed, never by an internal name.
    kinds = export.add_subparsers(dest="export_command", required=True, title=h("kinds"),
                                  metavar="{summary,activities,secret}")
    date = date_type(ctx.lang)

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


def _arrow_uses_the_system_allocator() -> None:
    """Arrow's own allocator (mimalloc) keeps what it freed for itself; the system's
    lets Python reuse it: 100,000 sessions exported peak at ~265 MB instead of ~305
    (docs/benchmarks.md), no slower. Decided before pyarrow is first imported (it
    reads the variable then), and never over the user's own choice."""
    if "pyarrow" not in sys.modules:
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def _export(args: argparse.Namespace, lang: str) -> int:
    _arrow_uses_the_system_allocator()
    from accomp.services import vaults

    _check_export_args(args)
    # The integrity check (every page read and authenticated, the journal's end)
    # runs in the background while the export imports its libraries and reads;
    # nothing leaves the vault before it has passed: the file is written in the
    # export's journal transaction, which waits for the check and is refused
    # (vault_read_only) if it found damage. See docs/benchmarks.md.
    vault = vaults.unlock(vault_paths(args), read_passphrase(args.passphrase_file, lang),
                          check_later=True)
    try:
        from accomp.services import exports, reports

        with vaults.damage_refused(vault):
            return _export_unlocked(args, lang, vault, exports, reports)
    finally:
        vault.lock()


def _export_unlocked(args: argparse.Namespace, lang: str, vault: Any, exports: Any,
                     reports: Any) -> int:
    t = _EXPORT_TEXT[lang]
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
                                        args.output, lang=literal(lang), **options)
    else:
        result = exports.export_activities(vault, args.date_from, args.date_to,
                                           args.format, args.output, **options)
        print(t["rows"].format(rows=result.details["rows"],
                               dropped=result.details["rows_dropped"]))
        shares = ", ".join(f"{name} {share:.1%}"
                           for name, share in result.details["blanked_share"].items())
        print(t["blanked"].format(shares=shares))
    print(t["written"].format(path=result.path, sha=result.sha256))
    return EXIT_OK


def _consolidate(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import consolidation, reports, vaults

    reports.check_k(args.k)  # before the key derivation, like every argument
    vault = None
    if args.passphrase_file is not None:
        vault = vaults.unlock(vault_paths(args), read_passphrase(args.passphrase_file, lang))
    try:
        result = consolidation.export_consolidation(
            args.inputs, args.format, args.output, k=args.k, vault=vault, lang=literal(lang),
            separator=args.separator, bom=args.bom, replace=args.force,
            secret_file=args.secret_file, allow_untagged=args.allow_untagged,
        )
    finally:
        if vault is not None:
            vault.lock()
    print(_EXPORT_TEXT[lang]["written"].format(path=result.path, sha=result.sha256))
    return EXIT_OK


COMMANDS = {"export": _export, "consolidate": _consolidate}
