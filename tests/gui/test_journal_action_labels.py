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
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from source_scan import Module, Scan, Unresolved, assert_refused, is_literal, keyword, write_service

from accomp.ui.audit_labels import ACTION_LABELS, ACTION_PREFIXES, action_label


class ActionCodes(Scan):
    def codes(self) -> dict[str, str]:
        """Every action code written, with where it is written."""
        for module in self.modules:
            self.check_imports(module)
        found: dict[str, str] = {}
        for module, node in self.audit_appends():
            action = keyword(node, "action")
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
        module.check_hops(expr, depth)
        if is_literal(expr):
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
            return self.from_callers(scope, expr.id, partial(self.resolve, depth=depth + 1))
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


@pytest.fixture(scope="module")
def written() -> dict[str, str]:
    return ActionCodes().codes()


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
    write_service(
        tmp_path, "things",
        "from accomp.store import audit",
        "_KINDS = {1: 'thing.made', 2: 'thing.broken'}",
        "def _note(s, what, action):",
        "    audit.append(s, actor='w', action=action, entity='thing')",
        "def make(s, kind):",
        "    audit.append(s, actor='w', action=_KINDS[kind], entity='thing')",
        "    _note(s, 1, 'thing.noted')",
        "    _note(s, 2, action='thing.seen' if kind else 'thing.unseen')")
    assert set(ActionCodes(tmp_path).codes()) == {
        "thing.made", "thing.broken", "thing.noted", "thing.seen", "thing.unseen"}
    assert_refused(lambda root: ActionCodes(root).codes(), tmp_path,
                   "action=code_of(s), entity='thing'", match="code_of")


def test_every_action_code_written_has_a_label(written: dict[str, str]) -> None:
    missing = {code: where for code, where in written.items() if code not in ACTION_LABELS}
    assert missing == {}, "add these codes to ACTION_LABELS in accomp/ui/audit_labels.py"


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
    assert missing == {}, "add these prefixes to ACTION_PREFIXES in accomp/ui/audit_labels.py"
    assert len(set(ACTION_PREFIXES)) == len(ACTION_PREFIXES)
