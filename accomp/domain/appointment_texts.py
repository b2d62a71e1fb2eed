"""The words of appointment refusals (French, English), merged into errors.MESSAGES
and errors.FIELD_LABELS at the first lookup, as the consent rules' texts are.

Imports nothing of the project: errors.py loads it lazily.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "appointment_needs_recontact": (
        "Impossible de prévoir un rendez-vous : {reason} Un rendez-vous demande le "
        "consentement « Recontact pour le suivi », car vous attendez la personne et "
        "pourrez la rappeler. Recueillez-le dans son dossier, onglet Consentements.",
        "Cannot plan an appointment: {reason} An appointment needs the “Follow-up "
        "contact” consent, because you expect the person and may call them back. "
        "Record it in their file, Consents tab.",
    ),
    "appointment_needs_file": (
        "Un rendez-vous se prévoit pour une personne qui a un dossier : cette séance "
        "est anonyme.",
        "An appointment is planned for a person with a file: this session is "
        "anonymous.",
    ),
    "appointment_status": (
        "Ce rendez-vous est déjà « {status} » : il ne peut plus passer à « {wanted} ».",
        "This appointment is already “{status}”: it cannot become “{wanted}”.",
    ),
    "date_past": (
        "La date du champ « {field} » est déjà passée.",
        "The date in “{field}” has already passed.",
    ),
    "date_too_far": (
        "La date du champ « {field} » est à plus de {max} jours.",
        "The date in “{field}” is more than {max} days ahead.",
    ),
    "too_many": (
        "Choisissez au plus {max} éléments pour « {field} ».",
        "Choose at most {max} items for “{field}”.",
    ),
}

FIELDS: dict[str, tuple[str, str]] = {
    "start_time": ("Heure", "Time"),
    "items": ("À apporter", "What to bring"),
    "appointment": ("rendez-vous", "appointment"),
    "status": ("Statut du rendez-vous", "Appointment status"),
}
