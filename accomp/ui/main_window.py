"""The main window: navigation on the left, the current screen, a status bar that
says which vault is open (and whether it is the demo), and the lock.

The window does not lock the vault itself: it emits `lock_requested`, and the
application locks, then calls `clear_sensitive()` and shows the unlock dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.services.vaults import Vault
from accomp.ui.labels import current_lang
from accomp.ui.views.beneficiaries import BeneficiariesPage
from accomp.ui.views.dashboard import DashboardPage
from accomp.ui.views.exports import ExportsPage
from accomp.ui.views.journal import JournalView
from accomp.ui.views.person_panels import PersonPanels
from accomp.ui.views.privacy import PrivacyPage
from accomp.ui.views.renewals import RenewalsList
from accomp.ui.views.settings import SettingsPage

DEMO_STYLE = (
    "QLabel { background: #b3261e; color: white; font-weight: bold;"
    " padding: 2px 10px; border-radius: 3px; }"
)
NAV_STYLE = "QListWidget::item { padding: 6px 8px; }"
BANNER_STYLE = (
    "QLabel { background: #fff4ce; color: #3d2e00; border: 1px solid #c8a600; padding: 8px; }"
)


class MainWindow(QMainWindow):
    PAGE_JOURNAL = 0
    PAGE_BENEFICIARIES = 1
    PAGE_DASHBOARD = 2
    PAGE_EXPORTS = 3
    PAGE_SETTINGS = 4
    PAGE_PRIVACY = 5

    lock_requested = Signal()

    def __init__(
        self,
        vault: Vault,
        *,
        demo: bool = False,
        vault_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._demo = demo
        title = "accomp"
        if demo:
            title += " — " + self.tr("DÉMO")
        self.setWindowTitle(title)

        self.journal = JournalView(vault, self)
        self.beneficiaries = BeneficiariesPage(vault, self)
        self.person_panels = PersonPanels(vault)
        self.beneficiaries.file_view.set_consent_panel(self.person_panels)
        self.dashboard = DashboardPage(vault, self)
        self.renewals = RenewalsList(vault)
        self.dashboard.set_side_widget(self.renewals)
        self.renewals.open_requested.connect(self._open_file)
        self.settings = SettingsPage(vault, self)
        self.exports = ExportsPage(vault, self)
        self.privacy = PrivacyPage(vault, self)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.nav.setStyleSheet(NAV_STYLE)
        self.pages = QStackedWidget(self)
        for name, page in [
            (self.tr("Journal"), self.journal),
            (self.tr("Bénéficiaires"), self.beneficiaries),
            (self.tr("Tableau de bord"), self.dashboard),
            (self.tr("Exports"), self.exports),
            (self.tr("Paramètres"), self.settings),
            (self.tr("Confidentialité"), self.privacy),
        ]:
            self.nav.addItem(name)
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        fm = self.nav.fontMetrics()
        self.nav.setFixedWidth(
            max(fm.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count()))
            + 4 * fm.horizontalAdvance("M")
        )
        self.nav.setCurrentRow(self.PAGE_JOURNAL)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner: QLabel | None = None
        warning = self._read_only_warning(vault)
        if warning:
            self.banner = QLabel(warning, central)
            self.banner.setObjectName("readOnlyBanner")
            self.banner.setWordWrap(True)
            self.banner.setStyleSheet(BANNER_STYLE)
            self.banner.setAccessibleName(self.tr("Avertissement"))
            self.banner.setAccessibleDescription(warning)
            outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(6, 6, 6, 0)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar(vault_label)
        self.setTabOrder(self.nav, self.journal.table)
        self.setTabOrder(self.journal.table, self.lock_button)

    # --- building --------------------------------------------------------------------

    @staticmethod
    def _read_only_warning(vault: Vault) -> str:
        if vault.damaged:
            return KnownError("vault_damaged").message(current_lang())
        if vault.read_only:
            return KnownError("vault_read_only").message(current_lang())
        return ""

    def _build_actions(self) -> None:
        self.lock_action = QAction(self.tr("&Verrouiller"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.quit_action = QAction(self.tr("&Quitter"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.shortcuts_action = QAction(self.tr("&Raccourcis clavier…"), self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)

        # Ctrl+1…5 reach each section without the mouse.
        self.section_actions: list[QAction] = []
        for row in range(self.nav.count()):
            action = QAction(
                self.tr("Aller à « %1 »").replace("%1", self.nav.item(row).text()), self
            )
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.show_page(r))
            self.addAction(action)
            self.section_actions.append(action)

        file_menu = self.menuBar().addMenu(self.tr("&Fichier"))
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Aide"))
        help_menu.addAction(self.shortcuts_action)

    def _build_status_bar(self, vault_label: str) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.setContentsMargins(6, 0, 6, 2)
        self.vault_label = QLabel(vault_label, self)
        self.vault_label.setObjectName("vaultLabel")
        self.vault_label.setAccessibleName(self.tr("Coffre ouvert"))
        bar.addWidget(self.vault_label)
        self.demo_marker: QLabel | None = None
        if self._demo:
            self.demo_marker = QLabel(self.tr("DÉMO"), self)
            self.demo_marker.setObjectName("demoMarker")
            self.demo_marker.setStyleSheet(DEMO_STYLE)
            self.demo_marker.setAccessibleName(self.tr("Mode démonstration : données fictives"))
            self.demo_marker.setToolTip(
                self.tr("Coffre de démonstration : les données sont fictives.")
            )
            bar.addPermanentWidget(self.demo_marker)
        self.lock_button = QPushButton(self.tr("Verrouiller"), self)
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setAccessibleName(self.tr("Verrouiller le coffre"))
        self.lock_button.setToolTip(
            self.tr("Verrouiller le coffre (%1)").replace(
                "%1", self.lock_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.lock_button.clicked.connect(self.lock_requested)
        bar.addPermanentWidget(self.lock_button)

    # --- behaviour -------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _open_file(self, beneficiary_id: int) -> None:
        """From the renewals list: open that person's file (consents shown there)."""
        self.show_page(self.PAGE_BENEFICIARIES)
        self.beneficiaries.show_beneficiary(beneficiary_id)

    def shortcuts(self) -> list[tuple[str, str]]:
        """(what it does, keys) for every keyboard shortcut of the window."""
        j, b = self.journal, self.beneficiaries
        actions = [
            self.lock_action,
            self.quit_action,
            self.shortcuts_action,
            *self.section_actions,
            j.new_action, j.new_workshop_action, j.duplicate_action, j.delete_action,
            j.undo_action, b.search_action, b.new_action,
        ]
        return [
            (
                a.text().replace("&", "").rstrip("…"),
                a.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
            )
            for a in actions
            if not a.shortcut().isEmpty()
        ]

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcuts(), self).exec()

    def screens(self) -> list[QWidget]:
        """The pages that show data from the vault."""
        pages = [self.journal, self.beneficiaries, self.dashboard, self.exports, self.settings,
                 self.privacy]
        return [p for p in pages if p is not None]

    def clear_sensitive(self) -> None:
        """Empty every screen that shows data; they read nothing until reloaded."""
        for page in self.screens():
            page.clear_sensitive()  # type: ignore[attr-defined]

    def reload(self) -> None:
        """Read every screen's data again (after unlocking)."""
        for page in self.screens():
            page.reload()  # type: ignore[attr-defined]


class ShortcutsDialog(QDialog):
    """A small table of the window's keyboard shortcuts."""

    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Raccourcis clavier"))
        self.table = QTableWidget(len(shortcuts), 2, self)
        self.table.setAccessibleName(self.tr("Raccourcis clavier"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Touches")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        for row, (text, keys) in enumerate(shortcuts):
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(420, 320)
