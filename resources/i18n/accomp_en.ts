<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr_FR">
<context>
    <name>ActivityTableModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Bénéficiaire</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <source>Thèmes</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>Durée</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Autonomie</source>
        <translation>Autonomy</translation>
    </message>
    <message>
        <source>Collectif</source>
        <translation>Collective</translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n participant</numerusform>
            <numerusform>%n participants</numerusform>
        </translation>
    </message>
    <message>
        <source>Individuel</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>Anonyme</source>
        <translation>Anonymous</translation>
    </message>
</context>
<context>
    <name>CreateVaultDialog</name>
    <message>
        <source>accomp — Créer le coffre</source>
        <translation>accomp — Create the vault</translation>
    </message>
    <message>
        <source>Créer le coffre</source>
        <translation>Create the vault</translation>
    </message>
    <message>
        <source>Le coffre chiffre toutes les données enregistrées sur cet ordinateur. Choisissez une phrase de passe que vous êtes seul·e à connaître : elle sera demandée à chaque ouverture.</source>
        <translation>The vault encrypts all the data recorded on this computer. Choose a passphrase that only you know: it will be asked for every time the vault is opened.</translation>
    </message>
    <message>
        <source>Au moins 12 caractères mêlant minuscules, majuscules, chiffres et symboles ; ou 14 caractères de 3 de ces sortes ; ou une phrase de 7 mots différents.</source>
        <translation>At least 12 characters mixing lower case, upper case, digits and symbols; or 14 characters of 3 of those kinds; or a phrase of 7 different words.</translation>
    </message>
    <message>
        <source>A&amp;fficher les caractères</source>
        <translation>&amp;Show characters</translation>
    </message>
    <message>
        <source>&amp;Phrase de passe :</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>C&amp;onfirmation :</source>
        <translation>C&amp;onfirmation:</translation>
    </message>
    <message>
        <source>Confirmation de la phrase de passe</source>
        <translation>Passphrase confirmation</translation>
    </message>
    <message>
        <source>Solidité :</source>
        <translation>Strength:</translation>
    </message>
    <message>
        <source>Solidité de la phrase de passe</source>
        <translation>Passphrase strength</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>C&amp;réer le coffre</source>
        <translation>&amp;Create the vault</translation>
    </message>
    <message>
        <source>Ce code ouvre le coffre si vous oubliez la phrase de passe. Il n&apos;est affiché qu&apos;une seule fois : notez-le ou imprimez-le maintenant, puis rangez-le en lieu sûr, à l&apos;écart de l&apos;ordinateur.</source>
        <translation>This code opens the vault if you forget the passphrase. It is shown only once: write it down or print it now, then keep it somewhere safe, away from the computer.</translation>
    </message>
    <message>
        <source>Sans la phrase de passe ni ce code, personne ne peut récupérer les données, pas même le support.</source>
        <translation>Without the passphrase or this code, nobody can recover the data, not even support.</translation>
    </message>
    <message>
        <source>Code de secours :</source>
        <translation>Recovery code:</translation>
    </message>
    <message>
        <source>&amp;Imprimer…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Imprimer le code de secours</source>
        <translation>Print the recovery code</translation>
    </message>
    <message>
        <source>accomp — code de secours du coffre</source>
        <translation>accomp — vault recovery code</translation>
    </message>
    <message>
        <source>Coffre créé le {date}.</source>
        <translation>Vault created on {date}.</translation>
    </message>
    <message>
        <source>Ce code ouvre le coffre si la phrase de passe est oubliée. Après l&apos;ouverture, choisissez une nouvelle phrase de passe.</source>
        <translation>This code opens the vault if the passphrase is forgotten. Once the vault is open, choose a new passphrase.</translation>
    </message>
    <message>
        <source>Rangez cette feuille en lieu sûr, à l&apos;écart de l&apos;ordinateur. Quiconque la trouve peut ouvrir le coffre.</source>
        <translation>Keep this sheet somewhere safe, away from the computer. Anyone who finds it can open the vault.</translation>
    </message>
    <message>
        <source>J&apos;ai &amp;noté ce code et je le range en lieu sûr</source>
        <translation>I have &amp;noted this code and will keep it somewhere safe</translation>
    </message>
    <message>
        <source>&amp;Terminer</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Phrase de passe suffisante. Saisissez-la une seconde fois.</source>
        <translation>Passphrase strong enough. Type it a second time.</translation>
    </message>
    <message>
        <source>Les deux saisies ne correspondent pas.</source>
        <translation>The two entries do not match.</translation>
    </message>
    <message>
        <source>Phrase de passe suffisante, et les deux saisies correspondent.</source>
        <translation>Passphrase strong enough, and the two entries match.</translation>
    </message>
    <message>
        <source>Très faible</source>
        <translation>Very weak</translation>
    </message>
    <message>
        <source>Faible</source>
        <translation>Weak</translation>
    </message>
    <message>
        <source>Moyenne</source>
        <translation>Fair</translation>
    </message>
    <message>
        <source>Presque suffisante</source>
        <translation>Almost strong enough</translation>
    </message>
    <message>
        <source>Suffisante</source>
        <translation>Strong enough</translation>
    </message>
    <message>
        <source>Votre code de secours</source>
        <translation>Your recovery code</translation>
    </message>
    <message>
        <source>Code envoyé à l&apos;imprimante.</source>
        <translation>Code sent to the printer.</translation>
    </message>
</context>
<context>
    <name>JournalView</name>
    <message>
        <source>Journal des activités</source>
        <translation>Activity log</translation>
    </message>
    <message>
        <source>Nombre d&apos;activités</source>
        <translation>Number of activities</translation>
    </message>
    <message>
        <source>Une ligne par activité, la plus récente en premier.</source>
        <translation>One row per activity, most recent first.</translation>
    </message>
    <message>
        <source>Aucune activité enregistrée</source>
        <translation>No activity recorded</translation>
    </message>
    <message numerus="yes">
        <source>%Ln activité(s)</source>
        <translation>
            <numerusform>%Ln activity</numerusform>
            <numerusform>%Ln activities</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DÉMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Bénéficiaires</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>Tableau de bord</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Paramètres</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Avertissement</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Bientôt disponible.</source>
        <translation>Coming soon.</translation>
    </message>
    <message>
        <source>&amp;Verrouiller</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Raccourcis clavier…</source>
        <translation>&amp;Keyboard shortcuts…</translation>
    </message>
    <message>
        <source>Aller à « %1 »</source>
        <translation>Go to “%1”</translation>
    </message>
    <message>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Coffre ouvert</source>
        <translation>Vault open</translation>
    </message>
    <message>
        <source>Mode démonstration : données fictives</source>
        <translation>Demo mode: fictitious data</translation>
    </message>
    <message>
        <source>Coffre de démonstration : les données sont fictives.</source>
        <translation>Demo vault: the data is fictitious.</translation>
    </message>
    <message>
        <source>Verrouiller</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Verrouiller le coffre</source>
        <translation>Lock the vault</translation>
    </message>
    <message>
        <source>Verrouiller le coffre (%1)</source>
        <translation>Lock the vault (%1)</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Raccourcis clavier</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Touches</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>accomp — Ouvrir le coffre</source>
        <translation>accomp — Open the vault</translation>
    </message>
    <message>
        <source>Ouvrir le coffre</source>
        <translation>Open the vault</translation>
    </message>
    <message>
        <source>Coffre de démonstration : la phrase de passe est « %1 ».</source>
        <translation>Demo vault: the passphrase is “%1”.</translation>
    </message>
    <message>
        <source>A&amp;fficher les caractères</source>
        <translation>&amp;Show characters</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Déverrouiller</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Saisissez votre phrase de passe pour ouvrir le coffre.</source>
        <translation>Type your passphrase to open the vault.</translation>
    </message>
    <message>
        <source>&amp;Phrase de passe :</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Code de secours…</source>
        <translation>&amp;Recovery code…</translation>
    </message>
    <message>
        <source>Utiliser le code de secours</source>
        <translation>Use the recovery code</translation>
    </message>
    <message>
        <source>Saisissez le code de secours noté ou imprimé à la création du coffre. Une fois le coffre ouvert, choisissez une nouvelle phrase de passe.</source>
        <translation>Type the recovery code written down or printed when the vault was created. Once the vault is open, choose a new passphrase.</translation>
    </message>
    <message>
        <source>&amp;Code de secours :</source>
        <translation>&amp;Recovery code:</translation>
    </message>
    <message>
        <source>&amp;Phrase de passe…</source>
        <translation>&amp;Passphrase…</translation>
    </message>
    <message>
        <source>Utiliser la phrase de passe</source>
        <translation>Use the passphrase</translation>
    </message>
    <message numerus="yes">
        <source>Trop d&apos;essais : patientez %n s avant de réessayer.</source>
        <translation>
            <numerusform>Too many tries: wait %n second before trying again.</numerusform>
            <numerusform>Too many tries: wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Erreur inattendue : l&apos;opération n&apos;a pas abouti.
Le détail technique a été noté dans le journal de l&apos;application. Si cela se reproduit, signalez-le à votre référent.</source>
        <translation>Unexpected error: the operation did not complete.
The technical details were written to the application log. If it happens again, report it to your contact person.</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>DÉMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Mode démonstration : données fictives</source>
        <translation>Demo mode: fictitious data</translation>
    </message>
</context>
</TS>
