"""F1's list of keyboard shortcuts: each key does one thing (Ctrl+Maj+N was both a new
workshop and a new beneficiary), and a shortcut that works on one page says which.
In French and in English. (Ctrl+Maj+B creating a file from the keyboard:
test_beneficiaries_page.py.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import interface_in

from accomp.paths import AppPaths
from accomp.services import vaults
from accomp.ui.main_window import MainWindow


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[vaults.Vault]:
    v, _ = vaults.create_vault(
        AppPaths.at(tmp_path / "v"), "x", kdf=vaults.KdfParams(1, 1024, 1),
        enforce_policy=False,
    )
    yield v
    v.lock()


@pytest.mark.parametrize(("lang", "page"), [("fr", "(page « Bénéficiaires »)"),
                                            ("en", "(“Beneficiaries” page)")])
def test_one_shortcut_one_action_and_the_page_is_said(
    qtbot: Any, qapp: Any, vault: vaults.Vault, lang: str, page: str
) -> None:
    with interface_in(qapp, lang):
        window = MainWindow(vault)
        qtbot.addWidget(window)
        listed = window.shortcuts()
        keys = Counter(k for _, k in listed)
        assert [k for k, n in keys.items() if n > 1] == []
        new_person = [t for t, k in listed if k.endswith("+B")]
        assert len(new_person) == 1
        assert new_person[0].endswith(page)

