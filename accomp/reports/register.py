"""The processing register entry (fiche de registre des traitements) of a vault,
written from counts given by the service: purposes, categories of data, legal bases
in use, recipients, retention periods in force, security measures, rights. It names
no person and no code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accomp.domain.vocab import vocabulary
from accomp.reports.plain_doc import Doc, date_fr, datetime_fr

TITLE = "Registre des traitements — journal de l'accompagnement numérique"


def _n(value: int, one: str, many: str) -> str:
    return f"{value} {one if value <= 1 else many}"


def register_document(facts: dict[str, Any]) -> Doc:
    doc = Doc()
    generated: dt.datetime = facts["generated_at"]
    doc.h1(TITLE)
    doc.p(f"Fiche établie le {datetime_fr(generated)} à partir du coffre de "
          f"« {facts['worker']} » (poste de travail). Les chiffres sont ceux du coffre à "
          "cette date ; la fiche ne contient aucune donnée personnelle.")

    doc.h2("1. Le traitement")
    doc.ul([
        "Nom : suivi de l'accompagnement numérique et social des personnes (journal de bord "
        "du médiateur numérique ou du travailleur social).",
        "Responsable de traitement : la structure employeuse (à compléter : nom, adresse, "
        "représentant).",
        "Délégué à la protection des données : à compléter.",
        "Outil : accomp, application de bureau hors ligne ; une base chiffrée par "
        "professionnel, sur son poste.",
    ])

    doc.h2("2. Finalités")
    doc.ul([
        "Suivre l'accompagnement individuel des personnes : rendez-vous, démarches, "
        "orientation vers d'autres structures.",
        "Organiser et suivre les ateliers collectifs.",
        "Produire des statistiques anonymes d'activité (bilans, financeurs, outils "
        "nationaux de la médiation numérique).",
        "Finalités facultatives, soumises au consentement de la personne : la recontacter "
        "pour le suivi, partager des informations avec un partenaire lors d'une "
        "orientation, conserver des notes, agir pour son compte dans le cadre d'un mandat.",
    ])

    doc.h2("3. Personnes concernées et catégories de données")
    doc.p("Personnes accompagnées par la structure (public en situation de vulnérabilité "
          "numérique ou sociale) ; professionnels utilisateurs (journal).")
    doc.table(["Catégorie", "Données", "Conditions"], [
        ["Identification et contact", "prénom, nom, téléphone, e-mail, année de naissance",
         "seulement avec une base légale et une date d'information de la personne"],
        ["Statistiques", "genre, tranche d'âge, situation, commune",
         "toujours possibles ; exportées généralisées (département) et agrégées"],
        ["Accompagnement", "date, durée, lieu, thèmes, démarches, matériel, autonomie, "
         "orientation, degré de finalisation", "rendez-vous anonymes possibles"],
        ["Notes libres", "texte saisi par le professionnel",
         "sensibles : jamais exportées ; durée propre ; pas de données de santé inutiles"],
        ["Consentements et mandats", "historique des accords, démarches couvertes",
         "historique en ajout seul"],
        ["Journal d'audit", "date, professionnel, action, code pseudonyme",
         "aucune donnée d'identité"],
    ])
    first, last = facts.get("first_activity"), facts.get("last_activity")
    doc.p("État du coffre : "
          + _n(facts["files"], "dossier", "dossiers")
          + f" dont {facts['identified_files']} identifié(s) et "
          f"{facts['anonymised_files']} anonymisé(s) ; "
          + _n(facts["activities"], "séance", "séances")
          + (f" du {date_fr(first)} au {date_fr(last)}" if first and last else "")
          + f", dont {facts['activities_with_notes']} avec des notes ; "
          + _n(facts["mandates"], "mandat", "mandats") + ".")

    doc.h2("4. Bases légales en usage")
    bases = facts["legal_bases"]
    voc = vocabulary()
    rows = [[voc.label("legal_bases", k, "fr") if k != "Aucune" else "Aucune (à régulariser)",
             str(n)] for k, n in sorted(bases.items())]
    if rows:
        doc.table(["Base légale", "Dossiers identifiés"], rows)
    else:
        doc.p("Aucun dossier identifié : seules des données statistiques sont conservées.")
    doc.p("Le dossier principal repose en principe sur la mission d'intérêt public de la "
          "structure ; le consentement est réservé aux finalités facultatives.")
    consents = facts["valid_consents"]
    if consents:
        doc.table(["Consentement valide (finalité)", "Personnes"], [
            [voc.label("consent_purposes", k, "fr"), str(n)] for k, n in sorted(consents.items())
        ])

    doc.h2("5. Destinataires et transferts")
    doc.ul([
        "Le professionnel titulaire du coffre, seul à en détenir la phrase de passe.",
        "Hors du poste ne sortent que des données anonymisées : tableaux agrégés avec "
        "secret statistique (aucune case de moins de 5 personnes, suppression secondaire), "
        "ou lignes d'activité sans identifiant aux quasi-identifiants généralisés. Chaque "
        "export est inscrit au journal avec son empreinte.",
        "Les copies remises au titre du droit d'accès sont données à la personne elle-même.",
        "Aucun transfert hors de l'Union européenne ; l'application n'ouvre aucune "
        "connexion réseau.",
    ])

    doc.h2("6. Durées de conservation en vigueur")
    retention = facts["retention"]
    doc.table(["Données", "Durée", "Point de départ", "Cadre autorisé"], [
        [r["label"], f"{r['months']} mois", r["counted_from"],
         f"{r['minimum']} à {r['maximum']} mois"]
        for r in retention.values()
    ])
    doc.p("À l'échéance, le professionnel examine la liste de ce qui est dû et l'applique : "
          "les dossiers sont anonymisés (identité, contact, notes, mandats effacés ; "
          "attributs statistiques et nombre de séances conservés). Un registre des purges "
          "garde la trace de chaque opération, par code pseudonyme seulement "
          f"({_n(facts['purge_records'], 'opération', 'opérations')} à ce jour).")
    last_backup = facts.get("last_backup")
    doc.p(f"Sauvegardes : chiffrées, vérifiées après écriture, les {facts['backup_keep']} "
          f"plus récentes sont gardées ({facts['backups']} présente(s)"
          + (f", la dernière le {datetime_fr(last_backup)}" if last_backup else "") + "). "
          "Une donnée effacée disparaît des sauvegardes à leur rotation.")

    doc.h2("7. Mesures de sécurité")
    doc.ul([
        "Base chiffrée (SQLCipher 4 : AES-256, HMAC-SHA512 par page) avec une clé "
        "aléatoire de 256 bits, elle-même chiffrée (AES-GCM) par une clé dérivée de la "
        "phrase de passe (Argon2id) et par un code de secours imprimé.",
        "Phrase de passe conforme aux recommandations de la CNIL (environ 80 bits).",
        "Verrouillage automatique après quelques minutes d'inactivité : connexions fermées, "
        "écran vidé.",
        "Effacement sécurisé : les données supprimées sont écrasées dans le fichier, et le "
        "journal d'écriture est vidé après un effacement.",
        "Journal d'audit en ajout seul et chaîné par empreintes ; vérifiable par "
        f"« accomp check » ; élagué après sa durée avec un point de contrôle signé "
        f"({_n(facts['journal_events'], 'événement', 'événements')} actuellement).",
        "Sauvegardes chiffrées avec la même clé, vérifiées (intégrité, contenu de chaque "
        "table) ; restauration vérifiée, l'ancien fichier étant conservé.",
        "Dossiers et fichiers accessibles au seul compte de l'utilisateur.",
        "Aucune connexion réseau ; exports anonymisés uniquement.",
    ])

    doc.h2("8. Droits des personnes")
    doc.ul([
        "Accès : copie complète (fichier JSON et document PDF en langage simple) produite en "
        "quelques secondes depuis le dossier ; la remise est tracée.",
        "Rectification : les anciennes valeurs sont gardées dans l'historique du dossier.",
        "Effacement : le dossier est anonymisé ; les statistiques restent justes.",
        "Opposition et retrait du consentement à tout moment, pour chaque finalité "
        "facultative.",
        "Réclamation auprès de la CNIL.",
    ])

    doc.h2("9. Analyse d'impact")
    doc.p("Le traitement concerne des personnes vulnérables dans le cadre d'un "
          "accompagnement social : une analyse d'impact relative à la protection des "
          "données (AIPD) est obligatoire. Cette fiche en fournit la description "
          "systématique (finalités, données, durées, destinataires, mesures).")
    return doc
