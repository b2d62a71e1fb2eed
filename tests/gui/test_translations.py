"""The interface speaks French by default and English completely: every string of the
code is in resources/i18n/accomp_en.ts, translated, and the shipped .qm says the same
as the .ts. A new string without its translation fails here."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
from conftest import interface_in
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from accomp.domain.errors import KnownError
from accomp.ui import i18n
from accomp.ui.dialogs.create_vault import CreateVaultDialog
from accomp.ui.dialogs.unlock import UnlockDialog

ROOT = Path(__file__).resolve().parents[2]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


script = load_script()


def shipped(name: str) -> bytes:
    return resources.files("accomp.resources").joinpath("i18n", name).read_bytes()


@pytest.fixture
def ts_file(tmp_path: Path) -> Path:
    # Read through importlib.resources, as the installed program would.
    path = tmp_path / "accomp_en.ts"
    path.write_bytes(shipped("accomp_en.ts"))
    return path


def test_every_message_is_translated(ts_file: Path) -> None:
    root = ET.parse(ts_file).getroot()
    assert root.get("sourcelanguage") == "fr_FR"
    assert root.get("language") == "en"
    messages = list(root.iter("message"))
    assert len(messages) > 50
    for message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation is not None, source
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if forms else [translation.text]
        assert all(t and t.strip() for t in texts), source
        if message.get("numerus") == "yes":
            assert len(forms) == 2, source  # English: singular, plural


def test_every_string_of_the_code_is_in_the_shipped_translation(ts_file: Path) -> None:
    assert script.problems(ts_file) == [], "run: python scripts/i18n.py, then translate"


def test_the_shipped_qm_matches_the_ts(ts_file: Path) -> None:
    translator = QTranslator()
    data = shipped("accomp_en.qm")
    assert translator.load(data)
    for (context, source, comment), translation in script.messages(ts_file).items():
        forms = [f.text for f in translation.findall("numerusform")]
        if forms:
            for n, form in ((1, forms[0]), (2, forms[1])):
                got = translator.translate(context, source, comment or None, n)
                assert got == form, (context, source)
        else:
            got = translator.translate(context, source, comment or None)
            assert got == translation.text, (context, source)


def test_french_is_the_default() -> None:
    assert i18n.current_lang() == "fr"
    assert i18n.DEFAULT_LANG == "fr"
    assert i18n.LANGS == ("fr", "en")
    assert QCoreApplication.translate("UnlockDialog", "&Déverrouiller") == "&Déverrouiller"


def test_unknown_language_is_refused(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.install_translators(qapp, "de")
    assert i18n.as_lang("de") == "fr"
    assert i18n.as_lang("en") == "en"
    assert i18n.as_lang(None) == "fr"


def test_qt_own_strings_are_french(qapp: QApplication) -> None:
    with interface_in(qapp, "fr"):
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        assert QLocale().language() == QLocale.Language.French


@pytest.mark.usefixtures("english")
def test_english_unlock_dialog(qtbot: QtBot) -> None:
    assert i18n.current_lang() == "en"

    def wrong(passphrase: str) -> None:
        raise KnownError("wrong_passphrase")

    d = UnlockDialog(wrong, clock=lambda: 0.0)
    qtbot.addWidget(d)
    d.show()
    assert d.windowTitle() == "accomp — Open the vault"
    assert d.unlock_button.text() == "&Unlock"
    assert d.secret.accessibleName() == "Passphrase"
    for n in range(3):
        qtbot.keyClicks(d.secret, f"wrong {n}")
        qtbot.keyClick(d.secret, "\r")
    assert d.message.text() == "Wrong passphrase."
    assert d.countdown.text() == "Too many tries: wait 1 second before trying again."


@pytest.mark.usefixtures("english")
def test_english_create_dialog(qtbot: QtBot) -> None:
    d = CreateVaultDialog(lambda passphrase: "CODE")
    qtbot.addWidget(d)
    d.show()
    assert d.title.text() == "Create the vault"
    qtbot.keyClicks(d.passphrase, "Kq7!mZp2#Lw")
    assert (
        d.hint.text() == "Too short: at least 12 characters of 4 kinds, 14 of 3 kinds, or 7 words."
    )
    assert d.meter_level.text() == "Almost strong enough"
    assert QCoreApplication.translate("widgets", "DÉMO") == "DEMO"
