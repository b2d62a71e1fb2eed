"""The consents of one file: whether the file may keep an identity, and for each
purpose a badge (valide, expire bientôt, expiré, retiré…) with what can be done:
record the person's agreement, renew it (two clicks: "Renouveler…", then
"Enregistrer"), record a withdrawal, hand over a receipt (printed or saved as PDF).

Withdrawing the identified-file consent offers to anonymise the file at once,
keeping its statistical attributes (services.rights.erase_beneficiary).

Also here, shared with the mandate panel: `DocumentButton`, a "print or save as PDF,
in French or English" menu for the documents the person takes home.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.consent import ConsentStatus, Purpose
from accomp.domain.errors import KnownError, Lang
from accomp.services import consents, rights
from accomp.services.consents import Document, Overview, PurposeStatus
from accomp.services.drafts import DraftOut
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.destinations import ask_save_file
from accomp.ui.drafts import DraftKeeper
from accomp.ui.widgets import buddy_label, message_label, named, paragraph, show_message

TOPICS = ("consents", "beneficiaries")
Clock = Callable[[], dt.datetime]

# Badge colours: dark text on a light tint (contrast above 7:1); the word says the
# status, so colour is never the only cue.
BADGE_STYLE = {
    ConsentStatus.VALID: ("#dff3e4", "#0b5a24"),
    ConsentStatus.EXPIRING: ("#fff1c7", "#5c4300"),
    ConsentStatus.EXPIRED: ("#fde2df", "#8a1c12"),
    ConsentStatus.WITHDRAWN: ("#e6e6e6", "#2b2b2b"),
    ConsentStatus.INFORMED: ("#e3ecfa", "#173f7a"),
    ConsentStatus.NONE: ("#f2f2f2", "#3d3d3d"),
}


def badge_style(status: ConsentStatus) -> str:
    background, color = BADGE_STYLE[status]
    return (f"QLabel {{ background: {background}; color: {color}; font-weight: bold;"
            f" border: 1px solid {color}; border-radius: 3px; padding: 1px 8px; }}")


class DocumentButton(QToolButton):
    """A "document" button whose menu prints it or saves it as PDF, in French or
    English. `make(lang)` builds the document when asked (None: nothing to give)."""

    def __init__(self, text: str, vault: Vault, make: Callable[[Lang], Document | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._make = make
        self.setText(text)
        named(self)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        menu = QMenu(self)
        self.print_fr = menu.addAction(self.tr("Imprimer en français…"))
        self.print_en = menu.addAction(self.tr("Imprimer en anglais…"))
        menu.addSeparator()
        self.save_fr = menu.addAction(self.tr("Enregistrer en PDF, en français…"))
        self.save_en = menu.addAction(self.tr("Enregistrer en PDF, en anglais…"))
        self.print_fr.triggered.connect(lambda: self.print_document("fr"))
        self.print_en.triggered.connect(lambda: self.print_document("en"))
        self.save_fr.triggered.connect(lambda: self.save_document("fr"))
        self.save_en.triggered.connect(lambda: self.save_document("en"))
        self.setMenu(menu)

    def sizeHint(self) -> QSize:
        # The style draws the menu arrow in the corner without making room for it:
        # make the room, or the arrow covers the end of the text ("Reçu").
        hint = super().sizeHint()
        arrow = self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, self)
        return QSize(hint.width() + arrow, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _document(self, lang: Lang) -> Document | None:
        outcome = ops.run(self, self._make, lang)
        return outcome.value if outcome else None

    def print_document(self, lang: Lang) -> None:
        document = self._document(lang)
        if document is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.title)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        text = QTextDocument()
        text.setHtml(document.html)
        text.print_(printer)
        ops.run(self, consents.note_printed, self._vault, document)

    def save_document(self, lang: Lang) -> Path | None:
        document = self._document(lang)
        if document is None:
            return None
        name = f"{document.title} {document.code or ''}".strip().replace(" ", "_") + ".pdf"
        target = ask_save_file(self, self.tr("Enregistrer le document en PDF"),
                               Path.home() / name, self.tr("PDF (*.pdf)"), "pdf")
        if target is None:
            return None
        outcome = ops.run(self, consents.save_pdf, self._vault, document, target.path,
                          replace=target.replace)
        return outcome.value if outcome else None


class ConsentDialog(QDialog):
    """Record a consent (or its renewal): the purpose in plain words, and how the
    person agreed. "Enregistrer" is the default button: renewing is two clicks."""

    def __init__(self, purpose: Purpose, *, renewal: bool, method: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purpose = purpose
        title = (self.tr("Renouveler le consentement") if renewal
                 else self.tr("Recueillir le consentement"))
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        purpose_name = labels.vocab_label("consent_purposes", purpose)
        self.explain = paragraph(
            (self.tr("La personne renouvelle son accord pour « %1 ».") if renewal
             else self.tr("La personne donne son accord pour « %1 ».")).replace("%1", purpose_name),
            self)
        self.notice = paragraph(
            self.tr("Elle a reçu la notice d'information, version %1.").replace(
                "%1", consents.NOTICE_VERSION), self)
        self.method = QComboBox(self)
        for term in _terms("consent_methods"):
            self.method.addItem(labels.vocab_label("consent_methods", term), term)
        if method is not None:
            self.method.setCurrentIndex(max(0, self.method.findData(method)))
        method_label = buddy_label(self.tr("&Forme du consentement :"), self.method, parent=self)
        buttons = QDialogButtonBox(self)
        self.save_button = named(buttons.addButton(
            self.tr("&Enregistrer"), QDialogButtonBox.ButtonRole.AcceptRole))
        self.cancel_button = named(buttons.addButton(
            self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.notice)
        row = QHBoxLayout()
        row.addWidget(method_label)
        row.addWidget(self.method, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.save_button.setFocus()

    def chosen_method(self) -> str:
        return str(self.method.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, purpose: Purpose, *, renewal: bool = False,
            method: str | None = None, vault: Vault | None = None,
            beneficiary_id: int | None = None, draft_id: int | None = None) -> str | None:
        """The method the worker chose, or None if cancelled. With `vault`, the open
        dialog is kept as a draft of that file's consent if the vault is locked (or
        the program stops after a change) before it is answered."""
        dialog = cls(purpose, renewal=renewal, method=method, parent=parent)
        keeper: DraftKeeper | None = None
        if vault is not None:
            keeper = DraftKeeper(
                vault, dialog, kind=lambda: "consent",
                read=lambda: {"purpose": str(purpose), "renewal": renewal,
                              "method": dialog.chosen_method()},
                beneficiary=lambda: beneficiary_id, blank=lambda _fields: False,
                draft_id=draft_id,
            )
            keeper.watch(dialog)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            if keeper is not None:  # (stopped already if the vault was locked)
                keeper.discard("saved" if accepted else "cancelled")
            return dialog.chosen_method() if accepted else None
        finally:
            dialog.deleteLater()


def _terms(list_name: str) -> list[str]:
    from accomp.domain.vocab import vocabulary

    return [t.key for t in vocabulary().terms(list_name)]


class _Row:
    """The widgets of one purpose (made by ConsentPanel._make_row)."""

    def __init__(self, purpose: Purpose, name: QLabel, badge: QLabel, until: QLabel,
                 record: QPushButton, renew: QPushButton, withdraw: QPushButton,
                 receipt: DocumentButton) -> None:
        self.purpose = purpose
        self.name = name
        self.badge = badge
        self.until = until
        self.record = record
        self.renew = renew
        self.withdraw = withdraw
        self.receipt = receipt
        self.status: PurposeStatus | None = None

    def widgets(self) -> list[QWidget]:
        return [self.record, self.renew, self.withdraw, self.receipt]


class FilePanel(QWidget):
    """What the consent and mandate panels share: the file they show, the clock their
    rules are read at, reading it again when its consents change, and showing nothing
    once the vault is locked. A panel says what it reads (`_read`) and how it shows it
    (`_show`); `clear_sensitive` empties its own widgets and calls `_forget`."""

    def __init__(self, vault: Vault, parent: QWidget | None, clock: Clock | None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._clock = clock or consents.now
        self._beneficiary_id: int | None = None
        self._active = True
        self.message = message_label(self)

    def _read(self, vault: Vault, beneficiary_id: int, *, at: dt.datetime) -> Any:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _watch_changes(self) -> None:
        """Once built: follow changes, and start empty but ready to show a file."""
        ops.changes().changed.connect(self._on_changed)
        self.clear_sensitive()
        self._active = True

    def clear_sensitive(self) -> None:
        raise NotImplementedError

    def _forget(self) -> None:
        self._active = False
        self._beneficiary_id = None
        show_message(self.message, "", announce=False)

    def show_beneficiary(self, beneficiary_id: int) -> None:
        self._active = True
        self._beneficiary_id = beneficiary_id
        show_message(self.message, "", announce=False)
        self.reload()

    def reload(self) -> None:
        self._active = True
        if self._beneficiary_id is None:
            return
        outcome = ops.run(self, self._read, self._vault, self._beneficiary_id,
                          at=self._clock())
        if outcome.value is None:
            return
        self._show(outcome.value)

    def _on_changed(self, topic: str) -> None:
        # a panel left over a locked vault (being cleared) reads nothing
        if (topic in TOPICS and self._active and not self._vault.is_locked
                and self._beneficiary_id is not None):
            self.reload()


class ConsentPanel(FilePanel):
    """The consent badges and actions of the file shown (`show_beneficiary`)."""

    def __init__(self, vault: Vault, parent: QWidget | None = None, *,
                 clock: Clock | None = None) -> None:
        super().__init__(vault, parent, clock)
        self._overview: Overview | None = None

        self.basis = paragraph("", self)
        self.basis.setObjectName("basisLine")
        self.notice_button = DocumentButton(
            self.tr("Notice d'information"), vault,
            lambda lang: consents.notice_document(lang, vault=vault), self)
        self.notice_button.setObjectName("noticeButton")
        self.notice_button.setToolTip(
            self.tr("La notice à remettre à la personne (version %1)").replace(
                "%1", consents.NOTICE_VERSION))

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for column, text in enumerate((self.tr("Finalité"), self.tr("État"),
                                       self.tr("Jusqu'au"))):
            head = QLabel(f"<b>{text}</b>", self)
            grid.addWidget(head, 0, column)
        self.rows: dict[Purpose, _Row] = {}
        for line, purpose in enumerate(consents.PURPOSES, start=1):
            row = self._make_row(purpose)
            self.rows[purpose] = row
            row.record.clicked.connect(lambda _=False, p=purpose: self.record(p))
            row.renew.clicked.connect(lambda _=False, p=purpose: self.renew(p))
            row.withdraw.clicked.connect(lambda _=False, p=purpose: self.withdraw(p))
            grid.addWidget(row.name, line, 0)
            grid.addWidget(row.badge, line, 1)
            grid.addWidget(row.until, line, 2)
            for column, widget in enumerate(row.widgets(), start=3):
                grid.addWidget(widget, line, column)
        grid.setColumnStretch(0, 1)

        top = QHBoxLayout()
        top.addWidget(self.basis, 1, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.notice_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addStretch(1)

        previous: QWidget = self.notice_button
        for row in self.rows.values():
            for widget in row.widgets():
                self.setTabOrder(previous, widget)
                previous = widget
        self._watch_changes()

    def _make_row(self, purpose: Purpose) -> _Row:
        name = labels.vocab_label("consent_purposes", purpose)
        badge = QLabel(self)
        badge.setObjectName(f"badge_{purpose}")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        until = QLabel(self)
        until.setObjectName(f"until_{purpose}")
        record = QPushButton(self.tr("Recueillir…"), self)
        renew = QPushButton(self.tr("Renouveler…"), self)
        withdraw = QPushButton(self.tr("Retirer…"), self)
        for button, verb in ((record, self.tr("Recueillir le consentement")),
                             (renew, self.tr("Renouveler le consentement")),
                             (withdraw, self.tr("Enregistrer le retrait"))):
            named(button, self.tr("%1 : %2").replace("%1", verb).replace("%2", name))
            button.setAutoDefault(False)
        label = QLabel(name, self)
        # "Partage avec un partenaire" goes on two lines rather than push the buttons
        # out of a narrow file
        label.setWordWrap(True)
        row = _Row(purpose, label, badge, until, record, renew, withdraw,
                   DocumentButton(self.tr("Reçu"), self._vault, lambda _l: None, self))
        row.receipt._make = self._receipt_maker(row)
        named(row.receipt, self.tr("Reçu du dernier enregistrement : %1").replace("%1", name))
        return row

    # --- showing ---------------------------------------------------------------------

    def _read(self, vault: Vault, beneficiary_id: int, *, at: dt.datetime) -> Overview:
        return consents.overview(vault, beneficiary_id, at=at)

    def clear_sensitive(self) -> None:
        """Show nothing of anyone (at lock): no code, no status, no action."""
        self._forget()
        self._overview = None
        self.basis.clear()
        for row in self.rows.values():
            row.status = None
            row.badge.clear()
            row.badge.setStyleSheet("")
            row.badge.setAccessibleName("")
            row.until.clear()
            for widget in row.widgets():
                widget.setEnabled(False)
        self.notice_button.setEnabled(True)

    def badge_text(self, purpose: Purpose | str) -> str:
        return self.rows[Purpose(purpose)].badge.text()

    def _status_text(self, status: ConsentStatus, *, required: bool = True) -> str:
        if status == ConsentStatus.NONE and not required:
            return self.tr("Non requis")
        return {
            ConsentStatus.NONE: self.tr("Aucun"),
            ConsentStatus.INFORMED: self.tr("Informée"),
            ConsentStatus.VALID: self.tr("Valide"),
            ConsentStatus.EXPIRING: self.tr("Expire bientôt"),
            ConsentStatus.EXPIRED: self.tr("Expiré"),
            ConsentStatus.WITHDRAWN: self.tr("Retiré"),
        }[status]

    def _basis_text(self, view: Overview) -> str:
        if view.anonymised:
            return self.tr("Dossier anonymisé : plus aucune donnée d'identité.")
        if not view.file_decision.allowed:
            assert view.file_decision.reason is not None
            return KnownError(view.file_decision.reason, view.file_decision.subject).message(
                labels.current_lang())
        basis = labels.vocab_label("legal_bases", view.legal_basis or "")
        text = self.tr("Dossier identifié : %1").replace("%1", basis)
        if view.informed_on is not None:
            text += self.tr(", personne informée le %1").replace(
                "%1", labels.date(view.informed_on))
        if view.notice_version:
            text += self.tr(" (notice %1)").replace("%1", view.notice_version)
        return text + "."

    def _show(self, view: Overview) -> None:
        self._overview = view
        self.basis.setText(self._basis_text(view))
        self.basis.setStyleSheet("" if view.file_decision.allowed else "color: #8a1c12;")
        open_file = not view.anonymised
        for state in view.purposes:
            row = self.rows[state.purpose]
            row.status = state
            # The file itself needs consent only when consent is its legal basis.
            required = (state.purpose != Purpose.IDENTIFIED_FILE
                        or view.legal_basis == "Consentement")
            text = self._status_text(state.status, required=required)
            row.badge.setText(text)
            row.badge.setStyleSheet(badge_style(state.status))
            row.badge.setAccessibleName(
                self.tr("%1 : %2").replace("%1", row.name.text()).replace("%2", text))
            row.until.setText(labels.date(state.last_day) if state.last_day else "—")
            valid = state.status in (ConsentStatus.VALID, ConsentStatus.EXPIRING)
            row.record.setEnabled(open_file and not valid and required
                                  and state.purpose != Purpose.MANDATE)
            row.renew.setEnabled(open_file and (valid or state.status == ConsentStatus.EXPIRED))
            row.withdraw.setEnabled(open_file and state.status not in (
                ConsentStatus.NONE, ConsentStatus.WITHDRAWN))
            row.receipt.setEnabled(state.last_event_id is not None)
            if state.purpose == Purpose.MANDATE:
                row.record.setToolTip(self.tr("Le consentement au mandat se recueille en "
                                              "créant un mandat."))

    # --- actions ---------------------------------------------------------------------

    def _receipt_maker(self, row: _Row) -> Callable[[Lang], Document | None]:
        def make(lang: Lang) -> Document | None:
            if row.status is None or row.status.last_event_id is None:
                return None
            return consents.receipt(self._vault, row.status.last_event_id, lang,
                                    at=self._clock())
        return make

    def _draft_args(self, draft: DraftOut | None) -> dict[str, Any]:
        return {"vault": self._vault, "beneficiary_id": self._beneficiary_id,
                "draft_id": draft.id if draft is not None else None}

    def resume(self, draft: DraftOut) -> bool:
        """Take up a consent draft again: its dialog opens as it was left."""
        try:
            purpose = Purpose(str(draft.fields.get("purpose")))
        except ValueError:
            return False
        if draft.fields.get("renewal"):
            return self.renew(purpose, draft=draft)
        return self.record(purpose, draft=draft)

    def record(self, purpose: Purpose, *, draft: DraftOut | None = None) -> bool:
        """Record the person's agreement (asks how they agreed)."""
        if self._beneficiary_id is None:
            return False
        method = ConsentDialog.ask(
            self, purpose, method=draft.fields.get("method") if draft is not None else None,
            **self._draft_args(draft))
        if method is None:
            return False
        done = ops.run(self, consents.give_consent, self._vault, self._beneficiary_id, purpose,
                       method=method, at=self._clock(), topic="consents")
        if done:
            self._say(self.tr("Consentement enregistré : %1."), purpose)
        return bool(done)

    def renew(self, purpose: Purpose, *, draft: DraftOut | None = None) -> bool:
        """Renew: the dialog opens on "Enregistrer" with the last method."""
        if self._beneficiary_id is None:
            return False
        row = self.rows[purpose]
        last = row.status.method if row.status else None
        if draft is not None:
            last = draft.fields.get("method") or last
        method = ConsentDialog.ask(self, purpose, renewal=True, method=last,
                                   **self._draft_args(draft))
        if method is None:
            return False
        done = ops.run(self, consents.renew_consent, self._vault, self._beneficiary_id, purpose,
                       method=method, at=self._clock(), topic="consents")
        if done:
            self._say(self.tr("Consentement renouvelé : %1."), purpose)
        return bool(done)

    def withdraw(self, purpose: Purpose) -> bool:
        """Record a withdrawal after confirmation; for the identified file, offer to
        anonymise the file now."""
        if self._beneficiary_id is None:
            return False
        name = labels.vocab_label("consent_purposes", purpose)
        question = self.tr("Enregistrer que la personne retire son consentement pour « %1 » ?")
        if purpose == Purpose.MANDATE:
            question += "\n" + self.tr("Tous les mandats en cours seront révoqués.")
        answer = QMessageBox.question(
            self, self.tr("Retrait du consentement"), question.replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        beneficiary_id = self._beneficiary_id
        done = ops.run(self, consents.withdraw_consent, self._vault, beneficiary_id, purpose,
                       at=self._clock(), topic="consents")
        if not done:
            return False
        self._say(self.tr("Retrait enregistré : %1."), purpose)
        if purpose == Purpose.IDENTIFIED_FILE:
            self.offer_anonymisation(beneficiary_id)
        return True

    def offer_anonymisation(self, beneficiary_id: int) -> bool:
        """Withdrawn file consent: anonymise now? (identity, contact, notes and
        mandates go; code, statistical attributes and sessions stay)."""
        answer = QMessageBox.question(
            self, self.tr("Anonymiser le dossier"),
            self.tr("La personne ne veut plus de dossier à son nom. Anonymiser le dossier "
                    "maintenant ?\nSon nom, ses coordonnées, ses notes et ses mandats seront "
                    "effacés ; le code du dossier, les données statistiques (genre, tranche "
                    "d'âge, situation, commune) et les séances restent, pour les chiffres."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        done = ops.run(self, rights.erase_beneficiary, self._vault, beneficiary_id,
                       now=self._clock(), topic="beneficiaries")
        if done:
            show_message(self.message, self.tr("Dossier anonymisé."), error=False)
        return bool(done)

    def _say(self, template: str, purpose: Purpose) -> None:
        show_message(self.message, template.replace(
            "%1", labels.vocab_label("consent_purposes", purpose)), error=False)
