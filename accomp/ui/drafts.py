"""Drafts of the forms being filled: kept in the vault while typing and at lock,
offered again after unlocking (or at the next start, after a crash).

Each form makes a `DraftKeeper`: a moment after the last change (DELAY_MS) it
writes what the form holds to the vault (services.drafts), so that a crash or a
power cut loses at most those seconds; `keep_all()` writes every open form's draft
at once when the vault is being locked. Saving or cancelling the form deletes its
draft. Nothing of a draft ever goes to a plain file, the settings or a temp file.

`offer_drafts()` asks, for each draft left in the vault, whether to take it up again
(the form reopens as it was), delete it, or decide later (it stays in the vault).
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.services import drafts
from accomp.services.drafts import DraftOut, Reason
from accomp.services.vaults import Vault
from accomp.ui import labels, ops

if TYPE_CHECKING:
    from accomp.ui.main_window import MainWindow

log = logging.getLogger("accomp.ui.drafts")

# How long after the last change a form's draft is written to the vault.
DELAY_MS = 2000

Fields = dict[str, Any]
Choice = Literal["resume", "delete", "later"]

_live: weakref.WeakSet[DraftKeeper] = weakref.WeakSet()


class DraftKeeper(QObject):
    """Keeps one form's draft in the vault. `read()` gives the form's fields as plain
    JSON values; `kind()` the kind of form (it may change: a session becomes a
    workshop); `beneficiary()` the file it is about, if any. The form is unchanged
    (nothing to keep) while `read()` equals what it held when the keeper was made,
    or while `blank(fields)` says so."""

    def __init__(
        self,
        vault: Vault,
        owner: QWidget,
        *,
        kind: Callable[[], str],
        read: Callable[[], Fields],
        beneficiary: Callable[[], int | None] = lambda: None,
        blank: Callable[[Fields], bool] | None = None,
        draft_id: int | None = None,
    ) -> None:
        super().__init__(owner)
        self._vault = vault
        self._kind = kind
        self._read = read
        self._beneficiary = beneficiary
        self.draft_id = draft_id
        # A draft taken up again is kept until saved or cancelled, even unchanged.
        initial = None if draft_id is not None else read()
        self._blank = blank or (lambda fields: fields == initial)
        self._active = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        _live.add(self)

    # --- following the form ----------------------------------------------------------

    def watch(self, root: QWidget) -> None:
        """Follow every field under `root`: each change (re)starts the delay."""
        for widget in (root, *root.findChildren(QWidget)):
            self._watch_one(widget)

    def _watch_one(self, widget: QWidget) -> None:
        touch = self.touched
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.textChanged.connect(touch)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(touch)
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            widget.toggled.connect(touch)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(touch)
        elif isinstance(widget, QDateTimeEdit):
            widget.dateTimeChanged.connect(touch)
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            self._watch_model(widget.model())

    def _watch_model(self, model: QAbstractItemModel) -> None:
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved,
                       model.modelReset):
            signal.connect(self.touched)

    def touched(self, *_: object) -> None:
        if self._active:
            self._timer.start()

    # --- writing ---------------------------------------------------------------------

    def save_now(self) -> None:
        """Write the form's draft now (or delete it if the form went back to blank).
        A failure is logged only: it must never interrupt the worker's typing."""
        self._timer.stop()
        if not self._active or self._vault.is_locked or self._vault.read_only:
            return
        try:
            fields = self._read()
            if self._blank(fields):
                if self.draft_id is not None:
                    drafts.discard_draft(self._vault, self.draft_id, reason="cancelled")
                    self.draft_id = None
                return
            self.draft_id = drafts.save_draft(
                self._vault, self._kind(), fields, beneficiary_id=self._beneficiary(),
                draft_id=self.draft_id,
            )
        except KnownError as err:
            ops.note_error(err, action="draft")
        except Exception as exc:  # a bug: logged with its traceback, the form goes on
            ops.note_error(exc, action="draft")

    def discard(self, reason: Reason, *, keep_following: bool = False) -> None:
        """The form was saved or cancelled: its draft goes, and the keeper stops (a
        panel that stays on screen for the next one keeps following). A keeper
        stopped at lock deletes nothing: the form is closing with its draft kept."""
        draft_id, active = self.draft_id, self._active
        if not active:
            return
        self.draft_id = None
        if keep_following:
            self._timer.stop()
        else:
            self.stop()
        if draft_id is None or self._vault.is_locked:
            return
        try:
            drafts.discard_draft(self._vault, draft_id, reason=reason)
        except Exception as exc:  # the draft will be offered again: harmless
            ops.note_error(exc, action="draft")

    def stop(self) -> None:
        """Follow the form no more (it is closing, or the vault is being locked)."""
        self._active = False
        self._timer.stop()
        _live.discard(self)


def keep_all() -> int:
    """The vault is being locked: write the draft of every open form, then stop
    following them (the forms are closed next; their drafts stay). How many keepers
    there were."""
    keepers = [k for k in list(_live) if shiboken6.isValid(k)]
    for keeper in keepers:
        keeper.save_now()
        keeper.stop()
    _live.clear()
    return len(keepers)


# --- offering the drafts again -------------------------------------------------------


def describe(draft: DraftOut) -> str:
    """What the draft was, in the interface's language: the form, the file's code,
    when it was last changed."""
    translate = QCoreApplication.translate
    what = {
        "activity": translate("drafts", "une activité"),
        "workshop": translate("drafts", "un atelier"),
        "beneficiary": translate("drafts", "un dossier de bénéficiaire"),
        "consent": translate("drafts", "un consentement"),
        "mandate": translate("drafts", "un mandat"),
    }.get(draft.kind, draft.kind)
    if draft.beneficiary_code:
        what = (QCoreApplication.translate("drafts", "%1 (dossier %2)")
                .replace("%1", what).replace("%2", draft.beneficiary_code))
    local = draft.updated_at.astimezone()
    return (QCoreApplication.translate("drafts", "%1, dernière modification le %2 à %3")
            .replace("%1", what).replace("%2", labels.date(local.date()))
            .replace("%3", local.strftime("%H:%M")))


def ask_about(parent: QWidget | None, draft: DraftOut) -> Choice:
    """Take a draft up again, delete it, or decide later (Escape: later; nothing is
    lost unless "Supprimer le brouillon" is chosen)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("drafts", "accomp — Saisie non enregistrée"))
    box.setText(QCoreApplication.translate(
        "drafts", "Une saisie n'a pas été enregistrée : %1.").replace("%1", describe(draft)))
    box.setInformativeText(QCoreApplication.translate(
        "drafts",
        "Reprendre rouvre le formulaire tel qu'il était. « Plus tard » garde le brouillon "
        "dans le coffre."))
    resume = box.addButton(QCoreApplication.translate("drafts", "&Reprendre"),
                           QMessageBox.ButtonRole.AcceptRole)
    delete = box.addButton(QCoreApplication.translate("drafts", "&Supprimer le brouillon"),
                           QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton(QCoreApplication.translate("drafts", "Plus &tard"),
                          QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(resume)
    box.setEscapeButton(later)
    try:
        box.exec()
        clicked = box.clickedButton()
    finally:
        box.deleteLater()
    if clicked is resume:
        return "resume"
    if clicked is delete:
        return "delete"
    return "later"


def offer_drafts(window: MainWindow, vault: Vault) -> int:
    """After unlocking: offer each draft left in the vault. Returns how many were
    taken up again."""
    found = ops.run(window, drafts.list_drafts, vault)
    resumed = 0
    for draft in found.value or []:
        if vault.is_locked or not window.isVisible():
            break  # locked again meanwhile: offered at the next unlock
        choice = ask_about(window, draft)
        if vault.is_locked:
            break
        if choice == "resume":
            resume(window, vault, draft)
            resumed += 1
        elif choice == "delete":
            ops.run(window, drafts.discard_draft, vault, draft.id, reason="deleted")
    return resumed


def resume(window: MainWindow, vault: Vault, draft: DraftOut) -> None:
    """Reopen the draft's form as it was, where it belongs."""
    if draft.kind in ("activity", "workshop"):
        from accomp.ui.views.activity_form import ActivityDialog

        ActivityDialog.ask(window.journal, vault, draft=draft)
        return
    if draft.kind == "beneficiary":
        from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog

        saved = BeneficiaryDialog.ask(window, vault, draft=draft)
        if saved is not None:
            window.show_page(window.PAGE_BENEFICIARIES)
            window.beneficiaries.show_beneficiary(saved.id)
        return
    if draft.beneficiary_id is None:  # a consent or mandate needs its file
        ops.run(window, drafts.discard_draft, vault, draft.id, reason="deleted")
        return
    window.show_page(window.PAGE_BENEFICIARIES)
    window.beneficiaries.show_beneficiary(draft.beneficiary_id)
    panels = window.person_panels
    if draft.kind == "consent":
        panels.show_consents()
        panels.consents.resume(draft)
    elif draft.kind == "mandate":
        panels.show_mandates()
        panels.mandates.resume(draft)


def as_date(text: object) -> dt.date | None:
    """A date kept in a draft (ISO text), or None."""
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None
