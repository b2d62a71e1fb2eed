"""Every action code the program writes to the audit journal has a label that a
beneficiary or a supervisor can read in the journal viewer.

The codes are read from the source, not from a run of the services: a code written
only on a rare path (a restore, a mandate revoked by a withdrawal) counts as much as
the common ones. Wherever `audit.append(..., action=...)` is called, the action is
followed back to its string literals: a literal, either branch of a conditional, the
values of a module-level dict it is looked up in, a local assignment, or, for a
parameter, the arguments of every call to that function in the package. An action
this cannot follow fails the test, so a new way of passing codes is seen, not
silently missed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from accomp.ui.views.privacy import ACTION_LABELS, ACTION_PREFIXES, action_label

PACKAGE = Path(__file__).resolve().parents[2] / "accomp"


class Unresolved(Exception):
    """An action expression the scan cannot follow to string literals."""


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


def modules(root: Path) -> list[Module]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        nodes = list(ast.walk(tree))
        parents = {child: node for node in nodes for child in ast.iter_child_nodes(node)}
        found.append(Module(path, tree, parents,
                            [n for n in nodes if isinstance(n, ast.Call)]))
    return found


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def is_audit_append(call: ast.Call) -> bool:
    f = call.func
    return (isinstance(f, ast.Attribute) and f.attr == "append"
            and isinstance(f.value, ast.Name) and f.value.id == "audit")


class Scan:
    def __init__(self, root: Path = PACKAGE) -> None:
        self.modules = modules(root)

    def codes(self) -> dict[str, str]:
        """Every action code written, with where it is written."""
        found: dict[str, str] = {}
        for module in self.modules:
            self.check_imports(module)
            for node in module.calls:
                if not is_audit_append(node):
                    continue
                action = next((k.value for k in node.keywords if k.arg == "action"), None)
                if action is None:
                    raise Unresolved(f"{module.where(node)}: audit.append without action=")
                for code in self.resolve(action, module, module.enclosing(node), 0):
                    found.setdefault(code, module.where(node))
        return found

    @staticmethod
    def check_imports(module: Module) -> None:
        """The journal is written as `audit.append`: another spelling would escape
        the scan."""
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.module == "accomp.store.audit" and module.path.parent.name != "store":
                raise Unresolved(f"{module.where(node)}: import the module, as audit")
            if node.module == "accomp.store" and any(
                    a.name == "audit" and a.asname not in (None, "audit") for a in node.names):
                raise Unresolved(f"{module.where(node)}: audit imported under another name")

    def resolve(self, expr: ast.expr, module: Module, scope: ast.FunctionDef | None,
                depth: int) -> set[str]:
        if depth > 8:
            raise Unresolved(f"{module.where(expr)}: too many hops")
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.IfExp):
            return (self.resolve(expr.body, module, scope, depth)
                    | self.resolve(expr.orelse, module, scope, depth))
        if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name):
            table = self.module_dict(module, expr.value.id)
            return set().union(*(self.resolve(v, module, None, depth + 1)
                                 for v in table.values if v is not None))
        if isinstance(expr, ast.Name) and scope is not None:
            local = [n.value for n in ast.walk(scope) if isinstance(n, ast.Assign)
                     and any(isinstance(t, ast.Name) and t.id == expr.id for t in n.targets)]
            if local:
                return set().union(*(self.resolve(v, module, scope, depth + 1)
                                     for v in local))
            return self.from_callers(scope, expr.id, depth)
        raise Unresolved(f"{module.where(expr)}: cannot follow {ast.unparse(expr)!r}")

    def module_dict(self, module: Module, name: str) -> ast.Dict:
        for node in module.tree.body:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            value = getattr(node, "value", None)
            if any(isinstance(t, ast.Name) and t.id == name for t in targets) \
                    and isinstance(value, ast.Dict):
                return value
        raise Unresolved(f"{module.path.name}: no module-level dict {name}")

    def from_callers(self, function: ast.FunctionDef, parameter: str, depth: int) -> set[str]:
        """The values passed for `parameter` by every call to `function`."""
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
                arg = next((k.value for k in node.keywords if k.arg == parameter), None)
                if arg is None and position is not None and position < len(node.args):
                    arg = node.args[position]
                if arg is None:
                    raise Unresolved(f"{module.where(node)}: {function.name}() without "
                                     f"{parameter}")
                calls += 1
                out |= self.resolve(arg, module, module.enclosing(node), depth + 1)
        if not calls:
            raise Unresolved(f"{function.name}: never called, so {parameter} is unknown")
        return out


@pytest.fixture(scope="module")
def written() -> dict[str, str]:
    return Scan().codes()


def test_the_scan_finds_the_codes_passed_through_dicts_variables_and_calls(
        written: dict[str, str]) -> None:
    # One of each way a code reaches audit.append, so that the scan is known to work.
    assert "activity.create" in written  # a literal
    assert {"mandate.create", "mandate.renew"} <= set(written)  # a conditional
    assert {"consent.give", "consent.withdraw", "consent.expire"} <= set(written)  # a dict
    assert {"document.save", "document.print"} <= set(written)  # a parameter
    assert {"export.summary", "export.activities", "export.consolidation"} <= set(written)
    assert all("." in code for code in written), written


def test_the_scan_follows_new_ways_and_refuses_what_it_cannot_follow(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "things.py").write_text(
        "from accomp.store import audit\n"
        "_KINDS = {1: 'thing.made', 2: 'thing.broken'}\n"
        "def _note(s, what, action):\n"
        "    audit.append(s, actor='w', action=action, entity='thing')\n"
        "def make(s, kind):\n"
        "    audit.append(s, actor='w', action=_KINDS[kind], entity='thing')\n"
        "    _note(s, 1, 'thing.noted')\n"
        "    _note(s, 2, action='thing.seen' if kind else 'thing.unseen')\n",
        encoding="utf-8")
    assert set(Scan(tmp_path).codes()) == {"thing.made", "thing.broken", "thing.noted",
                                           "thing.seen", "thing.unseen"}
    (tmp_path / "services" / "other.py").write_text(
        "from accomp.store import audit\n"
        "def log(s):\n"
        "    audit.append(s, actor='w', action=code_of(s), entity='thing')\n",
        encoding="utf-8")
    with pytest.raises(Unresolved, match="code_of"):
        Scan(tmp_path).codes()


def test_every_action_code_written_has_a_label(written: dict[str, str]) -> None:
    missing = {code: where for code, where in written.items() if code not in ACTION_LABELS}
    assert missing == {}, "add these codes to ACTION_LABELS in accomp/ui/views/privacy.py"


def test_labels_are_words_not_codes() -> None:
    for code, text in ACTION_LABELS.items():
        assert action_label(code) == QCoreApplication.translate("PrivacyPage", text)
        assert action_label(code) != code
        assert "." not in action_label(code), code
    assert len(set(ACTION_LABELS.values())) == len(ACTION_LABELS)  # no two alike


def test_an_unknown_code_shows_as_itself() -> None:
    assert action_label("future.thing") == "future.thing"
    assert action_label("") == ""


def test_every_action_written_can_be_chosen_in_the_journal_filter(
        written: dict[str, str]) -> None:
    # The journal filters on the part of the code before the dot.
    codes = {**dict.fromkeys(ACTION_LABELS, "ACTION_LABELS"), **written}
    missing = {code: where for code, where in codes.items()
               if code.split(".")[0] not in ACTION_PREFIXES}
    assert missing == {}, "add these prefixes to ACTION_PREFIXES in accomp/ui/views/privacy.py"
    assert len(set(ACTION_PREFIXES)) == len(ACTION_PREFIXES)
