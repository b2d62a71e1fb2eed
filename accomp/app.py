"""Composition root: paths -> vault -> services -> Qt.

Heavy modules (Qt, SQLAlchemy) are imported here, when the GUI actually starts, so
that the command line stays quick.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from accomp.paths import AppPaths

if TYPE_CHECKING:
    import threading

    from accomp.services.vaults import Vault
    from accomp.ui.main_window import MainWindow

log = logging.getLogger("accomp.app")

# The demo vault is throwaway and its passphrase is printed on the unlock screen.
DEMO_PASSPHRASE = "demo accomp mediation journal essai local fictif"  # noqa: S105

# How often the window looks whether the integrity check has ended; how long after
# the window shows the retention reminder comes.
CHECK_POLL_MS = 100
REMINDER_DELAY_MS = 400
PRELOAD_DELAY_MS = 50
# While a lock waits for the dialogs' loops it ended to return.
UNWIND_POLL_MS = 10
UNWIND_MAX_POLLS = 300

# What the unlock dialog's wait is spent loading: the database layers, then what the
# main window needs for its first screen. Pages other than the journal load later.
PRELOAD_MODULES = (
    "accomp.services.vaults",
    "accomp.services.activities",
    "accomp.ui.main_window",
)

_preloading: list[threading.Thread] = []


def preload() -> None:
    """Import PRELOAD_MODULES in a background thread (once per process), so that the
    unlock dialog paints first and the journal shows soon after the passphrase.

    Importing only defines modules and classes (no widget is made), which is safe
    off the GUI thread; an import the GUI thread needs meanwhile waits for it. PySide's
    `Qt` namespace, which the GUI thread may touch outside an import (at the click on
    Déverrouiller), is set up here first, in the calling thread, so that the two
    threads never build it at once."""
    import threading

    from PySide6.QtCore import Qt

    if _preloading:
        return
    del Qt  # only its set-up was wanted

    def run() -> None:
        import importlib

        for name in PRELOAD_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the GUI thread's own import will report it
                log.exception("preload of %s failed", name)
                return

    thread = threading.Thread(target=run, name="accomp-preload", daemon=True)
    _preloading.append(thread)
    thread.start()


def _preload_soon() -> None:
    from PySide6.QtCore import QTimer

    # Not in the very paint pass: the dialog reaches the screen before the thread
    # competes with it for the interpreter.
    QTimer.singleShot(PRELOAD_DELAY_MS, preload)


def wait_for_preload() -> None:
    """Block until preload() has finished (benchmarks and tests)."""
    for thread in _preloading:
        thread.join()


def run_gui(paths: AppPaths | None, *, demo: bool, lang: str | None,
            root: AppPaths | None = None) -> int:
    """Run the GUI; `lang` None means the language saved in Paramètres (French by
    default). With `root` (the user's data folder), the vaults are profiles in it:
    `paths` (a profile, or None for the start screen listing them) is opened first,
    and the worker can change profile. A vault from before profiles at the top of
    `root` is moved into a first profile before anything is shown."""
    from PySide6.QtWidgets import QApplication

    from accomp.ui.app_icon import application_icon
    from accomp.ui.app_settings import chooser_settings, load_settings
    from accomp.ui.i18n import install_translators, use_translated_dialogs
    from accomp.ui.stop_signals import SignalStop

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("accomp")
    QApplication.setWindowIcon(application_icon())
    use_translated_dialogs()
    if root is not None and not demo and _migrate(root, lang) is None:
        return 2
    saved = (load_settings(paths) if paths is not None
             else chooser_settings(root) if root is not None else None)
    install_translators(app, lang or (saved.language if saved else "fr"))
    demo_dir: Path | None = None
    stop = SignalStop(app)
    try:
        if demo:
            demo_dir = Path(tempfile.mkdtemp(prefix="accomp-demo-"))
            paths = AppPaths.at(demo_dir / "coffre")
            root = None
            _make_demo_vault(paths)
        if demo:
            from accomp.ui import smoke

            if smoke.requested():
                smoke.install(app, DEMO_PASSPHRASE)
        session = GuiSession(paths, demo=demo, idle_minutes=saved.idle_minutes if saved else None,
                             root=root, lang=lang)
        stop.in_event_loops()
        app.aboutToQuit.connect(session.close)
        if not session.start() or stop.received:
            session.close()
            return stop.status
        status = app.exec()
        return stop.status if stop.received else status
    finally:
        stop.restore()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def _migrate(root: AppPaths, lang: str | None) -> str | None:
    """Move a vault from before profiles into its first profile: its name, "" if
    there was none to move, None if the move failed (said in a message box; nothing
    is lost, the next start resumes it)."""
    from accomp.domain.errors import KnownError

    try:
        moved = root.migrate_single_vault()
    except KnownError as err:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "accomp", err.message("en" if lang == "en" else "fr"))
        return None
    if moved:
        log.info("the vault from before profiles was moved into a profile")
    return moved or ""


def _make_demo_vault(paths: AppPaths) -> None:
    from accomp.services import vaults
    from accomp.services.generators import demo

    vault, _code = vaults.create_vault(paths, DEMO_PASSPHRASE, enforce_policy=False)
    try:
        demo.generate_demo(vault)
    finally:
        vault.lock()


class GuiSession:
    """Create or unlock the vault, show the main window, lock and unlock again.

    Locking (Ctrl+L, the lock button or the idle timer) keeps what was being typed
    as drafts in the vault, hides every window and dialog, closes every database
    connection and empties every widget that shows personal data; unlocking brings
    the worker back to the screen they were on and offers the drafts again.
    """

    def __init__(
        self, paths: AppPaths | None, *, demo: bool, idle_minutes: int | None = None,
        now: Callable[[], dt.datetime] | None = None, root: AppPaths | None = None,
        lang: str | None = None,
    ) -> None:
        """With `root` (the user's data folder holding profiles/), `paths` is the
        profile to open first, or None for the list of profiles."""
        from accomp.ui.idle import DEFAULT_MINUTES, IdleWatcher

        if paths is None and root is None:
            raise ValueError("a vault or a data folder with profiles is needed")
        self.root = None if demo else root
        self._chosen = paths is not None
        self.paths: AppPaths = paths or root  # type: ignore[assignment]  # checked above
        self._lang = lang  # given on the command line: profiles' settings do not change it
        self.demo = demo
        self._now = now  # a frozen clock in tests; the real one otherwise
        self.window: MainWindow | None = None
        self.vault: Vault | None = None
        self.idle = IdleWatcher(idle_minutes or DEFAULT_MINUTES)
        self.idle.timed_out.connect(self.lock)

    def start(self) -> bool:
        # A plain file check: the database layers load only once a passphrase is
        # typed, so the unlock screen appears without waiting for them.
        if self.root is not None:
            vault = self._open_profile(self.paths) if self._chosen else self._choose(first=True)
        else:
            vault = self._unlock() if self.paths.key_file.exists() else self._create()
        if vault is None:
            return False
        self._show(vault)
        return True

    # -- profiles (several workers on one computer) -------------------------------------

    def _choose(self, *, first: bool) -> Vault | None:
        """The list of profiles, then the chosen one opened (or created). At start
        with a single profile, straight to its unlock dialog."""
        root = self.root
        assert root is not None
        names = root.profile_names()
        if first and len(names) == 1:
            return self._open_profile(root.profile(names[0]))
        from accomp.ui.dialogs.profiles import ProfileDialog

        def create(name: str) -> str:
            return root.new_profile(name).data_dir.name

        choice = ProfileDialog.ask(None, names, create, current=self.paths.data_dir.name)
        if choice is None:
            return None
        return self._open_profile(root.profile(choice.name), back_to_list=True)

    def _open_profile(self, paths: AppPaths, *, back_to_list: bool = False) -> Vault | None:
        """Unlock (or create) the vault of the profile at `paths`, with its own
        settings; "Autre profil…", or a cancel when the list was shown, go back to the
        list. A new profile whose creation is cancelled leaves no folder behind."""
        self.paths = paths
        self._use_profile_settings()
        other: list[bool] = []
        if paths.key_file.exists():
            vault = self._unlock(other_profile=lambda: other.append(True))
        else:
            vault = self._create()
            if vault is None:
                with contextlib.suppress(OSError):  # only an empty folder goes
                    paths.data_dir.rmdir()
        if vault is None and (other or back_to_list):
            return self._choose(first=False)
        return vault

    def _use_profile_settings(self) -> None:
        from accomp.ui.app_settings import load_settings

        saved = load_settings(self.paths)
        self.idle.set_minutes(saved.idle_minutes)
        if self._lang is None:
            self._set_language(saved.language)

    def switch_profile(self) -> None:
        """Lock the open profile (as Ctrl+L does), then show the list of profiles."""
        self._lock_then(lambda: self._choose(first=False))

    def _create(self) -> Vault | None:
        from accomp.services import vaults
        from accomp.ui.dialogs.create_vault import CreateVaultDialog

        created: list[Vault] = []

        def create(passphrase: str) -> str:
            vault, code = vaults.create_vault(self.paths, passphrase)
            created.append(vault)
            return code

        def names(worker: str, structure_name: str) -> None:
            from accomp.services import structure
            from accomp.ui import ops

            for set_name, text in ((structure.set_worker_name, worker),
                                   (structure.set_structure_name, structure_name)):
                try:
                    set_name(created[0], text)
                except Exception as exc:  # a refused name is typed again in Paramètres
                    ops.note_error(exc, action="names at creation")

        if not CreateVaultDialog.ask(None, create, on_names=names) or not created:
            for v in created:
                v.lock()
            return None
        return created[0]

    def _unlock(self, other_profile: Callable[[], None] | None = None) -> Vault | None:
        from PySide6.QtCore import QCoreApplication

        from accomp.ui.dialogs.unlock import UnlockDialog

        # The database layers and the main window load in the background while the
        # worker types (preload, once the dialog is on screen); the full integrity
        # check runs after the journal shows (check_later, see _watch_check).

        def unlock(passphrase: str) -> Vault:
            from accomp.services import vaults

            # wait=False: a back-off still owed is refused with the seconds left
            # (shown by the dialog) instead of freezing the window.
            return vaults.unlock(self.paths, passphrase, check_later=True, wait=False)

        def unlock_recovery(code: str) -> Vault:
            from accomp.services import vaults

            return vaults.unlock_with_recovery(self.paths, code, check_later=True, wait=False)

        return UnlockDialog.ask(
            None,
            unlock,
            unlock_recovery=unlock_recovery,
            demo=self.demo,
            demo_passphrase=DEMO_PASSPHRASE if self.demo else "",
            on_painted=_preload_soon,
            title=(QCoreApplication.translate("app", "Ouvrir le profil « %1 »").replace(
                "%1", self.paths.data_dir.name) if other_profile is not None else ""),
            other_profile=other_profile,
        )

    def _show(self, vault: Vault, page: int | None = None) -> None:
        from accomp.ui.main_window import MainWindow

        self.vault = vault
        from PySide6.QtCore import QCoreApplication

        label = (QCoreApplication.translate("widgets", "DÉMO") if self.demo
                 else self.paths.data_dir.name)
        window = MainWindow(vault, demo=self.demo, vault_label=label,
                            profiles=self.root is not None)
        window.lock_requested.connect(self.lock)
        window.switch_profile_requested.connect(self.switch_profile)
        window.idle_minutes_changed.connect(self.idle.set_minutes)
        window.language_changed.connect(self._set_language)
        window.restore_requested.connect(self.restore)
        if page is not None:
            window.show_page(page)
        window.show_restored()
        self.window = window
        self.idle.start()
        self._watch_check(vault, window)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(REMINDER_DELAY_MS, window, lambda: self._settle(vault, window))

    def _settle(self, vault: Vault, window: MainWindow) -> None:
        """Once the journal is on screen: the retention reminder (it reads every
        file's dates), and the objects loaded so far set aside from the garbage
        collector. The toolkit, the database layers and the window make about 115,000
        long-lived objects: each full collection walked them all (~60 ms, a visible
        stall while typing or scrolling); frozen, it walks only what came after."""
        import gc

        gc.freeze()
        if not vault.read_only:
            self._offer_drafts(vault, window)
            self._remind(vault, window)

    def _offer_drafts(self, vault: Vault, window: MainWindow) -> None:
        """What was being typed when the vault was locked (or the program stopped):
        take it up again, delete it, or later."""
        from accomp.ui import drafts

        if self.vault is vault and not vault.is_locked:
            drafts.offer_drafts(window, vault)

    def _remind(self, vault: Vault, window: MainWindow) -> None:
        # A band in the window, not a box at every unlock.
        if self.vault is vault and not vault.is_locked and not vault.read_only:
            window.retention_banner.check(vault)

    def _watch_check(self, vault: Vault, window: MainWindow) -> None:
        """Until the integrity check started at unlock ends, look at it now and then;
        if it found damage, the vault is read-only from then on: say so."""
        from PySide6.QtCore import QTimer

        def look() -> None:
            if self.vault is not vault or vault.is_locked:
                timer.stop()
                return
            if vault.check_pending():
                return
            timer.stop()
            if vault.settle_check() or vault.damaged:
                self._say_damaged(window)
            elif not vault.read_only:
                self._record_lapsed(vault, self._now() if self._now else None)

        timer = QTimer(window)
        timer.setInterval(CHECK_POLL_MS)
        timer.timeout.connect(look)
        timer.start()
        look()

    @staticmethod
    def _record_lapsed(vault: Vault, at: dt.datetime | None) -> None:
        """Once the vault is known sound: consents whose end date passed get their
        "expiré" event, so that each person's history says when it lapsed."""
        from accomp.services import consents
        from accomp.ui import ops

        try:
            if consents.record_lapsed(vault, at=at):
                ops.changes().changed.emit("consents")
        except Exception as exc:  # never in the way of the worker: logged only
            ops.note_error(exc, action="record_lapsed")

    def _say_damaged(self, window: MainWindow) -> None:
        from PySide6.QtWidgets import QMessageBox

        from accomp.domain.errors import KnownError
        from accomp.ui.i18n import current_lang

        window.show_read_only_warning()
        QMessageBox.warning(window, "accomp", KnownError("vault_damaged").message(current_lang()))

    def _set_language(self, lang: str) -> None:
        from PySide6.QtWidgets import QApplication

        from accomp.ui.i18n import install_translators

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_translators(app, lang)

    def close(self) -> None:
        """At quit: what open forms hold kept as drafts, the daily encrypted backup
        (if none today), then lock."""
        from accomp.domain.errors import KnownError
        from accomp.services import backups
        from accomp.ui import drafts

        self.idle.stop()
        vault = self.vault
        if vault is None:
            return
        drafts.keep_all()  # e.g. the session ends (logout) with a form open
        if not vault.read_only and not self.demo:
            try:
                backups.backup_if_due(vault)
            except KnownError as err:  # reported, never blocks quitting
                log.warning("backup at close not made: %s", err.code)
        vault.lock()
        self.vault = None

    def restore(self, backup: Path) -> None:
        """Replace the vault with a backup (the page has already asked for
        confirmation): lock, then the passphrase both checks the backup and opens
        the restored vault; the restore is journaled in it."""
        from accomp.services import backups, vaults
        from accomp.ui.dialogs.unlock import UnlockDialog

        def restore_and_unlock(passphrase: str) -> Vault:
            restored = backups.restore(self.paths, passphrase, backup)
            vault = vaults.unlock(self.paths, passphrase)
            backups.record_restore(vault, restored)
            return vault

        self._lock_then(
            lambda: UnlockDialog.ask(None, restore_and_unlock, demo=self.demo) or self._unlock()
        )

    def lock(self) -> None:
        if self.root is not None:
            self._lock_then(lambda: self._open_profile(self.paths))
        else:
            self._lock_then(self._unlock)

    def _lock_then(self, reopen: Callable[[], Vault | None]) -> None:
        """Keep what every open form holds as a draft, hide every window and dialog,
        close the vault and empty the window; then show what `reopen` opens (on the
        same screen), or nothing if it is cancelled.

        The lock may come while a dialog's own loop runs (the idle timer fires inside
        a form's exec()). Those loops are ended first, and `reopen` waits until they
        have returned: the old window (and the dialogs it owns) is deleted only then,
        never under a caller still running in it."""
        from accomp.ui import drafts, lockdown

        if self.vault is None:  # already locked (the idle timer and Ctrl+L can race)
            return
        self.idle.stop()
        window = self.window
        page = window.pages.currentIndex() if window is not None else None
        drafts.keep_all()
        lockdown.hide_all_windows()
        if window is not None:
            window.clear_sensitive()
        self.vault.lock()
        self.vault = None
        log.info("locked")
        self._when_unwound(lambda: self._reopen(window, page, reopen))

    def _when_unwound(self, then: Callable[[], None], polls: int = 0) -> None:
        """`then()` once the loops ended at lock have returned; at worst after
        UNWIND_MAX_POLLS looks (a loop that is not a dialog's): the unlock screen
        must come whatever happens."""
        from PySide6.QtCore import QTimer

        from accomp.ui import lockdown

        if lockdown.nested_in_a_modal_loop() and polls < UNWIND_MAX_POLLS:
            QTimer.singleShot(UNWIND_POLL_MS, lambda: self._when_unwound(then, polls + 1))
        else:
            if polls:
                log.info("unlock screen after %d looks for the dialogs' loops", polls)
            then()

    def _reopen(self, window: MainWindow | None, page: int | None,
                reopen: Callable[[], Vault | None]) -> None:
        vault = reopen()
        if window is not None:
            window.close()
            window.deleteLater()
            if self.window is window:
                self.window = None
        if vault is not None:
            self._show(vault, page)
