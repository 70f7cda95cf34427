<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>BadgeScreen</name>
    <message>
        <location filename="../../ui/screens/badge.py" line="71"/>
        <source>Printing… take your card from the printer.</source>
        <translation>Impression en cours… Prenez votre carte dans l’imprimante.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="73"/>
        <source>The printer did not answer. Take a photo of your badge instead.</source>
        <translation>L’imprimante ne répond pas. Prenez plutôt votre badge en photo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="82"/>
        <source>Welcome %1! Here is your badge.</source>
        <translation>Bienvenue %1&#xa0;! Voici votre badge.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="85"/>
        <source>Take a photo of it with your phone. Show it to the camera each time you come and go.</source>
        <translation>Prenez-le en photo avec votre téléphone. Montrez-le à la caméra à chaque arrivée et à chaque départ.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="89"/>
        <source>No badge with you? Type this code:</source>
        <translation>Badge oublié&#xa0;? Tapez ce code&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="90"/>
        <source>Print my badge</source>
        <translation>Imprimer mon badge</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="91"/>
        <source>Check in now</source>
        <translation>Enregistrer mon arrivée</translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="92"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>CodeEntryScreen</name>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="70"/>
        <source>Type the code printed under your QR code</source>
        <translation>Tapez le code écrit sous votre QR code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="71"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="72"/>
        <source>OK</source>
        <translation>Valider</translation>
    </message>
</context>
<context>
    <name>GuestScreen</name>
    <message>
        <location filename="../../ui/screens/guest.py" line="79"/>
        <source>Welcome!</source>
        <translation>Bienvenue&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="80"/>
        <source>How many are you?</source>
        <translation>Vous êtes combien&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="81"/>
        <source>Why are you here today? Tap one.</source>
        <translation>Pourquoi venez-vous aujourd’hui&#xa0;? Choisissez une réponse.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="84"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message>
        <location filename="../../ui/screens/register.py" line="226"/>
        <source>Your registration could not be saved. Please ask a staff member.</source>
        <translation>Votre inscription n’a pas pu être enregistrée. Demandez à quelqu’un de l’équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="234"/>
        <source>Please type your first name.</source>
        <translation>Tapez votre prénom, s’il vous plaît.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="235"/>
        <source>This first name is too long.</source>
        <translation>Ce prénom est trop long.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="236"/>
        <source>This last name is too long.</source>
        <translation>Ce nom est trop long.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="237"/>
        <source>This email address looks wrong, e.g. name@example.org</source>
        <translation>Cette adresse e-mail semble incorrecte. Exemple&#xa0;: nom@example.org</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="238"/>
        <source>This postcode looks wrong, e.g. 80000</source>
        <translation>Ce code postal semble incorrect. Exemple&#xa0;: 80000</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="243"/>
        <source>What is your first name?</source>
        <translation>Quel est votre prénom&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="244"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="245"/>
        <source>Last name (if you wish)</source>
        <translation>Nom de famille (si vous voulez)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="246"/>
        <source>How old are you?</source>
        <translation>Quel âge avez-vous&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="247"/>
        <source>This helps us count who comes. Tap one.</source>
        <translation>Cela nous aide à savoir qui vient chez nous. Choisissez une réponse.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="249"/>
        <source>I&apos;d rather not say</source>
        <translation>Ne pas répondre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="250"/>
        <source>Email and postcode</source>
        <translation>E-mail et code postal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="251"/>
        <source>Email (if you wish): to receive your badge again</source>
        <translation>E-mail (si vous voulez)&#xa0;: pour vous renvoyer votre badge si besoin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="252"/>
        <source>Postcode (if you wish)</source>
        <translation>Code postal (si vous voulez)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="253"/>
        <source>What we keep about you</source>
        <translation>Ce que nous gardons sur vous</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="257"/>
        <source>&lt;p&gt;We keep: your first name, and if you gave them your last name, email, age group and postcode; and the times you come and go.&lt;/p&gt;&lt;p&gt;Why: to know who is in the building (for safety), to check memberships, and to count visits for the people who fund us. Your badge holds no personal data, only a number.&lt;/p&gt;&lt;p&gt;How long: your visits are made anonymous after %1 months. Your details stay while you are a member; ask staff at any time to see them, correct them, or erase them.&lt;/p&gt;&lt;p&gt;Nobody else receives your data.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nous gardons&#xa0;: votre prénom et, si vous les avez donnés, votre nom, votre e-mail, votre tranche d’âge et votre code postal. Et aussi vos heures d’arrivée et de départ.&lt;/p&gt;&lt;p&gt;Pourquoi&#xa0;? Pour savoir qui est dans le bâtiment (pour la sécurité), pour vérifier les adhésions, et pour compter les visites pour ceux qui nous financent. Votre badge ne contient aucune donnée personnelle, seulement un numéro.&lt;/p&gt;&lt;p&gt;Pour combien de temps&#xa0;? Vos visites deviennent anonymes après %1&#xa0;mois. Vos informations restent tant que vous êtes membre. À tout moment, l’équipe peut vous les montrer, les corriger ou les effacer&#xa0;: il suffit de demander.&lt;/p&gt;&lt;p&gt;Personne d’autre ne reçoit vos données.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="269"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="270"/>
        <location filename="../../ui/screens/register.py" line="271"/>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="272"/>
        <source>No thanks</source>
        <translation>Non merci</translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="273"/>
        <source>I agree</source>
        <translation>J’accepte</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../../ui/screens/result.py" line="83"/>
        <source>Your visit could not be recorded</source>
        <translation>Votre visite n’a pas été enregistrée</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="85"/>
        <source>The kiosk has a storage problem. Please tell a staff member.</source>
        <translation>La borne a un problème d’enregistrement. Prévenez quelqu’un de l’équipe, s’il vous plaît.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="92"/>
        <location filename="../../ui/screens/result.py" line="118"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="121"/>
        <source>Welcome!</source>
        <translation>Bienvenue&#xa0;!</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/result.py" line="123"/>
        <source>%n person(s) counted. Enjoy your visit.</source>
        <translation>
            <numerusform>%n&#xa0;personne comptée. Bonne visite&#xa0;!</numerusform>
            <numerusform>%n&#xa0;personnes comptées. Bonne visite&#xa0;!</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="131"/>
        <source>Goodbye %1!</source>
        <translation>Au revoir %1&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="134"/>
        <source>Checked out at %1. You stayed %2.</source>
        <translation>Départ noté à %1. Votre visite a duré %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="140"/>
        <source>Hello %1!</source>
        <translation>Bonjour %1&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="142"/>
        <source>Checked in at %1.</source>
        <translation>Arrivée notée à %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="151"/>
        <source>Where are you going today?</source>
        <translation>Où allez-vous aujourd’hui&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="153"/>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="159"/>
        <source>Your membership has expired. Your visit is recorded: please see a staff member to renew it.</source>
        <translation>Votre adhésion n’est plus valable. Votre visite est bien notée. Pour renouveler votre adhésion, parlez à quelqu’un de l’équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="166"/>
        <source>Your membership is not paid yet. Please see a staff member.</source>
        <translation>Votre adhésion n’est pas encore payée. Parlez à quelqu’un de l’équipe, s’il vous plaît.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../ui/texts.py" line="14"/>
        <location filename="../../ui/texts.py" line="15"/>
        <source>We could not read this badge</source>
        <translation>Nous n’arrivons pas à lire ce badge</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="16"/>
        <source>This badge is not valid</source>
        <translation>Ce badge n’est pas valable</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="17"/>
        <source>This badge is from another place</source>
        <translation>Ce badge vient d’un autre lieu</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="18"/>
        <source>We do not know this badge</source>
        <translation>Nous ne connaissons pas ce badge</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="19"/>
        <source>This badge has been replaced</source>
        <translation>Ce badge a été remplacé</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="20"/>
        <source>We do not know this code</source>
        <translation>Nous ne connaissons pas ce code</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="23"/>
        <location filename="../../ui/texts.py" line="25"/>
        <source>Something went wrong</source>
        <translation>Il y a eu un problème</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="31"/>
        <source>Hold your badge still, about 20 cm from the camera. Or tap “Forgot your badge?” and type the code printed under it.</source>
        <translation>Tenez votre badge sans bouger, à environ 20&#xa0;cm de la caméra. Ou appuyez sur «&#xa0;Badge oublié&#xa0;?&#xa0;» et tapez le code écrit sous le QR code.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="36"/>
        <source>The picture is damaged or cut. Try again, or type the code printed under it.</source>
        <translation>Le QR code est abîmé ou coupé. Réessayez, ou tapez le code écrit dessous.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="39"/>
        <source>Please ask a staff member. They can make you a new badge.</source>
        <translation>Demandez à quelqu’un de l’équipe. On peut vous faire un nouveau badge.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="42"/>
        <source>Badges from other fab labs do not work here. Tap “Just visiting”, or ask a staff member to become a member.</source>
        <translation>Les badges des autres fab labs ne marchent pas ici. Appuyez sur «&#xa0;Simple visite&#xa0;», ou parlez à l’équipe pour devenir membre.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="47"/>
        <source>Please ask a staff member. They will find your membership.</source>
        <translation>Demandez à quelqu’un de l’équipe. On retrouvera votre adhésion.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="50"/>
        <source>You have a newer badge. Please use it, or ask a staff member to print it again.</source>
        <translation>Vous avez un badge plus récent. Utilisez-le, ou demandez à l’équipe de le réimprimer.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="54"/>
        <source>Check the 8 characters printed under your QR code and type them again.</source>
        <translation>Vérifiez les 8 lettres et chiffres écrits sous votre QR code, puis tapez-les de nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="59"/>
        <source>Please ask a staff member.</source>
        <translation>Demandez à quelqu’un de l’équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="67"/>
        <source>My project</source>
        <translation>Mon projet</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="68"/>
        <source>Coworking</source>
        <translation>Coworking</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="69"/>
        <source>A workshop</source>
        <translation>Un atelier</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="70"/>
        <source>A meeting</source>
        <translation>Une réunion</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="71"/>
        <source>Just looking around</source>
        <translation>Découvrir le lieu</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="78"/>
        <source>65 and over</source>
        <translation>65 ans et plus</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="81"/>
        <source>Under %1</source>
        <translation>Moins de %1&#xa0;ans</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="82"/>
        <source>%1 to %2</source>
        <translation>%1 à %2&#xa0;ans</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="89"/>
        <source>%n min</source>
        <translation>%n&#xa0;min</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="91"/>
        <source>%1 h %2 min</source>
        <translation>%1&#xa0;h&#xa0;%2</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../ui/screens/welcome.py" line="112"/>
        <source>The camera is not working.
Tap “Forgot your badge?” and type your code.</source>
        <translation>La caméra ne marche pas.
Appuyez sur «&#xa0;Badge oublié&#xa0;?&#xa0;» et tapez votre code.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="117"/>
        <source>Show your badge to the camera</source>
        <translation>Montrez votre badge à la caméra</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="118"/>
        <source>Hold the QR code in the yellow square.</source>
        <translation>Placez le QR code dans le carré jaune.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="119"/>
        <source>First time here?</source>
        <translation>Première visite&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="120"/>
        <source>Forgot your badge?</source>
        <translation>Badge oublié&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="121"/>
        <source>Just visiting</source>
        <translation>Simple visite</translation>
    </message>
</context>
</TS>
