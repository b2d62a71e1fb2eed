"""The main window: navigation on the left, the current screen, a status bar that
says which vault is open (and whether it is the demo), and the lock.

The window does not lock the vault itself: it emits `lock_requested`, and the
application locks, then calls `clear_sensitive()` and shows the unlock dialog.

Only the journal is built with the window (it is what a worker comes for); every other
page is built, and its module imported, the first time it is shown or asked for
(`window.dashboard`…), so that the journal is on screen soon after unlocking.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
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
from accomp.ui.views.journal import JournalView

if TYPE_CHECKING:
    from accomp.ui.views.beneficiaries import BeneficiariesPage
    from accomp.ui.views.dashboard import DashboardPage
    from accomp.ui.views.exports import ExportsPage
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
    PAGE_HANDOVER = 6

    lock_requested = Signal()
    # Several workers on this computer: lock, then the list of profiles.
    switch_profile_requested = Signal()
    # Forwarded from the settings and privacy pages, which may not be built yet.
    language_changed = Signal(str)
    idle_minutes_changed = Signal(int)
    restore_requested = Signal(Path)

    def __init__(
        self,
        vault: Vault,
        *,
        demo: bool = False,
        vault_label: str = "",
        profiles: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._demo = demo
        self._profiles = profiles

        self.journal = JournalView(vault, self)
        self._built: dict[int, QWidget] = {self.PAGE_JOURNAL: self.journal}
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.nav.setStyleSheet(NAV_STYLE)
        self.pages = QStackedWidget(self)
        for index in range(self.PAGE_HANDOVER + 1):
            self.nav.addItem("")  # its text: _retranslate()
            self.pages.addWidget(self._built.get(index) or QWidget(self.pages))
        self.nav.currentRowChanged.connect(self._go_to)
        self.nav.setCurrentRow(self.PAGE_JOURNAL)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner: QLabel | None = None
        self._outer = outer
        self.show_read_only_warning()
        from accomp.ui.retention_banner import RetentionBanner

        self.retention_banner = RetentionBanner(self._retention_names, self)
        self.retention_banner.review_requested.connect(self.show_retention)
        outer.addWidget(self.retention_banner)
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
        self._retranslate()
        self._ready = True

    # --- texts -----------------------------------------------------------------------

    def _retranslate(self) -> None:
        """Every text set when building, in the interface's language (again after a
        change of language: the pages built so far translate their own)."""
        title = "accomp"
        if self._demo:
            title += " — " + self.tr("DÉMO")
        self.setWindowTitle(title)
        self.nav.setAccessibleName(self.tr("Navigation"))
        names = [
            self.tr("Journal"),
            self.tr("Bénéficiaires"),
            self.tr("Tableau de bord"),
            self.tr("Exports"),
            self.tr("Paramètres"),
            self.tr("Confidentialité"),
            self.tr("Partenaires"),  # the directory, and files passed on
        ]
        for row, name in enumerate(names):
            self.nav.item(row).setText(name)
            self.section_actions[row].setText(self.tr("Aller à « %1 »").replace("%1", name))
        fm = self.nav.fontMetrics()
        self.nav.setFixedWidth(
            max(fm.horizontalAdvance(name) for name in names) + 4 * fm.horizontalAdvance("M")
        )
        self.lock_action.setText(self.tr("&Verrouiller"))
        self.import_action.setText(self.tr("&Importer un tableur…"))
        self.undo_import_action.retranslate()
        self.switch_profile_action.setText(self.tr("C&hanger de profil…"))
        self.quit_action.setText(self.tr("&Quitter"))
        self.shortcuts_action.setText(self.tr("&Raccourcis clavier…"))
        self.file_menu.setTitle(self.tr("&Fichier"))
        self.help_menu.setTitle(self.tr("&Aide"))
        self.vault_label.setAccessibleName(self.tr("Coffre ouvert"))
        if self._demo and self.vault_label.text() in ("DÉMO", "DEMO"):
            # the status bar names the demo vault by the marker's word: translated too
            from PySide6.QtCore import QCoreApplication

            self.vault_label.setText(QCoreApplication.translate("widgets", "DÉMO"))
        if self.demo_marker is not None:
            self.demo_marker.setText(self.tr("DÉMO"))
            self.demo_marker.setAccessibleName(self.tr("Mode démonstration : données fictives"))
            self.demo_marker.setToolTip(
                self.tr("Coffre de démonstration : les données sont fictives.")
            )
        self.lock_button.setText(self.tr("Verrouiller"))
        self.lock_button.setAccessibleName(self.tr("Verrouiller le coffre"))
        self.lock_button.setToolTip(
            self.tr("Verrouiller le coffre (%1)").replace(
                "%1", self.lock_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        if self.banner is not None:
            self.banner.setAccessibleName(self.tr("Avertissement"))
            self.show_read_only_warning()

    def show_restored(self) -> None:
        """Show the window where the worker left it (size, position, maximised or
        not), or maximised / at a share of the screen on a first start."""
        from accomp.ui.window_state import restore_window

        restore_window(self)
        self.show()

    def hideEvent(self, event: QHideEvent) -> None:
        # Hidden when locked or closed: where it was is kept for the next opening.
        if not event.spontaneous():
            from accomp.ui.window_state import save_window

            save_window(self)
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # Only once the window is built: Qt may deliver the event before.
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_ready", False):
            self._retranslate()
            self._rebuild_pages()
        super().changeEvent(event)

    # Pages that translate their own texts again on a change of language; the others
    # are built again in the new language (tests/gui/test_language_walk.py).
    RETRANSLATED = (PAGE_JOURNAL, PAGE_SETTINGS)

    def _rebuild_pages(self) -> None:
        """After a change of language: drop every built page that does not translate
        itself, so that it is built again, in the new language, when next shown (the
        current one at once). What was typed in them is not kept, as after a lock."""
        if self._vault.is_locked:  # a locked window reads nothing; it is rebuilt at unlock
            return
        current = self.pages.currentIndex()
        for index in [i for i in self._built if i not in self.RETRANSLATED]:
            old = self._built.pop(index)
            placeholder = QWidget(self.pages)
            self.pages.insertWidget(index, placeholder)
            self.pages.removeWidget(old)
            old.clear_sensitive()  # type: ignore[attr-defined]
            old.deleteLater()
        if current not in self._built:
            self._page(current)
        self.pages.setCurrentIndex(current)

    # --- pages, built when first needed -----------------------------------------------

    def _page(self, index: int) -> QWidget:
        page = self._built.get(index)
        if page is None:
            page = self._build_page(index)
            self._built[index] = page
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, page)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
        return page

    def _build_page(self, index: int) -> QWidget:
        vault = self._vault
        if index == self.PAGE_BENEFICIARIES:
            from accomp.ui.views.beneficiaries import BeneficiariesPage
            from accomp.ui.views.person_panels import PersonPanels

            beneficiaries = BeneficiariesPage(vault, self)
            self._person_panels = PersonPanels(vault)
            beneficiaries.file_view.set_consent_panel(self._person_panels)
            return beneficiaries
        if index == self.PAGE_DASHBOARD:
            from accomp.ui.views.dashboard import DashboardPage
            from accomp.ui.views.renewals import RenewalsList

            dashboard = DashboardPage(vault, self)
            self._renewals = RenewalsList(vault)
            dashboard.set_side_widget(self._renewals)
            self._renewals.open_requested.connect(self._open_file)
            return dashboard
        if index == self.PAGE_EXPORTS:
            from accomp.ui.views.exports import ExportsPage

            return ExportsPage(vault, self)
        if index == self.PAGE_SETTINGS:
            from accomp.ui.views.settings import SettingsPage

            settings = SettingsPage(vault, self)
            settings.language_changed.connect(self.language_changed)
            settings.idle_minutes_changed.connect(self.idle_minutes_changed)
            settings.backups_requested.connect(self.show_backups)
            return settings
        if index == self.PAGE_PRIVACY:
            from accomp.ui.views.privacy import PrivacyPage

            privacy = PrivacyPage(vault, self)
            privacy.restore_requested.connect(self.restore_requested)
            return privacy
        if index == self.PAGE_HANDOVER:
            from accomp.ui.views.handover.page import HandoverPage

            return HandoverPage(vault, self)
        raise IndexError(index)

    def _go_to(self, index: int) -> None:
        if index >= 0:
            self._page(index)
        self.pages.setCurrentIndex(index)

    def is_built(self, index: int) -> bool:
        return index in self._built

    @property
    def beneficiaries(self) -> BeneficiariesPage:
        return self._page(self.PAGE_BENEFICIARIES)  # type: ignore[return-value]

    @property
    def person_panels(self) -> PersonPanels:
        self._page(self.PAGE_BENEFICIARIES)
        return self._person_panels

    @property
    def dashboard(self) -> DashboardPage:
        return self._page(self.PAGE_DASHBOARD)  # type: ignore[return-value]

    @property
    def renewals(self) -> RenewalsList:
        self._page(self.PAGE_DASHBOARD)
        return self._renewals

    @property
    def exports(self) -> ExportsPage:
        return self._page(self.PAGE_EXPORTS)  # type: ignore[return-value]

    @property
    def settings(self) -> SettingsPage:
        return self._page(self.PAGE_SETTINGS)  # type: ignore[return-value]

    @property
    def privacy(self) -> PrivacyPage:
        return self._page(self.PAGE_PRIVACY)  # type: ignore[return-value]

    # --- building --------------------------------------------------------------------

    def show_read_only_warning(self) -> None:
        """The banner that says the vault is damaged or read-only (none if neither);
        called again when the integrity check finishes after the window is shown."""
        warning = self._read_only_warning(self._vault)
        if not warning:
            return
        if self.banner is None:
            self.banner = QLabel(self)
            self.banner.setObjectName("readOnlyBanner")
            self.banner.setWordWrap(True)
            self.banner.setStyleSheet(BANNER_STYLE)
            self.banner.setAccessibleName(self.tr("Avertissement"))  # again: _retranslate()
            self._outer.insertWidget(0, self.banner)
            self.banner.setVisible(True)  # added to a window already on screen
        self.banner.setText(warning)
        self.banner.setAccessibleDescription(warning)
        self.journal.refresh_actions()

    @staticmethod
    def _read_only_warning(vault: Vault) -> str:
        if vault.damaged:
            return KnownError("vault_damaged").message(current_lang())
        if vault.read_only:
            return KnownError("vault_read_only").message(current_lang())
        return ""

    def _build_actions(self) -> None:
        # Texts: _retranslate().
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.switch_profile_action = QAction(self)
        self.switch_profile_action.setVisible(self._profiles)
        self.switch_profile_action.triggered.connect(self.switch_profile_requested)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)

        # Ctrl+1…5 reach each section without the mouse.
        self.section_actions: list[QAction] = []
        for row in range(self.nav.count()):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.show_page(r))
            self.addAction(action)
            self.section_actions.append(action)

        self.import_action = QAction(self)  # issue 16: spreadsheet import
        self.import_action.triggered.connect(self._import)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.import_action)
        from accomp.ui.dialogs.import_undo import UndoImportAction

        self.undo_import_action = UndoImportAction(self, self._vault)
        self.file_menu.addAction(self.undo_import_action)
        self.file_menu.aboutToShow.connect(self.undo_import_action.refresh)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.switch_profile_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.shortcuts_action)

    def _import(self) -> None:
        from accomp.ui.dialogs.import_wizard import start_import

        start_import(self, self._vault)

    def _build_status_bar(self, vault_label: str) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.setContentsMargins(6, 0, 6, 2)
        self.vault_label = QLabel(vault_label, self)
        self.vault_label.setObjectName("vaultLabel")  # its name: _retranslate()
        bar.addWidget(self.vault_label)
        self.demo_marker: QLabel | None = None
        if self._demo:
            self.demo_marker = QLabel(self)
            self.demo_marker.setObjectName("demoMarker")
            self.demo_marker.setStyleSheet(DEMO_STYLE)
            bar.addPermanentWidget(self.demo_marker)
        self.lock_button = QPushButton(self)
        self.lock_button.setObjectName("lockButton")
        self.lock_button.clicked.connect(self.lock_requested)
        bar.addPermanentWidget(self.lock_button)

    # --- behaviour -------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _retention_names(self) -> tuple[str, str]:
        # The navigation's and the tab's own words (the tab's "&" dropped).
        return self.tr("Confidentialité"), self.tr("Conservation")

    def show_retention(self) -> None:
        """Open Confidentialité › Conservation (from the retention banner)."""
        self._show_privacy_tab(self.tr("Conservation"))

    def show_backups(self) -> None:
        """Open Confidentialité › Sauvegardes (from Paramètres)."""
        self._show_privacy_tab(self.tr("Sauvegardes"))

    def _show_privacy_tab(self, name: str) -> None:
        self.show_page(self.PAGE_PRIVACY)
        from PySide6.QtWidgets import QTabWidget

        tabs = self.privacy.findChild(QTabWidget)
        if tabs is None:
            return
        for i in range(tabs.count()):
            if tabs.tabText(i).replace("&", "") == name:
                tabs.setCurrentIndex(i)
                tabs.currentWidget().setFocus()

    def _open_file(self, beneficiary_id: int) -> None:
        """From the renewals list: open that person's file (consents shown there)."""
        self.show_page(self.PAGE_BENEFICIARIES)
        self.beneficiaries.show_beneficiary(beneficiary_id)

    def shortcuts(self) -> list[tuple[str, str]]:
        """(what it does, keys) for every keyboard shortcut of the window; each key
        does one thing (tests/gui/test_shortcuts.py), and one that works on one page
        only says which."""
        j, b = self.journal, self.beneficiaries
        everywhere = [self.lock_action, self.quit_action, self.shortcuts_action,
                      *self.section_actions]
        on_page = [(j, self.tr("Journal"), [j.new_action, j.new_workshop_action,
                                            j.duplicate_action, j.delete_action,
                                            j.undo_action]),
                   (b, self.tr("Bénéficiaires"), [b.search_action, b.new_action])]

        def text(a: QAction) -> str:
            return a.text().replace("&", "").rstrip("…")

        def keys(a: QAction) -> str:
            return a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

        out = [(text(a), keys(a)) for a in everywhere if not a.shortcut().isEmpty()]
        for _page, name, actions in on_page:
            out += [(self.tr("%1 (page « %2 »)").replace("%1", text(a)).replace("%2", name),
                     keys(a)) for a in actions if not a.shortcut().isEmpty()]
        return out

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcuts(), self).exec()

    def screens(self) -> list[QWidget]:
        """The pages that show data from the vault (those built so far: the others
        read it when they are built)."""
        return [self._built[i] for i in sorted(self._built)]

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
