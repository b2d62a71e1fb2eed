"""Log a session: the form of the CRA, individual or collective, made to be filled
from the keyboard in a few seconds.

The form only collects what was typed; the service decides. On Save it calls
`activities.log_activity` (or `update_activity`); a refusal (KnownError) is written
next to the field it names and that field takes the focus; nothing is written then
(the service is one transaction). Defaults come from the worker's habits
(accomp.ui.prefs): the usual place and duration.

Keyboard: Tab follows the page from top to bottom, lists search as you type
(accents ignored), Enter picks in a list, Ctrl+S saves from anywhere, Enter on the
Save button saves, Escape cancels (after asking, if something was typed).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import clock, communes
from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityIn, ActivityOut, BeneficiaryOut
from accomp.domain.vocab import ADMIN_THEME, vocabulary
from accomp.services import activities, beneficiaries
from accomp.services.drafts import DraftOut
from accomp.services.vaults import Vault
from accomp.ui import labels, ops, prefs
from accomp.ui.dialogs import appointment
from accomp.ui.drafts import DraftKeeper, as_date
from accomp.ui.labels import current_lang
from accomp.ui.pickers import (
    BeneficiaryPicker,
    CheckList,
    CommunePicker,
    DateField,
    DurationField,
    KeyRole,
    ParticipantsPicker,
    TypeAheadCombo,
    VocabCombo,
)
from accomp.ui.views.competence_picker import SessionExtras
from accomp.ui.views.head_counts import COMPACT_MARGINS, HeadCounts
from accomp.ui.widgets import buddy_label, message_label, named, qdate, show_message

TOPIC = "activities"
CUSTOM_DURATION = -1
INDIVIDUAL = "Individuel"
COLLECTIVE = "Collectif"
# What the form shows and edits; any other field of a stored session (added by other
# screens, e.g. consent to share data with a referral) is kept as it was on edit.
MANAGED_FIELDS = frozenset({
    "kind", "date", "duration_min", "place_type", "commune", "themes", "admin_themes",
    "procedure_details", "equipment", "notes", "beneficiary_id", "autonomy", "referred",
    "referral_target", "completion", "workshop_title", "level", "participant_ids",
    "anonymous", "referral_shares_data", "under_mandate_scope",
})


def _search_in(vault: Vault) -> Callable[[str], list[BeneficiaryOut]]:
    def search(text: str) -> list[BeneficiaryOut]:
        return beneficiaries.search_beneficiaries(vault, text, limit=10)

    return search


class ActivityForm(QWidget):
    """Every field of a session. `data()` gives the service's input; `show_error()`
    writes a refusal next to its field."""

    changed = Signal()

    def __init__(
        self, vault: Vault, *, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._today = today or dt.date.today()
        self._errors: dict[str, QLabel] = {}
        self._targets: dict[str, QWidget] = {}
        self._rows: dict[str, tuple[QFormLayout, QWidget]] = {}
        self._kept: dict[str, Any] = {}
        search = _search_in(vault)

        # --- the session ------------------------------------------------------------
        self.kind = TypeAheadCombo(self)
        self.kind.addItem(self.tr("Accompagnement individuel"))
        self.kind.setItemData(0, INDIVIDUAL, KeyRole)
        self.kind.addItem(self.tr("Atelier collectif"))
        self.kind.setItemData(1, COLLECTIVE, KeyRole)
        self.beneficiary = BeneficiaryPicker(search, parent=self)
        self.date = DateField(self)
        self.date.setMaximumDate(qdate(self._today))
        self.date.setDate(qdate(self._today))
        self.duration = TypeAheadCombo(self)
        for minutes in vocabulary().duration_presets:
            self.duration.addItem(labels.duration(minutes))
            self.duration.setItemData(self.duration.count() - 1, minutes, KeyRole)
        self.duration.addItem(self.tr("Autre durée…"))
        self.duration.setItemData(self.duration.count() - 1, CUSTOM_DURATION, KeyRole)
        self.custom_duration = DurationField(self)
        self.custom_duration.set_minutes(75)
        self.place = VocabCombo("place_types", parent=self)
        self.commune = CommunePicker(self)

        session = QGroupBox(self.tr("Séance"), self)
        form = QFormLayout(session)
        self._row(form, self.tr("&Type :"), self.kind, "kind")
        self._row(form, self.tr("&Bénéficiaire :"), self.beneficiary, "beneficiary_id",
                  focus=self.beneficiary.edit)
        self._row(form, self.tr("&Date :"), self.date, "date")
        self._row(form, self.tr("D&urée :"), self.duration, "duration_min")
        self._row(form, self.tr("Durée (h:min) :"), self.custom_duration, "custom_duration")
        self._row(form, self.tr("&Lieu :"), self.place, "place_type")
        self._row(form, self.tr("&Commune :"), self.commune, "commune_name",
                  focus=self.commune.edit, also=("commune_postal_code", "commune_insee"))

        # --- the workshop -----------------------------------------------------------
        self.title = QLineEdit(self)
        self.title.setMaxLength(200)
        self.level = VocabCombo("workshop_levels", none_label=self.tr("Non précisé"), parent=self)
        self.participants = ParticipantsPicker(search, self.tr("Participants suivis"), self)
        self.workshop = QGroupBox(self.tr("Atelier"), self)
        form = QFormLayout(self.workshop)
        self._row(form, self.tr("T&itre de l'atelier :"), self.title, "workshop_title")
        self._row(form, self.tr("Ni&veau :"), self.level, "level")
        self._row(form, self.tr("Participants &suivis :"), self.participants, "participant_ids",
                  focus=self.participants.picker.edit)

        # --- what was done ----------------------------------------------------------
        self.themes = CheckList("themes", self.tr("Thèmes"), rows=6, parent=self)
        self.admin_themes = CheckList(
            "admin_themes", self.tr("Démarches administratives"), rows=4, parent=self
        )
        self.details = QLineEdit(self)
        self.details.setMaxLength(2000)
        self.equipment: dict[str, QCheckBox] = {}
        equipment = QWidget(self)
        grid = QGridLayout(equipment)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, term in enumerate(vocabulary().terms("equipment")):
            box = QCheckBox(labels.vocab_label("equipment", term.key), equipment)
            named(box, self.tr("Matériel : %1").replace("%1", box.text()))
            box.toggled.connect(lambda on, k=term.key: self._on_equipment(k, on))
            self.equipment[term.key] = box
            grid.addWidget(box, 0, i)  # one line: the form fits 1280×720
        grid.setColumnStretch(len(self.equipment), 1)
        content = QGroupBox(self.tr("Contenu"), self)
        form = QFormLayout(content)
        form.setContentsMargins(*COMPACT_MARGINS)
        # The administrative topics open beside the themes, not under them: the
        # whole form, a workshop's too, fits a 1280×720 screen.
        lists = QHBoxLayout()
        lists.setContentsMargins(0, 0, 0, 0)
        self._admin_column = QWidget(self)
        for column, (text, picker, field) in enumerate((
            (self.tr("T&hèmes :"), self.themes, "themes"),
            (self.tr("Dé&marches :"), self.admin_themes, "admin_themes"),
        )):
            holder = self._admin_column if column else QWidget(self)
            stacked = QFormLayout(holder)
            stacked.setContentsMargins(0, 0, 0, 0)
            stacked.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            self._row(stacked, text, picker, field, focus=picker.filter)
            lists.addWidget(holder, 1)
        form.addRow(lists)
        self._row(form, self.tr("&Précisions :"), self.details, "procedure_details")
        self.details.setAccessibleName(self.tr("Précisions sur la démarche"))
        equipment_label = QLabel(self.tr("Matériel :"), self)
        self._row(form, equipment_label, equipment, "equipment",
                  focus=self.equipment["Ordinateur"])

        # --- the outcome ------------------------------------------------------------
        self.autonomy = VocabCombo("autonomy", none_label=self.tr("Non renseignée"), parent=self)
        self.referred = named(QCheckBox(self.tr("&Orientée vers une autre structure"), self))
        self.referral_target = VocabCombo(
            "referral_targets", none_label=self.tr("Choisir…"), parent=self
        )
        # Passing the person's data to the partner needs their sharing consent; a
        # procedure done on their behalf needs a mandate covering it. The services
        # refuse either without it; the form lets the worker say which applies.
        self.shares_data = named(QCheckBox(
            self.tr("Avec &transmission de données au partenaire"), self))
        self.completion = VocabCombo(
            "completion", none_label=self.tr("Non renseigné"), parent=self
        )
        self.mandate_scope = VocabCombo(
            "mandate_scopes", none_label=self.tr("Sans mandat"), parent=self
        )
        for combo in (self.autonomy, self.referral_target, self.completion, self.mandate_scope):
            # Long terms do not widen the column: the content's lists sit beside it.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)
        self.outcome = QGroupBox(self.tr("Résultat"), self)
        form = QFormLayout(self.outcome)
        self._row(form, self.tr("&Autonomie :"), self.autonomy, "autonomy")
        self._row(form, QLabel(self.tr("Orientation :"), self), self.referred, "referred")
        self._row(form, self.tr("St&ructure :"), self.referral_target, "referral_target")
        self._row(form, QLabel(self.tr("Partage :"), self), self.shares_data,
                  "referral_shares_data", also=("PartagePartenaire",))
        self._row(form, self.tr("&Finalisation :"), self.completion, "completion")
        self._row(form, self.tr("Démarche sous &mandat :"), self.mandate_scope,
                  "under_mandate_scope",
                  also=("Mandat", *sorted(vocabulary().keys("mandate_scopes"))))

        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().height() * 3 + 14)
        notes_box = QGroupBox(self.tr("Notes"), self)
        form = QFormLayout(notes_box)
        form.setContentsMargins(*COMPACT_MARGINS)
        self._row(form, self.tr("&Notes (sensibles, jamais exportées) :"), self.notes, "notes")

        self.counts = HeadCounts(self)
        self.participants.changed.connect(
            lambda: self.counts.set_tracked(len(self.participants.ids()))
        )
        self._errors.update(self.counts.errors)
        self._targets.update(self.counts.targets)

        self.message = message_label(self)

        # Two columns, so that the whole form fits a 1280×720 screen even once the
        # administrative topics open: the session and its outcome (or the workshop)
        # on the left, what was done and the notes on the right; the anonymous head
        # counts of a workshop under both. Tabbed as read: the session, the content,
        # the outcome, the notes.
        left = QVBoxLayout()
        left.addWidget(session)
        left.addWidget(self.workshop)
        left.addWidget(self.outcome)
        left.addWidget(notes_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(content)
        right.addStretch(1)
        self._notes_box, self._left, self._right = notes_box, left, right
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns)
        layout.addWidget(self.counts)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self._chain = [
            self.kind, self.beneficiary.edit, self.date, self.duration, self.custom_duration,
            self.place, self.commune.edit, self.title, self.level,
            self.participants.picker.edit, self.participants.list,
            self.participants.remove_button, self.themes.filter, self.themes.view,
            self.admin_themes.filter, self.admin_themes.view, self.details,
            *self.equipment.values(), *self.counts.focus_chain(), self.autonomy,
            self.referred, self.referral_target, self.shares_data, self.completion,
            self.mandate_scope, self.notes,
        ]
        for a, b in itertools.pairwise(self._chain):
            QWidget.setTabOrder(a, b)

        self.kind.currentIndexChanged.connect(self._sync)
        self.place.currentIndexChanged.connect(self._sync)
        self.duration.currentIndexChanged.connect(self._sync)
        self.themes.changed.connect(self._sync)
        self.referred.toggled.connect(self._sync)
        self._sync()

    # --- building ----------------------------------------------------------------------

    def _row(
        self,
        form: QFormLayout,
        label: str | QLabel,
        widget: QWidget,
        field: str,
        *,
        focus: QWidget | None = None,
        also: tuple[str, ...] = (),
    ) -> None:
        """A labelled row whose field has an error line right under it."""
        target = focus or widget
        if isinstance(label, str):
            label = buddy_label(label, target, parent=self)
        else:
            label.setBuddy(target)
        cell = QWidget(self)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        error = message_label(cell)
        box.addWidget(error)
        form.addRow(label, cell)
        for name in (field, *also):
            self._errors[name] = error
            self._targets[name] = target
        self._rows[field] = (form, cell)

    def _show_row(self, field: str, visible: bool) -> None:
        form, cell = self._rows[field]
        form.setRowVisible(cell, visible)

    # --- behaviour -----------------------------------------------------------------------

    def kind_key(self) -> str:
        return str(self.kind.value())

    def is_collective(self) -> bool:
        return self.kind_key() == COLLECTIVE

    def needs_commune(self) -> bool:
        return self.place.key() in vocabulary().places_needing_commune

    def _place_notes(self, collective: bool) -> None:
        """A workshop has no outcome box but its head counts under both columns: its
        notes go under the content (right), so that the whole form fits 1280×720."""
        column = self._right if collective else self._left
        if column.indexOf(self._notes_box) >= 0:
            return
        (self._left if collective else self._right).removeWidget(self._notes_box)
        column.insertWidget(column.count() - 1, self._notes_box)  # before the stretch

    def is_admin(self) -> bool:
        return self.themes.is_checked(ADMIN_THEME)

    def _sync(self) -> None:
        """Show what applies: the commune where the place needs one, the custom
        duration, the administrative topics with the administrative theme, the
        individual or the workshop fields."""
        collective = self.is_collective()
        self._show_row("beneficiary_id", not collective)
        self.workshop.setVisible(collective)
        self.counts.setVisible(collective)
        self.outcome.setVisible(not collective)
        self._place_notes(collective)
        self._show_row("custom_duration", self.duration.value() == CUSTOM_DURATION)
        needs_commune = self.needs_commune()
        self._show_row("commune_name", needs_commune)
        if needs_commune:
            communes.warm_up()  # the list is read once, before the first letter typed
        admin = self.is_admin()
        self._show_row("admin_themes", admin)
        self._admin_column.setVisible(admin)
        self._show_row("procedure_details", admin)
        self.referral_target.setEnabled(self.referred.isChecked())
        self.shares_data.setEnabled(self.referred.isChecked())
        self.changed.emit()

    def _on_equipment(self, key: str, on: bool) -> None:
        # "Aucun" (no device) and a device exclude each other.
        if not on:
            return
        for other, box in self.equipment.items():
            if (key == "Aucun") != (other == "Aucun") and box.isChecked():
                box.setChecked(False)

    def first_field(self) -> QWidget:
        return self.title if self.is_collective() else self.beneficiary.edit

    def focus_chain(self) -> list[QWidget]:
        return list(self._chain)

    # --- values --------------------------------------------------------------------------

    def duration_min(self) -> int:
        minutes = int(self.duration.value())
        if minutes == CUSTOM_DURATION:
            return self.custom_duration.minutes()
        return minutes

    def set_duration(self, minutes: int) -> None:
        for row in range(self.duration.count()):
            if self.duration.itemData(row, KeyRole) == minutes:
                self.duration.setCurrentIndex(row)
                return
        self.duration.set_value(CUSTOM_DURATION)
        self.custom_duration.set_minutes(minutes)

    def data(self) -> dict[str, Any]:
        """The service's input from what is shown. Raises KnownError when a picker
        holds text that names nobody or no commune (the form does not guess)."""
        kind = self.kind_key()
        out: dict[str, Any] = {
            **self._kept,
            "kind": kind,
            "date": self.date.date().toPython(),
            "duration_min": self.duration_min(),
            "place_type": self.place.key(),
            "themes": self.themes.keys(),
            "equipment": [k for k, box in self.equipment.items() if box.isChecked()],
            "notes": self.notes.toPlainText() or None,
        }
        if self.needs_commune():
            out["commune"] = self.commune.commune_input()
        if self.is_admin():
            out["admin_themes"] = self.admin_themes.keys()
            out["procedure_details"] = self.details.text() or None
        if kind == INDIVIDUAL:
            out["beneficiary_id"] = self.beneficiary.beneficiary_id()
            out["autonomy"] = self.autonomy.key()
            out["referred"] = self.referred.isChecked()
            out["referral_target"] = (
                self.referral_target.key() if self.referred.isChecked() else None
            )
            out["referral_shares_data"] = (
                self.referred.isChecked() and self.shares_data.isChecked()
            )
            out["completion"] = self.completion.key()
            out["under_mandate_scope"] = self.mandate_scope.key()
        else:
            out["workshop_title"] = self.title.text() if self.title.text().strip() else None
            out["level"] = self.level.key()
            out["participant_ids"] = self.participants.ids()
            out["anonymous"] = self.counts.value()
        return out

    def load(self, a: ActivityIn, *, as_copy: bool = False) -> None:
        """Show a stored session; as a copy, dated today and without its notes."""
        self._kept = {
            name: getattr(a, name) for name in ActivityIn.model_fields
            if name not in MANAGED_FIELDS
        }
        self.kind.set_value(a.kind)
        self.date.setDate(qdate(self._today if as_copy else a.date))
        self.set_duration(a.duration_min)
        self.place.set_key(a.place_type)
        if a.commune is not None:
            self.commune.set_stored(a.commune.name, a.commune.postal_code, a.commune.insee)
        self.themes.set_keys(a.themes)
        self.admin_themes.set_keys(a.admin_themes)
        self.details.setText(a.procedure_details or "")
        for key, box in self.equipment.items():
            box.setChecked(key in a.equipment)
        self.notes.setPlainText("" if as_copy else (a.notes or ""))
        self.beneficiary.set_beneficiary(self._person(a.beneficiary_id))
        self.autonomy.set_key(a.autonomy)
        self.referred.setChecked(a.referred)
        self.referral_target.set_key(a.referral_target)
        self.shares_data.setChecked(a.referral_shares_data)
        self.completion.set_key(a.completion)
        self.mandate_scope.set_key(a.under_mandate_scope)
        self.title.setText(a.workshop_title or "")
        self.level.set_key(a.level)
        people = [self._person(i) for i in a.participant_ids]
        self.participants.set_participants(p for p in people if p is not None)
        self.counts.set_value(a.anonymous.model_dump())
        self._sync()

    def apply_prefs(self, p: prefs.Preferences) -> None:
        if p.place_type:
            self.place.set_key(p.place_type)
        if p.duration_min:
            self.set_duration(p.duration_min)

    def _person(self, beneficiary_id: int | None) -> BeneficiaryOut | None:
        if beneficiary_id is None:
            return None
        try:
            return beneficiaries.get_beneficiary(self._vault, beneficiary_id)
        except KnownError as err:  # gone since: the service will say so on save
            ops.note_error(err, action="activity form")
            return None

    def state(self) -> tuple[Any, ...]:
        """What is on screen, to tell whether something was typed."""
        return (
            self.kind.currentIndex(), self.beneficiary.text(), self.date.date(),
            self.duration.currentIndex(), self.custom_duration.time(),
            self.place.currentIndex(), self.commune.text(), tuple(self.themes.keys()),
            tuple(self.admin_themes.keys()), self.details.text(),
            tuple(b.isChecked() for b in self.equipment.values()),
            self.autonomy.currentIndex(), self.referred.isChecked(),
            self.referral_target.currentIndex(), self.shares_data.isChecked(),
            self.completion.currentIndex(), self.mandate_scope.currentIndex(),
            self.notes.toPlainText(), self.title.text(), self.level.currentIndex(),
            tuple(self.participants.ids()), self.counts.state(),
        )

    # --- drafts --------------------------------------------------------------------------

    def draft_fields(self) -> dict[str, Any]:
        """Everything shown, as plain JSON values, to keep as a draft: unlike `data()`
        it never refuses (a name typed but not picked is kept as typed)."""
        commune: dict[str, Any] = {"text": self.commune.text()}
        try:
            commune["input"] = self.commune.commune_input()
        except KnownError:  # text naming no commune yet: kept as typed
            commune["input"] = None
        chosen = self.beneficiary.beneficiary()
        return {
            "kind": self.kind_key(),
            "date": self.date.date().toString(Qt.DateFormat.ISODate),
            "duration_min": self.duration_min(),
            "place_type": self.place.key(),
            "commune": commune,
            "themes": self.themes.keys(),
            "admin_themes": self.admin_themes.keys(),
            "procedure_details": self.details.text(),
            "equipment": [k for k, box in self.equipment.items() if box.isChecked()],
            "notes": self.notes.toPlainText(),
            "beneficiary_id": chosen.id if chosen is not None else None,
            "beneficiary_text": "" if chosen is not None else self.beneficiary.text(),
            "autonomy": self.autonomy.key(),
            "referred": self.referred.isChecked(),
            "referral_target": self.referral_target.key(),
            "referral_shares_data": self.shares_data.isChecked(),
            "completion": self.completion.key(),
            "under_mandate_scope": self.mandate_scope.key(),
            "workshop_title": self.title.text(),
            "level": self.level.key(),
            "participant_ids": self.participants.ids(),
            "anonymous": self.counts.value(),
        }

    def draft_beneficiary(self) -> int | None:
        """The file a draft of this form is about (an individual session's person)."""
        chosen = self.beneficiary.beneficiary()
        return chosen.id if chosen is not None and not self.is_collective() else None

    def restore_draft(self, fields: dict[str, Any]) -> None:
        """Show a draft as it was kept (`draft_fields`)."""
        self.kind.set_value(fields.get("kind") or INDIVIDUAL)
        day = as_date(fields.get("date"))
        if day is not None:
            self.date.setDate(qdate(day))
        if fields.get("duration_min"):
            self.set_duration(int(fields["duration_min"]))
        self.place.set_key(fields.get("place_type"))
        commune = fields.get("commune") or {}
        stored = commune.get("input")
        if stored:
            self.commune.set_stored(stored.get("name"), stored.get("postal_code"),
                                    stored.get("insee"))
        else:
            self.commune.set_commune(None)
            self.commune.edit.setText(str(commune.get("text") or ""))
        self.themes.set_keys(fields.get("themes") or [])
        self.admin_themes.set_keys(fields.get("admin_themes") or [])
        self.details.setText(str(fields.get("procedure_details") or ""))
        for key, box in self.equipment.items():
            box.setChecked(key in (fields.get("equipment") or []))
        self.notes.setPlainText(str(fields.get("notes") or ""))
        person = self._person(fields.get("beneficiary_id"))
        self.beneficiary.set_beneficiary(person)
        if person is None and fields.get("beneficiary_text"):
            self.beneficiary.edit.setText(str(fields["beneficiary_text"]))
        self.autonomy.set_key(fields.get("autonomy"))
        self.referred.setChecked(bool(fields.get("referred")))
        self.referral_target.set_key(fields.get("referral_target"))
        self.shares_data.setChecked(bool(fields.get("referral_shares_data")))
        self.completion.set_key(fields.get("completion"))
        self.mandate_scope.set_key(fields.get("under_mandate_scope"))
        self.title.setText(str(fields.get("workshop_title") or ""))
        self.level.set_key(fields.get("level"))
        people = [self._person(int(i)) for i in fields.get("participant_ids") or []]
        self.participants.set_participants(p for p in people if p is not None)
        self.counts.set_value(fields.get("anonymous") or {})
        self._sync()

    # --- refusals ------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in {id(v): v for v in self._errors.values()}.values():
            show_message(label, "", announce=False)
        for widget in self._targets.values():
            widget.setAccessibleDescription("")
        show_message(self.message, "", announce=False)

    def show_error(self, err: KnownError) -> QWidget | None:
        """Write the refusal next to its field and focus that field; a refusal that
        names no field shown is written under the form. Returns the focused field."""
        text = err.message(current_lang())
        field = err.field or ""
        if field == "beneficiary":
            field = "participant_ids" if self.is_collective() else "beneficiary_id"
        label = self._errors.get(field)
        target = self._targets.get(field)
        if label is None or target is None or not target.isVisibleTo(self.window()):
            show_message(self.message, text)
            return None
        show_message(label, text)
        target.setAccessibleDescription(text)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return target

    def error_text(self, field: str) -> str:
        """The refusal shown next to a field ("" if none)."""
        label = self._errors.get(field)
        return label.text() if label is not None and label.isVisibleTo(self.window()) else ""

    def clear_sensitive(self) -> None:
        self.beneficiary.clear()
        self.participants.clear()
        self.notes.clear()
        self.details.clear()
        self.title.clear()


class ActivityDialog(QDialog):
    """New, edited or duplicated session. `ask()` shows it and returns the session
    as saved, or None when cancelled."""

    def __init__(
        self,
        vault: Vault,
        *,
        activity: ActivityOut | None = None,
        duplicate_of: ActivityOut | None = None,
        kind: str = INDIVIDUAL,
        today: dt.date | None = None,
        draft: DraftOut | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._editing = activity
        self._resumed = draft is not None
        self.saved: ActivityOut | None = None
        self._copy = duplicate_of is not None

        self.form = ActivityForm(vault, today=today, parent=self)
        if activity is not None:
            self.form.load(activity)
        elif duplicate_of is not None:
            self.form.load(duplicate_of, as_copy=True)
        else:
            self.form.kind.set_value(kind)
            self.form.apply_prefs(prefs.load_prefs(vault.paths.data_dir))
        if draft is not None:
            self.form.restore_draft(draft.fields)

        self.extras = SessionExtras(vault, activity.id if activity else None, parent=self)
        self.extras.restore(draft.fields.get("extras") if draft is not None else None)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.hint = QLabel(self.tr("Ctrl+S : enregistrer · Échap : annuler"), self)
        self.hint.setEnabled(False)
        self.cancel_button = named(QPushButton(self.tr("Annuler"), self))
        self.save_button = named(QPushButton(self.tr("&Enregistrer"), self))
        self.save_button.setToolTip(self.tr("Enregistrer (Ctrl+S)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.extras.tags_row, 3)
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        if activity is not None and activity.referred:  # a slip for the person to carry
            from accomp.ui.dialogs.referral_slip import SlipButton
            buttons.addWidget(SlipButton(vault, activity.id, self))
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(appointment.attach(self))  # Ctrl+Shift+R: save, plan the next
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.extras)
        layout.addLayout(buttons)

        # No default button: Enter in a field never saves half a form by surprise;
        # Enter on a focused button presses it (see keyPressEvent).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        for a, b in itertools.pairwise([self.form.focus_chain()[-1],
                                        *self.extras.focus_chain(), self.cancel_button]):
            QWidget.setTabOrder(a, b)
        QWidget.setTabOrder(self.cancel_button, self.save_button)

        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_shortcut.activated.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.form.kind.currentIndexChanged.connect(lambda _i: self._show_extras())
        self._show_extras()
        self.form.kind.currentIndexChanged.connect(lambda _i: self._size_to_content())
        self.form.kind.currentIndexChanged.connect(lambda _i: self._set_title())
        self._set_title()

        self._initial = self.form.state()
        # What is typed is kept in the vault a moment after each change and at lock.
        self.drafts = DraftKeeper(
            vault, self, kind=lambda: "workshop" if self.form.is_collective() else "activity",
            read=self._draft_fields, beneficiary=self.form.draft_beneficiary,
            draft_id=draft.id if draft is not None else None,
        )
        self.drafts.watch(self.form)
        self.drafts.watch(self.extras)
        self._size_to_content()
        self.form.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _draft_fields(self) -> dict[str, Any]:
        editing = self._editing.id if self._editing is not None else None
        return {**self.form.draft_fields(), "activity_id": editing,
                "extras": self.extras.draft()}

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        vault: Vault,
        *,
        activity: ActivityOut | None = None,
        duplicate_of: ActivityOut | None = None,
        kind: str = INDIVIDUAL,
        draft: DraftOut | None = None,
    ) -> ActivityOut | None:
        """The session as saved, or None when cancelled (or the vault locked: what
        was typed is then kept as a draft). With `draft`, the form reopens as it
        was kept (the session it was editing, if it still exists)."""
        if draft is not None and activity is None and draft.fields.get("activity_id"):
            try:
                activity = activities.get_activity(vault, int(draft.fields["activity_id"]))
            except KnownError as err:  # deleted since: the draft becomes a new session
                ops.note_error(err, action="activity draft")
        dialog = cls(vault, activity=activity, duplicate_of=duplicate_of, kind=kind,
                     draft=draft, parent=parent)
        try:
            dialog.exec()
            return dialog.saved
        finally:
            dialog.deleteLater()

    def _show_extras(self) -> None:
        self.extras.set_collective(self.form.kind.value() == "Collectif")

    def _set_title(self) -> None:
        """"Nouvel atelier" for a workshop, "Nouvelle activité" for one person."""
        workshop = self.form.is_collective()
        if self._editing is not None:
            title = self.tr("Modifier l'atelier") if workshop else self.tr("Modifier l'activité")
        elif self._copy:
            title = (self.tr("Nouvel atelier (copie)") if workshop
                     else self.tr("Nouvelle activité (copie)"))
        else:
            title = self.tr("Nouvel atelier") if workshop else self.tr("Nouvelle activité")
        self.setWindowTitle(f"accomp — {title}")

    def _size_to_content(self) -> None:
        hint = self.form.sizeHint()
        screen = self.screen().availableGeometry() if self.screen() else None
        width = max(hint.width() + 40, 980)
        height = hint.height() + 90
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 60)
        self.resize(max(width, self.width()), height)

    # --- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Call the service; on refusal write why next to the field and keep the
        dialog open (nothing was written); on success remember the place and the
        duration, announce the change and close."""
        self.form.clear_errors()
        try:
            data = self.form.data()
            self.extras.competences.entries()  # a mistyped competence refuses the save
            day, at, editing = self.form._today, clock.instant(self.form._today), self._editing
            out = (activities.update_activity(self._vault, editing.id, data, today=day, at=at)
                   if editing is not None  # the form's clock is the service's (tests freeze it)
                   else activities.log_activity(self._vault, data, today=day, at=at))
        except KnownError as err:
            ops.note_error(err, action="activity form")
            self.form.show_error(err)
            return False
        except Exception as exc:
            ops.show_error(self, exc, action="activity form")
            return False
        prefs.remember(self._vault.paths.data_dir, place_type=out.place_type,
                       duration_min=out.duration_min)
        self.saved = out
        self.extras.save(out.id, today=day)
        self.drafts.discard("saved")
        ops.changes().changed.emit(TOPIC)
        self._tell_notices(getattr(out, "notices", None) or [])
        self.accept()
        return True

    def _tell_notices(self, codes: list[str]) -> None:
        """What the consent rules left out of the save (e.g. notes without consent)."""
        texts: list[str] = []
        for code in codes:
            try:
                texts.append(KnownError(code).message(current_lang()))
            except ValueError:  # a code this version cannot word: say nothing wrong
                ops.note_error(RuntimeError(f"unknown notice {code!r}"), action="notices")
        if texts:
            QMessageBox.information(self, self.tr("Activité enregistrée"), "\n\n".join(texts))

    def is_dirty(self) -> bool:
        return self._resumed or self.form.state() != self._initial

    def clear_sensitive(self) -> None:
        """Empty the fields about a person and close without saving or asking (the
        vault is being locked: the draft was kept before)."""
        self.drafts.stop()
        self.form.clear_sensitive()
        QDialog.reject(self)

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Abandonner la saisie"),
                self.tr("Abandonner cette saisie ? Ce qui a été tapé sera perdu."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.drafts.discard("cancelled")
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = QApplication.focusWidget()
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
            event.accept()
            return
        super().keyPressEvent(event)
