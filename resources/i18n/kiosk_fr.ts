<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>BadgeScreen</name>
    <message>
        <location filename="../../ui/screens/badge.py" line="78"/>
        <source>Printing… take your card from the printer.</source>
        <translation>Impression en cours… Prenez votre carte dans l’imprimante.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="80"/>
        <source>The printer did not answer. Take a photo of your badge instead.</source>
        <translation>L’imprimante ne répond pas. Prenez plutôt votre badge en photo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="91"/>
        <source>The badge of %1, enrolled in the workshop.</source>
        <translation>Le badge de %1, inscrit·e à l&apos;atelier.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="95"/>
        <source>The new badge of %1. The old one no longer works.</source>
        <translation>Le nouveau badge de %1. L’ancien ne marche plus.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="98"/>
        <source>Welcome %1! Here is your badge.</source>
        <translation>Bienvenue %1&#xa0;! Voici votre badge.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="101"/>
        <source>Take a photo of it with your phone. Show it to the camera each time you come and go.</source>
        <translation>Prenez-le en photo avec votre téléphone. Montrez-le à la caméra à chaque arrivée et à chaque départ.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="105"/>
        <source>No badge with you? Type this code:</source>
        <translation>Badge oublié&#xa0;? Tapez ce code&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="106"/>
        <source>Print my badge</source>
        <translation>Imprimer mon badge</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="107"/>
        <source>Check in now</source>
        <translation>Enregistrer mon arrivée</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="108"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>CertificationsPanel</name>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="44"/>
        <source>First name, last name or badge code</source>
        <translation>Prénom, nom ou code du badge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="45"/>
        <source>Search</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="56"/>
        <source>Nobody found. Check the spelling, or scan the badge.</source>
        <translation>Personne trouvé. Vérifiez l’orthographe, ou passez le badge.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="73"/>
        <source>Scan a member&apos;s badge, or search by name, to see their trainings.</source>
        <translation>Passez le badge d’un membre, ou cherchez son nom, pour voir ses formations.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="78"/>
        <source>Trainings of %1</source>
        <translation>Formations de %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="81"/>
        <source>No tutorial passed yet.</source>
        <translation>Aucun tutoriel réussi pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="97"/>
        <source>theory passed %1</source>
        <translation>théorie réussie le %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="99"/>
        <source>practical confirmed</source>
        <translation>pratique validée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/certifications_panel.py" line="104"/>
        <source>Confirm the practical part</source>
        <translation>Valider la pratique</translation>
    </message>
</context>
<context>
    <name>CodeEntryScreen</name>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="72"/>
        <source>Type the code printed under your QR code</source>
        <translation>Tapez le code écrit sous votre QR code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="73"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="74"/>
        <source>OK</source>
        <translation>Valider</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <location filename="../../ui/widgets/consent.py" line="59"/>
        <source>What we keep</source>
        <translation>Ce que nous gardons</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="61"/>
        <source>Your first name.
If you gave them: last name, email, age group, postcode.
The times you come and go.</source>
        <translation>Votre prénom.
Si vous les avez donnés&#xa0;: nom, e-mail, tranche d’âge, code postal.
Les heures où vous arrivez et partez.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="67"/>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="69"/>
        <source>To know who is inside, for safety.
To check memberships.
To count visits for the people who fund us.</source>
        <translation>Pour savoir qui est à l’intérieur, pour la sécurité.
Pour vérifier les adhésions.
Pour compter les visites pour ceux qui nous financent.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="75"/>
        <source>How long</source>
        <translation>Combien de temps</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="77"/>
        <source>Your visits become anonymous after %1 months.
Your details stay while you are a member.</source>
        <translation>Vos visites deviennent anonymes après %1&#xa0;mois.
Vos informations restent tant que vous êtes membre.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="82"/>
        <source>Your rights</source>
        <translation>Vos droits</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="84"/>
        <source>Ask staff to see, correct or erase your data, at any time.
Nobody else receives your data. Your badge holds only a number.
You can complain to the CNIL (cnil.fr).</source>
        <translation>Demandez à l’équipe de voir, corriger ou effacer vos données, à tout moment.
Personne d’autre ne reçoit vos données. Votre badge ne contient qu’un numéro.
Vous pouvez vous plaindre à la CNIL (cnil.fr).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="90"/>
        <source>Who is responsible</source>
        <translation>Qui est responsable</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/consent.py" line="92"/>
        <source>%1 keeps your data, with your consent (the button below).
To ask anything: the staff at the desk.</source>
        <translation>%1 garde vos données, avec votre accord (le bouton en bas).
Pour toute question&#xa0;: l’équipe à l’accueil.</translation>
    </message>
</context>
<context>
    <name>ExceptionsPanel</name>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="194"/>
        <source>From %1 to %2</source>
        <translation>Du %1 au %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="206"/>
        <source>No exception planned.</source>
        <translation>Aucune exception prévue.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="214"/>
        <location filename="../../ui/widgets/exceptions_panel.py" line="263"/>
        <source>Everywhere</source>
        <translation>Partout</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="219"/>
        <source>closed</source>
        <translation>fermé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="225"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="250"/>
        <source>Exception added.</source>
        <translation>Exception ajoutée.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="259"/>
        <source>Exception removed.</source>
        <translation>Exception supprimée.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="266"/>
        <source>Exceptions coming:</source>
        <translation>Exceptions à venir&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="267"/>
        <source>Add one — where:</source>
        <translation>En ajouter une — où&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="268"/>
        <source>Comment shown to visitors:</source>
        <translation>Message affiché aux visiteurs&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="274"/>
        <source>On the calendar, tap the first day, then the last day.</source>
        <translation>Sur le calendrier, touchez le premier jour, puis le dernier.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="275"/>
        <source>Closed</source>
        <translation>Fermé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="276"/>
        <source>Open from/to</source>
        <translation>Ouvert de/à</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/exceptions_panel.py" line="277"/>
        <source>Add the exception</source>
        <translation>Ajouter l’exception</translation>
    </message>
</context>
<context>
    <name>GuestScreen</name>
    <message>
        <location filename="../../ui/screens/guest.py" line="81"/>
        <source>Welcome!</source>
        <translation>Bienvenue&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="82"/>
        <source>How many are you?</source>
        <translation>Vous êtes combien&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="83"/>
        <source>Why are you here today? Tap one.</source>
        <translation>Pourquoi venez-vous aujourd’hui&#xa0;? Choisissez une réponse.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="86"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>ListenButton</name>
    <message>
        <location filename="../../ui/widgets/listen.py" line="139"/>
        <location filename="../../ui/widgets/listen.py" line="144"/>
        <source>Listen</source>
        <translation>Écouter</translation>
    </message>
</context>
<context>
    <name>MachineCard</name>
    <message>
        <location filename="../../ui/widgets/machine_card.py" line="73"/>
        <source>until %1</source>
        <translation>jusqu’à %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/machine_card.py" line="77"/>
        <source>since %1</source>
        <translation>depuis %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/machine_card.py" line="89"/>
        <source>To use it: the tutorial “%1”</source>
        <translation>Pour l’utiliser&#xa0;: le tutoriel «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/machine_card.py" line="94"/>
        <source>No tutorial needed</source>
        <translation>Aucun tutoriel nécessaire</translation>
    </message>
</context>
<context>
    <name>MachinePickerScreen</name>
    <message>
        <location filename="../../ui/screens/machine_picker.py" line="108"/>
        <source>%1 is not free for you now: %2.</source>
        <translation>La machine %1 n’est pas libre pour vous en ce moment&#xa0;: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/machine_picker.py" line="120"/>
        <source>Before using the %1, please take its safety tutorial “%2” and ask a staff member to show you. Thank you!</source>
        <translation>Avant d’utiliser la machine %1, suivez son tutoriel de sécurité «&#xa0;%2&#xa0;» et demandez à quelqu’un de l’équipe de vous la montrer. Merci&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/machine_picker.py" line="129"/>
        <source>Noted!</source>
        <translation>C’est noté&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/machine_picker.py" line="136"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/screens/machine_picker.py" line="144"/>
        <source>Will you use a machine?</source>
        <translation>Allez-vous utiliser une machine&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/machine_picker.py" line="145"/>
        <source>No machine</source>
        <translation>Aucune machine</translation>
    </message>
    <message>
        <location filename="../../ui/screens/machine_picker.py" line="146"/>
        <source>That&apos;s it</source>
        <translation>Valider</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="150"/>
        <source>pending: fee not paid yet</source>
        <translation>en attente&#xa0;: cotisation pas encore payée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="153"/>
        <source>expired on %1</source>
        <translation>expirée le %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="154"/>
        <source>member until %1</source>
        <translation>membre jusqu’au %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="160"/>
        <source>No member found.</source>
        <translation>Aucun membre trouvé.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="166"/>
        <source>staff</source>
        <translation>équipe</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="186"/>
        <source>no email</source>
        <translation>pas d’e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="187"/>
        <source>registered on %1</source>
        <translation>inscrit·e le %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="193"/>
        <source>Fee paid: validate</source>
        <translation>Cotisation payée&#xa0;: valider</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="193"/>
        <source>Set this end date</source>
        <translation>Mettre cette date de fin</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="202"/>
        <source>Badge opens staff mode: yes</source>
        <translation>Badge équipe&#xa0;: oui</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="204"/>
        <source>Badge opens staff mode: no</source>
        <translation>Badge équipe&#xa0;: non</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="234"/>
        <source>Saved: member until %1.</source>
        <translation>Enregistré&#xa0;: membre jusqu’au %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="242"/>
        <source>Renewed: member until %1.</source>
        <translation>Renouvelé&#xa0;: membre jusqu’au %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="246"/>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="257"/>
        <source>New badge made: the old one no longer works.</source>
        <translation>Nouveau badge fait&#xa0;: l’ancien ne marche plus.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="265"/>
        <source>Erase %1 for good?</source>
        <translation>Effacer %1 pour toujours&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/members_panel.py" line="279"/>
        <source>Erased. %n visit(s) kept as anonymous counts.</source>
        <translation>
            <numerusform>Effacé. %n visite gardée dans les comptes, sans nom.</numerusform>
            <numerusform>Effacé. %n visites gardées dans les comptes, sans nom.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="283"/>
        <source>Name, email or badge code</source>
        <translation>Nom, e-mail ou code du badge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="284"/>
        <source>Search</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="285"/>
        <source>Pending memberships come first.</source>
        <translation>Les adhésions en attente sont en premier.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="286"/>
        <source>Back to the list</source>
        <translation>Retour à la liste</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="287"/>
        <source>Member until:</source>
        <translation>Membre jusqu’au&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="288"/>
        <source>Renew one year</source>
        <translation>Renouveler un an</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="289"/>
        <source>New badge</source>
        <translation>Nouveau badge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="290"/>
        <source>Erase this member…</source>
        <translation>Effacer ce membre…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="293"/>
        <source>Name, email, postcode and trainings are deleted here and on the server. The badge stops working. Past visits stay, without the name, in the yearly counts. This cannot be undone.</source>
        <translation>Le nom, l’e-mail, le code postal et les formations sont effacés ici et sur le serveur. Le badge ne marche plus. Les visites passées restent, sans le nom, dans les comptes de l’année. On ne peut pas revenir en arrière.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="298"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/members_panel.py" line="299"/>
        <source>Erase for good</source>
        <translation>Effacer pour toujours</translation>
    </message>
</context>
<context>
    <name>NetworkVisitorScreen</name>
    <message>
        <location filename="../../ui/screens/network_visitor.py" line="71"/>
        <source>Welcome!</source>
        <translation>Bienvenue&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/network_visitor.py" line="73"/>
        <source>You are a member of %1.</source>
        <translation>Vous êtes membre de %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/network_visitor.py" line="75"/>
        <source>Your badge works here too. What would you like?</source>
        <translation>Votre badge fonctionne ici aussi. Que souhaitez-vous&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/network_visitor.py" line="76"/>
        <source>Just come in</source>
        <translation>Juste entrer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/network_visitor.py" line="77"/>
        <source>Register here</source>
        <translation>M&apos;inscrire ici</translation>
    </message>
    <message>
        <location filename="../../ui/screens/network_visitor.py" line="78"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>OutOfOrderScreen</name>
    <message>
        <location filename="../../ui/screens/out_of_order.py" line="36"/>
        <source>This kiosk is out of order</source>
        <translation>Cette borne est en panne</translation>
    </message>
    <message>
        <location filename="../../ui/screens/out_of_order.py" line="38"/>
        <source>Sorry! Please tell a staff member: they will note your visit.</source>
        <translation>Désolé&#xa0;! Prévenez un membre de l’équipe&#xa0;: il notera votre passage.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/out_of_order.py" line="40"/>
        <source>For staff: %1</source>
        <translation>Pour l’équipe&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>PresencePanel</name>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="76"/>
        <source>space not given</source>
        <translation>espace non indiqué</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/presence_panel.py" line="83"/>
        <source>%n person(s) in the building</source>
        <translation>
            <numerusform>%n personne dans le bâtiment</numerusform>
            <numerusform>%n personnes dans le bâtiment</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="85"/>
        <source>Nobody is checked in.</source>
        <translation>Personne n’est entré.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="88"/>
        <source>Guests counted today: %1 (guests do not check out).</source>
        <translation>Invités comptés aujourd’hui&#xa0;: %1 (les invités ne signalent pas leur sortie).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="106"/>
        <source>%1 — since %2 — %3</source>
        <translation>%1 — depuis %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="112"/>
        <source>Check out</source>
        <translation>Faire sortir</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="122"/>
        <source>a member of %1</source>
        <translation>membre de %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="131"/>
        <source>Checked out.</source>
        <translation>Sortie enregistrée.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/presence_panel.py" line="142"/>
        <source>%n forgotten visit(s) closed at closing time.</source>
        <translation>
            <numerusform>%n visite oubliée fermée à l’heure de fermeture.</numerusform>
            <numerusform>%n visites oubliées fermées à l’heure de fermeture.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="144"/>
        <source>No forgotten visit: everyone checked in came today.</source>
        <translation>Aucune visite oubliée&#xa0;: toutes les personnes entrées sont venues aujourd’hui.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="150"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presence_panel.py" line="151"/>
        <source>Close forgotten visits</source>
        <translation>Fermer les visites oubliées</translation>
    </message>
</context>
<context>
    <name>QuizPage</name>
    <message>
        <location filename="../../ui/widgets/quiz_page.py" line="113"/>
        <source>Question %1 of %2</source>
        <translation>Question %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/quiz_page.py" line="145"/>
        <source>Right!</source>
        <translation>Bonne réponse&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/quiz_page.py" line="145"/>
        <source>Not quite.</source>
        <translation>Pas tout à fait.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/quiz_page.py" line="167"/>
        <source>See my result</source>
        <translation>Voir mon résultat</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/quiz_page.py" line="167"/>
        <source>Next question</source>
        <translation>Question suivante</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/quiz_page.py" line="179"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message>
        <location filename="../../ui/screens/register.py" line="244"/>
        <source>Your registration could not be saved. Please ask a staff member.</source>
        <translation>Votre inscription n’a pas pu être enregistrée. Demandez à quelqu’un de l’équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="252"/>
        <source>Please type your first name.</source>
        <translation>Tapez votre prénom, s’il vous plaît.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="253"/>
        <source>This first name is too long.</source>
        <translation>Ce prénom est trop long.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="254"/>
        <source>This last name is too long.</source>
        <translation>Ce nom est trop long.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="255"/>
        <source>This email address looks wrong, e.g. name@example.org</source>
        <translation>Cette adresse e-mail semble incorrecte. Exemple&#xa0;: nom@example.org</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="256"/>
        <source>This postcode looks wrong, e.g. 80000</source>
        <translation>Ce code postal semble incorrect. Exemple&#xa0;: 80000</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="261"/>
        <source>What is your first name?</source>
        <translation>Quel est votre prénom&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="262"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="263"/>
        <source>Last name (if you wish)</source>
        <translation>Nom de famille (si vous voulez)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="264"/>
        <source>How old are you?</source>
        <translation>Quel âge avez-vous&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="265"/>
        <source>This helps us count who comes. Tap one.</source>
        <translation>Cela nous aide à savoir qui vient chez nous. Choisissez une réponse.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="267"/>
        <source>I&apos;d rather not say</source>
        <translation>Ne pas répondre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="268"/>
        <source>Email and postcode</source>
        <translation>E-mail et code postal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="269"/>
        <source>Email (if you wish): to receive your badge again</source>
        <translation>E-mail (si vous voulez)&#xa0;: pour vous renvoyer votre badge si besoin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="270"/>
        <source>Postcode (if you wish)</source>
        <translation>Code postal (si vous voulez)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="271"/>
        <source>What we keep about you</source>
        <translation>Ce que nous gardons sur vous</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="273"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="276"/>
        <source>Step %1 of %2</source>
        <translation>Étape %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="278"/>
        <location filename="../../ui/screens/register.py" line="279"/>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="280"/>
        <source>No thanks</source>
        <translation>Non merci</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="281"/>
        <source>I agree</source>
        <translation>J’accepte</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="91"/>
        <source>Visits by month, %1 and %2</source>
        <translation>Visites par mois, %1 et %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="108"/>
        <location filename="../../ui/widgets/report_charts.py" line="121"/>
        <location filename="../../ui/widgets/report_charts.py" line="126"/>
        <source>not given</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="110"/>
        <source>Visits by space, %1</source>
        <translation>Visites par espace, %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="120"/>
        <source>Visits by purpose, %1</source>
        <translation>Visites par motif, %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="130"/>
        <source>Visits by age, %1</source>
        <translation>Visites par âge, %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="135"/>
        <source>Different people by age, %1</source>
        <translation>Personnes différentes par âge, %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="141"/>
        <source>Guests give no age: their visits are under “not given”. Different people counts members only.</source>
        <translation>Les invités ne donnent pas d’âge&#xa0;: leurs visites sont dans «&#xa0;non renseigné&#xa0;». Personnes différentes ne compte que les membres.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="148"/>
        <source>Visits by day of the week, %1</source>
        <translation>Visites par jour de la semaine, %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="158"/>
        <source>Visits by hour of arrival, %1</source>
        <translation>Visites par heure d’arrivée, %1</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="314"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="316"/>
        <source>Could not count the visits: %1</source>
        <translation>Impossible de compter les visites&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="320"/>
        <source>All kiosks (central server)</source>
        <translation>Toutes les bornes (serveur central)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="322"/>
        <source>This kiosk only — not connected to a server</source>
        <translation>Cette borne seulement — pas reliée à un serveur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="325"/>
        <source>This kiosk only — the server could not be reached: %1</source>
        <translation>Cette borne seulement — le serveur ne répond pas&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="329"/>
        <source>This kiosk only</source>
        <translation>Cette borne seulement</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="333"/>
        <source>updated %1</source>
        <translation>mis à jour %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/report_panel.py" line="337"/>
        <source>%n visit(s) of this kiosk are not on the server yet</source>
        <translation>
            <numerusform>%n visite de cette borne n’est pas encore sur le serveur</numerusform>
            <numerusform>%n visites de cette borne ne sont pas encore sur le serveur</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="361"/>
        <source>USB stick %1</source>
        <translation>Clé USB %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="362"/>
        <source>This kiosk (exports folder)</source>
        <translation>Cette borne (dossier exports)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="369"/>
        <source>No USB stick found — plug one in and press Refresh</source>
        <translation>Aucune clé USB trouvée — branchez-en une et appuyez sur Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="374"/>
        <source>Save the %1 counts in a file</source>
        <translation>Enregistrer les chiffres %1 dans un fichier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="388"/>
        <source>Saving on %1…</source>
        <translation>Enregistrement sur %1…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="393"/>
        <source>Saved on USB stick %1: %2</source>
        <translation>Enregistré sur la clé USB %1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="395"/>
        <source>Saved on this kiosk: %1</source>
        <translation>Enregistré sur cette borne&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="401"/>
        <source>Could not save on USB stick %1: %2. Is it full, write-protected or pulled out?</source>
        <translation>Impossible d’enregistrer sur la clé USB %1&#xa0;: %2. Est-elle pleine, protégée en écriture ou retirée&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="408"/>
        <source>Could not save on this kiosk: %1</source>
        <translation>Impossible d’enregistrer sur cette borne&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="426"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="430"/>
        <source>Months</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="431"/>
        <source>Spaces</source>
        <translation>Espaces</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="432"/>
        <source>Ages</source>
        <translation>Âges</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="433"/>
        <source>Days</source>
        <translation>Jours</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="434"/>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="435"/>
        <source>Workshops</source>
        <translation>Ateliers</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="436"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="441"/>
        <source>Where to save it:</source>
        <translation>Où l’enregistrer&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="443"/>
        <source>Save as CSV</source>
        <translation>Enregistrer en CSV</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_panel.py" line="443"/>
        <source>Save as Excel (XLSX)</source>
        <translation>Enregistrer en Excel (XLSX)</translation>
    </message>
</context>
<context>
    <name>ReportSheet</name>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="20"/>
        <source>Visits (people)</source>
        <translation>Visites (personnes)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="21"/>
        <source>Visits by members</source>
        <translation>Visites des membres</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="22"/>
        <source>Visits by members of the network&apos;s other places</source>
        <translation>Visiteurs du réseau (membres d&apos;autres lieux)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="25"/>
        <source>Different people</source>
        <translation>Personnes différentes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="26"/>
        <source>New members</source>
        <translation>Nouveaux membres</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="27"/>
        <source>Guests</source>
        <translation>Invités</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="28"/>
        <source>Guest groups</source>
        <translation>Groupes d’invités</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="31"/>
        <source>Workshops</source>
        <translation>Ateliers</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="32"/>
        <source>Workshop sessions</source>
        <translation>Séances d’atelier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="33"/>
        <source>Half-days</source>
        <translation>Demi-journées</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="34"/>
        <source>Different trainees</source>
        <translation>Stagiaires différents</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="35"/>
        <source>Trainee-hours</source>
        <translation>Heures-stagiaires</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="37"/>
        <source>%1 by funder</source>
        <translation>%1 par financeur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="38"/>
        <source>%1 by age</source>
        <translation>%1 par âge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="40"/>
        <source>Workshops and trainings</source>
        <translation>Ateliers et formations</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="41"/>
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="42"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="43"/>
        <source>Day of the week</source>
        <translation>Jour de la semaine</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="44"/>
        <source>Hour of arrival</source>
        <translation>Heure d’arrivée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="45"/>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="46"/>
        <source>Purpose</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="47"/>
        <source>Visits by age</source>
        <translation>Visites par âge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="48"/>
        <source>Different people by age</source>
        <translation>Personnes différentes par âge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="53"/>
        <source>Year %1</source>
        <translation>Année %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="63"/>
        <source>not given</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="70"/>
        <source>no funder</source>
        <translation>sans financeur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="80"/>
        <source>%1 h to %2 h</source>
        <translation>%1 h à %2 h</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="91"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="92"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="93"/>
        <source>Which</source>
        <translation>Lequel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_sheet.py" line="94"/>
        <source>How many</source>
        <translation>Combien</translation>
    </message>
</context>
<context>
    <name>ReportTiles</name>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="206"/>
        <source>Visits (people)</source>
        <translation>Visites (personnes)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="207"/>
        <source>Different people</source>
        <translation>Personnes différentes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="208"/>
        <source>New members</source>
        <translation>Nouveaux membres</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="209"/>
        <source>Guests</source>
        <translation>Invités</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/report_charts.py" line="212"/>
        <source>Guests (%n group(s))</source>
        <translation>
            <numerusform>Invités (%n groupe)</numerusform>
            <numerusform>Invités (%n groupes)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="231"/>
        <source>%1 in %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="233"/>
        <source>%1 vs %2 (%3)</source>
        <translation>%1 par rapport à %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="236"/>
        <source>%1 in all of %2</source>
        <translation>%1 sur toute l’année %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_charts.py" line="244"/>
        <source>%1: %2 vs %3</source>
        <translation>%1&#xa0;: %2 par rapport à %3</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../../ui/screens/result.py" line="150"/>
        <source>Your visit could not be recorded</source>
        <translation>Votre visite n’a pas été enregistrée</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="164"/>
        <location filename="../../ui/screens/result.py" line="218"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="153"/>
        <source>Sorry, it is not your fault: the kiosk cannot save right now. Please tell a staff member.</source>
        <translation>Désolé, ce n’est pas de votre faute&#xa0;: la borne ne peut rien enregistrer pour l’instant. Prévenez un membre de l’équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="170"/>
        <source>For staff: the disk is full. Nothing was lost; free some space (sudo fablab-kiosk doctor says how).</source>
        <translation>Pour l’équipe&#xa0;: le disque est plein. Rien n’est perdu&#xa0;; libérez de la place (sudo fablab-kiosk doctor explique comment).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="174"/>
        <source>For staff: the database is damaged. Stop the kiosk, then: sudo fablab-kiosk backup restore</source>
        <translation>Pour l’équipe&#xa0;: la base de données est abîmée. Arrêtez la borne, puis&#xa0;: sudo fablab-kiosk backup restore</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="178"/>
        <source>For staff: the database is missing. Stop the kiosk, then: sudo fablab-kiosk backup restore</source>
        <translation>Pour l’équipe&#xa0;: la base de données a disparu. Arrêtez la borne, puis&#xa0;: sudo fablab-kiosk backup restore</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="182"/>
        <source>For staff: the database cannot be written (permissions, or a read-only disk). Run: sudo fablab-kiosk doctor</source>
        <translation>Pour l’équipe&#xa0;: la base de données ne peut pas être écrite (droits, ou disque en lecture seule). Lancez&#xa0;: sudo fablab-kiosk doctor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="186"/>
        <source>For staff: another program held the database too long. Try again in a moment.</source>
        <translation>Pour l’équipe&#xa0;: un autre programme a gardé la base de données trop longtemps. Réessayez dans un instant.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="191"/>
        <source>For staff: the database could not be written. Run: sudo fablab-kiosk doctor</source>
        <translation>Pour l’équipe&#xa0;: la base de données n’a pas pu être écrite. Lancez&#xa0;: sudo fablab-kiosk doctor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="224"/>
        <source>Leaving already, %1?</source>
        <translation>Vous partez déjà, %1&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="226"/>
        <source>Leaving already?</source>
        <translation>Vous partez déjà&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="228"/>
        <source>You checked in at %1.</source>
        <translation>Vous êtes arrivé·e à %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="229"/>
        <source>Yes, I am leaving</source>
        <translation>Oui, je pars</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="231"/>
        <source>No, I am staying</source>
        <translation>Non, je reste</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="238"/>
        <location filename="../../ui/screens/result.py" line="264"/>
        <source>Welcome!</source>
        <translation>Bienvenue&#xa0;!</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/result.py" line="240"/>
        <source>%n person(s) counted. Enjoy your visit.</source>
        <translation>
            <numerusform>%n&#xa0;personne comptée. Bonne visite&#xa0;!</numerusform>
            <numerusform>%n&#xa0;personnes comptées. Bonne visite&#xa0;!</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="249"/>
        <source>Goodbye %1!</source>
        <translation>Au revoir %1&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="251"/>
        <source>Goodbye!</source>
        <translation>Au revoir&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="255"/>
        <source>Checked out at %1. You stayed %2.</source>
        <translation>Départ noté à %1. Votre visite a duré %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="262"/>
        <source>Hello %1!</source>
        <translation>Bonjour %1&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="267"/>
        <source>Checked in at %1.</source>
        <translation>Arrivée notée à %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="280"/>
        <source>I will use a machine</source>
        <translation>Je vais utiliser une machine</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="282"/>
        <source>Where are you going today?</source>
        <translation>Où allez-vous aujourd’hui&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="284"/>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="290"/>
        <source>Your membership has expired. Your visit is recorded: please see a staff member to renew it.</source>
        <translation>Votre adhésion n’est plus valable. Votre visite est bien notée. Pour renouveler votre adhésion, parlez à quelqu’un de l’équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="297"/>
        <source>Your membership is not paid yet. Please see a staff member.</source>
        <translation>Votre adhésion n’est pas encore payée. Parlez à quelqu’un de l’équipe, s’il vous plaît.</translation>
    </message>
</context>
<context>
    <name>RosterExport</name>
    <message>
        <location filename="../../ui/widgets/roster_export.py" line="86"/>
        <source>USB stick %1</source>
        <translation>Clé USB %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_export.py" line="88"/>
        <source>This kiosk (exports folder)</source>
        <translation>Cette borne (dossier des exports)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_export.py" line="99"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/roster_export.py" line="110"/>
        <source>Saved: the sheet and %n certificate(s) in %1</source>
        <translation>
            <numerusform>Enregistré&#xa0;: la feuille et %n attestation dans %1</numerusform>
            <numerusform>Enregistré&#xa0;: la feuille et %n attestations dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_export.py" line="122"/>
        <source>Could not save on USB stick %1: %2. Is it full or pulled out?</source>
        <translation>Impossible d&apos;enregistrer sur la clé USB %1&#xa0;: %2. Est-elle pleine ou retirée&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_export.py" line="131"/>
        <source>Save the PDFs on:</source>
        <translation>Enregistrer les PDF sur&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_export.py" line="132"/>
        <source>Save the sheet and the certificates (PDF)</source>
        <translation>Enregistrer la feuille et les attestations (PDF)</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="173"/>
        <source>not recorded yet</source>
        <translation>rien d&apos;inscrit encore</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="175"/>
        <source>signed at %1</source>
        <translation>a signé à %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="177"/>
        <source>late, allowed by %1: %2</source>
        <translation>en retard, autorisé par %1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="181"/>
        <source>checked in at %1, no signature</source>
        <translation>arrivé·e à %1 (badge), sans signature</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="185"/>
        <source>absent</source>
        <translation>absent·e</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="187"/>
        <source>excused: %1</source>
        <translation>excusé·e&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="189"/>
        <source>cannot sign, countersigned by %1</source>
        <translation>ne peut pas signer, contresigné par %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="193"/>
        <source>arrived %1</source>
        <translation>arrivé·e à %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="195"/>
        <source>left %1</source>
        <translation>parti·e à %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="200"/>
        <source>passed, practical done</source>
        <translation>réussi, pratique faite</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="202"/>
        <source>quiz passed</source>
        <translation>quiz réussi</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="205"/>
        <source>step %1 of %2</source>
        <translation>étape %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="210"/>
        <source>not started</source>
        <translation>pas commencé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="211"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="215"/>
        <source>(trainee erased)</source>
        <translation>(stagiaire effacé·e)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="248"/>
        <source>Afternoon</source>
        <translation>Après-midi</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="248"/>
        <source>Morning</source>
        <translation>Matin</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="255"/>
        <source>Nobody is enrolled in this workshop.</source>
        <translation>Personne n&apos;est inscrit à cet atelier.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="269"/>
        <source>Trainer: %1</source>
        <translation>Formateur·rice&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="271"/>
        <source>signed by %1 at %2</source>
        <translation>signé par %1 à %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="275"/>
        <source>not signed yet</source>
        <translation>pas encore signé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="283"/>
        <source>Closed by %1 at %2; the sheet is sealed.</source>
        <translation>Close par %1 à %2&#xa0;; la feuille est scellée.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="328"/>
        <source>Type your name first: the sheet keeps who changed it.</source>
        <translation>Tapez d&apos;abord votre nom&#xa0;: la feuille garde qui l&apos;a modifiée.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="346"/>
        <location filename="../../ui/widgets/roster_page.py" line="364"/>
        <source>Saved for %1.</source>
        <translation>Enregistré pour %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="381"/>
        <source>Type the trainer&apos;s name: they close the session.</source>
        <translation>Tapez le nom du formateur ou de la formatrice&#xa0;: c&apos;est lui ou elle qui clôt la séance.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="388"/>
        <source>Session closed: empty boxes are absent, the sheet is sealed.</source>
        <translation>Séance close&#xa0;: les cases vides sont «&#xa0;absent&#xa0;», la feuille est scellée.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="395"/>
        <source>Your name (staff):</source>
        <translation>Votre nom (équipe)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="396"/>
        <source>Trainer:</source>
        <translation>Formateur·rice&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="397"/>
        <source>Reason (excused, late):</source>
        <translation>Raison (excusé, retard)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="398"/>
        <source>Time:</source>
        <translation>Heure&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="403"/>
        <source>Back to the workshop</source>
        <translation>Retour à l&apos;atelier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="404"/>
        <source>Absent</source>
        <translation>Absent·e</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="405"/>
        <source>Excused</source>
        <translation>Excusé·e</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="406"/>
        <source>Cannot sign: I countersign</source>
        <translation>Ne peut pas signer&#xa0;: je contresigne</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="407"/>
        <source>Arrived at</source>
        <translation>Arrivé·e à</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="408"/>
        <source>Left at</source>
        <translation>Parti·e à</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="409"/>
        <source>Signs now…</source>
        <translation>Signe maintenant…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="410"/>
        <source>The trainer signs this half-day…</source>
        <translation>Le formateur signe cette demi-journée…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/roster_page.py" line="411"/>
        <source>Close the session</source>
        <translation>Clore la séance</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="113"/>
        <source>once</source>
        <translation>une seule fois</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/session_form.py" line="113"/>
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n semaine</numerusform>
            <numerusform>%n semaines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="120"/>
        <source>Move session %1 to:</source>
        <translation>Déplacer la séance %1 au&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="121"/>
        <source>Move it</source>
        <translation>La déplacer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="123"/>
        <source>Add sessions: tap the day</source>
        <translation>Ajouter des séances&#xa0;: touchez le jour</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="124"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="125"/>
        <source>Do not move</source>
        <translation>Ne pas déplacer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="129"/>
        <source>Starts at:</source>
        <translation>Début&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="129"/>
        <source>Ends at:</source>
        <translation>Fin&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_form.py" line="129"/>
        <source>Every week:</source>
        <translation>Chaque semaine&#xa0;:</translation>
    </message>
</context>
<context>
    <name>SheetSigning</name>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="81"/>
        <source>Type the trainer&apos;s name on the roster first.</source>
        <translation>Tapez d&apos;abord le nom du formateur sur la liste.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="99"/>
        <source>Signature of %1 recorded.</source>
        <translation>Signature de %1 enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="102"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="103"/>
        <source>Confirm</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="104"/>
        <source>Back to the roster</source>
        <translation>Retour à la liste</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="113"/>
        <source>%1, sign with your finger in the box</source>
        <translation>%1, signez avec le doigt dans le cadre</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="115"/>
        <source>Recorded by %1.</source>
        <translation>Enregistré par %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="123"/>
        <source>(trainee erased)</source>
        <translation>(stagiaire effacé·e)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="131"/>
        <source>%1, sign this half-day&apos;s sheet</source>
        <translation>%1, signez la feuille de cette demi-journée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="133"/>
        <source>Present (%1): %2</source>
        <translation>Présents (%1)&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sheet_signing.py" line="137"/>
        <source>Absent or not recorded (%1): %2</source>
        <translation>Absents ou rien d&apos;inscrit (%1)&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>SignScreen</name>
    <message>
        <location filename="../../ui/screens/sign.py" line="190"/>
        <source>Nothing is signed yet: sign with your finger in the white box, then tap Confirm.</source>
        <translation>Rien n’est encore signé&#xa0;: signez avec le doigt dans le cadre blanc, puis touchez Valider.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="223"/>
        <source>today, {start} to {end}</source>
        <translation>aujourd’hui, de {start} à {end}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="225"/>
        <source>this afternoon, {start} to {end}</source>
        <translation>cet après-midi, de {start} à {end}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="226"/>
        <source>this morning, {start} to {end}</source>
        <translation>ce matin, de {start} à {end}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="229"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="230"/>
        <source>I cannot sign</source>
        <translation>Je ne peux pas signer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="231"/>
        <source>Confirm</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="232"/>
        <source>I am leaving</source>
        <translation>Je pars</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="235"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="241"/>
        <source>Hello {name}!</source>
        <translation>Bonjour {name}&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="243"/>
        <source>Workshop “{title}”, {half}.</source>
        <translation>Atelier «&#xa0;{title}&#xa0;», {half}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="249"/>
        <source>Sign the attendance sheet with your finger in the white box, then tap Confirm.</source>
        <translation>Signez la feuille de présence avec le doigt dans le cadre blanc, puis touchez Valider.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="258"/>
        <source>Thank you {name}, you have signed.</source>
        <translation>Merci {name}, vous avez signé.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="260"/>
        <source>Have a good workshop!</source>
        <translation>Bon atelier&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="264"/>
        <source>{name}, you have already signed for this half-day.</source>
        <translation>{name}, vous avez déjà signé pour cette demi-journée.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="266"/>
        <source>Nothing more to do. Have a good workshop!</source>
        <translation>Rien d’autre à faire. Bon atelier&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="269"/>
        <source>Noted, {name}: you are present.</source>
        <translation>C’est noté, {name}&#xa0;: vous êtes présent·e.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="271"/>
        <source>The sheet says you cannot sign. A member of staff will countersign it.</source>
        <translation>La feuille indique que vous ne pouvez pas signer. Un membre de l’équipe la contresignera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="275"/>
        <location filename="../../ui/screens/sign.py" line="284"/>
        <source>The signature was not recorded.</source>
        <translation>La signature n’a pas été enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="278"/>
        <source>Sorry, it is not your fault: the kiosk cannot save right now. You are checked in. Please tell a staff member.</source>
        <translation>Désolé, ce n’est pas de votre faute&#xa0;: la borne ne peut pas enregistrer pour le moment. Votre arrivée est notée. Prévenez un membre de l’équipe, s’il vous plaît.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign.py" line="286"/>
        <source>You are checked in. Please see a member of staff.</source>
        <translation>Votre arrivée est notée. Voyez un membre de l’équipe, s’il vous plaît.</translation>
    </message>
</context>
<context>
    <name>StaffPinScreen</name>
    <message>
        <location filename="../../ui/screens/staff_pin.py" line="109"/>
        <source>Wrong PIN. Try again.</source>
        <translation>Code PIN incorrect. Réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_pin.py" line="113"/>
        <source>No staff PIN is set on this kiosk. Set one with: fablab-kiosk staff-pin</source>
        <translation>Cette borne n’a pas de code PIN pour l’équipe. Pour en créer un&#xa0;: fablab-kiosk staff-pin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_pin.py" line="117"/>
        <source>This badge does not open staff mode.</source>
        <translation>Ce badge n’ouvre pas le mode équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_pin.py" line="125"/>
        <source>You can try again.</source>
        <translation>Vous pouvez réessayer.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/staff_pin.py" line="128"/>
        <source>Too many wrong PINs. Wait %n second(s).</source>
        <translation>
            <numerusform>Trop de codes PIN incorrects. Attendez %n&#xa0;seconde.</numerusform>
            <numerusform>Trop de codes PIN incorrects. Attendez %n&#xa0;secondes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_pin.py" line="133"/>
        <source>Staff PIN</source>
        <translation>Code PIN de l’équipe</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_pin.py" line="134"/>
        <source>Or show your staff badge to the camera.</source>
        <translation>Ou montrez votre badge équipe à la caméra.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_pin.py" line="135"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_pin.py" line="136"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/screens/staff.py" line="206"/>
        <source>Tutorials left out because of a problem: %1. Run “fablab-kiosk tutorials check” to see why.</source>
        <translation>Tutoriels mis de côté à cause d’un problème&#xa0;: %1. Lancez «&#xa0;fablab-kiosk tutorials check&#xa0;» pour savoir pourquoi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="229"/>
        <source>Free</source>
        <translation>Libérer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="230"/>
        <source>Reserve</source>
        <translation>Réserver</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="231"/>
        <source>Out of order</source>
        <translation>En panne</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="232"/>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="277"/>
        <source>Write the reason first, in the field above.</source>
        <translation>Écrivez d’abord la raison, dans le champ en haut.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="289"/>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="292"/>
        <source>Staff</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="293"/>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="294"/>
        <source>Quit the kiosk</source>
        <translation>Quitter la borne</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="296"/>
        <source>Quit the kiosk? Nobody can check in until it starts again.</source>
        <translation>Quitter la borne&#xa0;? Personne ne pourra pointer avant qu’elle redémarre.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="298"/>
        <source>Stay</source>
        <translation>Rester</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="299"/>
        <source>Yes, quit</source>
        <translation>Oui, quitter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="300"/>
        <source>In the building</source>
        <translation>Présents</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="301"/>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="302"/>
        <source>Machines</source>
        <translation>Machines</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="303"/>
        <source>Hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="304"/>
        <source>Trainings</source>
        <translation>Formations</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="305"/>
        <source>Reports</source>
        <translation>Bilans</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="306"/>
        <source>Workshops</source>
        <translation>Ateliers</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="307"/>
        <source>Reason:</source>
        <translation>Raison&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="308"/>
        <source>Reserve for:</source>
        <translation>Réserver pour&#xa0;:</translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <location filename="../../ui/widgets/still_there.py" line="96"/>
        <source>Are you still there?</source>
        <translation>Vous êtes encore là&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/still_there.py" line="97"/>
        <source>Back to the start in %n second(s).</source>
        <translation>
            <numerusform>Retour au début dans %n&#xa0;seconde.</numerusform>
            <numerusform>Retour au début dans %n&#xa0;secondes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/still_there.py" line="98"/>
        <source>Yes, I am here</source>
        <translation>Oui, je suis là</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="33"/>
        <source>Sync: no central server set. Staff can run: fablab-kiosk connect URL --token …</source>
        <translation>Synchronisation&#xa0;: aucun serveur central. L’équipe peut lancer&#xa0;: fablab-kiosk connect URL --token …</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/sync_panel.py" line="39"/>
        <source>%n event(s) waiting</source>
        <translation>
            <numerusform>%n événement en attente</numerusform>
            <numerusform>%n événements en attente</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="41"/>
        <source>up to date</source>
        <translation>à jour</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="42"/>
        <source>last success: %1</source>
        <translation>dernière réussite&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="45"/>
        <source>the server does not answer (network or server down)</source>
        <translation>le serveur ne répond pas (réseau ou serveur arrêté)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="46"/>
        <source>the server is busy</source>
        <translation>le serveur est occupé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="47"/>
        <source>the server refuses this kiosk&apos;s token</source>
        <translation>le serveur refuse le jeton de cette borne</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="48"/>
        <source>the server reported an error</source>
        <translation>le serveur a signalé une erreur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="50"/>
        <source>problem: %1</source>
        <translation>problème&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="52"/>
        <source>(next try %1)</source>
        <translation>(nouvel essai %1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/sync_panel.py" line="55"/>
        <source>%n event(s) refused by the server</source>
        <translation>
            <numerusform>%n événement refusé par le serveur</numerusform>
            <numerusform>%n événements refusés par le serveur</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="58"/>
        <source>members of other places are refused: %1</source>
        <translation>les membres des autres lieux sont refusés&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_panel.py" line="60"/>
        <source>Sync: %1</source>
        <translation>Synchronisation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../ui/texts.py" line="19"/>
        <source>We could not read this badge</source>
        <translation>Nous n’arrivons pas à lire ce badge</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="20"/>
        <source>This badge is not valid</source>
        <translation>Ce badge n’est pas valable</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="21"/>
        <source>This badge is from another place</source>
        <translation>Ce badge vient d’un autre lieu</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="22"/>
        <source>We do not know this badge</source>
        <translation>Nous ne connaissons pas ce badge</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="23"/>
        <source>This badge has been replaced</source>
        <translation>Ce badge a été remplacé</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="24"/>
        <source>We do not know this code</source>
        <translation>Nous ne connaissons pas ce code</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="27"/>
        <location filename="../../ui/texts.py" line="29"/>
        <source>Something went wrong</source>
        <translation>Il y a eu un problème</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="16"/>
        <source>This QR code is not a badge of this place</source>
        <translation>Ce code QR n’est pas un badge d’ici</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="35"/>
        <source>It may be a web address or a ticket. Show the badge we gave you, or tap “Forgot your badge?” and type the code printed under it. New here? Tap “First time here?”.</source>
        <translation>C’est peut-être une adresse web ou un billet. Montrez le badge que nous vous avons donné, ou appuyez sur «&#xa0;Badge oublié&#xa0;?&#xa0;» et tapez le code écrit dessous. Nouveau ou nouvelle&#xa0;? Appuyez sur «&#xa0;Première visite&#xa0;?&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="41"/>
        <source>Hold your badge still, about 20 cm from the camera, and try again. Or tap “Forgot your badge?” and type the code printed under it.</source>
        <translation>Tenez votre badge immobile, à 20&#xa0;cm environ de la caméra, et réessayez. Ou appuyez sur «&#xa0;Badge oublié&#xa0;?&#xa0;» et tapez le code écrit dessous.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="46"/>
        <source>Please ask a staff member. They can make you a new badge.</source>
        <translation>Demandez à quelqu’un de l’équipe. On peut vous faire un nouveau badge.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="49"/>
        <source>Badges from other fab labs do not work here. Tap “Just visiting”, or ask a staff member to become a member.</source>
        <translation>Les badges des autres fab labs ne marchent pas ici. Appuyez sur «&#xa0;Simple visite&#xa0;», ou parlez à l’équipe pour devenir membre.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="54"/>
        <source>Please ask a staff member. They will find your membership.</source>
        <translation>Demandez à quelqu’un de l’équipe. On retrouvera votre adhésion.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="57"/>
        <source>You have a newer badge. Please use it, or ask a staff member to print it again.</source>
        <translation>Vous avez un badge plus récent. Utilisez-le, ou demandez à l’équipe de le réimprimer.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="61"/>
        <source>Check the 8 characters printed under your QR code and type them again.</source>
        <translation>Vérifiez les 8 lettres et chiffres écrits sous votre QR code, puis tapez-les de nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="66"/>
        <source>Please ask a staff member.</source>
        <translation>Demandez à quelqu’un de l’équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="74"/>
        <source>My project</source>
        <translation>Mon projet</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="75"/>
        <source>Coworking</source>
        <translation>Coworking</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="76"/>
        <source>A workshop</source>
        <translation>Un atelier</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="77"/>
        <source>A meeting</source>
        <translation>Une réunion</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="78"/>
        <source>Just looking around</source>
        <translation>Découvrir le lieu</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="85"/>
        <source>65 and over</source>
        <translation>65 ans et plus</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="88"/>
        <source>Under %1</source>
        <translation>Moins de %1&#xa0;ans</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="89"/>
        <source>%1 to %2</source>
        <translation>%1 à %2&#xa0;ans</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="96"/>
        <source>%n min</source>
        <translation>%n&#xa0;min</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="98"/>
        <source>%1 h %2 min</source>
        <translation>%1&#xa0;h&#xa0;%2</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="114"/>
        <source>at %1</source>
        <translation>à&#xa0;%1</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="116"/>
        <source>tomorrow at %1</source>
        <translation>demain à&#xa0;%1</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="120"/>
        <source>%1 at %2</source>
        <translation>%1 à&#xa0;%2</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="124"/>
        <source>on %1 at %2</source>
        <translation>le %1 à&#xa0;%2</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="138"/>
        <source>tomorrow %1</source>
        <translation>demain %1</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="140"/>
        <source>yesterday %1</source>
        <translation>hier %1</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="151"/>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="152"/>
        <source>Open — closes %1</source>
        <translation>Ouvert&#xa0;— ferme %1</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="157"/>
        <source>Closed</source>
        <translation>Fermé</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="158"/>
        <source>Closed — opens %1</source>
        <translation>Fermé&#xa0;— ouvre %1</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="161"/>
        <source>Hours unknown</source>
        <translation>Horaires inconnus</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="166"/>
        <source>Free</source>
        <translation>Libre</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="167"/>
        <source>In use</source>
        <translation>Occupée</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="168"/>
        <source>Reserved</source>
        <translation>Réservée</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="169"/>
        <source>Out of order</source>
        <translation>En panne</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="170"/>
        <source>Maintenance</source>
        <translation>En maintenance</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="177"/>
        <source>3D printer</source>
        <translation>Imprimante 3D</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="178"/>
        <source>Laser cutter</source>
        <translation>Découpeuse laser</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="179"/>
        <source>CNC mill</source>
        <translation>Fraiseuse numérique</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="180"/>
        <source>Vinyl cutter</source>
        <translation>Découpeuse vinyle</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../../ui/screens/today.py" line="122"/>
        <source>closed</source>
        <translation>fermé</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="126"/>
        <source>Nothing special planned.</source>
        <translation>Rien de spécial prévu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="131"/>
        <source>Everywhere</source>
        <translation>Partout</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="140"/>
        <source>closed %1</source>
        <translation>fermé %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="143"/>
        <source>open %1, %2–%3</source>
        <translation>ouvert %1, %2–%3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="150"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="168"/>
        <source>Today and this week</source>
        <translation>Aujourd’hui et cette semaine</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="169"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="170"/>
        <source>Opening hours</source>
        <translation>Horaires d’ouverture</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="171"/>
        <source>Coming up</source>
        <translation>À venir</translation>
    </message>
    <message>
        <location filename="../../ui/screens/today.py" line="172"/>
        <source>Machines</source>
        <translation>Machines</translation>
    </message>
</context>
<context>
    <name>TutorialFlow</name>
    <message>
        <location filename="../../ui/tutorial_flow.py" line="71"/>
        <source>We do not know this badge. Try again, or ask a staff member.</source>
        <translation>Nous ne connaissons pas ce badge. Réessayez, ou demandez à l’équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/tutorial_flow.py" line="97"/>
        <source>Your result could not be saved. Please tell a staff member.</source>
        <translation>Votre résultat n’a pas pu être enregistré. Prévenez l’équipe, s’il vous plaît.</translation>
    </message>
    <message>
        <location filename="../../ui/tutorial_flow.py" line="107"/>
        <source>Recorded for %1.</source>
        <translation>Enregistré pour %1.</translation>
    </message>
    <message>
        <location filename="../../ui/tutorial_flow.py" line="114"/>
        <source>Hello %1! Your progress is saved from now on.</source>
        <translation>Bonjour %1&#xa0;! Votre progression est gardée à partir de maintenant.</translation>
    </message>
    <message>
        <location filename="../../ui/tutorial_flow.py" line="118"/>
        <source>Hello %1! Your result will be recorded.</source>
        <translation>Bonjour %1&#xa0;! Votre résultat sera enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/tutorial_flow.py" line="122"/>
        <source>Hello %1! Your progress and results are saved.</source>
        <translation>Bonjour %1&#xa0;! Votre progression et vos résultats sont gardés.</translation>
    </message>
</context>
<context>
    <name>TutorialListScreen</name>
    <message>
        <location filename="../../ui/screens/tutorials.py" line="97"/>
        <source>Other tutorials</source>
        <translation>Autres tutoriels</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorials.py" line="107"/>
        <source>%1 min</source>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorials.py" line="113"/>
        <source>Learn to use the workshop safely</source>
        <translation>Apprendre à utiliser l’atelier sans danger</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorials.py" line="114"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorials.py" line="117"/>
        <source>Hello %1! Your progress and results are saved.</source>
        <translation>Bonjour %1&#xa0;! Votre progression et vos résultats sont gardés.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorials.py" line="124"/>
        <source>Show your badge to the camera to save your progress. You can also follow a tutorial without it.</source>
        <translation>Montrez votre badge à la caméra pour garder votre progression. Vous pouvez aussi suivre un tutoriel sans badge.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorials.py" line="128"/>
        <source>This is not me</source>
        <translation>Ce n’est pas moi</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorials.py" line="130"/>
        <source>Type my code</source>
        <translation>Taper mon code</translation>
    </message>
</context>
<context>
    <name>TutorialPlayerScreen</name>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="206"/>
        <source>Step %1 of %2</source>
        <translation>Étape %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="224"/>
        <source>To the quiz</source>
        <translation>Au quiz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="224"/>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="297"/>
        <source>Right!</source>
        <translation>Bonne réponse&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="300"/>
        <source>Not quite. The right answer is: %1</source>
        <translation>Pas tout à fait. La bonne réponse est&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="363"/>
        <source>%1 right answers out of %2.</source>
        <translation>%1 bonnes réponses sur %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="368"/>
        <source>Well done, you passed!</source>
        <translation>Bravo, c’est réussi&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="371"/>
        <source>It is recorded for %1. A staff member will show you the machine before your first use.</source>
        <translation>C’est enregistré pour %1. Quelqu’un de l’équipe vous montrera la machine avant la première fois.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="376"/>
        <source>To have it recorded, show your badge to the camera now, or tap “Type my code”.</source>
        <translation>Pour l’enregistrer, montrez votre badge à la caméra maintenant, ou touchez «&#xa0;Taper mon code&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="390"/>
        <source>Type my code</source>
        <translation>Taper mon code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="379"/>
        <source>Almost there</source>
        <translation>Presque</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="380"/>
        <source>You need %1 % to pass. Read the steps again and retry.</source>
        <translation>Il faut %1&#xa0;% pour réussir. Relisez les étapes et réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="389"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="391"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="392"/>
        <source>Try the quiz again</source>
        <translation>Refaire le quiz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="393"/>
        <source>Read the steps again</source>
        <translation>Relire les étapes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="394"/>
        <source>Finish</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/tutorial_player.py" line="395"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../ui/screens/welcome.py" line="133"/>
        <source>The camera is not working.
Tap “Forgot your badge?” and type your code.</source>
        <translation>La caméra ne marche pas.
Appuyez sur «&#xa0;Badge oublié&#xa0;?&#xa0;» et tapez votre code.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="138"/>
        <source>Show your badge to the camera</source>
        <translation>Montrez votre badge à la caméra</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="139"/>
        <source>Hold the QR code in the yellow square.</source>
        <translation>Placez le QR code dans le carré jaune.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="140"/>
        <source>First time here?</source>
        <translation>Première visite&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="141"/>
        <source>Forgot your badge?</source>
        <translation>Badge oublié&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="142"/>
        <source>Just visiting</source>
        <translation>Simple visite</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="143"/>
        <source>Staff</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="144"/>
        <source>Learn to use a machine</source>
        <translation>Apprendre une machine</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="145"/>
        <source>Hours and machines</source>
        <translation>Horaires et machines</translation>
    </message>
</context>
<context>
    <name>WorkshopFigures</name>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="79"/>
        <source>Workshops and trainings, %1</source>
        <translation>Ateliers et formations, %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="81"/>
        <source>Workshops</source>
        <translation>Ateliers</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="82"/>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="83"/>
        <source>Different trainees</source>
        <translation>Stagiaires différents</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="84"/>
        <source>Trainee-hours</source>
        <translation>Heures-stagiaires</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/report_workshops.py" line="92"/>
        <source>%n half-day(s)</source>
        <translation>
            <numerusform>%n demi-journée</numerusform>
            <numerusform>%n demi-journées</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="97"/>
        <source>No workshop session in %1.</source>
        <translation>Aucune séance d’atelier en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="99"/>
        <source>By funder</source>
        <translation>Par financeur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="100"/>
        <source>Trainees by age</source>
        <translation>Stagiaires par âge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="101"/>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="104"/>
        <source>Funder</source>
        <translation>Financeur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="104"/>
        <location filename="../../ui/widgets/report_workshops.py" line="110"/>
        <source>Trainees</source>
        <translation>Stagiaires</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="106"/>
        <source>no funder</source>
        <translation>sans financeur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="110"/>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="112"/>
        <source>not given</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_workshops.py" line="116"/>
        <source>Trainee-hours: the hours each trainee was present, added up (half-days signed, signed at the desk or countersigned; not absences, not cancelled sessions).</source>
        <translation>Heures-stagiaires&#xa0;: les heures de présence de chaque stagiaire, additionnées (demi-journées signées, émargées à l’accueil ou contresignées&#xa0;; ni les absences, ni les séances annulées).</translation>
    </message>
</context>
<context>
    <name>WorkshopForm</name>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="155"/>
        <source>Edit the workshop</source>
        <translation>Modifier l&apos;atelier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="155"/>
        <source>New workshop</source>
        <translation>Nouvel atelier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="160"/>
        <source>Title (French):</source>
        <translation>Titre (français)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="161"/>
        <source>Title (English, if different):</source>
        <translation>Titre (anglais, s&apos;il diffère)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="162"/>
        <source>Space:</source>
        <translation>Espace&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="163"/>
        <source>Trainer(s), comma between names:</source>
        <translation>Formateur·rices, une virgule entre les noms&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="164"/>
        <source>Funder (optional, e.g. FSE+):</source>
        <translation>Financeur (facultatif, par ex. FSE+)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="165"/>
        <source>Course: tap the tutorials in the order they are taught</source>
        <translation>Parcours&#xa0;: touchez les tutoriels dans l&apos;ordre où ils sont enseignés</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="172"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_form.py" line="173"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>WorkshopPage</name>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="151"/>
        <source>Sessions (%1)</source>
        <translation>Séances (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="154"/>
        <source>No session yet: choose a day and the times below.</source>
        <translation>Pas encore de séance&#xa0;: choisissez un jour et les heures ci-dessous.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="158"/>
        <source>Trainees (%1)</source>
        <translation>Stagiaires (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="167"/>
        <source>Withdraw</source>
        <translation>Désinscrire</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="180"/>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="182"/>
        <source>closed, sheet sealed</source>
        <translation>close, feuille scellée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="188"/>
        <source>Roster</source>
        <translation>Émargement</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="193"/>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="196"/>
        <source>Cancel it</source>
        <translation>L&apos;annuler</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/workshop_page.py" line="218"/>
        <source>%n session(s) added.</source>
        <translation>
            <numerusform>%n séance ajoutée.</numerusform>
            <numerusform>%n séances ajoutées.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="231"/>
        <source>Session moved.</source>
        <translation>Séance déplacée.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="236"/>
        <source>Session cancelled.</source>
        <translation>Séance annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="254"/>
        <source>No member found.</source>
        <translation>Aucun membre trouvé.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="259"/>
        <source>Enrol %1</source>
        <translation>Inscrire %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="268"/>
        <source>%1 is enrolled.</source>
        <translation>%1 est inscrit·e.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="278"/>
        <source>Withdrawn; past sheets keep their marks.</source>
        <translation>Désinscrit·e&#xa0;; les feuilles passées gardent ses émargements.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="294"/>
        <source>%1 is registered and enrolled.</source>
        <translation>%1 est enregistré·e et inscrit·e.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="298"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="299"/>
        <source>All workshops</source>
        <translation>Tous les ateliers</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="300"/>
        <source>Find a member: name, email or badge code</source>
        <translation>Trouver un membre&#xa0;: nom, e-mail ou code du badge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="301"/>
        <source>Search</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="302"/>
        <source>Or a new trainee (no email needed):</source>
        <translation>Ou un·e nouveau·elle stagiaire (sans e-mail)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="303"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="304"/>
        <source>Last name (optional)</source>
        <translation>Nom (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_page.py" line="305"/>
        <source>Register and enrol</source>
        <translation>Enregistrer et inscrire</translation>
    </message>
</context>
<context>
    <name>WorkshopWords</name>
    <message>
        <location filename="../../ui/widgets/workshop_words.py" line="25"/>
        <source>Type the trainee&apos;s first name.</source>
        <translation>Tapez le prénom du ou de la stagiaire.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_words.py" line="28"/>
        <source>This first name is too long.</source>
        <translation>Ce prénom est trop long.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_words.py" line="31"/>
        <source>This last name is too long.</source>
        <translation>Ce nom est trop long.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_words.py" line="37"/>
        <source>The kiosk could not save it.</source>
        <translation>La borne n&apos;a pas pu l&apos;enregistrer.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshop_words.py" line="40"/>
        <source>Something went wrong: %1</source>
        <translation>Un problème est survenu&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>WorkshopsPanel</name>
    <message>
        <location filename="../../ui/widgets/workshops_panel.py" line="131"/>
        <source>next: %1</source>
        <translation>prochaine&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshops_panel.py" line="134"/>
        <source>no session coming</source>
        <translation>aucune séance à venir</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/workshops_panel.py" line="135"/>
        <source>%n trainee(s)</source>
        <translation>
            <numerusform>%n stagiaire</numerusform>
            <numerusform>%n stagiaires</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshops_panel.py" line="142"/>
        <source>No workshop yet.</source>
        <translation>Pas encore d&apos;atelier.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshops_panel.py" line="181"/>
        <source>Workshop saved.</source>
        <translation>Atelier enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshops_panel.py" line="232"/>
        <source>New workshop</source>
        <translation>Nouvel atelier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/workshops_panel.py" line="233"/>
        <source>Workshops with a session coming come first.</source>
        <translation>Les ateliers avec une séance à venir viennent en premier.</translation>
    </message>
</context>
</TS>
