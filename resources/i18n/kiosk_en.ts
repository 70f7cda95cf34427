<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MembersPanel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/members_panel.py" line="279"/>
        <source>Erased. %n visit(s) kept as anonymous counts.</source>
        <translation>
            <numerusform>Erased. %n visit kept as an anonymous count.</numerusform>
            <numerusform>Erased. %n visits kept as anonymous counts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PresencePanel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/presence_panel.py" line="83"/>
        <source>%n person(s) in the building</source>
        <translation>
            <numerusform>%n person in the building</numerusform>
            <numerusform>%n people in the building</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/presence_panel.py" line="142"/>
        <source>%n forgotten visit(s) closed at closing time.</source>
        <translation>
            <numerusform>%n forgotten visit closed at closing time.</numerusform>
            <numerusform>%n forgotten visits closed at closing time.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/report_panel.py" line="337"/>
        <source>%n visit(s) of this kiosk are not on the server yet</source>
        <translation>
            <numerusform>%n visit of this kiosk is not on the server yet</numerusform>
            <numerusform>%n visits of this kiosk are not on the server yet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportTiles</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/report_charts.py" line="212"/>
        <source>Guests (%n group(s))</source>
        <translation>
            <numerusform>Guests (%n group)</numerusform>
            <numerusform>Guests (%n groups)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/result.py" line="240"/>
        <source>%n person(s) counted. Enjoy your visit.</source>
        <translation>
            <numerusform>%n person counted. Enjoy your visit.</numerusform>
            <numerusform>%n people counted. Enjoy your visit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterExport</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/roster_export.py" line="110"/>
        <source>Saved: the sheet and %n certificate(s) in %1</source>
        <translation>
            <numerusform>Saved: the sheet and %n certificate in %1</numerusform>
            <numerusform>Saved: the sheet and %n certificates in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/session_form.py" line="113"/>
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffPinScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/staff_pin.py" line="128"/>
        <source>Too many wrong PINs. Wait %n second(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Wait %n second.</numerusform>
            <numerusform>Too many wrong PINs. Wait %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/still_there.py" line="97"/>
        <source>Back to the start in %n second(s).</source>
        <translation>
            <numerusform>Back to the start in %n second.</numerusform>
            <numerusform>Back to the start in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/sync_panel.py" line="39"/>
        <source>%n event(s) waiting</source>
        <translation>
            <numerusform>%n event waiting</numerusform>
            <numerusform>%n events waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/sync_panel.py" line="55"/>
        <source>%n event(s) refused by the server</source>
        <translation>
            <numerusform>%n event refused by the server</numerusform>
            <numerusform>%n events refused by the server</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkshopFigures</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/report_workshops.py" line="92"/>
        <source>%n half-day(s)</source>
        <translation>
            <numerusform>%n half-day</numerusform>
            <numerusform>%n half-days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkshopPage</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/workshop_page.py" line="218"/>
        <source>%n session(s) added.</source>
        <translation>
            <numerusform>%n session added.</numerusform>
            <numerusform>%n sessions added.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkshopsPanel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/workshops_panel.py" line="135"/>
        <source>%n trainee(s)</source>
        <translation>
            <numerusform>%n trainee</numerusform>
            <numerusform>%n trainees</numerusform>
        </translation>
    </message>
</context>
</TS>
