"""Command line: `accomp` (GUI), `accomp --demo`, and headless sub-commands.

No logic of its own: it parses, calls services, prints one line per outcome. A
KnownError becomes a one-line message on stderr and exit status 2 (1 for damage
found by `check`); nothing here prints a traceback for a known error.

Each module of this package declares its sub-commands (`add_commands`) and their
handlers (`COMMANDS`); this one puts them together.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from accomp.cli import exports, imports, restore, transfer, vault
from accomp.cli.common import (
    EXIT_DAMAGE,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    ParserContext,
    argparse_speaks,
    lang_in,
    lang_of,
    vault_paths,
)
from accomp.cli.exports import ACTIVITY_FORMATS, SUMMARY_FORMATS
from accomp.domain.errors import KnownError
from accomp.paths import AppPaths

__all__ = ["ACTIVITY_FORMATS", "EXIT_DAMAGE", "EXIT_OK", "EXIT_USAGE", "SUMMARY_FORMATS",
           "build_parser", "main"]

# The command modules, in the order of the help.
_MODULES: tuple[ModuleType, ...] = (vault, exports, restore, imports, transfer)
_COMMANDS: dict[str, Callable[[argparse.Namespace, str], int]] = {
    name: handler for module in _MODULES for name, handler in module.COMMANDS.items()
}


def build_parser(*, commands: bool = True, lang: str = "fr") -> argparse.ArgumentParser:
    """The command line, its help in `lang`; without `commands`, only the options of the
    GUI (what a plain `accomp` start needs: building every sub-command costs the
    window ~5 ms)."""
    folder, file, name = (("DOSSIER", "FICHIER", "NOM") if lang == "fr"
                          else ("FOLDER", "FILE", "NAME"))
    ctx = ParserContext(lang=lang, folder=folder, file=file, name=name)
    h = ctx.h
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
                                metavar="{" + ",".join(_COMMANDS) + "}")
    for module in _MODULES:
        module.add_commands(sub, ctx)
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


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)
    words = list(sys.argv[1:] if argv is None else argv)
    lang = lang_of(lang_in(words))
    with argparse_speaks(lang):
        args = build_parser(commands=not _gui_only(words), lang=lang).parse_args(words)
    lang = lang_of(args.lang)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    try:
        if args.command is None:
            return _gui(args)
        return _COMMANDS[args.command](args, lang)
    except KnownError as err:
        print(err.message(lang), file=sys.stderr)  # type: ignore[arg-type]
        return EXIT_USAGE
    except CliError as err:
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
    paths = vault_paths(args, create=True) if args.profile else None
    return run_gui(paths, demo=False, lang=args.lang, root=root)
