"""The referral slip handed to a person sent to a partner: where to go, when, what
to bring and why, in plain words (French or English). It names the person only
when the service was allowed to pass their name on; otherwise it carries the file
code only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accomp.domain.errors import Lang
from accomp.reports.plain_doc import Doc, date_fr


@dataclass(frozen=True, slots=True)
class Slip:
    partner: str
    partner_type: str | None  # its label in the slip's language
    address: str | None
    hours: str | None
    phone: str | None
    contact: str | None
    why: str
    bring: tuple[str, ...]
    code: str
    person: str | None  # the person's name: only with the sharing consent, ticked
    day: dt.date
    structure: str | None


_TEXT = {
    "fr": {
        "title": "Fiche d'orientation", "type": "Type de structure",
        "to": "Vous êtes orienté·e vers",
        "address": "Adresse", "hours": "Horaires", "phone": "Téléphone",
        "contact": "Personne à demander", "why": "Pourquoi ?", "bring": "À apporter",
        "nothing": "Rien de particulier.", "person": "Pour", "code": "Dossier n°",
        "given": "Fiche remise le {day}{by}.", "by": " par {s}",
        "help": "Montrez cette fiche à l'accueil. En cas de difficulté, revenez nous voir.",
    },
    "en": {
        "title": "Referral slip", "type": "Kind of organisation", "to": "You are referred to",
        "address": "Address", "hours": "Opening hours", "phone": "Phone",
        "contact": "Ask for", "why": "Why?", "bring": "What to bring",
        "nothing": "Nothing in particular.", "person": "For", "code": "File no.",
        "given": "Slip given on {day}{by}.", "by": " by {s}",
        "help": "Show this slip at the front desk. If anything goes wrong, come back to us.",
    },
}


def slip_html(slip: Slip, lang: Lang) -> str:
    t = _TEXT[lang]
    doc = Doc()
    doc.h1(t["title"])
    doc.h2(f"{t['to']} : {slip.partner}" if lang == "fr" else f"{t['to']}: {slip.partner}")
    rows = [[t[k], v] for k, v in (("address", slip.address), ("hours", slip.hours),
                                   ("phone", slip.phone), ("contact", slip.contact)) if v]
    if slip.partner_type:
        rows.insert(0, [t["type"], slip.partner_type])
    doc.table(None, rows)
    doc.h3(t["why"])
    doc.p(slip.why)
    doc.h3(t["bring"])
    if slip.bring:
        doc.ul(list(slip.bring))
    else:
        doc.p(t["nothing"])
    who = slip.person if slip.person else f"{t['code']} {slip.code}"
    doc.p(f"{t['person']} : {who}" if lang == "fr" else f"{t['person']}: {who}")
    day = date_fr(slip.day) if lang == "fr" else slip.day.strftime("%d %B %Y")
    doc.p(t["given"].format(day=day, by=t["by"].format(s=slip.structure) if slip.structure
                            else ""), small=True)
    doc.p(t["help"], small=True)
    return doc.to_html(t["title"])
