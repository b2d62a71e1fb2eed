"""Every text the interface shows goes through Qt's translation in a way that
pyside6-lupdate collects, so that the English interface is English everywhere.

lupdate reads the source, not a running program: it collects `self.tr("…")`,
`QCoreApplication.translate("Context", "…")` and `QT_TRANSLATE_NOOP("Context", "…")`
when their arguments are string literals, and nothing else. A label passed through
a helper (`_tr(text)` calling `translate(context, text)`) never reaches the .ts file
and stays French in English; so does a literal handed straight to a widget. Both are
read from the source here, the way lupdate reads it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from source_scan import called_name, is_literal, parse

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "accomp" / "ui").rglob("*.py")), ROOT / "accomp" / "app.py"]

TRANSLATE_CALLS = {"tr", "translate"}
MARKERS = {"QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3", "QT_TR_NOOP"}

# Where a widget shows a text: method name -> positions of the shown arguments
# (None: every positional argument). Constructors take their text first.
SINKS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setStatusTip": (0,),
    "setWhatsThis": (0,), "setPlaceholderText": (0,), "setAccessibleName": (0,),
    "setAccessibleDescription": (0,), "setTitle": (0,), "setSuffix": (0,),
    "setPrefix": (0,), "setSpecialValueText": (0,), "setLabelText": (0,),
    "setInformativeText": (0,), "setDetailedText": (0,), "setTabText": (1,),
    "setTabToolTip": (1,), "setItemText": (1,), "addItem": (0,), "insertItem": (1,),
    "addTab": (1,), "insertTab": (2,), "addAction": (0,), "showMessage": (0,),
    "setHorizontalHeaderLabels": (0,), "setVerticalHeaderLabels": (0,),
    "setHeaderLabels": (0,), "addItems": (0,),
    "QLabel": (0,), "QPushButton": (0,), "QCheckBox": (0,), "QRadioButton": (0,),
    "QGroupBox": (0,), "QAction": (0,), "QListWidgetItem": (0,), "QTableWidgetItem": (0,),
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2),
    "getSaveFileName": (1,), "getOpenFileName": (1,), "getOpenFileNames": (1,),
    "getExistingDirectory": (1,),
    # accomp.ui.widgets
    "buddy_label": (0,), "heading": (0,), "paragraph": (0,), "show_message": (1,),
    "named": (1,),
}
# Words shown as they are in every language: the program's name, file formats, the
# shape of a pseudonymous code (B-XXXX).
NEUTRAL = {"accomp", "JSON", "Parquet", "CSV", "XLSX", "PDF", "XXXX"}
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Found:
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


def marked_contexts(tree: ast.Module) -> set[str]:
    """The contexts in which a module marks strings with QT_TRANSLATE_NOOP."""
    return {n.args[0].value for n in ast.walk(tree)
            if isinstance(n, ast.Call) and called_name(n) in MARKERS and n.args
            and is_literal(n.args[0])}


def unseen_translations(path: Path) -> list[Found]:
    """tr()/translate() calls whose text lupdate cannot read.

    A translate() of a variable is allowed only in the context in which the module
    marks its strings with QT_TRANSLATE_NOOP: the marked strings are then in the
    .ts, and the variable holds one of them (ACTION_LABELS in audit_labels.py)."""
    tree = parse(path)
    marked = marked_contexts(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or called_name(node) not in TRANSLATE_CALLS:
            continue
        if called_name(node) == "translate":
            if not (isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("QCoreApplication", "QApplication")):
                continue  # QPainter.translate and the like
            context, text = [*node.args, None, None][:2]
            if context is None or not is_literal(context):
                found.append(Found(f"{path.name}:{node.lineno}", ast.unparse(node)))
                continue
            assert isinstance(context, ast.Constant)
            if text is not None and not is_literal(text) and context.value not in marked:
                found.append(Found(f"{path.name}:{node.lineno}", ast.unparse(node)))
        elif node.args and not is_literal(node.args[0]):
            found.append(Found(f"{path.name}:{node.lineno}", ast.unparse(node)))
    return found


def words_in(node: ast.expr) -> list[str]:
    """The literal text of a shown argument that is neither translated nor neutral:
    a literal, the literal parts of an f-string or of a concatenation, the items of
    a list literal."""
    if is_literal(node):
        text = str(node.value)
        if all(word in NEUTRAL for word in WORD.findall(text)):
            return []
        return [text]
    if isinstance(node, ast.JoinedStr):
        return [t for v in node.values for t in words_in(v)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return words_in(node.left) + words_in(node.right)
    if isinstance(node, ast.List | ast.Tuple):
        return [t for e in node.elts for t in words_in(e)]
    if isinstance(node, ast.IfExp):
        return words_in(node.body) + words_in(node.orelse)
    return []  # a call (tr() among others) or a variable: not a literal shown as is


def untranslated_texts(path: Path) -> list[Found]:
    tree = parse(path)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = called_name(node)
        if name not in SINKS:
            continue
        positions = SINKS[name]
        args = [a for i, a in enumerate(node.args) if positions is None or i in positions]
        args += [k.value for k in node.keywords
                 if k.arg in ("text", "title", "name", "accessible_name")]
        for arg in args:
            found += [Found(f"{path.name}:{node.lineno}", t) for t in words_in(arg)]
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT / "accomp")))
def test_lupdate_can_read_every_translated_text(path: Path) -> None:
    assert [str(f) for f in unseen_translations(path)] == [], (
        "pass string literals to tr()/translate(), or mark the strings with "
        "QT_TRANSLATE_NOOP in the same context")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT / "accomp")))
def test_no_widget_is_given_an_untranslated_text(path: Path) -> None:
    assert [str(f) for f in untranslated_texts(path)] == [], "wrap these texts in self.tr()"


def test_the_scan_sees_the_ways_a_text_escapes_translation(tmp_path: Path) -> None:
    source = tmp_path / "page.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP\n"
        "def _tr(text):\n"
        "    return QCoreApplication.translate('Page', text)\n"
        "LABELS = {'a': QT_TRANSLATE_NOOP('Marked', 'Séance')}\n"
        "def marked(key):\n"
        "    return QCoreApplication.translate('Marked', LABELS[key])\n"
        "class Page:\n"
        "    def build(self, n, painter):\n"
        "        painter.translate(0, -n)\n"
        "        self.tr(f'{n} séances')\n"
        "        self.label.setText('Rapport PDF')\n"
        "        self.label.setText(f'{n} séance(s)')\n"
        "        self.label.setText(self.tr('Rapport PDF'))\n"
        "        self.label.setText('JSON')\n"
        "        self.setWindowTitle(f'accomp — {n}')\n"
        "        self.code.setPlaceholderText('B-XXXX')\n"
        "        self.label.setText('')\n"
        "        self.button = QPushButton('Exporter', self)\n"
        "        self.combo.addItem(_tr('Classeur Excel'))\n"
        "        named(self.button, 'Exporter la synthèse')\n"
        "        self.table.setHorizontalHeaderLabels([self.tr('Date'), 'Contenu'])\n"
        "        self.label.setText(n.name + ' :')\n",
        encoding="utf-8")
    unseen = [f.where for f in unseen_translations(source)]
    assert unseen == ["page.py:3", "page.py:10"]
    shown = {f.text for f in untranslated_texts(source)}
    assert shown == {"Rapport PDF", " séance(s)", "Exporter", "Exporter la synthèse",
                     "Contenu"}
