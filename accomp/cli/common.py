"""What every command of the command line shares: exit codes, the language of its
messages, the help texts, the vault it names and its passphrase."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from accomp.domain.errors import KnownError
from accomp.paths import FIRST_PROFILE, AppPaths

EXIT_OK, EXIT_DAMAGE, EXIT_USAGE = 0, 1, 2

_PASSFILE = {
    "fr": "Impossible de lire le fichier de phrase de passe.",
    "en": "Cannot read the passphrase file.",
}


def lang_of(value: str | None) -> str:
    if value in ("fr", "en"):
        return value
    env = os.environ.get("ACCOMP_LANG", "fr")
    return env if env in ("fr", "en") else "fr"


def lang_in(words: Sequence[str]) -> str | None:
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
HELP: dict[str, tuple[str, str]] = {
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
ARGPARSE_FR = {
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

@contextlib.contextmanager
def argparse_speaks(lang: str) -> Iterator[None]:
    """argparse's own words (usage, errors) in `lang` while parsing."""
    if lang != "fr":
        yield
        return
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: ARGPARSE_FR.get(text, original(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def date_type(lang: str) -> Any:
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


def vault_paths(args: argparse.Namespace, *, create: bool = False) -> AppPaths:
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


def read_passphrase(path: Path, lang: str) -> str:
    try:
        raw = sys.stdin.read() if str(path) == "-" else path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        raise CliError(_PASSFILE[lang]) from None
    return raw.rstrip("\r\n")


class CliError(Exception):
    pass



def literal(lang: str) -> Literal["fr", "en"]:
    return "en" if lang == "en" else "fr"


@dataclass(frozen=True)
class ParserContext:
    """What each command module needs to declare its sub-commands: the language of
    the help, its texts, the placeholders, and the options every vault command takes
    (`with_vault`) or that any sub-command accepts (`with_lang`)."""

    lang: str
    folder: str
    file: str
    name: str

    def h(self, key: str) -> str:
        return HELP[key][0 if self.lang == "fr" else 1]

    def with_lang(self, p: argparse.ArgumentParser) -> None:
        # Accepted after the sub-command too; only when given (SUPPRESS), so that it
        # never hides one given before it.
        p.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS,
                       help=self.h("lang"))

    def with_vault(self, p: argparse.ArgumentParser) -> None:
        where = p.add_mutually_exclusive_group()
        where.add_argument("--data-dir", type=Path, dest="sub_data_dir", metavar=self.folder,
                           help=self.h("data_dir"))
        where.add_argument("--profile", dest="sub_profile", metavar=self.name,
                           help=self.h("profile"))
        p.add_argument("--passphrase-file", type=Path, required=True, metavar=self.file,
                       help=self.h("passphrase_file"))
        self.with_lang(p)
