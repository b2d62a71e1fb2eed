"""What the audit journal's action codes and details mean, in words a beneficiary,
a worker or a supervisor reads (French source, translated in the "PrivacyPage"
context, where the journal viewer of the "Protection des données" page shows them).

Every code and every detail key the services write must have its words here:
tests/gui/test_journal_action_labels.py and tests/gui/test_journal_details.py read
the services' source to check it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from accomp.domain.retention import RULES, DataClass
from accomp.services.consents import document_title
from accomp.ui import labels
from accomp.ui.labels import current_lang

# Action prefixes offered by the journal's filter, with their French labels (in
# views/privacy/journal.py, _action_choices, so that lupdate sees them). Every prefix
# of a code the services write must be here: tests/gui/test_journal_action_labels.py
# checks it.
ACTION_PREFIXES = ("beneficiary", "activity", "consent", "mandate", "appointment", "document",
                   "rights", "retention", "journal", "backup", "export", "structure_secret",
                   "register", "vault", "settings", "demo", "draft", "import", "transfer",
                   "partner", "referral")

# What each action code of the journal means, in words a beneficiary or a supervisor
# reads (French source, translated in the "PrivacyPage" context when shown). Every
# code the services write must be here: tests/gui/test_journal_action_labels.py reads
# the source to check it. The code itself stays in the cell's tooltip for an auditor.
_ACTION_TEXTS: dict[str, object] = {  # QT_TRANSLATE_NOOP is typed as returning object
    "activity.create": QT_TRANSLATE_NOOP("PrivacyPage", "Séance enregistrée"),
    "activity.update": QT_TRANSLATE_NOOP("PrivacyPage", "Séance modifiée"),
    "activity.delete": QT_TRANSLATE_NOOP("PrivacyPage", "Séance supprimée"),
    "beneficiary.create": QT_TRANSLATE_NOOP("PrivacyPage", "Dossier créé"),
    "beneficiary.update": QT_TRANSLATE_NOOP("PrivacyPage", "Dossier modifié"),
    "beneficiary.view": QT_TRANSLATE_NOOP("PrivacyPage", "Dossier ouvert"),
    "beneficiary.merge": QT_TRANSLATE_NOOP("PrivacyPage", "Deux dossiers fusionnés"),
    "beneficiary.merge_undo": QT_TRANSLATE_NOOP("PrivacyPage", "Fusion de dossiers annulée"),
    "consent.inform": QT_TRANSLATE_NOOP("PrivacyPage", "Personne informée"),
    "consent.give": QT_TRANSLATE_NOOP("PrivacyPage", "Consentement recueilli"),
    "consent.renew": QT_TRANSLATE_NOOP("PrivacyPage", "Consentement renouvelé"),
    "consent.withdraw": QT_TRANSLATE_NOOP("PrivacyPage", "Consentement retiré"),
    "consent.expire": QT_TRANSLATE_NOOP("PrivacyPage", "Consentement arrivé à échéance"),
    "consent.legal_basis": QT_TRANSLATE_NOOP("PrivacyPage", "Base légale du dossier enregistrée"),
    "consent.share": QT_TRANSLATE_NOOP("PrivacyPage",
                                       "Données transmises à un partenaire, avec consentement"),
    "mandate.create": QT_TRANSLATE_NOOP("PrivacyPage", "Mandat enregistré"),
    "mandate.renew": QT_TRANSLATE_NOOP("PrivacyPage", "Mandat renouvelé"),
    "mandate.revoke": QT_TRANSLATE_NOOP("PrivacyPage", "Mandat révoqué"),
    "mandate.revoke_scope": QT_TRANSLATE_NOOP("PrivacyPage", "Démarche retirée d'un mandat"),
    "mandate.use": QT_TRANSLATE_NOOP("PrivacyPage", "Démarche faite sous mandat"),
    "appointment.plan": QT_TRANSLATE_NOOP("PrivacyPage", "Rendez-vous prévu"),
    "appointment.done": QT_TRANSLATE_NOOP("PrivacyPage", "Rendez-vous honoré"),
    "appointment.missed": QT_TRANSLATE_NOOP("PrivacyPage", "Rendez-vous manqué"),
    "appointment.cancel": QT_TRANSLATE_NOOP("PrivacyPage", "Rendez-vous annulé"),
    "appointment.export": QT_TRANSLATE_NOOP("PrivacyPage",
                                            "Rendez-vous exportés vers un agenda"),
    "document.save": QT_TRANSLATE_NOOP("PrivacyPage", "Document enregistré en PDF"),
    "document.print": QT_TRANSLATE_NOOP("PrivacyPage", "Document imprimé"),
    "rights.access": QT_TRANSLATE_NOOP("PrivacyPage",
                                       "Copie des informations remise (droit d'accès)"),
    "rights.rectify": QT_TRANSLATE_NOOP("PrivacyPage",
                                        "Dossier corrigé (droit de rectification)"),
    "rights.erase": QT_TRANSLATE_NOOP("PrivacyPage",
                                      "Informations effacées (droit à l'effacement)"),
    "retention.settings": QT_TRANSLATE_NOOP("PrivacyPage", "Durée de conservation modifiée"),
    "retention.anonymise": QT_TRANSLATE_NOOP(
        "PrivacyPage", "Dossier anonymisé (durée de conservation dépassée)"),
    "retention.notes": QT_TRANSLATE_NOOP(
        "PrivacyPage", "Notes effacées (durée de conservation dépassée)"),
    "retention.exports": QT_TRANSLATE_NOOP(
        "PrivacyPage", "Traces d'export effacées (durée de conservation dépassée)"),
    "journal.prune": QT_TRANSLATE_NOOP(
        "PrivacyPage", "Anciens événements du journal remplacés par un point de contrôle"),
    "backup.write": QT_TRANSLATE_NOOP("PrivacyPage", "Sauvegarde écrite"),
    "backup.restore": QT_TRANSLATE_NOOP("PrivacyPage", "Sauvegarde restaurée"),
    "backup.settings": QT_TRANSLATE_NOOP("PrivacyPage",
                                         "Nombre de sauvegardes conservées modifié"),
    "export.summary": QT_TRANSLATE_NOOP("PrivacyPage", "Synthèse exportée"),
    "export.activities": QT_TRANSLATE_NOOP("PrivacyPage", "Fichier d'activités exporté"),
    "export.consolidation": QT_TRANSLATE_NOOP("PrivacyPage",
                                              "Consolidation d'équipe exportée"),
    "register.write": QT_TRANSLATE_NOOP("PrivacyPage", "Registre des traitements écrit"),
    "structure_secret.create": QT_TRANSLATE_NOOP("PrivacyPage", "Secret de structure créé"),
    "structure_secret.export": QT_TRANSLATE_NOOP("PrivacyPage", "Secret de structure exporté"),
    "structure_secret.import": QT_TRANSLATE_NOOP("PrivacyPage", "Secret de structure importé"),
    "vault.create": QT_TRANSLATE_NOOP("PrivacyPage", "Coffre créé"),
    "vault.passphrase_change": QT_TRANSLATE_NOOP("PrivacyPage", "Phrase de passe changée"),
    "settings.structure_name": QT_TRANSLATE_NOOP("PrivacyPage",
                                                 "Nom de la structure modifié"),
    "settings.structure_typology": QT_TRANSLATE_NOOP("PrivacyPage",
                                                     "Type de structure modifié"),
    "settings.worker_name": QT_TRANSLATE_NOOP("PrivacyPage",
                                              "Nom imprimé sur les reçus modifié"),
    "settings.tag_create": QT_TRANSLATE_NOOP("PrivacyPage", "Étiquette créée"),
    "settings.tag_rename": QT_TRANSLATE_NOOP("PrivacyPage", "Étiquette renommée"),
    "settings.tag_delete": QT_TRANSLATE_NOOP("PrivacyPage", "Étiquette supprimée"),
    "activity.tags": QT_TRANSLATE_NOOP("PrivacyPage", "Étiquettes d'une séance modifiées"),
    "beneficiary.tags": QT_TRANSLATE_NOOP("PrivacyPage", "Étiquettes d'un dossier modifiées"),
    "settings.field_create": QT_TRANSLATE_NOOP("PrivacyPage", "Champ personnalisé créé"),
    "settings.field_delete": QT_TRANSLATE_NOOP("PrivacyPage", "Champ personnalisé supprimé"),
    "settings.field_rename": QT_TRANSLATE_NOOP("PrivacyPage", "Champ personnalisé renommé"),
    "activity.fields": QT_TRANSLATE_NOOP("PrivacyPage",
                                         "Champs personnalisés d'une séance modifiés"),
    "beneficiary.fields": QT_TRANSLATE_NOOP("PrivacyPage",
                                            "Champs personnalisés d'un dossier modifiés"),
    "activity.skills": QT_TRANSLATE_NOOP("PrivacyPage",
                                         "Compétences notées à une séance (passeport)"),
    "demo.generate": QT_TRANSLATE_NOOP("PrivacyPage", "Données de démonstration créées"),
    "draft.create": QT_TRANSLATE_NOOP("PrivacyPage", "Saisie non enregistrée gardée (brouillon)"),
    "draft.discard": QT_TRANSLATE_NOOP("PrivacyPage", "Brouillon supprimé"),
    "import.activities": QT_TRANSLATE_NOOP("PrivacyPage", "Séances importées d'un tableur"),
    "import.beneficiaries": QT_TRANSLATE_NOOP("PrivacyPage", "Dossiers importés d'un tableur"),
    "import.undo": QT_TRANSLATE_NOOP("PrivacyPage", "Import annulé"),
    "transfer.keys": QT_TRANSLATE_NOOP("PrivacyPage", "Clé de transmission du coffre créée"),
    "transfer.key_export": QT_TRANSLATE_NOOP("PrivacyPage",
                                             "Clé publique de transmission enregistrée"),
    "transfer.contact": QT_TRANSLATE_NOOP("PrivacyPage", "Clé d'un collègue enregistrée"),
    "transfer.export": QT_TRANSLATE_NOOP("PrivacyPage", "Dossiers transmis à un collègue"),
    "transfer.import": QT_TRANSLATE_NOOP("PrivacyPage", "Dossiers reçus d'un collègue"),
    "transfer.anonymise": QT_TRANSLATE_NOOP("PrivacyPage",
                                            "Dossier transmis anonymisé"),
    "partner.save": QT_TRANSLATE_NOOP("PrivacyPage", "Partenaire enregistré"),
    "partner.delete": QT_TRANSLATE_NOOP("PrivacyPage", "Partenaire supprimé"),
    "partner.import": QT_TRANSLATE_NOOP("PrivacyPage", "Annuaire des partenaires importé"),
    "export.partners": QT_TRANSLATE_NOOP("PrivacyPage", "Annuaire des partenaires exporté"),
    "referral.link": QT_TRANSLATE_NOOP("PrivacyPage", "Orientation reliée à un partenaire"),
    "document.referral_slip": QT_TRANSLATE_NOOP("PrivacyPage",
                                                "Fiche d'orientation enregistrée"),
}
ACTION_LABELS: dict[str, str] = {code: str(text) for code, text in _ACTION_TEXTS.items()}


def action_label(code: str) -> str:
    """What a journal action code means, in the interface language; the code itself
    when it has no label (an event written by another version of the program)."""
    text = ACTION_LABELS.get(code)
    return QCoreApplication.translate("PrivacyPage", text) if text else code


# What the keys of an event's details mean, in the order they are read ("%1" is the
# value; French source, translated in the "PrivacyPage" context when shown). Details
# hold counts, dates, fingerprints and pseudonymous codes, never a name: the codes
# are shown as written, never resolved to a person. Every key the services write
# must be here: tests/gui/test_journal_details.py reads the source to check it. A
# key of another version of the program shows as "key: value".
_DETAIL_TEXTS: dict[str, object] = {  # QT_TRANSLATE_NOOP is typed as returning object
    "beneficiaries": QT_TRANSLATE_NOOP("PrivacyPage", "Dossiers : %1"),
    "fields": QT_TRANSLATE_NOOP("PrivacyPage", "Champs : %1"),
    "tags": QT_TRANSLATE_NOOP("PrivacyPage", "Étiquettes (n°) : %1"),
    "custom_fields": QT_TRANSLATE_NOOP("PrivacyPage", "Champs personnalisés (n°) : %1"),
    "competences": QT_TRANSLATE_NOOP("PrivacyPage", "Compétences DigComp : %1"),
    "purpose": QT_TRANSLATE_NOOP("PrivacyPage", "Finalité : %1"),
    "method": QT_TRANSLATE_NOOP("PrivacyPage", "Recueil : %1"),
    "legal_basis": QT_TRANSLATE_NOOP("PrivacyPage", "Base légale : %1"),
    "notice_version": QT_TRANSLATE_NOOP("PrivacyPage", "Notice : version %1"),
    "valid_until": QT_TRANSLATE_NOOP("PrivacyPage", "Valable jusqu'au %1"),
    "mandate": QT_TRANSLATE_NOOP("PrivacyPage", "Mandat n° %1"),
    "appointment": QT_TRANSLATE_NOOP("PrivacyPage", "Rendez-vous n° %1"),
    "with_name": QT_TRANSLATE_NOOP("PrivacyPage", "Avec le nom : %1"),
    "renews": QT_TRANSLATE_NOOP("PrivacyPage", "Renouvelle le mandat n° %1"),
    "scope": QT_TRANSLATE_NOOP("PrivacyPage", "Démarche : %1"),
    "scopes": QT_TRANSLATE_NOOP("PrivacyPage", "Démarches : %1"),
    "duration": QT_TRANSLATE_NOOP("PrivacyPage", "Durée : %1"),
    "starts_on": QT_TRANSLATE_NOOP("PrivacyPage", "Début : %1"),
    "ends_on": QT_TRANSLATE_NOOP("PrivacyPage", "Fin : %1"),
    "reason": QT_TRANSLATE_NOOP("PrivacyPage", "Motif : %1"),
    "kind": QT_TRANSLATE_NOOP("PrivacyPage", "Document : %1"),
    "activity_notes": QT_TRANSLATE_NOOP("PrivacyPage", "Notes de séances : %1"),
    "mandates": QT_TRANSLATE_NOOP("PrivacyPage", "Mandats : %1"),
    "rectifications": QT_TRANSLATE_NOOP("PrivacyPage", "Corrections : %1"),
    "data_class": QT_TRANSLATE_NOOP("PrivacyPage", "Données : %1"),
    "months": QT_TRANSLATE_NOOP("PrivacyPage", "Durée : %1 mois"),
    "notes": QT_TRANSLATE_NOOP("PrivacyPage", "Notes effacées : %1"),
    "records": QT_TRANSLATE_NOOP("PrivacyPage", "Traces d'export effacées : %1"),
    "events": QT_TRANSLATE_NOOP("PrivacyPage", "Événements : %1"),
    "first_id": QT_TRANSLATE_NOOP("PrivacyPage", "Premier : n° %1"),
    "last_id": QT_TRANSLATE_NOOP("PrivacyPage", "Dernier : n° %1"),
    "export_records": QT_TRANSLATE_NOOP("PrivacyPage", "Traces d'export gardées : %1"),
    "keep": QT_TRANSLATE_NOOP("PrivacyPage", "Sauvegardes conservées : %1"),
    "name": QT_TRANSLATE_NOOP("PrivacyPage", "Fichier : %1"),
    "external": QT_TRANSLATE_NOOP("PrivacyPage", "Copie externe : %1"),
    "format": QT_TRANSLATE_NOOP("PrivacyPage", "Format : %1"),
    "period": QT_TRANSLATE_NOOP("PrivacyPage", "Période : %1"),
    "k": QT_TRANSLATE_NOOP("PrivacyPage", "Seuil k : %1"),
    "filters": QT_TRANSLATE_NOOP("PrivacyPage", "Filtres : %1"),
    "files": QT_TRANSLATE_NOOP("PrivacyPage", "Fichiers consolidés : %1"),
    "tables": QT_TRANSLATE_NOOP("PrivacyPage", "Tables : %1"),
    "rows": QT_TRANSLATE_NOOP("PrivacyPage", "Lignes : %1"),
    "rows_dropped": QT_TRANSLATE_NOOP("PrivacyPage", "Lignes écartées : %1"),
    "values_suppressed": QT_TRANSLATE_NOOP("PrivacyPage", "Valeurs masquées : %1"),
    "blanked_share": QT_TRANSLATE_NOOP("PrivacyPage", "Part masquée par colonne : %1"),
    "suppressed_cells": QT_TRANSLATE_NOOP("PrivacyPage", "Cellules masquées : %1"),
    "size": QT_TRANSLATE_NOOP("PrivacyPage", "Taille : %1"),
    "structure_id": QT_TRANSLATE_NOOP("PrivacyPage", "Structure : %1"),
    "previous": QT_TRANSLATE_NOOP("PrivacyPage", "Structure précédente : %1"),
    "structure_name": QT_TRANSLATE_NOOP("PrivacyPage", "Nom de la structure : %1"),
    "structure_typology": QT_TRANSLATE_NOOP("PrivacyPage", "Type de structure : %1"),
    "seed": QT_TRANSLATE_NOOP("PrivacyPage", "Graine : %1"),
    "activities": QT_TRANSLATE_NOOP("PrivacyPage", "Séances : %1"),
    "collective": QT_TRANSLATE_NOOP("PrivacyPage", "Ateliers : %1"),
    "anonymous_individual": QT_TRANSLATE_NOOP("PrivacyPage", "Séances anonymes : %1"),
    "sha256": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte : %1"),
    "record_hash": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte : %1"),
    "json_sha256": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte JSON : %1"),
    "pdf_sha256": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte PDF : %1"),
    "markdown_sha256": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte Markdown : %1"),
    "absorbed": QT_TRANSLATE_NOOP("PrivacyPage", "Dossier fusionné : %1"),
    "moved": QT_TRANSLATE_NOOP("PrivacyPage", "Déplacé : %1"),
    "fields_from_absorbed": QT_TRANSLATE_NOOP("PrivacyPage",
                                              "Champs repris du dossier fusionné : %1"),
    "consent_notices": QT_TRANSLATE_NOOP("PrivacyPage", "Consentements à signaler : %1"),
    "recipient": QT_TRANSLATE_NOOP("PrivacyPage", "Destinataire (empreinte) : %1"),
    "sender": QT_TRANSLATE_NOOP("PrivacyPage", "Expéditeur (empreinte) : %1"),
    "known_sender": QT_TRANSLATE_NOOP("PrivacyPage", "Expéditeur connu : %1"),
    "fingerprint": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte de clé : %1"),
    "origin": QT_TRANSLATE_NOOP("PrivacyPage", "Codes chez l'expéditeur : %1"),
    "parts": QT_TRANSLATE_NOOP("PrivacyPage", "Contenu : %1"),
    "caseload": QT_TRANSLATE_NOOP("PrivacyPage", "Passation de portefeuille : %1"),
    "left": QT_TRANSLATE_NOOP("PrivacyPage", "Dossiers restés : %1"),
    "marked": QT_TRANSLATE_NOOP("PrivacyPage", "Marqués « transféré » : %1"),
    "expires_at": QT_TRANSLATE_NOOP("PrivacyPage", "Valable jusqu'au %1"),
    "skipped": QT_TRANSLATE_NOOP("PrivacyPage", "Écartés : %1"),
    "added": QT_TRANSLATE_NOOP("PrivacyPage", "Ajoutés : %1"),
    "partners": QT_TRANSLATE_NOOP("PrivacyPage", "Partenaires : %1"),
    "partner": QT_TRANSLATE_NOOP("PrivacyPage", "Partenaire n° %1"),
    "activity": QT_TRANSLATE_NOOP("PrivacyPage", "Séance n° %1"),
    "with_identity": QT_TRANSLATE_NOOP("PrivacyPage", "Nom imprimé : %1"),
    "bundle": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte du paquet : %1"),
    "rejected": QT_TRANSLATE_NOOP("PrivacyPage", "Lignes refusées : %1"),
    "existing": QT_TRANSLATE_NOOP("PrivacyPage", "Déjà enregistrées : %1"),
    "matched": QT_TRANSLATE_NOOP("PrivacyPage", "Personnes reconnues : %1"),
    "files_created": QT_TRANSLATE_NOOP("PrivacyPage", "Dossiers créés : %1"),
}
# Keys written but not shown in the column: the export's id is the event's "Dossier"
# cell already, the inputs' fingerprints are too long to read there. The tooltip
# keeps them, with everything else, as written.
_DETAILS_NOT_SHOWN = frozenset({"export_id", "inputs_sha256", "bundle_id"})

# The names of a file's fields, as the details list those changed or erased.
_FIELD_TEXTS: dict[str, object] = {
    "first_name": QT_TRANSLATE_NOOP("PrivacyPage", "prénom"),
    "last_name": QT_TRANSLATE_NOOP("PrivacyPage", "nom"),
    "phone": QT_TRANSLATE_NOOP("PrivacyPage", "téléphone"),
    "email": QT_TRANSLATE_NOOP("PrivacyPage", "e-mail"),
    "birth_year": QT_TRANSLATE_NOOP("PrivacyPage", "année de naissance"),
    "notes": QT_TRANSLATE_NOOP("PrivacyPage", "notes"),
    "gender": QT_TRANSLATE_NOOP("PrivacyPage", "genre"),
    "age_band": QT_TRANSLATE_NOOP("PrivacyPage", "tranche d'âge"),
    "social_status": QT_TRANSLATE_NOOP("PrivacyPage", "situation"),
    "commune_name": QT_TRANSLATE_NOOP("PrivacyPage", "commune"),
    "commune_postal_code": QT_TRANSLATE_NOOP("PrivacyPage", "code postal"),
    "commune_insee": QT_TRANSLATE_NOOP("PrivacyPage", "code INSEE"),
    "legal_basis": QT_TRANSLATE_NOOP("PrivacyPage", "base légale"),
    "informed_on": QT_TRANSLATE_NOOP("PrivacyPage", "date d'information"),
    "notice_version": QT_TRANSLATE_NOOP("PrivacyPage", "version de la notice"),
    "notice_hash": QT_TRANSLATE_NOOP("PrivacyPage", "empreinte de la notice"),
}
_FILTER_KINDS: dict[str, object] = {
    "Individuel": QT_TRANSLATE_NOOP("PrivacyPage", "Individuel"),
    "Collectif": QT_TRANSLATE_NOOP("PrivacyPage", "Collectif"),
}
# What a merge moved, as its details count it.
_MOVED_TEXTS: dict[str, object] = {
    "activities": QT_TRANSLATE_NOOP("PrivacyPage", "séances"),
    "workshops": QT_TRANSLATE_NOOP("PrivacyPage", "ateliers"),
    "consents": QT_TRANSLATE_NOOP("PrivacyPage", "consentements"),
    "mandates": QT_TRANSLATE_NOOP("PrivacyPage", "mandats"),
}
_REASONS: dict[str, object] = {
    "consent_withdrawn": QT_TRANSLATE_NOOP("PrivacyPage", "consentement retiré"),
    "consent_expired": QT_TRANSLATE_NOOP("PrivacyPage", "consentement expiré"),
}
_FILTER_LISTS = {"theme": "themes", "place_type": "place_types", "autonomy": "autonomy"}
# A line of a wrapped cell ends with the dot rather than starting with it.
DETAIL_SEPARATOR = "\u00a0· "


def _translated(table: dict[str, object], key: str) -> str:
    text = table.get(key)
    return QCoreApplication.translate("PrivacyPage", str(text)) if text else key


def _words(values: Any, word: Callable[[str], str]) -> str:
    if not isinstance(values, list):
        return str(values)
    return (", ".join(word(str(v)) for v in values)
            or QCoreApplication.translate("PrivacyPage", "aucun"))


def _day(value: Any) -> str:
    try:
        return labels.date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _period(value: Any) -> str:
    if isinstance(value, list) and len(value) == 2:
        return f"{_day(value[0])} – {_day(value[1])}"
    return str(value)


def _short_hash(value: Any) -> str:
    text = str(value)
    return text[:12] + "…" if len(text) > 12 else text


def _filters_text(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    words = []
    for name, key in value.items():
        if name == "kind":
            words.append(_translated(_FILTER_KINDS, str(key)))
        elif name in _FILTER_LISTS:
            words.append(labels.vocab_label(_FILTER_LISTS[name], str(key)))
        else:
            words.append(f"{name}: {key}")
    return ", ".join(words)


def _data_class_text(value: Any) -> str:
    try:
        return RULES[DataClass(str(value))].label(current_lang())
    except (ValueError, KeyError):
        return str(value)


def _document_text(value: Any) -> str:
    try:
        return document_title(str(value), current_lang())
    except KeyError:
        return str(value)


def _yes_no(value: Any) -> str:
    return (QCoreApplication.translate("PrivacyPage", "oui") if value
            else QCoreApplication.translate("PrivacyPage", "non"))


def _shares(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{name} {share:.0%}" for name, share in value.items()
                         if isinstance(share, int | float))
    return str(value)


def _values_hidden(value: Any) -> str:
    if isinstance(value, dict):
        return str(sum(v for v in value.values() if isinstance(v, int)))
    return str(value)


def _moved_text(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    return ", ".join(f"{_translated(_MOVED_TEXTS, str(name))} {count}"
                     for name, count in value.items())


def _merge_field(group: str) -> str:
    return _translated(_FIELD_TEXTS, "commune_name" if group == "commune" else group)


def _consent_notices(value: Any) -> str:
    if not isinstance(value, list):
        return str(value)
    purposes = sorted({str(item[0]) for item in value if isinstance(item, list) and item})
    return _words(purposes, lambda p: labels.vocab_label("consent_purposes", p))


_DETAIL_VALUES: dict[str, Callable[[Any], str]] = {
    "beneficiaries": lambda v: _words(v, str),
    "tags": lambda v: _words(v, str),
    "custom_fields": lambda v: _words(v, str),
    "competences": lambda v: _words(v, str),
    "fields": lambda v: _words(v, lambda f: _translated(_FIELD_TEXTS, f)),
    "purpose": lambda v: labels.vocab_label("consent_purposes", str(v)),
    "method": lambda v: labels.vocab_label("consent_methods", str(v)),
    "legal_basis": lambda v: labels.vocab_label("legal_bases", str(v)),
    "valid_until": _day,
    "scope": lambda v: labels.vocab_label("mandate_scopes", str(v)),
    "scopes": lambda v: _words(v, lambda s: labels.vocab_label("mandate_scopes", s)),
    "duration": lambda v: labels.vocab_label("mandate_durations", str(v)),
    "starts_on": _day,
    "ends_on": _day,
    "reason": lambda v: _translated(_REASONS, str(v)),
    "kind": _document_text,
    "data_class": _data_class_text,
    "external": _yes_no,
    "with_name": _yes_no,
    "format": lambda v: str(v).upper(),
    "period": _period,
    "filters": _filters_text,
    "values_suppressed": _values_hidden,
    "blanked_share": _shares,
    "size": lambda v: size_text(int(v)) if isinstance(v, int) else str(v),
    "sha256": _short_hash,
    "record_hash": _short_hash,
    "json_sha256": _short_hash,
    "pdf_sha256": _short_hash,
    "markdown_sha256": _short_hash,
    "moved": _moved_text,
    "known_sender": _yes_no,
    "caseload": _yes_no,
    "marked": _yes_no,
    "with_identity": _yes_no,
    "expires_at": _day,
    "bundle": _short_hash,
    "origin": lambda v: _words(v, str),
    "left": lambda v: _words(v, str),
    "skipped": lambda v: _words(v, str) if isinstance(v, list) else str(v),
    "parts": lambda v: _words(v, str),
    "fields_from_absorbed": lambda v: _words(v, _merge_field),
    "consent_notices": _consent_notices,
    "structure_name": lambda v: str(v) or QCoreApplication.translate("PrivacyPage", "aucun"),
    "structure_typology": lambda v: str(v) or QCoreApplication.translate("PrivacyPage",
                                                                         "aucun"),
}


def _detail_text(key: str, value: Any) -> str | None:
    """One key of the details as read in the column; None when there is nothing to
    say (no value, no filter)."""
    if key in _DETAILS_NOT_SHOWN or value is None or value == {}:
        return None
    template = _DETAIL_TEXTS.get(key)
    if template is None:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return f"{key}: {shown}"
    # No-break spaces in the label: a wrapped cell keeps "Lignes : 467" on one line,
    # never "Lignes" then ": 467" (a list of codes in the value still wraps).
    label = QCoreApplication.translate("PrivacyPage", str(template)).replace(" ", "\u00a0")
    return label.replace("%1", _DETAIL_VALUES.get(key, str)(value))


def details_text(details: dict[str, Any]) -> str:
    """An event's details as short words in the interface language ("Dossiers :
    B-MV2C"): the known keys in reading order, then the others as "key: value"."""
    order = {key: i for i, key in enumerate(_DETAIL_TEXTS)}
    keys = sorted(details, key=lambda k: (order.get(k, len(order)), k))
    parts = (_detail_text(key, details[key]) for key in keys)
    return DETAIL_SEPARATOR.join(p for p in parts if p)


def size_text(n: int) -> str:
    """A file size in ko or Mo, in the interface language."""
    if n >= 1024 * 1024:
        return QCoreApplication.translate("PrivacyPage", "%1 Mo").replace(
            "%1", QLocale().toString(n / (1024 * 1024), "f", 1))
    return QCoreApplication.translate("PrivacyPage", "%1 ko").replace(
        "%1", str(max(n // 1024, 1)))
