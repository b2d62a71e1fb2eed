"""A supervisor counts people across workers' files by key, never by name."""

from __future__ import annotations

import re
import unicodedata

import pytest

from accomp.privacy.pseudonym import KEY_BYTES, MIN_SECRET_BYTES, beneficiary_key

STRUCTURE_SECRET = bytes(range(32))
OTHER_STRUCTURE_SECRET = bytes(range(1, 33))


def test_key_is_short_lowercase_hex() -> None:
    key = beneficiary_key(STRUCTURE_SECRET, "B-0042")
    assert re.fullmatch(r"[0-9a-f]+", key)
    assert len(key) == 2 * KEY_BYTES == 32


def test_key_derivation_never_changes_between_versions() -> None:
    # Keys from last year's exports must still match this year's: the derivation is
    # frozen, and this vector catches any accidental change to it.
    assert beneficiary_key(bytes(range(16)), "B-0042") == "469be6251d07be3bfa2f5ab1bdb16e96"


def test_two_workers_with_the_same_code_get_the_same_key() -> None:
    assert beneficiary_key(STRUCTURE_SECRET, "B-0042") == beneficiary_key(
        STRUCTURE_SECRET, "B-0042"
    )


def test_different_people_get_different_keys() -> None:
    keys = {beneficiary_key(STRUCTURE_SECRET, f"B-{n:04d}") for n in range(1000)}
    assert len(keys) == 1000


def test_keys_of_another_structure_cannot_be_linked() -> None:
    assert beneficiary_key(STRUCTURE_SECRET, "B-0042") != beneficiary_key(
        OTHER_STRUCTURE_SECRET, "B-0042"
    )


def test_invisible_differences_in_typing_a_code_do_not_split_a_person() -> None:
    composed = unicodedata.normalize("NFC", "Amélie-7")
    decomposed = unicodedata.normalize("NFD", "Amélie-7")
    assert composed != decomposed
    assert beneficiary_key(STRUCTURE_SECRET, composed) == beneficiary_key(
        STRUCTURE_SECRET, f"  {decomposed}\t"
    )


def test_case_is_kept_because_codes_are_chosen_by_workers() -> None:
    assert beneficiary_key(STRUCTURE_SECRET, "ab12") != beneficiary_key(STRUCTURE_SECRET, "AB12")


def test_key_does_not_contain_the_code() -> None:
    assert "0042" not in beneficiary_key(STRUCTURE_SECRET, "0042")


def test_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        beneficiary_key(b"x" * (MIN_SECRET_BYTES - 1), "B-0042")


def test_minimum_length_secret_is_accepted() -> None:
    assert beneficiary_key(b"x" * MIN_SECRET_BYTES, "B-0042")


@pytest.mark.parametrize("code", ["", "   ", "\t\n"])
def test_empty_code_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match="cannot be empty"):
        beneficiary_key(STRUCTURE_SECRET, code)
