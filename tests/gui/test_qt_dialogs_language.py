"""Qt's own dialogs speak the interface's language: the file chooser of a French
interface is French (Qt's catalogue, with the two labels it lacks), an English
one English; the desktop's chooser, which follows the system's language, is not
used."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from accomp.ui.i18n import use_translated_dialogs


@pytest.mark.parametrize(("lang", "labels", "buttons"), [
    ("fr", ["&Regarder dans\u00a0:", "&Nom de fichier\u00a0:", "&Type de fichiers\u00a0:"],
     ["&Ouvrir", "Annuler"]),
    ("en", ["&Look in:", "File &name:", "Files of &type:"], ["&Open", "Cancel"]),
])
def test_the_file_chooser_speaks_the_interface_language(
    qtbot: Any, qapp: Any, lang: str, labels: list[str], buttons: list[str]
) -> None:
    with interface_in(qapp, lang):
        dialog = QFileDialog(None, "accomp")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        assert [w.text() for w in dialog.findChildren(QLabel) if w.text()] == labels
        assert [b.text() for b in dialog.findChildren(QPushButton)][:2] == buttons


def test_the_desktops_own_chooser_is_not_used() -> None:
    attribute = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    before = QCoreApplication.testAttribute(attribute)
    try:
        use_translated_dialogs()
        assert QCoreApplication.testAttribute(attribute)
    finally:
        QCoreApplication.setAttribute(attribute, before)
