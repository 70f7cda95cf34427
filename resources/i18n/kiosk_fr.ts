<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>BadgeScreen</name>
    <message>
        <location filename="../../ui/screens/badge.py" line="71"/>
        <source>Printing… take your card from the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="73"/>
        <source>The printer did not answer. Take a photo of your badge instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="82"/>
        <source>Welcome %1! Here is your badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="85"/>
        <source>Take a photo of it with your phone. Show it to the camera each time you come and go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="89"/>
        <source>No badge with you? Type this code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="90"/>
        <source>Print my badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="91"/>
        <source>Check in now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/badge.py" line="92"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodeEntryScreen</name>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="69"/>
        <source>Type the code printed under your QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="70"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/code_entry.py" line="71"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuestScreen</name>
    <message>
        <location filename="../../ui/screens/guest.py" line="78"/>
        <source>Welcome!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="79"/>
        <source>How many are you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="80"/>
        <source>Why are you here today? Tap one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/guest.py" line="83"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message>
        <location filename="../../ui/screens/register.py" line="212"/>
        <source>Your registration could not be saved. Please ask a staff member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="220"/>
        <source>Please type your first name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="221"/>
        <source>This first name is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="222"/>
        <source>This last name is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="223"/>
        <source>This email address looks wrong, e.g. name@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="224"/>
        <source>This postcode looks wrong, e.g. 80000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="229"/>
        <source>What is your first name?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="230"/>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="231"/>
        <source>Last name (if you wish)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="232"/>
        <source>How old are you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="233"/>
        <source>This helps us count who comes. Tap one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="235"/>
        <source>I&apos;d rather not say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="236"/>
        <source>Email and postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="237"/>
        <source>Email (if you wish): to receive your badge again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="238"/>
        <source>Postcode (if you wish)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="239"/>
        <source>What we keep about you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="243"/>
        <source>&lt;p&gt;We keep: your first name, and if you gave them your last name, email, age group and postcode; and the times you come and go.&lt;/p&gt;&lt;p&gt;Why: to know who is in the building (for safety), to check memberships, and to count visits for the people who fund us. Your badge holds no personal data, only a number.&lt;/p&gt;&lt;p&gt;How long: your visits are made anonymous after %1 months. Your details stay while you are a member; ask staff at any time to see them, correct them, or erase them.&lt;/p&gt;&lt;p&gt;Nobody else receives your data.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="255"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="256"/>
        <location filename="../../ui/screens/register.py" line="257"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="258"/>
        <source>No thanks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/register.py" line="259"/>
        <source>I agree</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../../ui/screens/result.py" line="81"/>
        <source>Your visit could not be recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="83"/>
        <source>The kiosk has a storage problem. Please tell a staff member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="90"/>
        <location filename="../../ui/screens/result.py" line="115"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="118"/>
        <source>Welcome!</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/result.py" line="120"/>
        <source>%n person(s) counted. Enjoy your visit.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="128"/>
        <source>Goodbye %1!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="131"/>
        <source>Checked out at %1. You stayed %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="137"/>
        <source>Hello %1!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="139"/>
        <source>Checked in at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="148"/>
        <source>Where are you going today?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="150"/>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="156"/>
        <source>Your membership has expired. Your visit is recorded: please see a staff member to renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="163"/>
        <source>Your membership is not paid yet. Please see a staff member.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../ui/texts.py" line="14"/>
        <location filename="../../ui/texts.py" line="15"/>
        <source>We could not read this badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="16"/>
        <source>This badge is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="17"/>
        <source>This badge is from another place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="18"/>
        <source>We do not know this badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="19"/>
        <source>This badge has been replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="20"/>
        <source>We do not know this code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="23"/>
        <location filename="../../ui/texts.py" line="25"/>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="31"/>
        <source>Hold your badge still, about 20 cm from the camera. Or tap “Forgot your badge?” and type the code printed under it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="36"/>
        <source>The picture is damaged or cut. Try again, or type the code printed under it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="39"/>
        <source>Please ask a staff member. They can make you a new badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="42"/>
        <source>Badges from other fab labs do not work here. Tap “Just visiting”, or ask a staff member to become a member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="47"/>
        <source>Please ask a staff member. They will find your membership.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="50"/>
        <source>You have a newer badge. Please use it, or ask a staff member to print it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="54"/>
        <source>Check the 8 characters printed under your QR code and type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="59"/>
        <source>Please ask a staff member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="67"/>
        <source>My project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="68"/>
        <source>Coworking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="69"/>
        <source>A workshop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="70"/>
        <source>A meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="71"/>
        <source>Just looking around</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="78"/>
        <source>65 and over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="81"/>
        <source>Under %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="82"/>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="89"/>
        <source>%n min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="91"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../ui/screens/welcome.py" line="112"/>
        <source>The camera is not working.
Tap “Forgot your badge?” and type your code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="117"/>
        <source>Show your badge to the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="118"/>
        <source>Hold the QR code in the yellow square.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="119"/>
        <source>First time here?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="120"/>
        <source>Forgot your badge?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="121"/>
        <source>Just visiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
