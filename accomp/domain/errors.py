"""Two kinds of failure: a KnownError is the user's or the environment's doing and is
shown plainly, in the user's language; anything else is a bug.

A KnownError never carries a value the user typed: only a message code, the name of
the field concerned and non-personal parameters (lengths, limits, dates of the
system). That keeps names, phones and notes out of logs and tracebacks.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

# code -> (French, English). Parameters are str.format fields; {field} is the
# translated field label.
class _Texts(dict[str, tuple[str, str]]):
    """code -> (French, English); texts owned by other modules (consent refusals,
    vocabulary labels) are merged in at the first lookup that misses, not at import:
    this module is on the path to the first window."""

    def __missing__(self, key: str) -> tuple[str, str]:
        _merge_all()
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def has(self, key: str) -> bool:
        if not dict.__contains__(self, key):
            _merge_all()
        return dict.__contains__(self, key)


_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("Le champ « {field} » est obligatoire.", "The field “{field}” is required."),
    "too_long": (
        "Le champ « {field} » dépasse {max} caractères.",
        "The field “{field}” is longer than {max} characters.",
    ),
    "control_chars": (
        "Le champ « {field} » contient des caractères invisibles non autorisés.",
        "The field “{field}” contains invisible characters that are not allowed.",
    ),
    "not_in_list": (
        "La valeur du champ « {field} » ne fait pas partie de la liste.",
        "The value of “{field}” is not one of the allowed values.",
    ),
    "invalid": ("Le champ « {field} » n'est pas valide.", "The field “{field}” is not valid."),
    "pick_from_list": (
        "Choisissez « {field} » dans la liste proposée (Bas, puis Entrée).",
        "Choose “{field}” from the list offered (Down, then Enter).",
    ),
    "date_future": (
        "La date du champ « {field} » est dans le futur.",
        "The date in “{field}” is in the future.",
    ),
    "date_too_old": (
        "La date du champ « {field} » est antérieure à {min}.",
        "The date in “{field}” is before {min}.",
    ),
    "out_of_range": (
        "Le champ « {field} » doit être compris entre {min} et {max}.",
        "The field “{field}” must be between {min} and {max}.",
    ),
    "commune_required": (
        "Pour ce lieu, la commune est obligatoire.",
        "For this place, the commune is required.",
    ),
    "admin_themes_without_admin": (
        "Les démarches administratives ne s'indiquent qu'avec le thème « Aide aux démarches "
        "administratives ».",
        "Administrative topics can only be given with the theme “Help with administrative "
        "procedures”.",
    ),
    "referral_target_required": (
        "Indiquez vers quelle structure la personne est orientée.",
        "Say which structure the person is referred to.",
    ),
    "headcount_inconsistent": (
        "Les effectifs par {field} dépassent le nombre de participants anonymes.",
        "The head counts by {field} exceed the number of anonymous participants.",
    ),
    "no_participant": (
        "Un atelier collectif compte au moins un participant.",
        "A workshop has at least one participant.",
    ),
    "kind_mismatch": (
        "Ce champ ne s'applique pas à ce type d'activité : « {field} ».",
        "This field does not apply to this kind of activity: “{field}”.",
    ),
    "not_found": ("Élément introuvable : {field}.", "Item not found: {field}."),
    "skills_need_person": (
        "Les compétences se notent pour une personne suivie, lors d'un accompagnement "
        "individuel.",
        "Competences are noted for a tracked person, at an individual session.",
    ),
    "passport_needs_request": (
        "Le passeport s'imprime pour la personne elle-même, à sa demande : cochez "
        "qu'elle l'a demandé.",
        "The passport is printed for the person themselves, when they ask: tick that "
        "they asked for it.",
    ),
        "tag_exists": ("Une étiquette porte déjà ce nom.", "A tag with this name already exists."),
    "tag_filter_rows": (
        "Le fichier des activités ne peut pas être filtré par étiquette : une étiquette "
        "peut désigner un petit groupe. Utilisez la synthèse.",
        "The activity file cannot be filtered by tag: a tag can single out a small "
        "group. Use the summary instead.",
    ),
    "identity_needs_basis": (
        "Sans base légale ni date d'information, aucune donnée d'identité n'est conservée.",
        "Without a legal basis and an information date, no identity data is kept.",
    ),
    "wrong_passphrase": (
        "Phrase de passe incorrecte.",
        "Wrong passphrase.",
    ),
    "wrong_recovery_code": ("Code de secours incorrect.", "Wrong recovery code."),
    "weak_passphrase": (
        "Phrase de passe trop faible : {reason}",
        "Passphrase too weak: {reason}",
    ),
    "vault_exists": (
        "Un coffre existe déjà dans ce dossier.",
        "A vault already exists in this folder.",
    ),
    "no_vault": ("Aucun coffre dans ce dossier.", "No vault in this folder."),
    "key_file_damaged": (
        "Le fichier de clé du coffre (vault.key) est endommagé. Remettez en place le "
        "fichier .key d'une sauvegarde (à côté de chaque sauvegarde) sous le nom "
        "vault.key, puis ouvrez le coffre avec la phrase de passe ou le code de secours.",
        "The vault's key file (vault.key) is damaged. Put back the .key file of a backup "
        "(beside each backup) as vault.key, then open the vault with the passphrase or "
        "the recovery code.",
    ),
    "vault_damaged": (
        "Le coffre est endommagé : il est ouvert en lecture seule. Restaurez la dernière "
        "sauvegarde vérifiée.",
        "The vault is damaged: it is open read-only. Restore the latest verified backup.",
    ),
    "vault_unreadable": (
        "Le coffre est endommagé et ne peut pas être ouvert. Restaurez la dernière "
        "sauvegarde vérifiée.",
        "The vault is damaged and cannot be opened. Restore the latest verified backup.",
    ),
    "vault_read_only": (
        "Le coffre est ouvert en lecture seule : aucune modification n'est possible.",
        "The vault is open read-only: no change is possible.",
    ),
    "vault_too_new": (
        "Ce coffre a été créé par une version plus récente d'accomp. Mettez à jour "
        "l'application ; le coffre n'a pas été modifié.",
        "This vault was made by a newer version of accomp. Update the application; the "
        "vault was not changed.",
    ),
    "vault_locked": ("Le coffre est verrouillé.", "The vault is locked."),
    "unlock_wait": (
        "Trop d'essais : patientez {seconds} s avant de réessayer.",
        "Too many attempts: wait {seconds} s before trying again.",
    ),
    "disk_error": (
        "Écriture impossible sur le disque ({reason}). Rien n'a été enregistré.",
        "Could not write to disk ({reason}). Nothing was saved.",
    ),
    "bad_key": ("Clé de chiffrement invalide.", "Invalid encryption key."),
    "file_missing": ("Fichier introuvable : {field}.", "File not found: {field}."),
    # exports and consolidation (files are named by their position, never their name)
    "period_invalid": (
        "La période est invalide : la date de début est après la date de fin.",
        "The period is not valid: the start date is after the end date.",
    ),
    "summary_person_filter": (
        "Un résumé anonymisé ne peut pas porter sur une seule personne.",
        "An anonymised summary cannot be about a single person.",
    ),
    "structure_secret_invalid": (
        "Le fichier de secret de structure est illisible ou invalide.",
        "The structure secret file is unreadable or not valid.",
    ),
    "consolidation_no_input": ("Aucun fichier à consolider.", "No file to consolidate."),
    "consolidation_file_missing": (
        "Le fichier n° {n} est introuvable.",
        "File no. {n} cannot be found.",
    ),
    "consolidation_unreadable": (
        "Le fichier n° {n} est illisible : ce n'est pas un export d'activités CSV ou Parquet "
        "d'accomp.",
        "File no. {n} cannot be read: it is not an accomp CSV or Parquet activity export.",
    ),
    "consolidation_bad_schema": (
        "Le fichier n° {n} n'est pas un export d'activités anonymisé d'accomp valide "
        "(colonne « {column} »).",
        "File no. {n} is not a valid accomp anonymised activity export (column “{column}”).",
    ),
    "consolidation_same_file": (
        "Les fichiers n° {a} et n° {b} sont le même export : il serait compté deux fois.",
        "Files no. {a} and no. {b} are the same export: it would be counted twice.",
    ),
    "consolidation_overlap": (
        "Les fichiers n° {a} et n° {b} viennent du même poste et leurs périodes se "
        "chevauchent : des activités seraient comptées deux fois.",
        "Files no. {a} and no. {b} come from the same worker and their periods overlap: "
        "some activities would be counted twice.",
    ),
    "consolidation_refused": (
        "Le fichier n° {n} ({name}) est refusé : {reason}. Rien n'a été écrit.",
        "File no. {n} ({name}) is refused: {reason}. Nothing was written.",
    ),
    "consolidation_no_secret": (
        "Pour vérifier la signature des fichiers, indiquez le secret de structure "
        "(--secret) ou un coffre qui l'a importé (--passphrase-file).",
        "To verify the files' signatures, give the structure secret (--secret) or a vault "
        "that imported it (--passphrase-file).",
    ),
    "consolidation_no_period": (
        "Aucun fichier n'indique sa période : rien à consolider.",
        "No file states its period: nothing to consolidate.",
    ),
    "consolidation_mixed_structures": (
        "Les fichiers n° {a} et n° {b} viennent de structures différentes (secrets de "
        "structure différents) : une même personne y serait comptée plusieurs fois. "
        "S'il s'agit d'une même structure, partagez un seul secret : "
        "`accomp export secret -o FICHIER` sur un poste, "
        "`accomp export secret --import FICHIER` sur les autres, puis exportez à nouveau.",
        "Files no. {a} and no. {b} come from different structures (different structure "
        "secrets): the same person would be counted several times. If they are one "
        "structure, share one secret: `accomp export secret -o FILE` on one computer, "
        "`accomp export secret --import FILE` on the others, then export again.",
    ),
    # privacy lifecycle: backups, restore, retention, erasure
    "backup_unverified": (
        "La sauvegarde n'a pas passé la vérification ({reason}) : elle a été supprimée, "
        "les sauvegardes précédentes sont conservées.",
        "The backup failed verification ({reason}): it was deleted and the previous "
        "backups are kept.",
    ),
    "backup_unreadable": (
        "Ce fichier n'est pas une sauvegarde de ce coffre : il ne s'ouvre pas avec la clé "
        "du coffre (ce n'est pas une sauvegarde accomp, ou elle vient d'un autre coffre), "
        "ou il est incomplet ou endommagé. Choisissez un fichier accomp-….db du dossier "
        "des sauvegardes de ce coffre. Rien n'a été modifié.",
        "This file is not a backup of this vault: it does not open with the vault's key "
        "(it is not an accomp backup, or it comes from another vault), or it is "
        "incomplete or damaged. Choose an accomp-….db file from this vault's backups "
        "folder. Nothing was changed.",
    ),
    "folder_unwritable": (
        "Impossible d'écrire dans le dossier choisi ({reason}).",
        "Cannot write to the chosen folder ({reason}).",
    ),
    # destinations of files written for the user (reports/destination.py)
    "output_in_data_folder": (
        "Ce fichier serait écrit dans le dossier du coffre, qui ne reçoit que le coffre, "
        "sa clé et ses sauvegardes : choisissez un autre dossier. Rien n'a été écrit.",
        "This file would be written in the vault's folder, which holds only the vault, "
        "its key and its backups: choose another folder. Nothing was written.",
    ),
    "output_protected": (
        "La destination est une clé de coffre ou une sauvegarde : elle ne peut pas être "
        "remplacée. Choisissez un autre nom. Rien n'a été écrit.",
        "The destination is a vault key or a backup: it cannot be replaced. Choose "
        "another name. Nothing was written.",
    ),
    "output_not_regular": (
        "La destination n'est pas un fichier ordinaire (dossier, périphérique ou tube) : "
        "choisissez un nom de fichier. Rien n'a été écrit.",
        "The destination is not a regular file (a folder, a device or a pipe): choose a "
        "file name. Nothing was written.",
    ),
    "output_exists": (
        "Le fichier de destination existe déjà : il n'est remplacé qu'après confirmation "
        "(option --force en ligne de commande). Rien n'a été écrit.",
        "The destination file already exists: it is only replaced once confirmed (option "
        "--force on the command line). Nothing was written.",
    ),
    "output_folder_missing": (
        "Le dossier de destination n'existe pas (ou n'est pas un dossier) : créez-le "
        "d'abord ou choisissez-en un autre. Rien n'a été écrit.",
        "The destination folder does not exist (or is not a folder): create it first or "
        "choose another one. Nothing was written.",
    ),
    "retention_out_of_bounds": (
        "La durée « {field} » doit être comprise entre {min} et {max} mois.",
        "The period “{field}” must be between {min} and {max} months.",
    ),
    "already_anonymised": (
        "Ce dossier est déjà anonymisé : il ne contient plus de données d'identité.",
        "This file is already anonymised: it holds no identity data any more.",
    ),
    # consent and mandates (services/consents.py, services/mandates.py)
    "activity_without_identity": (
        "Ce dossier n'a pas de base légale valable aujourd'hui (base légale, date "
        "d'information ou consentement manquant) : l'activité est enregistrée sans aucune "
        "donnée d'identité, sans notes ni précisions.",
        "This file has no valid legal basis today (legal basis, information date or consent "
        "missing): the session is saved without any identity data, notes or details.",
    ),
    "participant_without_identity": (
        "Un participant suivi n'a pas de base légale valable aujourd'hui : il est compté "
        "parmi les participants anonymes, sans lien avec son dossier.",
        "A tracked participant has no valid legal basis today: they are counted among the "
        "anonymous participants, without a link to their file.",
    ),
    "notes_not_kept": (
        "La personne n'a pas accepté que des notes soient conservées : les notes n'ont pas "
        "été enregistrées.",
        "The person has not agreed to notes being kept: the notes were not saved.",
    ),
    "mandate_consent_with_mandate": (
        "Le consentement au mandat s'enregistre en créant ou en renouvelant un mandat.",
        "Consent to a mandate is recorded by creating or renewing a mandate.",
    ),
    "nothing_to_renew": (
        "Il n'y a pas de consentement à renouveler pour « {field} » : recueillez-le.",
        "There is no consent to renew for “{field}”: record it first.",
    ),
    "nothing_to_withdraw": (
        "Il n'y a pas de consentement en cours pour « {field} ».",
        "There is no current consent for “{field}”.",
    ),
    "consent_out_of_order": (
        "Un événement plus récent est déjà enregistré pour « {field} » : l'historique ne "
        "peut pas être réécrit.",
        "A later event is already recorded for “{field}”: the history cannot be rewritten.",
    ),
    "mandate_start_past": (
        "Un mandat ne peut pas commencer avant aujourd'hui.",
        "A mandate cannot start before today.",
    ),
    "mandate_not_in_force": (
        "Ce mandat n'est plus en vigueur : il n'y a rien à révoquer.",
        "This mandate is no longer in force: there is nothing to revoke.",
    ),
    "scope_already_revoked": (
        "La démarche « {field} » est déjà révoquée pour ce mandat.",
        "“{field}” is already revoked for this mandate.",
    ),
    "vault_not_empty": (
        "Ce coffre contient déjà des données : la démonstration ne s'ajoute qu'à un coffre vide.",
        "This vault already holds data: demo data only goes into an empty vault.",
    ),
    "profile_name_invalid": (
        "Nom de profil refusé : 1 à {max} caractères, sans / \\ : * ? \" < > | ni caractère "
        "invisible, sans point ni espace au début ou à la fin.",
        "Profile name refused: 1 to {max} characters, without / \\ : * ? \" < > | or "
        "invisible characters, not starting or ending with a dot or a space.",
    ),
    "profile_name_taken": (
        "Un profil porte déjà ce nom (les majuscules ne comptent pas) : choisissez-en un autre.",
        "A profile already has this name (capitals do not count): choose another one.",
    ),
    "profile_unknown": (
        "Aucun profil ne porte ce nom sur cet ordinateur.",
        "No profile has this name on this computer.",
    ),
    "profile_required": (
        "Plusieurs profils sur cet ordinateur : précisez lequel avec --profile NOM.",
        "Several profiles on this computer: say which one with --profile NAME.",
    ),
    "profile_and_folder": (
        "--profile et --data-dir s'excluent : l'un désigne un profil, l'autre un dossier.",
        "--profile and --data-dir exclude each other: one names a profile, the other a "
        "folder.",
    ),
    "profile_migration_failed": (
        "Le coffre n'a pas pu être déplacé dans son profil ; rien n'est perdu, le "
        "déplacement reprendra au prochain démarrage.",
        "The vault could not be moved into its profile; nothing is lost, the move will "
        "resume at the next start.",
    ),
    # Import of spreadsheets (services.imports).
    "import_format": (
        "Ce fichier n'est pas un tableau importable (XLSX, ODS ou CSV).",
        "This file is not a table that can be imported (XLSX, ODS or CSV).",
    ),
    "import_unreadable": (
        "Le fichier à importer ne peut pas être lu (absent, endommagé ou protégé).",
        "The file to import cannot be read (missing, damaged or protected).",
    ),
    "import_too_large": ("Le fichier à importer est trop gros.",
                         "The file to import is too large."),
    "import_empty": ("Le fichier à importer ne contient aucune ligne sous ses en-têtes.",
                     "The file to import has no row under its headers."),
    "import_missing_column": (
        "Aucune colonne du fichier n'est associée au champ « {field} », obligatoire.",
        "No column of the file is matched to the required field “{field}”.",
    ),
    "import_bad_mapping": ("Le fichier de correspondance des colonnes n'est pas valide.",
                           "The column mapping file is not valid."),
    "import_cancelled": ("Import annulé : rien n'a été enregistré.",
                         "Import cancelled: nothing was saved."),
    "import_changed": (
        "Le fichier ou le coffre a changé depuis la vérification : vérifiez à nouveau.",
        "The file or the vault changed since the check: check again.",
    ),
    "import_nothing_to_undo": ("Il n'y a pas d'import à annuler.",
                               "There is no import to undo."),
    "import_undo_blocked": (
        "L'import ne peut plus être annulé : {count} élément(s) ont été ajoutés depuis "
        "aux dossiers qu'il a créés.",
        "The import can no longer be undone: {count} item(s) were added since to the "
        "files it created.",
    ),
    "import_undo_merged": (
        "L'import ne peut plus être annulé : un dossier qu'il a créé a été fusionné "
        "depuis avec un autre. Annulez d'abord cette fusion.",
        "The import can no longer be undone: a file it created was merged with another "
        "since. Undo that merge first.",
    ),
}


MESSAGES = _Texts(_MESSAGES)


def _merge_consent_messages() -> None:
    # The consent rules own their refusal texts; they are shown through KnownError.
    from accomp.domain.consent import CONSENT_MESSAGES

    for code, texts in CONSENT_MESSAGES.items():
        MESSAGES.setdefault(str(code), texts)
    from accomp.domain.merge import MERGE_MESSAGES  # merging files: refusals, notices

    for code, texts in MERGE_MESSAGES.items():
        MESSAGES.setdefault(str(code), texts)


def _merge_appointment_texts() -> None:
    from accomp.domain.appointment_texts import FIELDS
    from accomp.domain.appointment_texts import MESSAGES as TEXTS

    for code, texts in TEXTS.items():
        MESSAGES.setdefault(code, texts)
    for field, labels in FIELDS.items():
        FIELD_LABELS.setdefault(field, labels)


def _merge_custom_field_texts() -> None:
    from accomp.domain.custom_fields import FIELDS
    from accomp.domain.custom_fields import MESSAGES as TEXTS

    for code, texts in TEXTS.items():
        MESSAGES.setdefault(code, texts)
    for field, labels in FIELDS.items():
        FIELD_LABELS.setdefault(field, labels)


class KnownError(Exception):
    """An error the user can understand and act on. Never contains personal data."""

    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
        """`params` are non-personal values; a (French, English) pair is a parameter
        that is itself a sentence in the user's language."""
        if not MESSAGES.has(code):
            raise ValueError(f"unknown message code {code!r}")
        if field is not None:
            FIELD_LABELS.has(field)  # merged now, for whoever reads FIELD_LABELS
        self.code = code
        self.field = field
        self.params: dict[str, str | tuple[str, str]] = {
            k: (v[0], v[1]) if isinstance(v, tuple) and len(v) == 2 else str(v)
            for k, v in params.items()
        }
        super().__init__(self.message("fr"))

    def message(self, lang: Lang = "fr") -> str:
        fr, en = MESSAGES[self.code]
        template = fr if lang == "fr" else en
        field = field_label(self.field, lang) if self.field else ""
        values = {
            k: (v[0] if lang == "fr" else v[1]) if isinstance(v, tuple) else v
            for k, v in self.params.items()
        }
        return template.format(field=field, **values)


# Field names -> labels shown to the user.
_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "date": ("Date", "Date"),
    "duration_min": ("Durée", "Duration"),
    "place_type": ("Lieu", "Place"),
    "commune_name": ("Commune", "Commune"),
    "commune_postal_code": ("Code postal", "Postal code"),
    "commune_insee": ("Code INSEE", "INSEE code"),
    "themes": ("Thèmes", "Themes"),
    "admin_themes": ("Démarches administratives", "Administrative topics"),
    "procedure_details": ("Précisions sur la démarche", "Procedure details"),
    "equipment": ("Matériel", "Equipment"),
    "notes": ("Notes", "Notes"),
    "autonomy": ("Autonomie", "Autonomy"),
    "referred": ("Orientation", "Referral"),
    "referral_target": ("Structure d'orientation", "Referred to"),
    "completion": ("Degré de finalisation", "Completion"),
    "beneficiary_id": ("Bénéficiaire", "Beneficiary"),
    "kind": ("Type d'activité", "Kind of activity"),
    "workshop_title": ("Titre de l'atelier", "Workshop title"),
    "level": ("Niveau", "Level"),
    "participant_ids": ("Participants suivis", "Tracked participants"),
    "anon_total": ("Participants anonymes", "Anonymous participants"),
    "anon_already_supported": ("Déjà accompagnés", "Already supported"),
    "anon_by_gender": ("genre", "gender"),
    "anon_by_age_band": ("tranche d'âge", "age band"),
    "anon_by_status": ("statut", "status"),
    "first_name": ("Prénom", "First name"),
    "last_name": ("Nom", "Last name"),
    "phone": ("Téléphone", "Phone"),
    "email": ("E-mail", "E-mail"),
    "birth_year": ("Année de naissance", "Birth year"),
    "gender": ("Genre", "Gender"),
    "age_band": ("Tranche d'âge", "Age band"),
    "social_status": ("Statut", "Status"),
    "legal_basis": ("Base légale", "Legal basis"),
    "informed_on": ("Date d'information", "Date informed"),
    "notice_version": ("Version de la notice", "Notice version"),
    "activity": ("activité", "activity"),
    "beneficiary": ("bénéficiaire", "beneficiary"),
    "passphrase": ("Phrase de passe", "Passphrase"),
    "query": ("Recherche", "Search"),
    "referral_shares_data": (
        "Données transmises à la structure d'orientation", "Data passed to the partner"
    ),
    "under_mandate_scope": ("Démarche faite sous mandat", "Procedure done under mandate"),
    "purpose": ("Finalité", "Purpose"),
    "method": ("Forme du consentement", "Form of consent"),
    "scopes": ("Démarches du mandat", "Mandate scopes"),
    "mandate_duration": ("Durée du mandat", "Mandate duration"),
    "mandate": ("mandat", "mandate"),
    "consent_event": ("consentement", "consent"),
    "k": ("Seuil de secret statistique (k)", "Disclosure threshold (k)"),
    "format": ("Format", "Format"),
    "date_from": ("Date de début", "Start date"),
    "date_to": ("Date de fin", "End date"),
    "identified_file": ("Dossier identifié", "Identified file"),
    "journal": ("Journal des accès et modifications", "Access and change journal"),
    "export_records": ("Traces des exports", "Export records"),
    "backup_keep": ("Nombre de sauvegardes conservées", "Number of backups kept"),
    "structure_name": ("Nom de la structure", "Organisation name"),
    "structure_typology": ("Type de structure", "Type of organisation"),
    "tag": ("étiquette", "tag"),
    "tag_name": ("Nom de l'étiquette", "Tag name"),
    "competence": ("Compétence", "Competence"),
    "competence_level": ("Niveau observé", "Observed level"),
}


def _merge_vocabulary_labels() -> None:
    # Purposes and mandate scopes name the "field" of consent refusals.
    from accomp.domain.vocab import vocabulary

    for name in ("consent_purposes", "mandate_scopes"):
        for term in vocabulary().terms(name):
            FIELD_LABELS.setdefault(term.key, (term.fr, term.en))


FIELD_LABELS = _Texts(_FIELD_LABELS)
_merged: list[bool] = []


def _merge_all() -> None:
    if not _merged:
        _merged.append(True)
        _merge_consent_messages()
        _merge_vocabulary_labels()
        _merge_appointment_texts()
        _merge_custom_field_texts()
        from accomp.domain import transfer  # owns the texts of handing over

        for code, texts in transfer.TRANSFER_MESSAGES.items():
            MESSAGES.setdefault(code, texts)
        for name, texts in transfer.TRANSFER_FIELDS.items():
            FIELD_LABELS.setdefault(name, texts)


def field_label(field: str, lang: Lang = "fr") -> str:
    fr, en = FIELD_LABELS[field] if FIELD_LABELS.has(field) else (field, field)
    return fr if lang == "fr" else en
