<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr_FR">
<context>
    <name>ActivitiesTab</name>
    <message>
        <source>&amp;Exporter le fichier d&apos;activités…</source>
        <translation>&amp;Export the activity file…</translation>
    </message>
    <message>
        <source>Une ligne par activité, sans nom, sans note ni identifiant : les personnes y sont désignées par une clé pseudonyme propre à la structure, les âges, communes et dates sont généralisés, et les combinaisons rares remplacées par « Non communiqué ». Ce fichier sert à la consolidation d&apos;équipe.</source>
        <translation>One row per activity, with no name, note or identifier: people are designated by a pseudonymous key specific to the structure, ages, communes and dates are generalised, and rare combinations are replaced by “Not given”. This file is used for team consolidation.</translation>
    </message>
    <message>
        <source>Période, filtres et seuil</source>
        <translation>Period, filters and threshold</translation>
    </message>
    <message>
        <source>&amp;Format :</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Format du fichier d&apos;activités</source>
        <translation>Activity file format</translation>
    </message>
    <message>
        <source>Exporter le fichier d&apos;activités</source>
        <translation>Export the activity file</translation>
    </message>
    <message>
        <source>Écriture du fichier d&apos;activités…</source>
        <translation>Writing the activity file…</translation>
    </message>
    <message numerus="yes">
        <source>%n ligne(s) écrite(s) dans %1</source>
        <translation>
            <numerusform>%n row written to %1</numerusform>
            <numerusform>%n rows written to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Modifier l&apos;activité</source>
        <translation>Edit the session</translation>
    </message>
    <message>
        <source>Nouvelle activité (copie)</source>
        <translation>New session (copy)</translation>
    </message>
    <message>
        <source>Nouvelle activité</source>
        <translation>New session</translation>
    </message>
    <message>
        <source>Ctrl+S : enregistrer · Échap : annuler</source>
        <translation>Ctrl+S: save · Esc: cancel</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Enregistrer (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Activité enregistrée</source>
        <translation>Session saved</translation>
    </message>
    <message>
        <source>Abandonner la saisie</source>
        <translation>Discard the entry</translation>
    </message>
    <message>
        <source>Abandonner cette saisie ? Ce qui a été tapé sera perdu.</source>
        <translation>Discard this entry? What was typed will be lost.</translation>
    </message>
    <message>
        <source>Modifier l&apos;atelier</source>
        <translation>Edit the workshop</translation>
    </message>
    <message>
        <source>Nouvel atelier (copie)</source>
        <translation>New workshop (copy)</translation>
    </message>
    <message>
        <source>Nouvel atelier</source>
        <translation>New workshop</translation>
    </message>
</context>
<context>
    <name>ActivityForm</name>
    <message>
        <source>Accompagnement individuel</source>
        <translation>Individual support</translation>
    </message>
    <message>
        <source>Atelier collectif</source>
        <translation>Group workshop</translation>
    </message>
    <message>
        <source>Autre durée…</source>
        <translation>Other duration…</translation>
    </message>
    <message>
        <source>Séance</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>&amp;Type :</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Bénéficiaire :</source>
        <translation>&amp;Beneficiary:</translation>
    </message>
    <message>
        <source>&amp;Date :</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>D&amp;urée :</source>
        <translation>D&amp;uration:</translation>
    </message>
    <message>
        <source>Durée (h:min) :</source>
        <translation>Duration (h:min):</translation>
    </message>
    <message>
        <source>&amp;Lieu :</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <source>&amp;Commune :</source>
        <translation>&amp;Commune:</translation>
    </message>
    <message>
        <source>Non précisé</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Participants suivis</source>
        <translation>Tracked participants</translation>
    </message>
    <message>
        <source>Atelier</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>T&amp;itre de l&apos;atelier :</source>
        <translation>Workshop t&amp;itle:</translation>
    </message>
    <message>
        <source>Ni&amp;veau :</source>
        <translation>Le&amp;vel:</translation>
    </message>
    <message>
        <source>Participants &amp;suivis :</source>
        <translation>Tracked partici&amp;pants:</translation>
    </message>
    <message>
        <source>Thèmes</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>Démarches administratives</source>
        <translation>Administrative topics</translation>
    </message>
    <message>
        <source>Contenu</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>T&amp;hèmes :</source>
        <translation>T&amp;hemes:</translation>
    </message>
    <message>
        <source>Dé&amp;marches :</source>
        <translation>Ad&amp;ministrative topics:</translation>
    </message>
    <message>
        <source>&amp;Précisions :</source>
        <translation>&amp;Details:</translation>
    </message>
    <message>
        <source>Précisions sur la démarche</source>
        <translation>Procedure details</translation>
    </message>
    <message>
        <source>Matériel :</source>
        <translation>Equipment:</translation>
    </message>
    <message>
        <source>Non renseignée</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>&amp;Orientée vers une autre structure</source>
        <translation>&amp;Referred to another structure</translation>
    </message>
    <message>
        <source>Choisir…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Avec &amp;transmission de données au partenaire</source>
        <translation>With data &amp;passed on to the partner</translation>
    </message>
    <message>
        <source>Non renseigné</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Sans mandat</source>
        <translation>No mandate</translation>
    </message>
    <message>
        <source>Résultat</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>&amp;Autonomie :</source>
        <translation>&amp;Autonomy:</translation>
    </message>
    <message>
        <source>Orientation :</source>
        <translation>Referral:</translation>
    </message>
    <message>
        <source>St&amp;ructure :</source>
        <translation>St&amp;ructure:</translation>
    </message>
    <message>
        <source>Partage :</source>
        <translation>Sharing:</translation>
    </message>
    <message>
        <source>&amp;Finalisation :</source>
        <translation>&amp;Completion:</translation>
    </message>
    <message>
        <source>Démarche sous &amp;mandat :</source>
        <translation>Procedure under &amp;mandate:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>&amp;Notes (sensibles, jamais exportées) :</source>
        <translation>&amp;Notes (sensitive, never exported):</translation>
    </message>
</context>
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
    <message>
        <source>« %1 » · %2</source>
        <translation>“%1” · %2</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <source>Prévoir un rendez-vous</source>
        <translation>Plan an appointment</translation>
    </message>
    <message>
        <source>À apporter</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <source>&amp;Date :</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>&amp;Heure :</source>
        <translation>&amp;Time:</translation>
    </message>
    <message>
        <source>D&amp;urée :</source>
        <translation>D&amp;uration:</translation>
    </message>
    <message>
        <source>&amp;Lieu :</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <source>À a&amp;pporter :</source>
        <translation>What to &amp;bring:</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Prévoir le rendez-vous</source>
        <translation>&amp;Plan the appointment</translation>
    </message>
    <message>
        <source>Prévoir le rendez-vous (Ctrl+S)</source>
        <translation>Plan the appointment (Ctrl+S)</translation>
    </message>
    <message>
        <source>Enregistrer et prévoir un &amp;rendez-vous</source>
        <translation>Save and plan an appointmen&amp;t</translation>
    </message>
    <message>
        <source>Enregistrer la séance, puis prévoir le prochain rendez-vous (Ctrl+Maj+R)</source>
        <translation>Save the session, then plan the next appointment (Ctrl+Shift+R)</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message numerus="yes">
        <source>Sauvegarde écrite et vérifiée : %1 (%n ligne(s)).</source>
        <translation>
            <numerusform>Backup written and verified: %1 (%n row).</numerusform>
            <numerusform>Backup written and verified: %1 (%n rows).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BeneficiariesPage</name>
    <message>
        <source>Bénéficiaires</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>&amp;Nouveau bénéficiaire…</source>
        <translation>&amp;New beneficiary…</translation>
    </message>
    <message>
        <source>Code, nom, téléphone ou e-mail</source>
        <translation>Code, name, phone or e-mail</translation>
    </message>
    <message>
        <source>&amp;Rechercher :</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>Rechercher un bénéficiaire</source>
        <translation>Search for a beneficiary</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Avec identité</source>
        <translation>With identity</translation>
    </message>
    <message>
        <source>Statistiques uniquement</source>
        <translation>Statistics only</translation>
    </message>
    <message>
        <source>Actifs</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Anonymisés</source>
        <translation>Anonymised</translation>
    </message>
    <message>
        <source>&amp;Tranche d&apos;âge :</source>
        <translation>&amp;Age band:</translation>
    </message>
    <message>
        <source>G&amp;enre :</source>
        <translation>Gen&amp;der:</translation>
    </message>
    <message>
        <source>&amp;Statut :</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;Identité :</source>
        <translation>&amp;Identity:</translation>
    </message>
    <message>
        <source>&amp;Dossiers :</source>
        <translation>Fi&amp;les:</translation>
    </message>
    <message>
        <source>Liste des bénéficiaires</source>
        <translation>List of beneficiaries</translation>
    </message>
    <message>
        <source>Vu le plus récemment en premier. Entrée ouvre le dossier.</source>
        <translation>Most recently seen first. Enter opens the file.</translation>
    </message>
    <message>
        <source>Nouveau bénéficiaire</source>
        <translation>New beneficiary</translation>
    </message>
    <message>
        <source>Nouveau bénéficiaire (%1)</source>
        <translation>New beneficiary (%1)</translation>
    </message>
    <message>
        <source>Aucun bénéficiaire ne correspond.</source>
        <translation>No beneficiary matches.</translation>
    </message>
    <message numerus="yes">
        <source>%n bénéficiaire(s)</source>
        <translation>
            <numerusform>%n beneficiary</numerusform>
            <numerusform>%n beneficiaries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BeneficiaryDialog</name>
    <message>
        <source>Nouveau bénéficiaire</source>
        <translation>New beneficiary</translation>
    </message>
    <message>
        <source>Rien n&apos;est enregistré tant que vous n&apos;avez pas choisi.</source>
        <translation>Nothing is saved until you choose.</translation>
    </message>
    <message>
        <source>Modifier le dossier</source>
        <translation>Edit the file</translation>
    </message>
</context>
<context>
    <name>BeneficiaryFields</name>
    <message>
        <source>Dossier %1</source>
        <translation>File %1</translation>
    </message>
    <message>
        <source>Nouveau bénéficiaire</source>
        <translation>New beneficiary</translation>
    </message>
    <message>
        <source>Aucune (statistiques seulement)</source>
        <translation>None (statistics only)</translation>
    </message>
    <message>
        <source>jj/mm/aaaa</source>
        <translation>yyyy-mm-dd</translation>
    </message>
    <message>
        <source>Aujourd&apos;&amp;hui</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <source>Informée aujourd&apos;hui</source>
        <translation>Informed today</translation>
    </message>
    <message>
        <source>Cadre légal</source>
        <translation>Legal framework</translation>
    </message>
    <message>
        <source>&amp;Base légale :</source>
        <translation>Legal &amp;basis:</translation>
    </message>
    <message>
        <source>&amp;Date d&apos;information :</source>
        <translation>&amp;Date informed:</translation>
    </message>
    <message>
        <source>&amp;Version de la notice :</source>
        <translation>Notice ve&amp;rsion:</translation>
    </message>
    <message>
        <source>aaaa</source>
        <translation>yyyy</translation>
    </message>
    <message>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>&amp;First name:</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Last name:</translation>
    </message>
    <message>
        <source>&amp;Téléphone :</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>E-&amp;mail :</source>
        <translation>E-&amp;mail:</translation>
    </message>
    <message>
        <source>&amp;Année de naissance :</source>
        <translation>Birth &amp;year:</translation>
    </message>
    <message>
        <source>Déduite de l&apos;année de naissance</source>
        <translation>From the birth year</translation>
    </message>
    <message>
        <source>Nom ou code postal</source>
        <translation>Name or postal code</translation>
    </message>
    <message>
        <source>Données statistiques</source>
        <translation>Statistical data</translation>
    </message>
    <message>
        <source>&amp;Genre :</source>
        <translation>&amp;Gender:</translation>
    </message>
    <message>
        <source>T&amp;ranche d&apos;âge :</source>
        <translation>&amp;Age band:</translation>
    </message>
    <message>
        <source>&amp;Statut :</source>
        <translation>Stat&amp;us:</translation>
    </message>
    <message>
        <source>&amp;Commune :</source>
        <translation>&amp;Commune:</translation>
    </message>
    <message>
        <source>Toujours enregistrées : elles servent aux statistiques anonymes.</source>
        <translation>Always recorded: they feed the anonymous statistics.</translation>
    </message>
    <message>
        <source>Notes (sensibles)</source>
        <translation>Notes (sensitive)</translation>
    </message>
    <message>
        <source>N&amp;otes sur le dossier :</source>
        <translation>N&amp;otes on the file:</translation>
    </message>
    <message>
        <source>Données sensibles : jamais exportées ni imprimées.</source>
        <translation>Sensitive data: never exported or printed.</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
</context>
<context>
    <name>BeneficiaryFileView</name>
    <message>
        <source>Choisissez un bénéficiaire dans la liste pour ouvrir son dossier.</source>
        <translation>Choose a beneficiary in the list to open their file.</translation>
    </message>
    <message>
        <source>Dossier anonymisé</source>
        <translation>Anonymised file</translation>
    </message>
    <message>
        <source>&amp;Modifier…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Modifier le dossier</source>
        <translation>Edit the file</translation>
    </message>
    <message>
        <source>&amp;Effacer…</source>
        <translation>&amp;Erase…</translation>
    </message>
    <message>
        <source>Effacer le dossier (droit à l&apos;effacement)</source>
        <translation>Erase the file (right to erasure)</translation>
    </message>
    <message>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>Données statistiques uniquement</source>
        <translation>Statistical data only</translation>
    </message>
    <message>
        <source>Nom :</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Téléphone :</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>E-mail :</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <source>Année de naissance :</source>
        <translation>Birth year:</translation>
    </message>
    <message>
        <source>Base légale :</source>
        <translation>Legal basis:</translation>
    </message>
    <message>
        <source>Informée le :</source>
        <translation>Informed on:</translation>
    </message>
    <message>
        <source>Notice :</source>
        <translation>Notice:</translation>
    </message>
    <message>
        <source>Données statistiques</source>
        <translation>Statistical data</translation>
    </message>
    <message>
        <source>Genre :</source>
        <translation>Gender:</translation>
    </message>
    <message>
        <source>Tranche d&apos;âge :</source>
        <translation>Age band:</translation>
    </message>
    <message>
        <source>Statut :</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Commune :</source>
        <translation>Commune:</translation>
    </message>
    <message>
        <source>Premier accompagnement :</source>
        <translation>First support:</translation>
    </message>
    <message>
        <source>Dernier contact :</source>
        <translation>Last contact:</translation>
    </message>
    <message>
        <source>Consentements et mandats</source>
        <translation>Consents and mandates</translation>
    </message>
    <message>
        <source>L&apos;état des consentements s&apos;affichera ici.</source>
        <translation>The state of consents will be shown here.</translation>
    </message>
    <message>
        <source>Activités</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>Activités avec cette personne</source>
        <translation>Activities with this person</translation>
    </message>
    <message>
        <source>La plus récente en premier.</source>
        <translation>Most recent first.</translation>
    </message>
    <message>
        <source>Autonomie au fil du temps</source>
        <translation>Autonomy over time</translation>
    </message>
    <message>
        <source>Notes (sensibles)</source>
        <translation>Notes (sensitive)</translation>
    </message>
    <message>
        <source>Données sensibles : jamais exportées ni imprimées.</source>
        <translation>Sensitive data: never exported or printed.</translation>
    </message>
    <message>
        <source>Aucune note.</source>
        <translation>No notes.</translation>
    </message>
    <message>
        <source>Autonomie</source>
        <translation>Autonomy</translation>
    </message>
    <message>
        <source>Dossier %1</source>
        <translation>File %1</translation>
    </message>
    <message>
        <source>Un dossier anonymisé ne se modifie plus.</source>
        <translation>An anonymised file can no longer be edited.</translation>
    </message>
    <message numerus="yes">
        <source>%n activité(s)</source>
        <translation>
            <numerusform>%n activity</numerusform>
            <numerusform>%n activities</numerusform>
        </translation>
    </message>
    <message>
        <source>Aucune activité enregistrée avec cette personne.</source>
        <translation>No activity recorded with this person.</translation>
    </message>
    <message numerus="yes">
        <source>%n séance(s) notée(s). Première : %1 le %2. Dernière : %3 le %4.</source>
        <translation>
            <numerusform>%n session rated. First: %1 on %2. Last: %3 on %4.</numerusform>
            <numerusform>%n sessions rated. First: %1 on %2. Last: %3 on %4.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BeneficiaryPicker</name>
    <message>
        <source>Anonyme — ou tapez un code, un nom, un téléphone</source>
        <translation>Anonymous — or type a code, a name, a phone</translation>
    </message>
    <message>
        <source>Tapez un code, un nom, un téléphone</source>
        <translation>Type a code, a name, a phone</translation>
    </message>
    <message>
        <source>Anonyme</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>nom</source>
        <translation>last name</translation>
    </message>
    <message>
        <source>prénom</source>
        <translation>first name</translation>
    </message>
    <message>
        <source>téléphone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>contient le texte</source>
        <translation>contains the text</translation>
    </message>
</context>
<context>
    <name>BeneficiaryTableModel</name>
    <message>
        <source>Dossier anonymisé : seules les données statistiques restent.</source>
        <translation>Anonymised file: only the statistical data remains.</translation>
    </message>
    <message>
        <source>Données statistiques uniquement</source>
        <translation>Statistical data only</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Dernier contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>Naissance</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>Tranche d&apos;âge</source>
        <translation>Age band</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>(anonymisé)</source>
        <translation>(anonymised)</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>accomp — Changer la phrase de passe</source>
        <translation>accomp — Change the passphrase</translation>
    </message>
    <message>
        <source>Changer la phrase de passe</source>
        <translation>Change the passphrase</translation>
    </message>
    <message>
        <source>La nouvelle phrase de passe sera demandée à chaque ouverture du coffre. Le code de secours imprimé à la création reste valable. Les sauvegardes déjà copiées sur une clé USB restent protégées par l&apos;ancienne phrase.</source>
        <translation>The new passphrase will be asked each time the vault is opened. The recovery code printed when the vault was created remains valid. Backups already copied to a USB stick stay protected by the old passphrase.</translation>
    </message>
    <message>
        <source>Phrase de passe &amp;actuelle :</source>
        <translation>&amp;Current passphrase:</translation>
    </message>
    <message>
        <source>&amp;Nouvelle phrase de passe :</source>
        <translation>&amp;New passphrase:</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Changer</source>
        <translation>Ch&amp;ange</translation>
    </message>
    <message>
        <source>La nouvelle phrase de passe est identique à l&apos;actuelle.</source>
        <translation>The new passphrase is the same as the current one.</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Chiffres : %1</source>
        <translation>Figures: %1</translation>
    </message>
    <message>
        <source>Masquer les chiffres</source>
        <translation>Hide the figures</translation>
    </message>
    <message>
        <source>Voir les chiffres</source>
        <translation>Show the figures</translation>
    </message>
    <message>
        <source>Masquer les chiffres : %1</source>
        <translation>Hide the figures: %1</translation>
    </message>
    <message>
        <source>Voir les chiffres : %1</source>
        <translation>Show the figures: %1</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <source>Tapez pour chercher, Entrée pour cocher</source>
        <translation>Type to search, Enter to tick</translation>
    </message>
    <message>
        <source>Tapez le début d&apos;un mot puis Entrée pour cocher ; Bas pour parcourir la liste, Espace pour cocher.</source>
        <translation>Type the start of a word then Enter to tick; Down to walk the list, Space to tick.</translation>
    </message>
    <message>
        <source>Liste : %1</source>
        <translation>List: %1</translation>
    </message>
    <message>
        <source>Aucun élément coché</source>
        <translation>Nothing ticked</translation>
    </message>
    <message numerus="yes">
        <source>%n coché(s) : </source>
        <translation>
            <numerusform>%n ticked: </numerusform>
            <numerusform>%n ticked: </numerusform>
        </translation>
    </message>
    <message>
        <source>Aucun résultat pour « %1 ».</source>
        <translation>No result for “%1”.</translation>
    </message>
    <message>
        <source>Compris comme : %1</source>
        <translation>Understood as: %1</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <source>Nom ou code postal</source>
        <translation>Name or postal code</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Renouveler le consentement</source>
        <translation>Renew consent</translation>
    </message>
    <message>
        <source>Recueillir le consentement</source>
        <translation>Record consent</translation>
    </message>
    <message>
        <source>La personne renouvelle son accord pour « %1 ».</source>
        <translation>The person renews their agreement to “%1”.</translation>
    </message>
    <message>
        <source>La personne donne son accord pour « %1 ».</source>
        <translation>The person agrees to “%1”.</translation>
    </message>
    <message>
        <source>Elle a reçu la notice d&apos;information, version %1.</source>
        <translation>They received the information notice, version %1.</translation>
    </message>
    <message>
        <source>&amp;Forme du consentement :</source>
        <translation>&amp;Form of consent:</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Notice d&apos;information</source>
        <translation>Information notice</translation>
    </message>
    <message>
        <source>La notice à remettre à la personne (version %1)</source>
        <translation>The notice to give the person (version %1)</translation>
    </message>
    <message>
        <source>Finalité</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Jusqu&apos;au</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Recueillir…</source>
        <translation>Record…</translation>
    </message>
    <message>
        <source>Renouveler…</source>
        <translation>Renew…</translation>
    </message>
    <message>
        <source>Retirer…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>Recueillir le consentement</source>
        <translation>Record consent</translation>
    </message>
    <message>
        <source>Renouveler le consentement</source>
        <translation>Renew consent</translation>
    </message>
    <message>
        <source>Enregistrer le retrait</source>
        <translation>Record the withdrawal</translation>
    </message>
    <message>
        <source>%1 : %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Reçu</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Reçu du dernier enregistrement : %1</source>
        <translation>Receipt of the latest record: %1</translation>
    </message>
    <message>
        <source>Non requis</source>
        <translation>Not required</translation>
    </message>
    <message>
        <source>Aucun</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Informée</source>
        <translation>Informed</translation>
    </message>
    <message>
        <source>Valide</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Expire bientôt</source>
        <translation>Expiring soon</translation>
    </message>
    <message>
        <source>Expiré</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Retiré</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Dossier anonymisé : plus aucune donnée d&apos;identité.</source>
        <translation>File anonymised: no identity data any more.</translation>
    </message>
    <message>
        <source>Dossier identifié : %1</source>
        <translation>Identified file: %1</translation>
    </message>
    <message>
        <source>, personne informée le %1</source>
        <translation>, person informed on %1</translation>
    </message>
    <message>
        <source> (notice %1)</source>
        <translation> (notice %1)</translation>
    </message>
    <message>
        <source>Le consentement au mandat se recueille en créant un mandat.</source>
        <translation>Consent to a mandate is recorded by creating a mandate.</translation>
    </message>
    <message>
        <source>Consentement enregistré : %1.</source>
        <translation>Consent recorded: %1.</translation>
    </message>
    <message>
        <source>Consentement renouvelé : %1.</source>
        <translation>Consent renewed: %1.</translation>
    </message>
    <message>
        <source>Enregistrer que la personne retire son consentement pour « %1 » ?</source>
        <translation>Record that the person withdraws their consent to “%1”?</translation>
    </message>
    <message>
        <source>Tous les mandats en cours seront révoqués.</source>
        <translation>Every current mandate will be revoked.</translation>
    </message>
    <message>
        <source>Retrait du consentement</source>
        <translation>Withdrawal of consent</translation>
    </message>
    <message>
        <source>Retrait enregistré : %1.</source>
        <translation>Withdrawal recorded: %1.</translation>
    </message>
    <message>
        <source>Anonymiser le dossier</source>
        <translation>Anonymise the file</translation>
    </message>
    <message>
        <source>La personne ne veut plus de dossier à son nom. Anonymiser le dossier maintenant ?
Son nom, ses coordonnées, ses notes et ses mandats seront effacés ; le code du dossier, les données statistiques (genre, tranche d&apos;âge, situation, commune) et les séances restent, pour les chiffres.</source>
        <translation>The person no longer wants a file under their name. Anonymise the file now?
Their name, contact details, notes and mandates will be erased; the file&apos;s code, the statistical data (gender, age band, status, commune) and the sessions stay, for the figures.</translation>
    </message>
    <message>
        <source>Dossier anonymisé.</source>
        <translation>File anonymised.</translation>
    </message>
</context>
<context>
    <name>ConsolidationPage</name>
    <message>
        <source>Ajoutez les fichiers d&apos;activités anonymisés exportés par chaque membre de l&apos;équipe (onglet « Fichier d&apos;activités » de leur accomp). Ils doivent avoir été exportés avec le même secret de structure. Un même export ajouté deux fois, ou deux exports d&apos;un même poste sur des périodes qui se chevauchent, sont refusés : rien n&apos;est compté deux fois.</source>
        <translation>Add the anonymised activity files exported by each team member (“Activity file” tab of their accomp). They must have been exported with the same structure secret. The same export added twice, or two exports of one worker over overlapping periods, are refused: nothing is counted twice.</translation>
    </message>
    <message>
        <source>&amp;Ajouter des fichiers…</source>
        <translation>&amp;Add files…</translation>
    </message>
    <message>
        <source>&amp;Retirer</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Retirer le fichier sélectionné</source>
        <translation>Remove the selected file</translation>
    </message>
    <message>
        <source>Exporter la synt&amp;hèse d&apos;équipe…</source>
        <translation>Export the team summar&amp;y…</translation>
    </message>
    <message>
        <source>&amp;Fichiers des membres de l&apos;équipe :</source>
        <translation>Team members&apos; &amp;files:</translation>
    </message>
    <message>
        <source>Seuil &amp;k :</source>
        <translation>Threshold &amp;k:</translation>
    </message>
    <message>
        <source>Seuil k de masquage</source>
        <translation>Suppression threshold k</translation>
    </message>
    <message>
        <source>F&amp;ormat :</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>Format de la synthèse d&apos;équipe</source>
        <translation>Team summary format</translation>
    </message>
    <message>
        <source>Fichiers d&apos;activités à consolider</source>
        <translation>Activity files to consolidate</translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n activité(s)</source>
        <translation>
            <numerusform>%n activity</numerusform>
            <numerusform>%n activities</numerusform>
        </translation>
    </message>
    <message>
        <source>période du %1 au %2</source>
        <translation>period from %1 to %2</translation>
    </message>
    <message>
        <source>Exporter la synthèse d&apos;équipe</source>
        <translation>Export the team summary</translation>
    </message>
    <message>
        <source>Consolidation et écriture…</source>
        <translation>Consolidating and writing…</translation>
    </message>
    <message>
        <source>Synthèse d&apos;équipe écrite : %1</source>
        <translation>Team summary written: %1</translation>
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
        <source>&amp;Phrase de passe :</source>
        <translation>&amp;Passphrase:</translation>
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
        <source>Votre code de secours</source>
        <translation>Your recovery code</translation>
    </message>
    <message>
        <source>Code envoyé à l&apos;imprimante.</source>
        <translation>Code sent to the printer.</translation>
    </message>
    <message>
        <source>Facultatif, modifiable dans Paramètres : imprimés sur les reçus et les attestations remis aux personnes.</source>
        <translation>Optional, can be changed in Settings: printed on the receipts and attestations handed to people.</translation>
    </message>
    <message>
        <source>Votre &amp;nom :</source>
        <translation>Your &amp;name:</translation>
    </message>
    <message>
        <source>Votre nom, imprimé sur les reçus</source>
        <translation>Your name, printed on receipts</translation>
    </message>
    <message>
        <source>&amp;Structure :</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>Nom de la structure</source>
        <translation>Organisation name</translation>
    </message>
</context>
<context>
    <name>CriteriaForm</name>
    <message>
        <source>Ce mois-ci</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Le mois dernier</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Cette année</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Dates choisies</source>
        <translation>Chosen dates</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Individuel</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>Collectif (atelier)</source>
        <translation>Collective (workshop)</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>&amp;Période :</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>&amp;au :</source>
        <translation>&amp;Until:</translation>
    </message>
    <message>
        <source>Fin de la période</source>
        <translation>End of the period</translation>
    </message>
    <message>
        <source>&amp;Du :</source>
        <translation>Fro&amp;m:</translation>
    </message>
    <message>
        <source>Début de la période</source>
        <translation>Start of the period</translation>
    </message>
    <message>
        <source>Aucun nombre entre 1 et k − 1 n&apos;est publié : il devient k ; les autres reçoivent un léger bruit (k vaut 3 au minimum).</source>
        <translation>No number from 1 to k − 1 is published: it becomes k; the others get a small noise (k is at least 3).</translation>
    </message>
    <message>
        <source>Seuil &amp;k :</source>
        <translation>Threshold &amp;k:</translation>
    </message>
    <message>
        <source>Seuil k de masquage</source>
        <translation>Suppression threshold k</translation>
    </message>
    <message>
        <source>T&amp;ype :</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <source>Filtre : type d&apos;activité</source>
        <translation>Filter: kind of activity</translation>
    </message>
    <message>
        <source>T&amp;hème :</source>
        <translation>T&amp;heme:</translation>
    </message>
    <message>
        <source>Filtre : thème</source>
        <translation>Filter: theme</translation>
    </message>
    <message>
        <source>&amp;Lieu :</source>
        <translation>P&amp;lace:</translation>
    </message>
    <message>
        <source>Filtre : lieu</source>
        <translation>Filter: place</translation>
    </message>
    <message>
        <source>A&amp;utonomie :</source>
        <translation>A&amp;utonomy:</translation>
    </message>
    <message>
        <source>Filtre : autonomie</source>
        <translation>Filter: autonomy</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Tableau de bord</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>&amp;Période :</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>Éti&amp;quette :</source>
        <translation>Ta&amp;g:</translation>
    </message>
    <message>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Ce mois-ci</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Les 3 derniers mois</source>
        <translation>The last 3 months</translation>
    </message>
    <message>
        <source>Les 12 derniers mois</source>
        <translation>The last 12 months</translation>
    </message>
    <message>
        <source>Personnalisée…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>&amp;Du :</source>
        <translation>F&amp;rom:</translation>
    </message>
    <message>
        <source>Début de la période</source>
        <translation>Start of the period</translation>
    </message>
    <message>
        <source>A&amp;u :</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Fin de la période</source>
        <translation>End of the period</translation>
    </message>
    <message>
        <source>Activités par mois</source>
        <translation>Activities per month</translation>
    </message>
    <message>
        <source>Temps passé</source>
        <translation>Time spent</translation>
    </message>
    <message>
        <source>Thèmes abordés</source>
        <translation>Themes covered</translation>
    </message>
    <message>
        <source>Lieux</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Autonomie des personnes accompagnées</source>
        <translation>Autonomy of the people supported</translation>
    </message>
    <message>
        <source>Premières venues et retours</source>
        <translation>First visits and returning people</translation>
    </message>
    <message>
        <source>Du %1 au %2</source>
        <translation>From %1 to %2</translation>
    </message>
    <message>
        <source>Activités</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>Personnes accompagnées</source>
        <translation>People supported</translation>
    </message>
    <message>
        <source>Premières venues</source>
        <translation>First visits</translation>
    </message>
    <message>
        <source>identique</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>semaine du %1</source>
        <translation>week of %1</translation>
    </message>
    <message>
        <source>Individuelles</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>Collectives</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Activités : %1 (collectives : %2).</source>
        <translation>Activities: %1 (group: %2).</translation>
    </message>
    <message>
        <source>Mois le plus chargé : %1 (%2).</source>
        <translation>Busiest month: %1 (%2).</translation>
    </message>
    <message>
        <source>%1 : %2 individuelles, %3 collectives</source>
        <translation>%1: %2 individual, %3 group</translation>
    </message>
    <message>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Total : %1, dont %2 en ateliers collectifs.</source>
        <translation>Total: %1, of which %2 in group workshops.</translation>
    </message>
    <message>
        <source>%1 : %2 en individuel, %3 en collectif</source>
        <translation>%1: %2 individual, %3 group</translation>
    </message>
    <message>
        <source>heures</source>
        <translation>hours</translation>
    </message>
    <message>
        <source>Individuel</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>Collectif</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Autres thèmes</source>
        <translation>Other themes</translation>
    </message>
    <message>
        <source>Activités : %1 ; une activité peut porter sur plusieurs thèmes.</source>
        <translation>Activities: %1; one activity can cover several themes.</translation>
    </message>
    <message>
        <source>Thème</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Activités : %1.</source>
        <translation>Activities: %1.</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>En tête : %1 (%2 des activités).</source>
        <translation>First: %1 (%2 of activities).</translation>
    </message>
    <message>
        <source>Part des activités</source>
        <translation>Share of activities</translation>
    </message>
    <message>
        <source>Personnes vues au moins deux fois sur la période : %1. Plus autonomes : %2 ; au même niveau : %3 ; moins autonomes : %4 (première et dernière séance comparées).</source>
        <translation>People seen at least twice in the period: %1. More autonomous: %2; same level: %3; less autonomous: %4 (first and last session compared).</translation>
    </message>
    <message>
        <source>Aucune personne vue deux fois sur la période avec son autonomie notée.</source>
        <translation>No one was seen twice in the period with their autonomy noted.</translation>
    </message>
    <message>
        <source>Part des séances individuelles par niveau d&apos;autonomie.</source>
        <translation>Share of individual sessions by level of autonomy.</translation>
    </message>
    <message>
        <source>Première venue</source>
        <translation>First visit</translation>
    </message>
    <message>
        <source>Déjà accompagnées</source>
        <translation>Supported before</translation>
    </message>
    <message>
        <source>semaine</source>
        <translation>week</translation>
    </message>
    <message>
        <source>mois</source>
        <translation>month</translation>
    </message>
    <message>
        <source>Premières venues : %1. Une personne est comptée une fois par %2.</source>
        <translation>First visits: %1. A person is counted once per %2.</translation>
    </message>
    <message>
        <source>%1 : %2 premières venues, %3 déjà accompagnées</source>
        <translation>%1: %2 first visits, %3 supported before</translation>
    </message>
    <message>
        <source>Personnes</source>
        <translation>People</translation>
    </message>
    <message>
        <source>%1 (jusqu&apos;au %2), comparé à %3 sur autant de jours (jusqu&apos;au %4)</source>
        <translation>%1 (up to %2), compared with the same number of days of %3 (up to %4)</translation>
    </message>
    <message>
        <source>Calcul des chiffres…</source>
        <translation>Working out the figures…</translation>
    </message>
    <message>
        <source>Mois précédent, mêmes jours : %1
écart : %2</source>
        <translation>Previous month, same days: %1
difference: %2</translation>
    </message>
    <message>
        <source>%1 : %2 ce mois-ci ; %3 le mois précédent aux mêmes jours ; écart : %4</source>
        <translation>%1: %2 this month; %3 on the same days of the previous month; difference: %4</translation>
    </message>
</context>
<context>
    <name>DocumentButton</name>
    <message>
        <source>Imprimer en français…</source>
        <translation>Print in French…</translation>
    </message>
    <message>
        <source>Imprimer en anglais…</source>
        <translation>Print in English…</translation>
    </message>
    <message>
        <source>Enregistrer en PDF, en français…</source>
        <translation>Save as PDF, in French…</translation>
    </message>
    <message>
        <source>Enregistrer en PDF, en anglais…</source>
        <translation>Save as PDF, in English…</translation>
    </message>
    <message>
        <source>Enregistrer le document en PDF</source>
        <translation>Save the document as PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <source>Dossiers semblables</source>
        <translation>Similar files</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Naissance</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>Dernier contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>O&amp;uvrir ce dossier</source>
        <translation>Ope&amp;n this file</translation>
    </message>
    <message>
        <source>Enregistrer &amp;quand même</source>
        <translation>Save any&amp;way</translation>
    </message>
    <message>
        <source>Créer &amp;quand même</source>
        <translation>Create any&amp;way</translation>
    </message>
    <message>
        <source>&amp;Fusionner avec ce dossier…</source>
        <translation>&amp;Merge with this file…</translation>
    </message>
    <message>
        <source>nom</source>
        <translation>name</translation>
    </message>
    <message>
        <source>téléphone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message numerus="yes">
        <source>Cette personne a peut-être déjà un dossier (%n proposé(s)). Ouvrez-le plutôt que d&apos;en créer un second, ou enregistrez quand même s&apos;il s&apos;agit d&apos;une autre personne.</source>
        <translation>
            <numerusform>This person may already have a file (%n proposed). Open it rather than create a second one, or save anyway if this is someone else.</numerusform>
            <numerusform>This person may already have a file (%n proposed). Open it rather than create a second one, or save anyway if this is someone else.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EquipmentBoxes</name>
    <message>
        <source>Matériel : %1</source>
        <translation>Equipment: %1</translation>
    </message>
</context>
<context>
    <name>ErasureDialog</name>
    <message>
        <source>Effacer le dossier %1</source>
        <translation>Erase file %1</translation>
    </message>
    <message>
        <source>Pour confirmer, tapez le code du dossier (%1) :</source>
        <translation>To confirm, type the file&apos;s code (%1):</translation>
    </message>
    <message>
        <source>Code du dossier à effacer</source>
        <translation>Code of the file to erase</translation>
    </message>
    <message>
        <source>&amp;Effacer définitivement</source>
        <translation>&amp;Erase for good</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Effacer un dossier</source>
        <translation>Erase a file</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <source>CSV (séparateur ;)</source>
        <translation>CSV (semicolon separator)</translation>
    </message>
    <message>
        <source>CSV (séparateur ,)</source>
        <translation>CSV (comma separator)</translation>
    </message>
    <message>
        <source>Classeur Excel (XLSX)</source>
        <translation>Excel workbook (XLSX)</translation>
    </message>
    <message>
        <source>Rapport PDF</source>
        <translation>PDF report</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Onglets des exports</source>
        <translation>Export tabs</translation>
    </message>
    <message>
        <source>&amp;Synthèse</source>
        <translation>&amp;Summary</translation>
    </message>
    <message>
        <source>Fichier d&apos;acti&amp;vités</source>
        <translation>Acti&amp;vity file</translation>
    </message>
    <message>
        <source>&amp;Consolidation d&apos;équipe</source>
        <translation>Team &amp;consolidation</translation>
    </message>
</context>
<context>
    <name>FieldSettingsBox</name>
    <message>
        <source>Champs personnalisés</source>
        <translation>Custom fields</translation>
    </message>
    <message>
        <source>Quelques champs propres à la structure (un texte court ou une liste de choix) se remplissent dans le dossier de la personne et dans une séance ; le journal, le tableau de bord et la synthèse peuvent filtrer sur un choix (la synthèse protège alors les petits groupes). Leurs valeurs concernent la personne : elles disparaissent avec son dossier. Renommer : choisissez le champ, corrigez son nom et ses choix dans le même ordre.</source>
        <translation>A few fields of the organisation&apos;s own (a short text or a choice list) are filled in the person&apos;s file and in a session; the journal, the dashboard and the summary can filter on a choice (the summary then protects small groups). Their values are about the person: they go with the person&apos;s file. To rename: choose the field, correct its name and its choices in the same order.</translation>
    </message>
    <message>
        <source>Champs déf&amp;inis :</source>
        <translation>Def&amp;ined fields:</translation>
    </message>
    <message>
        <source>Champs personnalisés existants</source>
        <translation>Existing custom fields</translation>
    </message>
    <message>
        <source>No&amp;m du champ :</source>
        <translation>Field na&amp;me:</translation>
    </message>
    <message>
        <source>Nom du champ</source>
        <translation>Field name</translation>
    </message>
    <message>
        <source>T&amp;ype :</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <source>Type du champ</source>
        <translation>Field type</translation>
    </message>
    <message>
        <source>Texte court</source>
        <translation>Short text</translation>
    </message>
    <message>
        <source>Liste de choix</source>
        <translation>List of choices</translation>
    </message>
    <message>
        <source>Choix (séparés &amp;par « ; ») :</source>
        <translation>Choices (se&amp;parated by “;”):</translation>
    </message>
    <message>
        <source>Choix de la liste, séparés par des points-virgules</source>
        <translation>Choices of the list, separated by semicolons</translation>
    </message>
    <message>
        <source>Ajouter le champ</source>
        <translation>Add the field</translation>
    </message>
    <message>
        <source>Ajouter</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Supprimer le champ</source>
        <translation>Delete the field</translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Renommer le champ et ses choix</source>
        <translation>Rename the field and its choices</translation>
    </message>
    <message>
        <source>Renommer</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>%1 (choix : %2)</source>
        <translation>%1 (choices: %2)</translation>
    </message>
    <message>
        <source>Supprimer ce champ ? Ses valeurs seront effacées de tous les dossiers.</source>
        <translation>Delete this field? Its values will be erased from every file.</translation>
    </message>
</context>
<context>
    <name>FieldValueFilterCombo</name>
    <message>
        <source>Tous les champs</source>
        <translation>All fields</translation>
    </message>
    <message>
        <source>Champ personnalisé</source>
        <translation>Custom field</translation>
    </message>
</context>
<context>
    <name>FileFieldsBox</name>
    <message>
        <source>Champs de la structure</source>
        <translation>Organisation&apos;s fields</translation>
    </message>
    <message>
        <source>Enregistrer les champs de la structure</source>
        <translation>Save the organisation&apos;s fields</translation>
    </message>
    <message>
        <source>Enregistrer les champs</source>
        <translation>Save the fields</translation>
    </message>
    <message>
        <source>%1 :</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <source>Partenaires et transmissions</source>
        <translation>Partners and handovers</translation>
    </message>
    <message>
        <source>Annuaire des partenaires</source>
        <translation>Partner directory</translation>
    </message>
    <message>
        <source>Transmettre des dossiers</source>
        <translation>Send files</translation>
    </message>
    <message>
        <source>Recevoir des dossiers</source>
        <translation>Receive files</translation>
    </message>
    <message>
        <source>Ma clé</source>
        <translation>My key</translation>
    </message>
</context>
<context>
    <name>HeadCounts</name>
    <message>
        <source>Dont déjà &amp;accompagnés :</source>
        <translation>Of whom &amp;already supported:</translation>
    </message>
    <message>
        <source>Par genre</source>
        <translation>By gender</translation>
    </message>
    <message>
        <source>Par tranche d&apos;âge</source>
        <translation>By age band</translation>
    </message>
    <message>
        <source>Par statut</source>
        <translation>By status</translation>
    </message>
    <message>
        <source>%1 :</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>%1 : %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Participants au total : %1 (suivis : %2, anonymes : %3)</source>
        <translation>Participants in all: %1 (tracked: %2, anonymous: %3)</translation>
    </message>
    <message>
        <source>%1 de plus que le total</source>
        <translation>%1 more than the total</translation>
    </message>
    <message>
        <source>Participants anonymes (en plus des suivis)</source>
        <translation>Anonymous participants (in addition to the tracked ones)</translation>
    </message>
    <message>
        <source>Anonymes au t&amp;otal (sans les suivis) :</source>
        <translation>Anonymous in t&amp;otal (tracked ones excluded):</translation>
    </message>
    <message>
        <source>Non répartis : %1, comptés « Non communiqué »</source>
        <translation>Not assigned: %1, counted as “Not stated”</translation>
    </message>
    <message>
        <source>Tous répartis</source>
        <translation>All assigned</translation>
    </message>
</context>
<context>
    <name>IdentityGate</name>
    <message>
        <source>Identité conservée au titre de : %1 (personne informée le %2).</source>
        <translation>Identity kept on the basis of: %1 (person informed on %2).</translation>
    </message>
    <message>
        <source>La date d&apos;information n&apos;est pas une date valide.</source>
        <translation>The information date is not a valid date.</translation>
    </message>
    <message>
        <source>La date d&apos;information ne peut pas être dans le futur.</source>
        <translation>The information date cannot be in the future.</translation>
    </message>
    <message>
        <source>Sans base légale, seules des données statistiques sont conservées : l&apos;identité et les notes restent fermées. Choisissez une base légale et indiquez quand la personne a été informée pour les saisir.</source>
        <translation>Without a legal basis, only statistical data is kept: identity and notes stay closed. Choose a legal basis and say when the person was informed to enter them.</translation>
    </message>
    <message>
        <source>Indiquez la date à laquelle la personne a été informée du traitement de ses données : l&apos;identité et les notes s&apos;ouvrent ensuite.</source>
        <translation>Give the date the person was informed of how their data is processed: identity and notes open then.</translation>
    </message>
    <message>
        <source>L&apos;identité et les notes saisies ne seront pas conservées.</source>
        <translation>The identity and notes typed will not be kept.</translation>
    </message>
</context>
<context>
    <name>ImportMatches</name>
    <message>
        <source>Personne du fichier</source>
        <translation>Person in the file</translation>
    </message>
    <message>
        <source>Lignes</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>Dossier existant</source>
        <translation>Existing file</translation>
    </message>
    <message>
        <source>Reconnue par</source>
        <translation>Recognised by</translation>
    </message>
    <message>
        <source>Suite</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Personnes reconnues</source>
        <translation>People recognised</translation>
    </message>
    <message>
        <source>Si une personne au rapprochement incertain est bien celle du dossier existant, fusionnez les deux dossiers.</source>
        <translation>If a person with an uncertain match is indeed the person of the existing file, merge the two files.</translation>
    </message>
    <message>
        <source>F&amp;usionner…</source>
        <translation>&amp;Merge…</translation>
    </message>
    <message>
        <source>Fusionner avec le dossier existant</source>
        <translation>Merge with the existing file</translation>
    </message>
    <message numerus="yes">
        <source>Personnes reconnues dans des dossiers existants (%n incertaine(s)) :</source>
        <translation>
            <numerusform>People recognised in existing files (%n uncertain):</numerusform>
            <numerusform>People recognised in existing files (%n uncertain):</numerusform>
        </translation>
    </message>
    <message>
        <source>code du dossier</source>
        <translation>file code</translation>
    </message>
    <message>
        <source>nom</source>
        <translation>name</translation>
    </message>
    <message>
        <source>téléphone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>Rattachée au dossier existant</source>
        <translation>Linked to the existing file</translation>
    </message>
    <message>
        <source>Fusionnée dans le dossier %1</source>
        <translation>Merged into file %1</translation>
    </message>
    <message>
        <source>Incertain : nouveau dossier %1, à fusionner si c’est la même personne</source>
        <translation>Uncertain: new file %1, to merge if it is the same person</translation>
    </message>
    <message>
        <source>Incertain : séances importées sans identité</source>
        <translation>Uncertain: sessions imported without identity</translation>
    </message>
    <message>
        <source>Incertain : un nouveau dossier sera créé ; vous pourrez le fusionner après l’import</source>
        <translation>Uncertain: a new file will be created; you can merge it after the import</translation>
    </message>
</context>
<context>
    <name>ImportProblemsModel</name>
    <message>
        <source>Ligne</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Colonne</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Valeur lue</source>
        <translation>Value read</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Importer « %1 »</source>
        <translation>Import “%1”</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Vérifier le fichier</source>
        <translation>&amp;Check the file</translation>
    </message>
    <message>
        <source>Vérifier le fichier sans rien enregistrer</source>
        <translation>Check the file without saving anything</translation>
    </message>
    <message>
        <source>Résultat de la vérification</source>
        <translation>Result of the check</translation>
    </message>
    <message>
        <source>Avancement</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>&amp;Arrêter</source>
        <translation>&amp;Stop</translation>
    </message>
    <message>
        <source>Arrêter la vérification</source>
        <translation>Stop the check</translation>
    </message>
    <message>
        <source>Valeurs hors des listes : que faire ?</source>
        <translation>Values outside the lists: what to do?</translation>
    </message>
    <message>
        <source>Champ</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Valeur</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Lignes</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>Choix</source>
        <translation>Choice</translation>
    </message>
    <message>
        <source>Valeurs hors des listes</source>
        <translation>Values outside the lists</translation>
    </message>
    <message>
        <source>Lignes refusées :</source>
        <translation>Rejected rows:</translation>
    </message>
    <message>
        <source>Lignes refusées</source>
        <translation>Rejected rows</translation>
    </message>
    <message>
        <source>&amp;Retour aux colonnes</source>
        <translation>&amp;Back to the columns</translation>
    </message>
    <message>
        <source>Vérifier à &amp;nouveau</source>
        <translation>Check &amp;again</translation>
    </message>
    <message>
        <source>Vérifier à nouveau avec ces choix</source>
        <translation>Check again with these choices</translation>
    </message>
    <message>
        <source>&amp;Enregistrer les lignes refusées…</source>
        <translation>&amp;Save the rejected rows…</translation>
    </message>
    <message>
        <source>&amp;Importer</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Importer les lignes prêtes</source>
        <translation>Import the rows that are ready</translation>
    </message>
    <message>
        <source>Résultat de l’import</source>
        <translation>Result of the import</translation>
    </message>
    <message>
        <source>&amp;Annuler cet import</source>
        <translation>&amp;Undo this import</translation>
    </message>
    <message>
        <source>Annuler tout cet import</source>
        <translation>Undo this whole import</translation>
    </message>
    <message>
        <source>Vérification en cours…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>%1 ligne(s) lues : %2 prête(s), %3 refusée(s), %4 écartée(s), %5 déjà enregistrée(s). Personnes : %6 reconnue(s) dans des dossiers existants, %7 dossier(s) à créer, %8 ligne(s) sans identité (base légale manquante).</source>
        <translation>%1 row(s) read: %2 ready, %3 rejected, %4 left out, %5 already recorded. People: %6 recognised in existing files, %7 file(s) to create, %8 row(s) without identity (legal basis missing).</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Importer %n ligne(s)</source>
        <translation>
            <numerusform>&amp;Import %n row</numerusform>
            <numerusform>&amp;Import %n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>Laisser la ligne refusée</source>
        <translation>Leave the row rejected</translation>
    </message>
    <message>
        <source>Non communiqué</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Ignorer la ligne</source>
        <translation>Leave the row out</translation>
    </message>
    <message>
        <source>Associer à la démarche « %1 »</source>
        <translation>Map to the procedure “%1”</translation>
    </message>
    <message>
        <source>Associer à « %1 »</source>
        <translation>Map to “%1”</translation>
    </message>
    <message>
        <source>Choix pour la valeur « %1 »</source>
        <translation>Choice for the value “%1”</translation>
    </message>
    <message>
        <source>Fichiers CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Import enregistré : %1 activité(s), %2 dossier(s) créé(s). Vous pouvez l’annuler tant qu’aucun autre import n’a été fait.</source>
        <translation>Import saved: %1 activity(ies), %2 file(s) created. You can undo it as long as no other import was made.</translation>
    </message>
    <message>
        <source>Import annulé : %1 activité(s) et %2 dossier(s) retirés.</source>
        <translation>Import undone: %1 activity(ies) and %2 file(s) removed.</translation>
    </message>
    <message>
        <source>Bénéficiaires (*.xlsx *.ods *.csv *.txt)</source>
        <translation>Beneficiaries (*.xlsx *.ods *.csv *.txt)</translation>
    </message>
    <message>
        <source>Importer un tableur</source>
        <translation>Import a spreadsheet</translation>
    </message>
    <message>
        <source>Activités (*.xlsx *.ods *.csv *.txt)</source>
        <translation>Activities (*.xlsx *.ods *.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>JournalActions</name>
    <message>
        <source>&amp;Nouvelle activité</source>
        <translation>&amp;New session</translation>
    </message>
    <message>
        <source>Nouvel a&amp;telier</source>
        <translation>New &amp;workshop</translation>
    </message>
    <message>
        <source>&amp;Modifier</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>D&amp;upliquer</source>
        <translation>D&amp;uplicate</translation>
    </message>
    <message>
        <source>&amp;Supprimer</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Annuler la suppression</source>
        <translation>Undo the deletion</translation>
    </message>
    <message>
        <source>Ctrl+Maj+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Entrée</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Suppr</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Supprimer l&apos;activité</source>
        <translation>Delete the session</translation>
    </message>
    <message>
        <source>Supprimer cette activité ?
%1

Vous pourrez annuler pendant quelques secondes.</source>
        <translation>Delete this session?
%1

You can undo it for a few seconds.</translation>
    </message>
    <message>
        <source>Activité du %1 supprimée.</source>
        <translation>Session of %1 deleted.</translation>
    </message>
</context>
<context>
    <name>JournalFilters</name>
    <message>
        <source>Toutes les dates</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>Ce mois-ci</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Le mois dernier</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Les 90 derniers jours</source>
        <translation>The last 90 days</translation>
    </message>
    <message>
        <source>Cette année</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Période choisie…</source>
        <translation>Chosen period…</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Individuel</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>Collectif</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Tous les thèmes</source>
        <translation>All themes</translation>
    </message>
    <message>
        <source>Tous les lieux</source>
        <translation>All places</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Tous — tapez un code, un nom, un téléphone</source>
        <translation>Everybody — type a code, a name, a phone</translation>
    </message>
    <message>
        <source>décroissant</source>
        <translation>descending</translation>
    </message>
    <message>
        <source>croissant</source>
        <translation>ascending</translation>
    </message>
    <message>
        <source>Effacer les filtres</source>
        <translation>Clear the filters</translation>
    </message>
    <message>
        <source>&amp;Période :</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>Du :</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>Au :</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>&amp;Trier par :</source>
        <translation>&amp;Sort by:</translation>
    </message>
    <message>
        <source>T&amp;ype :</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>T&amp;hème :</source>
        <translation>T&amp;heme:</translation>
    </message>
    <message>
        <source>&amp;Lieu :</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <source>&amp;Autonomie :</source>
        <translation>&amp;Autonomy:</translation>
    </message>
    <message>
        <source>&amp;Bénéficiaire :</source>
        <translation>&amp;Beneficiary:</translation>
    </message>
    <message>
        <source>Éti&amp;quette :</source>
        <translation>Ta&amp;g:</translation>
    </message>
    <message>
        <source>&amp;Champ :</source>
        <translation>&amp;Custom field:</translation>
    </message>
    <message>
        <source>Période : du</source>
        <translation>Period: from</translation>
    </message>
    <message>
        <source>Période : au</source>
        <translation>Period: to</translation>
    </message>
</context>
<context>
    <name>JournalTab</name>
    <message numerus="yes">
        <source>%n événement(s) affiché(s)</source>
        <translation>
            <numerusform>%n event shown</numerusform>
            <numerusform>%n events shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Intégrité vérifiée : le fichier du coffre est sain et le journal est intact (%n événement(s) vérifié(s)).</source>
        <translation>
            <numerusform>Integrity verified: the vault file is sound and the journal is intact (%n event verified).</numerusform>
            <numerusform>Integrity verified: the vault file is sound and the journal is intact (%n events verified).</numerusform>
        </translation>
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
        <source>Une ligne par activité. Entrée : modifier ; Suppr : supprimer ; Ctrl+D : dupliquer.</source>
        <translation>One row per session. Enter: edit; Del: delete; Ctrl+D: duplicate.</translation>
    </message>
    <message>
        <source>Annuler la suppression</source>
        <translation>Undo the deletion</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Annuler la suppression (Ctrl+Z)</source>
        <translation>Undo the deletion (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Aucune activité pour ces filtres</source>
        <translation>No session for these filters</translation>
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
        <source>Confidentialité</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Avertissement</source>
        <translation>Warning</translation>
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
        <source>C&amp;hanger de profil…</source>
        <translation>C&amp;hange profile…</translation>
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
    <message>
        <source>Conservation</source>
        <translation>Retention</translation>
    </message>
    <message>
        <source>Sauvegardes</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>%1 (page « %2 »)</source>
        <translation>%1 (“%2” page)</translation>
    </message>
    <message>
        <source>&amp;Importer un tableur…</source>
        <translation>&amp;Import a spreadsheet…</translation>
    </message>
    <message>
        <source>Partenaires</source>
        <translation>Partners</translation>
    </message>
</context>
<context>
    <name>MandatePanel</name>
    <message>
        <source>Mandats</source>
        <translation>Mandates</translation>
    </message>
    <message>
        <source>Nouveau mandat</source>
        <translation>New mandate</translation>
    </message>
    <message>
        <source>&amp;Durée :</source>
        <translation>&amp;Duration:</translation>
    </message>
    <message>
        <source>&amp;Forme de l&apos;accord :</source>
        <translation>&amp;Form of agreement:</translation>
    </message>
    <message>
        <source>&amp;Créer le mandat…</source>
        <translation>&amp;Create the mandate…</translation>
    </message>
    <message>
        <source>Démarches couvertes :</source>
        <translation>Procedures covered:</translation>
    </message>
    <message>
        <source>Mandat ou démarche</source>
        <translation>Mandate or procedure</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Mandats et démarches</source>
        <translation>Mandates and procedures</translation>
    </message>
    <message>
        <source>&amp;Mandats de la personne :</source>
        <translation>The person&apos;s &amp;mandates:</translation>
    </message>
    <message>
        <source>Révoquer la &amp;démarche…</source>
        <translation>Revoke the &amp;procedure…</translation>
    </message>
    <message>
        <source>Révoquer &amp;tout le mandat…</source>
        <translation>Revoke the &amp;whole mandate…</translation>
    </message>
    <message>
        <source>Re&amp;nouveler…</source>
        <translation>Re&amp;new…</translation>
    </message>
    <message>
        <source>Attestation</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Attestation du mandat choisi</source>
        <translation>Certificate of the chosen mandate</translation>
    </message>
    <message>
        <source>Reçu de révocation</source>
        <translation>Revocation receipt</translation>
    </message>
    <message>
        <source>Reçu de révocation de la démarche ou du mandat</source>
        <translation>Receipt of the revocation of the procedure or mandate</translation>
    </message>
    <message>
        <source>&amp;Vérifier une démarche :</source>
        <translation>&amp;Check a procedure:</translation>
    </message>
    <message>
        <source>Puis-je a&amp;gir ?</source>
        <translation>May I a&amp;ct?</translation>
    </message>
    <message>
        <source>Puis-je agir pour cette démarche ?</source>
        <translation>May I act for this procedure?</translation>
    </message>
    <message>
        <source>En vigueur</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>Pas encore commencé</source>
        <translation>Not started yet</translation>
    </message>
    <message>
        <source>Expiré</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Révoqué</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Remplacé (renouvelé)</source>
        <translation>Replaced (renewed)</translation>
    </message>
    <message>
        <source>Consentement retiré</source>
        <translation>Consent withdrawn</translation>
    </message>
    <message>
        <source>Utilisable</source>
        <translation>Usable</translation>
    </message>
    <message>
        <source>Révoquée le %1</source>
        <translation>Revoked on %1</translation>
    </message>
    <message>
        <source>Du %1 au %2 (%3)</source>
        <translation>From %1 to %2 (%3)</translation>
    </message>
    <message>
        <source>Créer un mandat de %1 pour : %2 ?
La personne a donné son accord (%3).</source>
        <translation>Create a mandate of %1 for: %2?
The person has agreed (%3).</translation>
    </message>
    <message>
        <source>Mandat créé. Remettez l&apos;attestation à la personne.</source>
        <translation>Mandate created. Give the certificate to the person.</translation>
    </message>
    <message>
        <source>Révoquer une démarche</source>
        <translation>Revoke a procedure</translation>
    </message>
    <message>
        <source>Révoquer le mandat pour « %1 » ? Les autres démarches restent couvertes.</source>
        <translation>Revoke the mandate for “%1”? The other procedures stay covered.</translation>
    </message>
    <message>
        <source>Démarche révoquée : %1.</source>
        <translation>Procedure revoked: %1.</translation>
    </message>
    <message>
        <source>Révoquer le mandat</source>
        <translation>Revoke the mandate</translation>
    </message>
    <message>
        <source>Révoquer tout le mandat, pour toutes ses démarches ?</source>
        <translation>Revoke the whole mandate, for all its procedures?</translation>
    </message>
    <message>
        <source>Mandat révoqué.</source>
        <translation>Mandate revoked.</translation>
    </message>
    <message>
        <source>Renouveler le mandat</source>
        <translation>Renew the mandate</translation>
    </message>
    <message>
        <source>Renouveler ce mandat à partir d&apos;aujourd&apos;hui, pour %1, avec ses démarches encore valables ?</source>
        <translation>Renew this mandate from today, for %1, with its procedures still valid?</translation>
    </message>
    <message>
        <source>Mandat renouvelé.</source>
        <translation>Mandate renewed.</translation>
    </message>
    <message>
        <source>Vous pouvez agir pour « %1 ».</source>
        <translation>You may act for “%1”.</translation>
    </message>
    <message>
        <source>Brouillon repris : vérifiez les démarches, puis créez le mandat.</source>
        <translation>Draft taken up again: check the procedures, then create the mandate.</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <source>Pour chaque colonne du fichier, choisissez le champ d’accomp qu’elle contient. Les choix sont gardés pour les fichiers de même présentation.</source>
        <translation>For each column of the file, choose the accomp field it holds. The choices are kept for files laid out the same way.</translation>
    </message>
    <message>
        <source>Colonne du fichier</source>
        <translation>Column of the file</translation>
    </message>
    <message>
        <source>Champ d’accomp</source>
        <translation>accomp field</translation>
    </message>
    <message>
        <source>(colonne %1 sans titre)</source>
        <translation>(column %1 without a title)</translation>
    </message>
    <message>
        <source>— ne pas importer —</source>
        <translation>— do not import —</translation>
    </message>
    <message>
        <source>Champ pour la colonne « %1 »</source>
        <translation>Field for the column “%1”</translation>
    </message>
    <message>
        <source>Personnes identifiées</source>
        <translation>Identified people</translation>
    </message>
    <message>
        <source>Un dossier nominatif demande une base légale et la date d’information de la personne. Sans elles, les lignes sont importées sans identité.</source>
        <translation>A named file needs a legal basis and the date the person was informed. Without them, the rows are imported without identity.</translation>
    </message>
    <message>
        <source>Aucune : importer sans identité</source>
        <translation>None: import without identity</translation>
    </message>
    <message>
        <source>Base légale pour tout le fichier</source>
        <translation>Legal basis for the whole file</translation>
    </message>
    <message>
        <source>&amp;Base légale :</source>
        <translation>Legal &amp;basis:</translation>
    </message>
    <message>
        <source>Date d’information des personnes</source>
        <translation>Date the people were informed</translation>
    </message>
    <message>
        <source>&amp;Informées le :</source>
        <translation>&amp;Informed on:</translation>
    </message>
    <message>
        <source>&amp;Garder ces correspondances pour ce type de fichier</source>
        <translation>&amp;Keep these choices for this kind of file</translation>
    </message>
    <message>
        <source>Garder les correspondances</source>
        <translation>Keep the choices</translation>
    </message>
</context>
<context>
    <name>MergeActions</name>
    <message>
        <source>Fusionner les deux dossiers sélectionnés</source>
        <translation>Merge the two selected files</translation>
    </message>
    <message>
        <source>Annuler la dernière fusion</source>
        <translation>Undo the last merge</translation>
    </message>
    <message>
        <source>F&amp;usionner…</source>
        <translation>Mer&amp;ge…</translation>
    </message>
    <message>
        <source>Sélectionnez deux dossiers (Ctrl+clic ou Maj+flèches), puis fusionnez-les (%1)</source>
        <translation>Select two files (Ctrl+click or Shift+arrows), then merge them (%1)</translation>
    </message>
    <message>
        <source>Annuler la &amp;fusion</source>
        <translation>&amp;Undo merge</translation>
    </message>
    <message>
        <source>Séparer de nouveau les dossiers %1 et %2, comme avant la fusion ?</source>
        <translation>Separate files %1 and %2 again, as they were before the merge?</translation>
    </message>
</context>
<context>
    <name>MergeFilesDialog</name>
    <message>
        <source>Fusionner deux dossiers</source>
        <translation>Merge two files</translation>
    </message>
    <message>
        <source>Fusionner deux dossiers de la même personne</source>
        <translation>Merge two files of the same person</translation>
    </message>
    <message>
        <source>Dossier conservé</source>
        <translation>File kept</translation>
    </message>
    <message>
        <source>Conserver le dossier %1</source>
        <translation>Keep file %1</translation>
    </message>
    <message>
        <source>Valeur conservée pour chaque champ</source>
        <translation>Value kept for each field</translation>
    </message>
    <message>
        <source>Consentements</source>
        <translation>Consents</translation>
    </message>
    <message>
        <source>Le dossier absorbé est anonymisé ; son code reste valable et désigne le dossier conservé (reçus et attestations déjà imprimés). La fusion peut être annulée jusqu&apos;à la suivante.</source>
        <translation>The absorbed file is anonymised; its code remains valid and designates the file kept (receipts and attestations already printed). The merge can be undone until the next one.</translation>
    </message>
    <message>
        <source>&amp;Fusionner</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Conservé : %1</source>
        <translation>Kept: %1</translation>
    </message>
    <message>
        <source>Absorbé : %1</source>
        <translation>Absorbed: %1</translation>
    </message>
    <message>
        <source>%1 du dossier %2</source>
        <translation>%1 of file %2</translation>
    </message>
    <message numerus="yes">
        <source>Rattachés au dossier conservé : %n séance(s), </source>
        <translation>
            <numerusform>Moved to the file kept: %n session, </numerusform>
            <numerusform>Moved to the file kept: %n sessions, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n atelier(s), </source>
        <translation>
            <numerusform>%n workshop, </numerusform>
            <numerusform>%n workshops, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n consentement(s), </source>
        <translation>
            <numerusform>%n consent, </numerusform>
            <numerusform>%n consents, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mandat(s).</source>
        <translation>
            <numerusform>%n mandate.</numerusform>
            <numerusform>%n mandates.</numerusform>
        </translation>
    </message>
    <message>
        <source>Aucun consentement ne change : ceux du dossier conservé s&apos;appliquent.</source>
        <translation>No consent changes: those of the file kept apply.</translation>
    </message>
</context>
<context>
    <name>ParticipantsPicker</name>
    <message>
        <source>Participants ajoutés</source>
        <translation>Participants added</translation>
    </message>
    <message>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Retirer le participant choisi</source>
        <translation>Remove the chosen participant</translation>
    </message>
</context>
<context>
    <name>PartnerDirectoryPage</name>
    <message>
        <source>Partenaires</source>
        <translation>Partners</translation>
    </message>
    <message>
        <source>(non précisé)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>&amp;Nouveau</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Supprimer</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>&amp;Importer un CSV…</source>
        <translation>&amp;Import a CSV…</translation>
    </message>
    <message>
        <source>E&amp;xporter en CSV…</source>
        <translation>E&amp;xport as CSV…</translation>
    </message>
    <message>
        <source>No&amp;m :</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>&amp;Type de structure :</source>
        <translation>&amp;Type of organisation:</translation>
    </message>
    <message>
        <source>&amp;Adresse :</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;Horaires :</source>
        <translation>Opening &amp;hours:</translation>
    </message>
    <message>
        <source>Télé&amp;phone :</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>Th&amp;èmes traités :</source>
        <translation>Th&amp;emes handled:</translation>
    </message>
    <message>
        <source>Personne à &amp;contacter :</source>
        <translation>&amp;Contact person:</translation>
    </message>
    <message>
        <source>N&amp;otes :</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <source>Partenaire enregistré.</source>
        <translation>Partner saved.</translation>
    </message>
    <message>
        <source>Importer un annuaire</source>
        <translation>Import a directory</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 ajouté(s), %2 déjà présent(s).</source>
        <translation>%1 added, %2 already there.</translation>
    </message>
    <message>
        <source>Exporter l&apos;annuaire</source>
        <translation>Export the directory</translation>
    </message>
    <message>
        <source>Annuaire exporté.</source>
        <translation>Directory exported.</translation>
    </message>
</context>
<context>
    <name>PastExports</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Contenu</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Empreinte SHA-256</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>E&amp;xports passés (journal) :</source>
        <translation>Past e&amp;xports (journal):</translation>
    </message>
    <message>
        <source>Synthèse</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Fichier d&apos;activités</source>
        <translation>Activity file</translation>
    </message>
    <message>
        <source>Consolidation d&apos;équipe</source>
        <translation>Team consolidation</translation>
    </message>
</context>
<context>
    <name>PersonPanels</name>
    <message>
        <source>Consentements et mandats</source>
        <translation>Consents and mandates</translation>
    </message>
    <message>
        <source>Consentements</source>
        <translation>Consents</translation>
    </message>
    <message>
        <source>Mandats</source>
        <translation>Mandates</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Séance enregistrée</source>
        <translation>Session logged</translation>
    </message>
    <message>
        <source>Séance modifiée</source>
        <translation>Session edited</translation>
    </message>
    <message>
        <source>Séance supprimée</source>
        <translation>Session deleted</translation>
    </message>
    <message>
        <source>Dossier créé</source>
        <translation>File created</translation>
    </message>
    <message>
        <source>Dossier modifié</source>
        <translation>File edited</translation>
    </message>
    <message>
        <source>Dossier ouvert</source>
        <translation>File opened</translation>
    </message>
    <message>
        <source>Deux dossiers fusionnés</source>
        <translation>Two files merged</translation>
    </message>
    <message>
        <source>Fusion de dossiers annulée</source>
        <translation>Merge of files undone</translation>
    </message>
    <message>
        <source>Personne informée</source>
        <translation>Person informed</translation>
    </message>
    <message>
        <source>Consentement recueilli</source>
        <translation>Consent given</translation>
    </message>
    <message>
        <source>Consentement renouvelé</source>
        <translation>Consent renewed</translation>
    </message>
    <message>
        <source>Consentement retiré</source>
        <translation>Consent withdrawn</translation>
    </message>
    <message>
        <source>Consentement arrivé à échéance</source>
        <translation>Consent expired</translation>
    </message>
    <message>
        <source>Base légale du dossier enregistrée</source>
        <translation>Legal basis of the file recorded</translation>
    </message>
    <message>
        <source>Données transmises à un partenaire, avec consentement</source>
        <translation>Data passed on to a partner, with consent</translation>
    </message>
    <message>
        <source>Mandat enregistré</source>
        <translation>Mandate recorded</translation>
    </message>
    <message>
        <source>Mandat renouvelé</source>
        <translation>Mandate renewed</translation>
    </message>
    <message>
        <source>Mandat révoqué</source>
        <translation>Mandate revoked</translation>
    </message>
    <message>
        <source>Démarche retirée d&apos;un mandat</source>
        <translation>Procedure removed from a mandate</translation>
    </message>
    <message>
        <source>Démarche faite sous mandat</source>
        <translation>Procedure carried out under mandate</translation>
    </message>
    <message>
        <source>Rendez-vous prévu</source>
        <translation>Appointment planned</translation>
    </message>
    <message>
        <source>Rendez-vous honoré</source>
        <translation>Appointment attended</translation>
    </message>
    <message>
        <source>Rendez-vous manqué</source>
        <translation>Appointment missed</translation>
    </message>
    <message>
        <source>Rendez-vous annulé</source>
        <translation>Appointment cancelled</translation>
    </message>
    <message>
        <source>Rendez-vous exportés vers un agenda</source>
        <translation>Appointments exported to a calendar</translation>
    </message>
    <message>
        <source>Document enregistré en PDF</source>
        <translation>Document saved as PDF</translation>
    </message>
    <message>
        <source>Document imprimé</source>
        <translation>Document printed</translation>
    </message>
    <message>
        <source>Copie des informations remise (droit d&apos;accès)</source>
        <translation>Copy of the information handed over (right of access)</translation>
    </message>
    <message>
        <source>Dossier corrigé (droit de rectification)</source>
        <translation>File corrected (right to rectification)</translation>
    </message>
    <message>
        <source>Informations effacées (droit à l&apos;effacement)</source>
        <translation>Information erased (right to erasure)</translation>
    </message>
    <message>
        <source>Durée de conservation modifiée</source>
        <translation>Retention period changed</translation>
    </message>
    <message>
        <source>Dossier anonymisé (durée de conservation dépassée)</source>
        <translation>File anonymised (retention period over)</translation>
    </message>
    <message>
        <source>Notes effacées (durée de conservation dépassée)</source>
        <translation>Notes erased (retention period over)</translation>
    </message>
    <message>
        <source>Traces d&apos;export effacées (durée de conservation dépassée)</source>
        <translation>Export records erased (retention period over)</translation>
    </message>
    <message>
        <source>Anciens événements du journal remplacés par un point de contrôle</source>
        <translation>Old journal events replaced by a checkpoint</translation>
    </message>
    <message>
        <source>Sauvegarde écrite</source>
        <translation>Backup written</translation>
    </message>
    <message>
        <source>Sauvegarde restaurée</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>Nombre de sauvegardes conservées modifié</source>
        <translation>Number of backups kept changed</translation>
    </message>
    <message>
        <source>Synthèse exportée</source>
        <translation>Summary exported</translation>
    </message>
    <message>
        <source>Fichier d&apos;activités exporté</source>
        <translation>Activity file exported</translation>
    </message>
    <message>
        <source>Consolidation d&apos;équipe exportée</source>
        <translation>Team consolidation exported</translation>
    </message>
    <message>
        <source>Registre des traitements écrit</source>
        <translation>Processing register written</translation>
    </message>
    <message>
        <source>Secret de structure créé</source>
        <translation>Structure secret created</translation>
    </message>
    <message>
        <source>Secret de structure exporté</source>
        <translation>Structure secret exported</translation>
    </message>
    <message>
        <source>Secret de structure importé</source>
        <translation>Structure secret imported</translation>
    </message>
    <message>
        <source>Coffre créé</source>
        <translation>Vault created</translation>
    </message>
    <message>
        <source>Phrase de passe changée</source>
        <translation>Passphrase changed</translation>
    </message>
    <message>
        <source>Nom de la structure modifié</source>
        <translation>Organisation name changed</translation>
    </message>
    <message>
        <source>Étiquette créée</source>
        <translation>Tag created</translation>
    </message>
    <message>
        <source>Étiquette renommée</source>
        <translation>Tag renamed</translation>
    </message>
    <message>
        <source>Étiquette supprimée</source>
        <translation>Tag deleted</translation>
    </message>
    <message>
        <source>Étiquettes d&apos;une séance modifiées</source>
        <translation>Tags of a session changed</translation>
    </message>
    <message>
        <source>Étiquettes d&apos;un dossier modifiées</source>
        <translation>Tags of a file changed</translation>
    </message>
    <message>
        <source>Champ personnalisé créé</source>
        <translation>Custom field created</translation>
    </message>
    <message>
        <source>Champ personnalisé supprimé</source>
        <translation>Custom field deleted</translation>
    </message>
    <message>
        <source>Champ personnalisé renommé</source>
        <translation>Custom field renamed</translation>
    </message>
    <message>
        <source>Champs personnalisés d&apos;une séance modifiés</source>
        <translation>Custom fields of a session changed</translation>
    </message>
    <message>
        <source>Champs personnalisés d&apos;un dossier modifiés</source>
        <translation>Custom fields of a file changed</translation>
    </message>
    <message>
        <source>Compétences notées à une séance (passeport)</source>
        <translation>Competences noted at a session (passport)</translation>
    </message>
    <message>
        <source>Données de démonstration créées</source>
        <translation>Demo data created</translation>
    </message>
    <message>
        <source>Clé de transmission du coffre créée</source>
        <translation>Vault&apos;s transfer key created</translation>
    </message>
    <message>
        <source>Clé publique de transmission enregistrée</source>
        <translation>Public transfer key saved</translation>
    </message>
    <message>
        <source>Clé d&apos;un collègue enregistrée</source>
        <translation>A colleague&apos;s key recorded</translation>
    </message>
    <message>
        <source>Dossiers transmis à un collègue</source>
        <translation>Files passed to a colleague</translation>
    </message>
    <message>
        <source>Dossiers reçus d&apos;un collègue</source>
        <translation>Files received from a colleague</translation>
    </message>
    <message>
        <source>Dossier transmis anonymisé</source>
        <translation>Transferred file anonymised</translation>
    </message>
    <message>
        <source>Partenaire enregistré</source>
        <translation>Partner saved</translation>
    </message>
    <message>
        <source>Partenaire supprimé</source>
        <translation>Partner deleted</translation>
    </message>
    <message>
        <source>Annuaire des partenaires importé</source>
        <translation>Partner directory imported</translation>
    </message>
    <message>
        <source>Annuaire des partenaires exporté</source>
        <translation>Partner directory exported</translation>
    </message>
    <message>
        <source>Orientation reliée à un partenaire</source>
        <translation>Referral linked to a partner</translation>
    </message>
    <message>
        <source>Fiche d&apos;orientation enregistrée</source>
        <translation>Referral slip saved</translation>
    </message>
    <message>
        <source>Dossiers : %1</source>
        <translation>Files: %1</translation>
    </message>
    <message>
        <source>Champs : %1</source>
        <translation>Fields: %1</translation>
    </message>
    <message>
        <source>Étiquettes (n°) : %1</source>
        <translation>Tags (no.): %1</translation>
    </message>
    <message>
        <source>Champs personnalisés (n°) : %1</source>
        <translation>Custom fields (no.): %1</translation>
    </message>
    <message>
        <source>Compétences DigComp : %1</source>
        <translation>DigComp competences: %1</translation>
    </message>
    <message>
        <source>Finalité : %1</source>
        <translation>Purpose: %1</translation>
    </message>
    <message>
        <source>Recueil : %1</source>
        <translation>Collected by: %1</translation>
    </message>
    <message>
        <source>Base légale : %1</source>
        <translation>Legal basis: %1</translation>
    </message>
    <message>
        <source>Notice : version %1</source>
        <translation>Notice: version %1</translation>
    </message>
    <message>
        <source>Valable jusqu&apos;au %1</source>
        <translation>Valid until %1</translation>
    </message>
    <message>
        <source>Mandat n° %1</source>
        <translation>Mandate no. %1</translation>
    </message>
    <message>
        <source>Rendez-vous n° %1</source>
        <translation>Appointment no. %1</translation>
    </message>
    <message>
        <source>Avec le nom : %1</source>
        <translation>With the name: %1</translation>
    </message>
    <message>
        <source>Renouvelle le mandat n° %1</source>
        <translation>Renews mandate no. %1</translation>
    </message>
    <message>
        <source>Démarche : %1</source>
        <translation>Procedure: %1</translation>
    </message>
    <message>
        <source>Démarches : %1</source>
        <translation>Procedures: %1</translation>
    </message>
    <message>
        <source>Durée : %1</source>
        <translation>Duration: %1</translation>
    </message>
    <message>
        <source>Début : %1</source>
        <translation>Start: %1</translation>
    </message>
    <message>
        <source>Fin : %1</source>
        <translation>End: %1</translation>
    </message>
    <message>
        <source>Motif : %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>Document : %1</source>
        <translation>Document: %1</translation>
    </message>
    <message>
        <source>Notes de séances : %1</source>
        <translation>Session notes: %1</translation>
    </message>
    <message>
        <source>Mandats : %1</source>
        <translation>Mandates: %1</translation>
    </message>
    <message>
        <source>Corrections : %1</source>
        <translation>Corrections: %1</translation>
    </message>
    <message>
        <source>Données : %1</source>
        <translation>Data: %1</translation>
    </message>
    <message>
        <source>Durée : %1 mois</source>
        <translation>Period: %1 months</translation>
    </message>
    <message>
        <source>Notes effacées : %1</source>
        <translation>Notes erased: %1</translation>
    </message>
    <message>
        <source>Traces d&apos;export effacées : %1</source>
        <translation>Export records erased: %1</translation>
    </message>
    <message>
        <source>Événements : %1</source>
        <translation>Events: %1</translation>
    </message>
    <message>
        <source>Premier : n° %1</source>
        <translation>First: no. %1</translation>
    </message>
    <message>
        <source>Dernier : n° %1</source>
        <translation>Last: no. %1</translation>
    </message>
    <message>
        <source>Traces d&apos;export gardées : %1</source>
        <translation>Export records kept: %1</translation>
    </message>
    <message>
        <source>Sauvegardes conservées : %1</source>
        <translation>Backups kept: %1</translation>
    </message>
    <message>
        <source>Fichier : %1</source>
        <translation>File name: %1</translation>
    </message>
    <message>
        <source>Copie externe : %1</source>
        <translation>External copy: %1</translation>
    </message>
    <message>
        <source>Format : %1</source>
        <translation>Format: %1</translation>
    </message>
    <message>
        <source>Période : %1</source>
        <translation>Period: %1</translation>
    </message>
    <message>
        <source>Seuil k : %1</source>
        <translation>Threshold k: %1</translation>
    </message>
    <message>
        <source>Filtres : %1</source>
        <translation>Filters: %1</translation>
    </message>
    <message>
        <source>Fichiers consolidés : %1</source>
        <translation>Files consolidated: %1</translation>
    </message>
    <message>
        <source>Tables : %1</source>
        <translation>Tables: %1</translation>
    </message>
    <message>
        <source>Lignes : %1</source>
        <translation>Rows: %1</translation>
    </message>
    <message>
        <source>Lignes écartées : %1</source>
        <translation>Rows left out: %1</translation>
    </message>
    <message>
        <source>Valeurs masquées : %1</source>
        <translation>Values hidden: %1</translation>
    </message>
    <message>
        <source>Part masquée par colonne : %1</source>
        <translation>Share blanked per column: %1</translation>
    </message>
    <message>
        <source>Cellules masquées : %1</source>
        <translation>Cells hidden: %1</translation>
    </message>
    <message>
        <source>Taille : %1</source>
        <translation>Size: %1</translation>
    </message>
    <message>
        <source>Structure : %1</source>
        <translation>Structure: %1</translation>
    </message>
    <message>
        <source>Structure précédente : %1</source>
        <translation>Previous structure: %1</translation>
    </message>
    <message>
        <source>Nom de la structure : %1</source>
        <translation>Organisation name: %1</translation>
    </message>
    <message>
        <source>Graine : %1</source>
        <translation>Seed: %1</translation>
    </message>
    <message>
        <source>Séances : %1</source>
        <translation>Sessions: %1</translation>
    </message>
    <message>
        <source>Ateliers : %1</source>
        <translation>Workshops: %1</translation>
    </message>
    <message>
        <source>Séances anonymes : %1</source>
        <translation>Anonymous sessions: %1</translation>
    </message>
    <message>
        <source>Empreinte : %1</source>
        <translation>Fingerprint: %1</translation>
    </message>
    <message>
        <source>Empreinte JSON : %1</source>
        <translation>JSON fingerprint: %1</translation>
    </message>
    <message>
        <source>Empreinte PDF : %1</source>
        <translation>PDF fingerprint: %1</translation>
    </message>
    <message>
        <source>Empreinte Markdown : %1</source>
        <translation>Markdown fingerprint: %1</translation>
    </message>
    <message>
        <source>Dossier fusionné : %1</source>
        <translation>Merged file: %1</translation>
    </message>
    <message>
        <source>Déplacé : %1</source>
        <translation>Moved: %1</translation>
    </message>
    <message>
        <source>Champs repris du dossier fusionné : %1</source>
        <translation>Fields taken from the merged file: %1</translation>
    </message>
    <message>
        <source>Consentements à signaler : %1</source>
        <translation>Consents to point out: %1</translation>
    </message>
    <message>
        <source>Destinataire (empreinte) : %1</source>
        <translation>Recipient (fingerprint): %1</translation>
    </message>
    <message>
        <source>Expéditeur (empreinte) : %1</source>
        <translation>Sender (fingerprint): %1</translation>
    </message>
    <message>
        <source>Expéditeur connu : %1</source>
        <translation>Known sender: %1</translation>
    </message>
    <message>
        <source>Empreinte de clé : %1</source>
        <translation>Key fingerprint: %1</translation>
    </message>
    <message>
        <source>Codes chez l&apos;expéditeur : %1</source>
        <translation>Codes at the sender&apos;s: %1</translation>
    </message>
    <message>
        <source>Contenu : %1</source>
        <translation>Content: %1</translation>
    </message>
    <message>
        <source>Passation de portefeuille : %1</source>
        <translation>Caseload handover: %1</translation>
    </message>
    <message>
        <source>Dossiers restés : %1</source>
        <translation>Files kept: %1</translation>
    </message>
    <message>
        <source>Marqués « transféré » : %1</source>
        <translation>Marked “transferred”: %1</translation>
    </message>
    <message>
        <source>Écartés : %1</source>
        <translation>Skipped: %1</translation>
    </message>
    <message>
        <source>Ajoutés : %1</source>
        <translation>Added: %1</translation>
    </message>
    <message>
        <source>Partenaires : %1</source>
        <translation>Partners: %1</translation>
    </message>
    <message>
        <source>Partenaire n° %1</source>
        <translation>Partner no. %1</translation>
    </message>
    <message>
        <source>Séance n° %1</source>
        <translation>Session no. %1</translation>
    </message>
    <message>
        <source>Nom imprimé : %1</source>
        <translation>Name printed: %1</translation>
    </message>
    <message>
        <source>Empreinte du paquet : %1</source>
        <translation>Bundle fingerprint: %1</translation>
    </message>
    <message>
        <source>prénom</source>
        <translation>first name</translation>
    </message>
    <message>
        <source>nom</source>
        <translation>last name</translation>
    </message>
    <message>
        <source>téléphone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>année de naissance</source>
        <translation>birth year</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notes</translation>
    </message>
    <message>
        <source>genre</source>
        <translation>gender</translation>
    </message>
    <message>
        <source>tranche d&apos;âge</source>
        <translation>age band</translation>
    </message>
    <message>
        <source>situation</source>
        <translation>status</translation>
    </message>
    <message>
        <source>commune</source>
        <translation>commune</translation>
    </message>
    <message>
        <source>code postal</source>
        <translation>postcode</translation>
    </message>
    <message>
        <source>code INSEE</source>
        <translation>INSEE code</translation>
    </message>
    <message>
        <source>base légale</source>
        <translation>legal basis</translation>
    </message>
    <message>
        <source>date d&apos;information</source>
        <translation>date informed</translation>
    </message>
    <message>
        <source>version de la notice</source>
        <translation>notice version</translation>
    </message>
    <message>
        <source>empreinte de la notice</source>
        <translation>notice fingerprint</translation>
    </message>
    <message>
        <source>Individuel</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>Collectif</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>séances</source>
        <translation>sessions</translation>
    </message>
    <message>
        <source>ateliers</source>
        <translation>workshops</translation>
    </message>
    <message>
        <source>consentements</source>
        <translation>consents</translation>
    </message>
    <message>
        <source>mandats</source>
        <translation>mandates</translation>
    </message>
    <message>
        <source>consentement retiré</source>
        <translation>consent withdrawn</translation>
    </message>
    <message>
        <source>consentement expiré</source>
        <translation>consent expired</translation>
    </message>
    <message>
        <source>aucun</source>
        <translation>none</translation>
    </message>
    <message>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <source>%1 Mo</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 ko</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>Protection des données</source>
        <translation>Data protection</translation>
    </message>
    <message>
        <source>&amp;Conservation</source>
        <translation>&amp;Retention</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Sauvegardes</source>
        <translation>&amp;Backups</translation>
    </message>
    <message>
        <source>&amp;Registre des traitements</source>
        <translation>Processing re&amp;gister</translation>
    </message>
    <message>
        <source>Ce qui a dépassé sa durée de conservation. Rien n&apos;est effacé sans vous : cochez ce qui doit partir puis appliquez. Les dossiers sont anonymisés (les statistiques restent justes).</source>
        <translation>What is past its retention period. Nothing is erased without you: tick what must go, then apply. Files are anonymised (statistics stay right).</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Données</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Dernier contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>Échéance</source>
        <translation>Due on</translation>
    </message>
    <message>
        <source>Éléments</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Données à purger</source>
        <translation>Data to purge</translation>
    </message>
    <message>
        <source>À &amp;purger :</source>
        <translation>To &amp;purge:</translation>
    </message>
    <message>
        <source>&amp;Tout cocher</source>
        <translation>&amp;Tick all</translation>
    </message>
    <message>
        <source>&amp;Appliquer…</source>
        <translation>&amp;Apply…</translation>
    </message>
    <message>
        <source>Recherche de ce qui est à purger…</source>
        <translation>Looking for what is due for purging…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Registre des purges</source>
        <translation>Purge register</translation>
    </message>
    <message>
        <source>Registre des pur&amp;ges :</source>
        <translation>P&amp;urge register:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>&amp;Filtrer</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>Date et heure</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Détails</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Par</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Événements du journal</source>
        <translation>Journal events</translation>
    </message>
    <message>
        <source>Afficher les &amp;plus anciens</source>
        <translation>Show &amp;older</translation>
    </message>
    <message>
        <source>&amp;Vérifier l&apos;intégrité</source>
        <translation>&amp;Verify integrity</translation>
    </message>
    <message>
        <source>&amp;Du :</source>
        <translation>Fro&amp;m:</translation>
    </message>
    <message>
        <source>&amp;au :</source>
        <translation>&amp;Until:</translation>
    </message>
    <message>
        <source>Ac&amp;tion :</source>
        <translation>Ac&amp;tion:</translation>
    </message>
    <message>
        <source>D&amp;ossier :</source>
        <translation>F&amp;ile:</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Séances</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Consentements</source>
        <translation>Consents</translation>
    </message>
    <message>
        <source>Mandats</source>
        <translation>Mandates</translation>
    </message>
    <message>
        <source>Rendez-vous</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <source>Droits des personnes</source>
        <translation>People&apos;s rights</translation>
    </message>
    <message>
        <source>Conservation</source>
        <translation>Retention</translation>
    </message>
    <message>
        <source>Élagage du journal</source>
        <translation>Journal pruning</translation>
    </message>
    <message>
        <source>Transmissions de dossiers</source>
        <translation>Files passed on</translation>
    </message>
    <message>
        <source>Annuaire des partenaires</source>
        <translation>Partner directory</translation>
    </message>
    <message>
        <source>Orientations</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Lecture du journal…</source>
        <translation>Reading the journal…</translation>
    </message>
    <message>
        <source>Sauvegardes</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Registre des traitements</source>
        <translation>Processing register</translation>
    </message>
    <message>
        <source>Coffre</source>
        <translation>Vault</translation>
    </message>
    <message>
        <source>Paramètres</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Documents remis</source>
        <translation>Documents handed out</translation>
    </message>
    <message>
        <source>Secret de structure</source>
        <translation>Structure secret</translation>
    </message>
    <message>
        <source>Données de démonstration</source>
        <translation>Demonstration data</translation>
    </message>
    <message>
        <source>Chaque sauvegarde est chiffrée et vérifiée juste après son écriture. Une sauvegarde est faite à la fermeture (au plus une par jour).</source>
        <translation>Every backup is encrypted and verified right after it is written. A backup is made at close (at most one a day).</translation>
    </message>
    <message>
        <source>Taille</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Vérifiée</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Sauve&amp;gardes du coffre :</source>
        <translation>Vault bac&amp;kups:</translation>
    </message>
    <message>
        <source>Sauvegarder &amp;maintenant</source>
        <translation>Back up &amp;now</translation>
    </message>
    <message>
        <source>Sauvegarder vers un &amp;dossier…</source>
        <translation>Back up to a fol&amp;der…</translation>
    </message>
    <message>
        <source>Res&amp;taurer cette sauvegarde…</source>
        <translation>Res&amp;tore this backup…</translation>
    </message>
    <message>
        <source>Restaurer depuis un &amp;fichier…</source>
        <translation>Restore from a &amp;file…</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Enregistrer le nombre de sauvegardes</source>
        <translation>Save the number of backups</translation>
    </message>
    <message>
        <source>Sauvegardes conser&amp;vées :</source>
        <translation>Backups ke&amp;pt:</translation>
    </message>
    <message>
        <source>Le registre décrit ce que ce coffre traite : finalités, catégories de données, bases légales, durées de conservation, mesures de sécurité. Il est destiné au délégué à la protection des données de votre structure.</source>
        <translation>The register describes what this vault processes: purposes, categories of data, legal bases, retention periods, security measures. It is meant for your organisation&apos;s data protection officer.</translation>
    </message>
    <message>
        <source>Écrire le registre (PDF et &amp;Markdown)…</source>
        <translation>Write the register (PDF and &amp;Markdown)…</translation>
    </message>
    <message>
        <source>Durées de conservation (en mois)</source>
        <translation>Retention periods (in months)</translation>
    </message>
    <message>
        <source> mois</source>
        <translation> months</translation>
    </message>
    <message>
        <source>De %1 à %2 mois, %3</source>
        <translation>From %1 to %2 months, %3</translation>
    </message>
    <message>
        <source>%1 :</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Enregistrer les &amp;durées</source>
        <translation>Save the perio&amp;ds</translation>
    </message>
    <message>
        <source>Dossier identifié</source>
        <translation>Identified file</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Traces des exports</source>
        <translation>Export records</translation>
    </message>
    <message>
        <source>Séances sans dossier</source>
        <translation>Sessions without a file</translation>
    </message>
    <message>
        <source>Rien à purger aujourd&apos;hui.</source>
        <translation>Nothing to purge today.</translation>
    </message>
    <message>
        <source>Durée de conservation</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <source>Effacement demandé</source>
        <translation>Erasure requested</translation>
    </message>
    <message>
        <source>Chaque purge est inscrite au registre des purges (codes seulement). Les sauvegardes déjà faites contiennent encore ces données jusqu&apos;à leur rotation. Appliquer ?</source>
        <translation>Every purge is written in the purge register (codes only). Backups already made still hold this data until they are rotated out. Apply?</translation>
    </message>
    <message>
        <source>Appliquer la conservation</source>
        <translation>Apply retention</translation>
    </message>
    <message>
        <source>Plus dû, laissé tel quel : %1.</source>
        <translation>No longer due, left as is: %1.</translation>
    </message>
    <message>
        <source>le fichier du coffre est endommagé</source>
        <translation>the vault file is damaged</translation>
    </message>
    <message>
        <source>le journal a été modifié à l&apos;événement n° %1</source>
        <translation>the journal was changed at event no. %1</translation>
    </message>
    <message>
        <source>Problème détecté : %1. Restaurez la dernière sauvegarde vérifiée et prévenez votre référent.</source>
        <translation>Problem found: %1. Restore the latest verified backup and tell your supervisor.</translation>
    </message>
    <message>
        <source>Oui, à l&apos;écriture</source>
        <translation>Yes, when written</translation>
    </message>
    <message>
        <source>Le fichier de clé (protégé par la phrase de passe) est copié à côté : gardez-les ensemble.</source>
        <translation>The key file (protected by the passphrase) is copied beside it: keep them together.</translation>
    </message>
    <message>
        <source>Sauvegarder vers un dossier</source>
        <translation>Back up to a folder</translation>
    </message>
    <message>
        <source>Restaurer une sauvegarde</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Restaurer la sauvegarde %1 ?

L&apos;application va se verrouiller ; vous retaperez votre phrase de passe. Le coffre actuel est remplacé par la sauvegarde (il est gardé à côté, sous le nom vault.db.before-restore) : tout ce qui a été saisi ou effacé après cette sauvegarde est perdu.</source>
        <translation>Restore backup %1?

The application will lock; you will type your passphrase again. The current vault is replaced by the backup (it is kept beside it, as vault.db.before-restore): everything entered or erased after this backup is lost.</translation>
    </message>
    <message>
        <source>Restaurer depuis un fichier</source>
        <translation>Restore from a file</translation>
    </message>
    <message>
        <source>Sauvegardes accomp (accomp-*.db)</source>
        <translation>accomp backups (accomp-*.db)</translation>
    </message>
    <message>
        <source>Nombre de sauvegardes enregistré.</source>
        <translation>Number of backups saved.</translation>
    </message>
    <message>
        <source>Durées enregistrées.</source>
        <translation>Periods saved.</translation>
    </message>
    <message>
        <source>Dossier où écrire le registre des traitements</source>
        <translation>Folder where to write the processing register</translation>
    </message>
    <message>
        <source>Registre écrit : %1.</source>
        <translation>Register written: %1.</translation>
    </message>
    <message>
        <source>Nom imprimé sur les reçus modifié</source>
        <translation>Name printed on receipts changed</translation>
    </message>
    <message>
        <source>Saisie non enregistrée gardée (brouillon)</source>
        <translation>Unsaved entry kept (draft)</translation>
    </message>
    <message>
        <source>Brouillon supprimé</source>
        <translation>Draft deleted</translation>
    </message>
    <message>
        <source>Brouillons</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Type de structure modifié</source>
        <translation>Type of organisation changed</translation>
    </message>
    <message>
        <source>Type de structure : %1</source>
        <translation>Type of organisation: %1</translation>
    </message>
    <message>
        <source>Séances importées d&apos;un tableur</source>
        <translation>Sessions imported from a spreadsheet</translation>
    </message>
    <message>
        <source>Dossiers importés d&apos;un tableur</source>
        <translation>Files imported from a spreadsheet</translation>
    </message>
    <message>
        <source>Import annulé</source>
        <translation>Import undone</translation>
    </message>
    <message>
        <source>Lignes refusées : %1</source>
        <translation>Rejected rows: %1</translation>
    </message>
    <message>
        <source>Déjà enregistrées : %1</source>
        <translation>Already recorded: %1</translation>
    </message>
    <message>
        <source>Personnes reconnues : %1</source>
        <translation>People recognised: %1</translation>
    </message>
    <message>
        <source>Dossiers créés : %1</source>
        <translation>Files created: %1</translation>
    </message>
    <message>
        <source>Imports de tableurs</source>
        <translation>Spreadsheet imports</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>accomp — Profils</source>
        <translation>accomp — Profiles</translation>
    </message>
    <message>
        <source>Choisir un profil</source>
        <translation>Choose a profile</translation>
    </message>
    <message>
        <source>Chaque personne qui utilise cet ordinateur a son propre profil : son coffre, ouvert par sa propre phrase de passe. Personne ne voit les données d&apos;un autre profil.</source>
        <translation>Each person who uses this computer has their own profile: their vault, opened by their own passphrase. Nobody sees another profile&apos;s data.</translation>
    </message>
    <message>
        <source>P&amp;rofils :</source>
        <translation>P&amp;rofiles:</translation>
    </message>
    <message>
        <source>&amp;Nouveau profil</source>
        <translation>&amp;New profile</translation>
    </message>
    <message>
        <source>N&amp;om du nouveau profil :</source>
        <translation>N&amp;ame of the new profile:</translation>
    </message>
    <message>
        <source>Ce nom est visible par toute personne qui utilise cet ordinateur : un prénom ou des initiales suffisent, jamais le nom d&apos;une personne accompagnée.</source>
        <translation>This name is visible to anyone who uses this computer: a first name or initials will do, never the name of a person you support.</translation>
    </message>
    <message>
        <source>&amp;Créer le profil</source>
        <translation>&amp;Create profile</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Ouvrir</source>
        <translation>&amp;Open</translation>
    </message>
</context>
<context>
    <name>PublishedTableModel</name>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>masqué</source>
        <translation>hidden</translation>
    </message>
    <message>
        <source>Masqué : moins de %1 personnes ou activités, ou masqué pour qu&apos;un autre nombre masqué ne puisse pas être recalculé.</source>
        <translation>Hidden: fewer than %1 people or activities, or hidden so that another hidden number cannot be recomputed.</translation>
    </message>
</context>
<context>
    <name>ReferralSlipDialog</name>
    <message>
        <source>accomp — Fiche d&apos;orientation</source>
        <translation>accomp — Referral slip</translation>
    </message>
    <message>
        <source>Fiche d&apos;orientation</source>
        <translation>Referral slip</translation>
    </message>
    <message>
        <source>Une ligne par document</source>
        <translation>One line per document</translation>
    </message>
    <message>
        <source>Mettre le &amp;nom de la personne</source>
        <translation>Put the person&apos;s &amp;name on it</translation>
    </message>
    <message>
        <source>La personne a accepté le partage : vous pouvez mettre son nom.</source>
        <translation>The person agreed to sharing: you may put their name on it.</translation>
    </message>
    <message>
        <source>Sans consentement au partage en vigueur, la fiche ne porte que le code du dossier.</source>
        <translation>Without a consent to sharing in force, the slip carries the file code only.</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Enregistrer la fiche (PDF)…</source>
        <translation>&amp;Save the slip (PDF)…</translation>
    </message>
    <message>
        <source>L&apos;annuaire est vide : ajoutez le partenaire dans « Partenaires ».</source>
        <translation>The directory is empty: add the partner under “Partners”.</translation>
    </message>
    <message>
        <source>&amp;Partenaire :</source>
        <translation>&amp;Partner:</translation>
    </message>
    <message>
        <source>Pour&amp;quoi :</source>
        <translation>&amp;Why:</translation>
    </message>
    <message>
        <source>À &amp;apporter :</source>
        <translation>What to &amp;bring:</translation>
    </message>
    <message>
        <source>&amp;Langue de la fiche :</source>
        <translation>Slip &amp;language:</translation>
    </message>
    <message>
        <source>Enregistrer la fiche d&apos;orientation</source>
        <translation>Save the referral slip</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RenewalsList</name>
    <message>
        <source>À renouveler</source>
        <translation>To renew</translation>
    </message>
    <message>
        <source>Aucun consentement à renouveler dans les 30 jours.</source>
        <translation>No consent to renew within 30 days.</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Finalité</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Jusqu&apos;au</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Consentements à renouveler</source>
        <translation>Consents to renew</translation>
    </message>
    <message>
        <source>&amp;Ouvrir le dossier</source>
        <translation>&amp;Open the file</translation>
    </message>
    <message>
        <source>Expiré</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Expire bientôt</source>
        <translation>Expiring soon</translation>
    </message>
    <message>
        <source>Renouveler…</source>
        <translation>Renew…</translation>
    </message>
    <message>
        <source>Renouveler : %1, %2</source>
        <translation>Renew: %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n à renouveler</source>
        <translation>
            <numerusform>%n to renew</numerusform>
            <numerusform>%n to renew</numerusform>
        </translation>
    </message>
    <message>
        <source>Renouveler « %1 » pour le dossier %2 ?
La personne a redonné son accord.</source>
        <translation>Renew “%1” for file %2?
The person has agreed again.</translation>
    </message>
    <message>
        <source>Le dernier mandat est renouvelé avec ses démarches.</source>
        <translation>The latest mandate is renewed with its procedures.</translation>
    </message>
    <message>
        <source>Renouveler</source>
        <translation>Renew</translation>
    </message>
</context>
<context>
    <name>RetentionBanner</name>
    <message numerus="yes">
        <source>Éléments ayant dépassé leur durée de conservation : %n. Rien n&apos;a été effacé : vérifiez-les dans %1, puis appliquez.</source>
        <translation>
            <numerusform>%n item has passed its retention period. Nothing was erased: review it in %1, then apply.</numerusform>
            <numerusform>%n items have passed their retention period. Nothing was erased: review them in %1, then apply.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rappel de conservation</source>
        <translation>Retention reminder</translation>
    </message>
    <message>
        <source>&amp;Vérifier dans %1</source>
        <translation>&amp;Review in %1</translation>
    </message>
    <message>
        <source>Plus &amp;tard</source>
        <translation>La&amp;ter</translation>
    </message>
    <message>
        <source>Masquer le rappel jusqu&apos;à la prochaine ouverture</source>
        <translation>Hide the reminder until the vault is next opened</translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message numerus="yes">
        <source>%n élément(s) à purger</source>
        <translation>
            <numerusform>%n item to purge</numerusform>
            <numerusform>%n items to purge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s) anonymisé(s) : %1. Seront détruits : l&apos;identité, les coordonnées, les notes du dossier et de ses séances, la base légale, les mandats et l&apos;historique des corrections. Seront conservés, sans identité : le code, le genre, la tranche d&apos;âge, la situation, la commune, les séances (pour les statistiques) et l&apos;historique des consentements.</source>
        <translation>
            <numerusform>%n file anonymised: %1. Destroyed: identity, contact details, the notes of the file and its sessions, the legal basis, mandates and the history of corrections. Kept, without identity: the code, gender, age band, status, commune, the sessions (for statistics) and the consent history.</numerusform>
            <numerusform>%n files anonymised: %1. Destroyed: identity, contact details, the notes of the file and its sessions, the legal basis, mandates and the history of corrections. Kept, without identity: the code, gender, age band, status, commune, the sessions (for statistics) and the consent history.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) effacée(s) ; les séances elles-mêmes sont conservées.</source>
        <translation>
            <numerusform>%n note erased; the sessions themselves are kept.</numerusform>
            <numerusform>%n notes erased; the sessions themselves are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n trace(s) d&apos;export supprimée(s).</source>
        <translation>
            <numerusform>%n export record deleted.</numerusform>
            <numerusform>%n export records deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n événement(s) du journal supprimé(s), remplacés par un point de contrôle signé qui garde le journal vérifiable ; les traces d&apos;export encore en vigueur sont gardées.</source>
        <translation>
            <numerusform>%n journal event deleted, replaced by a signed checkpoint that keeps the journal verifiable; export records still in force are kept.</numerusform>
            <numerusform>%n journal events deleted, replaced by a signed checkpoint that keeps the journal verifiable; export records still in force are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n élément(s) purgé(s).</source>
        <translation>
            <numerusform>%n item purged.</numerusform>
            <numerusform>%n items purged.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionExtras</name>
    <message>
        <source>É&amp;tiquettes :</source>
        <translation>Ta&amp;gs:</translation>
    </message>
    <message>
        <source>Étiquettes de l&apos;activité</source>
        <translation>Tags of the session</translation>
    </message>
    <message>
        <source>Co&amp;mpétences pratiquées :</source>
        <translation>Co&amp;mpetences practised:</translation>
    </message>
    <message>
        <source>Compétences pratiquées</source>
        <translation>Competences practised</translation>
    </message>
    <message>
        <source>ex. 1.1:3 4.2:2 (compétence:niveau)</source>
        <translation>e.g. 1.1:3 4.2:2 (competence:level)</translation>
    </message>
    <message>
        <source>Numéro DigComp de la compétence, deux-points, niveau observé de 1 à 8 ; séparées par des espaces. Seulement pour un accompagnement individuel d&apos;une personne suivie.</source>
        <translation>DigComp number of the competence, a colon, the level observed from 1 to 8; separated by spaces. Only for an individual session with a tracked person.</translation>
    </message>
    <message>
        <source>niveau</source>
        <translation>level</translation>
    </message>
</context>
<context>
    <name>SessionFieldsButton</name>
    <message>
        <source>Champs (%1)…</source>
        <translation>Fields (%1)…</translation>
    </message>
    <message>
        <source>Champs…</source>
        <translation>Fields…</translation>
    </message>
    <message>
        <source>Champs de la structure de la séance</source>
        <translation>The organisation&apos;s fields of the session</translation>
    </message>
    <message>
        <source>Les champs personnalisés de la structure pour cette séance</source>
        <translation>The organisation&apos;s custom fields for this session</translation>
    </message>
</context>
<context>
    <name>SessionFieldsDialog</name>
    <message>
        <source>Champs de la structure</source>
        <translation>Organisation&apos;s fields</translation>
    </message>
    <message>
        <source>Une séance compte dans « champ = valeur » si elle porte la valeur ou si le dossier de sa personne la porte.</source>
        <translation>A session counts in “field = value” if it holds the value or if its person&apos;s file does.</translation>
    </message>
    <message>
        <source>%1 :</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Valider</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Valider les champs de la séance</source>
        <translation>Confirm the session&apos;s fields</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Paramètres</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Langue et verrouillage</source>
        <translation>Language and lock</translation>
    </message>
    <message>
        <source>&amp;Langue de l&apos;interface :</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <source>Langue de l&apos;interface</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>&amp;Verrouiller après :</source>
        <translation>Loc&amp;k after:</translation>
    </message>
    <message>
        <source>Verrouiller le coffre après ce nombre de minutes sans activité</source>
        <translation>Lock the vault after this many minutes without activity</translation>
    </message>
    <message>
        <source> min sans activité</source>
        <translation> min without activity</translation>
    </message>
    <message>
        <source>Phrase de passe</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Changer la phrase de passe ne modifie pas les données : la clé du coffre est simplement protégée par la nouvelle phrase.</source>
        <translation>Changing the passphrase does not change the data: the vault&apos;s key is simply protected by the new passphrase.</translation>
    </message>
    <message>
        <source>C&amp;hanger la phrase de passe…</source>
        <translation>C&amp;hange the passphrase…</translation>
    </message>
    <message>
        <source>Changer la phrase de passe</source>
        <translation>Change the passphrase</translation>
    </message>
    <message>
        <source>Sauvegardes</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Durées de conservation</source>
        <translation>Retention periods</translation>
    </message>
    <message>
        <source>Passé ces durées, les données sont anonymisées ou supprimées après votre vérification.</source>
        <translation>After these periods, the data is anonymised or deleted once you have reviewed it.</translation>
    </message>
    <message>
        <source>À propos</source>
        <translation>About</translation>
    </message>
    <message>
        <source>&amp;Dossier du coffre :</source>
        <translation>Vault fol&amp;der:</translation>
    </message>
    <message>
        <source>Dossier du coffre</source>
        <translation>Vault folder</translation>
    </message>
    <message>
        <source>Version :</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Version d&apos;accomp</source>
        <translation>accomp version</translation>
    </message>
    <message>
        <source>%1 :</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>%1 mois %2</source>
        <translation>%1 months %2</translation>
    </message>
    <message>
        <source>Paramètre enregistré.</source>
        <translation>Setting saved.</translation>
    </message>
    <message>
        <source>Phrase de passe changée : elle sera demandée au prochain déverrouillage.</source>
        <translation>Passphrase changed: it will be asked at the next unlock.</translation>
    </message>
    <message>
        <source>Confidentialité › Sauvegardes</source>
        <translation>Privacy › Backups</translation>
    </message>
    <message>
        <source>Une sauvegarde chiffrée est faite à la fermeture, une fois par jour au plus. Le nombre de sauvegardes conservées se règle avec elles, dans %1.</source>
        <translation>An encrypted backup is made on closing, at most once a day. How many backups are kept is set beside them, in %1.</translation>
    </message>
    <message>
        <source>&amp;Sauvegardes…</source>
        <translation>&amp;Backups…</translation>
    </message>
    <message>
        <source>Ouvrir %1</source>
        <translation>Open %1</translation>
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
    <name>SkillsBox</name>
    <message>
        <source>Étiquettes et compétences</source>
        <translation>Tags and competences</translation>
    </message>
    <message>
        <source>Éti&amp;quettes du dossier :</source>
        <translation>Ta&amp;gs of the file:</translation>
    </message>
    <message>
        <source>Étiquettes du dossier</source>
        <translation>Tags of the file</translation>
    </message>
    <message>
        <source>Imprimer le &amp;passeport…</source>
        <translation>Print the &amp;passport…</translation>
    </message>
    <message>
        <source>Imprimer le passeport numérique de la personne</source>
        <translation>Print the person&apos;s digital passport</translation>
    </message>
    <message>
        <source>Voir les chiffres</source>
        <translation>Show the numbers</translation>
    </message>
    <message>
        <source>Compétences numériques : au début et maintenant</source>
        <translation>Digital competences: at first and now</translation>
    </message>
    <message>
        <source>Aucune compétence notée pour l&apos;instant.</source>
        <translation>No competence noted yet.</translation>
    </message>
    <message>
        <source>Au début</source>
        <translation>At first</translation>
    </message>
    <message>
        <source>Maintenant</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>%1 compétence(s) pratiquée(s), %2 en progrès.</source>
        <translation>%1 competence(s) practised, %2 improving.</translation>
    </message>
    <message>
        <source>%1 : niveau %2 au début (%3), %4 maintenant (%5).</source>
        <translation>%1: level %2 at first (%3), %4 now (%5).</translation>
    </message>
    <message>
        <source>niveau</source>
        <translation>level</translation>
    </message>
    <message>
        <source>Compétence</source>
        <translation>Competence</translation>
    </message>
    <message>
        <source>Dernière fois</source>
        <translation>Last time</translation>
    </message>
    <message>
        <source>Passeport numérique</source>
        <translation>Digital passport</translation>
    </message>
    <message>
        <source>Le passeport est imprimé pour la personne elle-même. L&apos;a-t-elle demandé ?</source>
        <translation>The passport is printed for the person themselves. Did they ask for it?</translation>
    </message>
    <message>
        <source>Enregistrer le passeport à imprimer</source>
        <translation>Save the passport to print</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SkillsProgressLabel</name>
    <message>
        <source>Passeport numérique : %1 personne(s) ont gagné au moins un niveau de compétence ce trimestre (depuis le %2). Chiffre protégé comme toute synthèse : un petit nombre s&apos;affiche comme le seuil.</source>
        <translation>Digital passport: %1 person(s) moved up at least one competence level this quarter (since %2). Protected like every summary: a small number shows as the threshold.</translation>
    </message>
</context>
<context>
    <name>SlipButton</name>
    <message>
        <source>&amp;Fiche d&apos;orientation…</source>
        <translation>Re&amp;ferral slip…</translation>
    </message>
</context>
<context>
    <name>StructureSettingsBox</name>
    <message>
        <source>Structure</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>&amp;Nom de la structure :</source>
        <translation>Organisation &amp;name:</translation>
    </message>
    <message>
        <source>Nom de la structure</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <source>Non renseigné</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>V&amp;otre nom :</source>
        <translation>Y&amp;our name:</translation>
    </message>
    <message>
        <source>Votre nom, imprimé sur les reçus</source>
        <translation>Your name, printed on receipts</translation>
    </message>
    <message>
        <source>Imprimés sur la notice d&apos;information, les reçus et les attestations remis aux personnes (votre nom : « Noté par », et la signature du mandat). Tant qu&apos;ils ne sont pas renseignés, une ligne en pointillés est laissée à remplir à la main pour la structure, et l&apos;identifiant de session de l&apos;ordinateur est imprimé pour vous.</source>
        <translation>Printed on the information notice, receipts and attestations handed to people (your name as the one who recorded it, and the mandate&apos;s signature). Until they are filled in, a dotted line is left to fill in by hand for the structure, and the computer&apos;s session login is printed for you.</translation>
    </message>
    <message>
        <source>&amp;Type de structure :</source>
        <translation>&amp;Type of organisation:</translation>
    </message>
    <message>
        <source>Type de structure (typologie de la Coop de la médiation numérique)</source>
        <translation>Type of organisation (typology of La Coop de la médiation numérique)</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>&amp;Exporter la synthèse…</source>
        <translation>&amp;Export the summary…</translation>
    </message>
    <message>
        <source>Période, filtres et seuil</source>
        <translation>Period, filters and threshold</translation>
    </message>
    <message>
        <source>&amp;Format :</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Format de la synthèse</source>
        <translation>Summary format</translation>
    </message>
    <message>
        <source>Calcul de l&apos;aperçu…</source>
        <translation>Computing the preview…</translation>
    </message>
    <message numerus="yes">
        <source>Aperçu de ce que contiendra le fichier : %n cellule(s) masquée(s) au total.</source>
        <translation>
            <numerusform>Preview of what the file will hold: %n hidden cell in all.</numerusform>
            <numerusform>Preview of what the file will hold: %n hidden cells in all.</numerusform>
        </translation>
    </message>
    <message>
        <source>Aperçu de ce que contiendra le fichier : chaque nombre est protégé (zéros exacts, jamais entre 1 et k − 1, léger bruit).</source>
        <translation>Preview of what the file will hold: every number is protected (exact zeros, never from 1 to k − 1, small noise).</translation>
    </message>
    <message>
        <source>Exporter la synthèse</source>
        <translation>Export the summary</translation>
    </message>
    <message>
        <source>Écriture de la synthèse…</source>
        <translation>Writing the summary…</translation>
    </message>
    <message>
        <source>Synthèse écrite : %1</source>
        <translation>Summary written: %1</translation>
    </message>
</context>
<context>
    <name>TablePreview</name>
    <message>
        <source>&amp;Tableaux :</source>
        <translation>&amp;Tables:</translation>
    </message>
    <message>
        <source>Ta&amp;bleau choisi :</source>
        <translation>Chosen ta&amp;ble:</translation>
    </message>
    <message>
        <source>Tableau choisi</source>
        <translation>Chosen table</translation>
    </message>
    <message>
        <source>Tableau choisi : %1</source>
        <translation>Chosen table: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n cellule(s) masquée(s) dans ce tableau</source>
        <translation>
            <numerusform>%n hidden cell in this table</numerusform>
            <numerusform>%n hidden cells in this table</numerusform>
        </translation>
    </message>
    <message>
        <source>Valeurs protégées par une légère perturbation (zéros exacts) : les lignes ne s&apos;additionnent pas exactement au total.</source>
        <translation>Figures protected by a small perturbation (exact zeros): rows do not add up exactly to the total.</translation>
    </message>
    <message>
        <source>une activité ou une personne peut compter dans plusieurs lignes : pas de total.</source>
        <translation>an activity or a person may count in several rows: no total.</translation>
    </message>
</context>
<context>
    <name>TagFilterCombo</name>
    <message>
        <source>Toutes les étiquettes</source>
        <translation>All tags</translation>
    </message>
    <message>
        <source>Étiquette</source>
        <translation>Tag</translation>
    </message>
</context>
<context>
    <name>TagSettingsBox</name>
    <message>
        <source>Étiquettes</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Les étiquettes de la structure (un programme, une cohorte d&apos;un partenaire, « France Services »…) se posent sur les activités et les dossiers, et filtrent le journal, le tableau de bord et la synthèse. La synthèse d&apos;une étiquette est protégée comme toute synthèse : un petit groupe n&apos;y apparaît jamais.</source>
        <translation>The organisation&apos;s tags (a programme, a partner&apos;s cohort, “France Services”…) are set on sessions and files, and filter the journal, the dashboard and the summary. A tag&apos;s summary is protected like every summary: a small group never shows in it.</translation>
    </message>
    <message>
        <source>Étiquettes e&amp;xistantes :</source>
        <translation>E&amp;xisting tags:</translation>
    </message>
    <message>
        <source>Étiquettes existantes</source>
        <translation>Existing tags</translation>
    </message>
    <message>
        <source>Nom de l&apos;éti&amp;quette :</source>
        <translation>Ta&amp;g name:</translation>
    </message>
    <message>
        <source>Nom de l&apos;étiquette</source>
        <translation>Tag name</translation>
    </message>
    <message>
        <source>Ajouter l&apos;étiquette</source>
        <translation>Add the tag</translation>
    </message>
    <message>
        <source>Ajouter</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Renommer l&apos;étiquette</source>
        <translation>Rename the tag</translation>
    </message>
    <message>
        <source>Renommer</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Supprimer l&apos;étiquette</source>
        <translation>Delete the tag</translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Supprimer cette étiquette ? Elle sera retirée des activités et des dossiers qui la portent (ils sont conservés).</source>
        <translation>Delete this tag? It will be removed from the sessions and files that carry it (they are kept).</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Kind</translation>
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
        <source>Autonomie</source>
        <translation>Autonomy</translation>
    </message>
    <message>
        <source>Atelier collectif</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>Individuel</source>
        <translation>Individual</translation>
    </message>
</context>
<context>
    <name>TransferKeyBox</name>
    <message>
        <source>Clé de transmission de ce coffre</source>
        <translation>This vault&apos;s transfer key</translation>
    </message>
    <message>
        <source>Pour recevoir un dossier, donnez votre clé publique à votre collègue, puis vérifiez ensemble l&apos;empreinte, à voix haute ou sur papier.</source>
        <translation>To receive a file, give your public key to your colleague, then check the fingerprint together, aloud or on paper.</translation>
    </message>
    <message>
        <source>&amp;Enregistrer la clé publique…</source>
        <translation>&amp;Save the public key…</translation>
    </message>
    <message>
        <source>Empreinte :</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <source>Clé &amp;publique :</source>
        <translation>&amp;Public key:</translation>
    </message>
    <message>
        <source>Pas encore de clé : elle est créée au premier envoi ou en l&apos;enregistrant.</source>
        <translation>No key yet: it is made at the first sending, or when you save it.</translation>
    </message>
    <message>
        <source>Enregistrer la clé publique</source>
        <translation>Save the public key</translation>
    </message>
    <message>
        <source>Clé publique (*.txt)</source>
        <translation>Public key (*.txt)</translation>
    </message>
</context>
<context>
    <name>TransferReceivePage</name>
    <message>
        <source>Ouvrez l&apos;envoi reçu de votre collègue (clé USB ou pièce jointe). Rien n&apos;est importé avant que vous ne le demandiez.</source>
        <translation>Open the bundle your colleague sent (USB stick or attachment). Nothing is imported until you ask.</translation>
    </message>
    <message>
        <source>&amp;Ouvrir un envoi…</source>
        <translation>&amp;Open a bundle…</translation>
    </message>
    <message>
        <source>J&apos;ai vérifié l&apos;empreinte avec mon ou ma collègue : importer quand même</source>
        <translation>I checked the fingerprint with my colleague: import anyway</translation>
    </message>
    <message>
        <source>Dossiers de l&apos;envoi</source>
        <translation>Files in the bundle</translation>
    </message>
    <message>
        <source>Importer (code)</source>
        <translation>Import (code)</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Séances</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Consentements</source>
        <translation>Consents</translation>
    </message>
    <message>
        <source>Mandats</source>
        <translation>Mandates</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Déjà chez vous ?</source>
        <translation>Already here?</translation>
    </message>
    <message>
        <source>&amp;Importer</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Ouvrir un envoi</source>
        <translation>Open a bundle</translation>
    </message>
    <message>
        <source>Envoi accomp (*.accomp-transfert);;Tous les fichiers (*)</source>
        <translation>accomp bundle (*.accomp-transfert);;All files (*)</translation>
    </message>
    <message>
        <source>De : %1 (empreinte %2) — envoyé le %3, valable jusqu&apos;au %4</source>
        <translation>From: %1 (fingerprint %2) — sent on %3, valid until %4</translation>
    </message>
    <message>
        <source>Cet expéditeur n&apos;est pas dans vos collègues : vérifiez son empreinte avec lui ou elle avant d&apos;importer.</source>
        <translation>This sender is not among your colleagues: check their fingerprint with them before importing.</translation>
    </message>
    <message>
        <source>Cet envoi a déjà été importé.</source>
        <translation>This bundle has already been imported.</translation>
    </message>
    <message>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Importé : %1</source>
        <translation>Imported: %1</translation>
    </message>
</context>
<context>
    <name>TransferSendPage</name>
    <message>
        <source>Un dossier ne part que si la personne a donné son consentement au partage (ou si une obligation légale le permet) ; ses notes seulement avec le consentement aux notes. L&apos;envoi est chiffré pour votre collègue et expire.</source>
        <translation>A file goes only if the person consented to sharing (or a legal obligation allows it); its notes only with the consent to notes. The bundle is encrypted for your colleague and expires.</translation>
    </message>
    <message>
        <source>A&amp;jouter ce·tte collègue</source>
        <translation>Add this &amp;colleague</translation>
    </message>
    <message>
        <source>Nouveau·elle collègue</source>
        <translation>New colleague</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Clé publique :</source>
        <translation>Public &amp;key:</translation>
    </message>
    <message>
        <source>Tout mon &amp;portefeuille (départ)</source>
        <translation>My whole &amp;caseload (leaving)</translation>
    </message>
    <message>
        <source>&amp;Identité et contact</source>
        <translation>&amp;Identity and contact</translation>
    </message>
    <message>
        <source>&amp;Séances</source>
        <translation>&amp;Sessions</translation>
    </message>
    <message>
        <source>Consentements et &amp;mandats</source>
        <translation>Consents and &amp;mandates</translation>
    </message>
    <message>
        <source>N&amp;otes (si la personne l&apos;a accepté)</source>
        <translation>N&amp;otes (if the person agreed)</translation>
    </message>
    <message>
        <source> jours</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Marquer les dossiers « &amp;transféré »</source>
        <translation>Mark the files as &amp;transferred</translation>
    </message>
    <message>
        <source>&amp;Vérifier</source>
        <translation>C&amp;heck</translation>
    </message>
    <message>
        <source>&amp;Enregistrer l&apos;envoi…</source>
        <translation>&amp;Save the bundle…</translation>
    </message>
    <message>
        <source>Ce qui part et ce qui reste</source>
        <translation>What goes and what stays</translation>
    </message>
    <message>
        <source>&amp;Destinataire :</source>
        <translation>&amp;Recipient:</translation>
    </message>
    <message>
        <source>Dossiers (co&amp;des) :</source>
        <translation>Files (co&amp;des):</translation>
    </message>
    <message>
        <source>Va&amp;lable :</source>
        <translation>Va&amp;lid for:</translation>
    </message>
    <message>
        <source>Ce qui part :</source>
        <translation>What goes:</translation>
    </message>
    <message>
        <source>Ajouté·e. Vérifiez cette empreinte avec votre collègue : %1</source>
        <translation>Added. Check this fingerprint with your colleague: %1</translation>
    </message>
    <message>
        <source>Indiquez au moins un code de dossier.</source>
        <translation>Give at least one file code.</translation>
    </message>
    <message>
        <source>%1 : part, avec ses notes</source>
        <translation>%1: goes, with its notes</translation>
    </message>
    <message>
        <source>%1 : part, sans ses notes</source>
        <translation>%1: goes, without its notes</translation>
    </message>
    <message>
        <source>%1 : reste ici — %2</source>
        <translation>%1: stays here — %2</translation>
    </message>
    <message>
        <source>Ajoutez d&apos;abord votre collègue.</source>
        <translation>Add your colleague first.</translation>
    </message>
    <message>
        <source>Enregistrer l&apos;envoi</source>
        <translation>Save the bundle</translation>
    </message>
    <message>
        <source>Envoi accomp (*.accomp-transfert)</source>
        <translation>accomp bundle (*.accomp-transfert)</translation>
    </message>
    <message numerus="yes">
        <source>Envoi enregistré : %n dossier(s). Empreinte de l&apos;envoi : %1</source>
        <translation>
            <numerusform>Bundle saved: %n file. Bundle fingerprint: %1</numerusform>
            <numerusform>Bundle saved: %n files. Bundle fingerprint: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoImportAction</name>
    <message>
        <source>Annuler le &amp;dernier import…</source>
        <translation>&amp;Undo the last import…</translation>
    </message>
    <message>
        <source>Retirer tout ce que le dernier import a ajouté</source>
        <translation>Remove everything the last import added</translation>
    </message>
    <message>
        <source>Annuler le dernier import</source>
        <translation>Undo the last import</translation>
    </message>
    <message>
        <source>Annuler l’import du %1 ? Ses %2 activité(s) et %3 dossier(s) créé(s) seront retirés du coffre.</source>
        <translation>Undo the import of %1? Its %2 activity(ies) and %3 file(s) created will be removed from the vault.</translation>
    </message>
    <message>
        <source>Import annulé : %1 activité(s) et %2 dossier(s) retirés.</source>
        <translation>Import undone: %1 activity(ies) and %2 file(s) removed.</translation>
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
        <source>Autre p&amp;rofil…</source>
        <translation>Other p&amp;rofile…</translation>
    </message>
    <message>
        <source>Ouvrir un autre profil</source>
        <translation>Open another profile</translation>
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
    <name>UpcomingModel</name>
    <message>
        <source>Quand</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>À apporter</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <source>En retard</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Aujourd&apos;hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Cette semaine</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Plus tard</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>UpcomingPanel</name>
    <message>
        <source>À venir</source>
        <translation>Coming up</translation>
    </message>
    <message>
        <source>Rendez-vous à venir</source>
        <translation>Upcoming appointments</translation>
    </message>
    <message>
        <source>Aucun rendez-vous prévu.</source>
        <translation>No appointment planned.</translation>
    </message>
    <message>
        <source>Marquer &amp;manqué</source>
        <translation>Mark &amp;missed</translation>
    </message>
    <message>
        <source>Marquer &amp;honoré</source>
        <translation>Mark &amp;attended</translation>
    </message>
    <message>
        <source>A&amp;nnuler le rendez-vous</source>
        <translation>Ca&amp;ncel the appointment</translation>
    </message>
    <message>
        <source>&amp;Carte pour la personne (PDF)…</source>
        <translation>&amp;Card for the person (PDF)…</translation>
    </message>
    <message>
        <source>E&amp;xporter vers l&apos;agenda (.ics)…</source>
        <translation>E&amp;xport to the calendar (.ics)…</translation>
    </message>
    <message>
        <source>Inclure le &amp;nom dans l&apos;agenda</source>
        <translation>Include the &amp;name in the calendar</translation>
    </message>
    <message>
        <source>Par défaut, l&apos;agenda ne reçoit que le code du dossier et le lieu.</source>
        <translation>By default, the calendar gets only the file code and the place.</translation>
    </message>
    <message>
        <source>&amp;Prévoir un rendez-vous…</source>
        <translation>&amp;Plan an appointment…</translation>
    </message>
    <message>
        <source>Rendez-vous manqués ce mois-ci : %1</source>
        <translation>Appointments missed this month: %1</translation>
    </message>
    <message>
        <source>Nom dans l&apos;agenda</source>
        <translation>Name in the calendar</translation>
    </message>
    <message>
        <source>Un agenda de bureau est souvent partagé et synchronisé hors de ce poste. Le nom de la personne y sera lisible par d&apos;autres. L&apos;inclure quand même ?</source>
        <translation>An office calendar is often shared and synced outside this computer. Others will be able to read the person&apos;s name there. Include it anyway?</translation>
    </message>
    <message>
        <source>Exporter vers l&apos;agenda</source>
        <translation>Export to the calendar</translation>
    </message>
    <message>
        <source>Agenda (*.ics)</source>
        <translation>Calendar (*.ics)</translation>
    </message>
    <message>
        <source>Carte de rendez-vous</source>
        <translation>Appointment card</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Ouvrir le profil « %1 »</source>
        <translation>Open the profile “%1”</translation>
    </message>
</context>
<context>
    <name>destinations</name>
    <message>
        <source>Le fichier « %1 » existe déjà. Voulez-vous le remplacer ?</source>
        <translation>The file “%1” already exists. Do you want to replace it?</translation>
    </message>
</context>
<context>
    <name>drafts</name>
    <message>
        <source>une activité</source>
        <translation>a session</translation>
    </message>
    <message>
        <source>un atelier</source>
        <translation>a workshop</translation>
    </message>
    <message>
        <source>un dossier de bénéficiaire</source>
        <translation>a beneficiary file</translation>
    </message>
    <message>
        <source>un consentement</source>
        <translation>a consent</translation>
    </message>
    <message>
        <source>un mandat</source>
        <translation>a mandate</translation>
    </message>
    <message>
        <source>%1 (dossier %2)</source>
        <translation>%1 (file %2)</translation>
    </message>
    <message>
        <source>%1, dernière modification le %2 à %3</source>
        <translation>%1, last changed on %2 at %3</translation>
    </message>
    <message>
        <source>accomp — Saisie non enregistrée</source>
        <translation>accomp — Unsaved entry</translation>
    </message>
    <message>
        <source>Une saisie n&apos;a pas été enregistrée : %1.</source>
        <translation>An entry was not saved: %1.</translation>
    </message>
    <message>
        <source>Reprendre rouvre le formulaire tel qu&apos;il était. « Plus tard » garde le brouillon dans le coffre.</source>
        <translation>Resume reopens the form as it was. “Later” keeps the draft in the vault.</translation>
    </message>
    <message>
        <source>&amp;Reprendre</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <source>&amp;Supprimer le brouillon</source>
        <translation>&amp;Delete the draft</translation>
    </message>
    <message>
        <source>Plus &amp;tard</source>
        <translation>&amp;Later</translation>
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
    <name>passphrase_form</name>
    <message>
        <source>A&amp;fficher les caractères</source>
        <translation>&amp;Show characters</translation>
    </message>
    <message>
        <source>C&amp;onfirmation :</source>
        <translation>C&amp;onfirmation:</translation>
    </message>
    <message>
        <source>Confirmation de la nouvelle phrase de passe</source>
        <translation>Confirmation of the new passphrase</translation>
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
        <source>Solidité de la nouvelle phrase de passe</source>
        <translation>Strength of the new passphrase</translation>
    </message>
    <message>
        <source>Solidité de la phrase de passe</source>
        <translation>Passphrase strength</translation>
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
</context>
</TS>
