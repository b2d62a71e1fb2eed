"""Right of access: the copy of everything kept about one person, as a JSON file
(complete, machine-readable) and a document in plain French ("facile à lire") that
the worker can print or hand over.

The writer only formats what the service gives it (`record`, see
store/access_record.person_record); it adds nothing and leaves nothing out, except the
technical hashes, which only the JSON carries.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from accomp.domain.vocab import vocabulary
from accomp.reports.plain_doc import Doc, date_fr, datetime_fr, parse_iso

FORMAT = 1

_IDENTITY = (
    ("first_name", "Prénom"), ("last_name", "Nom"), ("phone", "Téléphone"),
    ("email", "Adresse e-mail"), ("birth_year", "Année de naissance"),
)
_FIELD_NAMES = {
    **dict(_IDENTITY), "notes": "Notes", "gender": "Genre", "age_band": "Tranche d'âge",
    "social_status": "Situation", "commune_name": "Commune",
    "commune_postal_code": "Code postal", "commune_insee": "Code INSEE",
    "legal_basis": "Raison de garder le dossier", "informed_on": "Date d'information",
    "notice_version": "Version de la notice",
}
_ACTIONS = {
    "beneficiary.create": "a créé votre dossier",
    "beneficiary.update": "a modifié votre dossier",
    "beneficiary.view": "a ouvert votre dossier",
    "activity.create": "a noté un rendez-vous avec vous",
    "activity.update": "a modifié un rendez-vous",
    "activity.delete": "a supprimé un rendez-vous",
    "rights.access": "vous a remis la copie de vos informations",
    "rights.rectify": "a corrigé votre dossier",
    "rights.erase": "a effacé vos informations",
    "retention.anonymise": "a anonymisé votre dossier (durée de conservation dépassée)",
    "retention.notes": "a effacé des notes anciennes (durée de conservation dépassée)",
}
_EVENT_KINDS = {
    "informe": "vous avez été informé(e)",
    "donne": "vous avez donné votre accord",
    "renouvele": "vous avez renouvelé votre accord",
    "retire": "vous avez retiré votre accord",
    "expire": "l'accord a pris fin",
}


def access_json(record: dict[str, Any]) -> bytes:
    """The complete record, UTF-8 JSON, keys in a stable order."""
    return (json.dumps({"format": FORMAT, **record}, ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8"
    )


def _label(list_name: str, key: str | None) -> str:
    if key is None:
        return "—"
    return vocabulary().label(list_name, key, "fr")


def _labels(list_name: str, keys: list[str]) -> str:
    return ", ".join(_label(list_name, k) for k in keys) or "—"


def _day(value: str | None) -> str:
    """A date ('2026-11-28') or the day of an instant ('…T…Z', shown in local time)."""
    if not value:
        return "—"
    if "T" in value:
        return datetime_fr(parse_iso(value)).split(" à ")[0]
    return date_fr(dt.date.fromisoformat(value))


def _when(value: str | None) -> str:
    return datetime_fr(parse_iso(value))


def access_document(record: dict[str, Any]) -> Doc:
    """The plain-language document (render with .to_html() or .markdown())."""
    doc = Doc()
    f = record["file"]
    meta = record.get("document", {})
    doc.h1("Vos informations dans notre journal d'accompagnement")
    doc.p(f"Dossier {f['code']} — document fait le {_when(meta.get('generated_at'))}.")
    doc.p(
        "Vous avez demandé à voir ce que nous gardons sur vous. Tout est dans ce document. "
        "Il est à vous. Il contient des informations personnelles : gardez-le en lieu sûr."
    )
    if f.get("anonymised_at"):
        doc.p(f"Votre dossier a été anonymisé le {_when(f['anonymised_at'])} : votre nom et "
              "vos coordonnées ont été effacés.")

    _identity(doc, record)
    _statistics(doc, record)
    _basis_and_consents(doc, record)
    _mandates(doc, record)
    _activities(doc, record)
    _skills(doc, record)
    _rectifications(doc, record)
    _journal(doc, record)
    _retention_and_rights(doc, meta)
    return doc


def _identity(doc: Doc, record: dict[str, Any]) -> None:
    ident = record["identity"]
    doc.h2("Qui vous êtes")
    rows = [[label, str(ident[k])] for k, label in _IDENTITY if ident.get(k) not in (None, "")]
    if rows:
        doc.table(["Information", "Ce que nous avons noté"], rows)
    else:
        doc.p("Nous ne gardons ni votre nom, ni votre téléphone, ni votre adresse e-mail.")
    if ident.get("notes"):
        doc.h3("Les notes de votre dossier")
        doc.p(str(ident["notes"]))


def _statistics(doc: Doc, record: dict[str, Any]) -> None:
    st = record["statistics"]
    doc.h2("Ce que nous comptons pour les statistiques")
    doc.p("Ces informations servent à compter les personnes aidées. Les chiffres que nous "
          "envoyons ne disent jamais qui vous êtes.")
    commune = st.get("commune")
    rows = [
        ["Genre", _label("genders", st["gender"])],
        ["Tranche d'âge", _label("age_bands", st["age_band"])],
        ["Situation", _label("social_statuses", st["social_status"])],
    ]
    if commune:
        place = " ".join(v for v in (commune.get("postal_code"), commune.get("name")) if v)
        rows.append(["Commune", place])
    doc.table(["Information", "Valeur"], rows)


def _basis_and_consents(doc: Doc, record: dict[str, Any]) -> None:
    basis = record["legal_basis"]
    doc.h2("Pourquoi nous gardons votre dossier")
    if basis.get("basis"):
        doc.p(f"Raison : {_label('legal_bases', basis['basis'])}.")
        if basis.get("informed_on"):
            doc.p(f"Nous vous l'avons expliqué le {_day(basis['informed_on'])}"
                  + (f" (notice version {basis['notice_version']})."
                     if basis.get("notice_version") else "."))
    else:
        doc.p("Votre dossier ne contient pas de données qui disent qui vous êtes.")
    doc.h2("Vos accords")
    consents = record["consents"]
    if not consents:
        doc.p("Nous ne vous avons demandé aucun accord.")
    for c in consents:
        doc.h3(_label("consent_purposes", c["purpose"]))
        items = []
        for e in c["events"]:
            text = f"Le {_when(e['at'])} : {_EVENT_KINDS.get(e['kind'], e['kind'])}"
            if e.get("method"):
                text += f" ({_label('consent_methods', e['method'])})"
            if e.get("valid_until"):
                text += f", jusqu'au {_day(e['valid_until'])}"
            text += f". Noté par {e['recorded_by']}."
            items.append(text)
        doc.ul(items)


def _mandates(doc: Doc, record: dict[str, Any]) -> None:
    doc.h2("Vos mandats")
    mandates = record["mandates"]
    if not mandates:
        doc.p("Vous ne nous avez pas donné de mandat pour agir à votre place.")
        return
    doc.p("Un mandat nous permet de faire des démarches à votre place.")
    items = []
    for m in mandates:
        scopes = []
        for s in m["scopes"]:
            label = _label("mandate_scopes", s["scope"])
            if s.get("revoked_at"):
                label += f" (arrêté le {_when(s['revoked_at'])})"
            scopes.append(label)
        text = (f"Du {_day(m['starts_on'])} au {_day(m['ends_on'])} : "
                + ", ".join(scopes) + ".")
        if m.get("revoked_at"):
            text += f" Mandat arrêté le {_when(m['revoked_at'])}."
        items.append(text)
    doc.ul(items)


def _activities(doc: Doc, record: dict[str, Any]) -> None:
    doc.h2("Nos rendez-vous avec vous")
    acts = record["activities"]
    if not acts:
        doc.p("Nous n'avons noté aucun rendez-vous avec vous.")
        return
    doc.p(f"Nous avons noté {len(acts)} rendez-vous ou atelier(s).")
    for a in acts:
        if a["kind"] == "Collectif":
            title = a.get("workshop_title") or "sans titre"
            doc.h3(f"Atelier « {title} » — {_day(a['date'])}")
        else:
            doc.h3(f"Rendez-vous du {_day(a['date'])}")
        rows = [
            ["Durée", f"{a['duration_min']} minutes"],
            ["Lieu", _label("place_types", a["place_type"])
             + (f" ({a['commune']['name']})" if a.get("commune") else "")],
            ["Sujets", _labels("themes", a["themes"])],
        ]
        if a.get("admin_themes"):
            rows.append(["Démarches", _labels("admin_themes", a["admin_themes"])])
        if a.get("equipment"):
            rows.append(["Matériel", _labels("equipment", a["equipment"])])
        if a.get("level"):
            rows.append(["Niveau", _label("workshop_levels", a["level"])])
        if a.get("procedure_details"):
            rows.append(["Précisions sur la démarche", a["procedure_details"]])
        if a.get("autonomy"):
            rows.append(["Autonomie", _label("autonomy", a["autonomy"])])
        if a.get("referred"):
            rows.append(["Orienté(e) vers", _label("referral_targets", a.get("referral_target"))])
        if a.get("referral_shares_data"):
            rows.append(["Informations transmises", "oui, à la structure vers qui vous êtes "
                         "orienté(e), avec votre accord"])
        if a.get("under_mandate_scope"):
            rows.append(["Fait à votre place (mandat)",
                         _label("mandate_scopes", a["under_mandate_scope"])])
        if a.get("completion"):
            rows.append(["Où en est la démarche", _label("completion", a["completion"])])
        if a.get("notes"):
            rows.append(["Notes", a["notes"]])
        rows.extend([str(k), str(v)] for k, v in (a.get("custom_fields") or {}).items())
        doc.table(None, rows)


def _skills(doc: Doc, record: dict[str, Any]) -> None:
    from accomp.domain.competences import competence, level_words

    tags, seen = record.get("tags") or [], record.get("skills_passport") or []
    if tags:
        doc.h2("Les étiquettes de votre dossier")
        doc.ul(list(tags))
    fields = record.get("custom_fields") or {}
    if fields:
        doc.h2("Les autres informations de votre dossier")
        doc.table(["Information", "Valeur"], [[str(k), str(v)] for k, v in fields.items()])
    planned = record.get("appointments") or []
    if planned:
        doc.h2("Vos rendez-vous")
        doc.table(["Jour", "Heure", "Lieu", "Où en est-il"], [
            [date_fr(dt.date.fromisoformat(a["day"])), a["start"],
             _label("place_types", a["place_type"]), _label("appointment_statuses", a["status"])]
            for a in planned])
    if seen:
        doc.h2("Vos compétences numériques (passeport)")
        doc.table(["Quand", "Compétence", "Niveau observé"], [
            [date_fr(dt.date.fromisoformat(o["observed_on"])),
             competence(o["competence"]).label("fr"),
             f"{o['level']} — {level_words(o['level'], 'fr')}"] for o in seen])


def _rectifications(doc: Doc, record: dict[str, Any]) -> None:
    recs = record["rectifications"]
    if not recs:
        return
    doc.h2("Les corrections de votre dossier")
    doc.p("Quand une information est corrigée, nous gardons l'ancienne valeur ici.")
    rows = []
    for r in recs:
        for name, old in r["previous"].items():
            rows.append([_when(r["at"]), _FIELD_NAMES.get(name, name),
                         "—" if old is None else str(old), r["actor"]])
    doc.table(["Quand", "Information", "Ancienne valeur", "Corrigé par"], rows)


def _journal(doc: Doc, record: dict[str, Any]) -> None:
    doc.h2("Qui a ouvert ou modifié votre dossier")
    events = record["journal"]
    if not events:
        doc.p("Aucune trace dans le journal.")
        return
    rows = []
    for e in events:
        what = _ACTIONS.get(e["action"], e["action"])
        if e.get("fields"):
            what += " : " + ", ".join(_FIELD_NAMES.get(n, n) for n in e["fields"])
        rows.append([_when(e["at"]), e["actor"], what])
    doc.table(["Quand", "Qui", "Quoi"], rows)


def _retention_and_rights(doc: Doc, meta: dict[str, Any]) -> None:
    periods = meta.get("retention") or {}
    doc.h2("Combien de temps nous gardons vos informations")
    items = [f"{p['label']} : {p['months']} mois {p['counted_from']}." for p in periods.values()]
    doc.ul(items)
    doc.p("Après ce délai, votre nom, vos coordonnées et les notes sont effacés. Seuls "
          "restent des chiffres qui ne disent pas qui vous êtes.")
    doc.h2("Vos droits")
    doc.ul([
        "Vous pouvez demander de corriger une information fausse.",
        "Vous pouvez demander d'effacer votre dossier. Les rendez-vous restent comptés, "
        "sans votre nom.",
        "Vous pouvez retirer un accord quand vous voulez.",
        "Si vous n'êtes pas d'accord avec nous, vous pouvez vous plaindre à la CNIL "
        "(www.cnil.fr).",
    ])
