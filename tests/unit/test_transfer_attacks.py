"""Attacks on transfer bundles, each with its own code: the wrong vault, a changed
byte, a cut file, an expired bundle, a replay, a stranger posing as a colleague,
and what stays behind on disk and in the logs."""

from __future__ import annotations

import base64
import json
import logging
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import CANARY_NEEDLES
from transfer_setup import DAY, T0, introduce, person_with_history, worker_vault

from accomp.domain.errors import KnownError
from accomp.domain.transfer_parts import ALL_PARTS
from accomp.services import transfer_import, transfers
from accomp.store import transfer_keys as keys


@pytest.fixture
def trio(tmp_path: Path) -> Any:
    a, b, c = (worker_vault(tmp_path, n) for n in ("alice", "bruno", "chloe"))
    introduce(a, b)
    introduce(c, b)
    introduce(a, c)
    yield a, b, c
    for v in (a, b, c):
        v.lock()


def bundle_for(sender: Any, recipient: Any, folder: Path, **kw: Any) -> bytes:
    person = person_with_history(sender)
    sent = transfers.export_bundle(
        sender, [person.id], recipient=transfers.my_public_key(recipient).fingerprint,
        parts=ALL_PARTS, path=folder / f"b{len(list(folder.iterdir()))}.bin", now=T0, **kw)
    return sent.path.read_bytes()


def key_pair_of(vault: Any) -> keys.KeyPair:
    with vault.transaction() as s:
        return keys.key_pair(s)


def refusal(call: Any) -> str:
    with pytest.raises(KnownError) as err:
        call()
    return err.value.code


def test_a_bundle_for_b_cannot_be_opened_by_c(trio: Any, tmp_path: Path) -> None:
    a, b, c = trio
    data = bundle_for(a, b, tmp_path)
    assert refusal(lambda: transfer_import.preview_bundle(c, data, now=T0)) \
        == "transfer_not_for_us"
    assert refusal(lambda: transfer_import.import_bundle(c, data, now=T0)) \
        == "transfer_not_for_us"


def test_c_rewriting_the_recipient_and_signing_again_still_cannot_decrypt(
        trio: Any, tmp_path: Path) -> None:
    a, b, c = trio
    data = bundle_for(a, b, tmp_path)
    size = int.from_bytes(data[len(keys.MAGIC):len(keys.MAGIC) + 4], "big")
    start = len(keys.MAGIC) + 4
    header = json.loads(data[start:start + size])
    mine = key_pair_of(c)
    header["recipient"] = mine.public.fingerprint
    header["sender"] = mine.public.text  # C signs it as its own
    new_header = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    head = keys.MAGIC + len(new_header).to_bytes(4, "big") + new_header
    body = head + data[start + size:-64]
    forged = body + mine.ed.sign(body)
    assert refusal(lambda: keys.open_bundle(forged, recipient=mine, now=T0)) \
        == "transfer_damaged"


def test_one_flipped_byte_anywhere_is_refused(trio: Any, tmp_path: Path) -> None:
    a, b, _ = trio
    data = bundle_for(a, b, tmp_path)
    mine = key_pair_of(b)
    keys.open_bundle(data, recipient=mine, now=T0)  # the untouched bundle opens
    for i in range(len(data)):
        for bit in (0x01, 0x80):
            altered = bytearray(data)
            altered[i] ^= bit
            with pytest.raises(KnownError) as err:
                keys.open_bundle(bytes(altered), recipient=mine, now=T0)
            # only a change of the recipient field may be reported as such
            assert err.value.code in ("transfer_damaged", "transfer_not_for_us"), i
    altered = bytearray(data)
    altered[len(data) // 2] ^= 0x10
    assert refusal(lambda: transfer_import.import_bundle(b, bytes(altered), now=T0)) \
        == "transfer_damaged"


def test_a_truncated_or_extended_bundle_is_refused(trio: Any, tmp_path: Path) -> None:
    a, b, _ = trio
    data = bundle_for(a, b, tmp_path)
    mine = key_pair_of(b)
    for cut in (0, 1, 8, 12, 100, len(data) // 2, len(data) - 65, len(data) - 64,
                len(data) - 1):
        assert refusal(lambda d=data[:cut]: keys.open_bundle(d, recipient=mine, now=T0)) \
            == "transfer_damaged", cut
    assert refusal(lambda: keys.open_bundle(data + b"\0", recipient=mine, now=T0)) \
        == "transfer_damaged"
    assert refusal(lambda: keys.open_bundle(b"not a bundle at all" * 10, recipient=mine,
                                            now=T0)) == "transfer_damaged"


def test_an_expired_bundle_is_refused(trio: Any, tmp_path: Path) -> None:
    a, b, _ = trio
    data = bundle_for(a, b, tmp_path, validity_days=3)
    transfer_import.preview_bundle(b, data, now=T0 + 3 * DAY - dt_second())
    err_code = refusal(lambda: transfer_import.import_bundle(b, data, now=T0 + 3 * DAY))
    assert err_code == "transfer_expired"
    assert refusal(lambda: transfers.export_bundle(
        a, [], recipient="x", parts=ALL_PARTS, path=tmp_path / "n.bin", now=T0)) \
        == "transfer_nothing"
    person = person_with_history(a)
    for days in (0, 91):
        assert refusal(lambda d=days: transfers.export_bundle(
            a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
            parts=ALL_PARTS, path=tmp_path / "v.bin", validity_days=d, now=T0)) \
            == "transfer_bad_validity"


def dt_second() -> Any:
    import datetime as dt

    return dt.timedelta(seconds=1)


def test_a_replayed_bundle_is_refused_and_imports_nothing_twice(
        trio: Any, tmp_path: Path) -> None:
    from accomp.services import duplicates

    a, b, _ = trio
    data = bundle_for(a, b, tmp_path)
    transfer_import.import_bundle(b, data, now=T0 + DAY)
    assert transfer_import.preview_bundle(b, data, now=T0 + DAY).already_imported
    assert refusal(lambda: transfer_import.import_bundle(b, data, now=T0 + 2 * DAY)) \
        == "transfer_replayed"
    assert len(duplicates.find_duplicates(b, first_name="Zéphyrine", last_name="CANARYNAME")) == 1


def test_an_unknown_sender_is_flagged_and_needs_explicit_trust(tmp_path: Path) -> None:
    stranger, b = worker_vault(tmp_path, "mallory"), worker_vault(tmp_path, "bruno")
    try:
        # The stranger knows B's public key, but B never recorded the stranger's.
        transfers.add_contact(stranger, "bruno", transfers.my_public_key(b).text, now=T0)
        data = bundle_for(stranger, b, tmp_path)
        preview = transfer_import.preview_bundle(b, data, now=T0)
        assert not preview.sender_known
        assert preview.sender_fingerprint == transfers.my_public_key(stranger).fingerprint
        with pytest.raises(KnownError) as err:
            transfer_import.import_bundle(b, data, now=T0)
        assert err.value.code == "transfer_unknown_sender"
        assert preview.sender_fingerprint in err.value.message("fr")
        done = transfer_import.import_bundle(b, data, trust_sender=True, now=T0)
        assert len(done.codes) == 1
    finally:
        stranger.lock()
        b.lock()


def test_a_known_name_with_another_key_is_still_a_stranger(trio: Any, tmp_path: Path) -> None:
    """An impostor's bundle names itself "alice" inside: what counts is the key."""
    _a, b, _ = trio
    impostor = worker_vault(tmp_path, "alice-impostor")
    try:
        impostor.worker = "alice"
        transfers.add_contact(impostor, "bruno", transfers.my_public_key(b).text, now=T0)
        data = bundle_for(impostor, b, tmp_path)
        preview = transfer_import.preview_bundle(b, data, now=T0)
        assert preview.sender_name == "alice"
        assert preview.sender_contact is None
    finally:
        impostor.lock()


def test_no_personal_data_in_temp_files_or_logs_during_a_transfer(
        trio: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    a, b, _ = trio
    watched = tmp_path / "tmp"
    watched.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(watched))
    monkeypatch.setenv("TMPDIR", str(watched))
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "usb"
    out.mkdir()
    data = bundle_for(a, b, out)
    transfer_import.preview_bundle(b, data, now=T0 + DAY)
    transfer_import.import_bundle(b, data, now=T0 + DAY)
    assert not any(n in caplog.text for n in CANARY_NEEDLES)
    leaks = []
    for path in tmp_path.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            leaks += [(path.name, n) for n in CANARY_NEEDLES if n.encode() in content]
    assert leaks == []
    # the bundle's own header names no one either
    assert b"CANARY" not in base64.b64decode(base64.b64encode(data))
