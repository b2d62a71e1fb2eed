"""The mandates of one file: create one (scopes and duration), see each one's status
and its scopes, revoke one scope or the whole mandate, renew it, hand over its
attestation or a revocation receipt, and check whether a procedure may be done on
the person's behalf now.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError, Lang
from accomp.services import mandates
from accomp.services.consents import Document
from accomp.services.drafts import DraftOut
from accomp.services.mandates import MandateOut, ScopeOut
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.drafts import DraftKeeper
from accomp.ui.views.consent_panel import Clock, DocumentButton, FilePanel
from accomp.ui.widgets import (
    buddy_label,
    heading,
    named,
    paragraph,
    show_message,
)

ROLE_MANDATE = Qt.ItemDataRole.UserRole
ROLE_SCOPE = Qt.ItemDataRole.UserRole + 1
# check boxes of the procedures per line
SCOPE_COLUMNS = 4


class MandatePanel(FilePanel):
    """Mandates of the file shown (`show_beneficiary`)."""

    def __init__(self, vault: Vault, parent: QWidget | None = None, *,
                 clock: Clock | None = None) -> None:
        super().__init__(vault, parent, clock)
        self._mandates: list[MandateOut] = []
        self._build()
        self._watch_changes()
        # The procedures ticked for a new mandate are kept in the vault a moment after
        # each change and at lock, until the mandate is created or nothing is ticked.
        self.drafts = DraftKeeper(
            vault, self, kind=lambda: "mandate", read=self.draft_fields,
            beneficiary=lambda: self._beneficiary_id,
            blank=lambda fields: not fields["scopes"],
        )
        self.drafts.watch(self.create_box)

    def draft_fields(self) -> dict[str, object]:
        return {"scopes": [str(s) for s in self.chosen_scopes()],
                "duration": str(self.duration.currentData()),
                "method": str(self.method.currentData())}

    def resume(self, draft: DraftOut) -> None:
        """Show a mandate draft as it was left: the procedures ticked, the duration
        and the form of agreement; "Créer le mandat…" creates it."""
        scopes = draft.fields.get("scopes") or []
        for scope, box in self.scope_boxes.items():
            box.setChecked(scope in scopes)
        for combo, name in ((self.duration, "duration"), (self.method, "method")):
            kept = str(draft.fields.get(name))
            for index in range(combo.count()):
                if str(combo.itemData(index)) == kept:
                    combo.setCurrentIndex(index)
        self.drafts.draft_id = draft.id
        show_message(self.message, self.tr("Brouillon repris : vérifiez les démarches, puis "
                                           "créez le mandat."), error=False)
        self.create_button.setFocus()

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.title = heading(self.tr("Mandats"), self)

        # a new mandate
        self.create_box = QGroupBox(self.tr("Nouveau mandat"), self)
        self.scope_boxes: dict[str, QCheckBox] = {}
        scopes = QGridLayout()
        for i, scope in enumerate(mandates.SCOPES):
            box = named(QCheckBox(labels.vocab_label("mandate_scopes", scope), self.create_box))
            box.setObjectName(f"scope_{scope}")
            self.scope_boxes[scope] = box
            scopes.addWidget(box, i // SCOPE_COLUMNS, i % SCOPE_COLUMNS)
        self.duration = QComboBox(self.create_box)
        for key in mandates.DURATIONS:
            self.duration.addItem(labels.vocab_label("mandate_durations", key), key)
        self.duration.setCurrentIndex(self.duration.findData("1m"))
        duration_label = buddy_label(self.tr("&Durée :"), self.duration, parent=self.create_box)
        self.method = QComboBox(self.create_box)
        from accomp.domain.vocab import vocabulary

        for term in vocabulary().terms("consent_methods"):
            self.method.addItem(labels.vocab_label("consent_methods", term.key), term.key)
        self.method.setCurrentIndex(self.method.findData("papier_signe"))
        method_label = buddy_label(self.tr("&Forme de l'accord :"), self.method,
                                   parent=self.create_box)
        self.create_button = named(QPushButton(self.tr("&Créer le mandat…"), self.create_box))
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.create_mandate)
        options = QHBoxLayout()
        options.addWidget(duration_label)
        options.addWidget(self.duration)
        options.addSpacing(12)
        options.addWidget(method_label)
        options.addWidget(self.method)
        options.addStretch(1)
        # on a line of its own: with the two choices it was wider than the file
        create = QHBoxLayout()
        create.addStretch(1)
        create.addWidget(self.create_button)
        box_layout = QVBoxLayout(self.create_box)
        box_layout.addWidget(paragraph(self.tr("Démarches couvertes :"), self.create_box))
        box_layout.addLayout(scopes)
        box_layout.addLayout(options)
        box_layout.addLayout(create)

        # the mandates
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("mandateTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Mandat ou démarche"), self.tr("État")])
        self.tree.setAccessibleName(self.tr("Mandats et démarches"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setMinimumHeight(140)
        self.tree.header().setStretchLastSection(True)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        tree_label = buddy_label(self.tr("&Mandats de la personne :"), self.tree,
                                 accessible_name=self.tr("Mandats et démarches"), parent=self)

        self.revoke_scope_button = named(QPushButton(self.tr("Révoquer la &démarche…"), self))
        self.revoke_button = named(QPushButton(self.tr("Révoquer &tout le mandat…"), self))
        self.renew_button = named(QPushButton(self.tr("Re&nouveler…"), self))
        for button in (self.revoke_scope_button, self.revoke_button, self.renew_button):
            button.setAutoDefault(False)
        self.revoke_scope_button.clicked.connect(self.revoke_selected_scope)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.renew_button.clicked.connect(self.renew_selected)
        self.attestation_button = DocumentButton(
            self.tr("Attestation"), self._vault, self._attestation, self)
        named(self.attestation_button, self.tr("Attestation du mandat choisi"))
        self.revocation_button = DocumentButton(
            self.tr("Reçu de révocation"), self._vault, self._revocation, self)
        named(self.revocation_button, self.tr("Reçu de révocation de la démarche ou du mandat"))
        # a column beside the list, not a row below it (five buttons in a row were
        # wider than the file on a laptop)
        actions = QVBoxLayout()
        for widget in (self.revoke_scope_button, self.revoke_button, self.renew_button,
                       self.attestation_button, self.revocation_button):
            # all as wide as the column
            widget.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            actions.addWidget(widget)
        actions.addStretch(1)
        listing = QHBoxLayout()
        listing.addWidget(self.tree, 1)
        listing.addLayout(actions)

        # may I act now?
        self.check_scope = QComboBox(self)
        for scope in mandates.SCOPES:
            self.check_scope.addItem(labels.vocab_label("mandate_scopes", scope), str(scope))
        check_label = buddy_label(self.tr("&Vérifier une démarche :"), self.check_scope,
                                  parent=self)
        self.check_button = named(QPushButton(self.tr("Puis-je a&gir ?"), self),
                                  self.tr("Puis-je agir pour cette démarche ?"))
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        check = QHBoxLayout()
        check.addWidget(check_label)
        check.addWidget(self.check_scope)
        check.addWidget(self.check_button)
        check.addStretch(1)
        self.message.setObjectName("mandateMessage")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.create_box)
        layout.addWidget(tree_label)
        layout.addLayout(listing, 1)
        layout.addLayout(check)
        layout.addWidget(self.message)

        order: list[QWidget] = [*self.scope_boxes.values(), self.duration, self.method,
                                self.create_button, self.tree, self.revoke_scope_button,
                                self.revoke_button, self.renew_button,
                                self.attestation_button, self.revocation_button,
                                self.check_scope, self.check_button]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    # --- showing ---------------------------------------------------------------------

    def _read(self, vault: Vault, beneficiary_id: int, *,
              at: dt.datetime) -> list[MandateOut]:
        return mandates.list_mandates(vault, beneficiary_id, at=at)

    def clear_sensitive(self) -> None:
        self._forget()
        self._mandates = []
        self.tree.clear()
        for box in self.scope_boxes.values():
            box.setChecked(False)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.create_box, self.check_scope, self.check_button):
            widget.setEnabled(enabled)
        self._update_buttons()

    def status_text(self, status: str) -> str:
        return {
            "in_force": self.tr("En vigueur"),
            "not_started": self.tr("Pas encore commencé"),
            "expired": self.tr("Expiré"),
            "revoked": self.tr("Révoqué"),
            "replaced": self.tr("Remplacé (renouvelé)"),
            "consent_withdrawn": self.tr("Consentement retiré"),
        }[status]

    def _scope_text(self, mandate: MandateOut, scope: ScopeOut) -> str:
        if scope.usable:
            return self.tr("Utilisable")
        if scope.revoked_at is not None:
            return self.tr("Révoquée le %1").replace(
                "%1", labels.date(scope.revoked_at.date()))
        return self.status_text(mandate.status)

    def _show(self, items: list[MandateOut]) -> None:
        self._mandates = items
        current = self.selected()
        self.tree.clear()
        restore: QTreeWidgetItem | None = None
        for m in items:
            text = self.tr("Du %1 au %2 (%3)").replace("%1", labels.date(m.starts_on)).replace(
                "%2", labels.date(m.last_day)).replace(
                "%3", labels.vocab_label("mandate_durations", m.duration))
            top = QTreeWidgetItem([text, self.status_text(m.status)])
            top.setData(0, ROLE_MANDATE, m.id)
            top.setData(0, ROLE_SCOPE, None)
            self.tree.addTopLevelItem(top)
            for scope in m.scopes:
                child = QTreeWidgetItem([labels.vocab_label("mandate_scopes", scope.scope),
                                         self._scope_text(m, scope)])
                child.setData(0, ROLE_MANDATE, m.id)
                child.setData(0, ROLE_SCOPE, str(scope.scope))
                top.addChild(child)
                if current == (m.id, str(scope.scope)):
                    restore = child
            top.setExpanded(m.status in ("in_force", "not_started"))
            if current == (m.id, None):
                restore = top
        self.tree.resizeColumnToContents(0)
        if restore is not None:
            self.tree.setCurrentItem(restore)
        elif (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        self._set_enabled(True)

    # --- selection -------------------------------------------------------------------

    def selected(self) -> tuple[int, str | None] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return int(item.data(0, ROLE_MANDATE)), item.data(0, ROLE_SCOPE)

    def _selected_mandate(self) -> MandateOut | None:
        chosen = self.selected()
        if chosen is None:
            return None
        return next((m for m in self._mandates if m.id == chosen[0]), None)

    def select(self, mandate_id: int, scope: str | None = None) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None or top.data(0, ROLE_MANDATE) != mandate_id:
                continue
            if scope is None:
                self.tree.setCurrentItem(top)
                return
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, ROLE_SCOPE) == scope:
                    self.tree.setCurrentItem(child)
                    return

    def _update_buttons(self) -> None:
        m = self._selected_mandate()
        chosen = self.selected()
        scope = chosen[1] if chosen else None
        entry = next((s for s in m.scopes if s.scope == scope), None) if m else None
        self.revoke_scope_button.setEnabled(
            m is not None and m.revocable and entry is not None and entry.revoked_at is None)
        self.revoke_button.setEnabled(m is not None and m.revocable)
        self.renew_button.setEnabled(
            m is not None and m.status in ("in_force", "expired", "not_started"))
        self.attestation_button.setEnabled(m is not None)
        self.revocation_button.setEnabled(
            m is not None and ((entry is not None and entry.revoked_at is not None)
                               or (scope is None and m.revoked_at is not None)))

    # --- actions ---------------------------------------------------------------------

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def chosen_scopes(self) -> list[str]:
        return [scope for scope, box in self.scope_boxes.items() if box.isChecked()]

    def create_mandate(self) -> bool:
        """Create the mandate ticked above, after confirmation."""
        if self._beneficiary_id is None:
            return False
        scopes = self.chosen_scopes()
        if not scopes:
            show_message(self.message, KnownError("required", "scopes").message(
                labels.current_lang()))
            self.scope_boxes["papiers"].setFocus()
            return False
        names = ", ".join(labels.vocab_label("mandate_scopes", s) for s in scopes)
        duration = str(self.duration.currentData())
        text = self.tr("Créer un mandat de %1 pour : %2 ?\nLa personne a donné son accord "
                       "(%3).").replace("%1", labels.vocab_label("mandate_durations", duration)
                                         ).replace("%2", names).replace(
            "%3", self.method.currentText())
        if not self._confirm(self.tr("Nouveau mandat"), text):
            return False
        done = ops.run(self, mandates.create_mandate, self._vault, self._beneficiary_id, scopes,
                       duration, method=str(self.method.currentData()), at=self._clock(),
                       topic="consents")
        if not done or done.value is None:
            return False
        self.drafts.discard("saved", keep_following=True)
        for box in self.scope_boxes.values():
            box.setChecked(False)
        self.select(done.value.mandate.id)
        show_message(self.message, self.tr("Mandat créé. Remettez l'attestation à la "
                                           "personne."), error=False)
        return True

    def revoke_selected_scope(self) -> bool:
        chosen = self.selected()
        if chosen is None or chosen[1] is None:
            return False
        mandate_id, scope = chosen[0], chosen[1]
        name = labels.vocab_label("mandate_scopes", scope)
        if not self._confirm(self.tr("Révoquer une démarche"),
                             self.tr("Révoquer le mandat pour « %1 » ? Les autres démarches "
                                     "restent couvertes.").replace("%1", name)):
            return False
        done = ops.run(self, mandates.revoke_scope, self._vault, mandate_id, scope,
                       at=self._clock(), topic="consents")
        if done:
            self.select(mandate_id, scope)
            show_message(self.message, self.tr("Démarche révoquée : %1.").replace("%1", name),
                         error=False)
        return bool(done)

    def revoke_selected(self) -> bool:
        m = self._selected_mandate()
        if m is None:
            return False
        if not self._confirm(self.tr("Révoquer le mandat"),
                             self.tr("Révoquer tout le mandat, pour toutes ses démarches ?")):
            return False
        done = ops.run(self, mandates.revoke_mandate, self._vault, m.id, at=self._clock(),
                       topic="consents")
        if done:
            self.select(m.id)
            show_message(self.message, self.tr("Mandat révoqué."), error=False)
        return bool(done)

    def renew_selected(self) -> bool:
        m = self._selected_mandate()
        if m is None:
            return False
        if not self._confirm(self.tr("Renouveler le mandat"),
                             self.tr("Renouveler ce mandat à partir d'aujourd'hui, pour %1, "
                                     "avec ses démarches encore valables ?").replace(
                                 "%1", labels.vocab_label("mandate_durations", m.duration))):
            return False
        done = ops.run(self, mandates.renew_mandate, self._vault, m.id, at=self._clock(),
                       topic="consents")
        if not done or done.value is None:
            return False
        self.select(done.value.mandate.id)
        show_message(self.message, self.tr("Mandat renouvelé."), error=False)
        return True

    def check(self) -> bool:
        """Say whether a procedure may be done on the person's behalf now."""
        if self._beneficiary_id is None:
            return False
        scope = str(self.check_scope.currentData())
        outcome = ops.run(self, mandates.check_scope, self._vault, self._beneficiary_id, scope,
                          at=self._clock())
        if outcome.value is None:
            return False
        decision = outcome.value
        if decision.allowed:
            show_message(self.message, self.tr("Vous pouvez agir pour « %1 »." ).replace(
                "%1", self.check_scope.currentText()), error=False)
            return True
        assert decision.reason is not None
        show_message(self.message, KnownError(decision.reason, decision.subject).message(
            labels.current_lang()))
        return False

    # --- documents -------------------------------------------------------------------

    def _attestation(self, lang: Lang) -> Document | None:
        m = self._selected_mandate()
        return None if m is None else mandates.attestation(self._vault, m.id, lang,
                                                            at=self._clock())

    def _revocation(self, lang: Lang) -> Document | None:
        chosen = self.selected()
        if chosen is None:
            return None
        return mandates.revocation_receipt(self._vault, chosen[0], lang, scope=chosen[1],
                                           at=self._clock())

    def document_makers(self) -> dict[str, Callable[[Lang], Document | None]]:
        return {"attestation": self._attestation, "revocation": self._revocation}
