"""`accomp import`: bring a spreadsheet's sessions or beneficiary files in, from a
script. Registered by accomp.cli (add_commands, COMMANDS).

    accomp import activities|beneficiaries FILE --data-dir D --passphrase-file F
                  [--mapping M.json] [--dry-run] [--legal-basis KEY --informed-on DATE]
                  [--rejected OUT.csv]
    accomp import undo --data-dir D --passphrase-file F

The mapping file is JSON: {"columns": {"header": "field", ...}, "choices": {"field":
{"value": "key" | "NonCommunique" | "__skip__"}}, "legal_basis": "...",
"informed_on": "YYYY-MM-DD"}; every part optional. Messages never repeat a cell's
value (it may be personal): the rejected rows go to the CSV asked for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from accomp.cli.common import EXIT_OK, ParserContext, read_passphrase, vault_paths
from accomp.domain.errors import KnownError
from accomp.domain.text import fold

_HELP: dict[str, tuple[str, str]] = {
    "import": ("importer un tableur (XLSX, ODS, CSV) d'activités ou de bénéficiaires",
               "import a spreadsheet (XLSX, ODS, CSV) of activities or beneficiaries"),
    "kinds": ("ce qui est importé", "what is imported"),
    "activities": ("activités (séances)", "activities (sessions)"),
    "beneficiaries": ("dossiers de bénéficiaires", "beneficiary files"),
    "undo": ("annuler le dernier import", "undo the last import"),
    "file": ("fichier à importer", "file to import"),
    "mapping": ("correspondance des colonnes et des valeurs (JSON)",
                "mapping of columns and values (JSON)"),
    "dry_run": ("vérifier seulement : rien n'est enregistré",
                "check only: nothing is saved"),
    "legal_basis": ("base légale des personnes identifiées (clé, ex. MissionInteretPublic)",
                    "legal basis of identified people (key, e.g. MissionInteretPublic)"),
    "informed_on": ("date d'information des personnes identifiées (JJ/MM/AAAA)",
                    "date identified people were informed (DD/MM/YYYY)"),
    "rejected": ("écrire les lignes refusées dans ce fichier CSV",
                 "write the rejected rows to this CSV file"),
}

_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "summary": "{rows} ligne(s) lues : {ready} prête(s), {rejected} refusée(s), "
                   "{skipped} écartée(s), {existing} déjà enregistrée(s).",
        "people": "Personnes : {matched} reconnue(s) dans des dossiers existants, "
                  "{to_create} dossier(s) à créer, {anonymous} ligne(s) importée(s) sans "
                  "identité (base légale ou date d'information manquante).",
        "uncertain": "Rapprochements incertains (nom proche) : {uncertain} ; un dossier est "
                     "créé pour chacun, à fusionner dans l'application si c'est la même "
                     "personne.",
        "problem": "  ligne {line}, colonne « {column} » : {reason}",
        "more": "  … et {n} autre(s).",
        "unknown": "Valeurs hors des listes : {n} (à associer dans --mapping, rubrique "
                   "choices).",
        "dry": "Vérification seule : rien n'a été enregistré.",
        "written": "Import n° {batch} enregistré : {activities} activité(s), {files} "
                   "dossier(s) créé(s).",
        "rejected": "Lignes refusées écrites dans {path}.",
        "undone": "Import annulé : {activities} activité(s) et {files} dossier(s) retirés.",
        "bad_date": "Date illisible pour --informed-on.",
    },
    "en": {
        "summary": "{rows} row(s) read: {ready} ready, {rejected} rejected, {skipped} left "
                   "out, {existing} already recorded.",
        "people": "People: {matched} recognised in existing files, {to_create} file(s) to "
                  "create, {anonymous} row(s) imported without identity (legal basis or "
                  "information date missing).",
        "uncertain": "Uncertain matches (a close name): {uncertain}; a file is created for "
                     "each, to merge in the application if it is the same person.",
        "problem": "  row {line}, column “{column}”: {reason}",
        "more": "  … and {n} more.",
        "unknown": "Values outside the lists: {n} (to map in --mapping, under choices).",
        "dry": "Check only: nothing was saved.",
        "written": "Import no. {batch} saved: {activities} activity(ies), {files} file(s) "
                   "created.",
        "rejected": "Rejected rows written to {path}.",
        "undone": "Import undone: {activities} activity(ies) and {files} file(s) removed.",
        "bad_date": "Unreadable date for --informed-on.",
    },
}
_SHOWN_PROBLEMS = 20


def add_commands(sub: Any, ctx: ParserContext) -> None:
    """The `import` sub-command and its kinds."""
    with_vault, lang = ctx.with_vault, ctx.lang
    i = 0 if lang == "fr" else 1

    def h(key: str) -> str:
        return _HELP[key][i]

    file = "FICHIER" if lang == "fr" else "FILE"
    parser = sub.add_parser("import", help=h("import"), description=h("import"))
    kinds = parser.add_subparsers(dest="import_command", required=True, title=h("kinds"),
                                  metavar="{activities,beneficiaries,undo}")
    for kind in ("activities", "beneficiaries"):
        p = kinds.add_parser(kind, help=h(kind), description=h(kind))
        with_vault(p)
        p.add_argument("file", type=Path, metavar=file, help=h("file"))
        p.add_argument("--mapping", type=Path, metavar="M.json", help=h("mapping"))
        p.add_argument("--dry-run", action="store_true", help=h("dry_run"))
        p.add_argument("--legal-basis", metavar="KEY", help=h("legal_basis"))
        p.add_argument("--informed-on", metavar="DATE", help=h("informed_on"))
        p.add_argument("--rejected", type=Path, metavar=file, help=h("rejected"))
    with_vault(kinds.add_parser("undo", help=h("undo"), description=h("undo")))


def _options(args: argparse.Namespace, lang: str) -> Any:
    from accomp.domain.import_values import ValueProblem, parse_date
    from accomp.services.imports import ImportOptions

    raw: dict[str, Any] = {}
    if args.mapping is not None:
        try:
            raw = json.loads(args.mapping.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            raise KnownError("import_bad_mapping") from None
        if not isinstance(raw, dict):
            raise KnownError("import_bad_mapping")
    informed = args.informed_on or raw.get("informed_on")
    informed_on: dt.date | None = None
    if informed:
        try:
            informed_on = parse_date(informed)
        except ValueProblem:
            raise KnownError("import_bad_mapping") from None
    columns = raw.get("columns")
    choices = raw.get("choices") or {}
    if (columns is not None and not isinstance(columns, dict)) or not isinstance(choices, dict):
        raise KnownError("import_bad_mapping")
    return ImportOptions(
        columns=columns,
        choices={name: {fold(k): str(v) for k, v in values.items()}
                 for name, values in choices.items() if isinstance(values, dict)},
        legal_basis=args.legal_basis or raw.get("legal_basis"),
        informed_on=informed_on,
    )


def _run(args: argparse.Namespace, lang: str) -> int:
    from accomp.services import import_report, imports, vaults

    t = _TEXT[lang]
    options = None if args.import_command == "undo" else _options(args, lang)
    paths = vault_paths(args)
    vault = vaults.unlock(paths, read_passphrase(args.passphrase_file, lang))
    try:
        if args.import_command == "undo":
            counts = imports.undo_last_import(vault)
            print(t["undone"].format(**counts))
            return EXIT_OK
        plan = imports.precheck(vault, args.file, args.import_command, options)
        _report(plan, lang)
        if args.rejected is not None and plan.problems:
            out = import_report.save_rejected(plan, args.rejected, data_dir=paths.data_dir,
                                        lang=lang)
            print(t["rejected"].format(path=out))
        if args.dry_run:
            print(t["dry"])
            return EXIT_OK
        result = imports.write_import(vault, plan)
        print(t["written"].format(batch=result.batch_id,
                                  activities=result.counts["activities_created"],
                                  files=result.counts["files_created"]))
        return EXIT_OK
    finally:
        vault.lock()


def _report(plan: Any, lang: str) -> None:
    from accomp.services.import_report import reason_text

    t = _TEXT[lang]
    counts = plan.counts()
    print(t["summary"].format(**counts))
    print(t["people"].format(**counts))
    if counts["uncertain"]:
        print(t["uncertain"].format(**counts))
    for p in plan.problems[:_SHOWN_PROBLEMS]:
        print(t["problem"].format(line=p.line, column=p.column,
                                  reason=reason_text(p.code, lang)))
    if len(plan.problems) > _SHOWN_PROBLEMS:
        print(t["more"].format(n=len(plan.problems) - _SHOWN_PROBLEMS))
    if plan.unknown_values:
        print(t["unknown"].format(n=len(plan.unknown_values)))


COMMANDS = {"import": _run}
