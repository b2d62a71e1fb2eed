"""The mandate panel as a worker uses it: create a mandate for chosen procedures,
use it, revoke one procedure (the others stay usable), revoke it all, renew; and the
"À renouveler" list of the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import an_activity, canary_beneficiary
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from accomp.domain.consent import Purpose
from accomp.domain.errors import KnownError
from accomp.services import activities, consents, mandates
from accomp.ui.views.mandate_panel import MandatePanel
from accomp.ui.views.renewals import RenewalsList

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]))
    return asked


def use(vault: Any, person: int, scope: str) -> Any:
    """A procedure done on the person's behalf, logged as the activity form does."""
    return activities.log_activity(
        vault, an_activity(date=T0.date().isoformat(), beneficiary_id=person,
                           under_mandate_scope=scope), today=T0.date(), at=T0)


def open_panel(qtbot: Any, vault: Any, person: int) -> MandatePanel:
    panel = MandatePanel(vault, clock=lambda: T0)
    qtbot.addWidget(panel)
    panel.resize(900, 560)
    panel.show()
    panel.show_beneficiary(person)
    qtbot.waitExposed(panel)
    return panel


def tree_rows(panel: MandatePanel) -> list[tuple[str, str, list[tuple[str, str]]]]:
    out = []
    for i in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(i)
        children = [(top.child(j).text(0), top.child(j).text(1)) for j in range(top.childCount())]
        out.append((top.text(0), top.text(1), children))
    return out


def test_create_use_and_revoke_a_mandate(qtbot, vault, answers) -> None:
    person = canary_beneficiary(vault)
    panel = open_panel(qtbot, vault, person.id)
    assert tree_rows(panel) == []

    # tick two procedures with the keyboard, six months, create
    for scope in ("logement", "argent"):
        panel.scope_boxes[scope].setFocus()
        qtbot.keyClick(panel.scope_boxes[scope], Qt.Key.Key_Space)
    panel.duration.setFocus()
    qtbot.keyClick(panel.duration, Qt.Key.Key_Down)  # 1 mois -> 6 mois
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    assert "Créer un mandat de 6 mois pour : Logement, Argent" in answers[-1]
    assert tree_rows(panel) == [("Du 28/11/2026 au 27/05/2027 (6 mois)", "En vigueur",
                                 [("Logement", "Utilisable"), ("Argent", "Utilisable")])]
    assert not panel.scope_boxes["logement"].isChecked()

    # use it
    assert use(vault, person.id, "argent").under_mandate_scope == "argent"
    panel.check_scope.setCurrentIndex(panel.check_scope.findData("logement"))
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Vous pouvez agir pour « Logement »."

    # revoke one procedure: the other stays usable
    [m] = mandates.list_mandates(vault, person.id, at=T0)
    panel.select(m.id, "argent")
    qtbot.mouseClick(panel.revoke_scope_button, Qt.MouseButton.LeftButton)
    assert tree_rows(panel)[0][2] == [("Logement", "Utilisable"),
                                      ("Argent", "Révoquée le 28/11/2026")]
    with pytest.raises(KnownError) as info:
        use(vault, person.id, "argent")
    assert info.value.message() == "Le mandat a été révoqué pour la démarche « Argent »."
    assert use(vault, person.id, "logement")
    assert panel.revocation_button.isEnabled()  # the receipt of that revocation

    # revoke it all
    panel.select(m.id)
    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    assert tree_rows(panel)[0][1] == "Révoqué"
    with pytest.raises(KnownError):
        use(vault, person.id, "logement")
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "La personne a retiré son consentement pour « Mandat »."
    assert not panel.revoke_button.isEnabled()


def test_nothing_ticked_is_said_plainly(qtbot, vault, answers) -> None:
    person = canary_beneficiary(vault)
    panel = open_panel(qtbot, vault, person.id)
    assert not panel.create_mandate()
    assert panel.message.text() == "Le champ « Démarches du mandat » est obligatoire."
    assert mandates.list_mandates(vault, person.id) == []


def test_renew_from_the_panel_and_clear(qtbot, vault, answers) -> None:
    person = canary_beneficiary(vault)
    old = mandates.create_mandate(vault, person.id, ["papiers"], "1m",
                                  at=T0 - dt.timedelta(days=20)).mandate
    panel = open_panel(qtbot, vault, person.id)
    panel.select(old.id)
    qtbot.mouseClick(panel.renew_button, Qt.MouseButton.LeftButton)
    rows = tree_rows(panel)
    assert [(r[0], r[1]) for r in rows] == [
        ("Du 28/11/2026 au 27/12/2026 (1 mois)", "En vigueur"),
        ("Du 08/11/2026 au 07/12/2026 (1 mois)", "Remplacé (renouvelé)"),
    ]
    for widget in (panel.create_button, panel.tree, panel.renew_button, panel.check_button,
                   panel.duration, panel.method, *panel.scope_boxes.values()):
        assert widget.accessibleName()
    panel.clear_sensitive()
    assert panel.tree.topLevelItemCount() == 0
    assert not panel.create_box.isEnabled()


def test_the_renewal_list_renews_in_two_clicks_and_opens_files(qtbot, vault, answers) -> None:
    a = canary_beneficiary(vault)
    b = canary_beneficiary(vault)
    consents.give_consent(vault, a.id, Purpose.NOTES, valid_until=dt.date(2026, 12, 5),
                          at=T0 - dt.timedelta(days=30))
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT,
                          valid_until=dt.date(2026, 11, 20), at=T0 - dt.timedelta(days=60))
    listing = RenewalsList(vault, clock=lambda: T0)
    qtbot.addWidget(listing)
    listing.resize(700, 300)
    listing.show()
    assert [(r.code, r.purpose) for r in listing.rows()] == [
        (b.code, Purpose.FOLLOW_UP_CONTACT), (a.code, Purpose.NOTES)]
    assert listing.count.text() == "2 à renouveler"
    assert listing.table.item(0, listing.COL_STATUS).text() == "Expiré"
    assert listing.renew_button(0).accessibleName() == (
        f"Renouveler : {b.code}, Recontact pour le suivi")

    qtbot.mouseClick(listing.renew_button(0), Qt.MouseButton.LeftButton)  # + "Oui"
    assert [r.code for r in listing.rows()] == [a.code]
    assert consents.history(vault, b.id)[-1].kind == "renouvele"

    with qtbot.waitSignal(listing.open_requested) as opened:
        qtbot.mouseClick(listing.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [a.id]
    listing.clear_sensitive()
    assert listing.table.rowCount() == 0
