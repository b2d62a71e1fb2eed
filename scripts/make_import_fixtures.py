"""Spreadsheets such as workers bring to accomp, for the import's tests and benchmark.

    python scripts/make_import_fixtures.py OUT_FOLDER

writes:
- messy_logbook.xlsx: a worker's own logbook with every trap of real files (a title
  and blank lines above the headers, headers with trailing and no-break spaces,
  dates as date cells, as text in French and ISO forms and as Excel day numbers, a
  merged date cell, durations as "1h30", 45, "1:30", "1 h" and a formula, themes
  as labels, keys and synonyms ("CAF"), a hidden column, a totals row at the
  bottom, a hidden second sheet, a bad date, a missing duration, an unknown theme);
- coop_export.xlsx: the activity export of La Coop de la médiation numérique (its
  metadata block above the table, its column names and labels);
- logbook_cp1252.csv: an Excel-for-Windows CSV: Windows-1252, `;`, CRLF;
- logbook.ods: a LibreOffice sheet (the same rows as the CSV).
The expected counts are in EXPECTED; the tests check them. Nothing here is a real
person: the names are invented.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

EXPECTED: dict[str, dict[str, Any]] = {
    # rows read, ready, rejected lines (file line numbers), totals lines skipped
    "messy_logbook.xlsx": {"rows": 12, "ready": 9, "rejected": [12, 14, 15],
                           "totals": [17], "unknown": [("themes", "Zorglub")]},
    "coop_export.xlsx": {"rows": 6, "ready": 5, "rejected": [14], "totals": []},
    "logbook_cp1252.csv": {"rows": 5, "ready": 4, "rejected": [6], "totals": [8]},
    "logbook.ods": {"rows": 5, "ready": 4, "rejected": [6], "totals": [8]},
}

NBSP = "\u00a0"


def messy_logbook(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Suivi 2024"
    ws["A1"] = "Mon suivi des accompagnements — Médiathèque"
    ws["A2"] = "Mis à jour par moi"
    # line 3 blank
    headers = ["Date" + NBSP, "Nom ", "Prénom", "Tél.", " Durée ", "calcul", "Thème(s)",
               "Lieu", "Autonomie", "Commentaires"]
    ws.append([])
    ws.append(headers)  # line 4
    rows: list[list[Any]] = [
        # line 5: a date cell, a hidden helper column
        [dt.datetime(2024, 3, 12), "DUPONT ", "Marie", "06 12 34 56 78", "1h30", 1,
         "CAF", "Lieu d'activité", "Autonome", "a besoin d'aide"],
        # line 6: French text date, NBSP in the name
        ["13/03/2024", "Martin" + NBSP, "Paul", None, 45, 2, "Email, Santé",
         "sur place", "avec guidage", None],
        # line 7: words, a key, "1:30"
        ["14 mars 2024", None, None, None, "1:30", 3, "BanqueEtAchatsEnLigne", None, None, None],
        # line 8: an Excel day number (2024-03-15) as a number cell
        [45366, None, None, None, "1 h", 4, "impots", "Lieu d'activité", None, None],
        # line 9..11: a merged date cell (2024-03-18) over three rows
        ["2024-03-18", "Dupont", "Marie", None, 30, 5, "Réseaux sociaux", "Lieu d'activité",
         None, None],
        [None, None, None, None, "=15+15", 6, "Bureautique", "Lieu d'activité", None, None],
        [None, None, None, None, "20 min", 7, "mail", "Lieu d'activité", None, None],
        # line 12: impossible date -> rejected
        ["31/02/2024", None, None, None, 30, 8, "Email", None, None, None],
        # line 13: ISO date with time, English place
        ["2024-03-19T10:00:00", None, None, None, "2 heures", 9, "Santé", "remote", None, None],
        # line 14: unknown theme -> rejected, listed among unknown values
        ["20/03/2024", None, None, None, 30, 10, "Zorglub", None, None, None],
        # line 15: no duration -> rejected
        ["21/03/2024", None, None, None, None, 11, "Email", None, None, None],
        # line 16: a domicile visit needs a commune... given in Lieu? no: keep at the premises
        ["22/03/2024", "Bernard", "Lucie", None, "0:45", 12, "Prise en main", "bureau",
         None, None],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A9:A11")
    ws.append(["Total", None, None, None, "=SUM(E5:E16)", None, None, None, None, None])  # 17
    ws.column_dimensions["F"].hidden = True
    hidden = wb.create_sheet("brouillon")
    hidden.append(["Date", "Durée", "Thème"])
    hidden.append(["01/01/2024", 30, "Email"])
    hidden.sheet_state = "hidden"
    wb.save(path)
    _cache_formula_values(path, {"E10": "30", "E17": "0"})


def _cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the value a spreadsheet program would have saved with them
    (openpyxl writes the formula only)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode("utf-8")
    for ref, value in values.items():
        xml = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?',
                     rf"\1\2<v>{value}</v>", xml)
    parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)


COOP_HEADERS = [
    "Date", "Type", "Nombre de participants", "Bénéficiaire", "Canaux d’accompagnement",
    "Lieu", "Durée", "Nom de l’atelier", "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement", "Nom de la démarche administrative",
    "Niveau d’autonomie du bénéficiaire", "Niveau de l’atelier",
    "Le bénéficiaire est-il orienté vers une autre structure ?",
    "La démarche est-elle finalisée ?", "Structure de redirection",
    "Le bénéficiaire va-t-il poursuivre son parcours d’accompagnement ?",
    "Commune de résidence du bénéficiaire", "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire", "Statut du bénéficiaire", "Notes supplémentaires",
]


def coop_export(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Activités"
    ws.append(["Informations export", ""])
    ws.append(["Date", "01/04/2024"])
    ws.append(["Total activités", 6])
    ws.append([""])
    ws.append(["Filtres"])
    ws.append(["Période", "01/01/2024 - 31/03/2024"])
    ws.append([""])
    ws.append(COOP_HEADERS)  # line 8
    d = dt.date
    ws.append([d(2024, 2, 1), "Accompagnement individuel", 1, "Jeanne Leroy",
               "Lieu d’activité", "Médiathèque Lyon 1er", 90, None, "Ordinateur, Téléphone",
               "Aide aux démarches administratives, Papiers - Élections - Citoyenneté",
               "carte grise", "Avec guidage", None, "Non", "Finalisée", None, "Non",
               "Lyon", "Féminin", "60 - 69 ans", "Retraité", None])
    ws.append([d(2024, 2, 2), "Atelier collectif", 6, "6 participants", "Lieu d’activité",
               "Médiathèque Lyon 1er", 120, "Découvrir sa messagerie", "Tablette",
               "E-mail, Sécurité numérique", None, None, "Débutant", None, None, None, None,
               None, None, None, None, None])
    ws.append([d(2024, 2, 5), "Accompagnement individuel", 1, "Anonyme", "À distance",
               None, 30, None, "Téléphone", "Santé", None, "Autonome", None, "Oui", None,
               "Administration (mairie, préfecture…)", None, None, "Masculin",
               "25 - 39 ans", "En emploi", None])
    ws.append([d(2024, 2, 6), "Accompagnement individuel", 1, "Jeanne Leroy",
               "Lieu d’activité", None, 45, None, "Ordinateur",
               "Banque et achats en ligne", None, "Autonome avec guidage en cas de besoin",
               None, "Non", None, None, None, None, "Féminin", "60 - 69 ans", "Retraité",
               None])
    ws.append([d(2024, 2, 7), "Accompagnement individuel", 1, "Anonyme", "À domicile",
               "Villeurbanne", 60, None, None, "Prendre en main du matériel", None,
               "Autonome", None, "Non", None, None, None, None, None, None, None, None])
    # line 14: a session at home without a commune: the app needs one -> rejected
    ws.append([d(2024, 2, 8), "Accompagnement individuel", 1, "Anonyme", "À domicile",
               None, 60, None, None, "E-mail", None, None, None, None, None, None, None,
               None, None, None, None, None])
    wb.save(path)


CSV_ROWS = [
    "Suivi des permanences - Maison France Services",
    "Date;Durée;Thème;Lieu;Genre;Remarques",
    "04/03/2024;1h30;Démarches CAF;Lieu d'activité;Femme;première visite",
    "05/03/2024;45;Sécurité numérique;À distance;Homme;",
    "06/03/2024;1:00;Santé, E-mail;Lieu d'activité;F;",
    "07/03/2024;abc;Santé;Lieu d'activité;H;",
    "08/03/2024;30;Bureautique;Lieu d'activité;;",
    "TOTAL;;;;;",
]


def cp1252_csv(path: Path) -> None:
    path.write_bytes(("\r\n".join(CSV_ROWS) + "\r\n").encode("cp1252"))


def ods(path: Path) -> None:
    """A minimal OpenDocument spreadsheet holding the CSV's rows."""
    def cell(text: str) -> str:
        esc = text.replace("&", "&amp;").replace("<", "&lt;")
        return (f'<table:table-cell office:value-type="string"><text:p>{esc}</text:p>'
                "</table:table-cell>") if text else "<table:table-cell/>"

    rows = "".join("<table:table-row>" + "".join(cell(c) for c in line.split(";"))
                   + "</table:table-row>" for line in CSV_ROWS)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Feuille1">{rows}'
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


LAST_NAMES = ("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand",
              "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux",
              "Fournier", "Girard", "Bonnet", "Mercier", "Blanc", "Guerin", "Boyer", "Garnier",
              "Chevalier", "Francois")
FIRST_NAMES = ("Marie", "Jean", "Nathalie", "Pierre", "Isabelle", "Michel", "Sylvie",
               "Philippe", "Catherine", "Alain", "Francoise", "Patrick", "Monique", "Nicolas",
               "Christine", "Daniel", "Valerie", "Bernard", "Sandrine", "Eric")


def person_name(i: int) -> tuple[str, str]:
    """The i-th invented person (up to 500 different ones): first name, last name."""
    return FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[(i // len(FIRST_NAMES))
                                                         % len(LAST_NAMES)]


def big_logbook(path: Path, rows: int, *, people: int = 500) -> None:
    """A large CSV logbook (UTF-8, `;`): `rows` sessions of 2023, one in four naming
    one of `people` invented people."""
    themes = ["Email", "Santé", "CAF", "Bureautique", "Sécurité numérique", "impots",
              "Navigation sur internet", "Banque et achats en ligne"]
    lines = ["Date;Nom;Prénom;Durée;Thème(s);Lieu;Autonomie"]
    start = dt.date(2023, 1, 2)
    for i in range(rows):
        day = start + dt.timedelta(days=i % 360)
        named = i % 4 == 0
        first, last = person_name((i // 4) % people) if named else ("", "")
        lines.append(f"{day:%d/%m/%Y};{last};{first};{15 + (i % 8) * 15};"
                     f"{themes[i % len(themes)]};Lieu d'activité;Autonome")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def make_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "messy_logbook.xlsx": folder / "messy_logbook.xlsx",
        "coop_export.xlsx": folder / "coop_export.xlsx",
        "logbook_cp1252.csv": folder / "logbook_cp1252.csv",
        "logbook.ods": folder / "logbook.ods",
    }
    messy_logbook(made["messy_logbook.xlsx"])
    coop_export(made["coop_export.xlsx"])
    cp1252_csv(made["logbook_cp1252.csv"])
    ods(made["logbook.ods"])
    return made


if __name__ == "__main__":
    for name, path in make_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).items():
        print(name, path)
