"""Shared test set-up.

- Qt runs offscreen.
- The whole run forbids network sockets: accomp must never open one.
- Vaults made by tests use a cheap KDF (the real parameters are tested on their own).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LC_ALL", "C.UTF-8")

_REAL_SOCKET = socket.socket


class _NoNetworkSocket(_REAL_SOCKET):
    def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
        if family in (-1, socket.AF_INET, socket.AF_INET6):
            raise AssertionError("accomp must not open a network socket")
        super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    socket.socket = _NoNetworkSocket  # type: ignore[misc]
    try:
        yield
    finally:
        socket.socket = _REAL_SOCKET  # type: ignore[misc]
