"""Asking where to save a file, and whether an existing one may be replaced.

The services replace an existing file only when told the worker agreed
(`replace=True`); this is where the worker agrees. The system's save dialog asks
about the name it returns; when the extension is added afterwards, that is
another name, and it is asked about here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


@dataclass(frozen=True, slots=True)
class SaveTarget:
    path: Path
    replace: bool  # the worker agreed to replace the existing file


def ask_save_file(
    parent: QWidget | None, title: str, suggested: Path, filters: str, extension: str
) -> SaveTarget | None:
    """The file to write, asked with the system dialog (the extension added if left
    out); None if the worker cancels, or refuses to replace an existing file."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not chosen:
        return None
    path = Path(chosen)
    asked_by_dialog = True
    if path.suffix.lower() != f".{extension}":
        path = path.with_name(path.name + f".{extension}")
        asked_by_dialog = False
    if not path.is_file():
        return SaveTarget(path, replace=False)
    if asked_by_dialog or confirm_replace(parent, title, path):
        return SaveTarget(path, replace=True)
    return None


def confirm_replace(parent: QWidget | None, title: str, path: Path) -> bool:
    answer = QMessageBox.question(
        parent, title,
        QCoreApplication.translate(
            "destinations", "Le fichier « %1 » existe déjà. Voulez-vous le remplacer ?"
        ).replace("%1", path.name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
