"""The skills passport handed to the person: what they can do now, what they
practised, what is next, in plain words, in French or English. HTML built with
plain_doc (every value escaped), printed to PDF by pdf.html_pdf.

It names no one: the file's code only, and a line where the person may write
their name by hand. It is the person's own paper: never sent anywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from accomp.domain import competences as dc
from accomp.domain.competences import Lang
from accomp.reports.plain_doc import Doc, date_fr

_T: dict[str, tuple[str, str]] = {
    "title": ("Mon passeport numérique", "My digital passport"),
    "file": ("Dossier {code} · le {day}", "File {code} · on {day}"),
    "name": ("Mon nom : ................................................",
             "My name: ................................................"),
    "structure": ("Accompagné(e) par : {name}", "Supported by: {name}"),
    "now": ("Ce que je sais faire maintenant", "What I can do now"),
    "competence": ("Compétence", "Competence"),
    "level": ("Mon niveau", "My level"),
    "pix": ("Nom dans Pix", "Name in Pix"),
    "practised": ("Ce que j'ai pratiqué", "What I practised"),
    "next": ("La suite", "What is next"),
    "aim": ("{competence} : viser « {words} »", "{competence}: aim for “{words}”"),
    "nothing": ("Rien n'est encore noté.", "Nothing is noted yet."),
    "about": (
        "Les niveaux ont été observés par la personne qui m'accompagne, pendant nos "
        "rendez-vous. Ce n'est pas un examen. Les compétences sont celles du cadre "
        "européen DigComp 2.2 ; le nom Pix est donné pour information.",
        "The levels were observed by the person who supports me, during our sessions. "
        "This is not an exam. The competences are those of the European DigComp 2.2 "
        "framework; the Pix name is given for information.",
    ),
    "mine": ("Ce document est à moi. Il n'est envoyé à personne d'autre.",
             "This document is mine. It is not sent to anyone else."),
}


def _t(key: str, lang: Lang, **values: str) -> str:
    fr, en = _T[key]
    return (fr if lang == "fr" else en).format(**values)


def _day(day: dt.date, lang: Lang) -> str:
    return date_fr(day) if lang == "fr" else day.strftime("%d %B %Y").lstrip("0")


@dataclass(frozen=True, slots=True)
class PassportData:
    code: str
    day: dt.date
    observations: Sequence[dc.Observation]
    structure: str | None = None


def passport_html(data: PassportData, lang: Lang = "fr") -> tuple[str, str]:
    """(title, HTML) of the person's passport."""
    doc = Doc()
    title = _t("title", lang)
    doc.h1(title)
    doc.p(_t("file", lang, code=data.code, day=_day(data.day, lang)))
    doc.p(_t("name", lang))
    if data.structure:
        doc.p(_t("structure", lang, name=data.structure))
    levels = dc.current_levels(data.observations, data.day)
    doc.h2(_t("now", lang))
    if not levels:
        doc.p(_t("nothing", lang))
    doc.table([_t("competence", lang), _t("level", lang), _t("pix", lang)], [
        [dc.competence(key).label(lang), f"{level} — {dc.level_words(level, lang)}",
         dc.competence(key).pix]
        for key, level in sorted(levels.items())
    ])
    doc.h2(_t("practised", lang))
    by_day: dict[dt.date, list[str]] = {}
    for o in data.observations:
        if o.on <= data.day:
            by_day.setdefault(o.on, []).append(dc.competence(o.competence).label(lang))
    doc.ul([f"{_day(day, lang)} : {', '.join(names)}" if lang == "fr"
            else f"{_day(day, lang)}: {', '.join(names)}"
            for day, names in sorted(by_day.items())])
    steps = dc.next_steps(levels)
    if steps:
        doc.h2(_t("next", lang))
        doc.ul([_t("aim", lang, competence=dc.competence(key).label(lang),
                   words=dc.level_words(aim, lang)) for key, aim in steps])
    doc.p(_t("about", lang), small=True)
    doc.p(_t("mine", lang), small=True)
    return title, doc.to_html(title)


def passport_pdf(data: PassportData, lang: Lang = "fr") -> bytes:
    from accomp.reports.pdf import html_pdf

    title, page = passport_html(data, lang)
    return html_pdf(page, title=title)
