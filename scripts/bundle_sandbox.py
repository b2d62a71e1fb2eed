"""The sandbox in which scripts/bundle_smoke.py runs the bundle: a temporary tree
(HOME, XDG folders, TMPDIR, a read-only copy of the bundle), listings of it to find
stray writes, the bundle's processes (as `nobody` when run as root, under strace),
and the X server with what types into its windows."""

# This module runs tools (the bundle, Xvfb, xdotool, strace, setpriv) by design.
# ruff: noqa: S603, S607

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

NOBODY = 65534


# --- results -------------------------------------------------------------------------


@dataclass
class Results:
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)

    def check(self, ok: bool, name: str, detail: str = "", *, always: bool = False) -> bool:
        """Count and print one check; `detail` is printed when it fails (or `always`)."""
        (self.passed if ok else self.failed).append(name)
        shown = detail and (always or not ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if shown else ""),
              flush=True)
        return ok


# --- the temporary tree --------------------------------------------------------------


@dataclass
class Tree:
    root: Path
    app: Path  # the bundle's folder, read-only
    home: Path
    tmp: Path
    out: Path
    vaults: Path  # --data-dir folders of the CLI checks
    traces: Path  # strace logs: outside the watched tree
    as_nobody: bool

    @property
    def data_home(self) -> Path:
        return self.home / ".local" / "share"

    @property
    def default_data(self) -> Path:
        return self.data_home / "accomp"

    def env(self, display: str | None) -> dict[str, str]:
        env = {
            "PATH": "/usr/bin:/bin", "HOME": str(self.home), "TMPDIR": str(self.tmp),
            "LANG": "C.UTF-8", "XDG_DATA_HOME": str(self.data_home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_STATE_HOME": str(self.home / ".local" / "state"),
            "XDG_RUNTIME_DIR": str(self.home / "run"),
        }
        if display:
            env["DISPLAY"] = display
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        return env

    def give(self, path: Path) -> None:
        """Hand `path` (recursively) to the user the bundle runs as."""
        if self.as_nobody:
            for p in [path, *path.rglob("*")]:
                os.chown(p, NOBODY, NOBODY, follow_symlinks=False)


def make_tree(bundle: Path) -> Tree:
    root = Path(tempfile.mkdtemp(prefix="accomp-smoke-"))
    os.chmod(root, 0o755)  # noqa: S103 (the user the bundle runs as must get in)
    tree = Tree(root, root / "app" / "accomp", root / "home", root / "tmp", root / "out",
                root / "vaults", Path(tempfile.mkdtemp(prefix="accomp-smoke-traces-")),
                as_nobody=os.geteuid() == 0)
    shutil.copytree(bundle, tree.app, symlinks=True)
    for p in [tree.app, *tree.app.rglob("*")]:
        if not p.is_symlink():
            p.chmod(p.stat().st_mode & ~0o222)
    for d in (tree.home, tree.home / "run", tree.tmp, tree.out, tree.vaults):
        d.mkdir(mode=0o700, parents=True)
        tree.give(d)
    os.chmod(tree.app.parent, 0o555)  # noqa: S103 (read-only, as /opt would be)
    return tree


def snapshot(tree: Tree) -> dict[str, tuple[int, int, int]]:
    """Every file and folder of the tree (and of the system's temporary folder, top
    level), with its size, modification time and mode."""
    seen: dict[str, tuple[int, int, int]] = {}

    def note(p: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            st = p.lstat()
            seen[str(p)] = (st.st_size if not p.is_dir() else 0, st.st_mtime_ns, st.st_mode)

    for p in tree.root.rglob("*"):
        note(p)
    # What ignores TMPDIR would write to /tmp. Other programs write there too on a
    # shared machine: as root, the bundle runs as `nobody`, so only what `nobody` owns
    # counts; otherwise only names a Python or Qt program would make.
    for p in Path("/tmp").iterdir():  # noqa: S108
        if str(p).startswith(str(tree.root)) or "accomp-smoke-traces" in p.name:
            continue
        with contextlib.suppress(FileNotFoundError):
            if (p.lstat().st_uid == NOBODY if tree.as_nobody
                    else p.name.lower().startswith(("accomp", "qt", "tmp", "pyi", "_mei"))):
                note(p)
    return seen


def changes_outside(before: dict[str, tuple[int, int, int]],
                    after: dict[str, tuple[int, int, int]], allowed: list[Path]) -> list[str]:
    changed = [p for p in set(before) | set(after) if before.get(p) != after.get(p)]
    # A folder's time changes when a file is made in it: allowed for the parents of
    # the allowed folders.
    parents = {str(a) for path in allowed for a in [path, *path.parents]}

    def ok(p: str) -> bool:
        return p in parents or any(p.startswith(str(a) + os.sep) for a in allowed)

    return sorted(p for p in changed if not ok(p))


# --- running the bundle ----------------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str
    inet: list[str]


def command(tree: Tree, exe: Path, args: list[str], trace: str | None) -> list[str]:
    cmd = [str(exe), *args]
    if tree.as_nobody:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
               "--", *cmd]
    if trace:
        cmd = ["strace", "-f", "-qq", "-e", "trace=socket", "-e", "signal=none", "-o",
               str(tree.traces / trace), *cmd]
    return cmd


def inet_sockets(tree: Tree, trace: str) -> list[str]:
    log = tree.traces / trace
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return [ln for ln in lines if "AF_INET" in ln or "AF_PACKET" in ln]


def run_cli(tree: Tree, args: list[str], name: str, timeout: float = 300) -> Run:
    proc = subprocess.run(command(tree, tree.app / "accomp", args, name),
                          env=tree.env(None), capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=tree.home)
    return Run(proc.returncode, proc.stdout, proc.stderr, inet_sockets(tree, name))


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """An X server of our own (no TCP); yields its DISPLAY."""
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp",
                             "-screen", "0", "1280x800x24", "-ac"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def find_window(display: str, title: str) -> str | None:
    proc = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                          env={"DISPLAY": display, "PATH": os.environ["PATH"]},
                          capture_output=True, text=True, check=False)
    ids = proc.stdout.split()
    return ids[0] if ids else None


def wait_window(display: str, title: str, proc: subprocess.Popen[bytes], timeout: float,
                poll: float = 0.01) -> str | None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        wid = find_window(display, title)
        if wid:
            return wid
        time.sleep(poll)
    return None


def type_text(display: str, wid: str, text: str) -> None:
    env = {"DISPLAY": display, "PATH": os.environ["PATH"]}
    subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=env, check=False)
    subprocess.run(["xdotool", "type", "--delay", "5", text], env=env, check=False)


def keys(display: str, wid: str, *sequence: str) -> None:
    env = {"DISPLAY": display, "PATH": os.environ["PATH"]}
    subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=env, check=False)
    subprocess.run(["xdotool", "key", "--delay", "50", *sequence], env=env, check=False)
