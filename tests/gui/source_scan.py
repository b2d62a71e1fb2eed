"""Reading accomp's source with `ast`, for the tests that check what the source says
rather than what one run of it does: the journal's action codes
(test_journal_action_labels.py), the keys of its details (test_journal_details.py) and
the texts lupdate collects (test_strings_are_translatable.py).

A scan fails with `Unresolved` on anything it cannot follow, so that a new way of
writing the thing scanned for is seen, not silently missed.

Not named test_*: a helper module, not collected by pytest.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "accomp"
MAX_HOPS = 8


class Unresolved(Exception):
    """An expression the scan cannot follow to literals."""


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def is_literal(node: ast.expr | None) -> TypeGuard[ast.Constant]:
    """A string literal."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The argument passed as `name=` to a call, if any."""
    return next((k.value for k in call.keywords if k.arg == name), None)


def is_audit_append(call: ast.Call) -> bool:
    f = call.func
    return (isinstance(f, ast.Attribute) and f.attr == "append"
            and isinstance(f.value, ast.Name) and f.value.id == "audit")


@dataclass(frozen=True)
class Module:
    path: Path
    tree: ast.Module
    parents: dict[ast.AST, ast.AST]
    calls: list[ast.Call]

    def where(self, node: ast.AST) -> str:
        return f"{self.path.parent.name}/{self.path.name}:{getattr(node, 'lineno', '?')}"

    def enclosing(self, node: ast.AST) -> ast.FunctionDef | None:
        """The innermost function whose body holds `node`."""
        parent = self.parents.get(node)
        while parent is not None and not isinstance(parent, ast.FunctionDef):
            parent = self.parents.get(parent)
        return parent

    def check_hops(self, expr: ast.AST, depth: int) -> None:
        if depth > MAX_HOPS:
            raise Unresolved(f"{self.where(expr)}: too many hops")


def write_service(root: Path, name: str, *lines: str) -> None:
    """`root`/services/`name`.py made of `lines`: a module for a scan's self-test."""
    path = root / "services" / f"{name}.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def assert_refused(scan: Callable[[Path], object], root: Path, arguments: str,
                   match: str) -> None:
    """Once a module under `root` calls `audit.append(s, actor='w', <arguments>)`,
    `scan(root)` fails, naming `match`."""
    write_service(root, "other",
                  "from accomp.store import audit",
                  "def log(s):",
                  f"    audit.append(s, actor='w', {arguments})")
    with pytest.raises(Unresolved, match=match):
        scan(root)


def modules(root: Path) -> list[Module]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = parse(path)
        nodes = list(ast.walk(tree))
        parents = {child: node for node in nodes for child in ast.iter_child_nodes(node)}
        found.append(Module(path, tree, parents,
                            [n for n in nodes if isinstance(n, ast.Call)]))
    return found


# What a scan makes of an expression met in a module, within a function (or None).
Follow = Callable[[ast.expr, Module, ast.FunctionDef | None], set[str]]


class Scan:
    """The modules of a package, and the calls among them."""

    def __init__(self, root: Path = PACKAGE) -> None:
        self.modules = modules(root)

    def audit_appends(self) -> Iterator[tuple[Module, ast.Call]]:
        """Every `audit.append(...)` call, with its module."""
        for module in self.modules:
            for node in module.calls:
                if is_audit_append(node):
                    yield module, node

    def from_callers(self, function: ast.FunctionDef, parameter: str, follow: Follow, *,
                     optional: bool = False) -> set[str]:
        """What `follow` finds in the argument passed for `parameter` by every call to
        `function` in the package. A call that leaves the parameter out cannot be
        followed, unless the parameter is `optional` (its default adds nothing); a
        function never called with it cannot be either."""
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        keyword_only = [a.arg for a in function.args.kwonlyargs]
        if parameter not in params and parameter not in keyword_only:
            raise Unresolved(f"{function.name}: {parameter} is not a parameter")
        position = params.index(parameter) if parameter in params else None
        out: set[str] = set()
        calls = 0
        for module in self.modules:
            for node in module.calls:
                if called_name(node) != function.name:
                    continue
                arg = keyword(node, parameter)
                if arg is None and position is not None and position < len(node.args):
                    arg = node.args[position]
                if arg is None:
                    if optional:
                        continue
                    raise Unresolved(f"{module.where(node)}: {function.name}() without "
                                     f"{parameter}")
                calls += 1
                out |= follow(arg, module, module.enclosing(node))
        if not calls:
            raise Unresolved(f"{function.name}: never called with {parameter}")
        return out
