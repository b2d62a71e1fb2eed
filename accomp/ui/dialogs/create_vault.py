"""First start: choose the vault's passphrase, then note the recovery code.

Page 1 asks for the passphrase twice, with a strength meter and the policy's first
complaint in plain language; "Créer le coffre" stays disabled until the policy
accepts the passphrase and both entries match. Page 2 shows the recovery code, once,
and only lets the person finish after confirming it is noted.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import passphrase as policy
from accomp.domain.errors import KnownError
from accomp.ui.i18n import ui_locale
from accomp.ui.passphrase_form import add_new_passphrase_rows, call_waiting
from accomp.ui.widgets import (
    buddy_label,
    check_new_passphrase,
    demo_marker,
    heading,
    message_label,
    named,
    paragraph,
    secret_field,
    set_secret_visible,
    show_message,
)

# Meter colours by score, red to green.


def recovery_sheet_html(code: str, created_on: date) -> str:
    """The printed page: the code, the date, and what to do with it."""
    return (
        "<h1>{title}</h1>"
        "<p>{created}</p>"
        '<p style="font-family: monospace; font-size: 20pt; font-weight: bold;">{code}</p>'
        "<p>{use}</p><p>{keep}</p>"
    ).format(
        title=html.escape(
            QCoreApplication.translate("CreateVaultDialog", "accomp — code de secours du coffre")
        ),
        created=html.escape(
            QCoreApplication.translate("CreateVaultDialog", "Coffre créé le {date}.").format(
                date=ui_locale().toString(
                    QDate(created_on.year, created_on.month, created_on.day),
                    QLocale.FormatType.LongFormat,
                )
            )
        ),
        code=html.escape(code),
        use=html.escape(
            QCoreApplication.translate(
                "CreateVaultDialog",
                "Ce code ouvre le coffre si la phrase de passe est oubliée. Après "
                "l'ouverture, choisissez une nouvelle phrase de passe.",
            )
        ),
        keep=html.escape(
            QCoreApplication.translate(
                "CreateVaultDialog",
                "Rangez cette feuille en lieu sûr, à l'écart de l'ordinateur. Quiconque "
                "la trouve peut ouvrir le coffre.",
            )
        ),
    )


def print_recovery_code(parent: QWidget, code: str) -> bool:
    """Ask for a printer and print the recovery sheet. True if it was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("CreateVaultDialog", "Imprimer le code de secours")
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document = QTextDocument()
    document.setHtml(recovery_sheet_html(code, date.today()))
    document.print_(printer)
    return True


class CreateVaultDialog(QDialog):
    PAGE_PASSPHRASE = 0
    PAGE_RECOVERY = 1

    def __init__(
        self,
        create: Callable[[str], str],
        *,
        demo: bool = False,
        on_names: Callable[[str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._create = create
        self._on_names = on_names
        self._finished = False
        self.setWindowTitle(self.tr("accomp — Créer le coffre"))
        self.setMinimumWidth(520)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_passphrase_page())
        self.pages.addWidget(self._build_recovery_page())

        # One heading for both pages, beside the demo marker.
        self.title = heading(self.tr("Créer le coffre"), self)
        self.demo_marker: QLabel | None = demo_marker(self) if demo else None
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        if self.demo_marker is not None:
            top.addWidget(self.demo_marker, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages)

        self.passphrase.textChanged.connect(self._update)
        self.confirmation.textChanged.connect(self._update)
        self.show_chars.toggled.connect(
            lambda on: set_secret_visible([self.passphrase, self.confirmation], on)
        )
        self.passphrase.returnPressed.connect(self._on_passphrase_entered)
        self.create_button.clicked.connect(self._on_create)
        self.cancel_button.clicked.connect(self.reject)
        self.print_button.clicked.connect(self._on_print)
        self.noted.toggled.connect(self.finish_button.setEnabled)
        self.finish_button.clicked.connect(self._on_finish)

        chain = [self.passphrase, self.confirmation, self.show_chars, self.worker_name,
                 self.structure_name, self.cancel_button, self.create_button, self.code,
                 self.print_button, self.noted, self.finish_button]
        for before, after in itertools.pairwise(chain):
            self.setTabOrder(before, after)

        self._update()
        self.passphrase.setFocus()

    # -- building ---------------------------------------------------------------------

    def _build_passphrase_page(self) -> QWidget:
        page = QWidget(self)
        intro = paragraph(
            self.tr(
                "Le coffre chiffre toutes les données enregistrées sur cet ordinateur. "
                "Choisissez une phrase de passe que vous êtes seul·e à connaître : elle "
                "sera demandée à chaque ouverture."
            ),
            page,
        )
        rule = paragraph(
            self.tr(
                "Au moins 12 caractères mêlant minuscules, majuscules, chiffres et "
                "symboles ; ou 14 caractères de 3 de ces sortes ; ou une phrase de 7 mots "
                "différents."
            ),
            page,
        )

        self.passphrase = secret_field(policy.MAX_LENGTH, page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self.tr("&Phrase de passe :"), self.passphrase), self.passphrase)
        self.confirmation, self.show_chars, self.meter, self.meter_level, self.hint = \
            add_new_passphrase_rows(form, page, changing=False)
        self.error = message_label(page)

        # Asked once, here, for the documents handed to people (Paramètres later).
        self.worker_name = QLineEdit(page)
        self.worker_name.setObjectName("createWorkerName")
        self.worker_name.setMaxLength(120)
        self.structure_name = QLineEdit(page)
        self.structure_name.setObjectName("createStructureName")
        self.structure_name.setMaxLength(120)
        names_intro = paragraph(self.tr(
            "Facultatif, modifiable dans Paramètres : imprimés sur les reçus et les "
            "attestations remis aux personnes."), page)
        names = QFormLayout()
        names.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names.addRow(buddy_label(self.tr("Votre &nom :"), self.worker_name,
                                 accessible_name=self.tr("Votre nom, imprimé sur les reçus")),
                     self.worker_name)
        names.addRow(buddy_label(self.tr("&Structure :"), self.structure_name,
                                 accessible_name=self.tr("Nom de la structure")),
                     self.structure_name)

        self.cancel_button = named(QPushButton(self.tr("Annuler"), page))
        self.cancel_button.setAutoDefault(False)
        self.create_button = named(QPushButton(self.tr("C&réer le coffre"), page))
        self.create_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(rule)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(names_intro)
        layout.addLayout(names)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_recovery_page(self) -> QWidget:
        page = QWidget(self)
        explain = paragraph(
            self.tr(
                "Ce code ouvre le coffre si vous oubliez la phrase de passe. Il n'est "
                "affiché qu'une seule fois : notez-le ou imprimez-le maintenant, puis "
                "rangez-le en lieu sûr, à l'écart de l'ordinateur."
            ),
            page,
        )
        warn = paragraph(
            self.tr(
                "Sans la phrase de passe ni ce code, personne ne peut récupérer les "
                "données, pas même le support."
            ),
            page,
        )

        self.code = QLabel(page)
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setWordWrap(True)
        self.code.setFrameShape(QFrame.Shape.StyledPanel)
        self.code.setMargin(12)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.6)
        mono.setWeight(QFont.Weight.Bold)
        self.code.setFont(mono)
        code_label = buddy_label(self.tr("Code de secours :"), self.code, parent=page)

        self.print_button = named(
            QPushButton(self.tr("&Imprimer…"), page), self.tr("Imprimer le code de secours")
        )
        self.print_button.setAutoDefault(False)
        self.print_status = message_label(page)
        self.noted = named(
            QCheckBox(self.tr("J'ai &noté ce code et je le range en lieu sûr"), page)
        )
        self.finish_button = named(QPushButton(self.tr("&Terminer"), page))
        self.finish_button.setEnabled(False)

        print_row = QHBoxLayout()
        print_row.addWidget(self.print_button)
        print_row.addWidget(self.print_status, 1)
        print_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explain)
        layout.addWidget(warn)
        layout.addSpacing(8)
        layout.addWidget(code_label)
        layout.addWidget(self.code)
        layout.addLayout(print_row)
        layout.addSpacing(8)
        layout.addWidget(self.noted)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # -- behaviour --------------------------------------------------------------------

    @classmethod
    def ask(
        cls, parent: QWidget | None, create: Callable[[str], str], *, demo: bool = False,
        on_names: Callable[[str, str], None] | None = None,
    ) -> bool:
        """Run the dialog. `create(passphrase)` makes the vault and returns its recovery
        code, or raises KnownError (shown in the dialog). True once the vault is made and
        the person confirmed the code is noted; False if they cancelled before.
        `on_names(worker, structure)` then receives the names typed (maybe empty)."""
        dialog = cls(create, demo=demo, on_names=on_names, parent=parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted and dialog.created
        finally:
            dialog.deleteLater()

    @property
    def created(self) -> bool:
        return self._finished

    def can_create(self) -> bool:
        text = self.passphrase.text()
        return policy.assess(text).ok and text == self.confirmation.text()

    def _update(self) -> None:
        usable, hint = check_new_passphrase(self.meter, self.meter_level,
                                            self.passphrase.text(), self.confirmation.text())
        self.hint.setText(hint)
        self.passphrase.setAccessibleDescription(hint)
        self.create_button.setEnabled(usable)

    def _on_passphrase_entered(self) -> None:
        # Enter in the first field goes on to the confirmation until it can create.
        if not self.create_button.isEnabled():
            self.confirmation.setFocus()

    def _on_create(self) -> None:
        if not self.can_create():
            return
        self.create_button.setEnabled(False)
        try:
            code = call_waiting(self.error, lambda: self._create(self.passphrase.text()))
        finally:
            self._update()
        if isinstance(code, KnownError):
            return
        # The passphrase is not needed any more: keep it out of the widgets.
        self.passphrase.clear()
        self.confirmation.clear()
        self.code.setText(code)
        self.pages.setCurrentIndex(self.PAGE_RECOVERY)
        self.title.setText(self.tr("Votre code de secours"))
        self.create_button.setDefault(False)
        self.finish_button.setDefault(True)
        self.code.setFocus()

    def _on_print(self) -> None:
        if print_recovery_code(self, self.code.text()):
            show_message(self.print_status, self.tr("Code envoyé à l'imprimante."), error=False)

    def _on_finish(self) -> None:
        if self.pages.currentIndex() == self.PAGE_RECOVERY and self.noted.isChecked():
            self._finished = True
            self.code.clear()
            if self._on_names is not None:
                self._on_names(self.worker_name.text(), self.structure_name.text())
            self.accept()

    def reject(self) -> None:
        # Once the vault exists, the code must not vanish by a stray Escape: the only
        # way out is to confirm it is noted.
        if self.pages.currentIndex() == self.PAGE_RECOVERY:
            self.noted.setFocus()
            return
        super().reject()
