"""The fields of a session (`ActivityForm`), in two columns that fit a 1280×720
screen: they show what applies (the workshop or the individual fields, the commune
where the place needs one, the administrative topics with their theme) and a
refusal next to the field it names. What they hold, read or shown: `values`."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import communes
from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityIn
from accomp.domain.vocab import ADMIN_THEME, vocabulary
from accomp.services import beneficiaries
from accomp.services.vaults import Vault
from accomp.ui import labels, prefs
from accomp.ui.field_errors import FieldErrors
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
from accomp.ui.views.activity_form import values
from accomp.ui.views.activity_form.equipment import EquipmentBoxes
from accomp.ui.views.activity_form.kinds import COLLECTIVE, CUSTOM_DURATION, INDIVIDUAL
from accomp.ui.views.head_counts import COMPACT_MARGINS, HeadCounts
from accomp.ui.widgets import buddy_label, message_label, named, qdate, show_message


class ActivityForm(QWidget):
    """Every field of a session. `data()` gives the service's input; `show_error()`
    writes a refusal next to its field."""

    changed = Signal()

    def __init__(
        self, vault: Vault, *, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.today = today or dt.date.today()
        self.fields = FieldErrors(self, spacing=1)
        self._rows: dict[str, tuple[QFormLayout, QWidget]] = {}
        # The fields of a stored session the form does not show, kept as they were.
        self.kept: dict[str, Any] = {}
        search = functools.partial(beneficiaries.search_beneficiaries, vault, limit=10)

        # --- the session ------------------------------------------------------------
        self.kind = TypeAheadCombo(self)
        self.kind.addItem(self.tr("Accompagnement individuel"))
        self.kind.setItemData(0, INDIVIDUAL, KeyRole)
        self.kind.addItem(self.tr("Atelier collectif"))
        self.kind.setItemData(1, COLLECTIVE, KeyRole)
        self.beneficiary = BeneficiaryPicker(search, parent=self)
        self.date = DateField(self)
        self.date.setMaximumDate(qdate(self.today))
        self.date.setDate(qdate(self.today))
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
        self.equipment_boxes = EquipmentBoxes(self)
        self.equipment = self.equipment_boxes.boxes
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
        self._row(form, equipment_label, self.equipment_boxes, "equipment",
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
        self.fields.labels.update(self.counts.errors)
        self.fields.targets.update(self.counts.targets)

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

        self.kind.currentIndexChanged.connect(self.sync)
        self.place.currentIndexChanged.connect(self.sync)
        self.duration.currentIndexChanged.connect(self.sync)
        self.themes.changed.connect(self.sync)
        self.referred.toggled.connect(self.sync)
        self.sync()

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
        cell = self.fields.cell(field, widget, focus=target, also=also)
        form.addRow(label, cell)
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

    def sync(self) -> None:
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

    def first_field(self) -> QWidget:
        return self.title if self.is_collective() else self.beneficiary.edit

    def focus_chain(self) -> list[QWidget]:
        return list(self._chain)

    # --- values (read and shown by .values) ----------------------------------------------

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
        return values.service_input(self)

    def load(self, a: ActivityIn, *, as_copy: bool = False) -> None:
        """Show a stored session; as a copy, dated today and without its notes."""
        values.show_activity(self, a, as_copy=as_copy)

    def apply_prefs(self, p: prefs.Preferences) -> None:
        if p.place_type:
            self.place.set_key(p.place_type)
        if p.duration_min:
            self.set_duration(p.duration_min)

    def state(self) -> tuple[Any, ...]:
        """What is on screen, to tell whether something was typed."""
        return values.screen_state(self)

    def draft_fields(self) -> dict[str, Any]:
        """Everything shown, as plain JSON values, to keep as a draft: unlike `data()`
        it never refuses (a name typed but not picked is kept as typed)."""
        return values.draft_fields(self)

    def draft_beneficiary(self) -> int | None:
        """The file a draft of this form is about (an individual session's person)."""
        chosen = self.beneficiary.beneficiary()
        return chosen.id if chosen is not None and not self.is_collective() else None

    def restore_draft(self, fields: dict[str, Any]) -> None:
        """Show a draft as it was kept (`draft_fields`)."""
        values.restore_draft(self, fields)

    # --- refusals ------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.fields.clear()
        for widget in self.fields.targets.values():
            widget.setAccessibleDescription("")
        show_message(self.message, "", announce=False)

    def show_error(self, err: KnownError) -> QWidget | None:
        """Write the refusal next to its field and focus that field; a refusal that
        names no field shown is written under the form. Returns the focused field."""
        text = err.message(current_lang())
        field = err.field or ""
        if field == "beneficiary":
            field = "participant_ids" if self.is_collective() else "beneficiary_id"
        label = self.fields.label(field)
        target = self.fields.target(field)
        if label is None or target is None or not target.isVisibleTo(self.window()):
            show_message(self.message, text)
            return None
        show_message(label, text)
        target.setAccessibleDescription(text)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return target

    def error_text(self, field: str) -> str:
        """The refusal shown next to a field ("" if none)."""
        label = self.fields.label(field)
        return label.text() if label is not None and label.isVisibleTo(self.window()) else ""

    def clear_sensitive(self) -> None:
        self.beneficiary.clear()
        self.participants.clear()
        self.notes.clear()
        self.details.clear()
        self.title.clear()
