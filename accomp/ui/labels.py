"""What the screens show for stored values: vocabulary labels, durations and dates,
in the language of the interface.

The interface language lives here (not in i18n.py) so that models and views can ask
for it without loading translators; i18n.py is expected to call `set_lang()` when it
installs a language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from accomp.domain.errors import Lang

if TYPE_CHECKING:
    from accomp.domain.vocab import Vocabulary

_lang: Lang = "fr"
_vocabulary: list[Vocabulary] = []


def vocabulary() -> Vocabulary:
    # The reference lists load with the first screen that shows them, not with the
    # unlock dialog (which imports this module for the language).
    if not _vocabulary:
        from accomp.domain.vocab import vocabulary as load

        _vocabulary.append(load())
    return _vocabulary[0]


def current_lang() -> Lang:
    """The language of the interface: "fr" unless set otherwise."""
    return _lang


def set_lang(lang: Lang) -> None:
    global _lang
    if lang not in ("fr", "en"):
        raise ValueError(f"unsupported language {lang!r}")
    _lang = lang


def vocab_label(list_name: str, key: str) -> str:
    """The label of a reference-list key (the key itself if it is unknown)."""
    return vocabulary().label(list_name, key, _lang)


def vocab_labels(list_name: str, keys: list[str]) -> list[str]:
    return [vocab_label(list_name, k) for k in keys]


def all_labels(list_name: str) -> list[str]:
    """Every label of a reference list, in its order."""
    return [t.label(_lang) for t in vocabulary().terms(list_name)]


def vocab_rank(list_name: str, key: str | None) -> int:
    """Position of a key in its reference list (-1 for none or unknown): lists such as
    autonomy are ordered, so this is the key to sort them on."""
    for i, term in enumerate(vocabulary().terms(list_name)):
        if term.key == key:
            return i
    return -1


def duration(minutes: int) -> str:
    """45 -> "45 min", 60 -> "1 h", 90 -> "1 h 30"."""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"{rest} min"
    if rest == 0:
        return f"{hours} h"
    return f"{hours} h {rest:02d}"


def date(value: dt.date) -> str:
    """A date as people write it: 20/11/2026 in French, 2026-11-20 otherwise."""
    if _lang == "fr":
        return value.strftime("%d/%m/%Y")
    return value.isoformat()


_PLURAL_MARK = re.compile(r"\((s|x)\)")


def resolve_plural(text: str, n: int) -> str:
    """Finish a `tr("%n activité(s)", "", n)` string when no translation gave its
    plural forms (the French sources carry "(s)"): French singular is 0 and 1."""
    return _PLURAL_MARK.sub(lambda m: m.group(1) if abs(n) >= 2 else "", text)
