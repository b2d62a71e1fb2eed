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
