"""The language of the interface.

Source strings in the code are French (`self.tr("Déverrouiller")`); English comes
from resources/i18n/accomp_en.ts, compiled to accomp_en.qm (see scripts/i18n.py).
Qt's own strings (standard buttons, print dialog) come from Qt's translations,
installed before the application's so that ours win where both translate a text.
"""

from __future__ import annotations

import logging
from importlib import resources
from typing import get_args

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from accomp.domain.errors import Lang
from accomp.ui import labels

log = logging.getLogger(__name__)

LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "fr"

_LOCALES = {
    "fr": QLocale("fr_FR"),
    "en": QLocale("en_GB"),
}

# Qt's own French catalogue (qtbase_fr) misses two labels of its file chooser; they
# are given here so that the whole dialog speaks French.
_QT_GAPS: dict[str, dict[tuple[str, str], str]] = {
    "fr": {
        ("QFileDialog", "&Look in:"): "&Regarder dans\u00a0:",
        ("QFileDialog", "Files of &type:"): "&Type de fichiers\u00a0:",
    },
}


class _QtGaps(QTranslator):
    def __init__(self, texts: dict[tuple[str, str], str], parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._texts = texts

    def isEmpty(self) -> bool:
        return not self._texts

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null string) lets the next translator answer; "" would not.
        return self._texts.get((context, source))


# Installed translators, kept here so that they live as long as they are installed;
# the .qm bytes stay referenced too: QTranslator.load(data) does not copy them.
_installed: list[tuple[QTranslator, bytes | None]] = []


def current_lang() -> Lang:
    """The language of the interface: the one last installed ("fr" before that).

    It is kept by accomp.ui.labels, which models and views read without Qt
    translators."""
    return labels.current_lang()


def ui_locale() -> QLocale:
    """The locale of the interface language, for dates and numbers in text we build."""
    return QLocale(_LOCALES[current_lang()])


def as_lang(value: str | None) -> Lang:
    """`value` if it is a supported language, else the default (French)."""
    return value if value in LANGS else DEFAULT_LANG


def use_translated_dialogs() -> None:
    """Qt's own file and colour choosers rather than the desktop's: the desktop's
    speak the system's language, not the one chosen in accomp (a French interface
    on an English system showed an English file chooser)."""
    from PySide6.QtCore import Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def install_translators(app: QCoreApplication, lang: str) -> None:
    """Make `lang` ("fr" or "en") the language of the interface.

    Replaces translators installed by an earlier call, and sets the default QLocale
    (dates and numbers in editors follow the interface language).
    Raises ValueError for an unsupported language: that is a bug of the caller.
    """
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; choose one of {LANGS}")
    for translator, _data in _installed:
        app.removeTranslator(translator)
    _installed.clear()

    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append((qt, None))
    else:
        log.info("no Qt translation for %s", lang)
    if lang in _QT_GAPS:
        gaps = _QtGaps(_QT_GAPS[lang], app)
        app.installTranslator(gaps)
        _installed.append((gaps, None))

    if lang != "fr":  # French is the source language: nothing to load
        data = resources.files("accomp.resources").joinpath("i18n", f"accomp_{lang}.qm")
        payload = data.read_bytes()
        ours = QTranslator(app)
        if not ours.load(payload):
            raise RuntimeError(f"accomp_{lang}.qm is not a valid translation file")
        app.installTranslator(ours)
        _installed.append((ours, payload))

    QLocale.setDefault(_LOCALES[lang])
    labels.set_lang(lang)
