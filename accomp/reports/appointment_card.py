"""The appointment card handed to the person: when, where, what to bring, in plain
language ("facile à lire et à comprendre": short sentences, one idea a line, large
type), in French or English, from resources/templates/appointment_card.<lang>.html.

It reuses the documents' page style, date words and person line (reports.documents)
and becomes a PDF the same way (documents.to_pdf).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from accomp.domain.vocab import Lang, vocabulary
from accomp.reports import documents

_WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
# Place types said as the person hears them (the vocabulary's labels are the
# worker's words).
_PLACES = {
    "fr": {"LieuActivite": "Dans nos locaux", "Domicile": "Chez vous",
           "ADistance": "À distance : nous vous appelons", "Autre": "Au lieu convenu ensemble"},
    "en": {"LieuActivite": "At our office", "Domicile": "At your home",
           "ADistance": "Remotely: we will call you", "Autre": "At the place we agreed on"},
}
_NOTHING = {"fr": "Rien de particulier.", "en": "Nothing in particular."}


@dataclass(frozen=True, slots=True)
class Card:
    person: documents.Person
    starts_at: dt.datetime  # wall-clock time
    duration_min: int
    place_type: str
    items: Sequence[str]


def day_words(day: dt.date, lang: Lang) -> str:
    """"jeudi 10 décembre 2026" / "Thursday 10 December 2026"."""
    return f"{_WEEKDAYS[lang][day.weekday()]} {documents._day(day, lang)}"


def time_words(at: dt.time, lang: Lang) -> str:
    if lang == "fr":
        return f"{at.hour} h {at.minute:02d}" if at.minute else f"{at.hour} h"
    hour = at.hour % 12 or 12
    suffix = "am" if at.hour < 12 else "pm"
    return f"{hour}:{at.minute:02d} {suffix}"


def duration_words(minutes: int, lang: Lang) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    word = ("heure" if hours == 1 else "heures") if lang == "fr" else (
        "hour" if hours == 1 else "hours")
    return f"{hours} {word} {rest:02d}" if rest and lang == "fr" else (
        f"{hours} {word} {rest} minutes" if rest else f"{hours} {word}")


def _items(keys: Sequence[str], lang: Lang) -> str:
    if not keys:
        return f"<p style=\"font-size: 16pt;\">{_NOTHING[lang]}</p>"
    v = vocabulary()
    lines = "".join(
        f"<li style=\"font-size: 16pt;\">{html.escape(v.label('appointment_items', k, lang))}"
        "</li>" for k in keys)
    return f"<ul style=\"font-size: 16pt;\">{lines}</ul>"


def appointment_card(card: Card, lang: Lang, *, structure: str | None = None) -> str:
    """The card as a full HTML page."""
    place = _PLACES[lang].get(card.place_type,
                              vocabulary().label("place_types", card.place_type, lang))
    return documents._fill(
        "appointment_card", lang, structure,
        person=documents._person(card.person, lang),
        date=html.escape(day_words(card.starts_at.date(), lang)),
        time=html.escape(time_words(card.starts_at.time(), lang)),
        duration=html.escape(duration_words(card.duration_min, lang)),
        place=html.escape(place),
        items=_items(card.items, lang),
    )
