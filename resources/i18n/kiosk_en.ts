<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ResultScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/result.py" line="143"/>
        <source>%n person(s) counted. Enjoy your visit.</source>
        <translation>
            <numerusform>%n person counted. Enjoy your visit.</numerusform>
            <numerusform>%n people counted. Enjoy your visit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffPinScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/staff_pin.py" line="113"/>
        <source>Too many wrong PINs. Wait %n second(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Wait %n second.</numerusform>
            <numerusform>Too many wrong PINs. Wait %n seconds.</numerusform>
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
</TS>
