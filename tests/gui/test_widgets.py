"""The shared widget helpers: what the unlock screen relies on is set, whichever way
it is written."""

from __future__ import annotations

from PySide6.QtCore import Qt

from accomp.ui import widgets


def test_a_secret_field_asks_input_methods_not_to_learn_or_predict(qtbot):
    field = widgets.secret_field(64)
    qtbot.addWidget(field)
    hints = field.inputMethodHints()
    for hint in (Qt.InputMethodHint.ImhHiddenText, Qt.InputMethodHint.ImhSensitiveData,
                 Qt.InputMethodHint.ImhNoPredictiveText,
                 Qt.InputMethodHint.ImhNoAutoUppercase):
        assert hints & hint == hint, hint
    assert not hints & Qt.InputMethodHint.ImhPreferNumbers
    assert field.echoMode() == field.EchoMode.Password
    assert not field.dragEnabled()


def test_messages_and_paragraphs_show_text_never_markup(qtbot):
    for label in (widgets.message_label(), widgets.paragraph("<b>x</b>")):
        qtbot.addWidget(label)
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_the_numbers_written_through_properties_are_qts_own():
    assert Qt.TextFormat.PlainText.value == widgets.PLAIN_TEXT
    assert (
        Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoAutoUppercase | Qt.InputMethodHint.ImhNoPredictiveText
    ).value == widgets.SECRET_INPUT_HINTS
