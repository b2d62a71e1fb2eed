"""The Bénéficiaires page: the list of files (search as you type, filters) beside
the file of the person selected.

Keyboard: Ctrl+F goes to the search field; there, Down and Up (Page Down, Page Up)
move in the results (the file follows), Enter opens the selected file (the first one
if none is), Tab goes to the list; in the list the arrows walk it, Enter on a line
moves into the file; Ctrl+Shift+B creates a file (Ctrl+Shift+N is the journal's new
workshop: one shortcut, one action). The list reads on as it scrolls:
every file matching is reachable, not only the first LIST_LIMIT.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.vocab import vocabulary
from accomp.services import duplicates
from accomp.services.duplicates import BeneficiaryFilter, BeneficiaryPage
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog
from accomp.ui.dialogs.merge_files import MergeActions
from accomp.ui.labels import current_lang
from accomp.ui.models.beneficiaries import BeneficiaryTableModel
from accomp.ui.views.beneficiary_file import BeneficiaryFileView
from accomp.ui.widgets import buddy_label, heading, named

TOPICS = ("beneficiaries", "activities")
LIST_LIMIT = 300
SEARCH_DELAY_MS = 150


class BeneficiariesPage(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.today: Callable[[], dt.date] = dt.date.today  # frozen in tests
        self._active = True
        self._stale = False  # a change came while hidden
        self._build()
        self._connect()
        self.reload()

    # --- building --------------------------------------------------------------------

    def _filter_combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        # Sized to a few characters, not to the longest choice ("Statistiques
        # uniquement"): the list pane stays narrow and the file gets the room. The
        # pop-up still shows each choice whole, and so does the combo once widened.
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    def _build(self) -> None:
        lang = current_lang()
        self.title = heading(self.tr("Bénéficiaires"), self)
        self.new_button = named(QPushButton(self.tr("&Nouveau bénéficiaire…"), self))
        self.new_button.setObjectName("newBeneficiary")
        self.search = QLineEdit(self)
        self.search.setObjectName("beneficiarySearch")
        self.search.setPlaceholderText(self.tr("Code, nom, téléphone ou e-mail"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        search_label = buddy_label(self.tr("&Rechercher :"), self.search, parent=self)
        self.search.setAccessibleName(self.tr("Rechercher un bénéficiaire"))

        def terms(list_name: str) -> list[tuple[str, object]]:
            return [(t.label(lang), t.key) for t in vocabulary().terms(list_name)]

        self.age_filter = self._filter_combo(
            "ageFilter", [(self.tr("Toutes"), None), *terms("age_bands")])
        self.gender_filter = self._filter_combo(
            "genderFilter", [(self.tr("Tous"), None), *terms("genders")])
        self.status_filter = self._filter_combo(
            "statusFilter", [(self.tr("Tous"), None), *terms("social_statuses")])
        self.identity_filter = self._filter_combo("identityFilter", [
            (self.tr("Tous"), None), (self.tr("Avec identité"), True),
            (self.tr("Statistiques uniquement"), False),
        ])
        self.files_filter = self._filter_combo("filesFilter", [
            (self.tr("Actifs"), False), (self.tr("Anonymisés"), True), (self.tr("Tous"), None),
        ])
        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        for i, (text, combo) in enumerate((
            (self.tr("&Tranche d'âge :"), self.age_filter),
            (self.tr("G&enre :"), self.gender_filter),
            (self.tr("&Statut :"), self.status_filter),
            (self.tr("&Identité :"), self.identity_filter),
            (self.tr("&Dossiers :"), self.files_filter),
        )):
            row, col = divmod(i, 2)
            filters.addWidget(buddy_label(text, combo, parent=self), row, 2 * col)
            filters.addWidget(combo, row, 2 * col + 1)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)

        self.model = BeneficiaryTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("beneficiaryTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Liste des bénéficiaires"))
        self.table.setAccessibleDescription(
            self.tr("Vu le plus récemment en premier. Entrée ouvre le dossier."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Two files selected (Ctrl+click, Shift+arrows) can be merged
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setCornerButtonEnabled(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self._size_columns()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("beneficiaryCount")
        self.count_label.setWordWrap(True)

        self.file_view = BeneficiaryFileView(self._vault, self)

        left = self.list_pane = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.new_button)
        self.merging = MergeActions(self, self._vault, self.selected_ids, self.show_beneficiary,
                                    lambda: self.today())
        merge_row = QHBoxLayout()  # own row: the list pane keeps its width
        merge_row.addStretch(1)
        merge_row.addWidget(self.merging.merge_button)
        merge_row.addWidget(self.merging.undo_button)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        left_layout.addLayout(head)
        left_layout.addLayout(merge_row)
        left_layout.addLayout(search_row)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("beneficiarySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.file_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 6)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # From the search, Tab reaches the results first; the filters come after.
        order: list[QWidget] = [
            self.search, self.table, self.age_filter, self.gender_filter, self.status_filter,
            self.identity_filter, self.files_filter, self.new_button,
            self.merging.merge_button, self.merging.undo_button, self.file_view.edit_button,
            self.file_view.timeline, self.file_view.notes,
        ]
        for a, b in itertools.pairwise(order):
            self.setTabOrder(a, b)

        self.search_action = QAction(self.tr("Rechercher un bénéficiaire"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.new_action = QAction(self.tr("Nouveau bénéficiaire"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        for action in (self.search_action, self.new_action):
            # Only while this page is shown: other pages may use the same keys.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.new_button.setToolTip(self.tr("Nouveau bénéficiaire (%1)").replace(
            "%1", self.new_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

    def _size_columns(self) -> None:
        m = BeneficiaryTableModel
        fm = self.table.fontMetrics()
        pad = 2 * fm.horizontalAdvance("M")
        header = self.table.horizontalHeader()
        heads = self.model.headers()
        widths = {
            m.COL_CODE: max(fm.horizontalAdvance("B-WWWW"), fm.horizontalAdvance(heads[0])),
            m.COL_NAME: fm.horizontalAdvance("Marie-Thérèse DUPONT"),
            m.COL_BIRTH_YEAR: fm.horizontalAdvance(heads[m.COL_BIRTH_YEAR]),
            m.COL_AGE_BAND: max(fm.horizontalAdvance(t) for t in
                                (heads[m.COL_AGE_BAND], "70 ans et plus")),
            m.COL_GENDER: max(fm.horizontalAdvance(t) for t in labels.all_labels("genders")),
            m.COL_STATUS: fm.horizontalAdvance("Sans emploi"),
            m.COL_COMMUNE: fm.horizontalAdvance("Châtellerault (86100)"),
            m.COL_LAST_CONTACT: fm.horizontalAdvance(heads[m.COL_LAST_CONTACT]),
        }
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width + pad)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.open_first)
        self.search.installEventFilter(self)
        self._search_timer.timeout.connect(self.refresh)
        for combo in (self.age_filter, self.gender_filter, self.status_filter,
                      self.identity_filter, self.files_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.selectionModel().selectionChanged.connect(self.merging.selection_changed)
        self.table.activated.connect(self._on_activated)
        self.new_button.clicked.connect(self.new_beneficiary)
        self.new_action.triggered.connect(self.new_beneficiary)
        self.search_action.triggered.connect(self.focus_search)
        ops.changes().changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            if self._active:
                self.refresh()
        if not self._sized:  # the first time only: then the worker's split is kept
            self._sized = True
            from accomp.ui.window_state import restore_splitter

            if restore_splitter(self.splitter):
                return
            # The file gets most of it (its consents and mandates need the room); the
            # list keeps at least what its search and filters need.
            width = max(self.splitter.width(), 800)
            left = max(self.list_pane.minimumSizeHint().width(), width * 9 // 25)
            self.splitter.setSizes([left, width - left])

    # --- data ------------------------------------------------------------------------

    def filters(self) -> BeneficiaryFilter:
        return BeneficiaryFilter(
            age_band=self.age_filter.currentData(),
            gender=self.gender_filter.currentData(),
            social_status=self.status_filter.currentData(),
            has_identity=self.identity_filter.currentData(),
            anonymised=self.files_filter.currentData(),
        )

    def refresh(self) -> None:
        """Read the list again under the current search and filters, keeping the file
        shown selected if it is still listed."""
        self._search_timer.stop()
        self._stale = False
        if not self._active:
            return
        query, filters = self.search.text(), self.filters()

        def fetch(offset: int) -> BeneficiaryPage | None:
            got = ops.run(self, duplicates.list_beneficiaries, self._vault, query, filters,
                          limit=LIST_LIMIT, offset=offset)
            return got.value if got else None

        page = fetch(0) or BeneficiaryPage([], 0)
        shown = self.file_view.current_id()
        self.table.selectionModel().blockSignals(True)
        try:
            self.model.set_page(page, fetch)
            row = self.model.row_of(shown) if shown is not None else None
            if row is not None:
                self._select_row(row)
        finally:
            self.table.selectionModel().blockSignals(False)
        self._update_count()

    def reload(self) -> None:
        """Read everything again (after unlocking, or when data changed)."""
        self._active = True
        self.refresh()
        self.file_view.reload()

    def clear_sensitive(self) -> None:
        """Empty every widget showing personal data (the search typed may be a
        name); read nothing more until reload()."""
        self._active = False
        self._search_timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        self.count_label.clear()
        self.file_view.clear_sensitive()
        BeneficiaryDialog.close_all()

    def _update_count(self) -> None:
        total = self.model.total()
        if total == 0:
            text = self.tr("Aucun bénéficiaire ne correspond.")
        else:
            text = labels.resolve_plural(self.tr("%n bénéficiaire(s)", "", total), total)
        self.count_label.setText(text)

    # --- behaviour -------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_first(self) -> None:
        """Enter in the search field: open the file selected in the results (the
        first one if none is) and go to the list."""
        if self._search_timer.isActive():  # typed faster than the list followed
            self.refresh()
        if not self.model.rowCount():
            return
        rows = self.table.selectionModel().selectedRows()
        self._select_row(rows[0].row() if rows else 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_in_results(self, step: int) -> None:
        """Down / Up (step ±1) or Page Down / Page Up in the search field: move the
        selection in the list without leaving the field; the file follows."""
        if self._search_timer.isActive():
            self.refresh()
        n = self.model.rowCount()
        if not n:
            return
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            target = 0 if step > 0 else n - 1
        else:
            target = min(max(rows[0].row() + step, 0), n - 1)
        if target == n - 1 and self.model.canFetchMore():
            self.model.fetchMore()
        self._select_row(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            page = max(1, self.table.viewport().height()
                       // max(1, self.table.verticalHeader().defaultSectionSize()) - 1)
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1,
                     Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page}
            step = steps.get(Qt.Key(event.key()))
            if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.move_in_results(step)
                return True
        return super().eventFilter(watched, event)

    def show_beneficiary(self, beneficiary_id: int) -> None:
        """Show a file, selected in the list if it is listed."""
        row = self.model.row_of(beneficiary_id)
        if row is not None:
            self._select_row(row)
        else:
            self.table.clearSelection()
            self.file_view.show_beneficiary(beneficiary_id)

    def new_beneficiary(self) -> None:
        created = BeneficiaryDialog.ask(self, self._vault, today=self.today())
        if created is not None:  # saved (the list already refreshed) or an existing file
            self.show_beneficiary(created.id)

    def selected_beneficiary_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.beneficiary_id(rows[0].row()) if rows else None

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.model() else []
        return [self.model.beneficiary_id(r.row()) for r in rows]

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self._active:
            beneficiary_id = self.model.beneficiary_id(current.row())
            if beneficiary_id != self.file_view.current_id():
                self.file_view.show_beneficiary(beneficiary_id)

    def _on_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        beneficiary_id = self.model.beneficiary_id(index.row())
        if beneficiary_id != self.file_view.current_id():
            self.file_view.show_beneficiary(beneficiary_id)
        if self.file_view.edit_button.isEnabled():
            self.file_view.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.file_view.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_changed(self, topic: str) -> None:
        if topic not in TOPICS or not self._active:
            return
        if self.isVisible():
            self.refresh()
        else:  # read it when shown again, not for nobody
            self._stale = True
