"""The vault's passphrase policy (CNIL, about 80 bits): 12 characters of 4 kinds, 14 of
3 kinds or 7 words; never a common password; never padding."""

from __future__ import annotations

import pytest

from accomp.domain import passphrase as policy
from accomp.domain.errors import KnownError
from accomp.domain.passphrase import PROBLEMS, assess, check, common_passwords, describe


def refused_for(text: str) -> tuple[str, ...]:
    result = assess(text)
    assert not result.ok
    return result.problems


# -- the three ways to be long enough ---------------------------------------------------


def test_twelve_characters_of_four_kinds_are_accepted() -> None:
    result = assess("Kq7!mZp2#Lw9")
    assert result.ok
    assert result.problems == ()
    assert result.score == 4
    assert result.bits >= 75


def test_eleven_characters_of_four_kinds_are_too_short() -> None:
    assert refused_for("Kq7!mZp2#Lw")[0] == "too_short"


def test_twelve_characters_of_three_kinds_need_the_fourth() -> None:
    assert refused_for("Kq7xmZp2tLw9")[0] == "needs_4_kinds"


def test_fourteen_characters_of_three_kinds_are_accepted() -> None:
    assert assess("Kq7xmZp2tLw9Rb").ok  # lower, upper, digits
    assert assess("kq7!mzp2#lw9rb").ok  # lower, digits, symbols


def test_fourteen_characters_of_two_kinds_are_refused() -> None:
    assert refused_for("kq7xmzp2tlw9rb")[0] == "needs_3_kinds"


def test_seven_different_words_are_accepted_whatever_the_separator() -> None:
    assert assess("cheval agrafe batterie correct lune piano sable").ok
    assert assess("cheval-agrafe-batterie-correct-lune-piano-sable").ok
    assert assess("cheval.agrafe.batterie.correct.lune.piano.sable").ok
    assert assess("cheval_agrafe_batterie_correct_lune_piano_sable").ok
    assert assess("il fait beau ce matin à la plage").ok  # "à" is not counted


def test_six_words_are_not_enough() -> None:
    assert refused_for("cheval agrafe batterie correct lune piano")[0] == "too_few_words"


def test_a_repeated_word_counts_once() -> None:
    assert refused_for("cheval agrafe cheval agrafe lune piano sable")[0] == "too_few_words"


def test_seven_tiny_words_are_not_a_passphrase() -> None:
    assert refused_for("le la un de du et en")[0] == "words_too_short"


# -- common passwords -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Azerty123456!",  # common word padded with digits and a symbol
        "Motdepasse2024!",
        "P4ssw0rd!2024",  # leet
        "Mot-de-passe-2024",  # separators
        "Sécurité123!",  # accents; "securite" is listed
        "1234567890",
    ],
)
def test_common_passwords_are_refused_even_disguised(text: str) -> None:
    assert "common" in refused_for(text)
    assert assess(text).score == 0


@pytest.mark.parametrize("word", ["azerty", "motdepasse", "soleil", "doudou", "marseille"])
def test_common_french_passwords_are_listed(word: str) -> None:
    assert word in common_passwords()


def test_the_shipped_list_has_at_least_ten_thousand_entries() -> None:
    listed = common_passwords()
    assert len(listed) >= 10_000
    assert all(entry == entry.lower() and entry.strip() == entry for entry in listed)
    assert not any(entry.startswith("#") for entry in listed)


def test_a_long_passphrase_containing_a_common_word_is_fine() -> None:
    assert assess("Soleil levant sur la mer, 7 voiliers!").ok


# -- padding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Abcdefgh1234!",  # sequences
        "Aa1!Aa1!Aa1!",  # a repeated unit
        "aaaaaaaaaaaA1!",  # a repeated character
        "Qsdfghjklm12!",  # a keyboard row
    ],
)
def test_repetitions_and_sequences_do_not_count_as_length(text: str) -> None:
    assert "predictable" in refused_for(text)


def test_short_runs_inside_real_words_are_not_punished() -> None:
    # "ert" (keyboard), "rst" (alphabet) occur in ordinary words.
    assert assess("Vertical7!Kq").ok
    assert assess("Firsty7!Kq2z").ok


# -- messages, meter, edges -------------------------------------------------------------


def test_empty_passphrase_states_the_rule() -> None:
    result = assess("")
    assert result == policy.Assessment(ok=False, score=0, bits=0.0, problems=("empty",))
    assert describe("empty", "fr").startswith("Au moins 12 caractères")


def test_too_long_is_refused_without_analysis() -> None:
    assert refused_for("Kq7!" * 100) == ("too_long",)


def test_score_grows_with_strength_and_reaches_4_only_when_accepted() -> None:
    scores = [assess(t).score for t in ("a", "kq7mzp", "Kq7mZp2t", "Kq7!mZp2#Lw", "Kq7!mZp2#Lw9")]
    assert scores == sorted(scores)
    assert scores[-1] == 4
    assert max(scores[:-1]) <= 3


def test_every_problem_has_a_french_and_an_english_hint() -> None:
    for code, (fr, en) in PROBLEMS.items():
        assert fr, code
        assert en, code
        assert fr != en, code
        assert describe(code, "fr") == fr
        assert describe(code, "en") == en


def test_too_short_hint_is_plain_french() -> None:
    assert describe("too_short", "fr") == (
        "Trop courte : au moins 12 caractères de 4 sortes, 14 de 3 sortes, ou 7 mots."
    )


def test_check_raises_a_known_error_with_the_first_problem_in_french() -> None:
    with pytest.raises(KnownError) as caught:
        check("Kq7!mZp2#Lw")
    err = caught.value
    assert err.code == "weak_passphrase"
    assert err.field == "passphrase"
    assert err.params["problem"] == "too_short"
    assert err.message("fr") == "Phrase de passe trop faible : " + describe("too_short", "fr")


def test_check_accepts_a_strong_passphrase() -> None:
    check("Kq7!mZp2#Lw9")


def test_weak_passphrase_message_is_whole_in_each_language():
    import pytest

    from accomp.domain.errors import KnownError
    from accomp.domain.passphrase import check

    with pytest.raises(KnownError) as info:
        check("court")
    assert info.value.message("fr").startswith("Phrase de passe trop faible : ")
    english = info.value.message("en")
    assert english.startswith("Passphrase too weak: ")
    assert "Trop" not in english
